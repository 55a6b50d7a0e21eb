// Parses and validates docs/asyncapi.yaml with the official @asyncapi/parser (AsyncAPI 3 spec + $ref resolution).
// Usage: node asyncapi.mjs <path to asyncapi.yaml>
// Output on stdout: {"valid": bool, "version": "...", "errors": [...], "warnings": n, "channels": {id: address}, "operations": [...],
//                    "messages": {channelId: [schema titles]}}
import { Parser, fromFile } from '@asyncapi/parser';

const parser = new Parser();
const { document, diagnostics } = await fromFile(parser, process.argv[2]).parse();
const errors = diagnostics.filter((d) => d.severity === 0).map((d) => `${d.code}: ${d.message} at ${JSON.stringify(d.path)}`);
const out = { valid: !!document && errors.length === 0, errors, warnings: diagnostics.filter((d) => d.severity === 1).length, channels: {}, operations: [], messages: {} };
if (document) {
  out.version = document.version();
  for (const ch of document.channels().all()) {
    out.channels[ch.id()] = ch.address();
    out.messages[ch.id()] = ch.messages().all().map((m) => (m.payload() ? m.payload().title() || '' : ''));
  }
  for (const op of document.operations().all()) {
    out.operations.push({ id: op.id(), action: op.action(), channel: op.channels().all().map((c) => c.id()).join(',') });
  }
}
process.stdout.write(JSON.stringify(out));

// Validates JSON documents against a JSON Schema (draft-07) with ajv in strict mode and prints one JSON
// line per document: {"file": ..., "valid": bool, "errors": [{"path", "message"}]}.
// Usage: node validate.mjs <schema.json> <document.json>...
// Exit code: 0 when every document is valid, 1 when one is not, 2 on a usage or schema error.
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';

const [schemaPath, ...documents] = process.argv.slice(2);
if (!schemaPath || documents.length === 0) {
  console.error('usage: node validate.mjs <schema.json> <document.json>...');
  process.exit(2);
}

let validate;
try {
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
  validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
} catch (e) {
  console.error(`schema error: ${e.message}`);
  process.exit(2);
}

let allValid = true;
for (const file of documents) {
  let result;
  try {
    const valid = validate(JSON.parse(readFileSync(file, 'utf8')));
    result = {
      file,
      valid,
      errors: (validate.errors ?? []).map(e => ({ path: e.instancePath || '/', message: `${e.message}${e.params ? ' ' + JSON.stringify(e.params) : ''}` })),
    };
  } catch (e) {
    result = { file, valid: false, errors: [{ path: '/', message: e.message }] };
  }
  allValid &&= result.valid;
  console.log(JSON.stringify(result));
}
process.exit(allValid ? 0 : 1);

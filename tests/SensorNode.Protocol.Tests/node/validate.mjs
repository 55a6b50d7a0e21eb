// Validates JSON documents against the message schemas in docs/schemas with ajv (JSON Schema draft 2020-12).
// Input on stdin: {"schemaDir": "...", "cases": [{"name": "...", "schema": "telemetry.schema.json", "data": <any>}]}
// Output on stdout: {"results": [{"name": "...", "valid": true|false, "errors": [...]}]}
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';

const input = JSON.parse(readFileSync(0, 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
for (const file of readdirSync(input.schemaDir).filter((f) => f.endsWith('.schema.json'))) {
  ajv.addSchema(JSON.parse(readFileSync(join(input.schemaDir, file), 'utf8')), file);
}
const results = input.cases.map((c) => {
  const validate = ajv.getSchema(c.schema);
  if (!validate) {
    return { name: c.name, valid: false, errors: [`no schema ${c.schema}`] };
  }
  const valid = validate(c.data);
  return { name: c.name, valid, errors: valid ? [] : validate.errors.map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`) };
});
process.stdout.write(JSON.stringify({ results }));

// Validates AAS environment JSON files in one process (so the tests start node once for all of them):
//   node check.mjs <aas.json schema> <file>...
// For each file: JSON Schema draft 2019-09 with ajv (honours const; regexes in non-u mode as the schema
// README requires) and aas-core3.0 verification. Prints one JSON array on stdout:
//   [{"file": "...", "schema": ["<instancePath> <message>", ...], "verify": ["<path>: <message>", ...]}]
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";

const require = createRequire(import.meta.url);
const Ajv2019 = require("ajv/dist/2019").default;
// The ESM build of the package has extension-less imports: load its CJS build.
const aas = require("@aas-core-works/aas-core3.0-typescript");

const [schemaPath, ...files] = process.argv.slice(2);
if (!schemaPath || files.length === 0) {
  console.error("usage: node check.mjs <schema.json> <file>...");
  process.exit(2);
}

const ajv = new Ajv2019({ strict: false, unicodeRegExp: false, allErrors: false });
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, "utf8")));

const results = [];
for (const file of files) {
  const result = { file, schema: [], verify: [] };
  let json;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    result.schema.push(`cannot read/parse: ${e.message}`);
    results.push(result);
    continue;
  }
  if (!validate(json)) {
    for (const err of validate.errors) result.schema.push(`${err.instancePath} ${err.message}`);
  }
  const env = aas.jsonization.environmentFromJsonable(json);
  if (env.error !== null) {
    result.verify.push(`DESERIALIZATION ERROR at ${env.error.path}: ${env.error.message}`);
  } else {
    for (const err of aas.verification.verify(env.mustValue())) result.verify.push(`${err.path}: ${err.message}`);
  }
  results.push(result);
}
process.stdout.write(JSON.stringify(results));

// Usage: node validate.mjs <values.schema.json> <values.yaml>  (overrides as JSON on stdin, optional)
// Merges the overrides into the values the way helm merges --set/-f (maps merge, a null removes the
// key), validates the result with Ajv (draft-07; strict about unknown keywords) and prints
// {"valid": bool, "errors": [{instancePath, keyword, message, params}]}.
import { readFileSync } from "node:fs";
import Ajv from "ajv";
import YAML from "yaml";

const [schemaPath, valuesPath] = process.argv.slice(2);
const schema = JSON.parse(readFileSync(schemaPath, "utf8"));
const values = YAML.parse(readFileSync(valuesPath, "utf8")) ?? {};
const stdin = readFileSync(0, "utf8").trim();
const overrides = stdin ? JSON.parse(stdin) : {};

const isMap = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
function merge(base, over) {
  const out = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (value === null) delete out[key];
    else if (isMap(value) && isMap(out[key])) out[key] = merge(out[key], value);
    else out[key] = value;
  }
  return out;
}

const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });
const validate = ajv.compile(schema);
const valid = validate(merge(values, overrides));
const errors = (validate.errors ?? []).map(({ instancePath, keyword, message, params }) => ({ instancePath, keyword, message, params }));
process.stdout.write(JSON.stringify({ valid, errors }));

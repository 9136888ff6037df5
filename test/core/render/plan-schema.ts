import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';

const SCHEMA = fileURLToPath(new URL('../../../../schema/plan.schema.json', import.meta.url));

/** A validator for schema/plan.schema.json, the documented form of `--format json` and `--out`: the errors, or none. */
export function planValidator(): (data: unknown) => string[] {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')) as object);
  return (data) => (validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`));
}

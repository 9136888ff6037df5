// Writes core/manifest/schema-validator.generated.ts: ajv's standalone code for the manifest's
// JSON Schema, and the schema itself as a value. Compiling the schema takes ajv a few hundred
// milliseconds at every start; the generated module loads in a few, and no run reads the schema
// file (the CLI is shipped bundled, away from it). A test fails when the schema and the generated
// code disagree.
// Regenerate after editing schema/manifest.schema.json:
//   npx tsc -p tsconfig.json && node dist/core/manifest/schema-codegen.js

import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Ajv2020, type Options } from 'ajv/dist/2020.js';
import standalone from 'ajv/dist/standalone/index.js';
import { PINSYNC_KEYWORDS } from './schema-keywords.js';
import type { SchemaNode } from './schema.js';

/** The schema file, shipped with the package for editors' `$schema` lines. */
export const SCHEMA_URL = new URL('../../../schema/manifest.schema.json', import.meta.url);

export const AJV_OPTIONS: Options = {
  allErrors: true,
  // Errors carry their schema, so messages can list the known fields and both bounds.
  verbose: true,
  strict: true,
  // `required` is checked where the property is defined through $ref, which strict mode misses.
  strictRequired: false,
  // Pinpoint's length limits count UTF-16 code units (as the emulator does), not code points.
  unicode: false,
  logger: false,
};

const HEADER = `// @ts-nocheck
// Generated from schema/manifest.schema.json by core/manifest/schema-codegen.ts: do not edit.
`;

export function generateValidatorSource(): string {
  const ajv = new Ajv2020({ ...AJV_OPTIONS, code: { source: true, esm: true } });
  for (const keyword of PINSYNC_KEYWORDS) ajv.addKeyword(keyword);
  const schema = JSON.parse(readFileSync(SCHEMA_URL, 'utf8')) as SchemaNode;
  const validate = ajv.compile(schema);
  // A CommonJS module: the default import is module.exports, which carries the function as .default.
  const generate = (standalone as unknown as { default: (ajv: Ajv2020, validate: unknown) => string }).default;
  return `${HEADER}${generate(ajv, validate)}\nexport const schema = ${JSON.stringify(schema)};\n`;
}

export const GENERATED_URL = new URL('../../../core/manifest/schema-validator.generated.ts', import.meta.url);

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(GENERATED_URL, generateValidatorSource());
  process.stdout.write(`wrote ${fileURLToPath(GENERATED_URL)}\n`);
}

// The manifest's JSON Schema (schema/manifest.schema.json, shipped with the package for editors)
// is the single source of the field list: the validator is generated from it, and every table the
// loader and `fmt` need (field order, pinsync's own keys, server-managed keys, attribute maps) is
// read from it here, as the generated module carries it. A test keeps it in agreement with the
// TypeScript types.

import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import type { DocPath } from './path.js';
import { ROLE } from './schema-keywords.js';
import * as generated from './schema-validator.generated.js';

export type SchemaNode = { readonly [keyword: string]: unknown };

export const MANIFEST_SCHEMA: SchemaNode = generated.schema as SchemaNode;


// ajv's code for the schema, generated ahead (see schema-codegen.ts) so no run compiles it.
const validator = generated.validate as unknown as ValidateFunction;

/** Every schema error of a document. */
export function validateDocument(root: unknown): readonly ErrorObject[] {
  if (root === null || typeof root !== 'object' || Array.isArray(root)) return validateWhole(root);
  const doc = root as Record<string, unknown>;
  const lists = LISTS.filter((key) => Array.isArray(doc[key]) && (doc[key] as unknown[]).length > SLICE);
  if (lists.length === 0) return validateWhole(root);
  // ajv adds each failing item's errors to a copy of the errors so far: with thousands of failing
  // endpoints (one misspelt field everywhere) that took minutes. Long lists go through in slices.
  const errors = [...validateWhole({ ...doc, ...Object.fromEntries(lists.map((key) => [key, []])) })];
  for (const key of lists) {
    const list = doc[key] as unknown[];
    for (let start = 0; start < list.length; start += SLICE) {
      for (const e of validateWhole({ [key]: list.slice(start, start + SLICE) })) errors.push(shifted(e, key, start));
    }
  }
  return errors;
}

const LISTS = ['endpoints', 'Item'] as const;
const SLICE = 500;

function validateWhole(root: unknown): readonly ErrorObject[] {
  return validator(root) ? [] : (validator.errors ?? []);
}

/** An error found in a slice of a list, at its index in the whole list. */
function shifted(e: ErrorObject, key: string, start: number): ErrorObject {
  const prefix = `/${key}/`;
  if (start === 0 || !e.instancePath.startsWith(prefix)) return e;
  const rest = e.instancePath.slice(prefix.length);
  const slash = rest.indexOf('/');
  const index = Number(slash < 0 ? rest : rest.slice(0, slash)) + start;
  return { ...e, instancePath: `${prefix}${index}${slash < 0 ? '' : rest.slice(slash)}` };
}

/** Follows a local `$ref` (`#/$defs/name`), merging the referring node's own keywords over it. */
export function resolveRef(node: SchemaNode): SchemaNode {
  const ref = node['$ref'];
  if (typeof ref !== 'string') return node;
  const target = ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<SchemaNode>((n, part) => n[part] as SchemaNode, MANIFEST_SCHEMA);
  const { $ref: _ref, ...own } = node;
  const resolved = resolveRef(target);
  const properties = { ...propertiesOf(resolved), ...propertiesOf(own) };
  return { ...resolved, ...own, ...(Object.keys(properties).length > 0 && { properties }) };
}

export function propertiesOf(node: SchemaNode): Readonly<Record<string, SchemaNode>> {
  return (node['properties'] as Record<string, SchemaNode> | undefined) ?? {};
}

/** The schema of the value at `path` in a document, or undefined where the schema says nothing. */
export function schemaAt(path: DocPath): SchemaNode | undefined {
  let node: SchemaNode | undefined = resolveRef(MANIFEST_SCHEMA);
  for (const segment of path) {
    if (!node) return undefined;
    if (typeof segment === 'number') {
      node = node['items'] as SchemaNode | undefined;
    } else {
      const own: SchemaNode | undefined = propertiesOf(node)[segment];
      const rest = node['additionalProperties'];
      node = own ?? (typeof rest === 'object' ? (rest as SchemaNode) : undefined);
    }
    node = node && resolveRef(node);
  }
  return node;
}

export function roleOf(node: SchemaNode): string | undefined {
  return node[ROLE] as string | undefined;
}

/** A mapping of free names to values (Attributes, Metrics), as opposed to an object of fields. */
export function isNameMap(node: SchemaNode): boolean {
  return typeof node['additionalProperties'] === 'object' && !node['properties'];
}

const ENDPOINT = resolveRef(MANIFEST_SCHEMA['$defs'] ? (MANIFEST_SCHEMA['$defs'] as Record<string, SchemaNode>)['endpointFields']! : {});
const ENDPOINT_PROPERTIES = propertiesOf(ENDPOINT);

/** Top-level keys, in the schema's order. */
export const TOP_LEVEL_KEYS: readonly string[] = Object.keys(propertiesOf(MANIFEST_SCHEMA));

/** The fields an endpoint may declare, in the schema's order (what `fmt` writes). */
export const ENDPOINT_FIELDS: readonly string[] = Object.keys(ENDPOINT_PROPERTIES).filter(
  (name) => roleOf(ENDPOINT_PROPERTIES[name]!) !== 'server-managed',
);

/** pinsync's own endpoint keys (protect, allowResubscribe): never compared with or sent to Pinpoint. */
export const PINSYNC_ENDPOINT_FIELDS: readonly string[] = ENDPOINT_FIELDS.filter(
  (name) => roleOf(ENDPOINT_PROPERTIES[name]!) === 'own',
);

/** Fields Pinpoint writes itself (CreationDate, ...), refused in a manifest. */
export const SERVER_MANAGED_FIELDS: readonly string[] = Object.keys(ENDPOINT_PROPERTIES).filter(
  (name) => roleOf(ENDPOINT_PROPERTIES[name]!) === 'server-managed',
);

/** Paths inside an endpoint of the name maps whose keys count against the application's key quota. */
export const KEY_MAPS: readonly (readonly string[])[] = findInEndpoint((node) => isNameMap(node));

/** Paths inside an endpoint of attribute maps (name -> list of strings; one string is a one-value list). */
export const ATTRIBUTE_MAPS: readonly (readonly string[])[] = findInEndpoint(
  (node, raw) => raw['$ref'] === '#/$defs/attributes' || (isNameMap(node) && isAttributeValues(node)),
);

function isAttributeValues(node: SchemaNode): boolean {
  const values = resolveRef(node['additionalProperties'] as SchemaNode);
  return Array.isArray(values['anyOf']);
}

function findInEndpoint(test: (node: SchemaNode, raw: SchemaNode) => boolean): string[][] {
  const out: string[][] = [];
  const visit = (properties: Readonly<Record<string, SchemaNode>>, prefix: string[]): void => {
    for (const [name, raw] of Object.entries(properties)) {
      const node = resolveRef(raw);
      if (test(node, raw)) out.push([...prefix, name]);
      else if (node['properties']) visit(propertiesOf(node), [...prefix, name]);
    }
  };
  visit(ENDPOINT_PROPERTIES, []);
  return out;
}

// The schema's errors for one document -> findings with pinsync's codes and messages. The schema
// says what is allowed; this says it the way a user needs to read it: what was expected, what was
// found, and the likely fix ("did you mean", "put it in quotes").

import type { ErrorObject } from 'ajv/dist/2020.js';
import { describeValue, excerpt, isPlainMap } from './describe.js';
import type { Finding, MessageContext } from './finding.js';
import type { ManifestFile } from './manifest-file.js';
import { labelOf, pathText, type DocPath, type PathSegment } from './path.js';
import { isNameMap, propertiesOf, roleOf, schemaAt, TOP_LEVEL_KEYS, type SchemaNode } from './schema.js';
import { didYouMean, suggestName } from './suggest.js';

export function schemaFindings(file: ManifestFile, root: unknown, errors: readonly ErrorObject[]): Finding[] {
  const out: Finding[] = [];
  const mapper = new ErrorMapper(file, root, out);
  for (const e of selectErrors(errors)) mapper.map(e);
  // One finding per place and code: an empty applicationId breaks two keywords.
  const seen = new Set<string>();
  return out.filter((f) => {
    const key = `${f.code}\u0000${f.at ?? ''}\u0000${JSON.stringify(f.path)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Drops the noise of anyOf and of repeated checks: for a value that matches no branch of an anyOf,
 * keeps the errors of the branch whose type the value has (a list with a bad item: the list
 * branch's error on that item), or the anyOf error alone when no branch has the value's type.
 */
function selectErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  const dropped = new Set<ErrorObject>();
  for (const anyOf of errors) {
    if (anyOf.keyword !== 'anyOf') continue;
    const branches = new Map<string, ErrorObject[]>();
    for (const e of errors) {
      if (e === anyOf || !e.schemaPath.startsWith(`${anyOf.schemaPath}/`)) continue;
      if (e.instancePath !== anyOf.instancePath && !e.instancePath.startsWith(`${anyOf.instancePath}/`)) continue;
      const branch = e.schemaPath.slice(anyOf.schemaPath.length + 1).split('/')[0]!;
      branches.set(branch, [...(branches.get(branch) ?? []), e]);
    }
    const typed = [...branches.values()].filter(
      (es) => !es.some((e) => e.keyword === 'type' && e.instancePath === anyOf.instancePath),
    );
    for (const es of branches.values()) for (const e of es) dropped.add(e);
    if (typed.length === 1) {
      dropped.add(anyOf);
      for (const e of typed[0]!) dropped.delete(e);
    }
  }
  const seen = new Set<string>();
  return errors.filter((e) => {
    if (dropped.has(e) || e.propertyName !== undefined) return false;
    const key = `${e.instancePath}\u0000${e.keyword}\u0000${JSON.stringify(e.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

class ErrorMapper {
  constructor(
    private readonly file: ManifestFile,
    private readonly root: unknown,
    private readonly out: Finding[],
  ) {}

  map(e: ErrorObject): void {
    const path = this.docPath(e.instancePath);
    const value = e.data;
    const parent = (e.parentSchema ?? {}) as SchemaNode;
    switch (e.keyword) {
      case 'additionalProperties':
        return this.unknownKey(path, (e.params as { additionalProperty: string }).additionalProperty, parent);
      case 'not':
        return this.refused(path);
      case 'required':
        return this.missing(path, (e.params as { missingProperty: string }).missingProperty);
      case 'type':
        return this.wrongType(path, value, (e.params as { type: string }).type, e.schemaPath);
      case 'anyOf':
        return this.noBranch(path, value);
      case 'enum':
        return this.notInEnum(path, value, (e.params as { allowedValues: readonly unknown[] }).allowedValues);
      case 'minimum':
      case 'maximum':
        return this.outOfRange(path, value as number, parent);
      case 'minLength':
      case 'pattern':
        return this.badString(path, value as string);
      case 'maxLength':
        return this.add(path, 'ATTRIBUTE_VALUE_TOO_LONG', `${labelOf(path)}: an attribute value may be at most ${(e.params as { limit: number }).limit} characters, and this one has ${(value as string).length}: ${excerpt(value as string)}`);
      case 'maxItems':
        return this.add(path, 'TOO_MANY_VALUES', `${labelOf(path)} has ${(value as unknown[]).length} values; Pinpoint allows at most ${(e.params as { limit: number }).limit} per attribute`);
      case 'propertyNames': {
        const name = (e.params as { propertyName: string }).propertyName;
        return this.add([...path, name], 'ATTRIBUTE_NAME_TOO_LONG', `attribute name ${excerpt(name)} in ${labelOf(path)} is ${name.length} characters long; Pinpoint allows at most 50`, 'key');
      }
      default:
        return this.add(path, 'WRONG_TYPE', `${labelOf(path) || 'the document'} ${e.message ?? 'is not valid'}`);
    }
  }

  private unknownKey(path: DocPath, name: string, parent: SchemaNode): void {
    const at = [...path, name];
    if (path.length === 0) {
      this.add(
        at,
        'UNKNOWN_TOP_LEVEL_KEY',
        `unknown top-level key "${name}"${didYouMean(name, TOP_LEVEL_KEYS)}; ` +
          `a manifest file has ${TOP_LEVEL_LIST}`,
        'key',
      );
      return;
    }
    const properties = propertiesOf(parent);
    const refused = Object.keys(properties).find(
      (known) => known.toLowerCase() === name.toLowerCase() && roleOf(properties[known]!) === 'server-managed',
    );
    if (refused) {
      this.add(at, 'SERVER_MANAGED_FIELD', serverManagedMessage(name), 'key');
      return;
    }
    const inDefaults = path.length === 1 && path[0] === 'defaults';
    const known = Object.keys(properties).filter(
      (k) => roleOf(properties[k]!) !== 'server-managed' && !(inDefaults && k === 'Id'),
    );
    const hint = didYouMean(name, known) || `; known fields: ${known.join(', ')}`;
    const merge = name === '<<' ? ' (YAML merge keys are not supported: put shared fields under defaults:)' : '';
    this.add(at, 'UNKNOWN_FIELD', `unknown field "${name}" in ${nounOf(path)}${hint}${merge}`, 'key');
  }

  private refused(path: DocPath): void {
    const name = String(path[path.length - 1]);
    if (path.length === 2 && path[0] === 'defaults' && name === 'Id') {
      this.add(path, 'ID_IN_DEFAULTS', 'Id cannot be a default: every endpoint needs its own Id; set it on each endpoint', 'key');
      return;
    }
    this.add(path, 'SERVER_MANAGED_FIELD', serverManagedMessage(name), 'key');
  }

  private missing(path: DocPath, property: string): void {
    const value = this.valueAt(path);
    // A misspelt key (`id:`) has been reported as unknown, with the right name as a hint.
    if (isPlainMap(value) && Object.keys(value).some((k) => k !== property && suggestName(k, [property]) === property)) return;
    this.add(path, 'MISSING_FIELD', `this endpoint has no ${property}: every endpoint needs one (${property}: ...)`);
  }

  private wrongType(path: DocPath, value: unknown, expected: string, schemaPath: string): void {
    const label = labelOf(path);
    if (expected === 'number' && typeof value === 'number') {
      this.add(path, 'NOT_FINITE_NUMBER', ({ source }) => `${label} must be a finite number, not ${source || String(value)}`);
      return;
    }
    if (expected === 'integer' && typeof value === 'number') {
      this.add(path, 'WRONG_TYPE', `${label} must be a whole number, not ${value}`);
      return;
    }
    if (expected === 'string' && isQuotable(value)) {
      if (schemaPath.includes('/attributeValues/')) this.unquotedAttributeValue(path, value);
      else
        this.add(path, 'UNQUOTED_SCALAR', ({ source, format }) => `${label} must be a string, not ${describeValue(value)}: ${quoteHint(source, value, format)}`);
      return;
    }
    if (path.length === 0) {
      this.add(path, 'WRONG_TYPE', 'the top level of a manifest must be a mapping with an endpoints: (or Item:) list');
      return;
    }
    let hint = '';
    if (expected === 'number' && typeof value === 'string') hint = ': remove the quotes or write a number';
    if (expected === 'boolean' && typeof value === 'string') hint = ': write true or false, without quotes';
    if (expected === 'array' && value === null && path.length === 1) hint = ` (write ${String(path[0])}: [] for none)`;
    this.add(path, 'WRONG_TYPE', `${label} must be ${this.expected(path, expected)}, not ${describeValue(value)}${hint}`);
  }

  /** A value matching no branch of an anyOf, and of none of its branches' types: an attribute's values. */
  private noBranch(path: DocPath, value: unknown): void {
    if (isQuotable(value)) {
      this.unquotedAttributeValue(path, value);
      return;
    }
    const hint = value === null ? ' (write [] for no values)' : '';
    this.add(path, 'WRONG_TYPE', `${labelOf(path)} must be a list of strings, not ${describeValue(value)}${hint}`);
  }

  private unquotedAttributeValue(path: DocPath, value: unknown): void {
    this.add(
      path,
      'UNQUOTED_SCALAR',
      ({ source, format }) =>
        `attribute values must be strings, not ${describeValue(value)}: ${quoteHint(source, value, format)}` +
        (format === 'yaml' && !isQuoted(source) ? '; YAML reads unquoted numbers, true/false and null as other types' : ''),
    );
  }

  private notInEnum(path: DocPath, value: unknown, allowed: readonly unknown[]): void {
    const names = allowed.map(String);
    const label = labelOf(path);
    if (typeof value === 'string') {
      this.add(path, 'INVALID_ENUM', `${label} must be one of ${names.join(', ')}, not "${value}"${didYouMean(value, names)}`);
      return;
    }
    this.add(path, 'WRONG_TYPE', `${label} must be one of ${names.join(', ')}, not ${describeValue(value)}`);
  }

  private outOfRange(path: DocPath, value: number, schema: SchemaNode): void {
    const min = schema['minimum'] as number | undefined;
    const max = schema['maximum'] as number | undefined;
    const range = max === undefined ? `at least ${min}` : min === undefined ? `at most ${max}` : `between ${min} and ${max}`;
    this.add(path, 'OUT_OF_RANGE', `${labelOf(path)} must be ${range}, not ${value}`);
  }

  private badString(path: DocPath, value: string): void {
    if (path.length === 1 && path[0] === 'applicationId') {
      this.add(path, 'INVALID_APPLICATION_ID', `applicationId must be a Pinpoint project id (32 hex characters), not ${JSON.stringify(value)}`);
      return;
    }
    const message =
      value === '' ? 'Id must not be empty' : `Id ${JSON.stringify(value)} contains $, { or }, which Pinpoint does not allow in Ids`;
    this.add(path, 'INVALID_ID', message);
  }

  /** "a mapping of names to values", "a list of endpoints", ...: what the schema wants at `path`. */
  private expected(path: DocPath, type: string): string {
    const node = schemaAt(path);
    if (type === 'object') {
      if (isEndpointItem(path)) return 'a mapping with Id, ChannelType and the other endpoint fields';
      if (path.length === 1 && path[0] === 'safety') return 'a mapping such as { maxDeletePercent: 30, minManaged: 10 }';
      return node && isNameMap(node) ? 'a mapping of names to values' : 'a mapping';
    }
    if (type === 'array') return path.length === 1 ? 'a list of endpoints' : 'a list of strings';
    return { string: 'a string', number: 'a number', integer: 'a whole number', boolean: 'true or false' }[type] ?? `of type ${type}`;
  }

  private add(path: DocPath, code: Finding['code'], message: string | ((c: MessageContext) => string), at?: 'key'): void {
    this.out.push({ file: this.file, path, code, message, ...(at && { at }) });
  }

  /** A JSON pointer -> path segments, numbers for list indexes (an object key "3" stays a string). */
  private docPath(pointer: string): PathSegment[] {
    if (pointer === '') return [];
    const out: PathSegment[] = [];
    let value = this.root;
    for (const raw of pointer.slice(1).split('/')) {
      const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      if (Array.isArray(value)) {
        out.push(Number(part));
        value = value[Number(part)];
      } else {
        out.push(part);
        value = isPlainMap(value) ? value[part] : undefined;
      }
    }
    return out;
  }

  private valueAt(path: DocPath): unknown {
    let value = this.root;
    for (const segment of path) value = (value as Record<string | number, unknown> | undefined)?.[segment];
    return value;
  }
}

const TOP_LEVEL_LIST = `endpoints: (or Item:), ${TOP_LEVEL_KEYS.filter((k) => !['endpoints', 'Item', '$schema'].includes(k))
  .map((k) => `${k}:`)
  .join(', ')} and $schema:`;

function serverManagedMessage(name: string): string {
  return `${name} is set by Pinpoint, not by the manifest; remove it`;
}

function isQuotable(value: unknown): boolean {
  return typeof value === 'number' || typeof value === 'boolean';
}

function isEndpointItem(path: DocPath): boolean {
  return path.length === 2 && (path[0] === 'endpoints' || path[0] === 'Item') && typeof path[1] === 'number';
}

/** How a message names the object at `path`: "an endpoint", "defaults", "User". */
function nounOf(path: DocPath): string {
  if (isEndpointItem(path)) return 'an endpoint';
  return pathText(path.slice(isEndpointPath(path) ? 2 : 0)) || 'the document';
}

function isEndpointPath(path: DocPath): boolean {
  return (path[0] === 'endpoints' || path[0] === 'Item') && typeof path[1] === 'number';
}

/**
 * How to make a value a string: quote it; in JSON, as a JSON string. A YAML value already quoted
 * is not a string only because a tag (`!!int "5"`) says otherwise.
 */
function quoteHint(source: string, value: unknown, format: 'yaml' | 'json'): string {
  if (format === 'yaml' && isQuoted(source)) return `remove the tag (such as !!int) that makes ${source} another type`;
  const text = format === 'json' ? JSON.stringify(String(value)) : JSON.stringify(source || String(value));
  return `put it in quotes (${text})`;
}

function isQuoted(source: string): boolean {
  return source.startsWith('"') || source.startsWith("'");
}

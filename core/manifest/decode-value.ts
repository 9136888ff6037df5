// Checks a parsed node against a FieldSpec and builds the plain value it declares, reporting every
// problem with the position of the offending node. Values are normalised only as far as types go
// (a single attribute string becomes a one-value list); nothing is rounded or re-cased.

import type { Diagnostic } from '../diagnostics/types.js';
import { describeNode, type MapEntry, type MapNode, type ScalarNode, type SourceNode } from './parse/index.js';
import type { FieldSpec, ObjectSpec } from './endpoint-schema.js';
import { childPath, fieldLabel, indexPath } from './path.js';
import { diagnosticAt, formatPosition, positionOf, type DiagnosticInput, type SourceFile } from './source-file.js';
import { didYouMean } from './suggest.js';

export type PlainValue = string | number | boolean | readonly string[] | { readonly [key: string]: PlainValue };
export type PlainObject = { [key: string]: PlainValue };

export class Decoder {
  constructor(
    readonly file: SourceFile,
    private readonly out: Diagnostic[],
  ) {}

  report(node: SourceNode | number, input: DiagnosticInput): void {
    this.out.push(diagnosticAt(this.file, typeof node === 'number' ? node : node.start, input));
  }

  /**
   * The key's name, or undefined (reported) when it is not a string or repeats an earlier key.
   * `seen` indexes the keys of a large map (see newKeyIndex); small maps are scanned instead.
   */
  keyName(map: MapNode, index: number, path: string, what: string, seen?: KeyIndex): string | undefined {
    const key = map.entries[index]!.key;
    if (key.kind !== 'scalar' || typeof key.value !== 'string') {
      const subject = path === '' ? what : `${what} in ${fieldLabel(path)}`;
      const quotable = key.kind === 'scalar' && key.value !== null;
      this.report(key, {
        code: quotable ? 'UNQUOTED_SCALAR' : 'WRONG_TYPE',
        message: quotable
          ? `${subject} must be strings, not ${describeNode(key)}: put it in quotes (${JSON.stringify(this.sourceText(key))})`
          : `${subject} must be strings, not ${describeNode(key)}`,
        path,
      });
      return undefined;
    }
    const name = key.value;
    const earlier = seen ? seen.get(name) : findEarlierKey(map.entries, index, name);
    if (seen && !earlier) seen.set(name, key);
    if (earlier) {
      this.report(key, {
        code: 'DUPLICATE_KEY',
        message: `duplicate key "${name}": it is already set at ${this.where(earlier)}; keep one`,
        path: childPath(path, name),
      });
      return undefined;
    }
    return name;
  }

  decode(node: SourceNode, spec: FieldSpec, path: string): PlainValue | undefined {
    switch (spec.type) {
      case 'string':
        return this.decodeString(node, path);
      case 'boolean':
        return this.decodeBoolean(node, path);
      case 'enum':
        return this.decodeEnum(node, spec.values, path);
      case 'number':
        return this.decodeNumber(node, path, spec.min, spec.max);
      case 'string-lists':
        return this.decodeMapOf(node, path, (value, p) => this.decodeStringList(value, p));
      case 'numbers':
        return this.decodeMapOf(node, path, (value, p) => this.decodeNumber(value, p));
      case 'object':
        return this.decodeObject(node, spec, path);
      default: {
        const never: never = spec;
        return never;
      }
    }
  }

  decodeObject(node: SourceNode, spec: ObjectSpec, path: string): PlainObject | undefined {
    if (node.kind !== 'map') {
      this.wrongType(node, path, 'a mapping');
      return undefined;
    }
    const out: PlainObject = {};
    const seen = newKeyIndex(node);
    for (let i = 0; i < node.entries.length; i++) {
      const name = this.keyName(node, i, path, 'field names', seen);
      if (name === undefined) continue;
      const { key, value } = node.entries[i]!;
      const fieldPath = childPath(path, name);
      const fieldSpec = Object.hasOwn(spec.fields, name) ? spec.fields[name] : undefined;
      if (fieldSpec) {
        const decoded = this.decode(value, fieldSpec, fieldPath);
        if (decoded !== undefined) setOwn(out, name, decoded);
        continue;
      }
      const rejection = spec.rejected?.get(name.toLowerCase());
      if (rejection) {
        this.report(key, { code: rejection.code, message: rejection.message(name), path: fieldPath });
        continue;
      }
      const known = Object.keys(spec.fields);
      const hint = didYouMean(name, known);
      this.report(key, {
        code: 'UNKNOWN_FIELD',
        message: `unknown field "${name}" in ${spec.noun}${hint || `; known fields: ${known.join(', ')}`}${mergeKeyHint(name)}`,
        path: fieldPath,
      });
    }
    return out;
  }

  decodeString(node: SourceNode, path: string, what?: string): string | undefined {
    if (node.kind === 'scalar' && typeof node.value === 'string') return node.value;
    if (node.kind === 'scalar' && node.value !== null) {
      const text = this.sourceText(node);
      this.report(node, {
        code: 'UNQUOTED_SCALAR',
        message:
          `${what ?? fieldLabel(path)} must be a string, not ${describeNode(node)}: ` +
          `put it in quotes (${JSON.stringify(text)})`,
        path,
      });
      return undefined;
    }
    this.wrongType(node, path, 'a string');
    return undefined;
  }

  decodeBoolean(node: SourceNode, path: string): boolean | undefined {
    if (node.kind === 'scalar' && typeof node.value === 'boolean') return node.value;
    const hint = node.kind === 'scalar' && typeof node.value === 'string' ? ': write true or false, without quotes' : '';
    this.wrongType(node, path, 'true or false', hint);
    return undefined;
  }

  decodeEnum(node: SourceNode, values: readonly string[], path: string): string | undefined {
    if (node.kind === 'scalar' && typeof node.value === 'string') {
      if (values.includes(node.value)) return node.value;
      this.report(node, {
        code: 'INVALID_ENUM',
        message: `${fieldLabel(path)} must be one of ${values.join(', ')}, not "${node.value}"${didYouMean(node.value, values)}`,
        path,
      });
      return undefined;
    }
    this.wrongType(node, path, `one of ${values.join(', ')}`);
    return undefined;
  }

  decodeNumber(node: SourceNode, path: string, min?: number, max?: number): number | undefined {
    if (node.kind !== 'scalar' || typeof node.value !== 'number') {
      const hint = node.kind === 'scalar' && typeof node.value === 'string' ? ': remove the quotes or write a number' : '';
      this.wrongType(node, path, 'a number', hint);
      return undefined;
    }
    const v = node.value;
    if (Number.isFinite(v) && (min === undefined || v >= min) && (max === undefined || v <= max)) return v;
    const label = fieldLabel(path);
    if (!Number.isFinite(v)) {
      this.report(node, { code: 'WRONG_TYPE', message: `${label} must be a finite number, not ${this.sourceText(node)}`, path });
      return undefined;
    }
    const range = max === undefined ? `at least ${min}` : min === undefined ? `at most ${max}` : `between ${min} and ${max}`;
    this.report(node, { code: 'OUT_OF_RANGE', message: `${label} must be ${range}, not ${v}`, path });
    return undefined;
  }

  private decodeMapOf(
    node: SourceNode,
    path: string,
    decodeValue: (value: SourceNode, path: string) => PlainValue | undefined,
  ): PlainObject | undefined {
    if (node.kind !== 'map') {
      this.wrongType(node, path, 'a mapping of names to values');
      return undefined;
    }
    const out: PlainObject = {};
    const seen = newKeyIndex(node);
    for (let i = 0; i < node.entries.length; i++) {
      const name = this.keyName(node, i, path, 'names', seen);
      if (name === undefined) continue;
      const decoded = decodeValue(node.entries[i]!.value, childPath(path, name));
      if (decoded !== undefined) setOwn(out, name, decoded);
    }
    return out;
  }

  private decodeStringList(node: SourceNode, path: string): readonly string[] | undefined {
    // The seed's batch file writes `"FirstName": "Richard"`; Pinpoint wants a list, so one string
    // stands for a one-value list.
    if (node.kind === 'scalar' && typeof node.value === 'string') return [node.value];
    if (node.kind === 'scalar' && node.value !== null) {
      this.reportUnquotedValue(node, path);
      return undefined;
    }
    if (node.kind !== 'seq') {
      this.wrongType(node, path, 'a list of strings', node.kind === 'scalar' ? ' (write [] for no values)' : '');
      return undefined;
    }
    const out: string[] = [];
    let ok = true;
    for (let i = 0; i < node.items.length; i++) {
      const item = node.items[i]!;
      if (item.kind === 'scalar' && typeof item.value === 'string') out.push(item.value);
      else {
        ok = false;
        if (item.kind === 'scalar' && item.value !== null) this.reportUnquotedValue(item, indexPath(path, i));
        else this.wrongType(item, indexPath(path, i), 'a string');
      }
    }
    return ok ? out : undefined;
  }

  private reportUnquotedValue(node: ScalarNode, path: string): void {
    const text = this.sourceText(node);
    this.report(node, {
      code: 'UNQUOTED_SCALAR',
      message:
        `attribute values must be strings, not ${describeNode(node)}: put it in quotes (${JSON.stringify(text)}); ` +
        'YAML reads unquoted numbers, true/false and null as other types',
      path,
    });
  }

  wrongType(node: SourceNode, path: string, expected: string, hint = ''): void {
    this.report(node, {
      code: 'WRONG_TYPE',
      message: `${fieldLabel(path)} must be ${expected}, not ${describeNode(node)}${hint}`,
      path,
    });
  }

  /** `file:line:col` of a node, for messages that name another place. */
  where(node: SourceNode): string {
    return formatPosition(positionOf(this.file, node.start));
  }

  sourceText(node: ScalarNode): string {
    return this.file.text.slice(node.start, node.end);
  }
}

export type KeyIndex = Map<string, ScalarNode>;

/** Small maps are scanned for repeated keys (cheaper than a Map per map); large ones get an index. */
export function newKeyIndex(map: MapNode): KeyIndex | undefined {
  return map.entries.length > 16 ? new Map() : undefined;
}

function findEarlierKey(entries: readonly MapEntry[], index: number, name: string): ScalarNode | undefined {
  for (let j = 0; j < index; j++) {
    const k = entries[j]!.key;
    if (k.kind === 'scalar' && k.value === name) return k;
  }
  return undefined;
}

function mergeKeyHint(name: string): string {
  return name === '<<' ? ' (YAML merge keys are not supported: put shared fields under defaults:)' : '';
}

/** Assigns without invoking a `__proto__` setter, so any name is just a key. */
export function setOwn(target: PlainObject, key: string, value: PlainValue): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

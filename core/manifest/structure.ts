// A document read with positions -> plain values, reporting what YAML allows and a manifest
// cannot mean: keys that are not strings, a key repeated in one mapping, aliases that expand
// without bound. Everything else (types, fields, values) is the schema's business.

import { setOwn } from './merge-defaults.js';
import { describeNode, type MapNode, type ScalarNode, type SourceNode } from './parse/index.js';
import type { Finding } from './finding.js';
import type { ManifestFile } from './manifest-file.js';
import { labelOf, type DocPath } from './path.js';

export function toPlain(file: ManifestFile, root: SourceNode, out: Finding[]): unknown {
  // Aliases share nodes, so a small file can expand to a huge value; the budget bounds that.
  const reader = new PlainReader(file, out, file.text.length + 10_000);
  return reader.read(root, []);
}

class PlainReader {
  private budget: number;
  private exhausted = false;

  constructor(
    private readonly file: ManifestFile,
    private readonly out: Finding[],
    budget: number,
  ) {
    this.budget = budget;
  }

  read(node: SourceNode, path: DocPath): unknown {
    if (--this.budget < 0) {
      if (!this.exhausted) {
        this.exhausted = true;
        this.out.push({
          file: this.file,
          path,
          offset: node.start,
          code: 'YAML_SYNTAX',
          message: 'aliases here expand to more values than the file holds characters; write the values out or use defaults:',
        });
      }
      return null;
    }
    if (node.kind === 'scalar') return node.value;
    if (node.kind === 'seq') return node.items.map((item, i) => this.read(item, [...path, i]));
    return this.readMap(node, path);
  }

  private readMap(node: MapNode, path: DocPath): Record<string, unknown> {
    const value: Record<string, unknown> = {};
    const first = new Map<string, SourceNode>();
    for (const { key, value: child } of node.entries) {
      const name = this.keyName(key, path);
      if (name === undefined) continue;
      const earlier = first.get(name);
      if (earlier) {
        this.out.push({
          file: this.file,
          path: [...path, name],
          offset: key.start,
          code: 'DUPLICATE_KEY',
          message: ({ related }) => `duplicate key "${name}": it is already set at ${related}; keep one`,
          related: { file: this.file, path: [...path, name], offset: earlier.start },
        });
        continue;
      }
      first.set(name, key);
      setOwn(value, name, this.read(child, [...path, name]));
    }
    return value;
  }

  private keyName(key: SourceNode, path: DocPath): string | undefined {
    if (key.kind === 'scalar' && typeof key.value === 'string') return key.value;
    const subject = path.length === 0 ? 'top-level keys' : `names in ${labelOf(path)}`;
    const quotable = key.kind === 'scalar' && key.value !== null;
    const text = quotable ? this.file.text.slice(key.start, (key as ScalarNode).end) : '';
    this.out.push({
      file: this.file,
      path,
      offset: key.start,
      code: quotable ? 'UNQUOTED_SCALAR' : 'WRONG_TYPE',
      message: quotable
        ? `${subject} must be strings, not ${describeNode(key)}: put it in quotes (${JSON.stringify(text)})`
        : `${subject} must be strings, not ${describeNode(key)}`,
    });
    return undefined;
  }
}

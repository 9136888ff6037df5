// Where a field of a declared endpoint was written: in its own list item, or in its file's
// defaults. Rules use this to point at the right line, including rules added later.

import type { DeclaredEndpoint } from './decode-file.js';
import type { MapEntry, MapNode, SourceNode } from './parse/index.js';
import { childPath } from './path.js';
import { suggestName } from './suggest.js';

export function findEntry(map: MapNode, name: string): MapEntry | undefined {
  for (const entry of map.entries) {
    if (entry.key.kind === 'scalar' && entry.key.value === name) return entry;
  }
  return undefined;
}

/** Whether some key of `map` is a near miss for `name` (and so was reported as unknown with a hint). */
export function hasMisspeltKey(map: MapNode, name: string): boolean {
  return map.entries.some(({ key }) => {
    if (key.kind !== 'scalar' || typeof key.value !== 'string' || key.value === name) return false;
    return suggestName(key.value, [name]) === name;
  });
}

export interface FieldLocation {
  /** The value node, or the endpoint's list item when the field is written nowhere. */
  readonly node: SourceNode;
  readonly path: string;
  /** False when the field is in neither the endpoint nor the defaults. */
  readonly found: boolean;
}

/** `fieldPath` such as ['Attributes', 'Plan']: the endpoint's own value first, then defaults. */
export function locateField(declared: DeclaredEndpoint, fieldPath: readonly string[]): FieldLocation {
  const own = walk(declared.node, fieldPath);
  if (own) return { node: own, path: joinPath(declared.path, fieldPath), found: true };
  const fromDefaults = declared.defaultsNode ? walk(declared.defaultsNode, fieldPath) : undefined;
  if (fromDefaults) return { node: fromDefaults, path: joinPath('defaults', fieldPath), found: true };
  return { node: declared.node, path: declared.path, found: false };
}

function walk(start: SourceNode, fieldPath: readonly string[]): SourceNode | undefined {
  let node: SourceNode | undefined = start;
  for (const name of fieldPath) {
    if (!node || node.kind !== 'map') return undefined;
    node = findEntry(node, name)?.value;
  }
  return node;
}

function joinPath(base: string, fieldPath: readonly string[]): string {
  return fieldPath.reduce(childPath, base);
}

// The canonical order of keys, read from the manifest's JSON Schema: the order of its properties,
// object by object. Name maps (Attributes, Metrics) keep the author's order: their keys are data.

import { propertiesOf, schemaAt } from '../manifest/schema.js';
import type { DocPath } from '../manifest/path.js';

const RANKS = new Map<string, ReadonlyMap<string, number> | undefined>();

/** The rank of each known key at `path`, or undefined where keys are data (or unknown to the schema). */
export function keyRanks(path: DocPath): ReadonlyMap<string, number> | undefined {
  // Every list item has the same schema: one lookup per shape of path, not per endpoint.
  const shape = path.map((s) => (typeof s === 'number' ? '[]' : JSON.stringify(s))).join('.');
  if (RANKS.has(shape)) return RANKS.get(shape);
  const node = schemaAt(path);
  let ranks: Map<string, number> | undefined;
  if (node?.['properties']) {
    ranks = new Map();
    Object.keys(propertiesOf(node)).forEach((name, i) => ranks!.set(name, i));
  }
  RANKS.set(shape, ranks);
  return ranks;
}

/** Known keys in schema order, then unknown ones in their original order (a stable sort). */
export function sortKeys<T>(items: readonly T[], keyOf: (item: T) => unknown, ranks: ReadonlyMap<string, number>): T[] {
  const rank = (item: T): number => {
    const key = keyOf(item);
    return typeof key === 'string' ? (ranks.get(key) ?? ranks.size) : ranks.size;
  };
  return items
    .map((item, index) => ({ item, index, rank: rank(item) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((x) => x.item);
}

/** Endpoints by Id as Pinpoint compares them (ignoring case), then as written; items without an Id last. */
export function sortEndpoints<T>(items: readonly T[], idOf: (item: T) => unknown): T[] {
  return items
    .map((item, index) => {
      const id = idOf(item);
      return { item, index, id: typeof id === 'string' ? id : undefined };
    })
    .sort((a, b) => {
      if (a.id === undefined || b.id === undefined) return (a.id === undefined ? 1 : 0) - (b.id === undefined ? 1 : 0) || a.index - b.index;
      const x = a.id.toLowerCase();
      const y = b.id.toLowerCase();
      return x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : a.index - b.index;
    })
    .map((x) => x.item);
}

export const ENDPOINT_LISTS = ['endpoints', 'Item'];

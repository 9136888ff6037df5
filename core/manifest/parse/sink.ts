// What a parser builds, chosen by the caller: SourceNodes with offsets (to report problems where
// they are), or plain values (to check a large file fast, keeping only where its list items start).
// The readers call a sink for every collection and entry, so one reader serves both.

import type { MapNode, ScalarValue, SeqNode, SourceNode } from './source-node.js';

export interface Sink<N> {
  scalar(value: ScalarValue, start: number, end: number): N;
  map(start: number): N;
  /** Adds `key: value` to a map made by map(); keys are always scalars. */
  entry(map: N, key: ScalarValue, keyStart: number, keyEnd: number, value: N, valueStart: number): void;
  seq(start: number): N;
  item(seq: N, value: N, start: number): void;
}

/** SourceNodes whose offsets are `base` more than the reader's: for a fragment cut from a larger text. */
export function nodeSinkAt(base: number): Sink<SourceNode> {
  return {
    scalar: (value, start, end) => ({ kind: 'scalar', value, start: start + base, end: end + base }),
    map: (start): MapNode => ({ kind: 'map', entries: [], start: start + base }),
    entry: (map, key, keyStart, keyEnd, value) =>
      void (map as MapNode).entries.push({ key: { kind: 'scalar', value: key, start: keyStart + base, end: keyEnd + base }, value }),
    seq: (start): SeqNode => ({ kind: 'seq', items: [], start: start + base }),
    item: (seq, value) => void (seq as SeqNode).items.push(value),
  };
}

export const NODE_SINK: Sink<SourceNode> = nodeSinkAt(0);

class Bail {}
/**
 * Thrown by the plain sink on anything a plain value cannot hold faithfully (a key that is not a
 * string, a repeated key, `__proto__`): the caller then reads the file with positions instead.
 */
export const BAIL = new Bail();

/** A document read as plain values: its root (a mapping or a list), and where list items start. */
export interface PlainParse {
  readonly root: object;
  /** For each list holding mappings: the start offset of each such item, by index. */
  readonly itemStarts: ReadonlyMap<unknown[], readonly number[]>;
  /** Where each value of the root mapping starts. */
  readonly rootValueStarts: ReadonlyMap<string, number>;
}

type Plain = unknown;
type PlainMap = Record<string, unknown>;

/** Builds plain values, and records where each mapping inside a list starts (an endpoint's line). */
export class PlainSink implements Sink<Plain> {
  /** For each list holding mappings: the start offset of each such item, by index. */
  readonly itemStarts = new Map<unknown[], number[]>();
  readonly rootValueStarts = new Map<string, number>();
  private root: unknown;
  private lastSeq: unknown[] | undefined;
  private lastStarts: number[] = [];

  scalar(value: ScalarValue): Plain {
    return value;
  }

  map(): Plain {
    const map = {};
    // The first collection made is the root: readers build outside-in.
    this.root ??= map;
    return map;
  }

  entry(map: Plain, key: ScalarValue, _keyStart: number, _keyEnd: number, value: Plain, valueStart: number): void {
    if (typeof key !== 'string') throw BAIL;
    const m = map as PlainMap;
    // Plain values are never undefined, so one lookup settles the common case; inherited names
    // (toString) and __proto__ take the careful path.
    if (m[key] !== undefined || key === '__proto__') throw BAIL;
    m[key] = value;
    if (map === this.root) this.rootValueStarts.set(key, valueStart);
  }

  seq(): Plain {
    const seq: unknown[] = [];
    this.root ??= seq;
    return seq;
  }

  item(seq: Plain, value: Plain, start: number): void {
    const list = seq as unknown[];
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      if (list !== this.lastSeq) {
        this.lastSeq = list;
        this.lastStarts = this.itemStarts.get(list) ?? [];
        this.itemStarts.set(list, this.lastStarts);
      }
      this.lastStarts[list.length] = start;
    }
    list.push(value);
  }
}

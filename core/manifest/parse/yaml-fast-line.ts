// Line-local scanning for the fast YAML path: implicit keys, one-line plain and quoted scalars and
// one-line flow collections. Every method reads within [.., lineEnd) of the current line and throws
// GIVE_UP on anything it does not fully understand; see yaml-fast.ts for why that is safe.

import { decodeDoubleQuoted, resolvePlainScalar } from './yaml-scalars.js';
import type { MapEntry, ScalarNode, SourceNode } from './source-node.js';

class GiveUp {}
export const GIVE_UP = new GiveUp();

export const SPACE = 32;
export const HASH = 35;
export const COLON = 58;
export const DASH = 45;
export const QUOTE_D = 34;
export const QUOTE_S = 39;
export const TAB = 9;
// Characters that may not start a plain scalar (YAML's c-indicator), as a lookup table.
const INDICATOR = new Uint8Array(128);
for (const c of '-?:,[]{}#&*!|>\'"%@`') INDICATOR[c.charCodeAt(0)] = 1;
const FLOW_END = new Uint8Array(128);
for (const c of ',[]{}') FLOW_END[c.charCodeAt(0)] = 1;

export type KeyScan = { readonly key: ScalarNode; readonly after: number } | undefined;

export class LineScanner {
  protected readonly text: string;
  /** End of the current line's content (before \r\n or \n). */
  protected lineEnd = 0;

  constructor(text: string) {
    this.text = text;
  }

  /** A `key:` at `at`, or undefined when the line does not start with an implicit key. */
  protected scanKey(at: number): KeyScan {
    const text = this.text;
    const c = text.charCodeAt(at);
    let key: ScalarNode;
    let p: number;
    if (c === QUOTE_D || c === QUOTE_S) {
      [key, p] = this.readQuoted(at);
      while (p < this.lineEnd && text.charCodeAt(p) === SPACE) p++;
      if (text.charCodeAt(p) !== COLON) return undefined;
    } else {
      if (!this.mayStartPlain(at)) throw GIVE_UP;
      p = at;
      let last = at;
      for (;;) {
        if (p >= this.lineEnd) return undefined;
        const ch = text.charCodeAt(p);
        if (ch === COLON && (p + 1 >= this.lineEnd || text.charCodeAt(p + 1) === SPACE)) break;
        if (ch === TAB) throw GIVE_UP;
        if (ch === HASH && text.charCodeAt(p - 1) === SPACE) return undefined;
        if (ch !== SPACE) last = p + 1;
        p++;
      }
      key = { kind: 'scalar', value: resolvePlainScalar(text.slice(at, last)), start: at, end: last };
    }
    if (p - at > 1024) throw GIVE_UP;
    const next = p + 1;
    if (next < this.lineEnd && text.charCodeAt(next) !== SPACE) throw GIVE_UP;
    return { key, after: next };
  }

  protected mayStartPlain(at: number): boolean {
    const c = this.text.charCodeAt(at);
    if (c >= 128 || INDICATOR[c] === 0) return true;
    if (c !== DASH && c !== 63 && c !== COLON) return false;
    const n = this.text.charCodeAt(at + 1);
    return at + 1 < this.lineEnd && n !== SPACE && n !== TAB && !(n < 128 && FLOW_END[n] === 1);
  }

  protected readPlainBlockValue(at: number): [ScalarNode, number] {
    const text = this.text;
    if (!this.mayStartPlain(at)) throw GIVE_UP;
    let p = at;
    let last = at;
    while (p < this.lineEnd) {
      const ch = text.charCodeAt(p);
      if (ch === HASH && text.charCodeAt(p - 1) === SPACE) break;
      if (ch === TAB) throw GIVE_UP;
      // `a: b: c` is an error the library should report.
      if (ch === COLON && (p + 1 >= this.lineEnd || text.charCodeAt(p + 1) === SPACE)) throw GIVE_UP;
      if (ch !== SPACE) last = p + 1;
      p++;
    }
    const node: ScalarNode = {
      kind: 'scalar',
      value: resolvePlainScalar(text.slice(at, last)),
      start: at,
      end: last,
    };
    return [node, last];
  }

  /** A one-line quoted scalar at `at`; returns the node and the offset after the closing quote. */
  protected readQuoted(at: number): [ScalarNode, number] {
    const text = this.text;
    const quote = text.charCodeAt(at);
    let p = at + 1;
    let value: string | undefined;
    if (quote === QUOTE_D) {
      while (p < this.lineEnd && text.charCodeAt(p) !== QUOTE_D) p += text.charCodeAt(p) === 92 ? 2 : 1;
      if (p >= this.lineEnd) throw GIVE_UP;
      value = decodeDoubleQuoted(text.slice(at + 1, p));
      if (value === undefined) throw GIVE_UP;
    } else {
      for (;;) {
        if (p >= this.lineEnd) throw GIVE_UP;
        if (text.charCodeAt(p) === QUOTE_S) {
          if (text.charCodeAt(p + 1) !== QUOTE_S || p + 1 >= this.lineEnd) break;
          p++;
        }
        p++;
      }
      value = text.slice(at + 1, p).replaceAll("''", "'");
    }
    return [{ kind: 'scalar', value, start: at, end: p + 1 }, p + 1];
  }

  /** A flow collection that opens and closes on the current line. */
  protected readFlow(at: number): [SourceNode, number] {
    const isSeq = this.text.charCodeAt(at) === 91;
    const close = isSeq ? 93 : 125;
    let p = this.skipSpaces(at + 1);
    const items: SourceNode[] = [];
    const entries: MapEntry[] = [];
    if (this.text.charCodeAt(p) === close && p < this.lineEnd) {
      return [isSeq ? { kind: 'seq', items, start: at } : { kind: 'map', entries, start: at }, p + 1];
    }
    for (;;) {
      let node: SourceNode;
      [node, p] = this.readFlowValue(p);
      p = this.skipSpaces(p);
      if (isSeq) items.push(node);
      else {
        if (node.kind !== 'scalar' || this.text.charCodeAt(p) !== COLON || p >= this.lineEnd) throw GIVE_UP;
        const quotedKey = isQuote(this.text.charCodeAt(node.start));
        const n = this.text.charCodeAt(p + 1);
        if (!quotedKey && p + 1 < this.lineEnd && n !== SPACE) throw GIVE_UP;
        let value: SourceNode;
        [value, p] = this.readFlowValue(this.skipSpaces(p + 1));
        entries.push({ key: node, value });
        p = this.skipSpaces(p);
      }
      if (p >= this.lineEnd) throw GIVE_UP;
      const c = this.text.charCodeAt(p);
      if (c === close) break;
      if (c !== 44) throw GIVE_UP;
      p = this.skipSpaces(p + 1);
      // A trailing comma is valid YAML but rare; leave it to the library.
      if (this.text.charCodeAt(p) === close) throw GIVE_UP;
    }
    return [isSeq ? { kind: 'seq', items, start: at } : { kind: 'map', entries, start: at }, p + 1];
  }

  private readFlowValue(at: number): [SourceNode, number] {
    if (at >= this.lineEnd) throw GIVE_UP;
    const text = this.text;
    const c = text.charCodeAt(at);
    if (c === 91 || c === 123) return this.readFlow(at);
    if (c === QUOTE_D || c === QUOTE_S) return this.readQuoted(at);
    if (!this.mayStartPlain(at)) throw GIVE_UP;
    let p = at;
    let last = at;
    while (p < this.lineEnd) {
      const ch = text.charCodeAt(p);
      if (ch < 128 && FLOW_END[ch] === 1) {
        if (ch === 91 || ch === 123) throw GIVE_UP;
        break;
      }
      if (ch === COLON) {
        const n = text.charCodeAt(p + 1);
        if (p + 1 >= this.lineEnd || n === SPACE || (n < 128 && FLOW_END[n] === 1)) break;
      }
      if (ch === TAB || (ch === HASH && text.charCodeAt(p - 1) === SPACE)) throw GIVE_UP;
      if (ch !== SPACE) last = p + 1;
      p++;
    }
    const node: ScalarNode = { kind: 'scalar', value: resolvePlainScalar(text.slice(at, last)), start: at, end: last };
    return [node, last];
  }

  private skipSpaces(at: number): number {
    let p = at;
    while (p < this.lineEnd && this.text.charCodeAt(p) === SPACE) p++;
    if (p < this.lineEnd && this.text.charCodeAt(p) === TAB) throw GIVE_UP;
    return p;
  }
}

function isQuote(c: number): boolean {
  return c === QUOTE_D || c === QUOTE_S;
}

// Line-local scanning for the fast YAML path: implicit keys, one-line plain and quoted scalars and
// one-line flow collections. Every method reads within [.., lineEnd) of the current line and throws
// GIVE_UP on anything it does not fully understand; see yaml-fast.ts for why that is safe.
// Scalars are returned through fields (value, start, end) rather than objects: a large manifest
// has millions of them, and the plain reading keeps none of the wrappers.

import type { Sink } from './sink.js';
import type { ScalarValue } from './source-node.js';
import { decodeDoubleQuoted, resolvePlainScalar } from './yaml-scalars.js';

/** A text's UTF-16 code units: one byte each when the text is ASCII. */
export type CharCodes = Uint8Array | Uint16Array;

/**
 * The code units of `text`. The readers index these rather than call charCodeAt: on a large
 * string, each charCodeAt checks how the string is stored, and the scan of a 40 MB manifest took
 * about a fifth longer that way.
 */
export function charCodes(text: string): CharCodes {
  if (Buffer.byteLength(text, 'utf8') === text.length) return Buffer.from(text, 'latin1');
  const codes = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) codes[i] = text.charCodeAt(i);
  return codes;
}

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

/** Deeper than any manifest needs; the full parser reads (and reports) deeper input. */
export const MAX_DEPTH = 64;

// Recently read short scalars, by (first character, length, last character): a manifest repeats its
// keys and many values (EMAIL, Plan, [pro]) on every endpoint, and reusing one string for each
// saves slicing it again, interning it again as a key, and keeping a copy per endpoint alive.
const CACHE_SIZE = 4096;
const CACHEABLE_LENGTH = 32;

/** Whether `codes` hold `part` at `at`. */
function sameText(codes: CharCodes, at: number, part: string): boolean {
  for (let i = 0; i < part.length; i++) if (codes[at + i] !== part.charCodeAt(i)) return false;
  return true;
}

export class LineScanner<N> {
  private readonly cacheText: (string | undefined)[] = new Array(CACHE_SIZE);
  private readonly cacheValue: ScalarValue[] = new Array(CACHE_SIZE);

  protected readonly text: string;
  /** The text's UTF-16 code units, read far faster than charCodeAt on a large string. */
  protected readonly codes: CharCodes;
  protected readonly sink: Sink<N>;
  /** End of the current line's content (before \r\n or \n). */
  protected lineEnd = 0;
  /** Start of the value read last, for the sink's item() and entry(). */
  protected valueStart = 0;
  protected depth = 0;
  /** The scalar read last: its value and where it starts and ends. */
  protected scalar: ScalarValue = null;
  protected scalarStart = 0;
  protected scalarEnd = 0;
  /** The key read last by scanKey. */
  protected key: ScalarValue = null;
  protected keyStart = 0;
  protected keyEnd = 0;

  constructor(text: string, codes: CharCodes, sink: Sink<N>) {
    this.text = text;
    this.codes = codes;
    this.sink = sink;
  }

  /** The plain scalar text[at, end) resolved (`3.0` a number, `yes` a string), from the cache when it can be. */
  protected plainScalar(at: number, end: number): ScalarValue {
    const length = end - at;
    if (length > CACHEABLE_LENGTH || length === 0) return resolvePlainScalar(this.text.slice(at, end));
    const text = this.text;
    const codes = this.codes;
    const slot = (codes[at] * 31 + length * 17 + codes[end - 1] * 7 + codes[at + (length >> 1)]) & (CACHE_SIZE - 1);
    const cached = this.cacheText[slot];
    if (cached !== undefined && cached.length === length && sameText(codes, at, cached)) return this.cacheValue[slot]!;
    const raw = text.slice(at, end);
    const value = resolvePlainScalar(raw);
    this.cacheText[slot] = raw;
    this.cacheValue[slot] = value;
    return value;
  }

  protected enter(collection: N): N {
    if (++this.depth > MAX_DEPTH) throw GIVE_UP;
    return collection;
  }

  /**
   * A `key:` at `at`: sets key/keyStart/keyEnd and returns the offset after the colon, or -1 when
   * the line does not start with an implicit key.
   */
  protected scanKey(at: number): number {
    const codes = this.codes;
    const c = codes[at];
    let p: number;
    if (c === QUOTE_D || c === QUOTE_S) {
      p = this.readQuoted(at);
      while (p < this.lineEnd && codes[p] === SPACE) p++;
      if (codes[p] !== COLON) return -1;
      this.key = this.scalar;
    } else {
      if (!this.mayStartPlain(at)) throw GIVE_UP;
      p = at;
      let last = at;
      for (;;) {
        if (p >= this.lineEnd) return -1;
        const ch = codes[p];
        if (ch === COLON && (p + 1 >= this.lineEnd || codes[p + 1] === SPACE)) break;
        if (ch === TAB) throw GIVE_UP;
        if (ch === HASH && codes[p - 1] === SPACE) return -1;
        if (ch !== SPACE) last = p + 1;
        p++;
      }
      this.key = this.plainScalar(at, last);
      this.scalarEnd = last;
    }
    this.keyStart = at;
    this.keyEnd = this.scalarEnd;
    if (p - at > 1024) throw GIVE_UP;
    const next = p + 1;
    if (next < this.lineEnd && codes[next] !== SPACE) throw GIVE_UP;
    return next;
  }

  protected mayStartPlain(at: number): boolean {
    const c = this.codes[at];
    if (c >= 128 || INDICATOR[c] === 0) return true;
    if (c !== DASH && c !== 63 && c !== COLON) return false;
    const n = this.codes[at + 1];
    return at + 1 < this.lineEnd && n !== SPACE && n !== TAB && !(n < 128 && FLOW_END[n] === 1);
  }

  /** A plain scalar running to the end of the line (or a comment); returns its end. */
  protected readPlainBlockValue(at: number): number {
    const codes = this.codes;
    if (!this.mayStartPlain(at)) throw GIVE_UP;
    let p = at;
    let last = at;
    while (p < this.lineEnd) {
      const ch = codes[p];
      if (ch === HASH && codes[p - 1] === SPACE) break;
      if (ch === TAB) throw GIVE_UP;
      // `a: b: c` is an error the library should report.
      if (ch === COLON && (p + 1 >= this.lineEnd || codes[p + 1] === SPACE)) throw GIVE_UP;
      if (ch !== SPACE) last = p + 1;
      p++;
    }
    this.scalar = this.plainScalar(at, last);
    this.scalarStart = at;
    this.scalarEnd = last;
    return last;
  }

  /** A one-line quoted scalar at `at`; returns the offset after the closing quote. */
  protected readQuoted(at: number): number {
    const text = this.text;
    const codes = this.codes;
    const quote = codes[at];
    let p = at + 1;
    let value: string | undefined;
    if (quote === QUOTE_D) {
      let escaped = false;
      while (p < this.lineEnd && codes[p] !== QUOTE_D) {
        if (codes[p] === 92) {
          escaped = true;
          p += 2;
        } else p++;
      }
      if (p >= this.lineEnd) throw GIVE_UP;
      if (escaped) value = decodeDoubleQuoted(text.slice(at + 1, p));
      else {
        // Without escapes the body is the value; the plain scalars' cache serves it when it reads as a string.
        const cached = p - at > 1 ? this.plainScalar(at + 1, p) : '';
        value = typeof cached === 'string' ? cached : text.slice(at + 1, p);
      }
      if (value === undefined) throw GIVE_UP;
    } else {
      for (;;) {
        if (p >= this.lineEnd) throw GIVE_UP;
        if (codes[p] === QUOTE_S) {
          if (codes[p + 1] !== QUOTE_S || p + 1 >= this.lineEnd) break;
          p++;
        }
        p++;
      }
      value = text.slice(at + 1, p).replaceAll("''", "'");
    }
    this.scalar = value;
    this.scalarStart = at;
    this.scalarEnd = p + 1;
    return p + 1;
  }

  /** The sink's node for the scalar read last. */
  protected scalarNode(): N {
    return this.sink.scalar(this.scalar, this.scalarStart, this.scalarEnd);
  }

  /** A flow collection that opens and closes on the current line; returns [node, end]. */
  protected readFlow(at: number): N {
    const isSeq = this.codes[at] === 91;
    const close = isSeq ? 93 : 125;
    let p = this.skipSpaces(at + 1);
    const out = this.enter(isSeq ? this.sink.seq(at) : this.sink.map(at));
    if (this.codes[p] === close && p < this.lineEnd) {
      this.depth--;
      this.scalarEnd = p + 1;
      return out;
    }
    for (;;) {
      if (isSeq) {
        const start = p;
        const node = this.readFlowValue(p);
        p = this.skipSpaces(this.scalarEnd);
        this.sink.item(out, node, start);
      } else {
        // Keys are scalars: a collection as a key is left to the library.
        const c = this.codes[p];
        if (p >= this.lineEnd || c === 91 || c === 123) throw GIVE_UP;
        const quotedKey = c === QUOTE_D || c === QUOTE_S;
        p = this.skipSpaces(quotedKey ? this.readQuoted(p) : this.readFlowPlain(p));
        const key = this.scalar;
        const keyStart = this.scalarStart;
        const keyEnd = this.scalarEnd;
        if (this.codes[p] !== COLON || p >= this.lineEnd) throw GIVE_UP;
        const n = this.codes[p + 1];
        if (!quotedKey && p + 1 < this.lineEnd && n !== SPACE) throw GIVE_UP;
        const valueStart = this.skipSpaces(p + 1);
        const value = this.readFlowValue(valueStart);
        p = this.skipSpaces(this.scalarEnd);
        this.sink.entry(out, key, keyStart, keyEnd, value, valueStart);
      }
      if (p >= this.lineEnd) throw GIVE_UP;
      const c = this.codes[p];
      if (c === close) break;
      if (c !== 44) throw GIVE_UP;
      p = this.skipSpaces(p + 1);
      // A trailing comma is valid YAML but rare; leave it to the library.
      if (this.codes[p] === close) throw GIVE_UP;
    }
    this.depth--;
    this.scalarEnd = p + 1;
    return out;
  }

  /** A value inside a flow collection; its end is left in scalarEnd. */
  private readFlowValue(at: number): N {
    if (at >= this.lineEnd) throw GIVE_UP;
    const c = this.codes[at];
    if (c === 91 || c === 123) return this.readFlow(at);
    if (c === QUOTE_D || c === QUOTE_S) this.readQuoted(at);
    else this.readFlowPlain(at);
    return this.scalarNode();
  }

  private readFlowPlain(at: number): number {
    const codes = this.codes;
    if (at >= this.lineEnd) throw GIVE_UP;
    if (!this.mayStartPlain(at)) throw GIVE_UP;
    let p = at;
    let last = at;
    while (p < this.lineEnd) {
      const ch = codes[p];
      if (ch < 128 && FLOW_END[ch] === 1) {
        if (ch === 91 || ch === 123) throw GIVE_UP;
        break;
      }
      if (ch === COLON) {
        const n = codes[p + 1];
        if (p + 1 >= this.lineEnd || n === SPACE || (n < 128 && FLOW_END[n] === 1)) break;
      }
      if (ch === TAB || (ch === HASH && codes[p - 1] === SPACE)) throw GIVE_UP;
      if (ch !== SPACE) last = p + 1;
      p++;
    }
    this.scalar = this.plainScalar(at, last);
    this.scalarStart = at;
    this.scalarEnd = last;
    return last;
  }

  private skipSpaces(at: number): number {
    let p = at;
    while (p < this.lineEnd && this.codes[p] === SPACE) p++;
    if (p < this.lineEnd && this.codes[p] === TAB) throw GIVE_UP;
    return p;
  }
}

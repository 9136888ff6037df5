// A fast reader for the plain YAML that manifests are made of: block mappings and lists, one-line
// plain or quoted scalars, one-line flow collections, comments. The yaml library composes about
// 1 MB/s, which puts a 100,000-endpoint file near a minute; this path is an order of magnitude
// faster. It gives up (returns undefined) on anything else or anything doubtful (anchors, tags,
// block or multi-line scalars, tabs, several documents, errors), and the caller then uses the yaml
// library, so results and messages for unusual files always come from the library. Where it does
// answer, values and offsets equal the library's (checked by a differential test).

import { BAIL, NODE_SINK, nodeSinkAt, PlainSink, type PlainParse, type Sink } from './sink.js';
import type { SourceNode } from './source-node.js';
import { charCodes, DASH, GIVE_UP, HASH, LineScanner, QUOTE_D, QUOTE_S, SPACE, TAB } from './yaml-fast-line.js';

class FastYamlReader<N> extends LineScanner<N> {
  /** Start of the current significant line, -1 at end of text. */
  private lineStart = 0;
  /** Offset of the current line's first non-space character. */
  private contentStart = 0;
  /** Start of the line after the current one. */
  private nextStart = 0;

  read(): N | undefined {
    this.seekLine(0);
    if (this.lineStart < 0) return undefined;
    const root = this.readNestedBlock(-1);
    if (this.lineStart >= 0) throw GIVE_UP;
    return root;
  }

  /** Moves to the first line at or after `from` holding something other than blanks and comments. */
  private seekLine(from: number): void {
    const text = this.text;
    const codes = this.codes;
    let p = from;
    while (p < text.length) {
      let end = text.indexOf('\n', p);
      if (end < 0) end = text.length;
      const next = end + 1;
      if (end > p && codes[end - 1] === 13) end--;
      let q = p;
      while (q < end && codes[q] === SPACE) q++;
      if (q < end && codes[q] === TAB) throw GIVE_UP;
      if (q < end && codes[q] !== HASH) {
        if (q === p && isDocumentMarker(text, p, end)) throw GIVE_UP;
        this.lineStart = p;
        this.lineEnd = end;
        this.contentStart = q;
        this.nextStart = next;
        return;
      }
      p = next;
    }
    this.lineStart = -1;
  }

  private nextLine(): void {
    this.seekLine(this.nextStart);
  }

  private indent(): number {
    return this.contentStart - this.lineStart;
  }

  /** A block node that starts on the current line, indented more than `parent`. */
  private readNestedBlock(parent: number): N {
    const at = this.contentStart;
    this.valueStart = at;
    if (this.indent() <= parent) throw GIVE_UP;
    if (this.isSeqIndicator(at)) return this.readBlockSeq(at);
    const c = this.codes[at];
    if (parent < 0 && (c === 91 || c === 123)) {
      const node = this.readFlow(at);
      this.finishLine(this.scalarEnd);
      return node;
    }
    const after = this.scanKey(at);
    if (after < 0) throw GIVE_UP;
    return this.readBlockMap(at, after);
  }

  private isSeqIndicator(at: number): boolean {
    if (this.codes[at] !== DASH) return false;
    return at + 1 >= this.lineEnd || this.codes[at + 1] === SPACE;
  }

  /** A block mapping whose first key scanKey has just read; `after` is the offset after its colon. */
  private readBlockMap(start: number, after: number): N {
    const column = start - this.lineStart;
    const map = this.enter(this.sink.map(start));
    for (;;) {
      // The value may hold keys of its own: keep this one's before reading it.
      const key = this.key;
      const keyStart = this.keyStart;
      const keyEnd = this.keyEnd;
      const value = this.readValue(after, column, true);
      this.sink.entry(map, key, keyStart, keyEnd, value, this.valueStart);
      if (this.lineStart < 0 || this.indent() < column) break;
      if (this.indent() > column) throw GIVE_UP;
      after = this.scanKey(this.contentStart);
      if (after < 0) throw GIVE_UP;
    }
    this.depth--;
    this.valueStart = start;
    return map;
  }

  private readBlockSeq(start: number): N {
    const column = start - this.lineStart;
    const seq = this.enter(this.sink.seq(start));
    let at = start;
    for (;;) {
      const value = this.readValue(at + 1, column, false);
      this.sink.item(seq, value, this.valueStart);
      if (this.lineStart < 0 || this.indent() < column) break;
      if (this.indent() > column) throw GIVE_UP;
      at = this.contentStart;
      if (!this.isSeqIndicator(at)) break;
    }
    this.depth--;
    this.valueStart = start;
    return seq;
  }

  /**
   * The value after a `:` or `-` indicator at `column`; leaves the reader on the next line that
   * this value does not own.
   */
  private readValue(from: number, column: number, inMap: boolean): N {
    const codes = this.codes;
    let p = from;
    while (p < this.lineEnd && codes[p] === SPACE) p++;
    if (p < this.lineEnd && codes[p] === TAB) throw GIVE_UP;
    if (p >= this.lineEnd || codes[p] === HASH) {
      this.nextLine();
      if (this.lineStart >= 0) {
        if (this.indent() > column) return this.readNestedBlock(column);
        if (inMap && this.indent() === column && this.isSeqIndicator(this.contentStart)) {
          return this.readBlockSeq(this.contentStart);
        }
      }
      this.valueStart = p;
      return this.sink.scalar(null, p, p);
    }
    const c = codes[p];
    if (!inMap && c !== 91 && c !== 123) {
      // Compact forms inside a list item: `- - x` and `- key: value`.
      if (this.isSeqIndicator(p)) return this.readBlockSeq(p);
      const after = this.scanKey(p);
      if (after >= 0) return this.readBlockMap(p, after);
    }
    let node: N;
    if (c === 91 || c === 123) node = this.readFlow(p);
    else {
      if (c === QUOTE_D || c === QUOTE_S) this.readQuoted(p);
      else this.readPlainBlockValue(p);
      node = this.scalarNode();
    }
    this.finishLine(this.scalarEnd);
    if (this.lineStart >= 0 && this.indent() > column) throw GIVE_UP;
    this.valueStart = p;
    return node;
  }

  /** After a one-line value only spaces and a comment may follow. */
  private finishLine(after: number): void {
    const codes = this.codes;
    let p = after;
    while (p < this.lineEnd && codes[p] === SPACE) p++;
    if (p < this.lineEnd) {
      if (codes[p] !== HASH || p === after) throw GIVE_UP;
    }
    this.nextLine();
  }
}

function isDocumentMarker(text: string, p: number, end: number): boolean {
  const head = text.substr(p, 3);
  if (head !== '---' && head !== '...') return text.charCodeAt(p) === 37; // % directive
  return p + 3 >= end || text.charCodeAt(p + 3) === SPACE || text.charCodeAt(p + 3) === TAB;
}

// Control characters, a byte-order mark and Unicode line separators: rare, and the library's
// handling of them is the reference.
const UNUSUAL_CHARACTERS = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u0085\u2028\u2029\ufeff]/;

function mayReadFast(text: string): boolean {
  if (UNUSUAL_CHARACTERS.test(text)) return false;
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) {
    if (text.charCodeAt(i + 1) !== 10) return false;
  }
  return true;
}

function readWith<N>(text: string, sink: Sink<N>): N | null | undefined {
  if (!mayReadFast(text)) return undefined;
  try {
    return new FastYamlReader(text, charCodes(text), sink).read() ?? null;
  } catch (e) {
    if (e === GIVE_UP || e === BAIL) return undefined;
    throw e;
  }
}

/**
 * The document's root node, or `null` when it holds only blanks and comments; undefined when the
 * text needs the full YAML parser.
 */
export function readYamlFast(text: string): SourceNode | null | undefined {
  return readWith(text, NODE_SINK);
}

/** The fast reading of a fragment cut from a larger text at `base`, offsets counted in the larger text. */
export function readYamlFastFragment(fragment: string, base: number): SourceNode | null | undefined {
  return readWith(fragment, nodeSinkAt(base));
}

/**
 * A mapping or list document as plain values, and where the mappings inside lists start; or
 * undefined when the text needs the full parser, holds keys a plain object cannot keep (a repeated
 * key, a key that is not a string) or is empty: those files are read with positions instead.
 */
export function readYamlFastPlain(text: string): PlainParse | undefined {
  const sink = new PlainSink();
  const root = readWith(text, sink);
  return typeof root === 'object' && root !== null ? { root, itemStarts: sink.itemStarts, rootValueStarts: sink.rootValueStarts } : undefined;
}

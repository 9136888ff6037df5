// A fast reader for the plain YAML that manifests are made of: block mappings and lists, one-line
// plain or quoted scalars, one-line flow collections, comments. The yaml library composes about
// 1 MB/s, which puts a 100,000-endpoint file near a minute; this path is an order of magnitude
// faster. It gives up (returns undefined) on anything else or anything doubtful (anchors, tags,
// block or multi-line scalars, tabs, several documents, errors), and the caller then uses the yaml
// library, so results and messages for unusual files always come from the library. Where it does
// answer, values and offsets equal the library's (checked by a differential test).

import type { MapEntry, MapNode, SeqNode, SourceNode } from './source-node.js';
import { DASH, GIVE_UP, HASH, LineScanner, QUOTE_D, QUOTE_S, SPACE, TAB, type KeyScan } from './yaml-fast-line.js';

class FastYamlReader extends LineScanner {
  /** Start of the current significant line, -1 at end of text. */
  private lineStart = 0;
  /** Offset of the current line's first non-space character. */
  private contentStart = 0;

  read(): SourceNode | undefined {
    this.seekLine(0);
    if (this.lineStart < 0) return undefined;
    const root = this.readNestedBlock(-1);
    if (this.lineStart >= 0) throw GIVE_UP;
    return root;
  }

  /** Moves to the first line at or after `from` holding something other than blanks and comments. */
  private seekLine(from: number): void {
    const text = this.text;
    let p = from;
    while (p < text.length) {
      let end = text.indexOf('\n', p);
      if (end < 0) end = text.length;
      const next = end + 1;
      if (end > p && text.charCodeAt(end - 1) === 13) end--;
      let q = p;
      while (q < end && text.charCodeAt(q) === SPACE) q++;
      if (q < end && text.charCodeAt(q) === TAB) throw GIVE_UP;
      if (q < end && text.charCodeAt(q) !== HASH) {
        if (q === p && isDocumentMarker(text, p, end)) throw GIVE_UP;
        this.lineStart = p;
        this.lineEnd = end;
        this.contentStart = q;
        return;
      }
      p = next;
    }
    this.lineStart = -1;
  }

  private nextLine(): void {
    let end = this.text.indexOf('\n', this.lineEnd);
    this.seekLine(end < 0 ? this.text.length : end + 1);
  }

  private indent(): number {
    return this.contentStart - this.lineStart;
  }

  /** A block node that starts on the current line, indented more than `parent`. */
  private readNestedBlock(parent: number): SourceNode {
    const at = this.contentStart;
    if (this.indent() <= parent) throw GIVE_UP;
    if (this.isSeqIndicator(at)) return this.readBlockSeq(at);
    const c = this.text.charCodeAt(at);
    if (parent < 0 && (c === 91 || c === 123)) {
      const [node, after] = this.readFlow(at);
      this.finishLine(after);
      return node;
    }
    const key = this.scanKey(at);
    if (!key) throw GIVE_UP;
    return this.readBlockMap(at, key);
  }

  private isSeqIndicator(at: number): boolean {
    if (this.text.charCodeAt(at) !== DASH) return false;
    return at + 1 >= this.lineEnd || this.text.charCodeAt(at + 1) === SPACE;
  }

  private readBlockMap(start: number, first: NonNullable<KeyScan>): MapNode {
    const column = start - this.lineStart;
    const entries: MapEntry[] = [];
    let key: KeyScan = first;
    for (;;) {
      entries.push({ key: key.key, value: this.readValue(key.after, column, true) });
      if (this.lineStart < 0 || this.indent() < column) break;
      if (this.indent() > column) throw GIVE_UP;
      key = this.scanKey(this.contentStart);
      if (!key) throw GIVE_UP;
    }
    return { kind: 'map', entries, start };
  }

  private readBlockSeq(start: number): SeqNode {
    const column = start - this.lineStart;
    const items: SourceNode[] = [];
    let at = start;
    for (;;) {
      items.push(this.readValue(at + 1, column, false));
      if (this.lineStart < 0 || this.indent() < column) break;
      if (this.indent() > column) throw GIVE_UP;
      at = this.contentStart;
      if (!this.isSeqIndicator(at)) break;
    }
    return { kind: 'seq', items, start };
  }

  /**
   * The value after a `:` or `-` indicator at `column`; leaves the reader on the next line that
   * this value does not own.
   */
  private readValue(from: number, column: number, inMap: boolean): SourceNode {
    const text = this.text;
    let p = from;
    while (p < this.lineEnd && text.charCodeAt(p) === SPACE) p++;
    if (p < this.lineEnd && text.charCodeAt(p) === TAB) throw GIVE_UP;
    if (p >= this.lineEnd || text.charCodeAt(p) === HASH) {
      this.nextLine();
      if (this.lineStart >= 0) {
        if (this.indent() > column) return this.readNestedBlock(column);
        if (inMap && this.indent() === column && this.isSeqIndicator(this.contentStart)) {
          return this.readBlockSeq(this.contentStart);
        }
      }
      return { kind: 'scalar', value: null, start: p, end: p };
    }
    const c = text.charCodeAt(p);
    if (!inMap && c !== 91 && c !== 123) {
      // Compact forms inside a list item: `- - x` and `- key: value`.
      if (this.isSeqIndicator(p)) return this.readBlockSeq(p);
      const key = this.scanKey(p);
      if (key) return this.readBlockMap(p, key);
    }
    let node: SourceNode;
    let after: number;
    if (c === 91 || c === 123) [node, after] = this.readFlow(p);
    else if (c === QUOTE_D || c === QUOTE_S) [node, after] = this.readQuoted(p);
    else [node, after] = this.readPlainBlockValue(p);
    this.finishLine(after);
    if (this.lineStart >= 0 && this.indent() > column) throw GIVE_UP;
    return node;
  }

  /** After a one-line value only spaces and a comment may follow. */
  private finishLine(after: number): void {
    const text = this.text;
    let p = after;
    while (p < this.lineEnd && text.charCodeAt(p) === SPACE) p++;
    if (p < this.lineEnd) {
      if (text.charCodeAt(p) !== HASH || p === after) throw GIVE_UP;
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

/**
 * The document's root node, or `null` when it holds only blanks and comments; undefined when the
 * text needs the full YAML parser.
 */
export function readYamlFast(text: string): SourceNode | null | undefined {
  if (UNUSUAL_CHARACTERS.test(text)) return undefined;
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) {
    if (text.charCodeAt(i + 1) !== 10) return undefined;
  }
  try {
    return new FastYamlReader(text).read() ?? null;
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    throw e;
  }
}

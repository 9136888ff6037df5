// A JSON parser that keeps offsets. JSON.parse gives no positions (and on Node 20 its messages
// carry none), and the yaml library accepts far more than JSON and is slow on large files; this
// reads strict JSON (RFC 8259) into SourceNodes and reports the first syntax error where it is.

import { BAIL, NODE_SINK, PlainSink, type PlainParse, type Sink } from './sink.js';
import type { ParsedText, SourceNode } from './source-node.js';

class JsonSyntaxError {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

const MAX_DEPTH = 500;
const NUMBER_RE = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?/y;

class JsonReader<N> {
  private pos = 0;
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly sink: Sink<N>,
  ) {
    // A byte-order mark is not JSON, but editors on Windows write one; skip it.
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  /** The one value that starts at `offset` (with the offsets of the whole text). */
  readAt(offset: number): N {
    this.pos = offset;
    return this.readValue();
  }

  read(): N | undefined {
    this.skipSpace();
    if (this.pos >= this.text.length) return undefined;
    const root = this.readValue();
    this.skipSpace();
    if (this.pos < this.text.length) this.fail(`unexpected ${this.describeHere()} after the end of the JSON value`);
    return root;
  }

  private readValue(): N {
    const c = this.text.charCodeAt(this.pos);
    if (c === 123) return this.readObject();
    if (c === 91) return this.readArray();
    if (c === 34) {
      const start = this.pos;
      const value = this.readString();
      return this.sink.scalar(value, start, this.pos);
    }
    const start = this.pos;
    if (c === 45 || (c >= 48 && c <= 57)) {
      NUMBER_RE.lastIndex = start;
      if (!NUMBER_RE.test(this.text)) this.fail('invalid number');
      this.pos = NUMBER_RE.lastIndex;
      return this.sink.scalar(Number(this.text.slice(start, this.pos)), start, this.pos);
    }
    for (const [word, value] of LITERALS) {
      if (this.text.startsWith(word, start)) {
        this.pos += word.length;
        return this.sink.scalar(value, start, this.pos);
      }
    }
    if (c === 39) this.fail('JSON strings need double quotes, not single quotes');
    return this.fail(`expected a JSON value, found ${this.describeHere()}`);
  }

  private readObject(): N {
    const start = this.pos++;
    this.enter();
    const map = this.sink.map(start);
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) === 125) {
      this.pos++;
      this.depth--;
      return map;
    }
    for (;;) {
      if (this.text.charCodeAt(this.pos) !== 34) {
        this.fail(`expected a property name in double quotes, found ${this.describeHere()}`);
      }
      const keyStart = this.pos;
      const key = this.readString();
      const keyEnd = this.pos;
      this.skipSpace();
      if (this.text.charCodeAt(this.pos) !== 58) this.fail(`expected ':' after the property name, found ${this.describeHere()}`);
      this.pos++;
      this.skipSpace();
      const valueStart = this.pos;
      this.sink.entry(map, key, keyStart, keyEnd, this.readValue(), valueStart);
      this.skipSpace();
      const c = this.text.charCodeAt(this.pos);
      if (c === 125) break;
      if (c !== 44) this.fail(`expected ',' or '}' after a property value, found ${this.describeHere()}`);
      const comma = this.pos++;
      this.skipSpace();
      if (this.text.charCodeAt(this.pos) === 125) this.failAt(comma, 'trailing comma: JSON allows no comma before }');
    }
    this.pos++;
    this.depth--;
    return map;
  }

  private readArray(): N {
    const start = this.pos++;
    this.enter();
    const seq = this.sink.seq(start);
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) === 93) {
      this.pos++;
      this.depth--;
      return seq;
    }
    for (;;) {
      const itemStart = this.pos;
      this.sink.item(seq, this.readValue(), itemStart);
      this.skipSpace();
      const c = this.text.charCodeAt(this.pos);
      if (c === 93) break;
      if (c !== 44) this.fail(`expected ',' or ']' after an array element, found ${this.describeHere()}`);
      const comma = this.pos++;
      this.skipSpace();
      if (this.text.charCodeAt(this.pos) === 93) this.failAt(comma, 'trailing comma: JSON allows no comma before ]');
    }
    this.pos++;
    this.depth--;
    return seq;
  }

  private readString(): string {
    const text = this.text;
    const start = this.pos;
    let p = start + 1;
    let out = '';
    let chunk = p;
    for (;;) {
      if (p >= text.length) this.failAt(start, 'unterminated string');
      const c = text.charCodeAt(p);
      if (c === 34) break;
      if (c < 32) this.failAt(p, 'control character in a string: write it as an escape such as \\n');
      if (c !== 92) {
        p++;
        continue;
      }
      out += text.slice(chunk, p);
      const e = text[p + 1];
      const simple = e === undefined ? undefined : SIMPLE_ESCAPES[e];
      if (simple !== undefined) {
        out += simple;
        p += 2;
      } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.substr(p + 2, 4))) {
        out += String.fromCharCode(parseInt(text.substr(p + 2, 4), 16));
        p += 6;
      } else {
        this.failAt(p, `invalid escape ${text.substr(p, 2)} in a string`);
      }
      chunk = p;
    }
    out += text.slice(chunk, p);
    this.pos = p + 1;
    return out;
  }

  private skipSpace(): void {
    const text = this.text;
    let p = this.pos;
    for (;;) {
      const c = text.charCodeAt(p);
      if (c === 32 || c === 10 || c === 13 || c === 9) p++;
      else break;
    }
    this.pos = p;
    if (text.charCodeAt(p) === 47 && (text[p + 1] === '/' || text[p + 1] === '*')) {
      this.fail('comments are not allowed in JSON; use a .yaml file to keep comments');
    }
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) this.failAt(this.pos - 1, `nested more than ${MAX_DEPTH} levels deep`);
  }

  private describeHere(): string {
    if (this.pos >= this.text.length) return 'the end of the file';
    return JSON.stringify(this.text[this.pos]);
  }

  private fail(message: string): never {
    return this.failAt(this.pos, message);
  }

  private failAt(offset: number, message: string): never {
    throw new JsonSyntaxError(offset, message);
  }
}

const LITERALS: ReadonlyArray<readonly [string, boolean | null]> = [
  ['true', true],
  ['false', false],
  ['null', null],
];

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

export function readJson(text: string): ParsedText {
  try {
    return { root: new JsonReader(text, NODE_SINK).read(), problems: [] };
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    return { root: undefined, problems: [{ severity: 'error', offset: e.offset, message: e.message }] };
  }
}

/** The JSON value starting at `offset` of a text that parses, with positions; undefined if it does not read. */
export function readJsonValueAt(text: string, offset: number): SourceNode | undefined {
  try {
    return new JsonReader(text, NODE_SINK).readAt(offset);
  } catch (e) {
    if (e instanceof JsonSyntaxError) return undefined;
    throw e;
  }
}

/**
 * An object or array document as plain values, and where the objects inside arrays start; or
 * undefined for anything else (a syntax error, a repeated key, an empty or scalar document), which
 * is then read with positions.
 */
export function readJsonPlain(text: string): PlainParse | undefined {
  const sink = new PlainSink();
  try {
    const root = new JsonReader(text, sink).read();
    return typeof root === 'object' && root !== null ? { root, itemStarts: sink.itemStarts, rootValueStarts: sink.rootValueStarts } : undefined;
  } catch (e) {
    if (e instanceof JsonSyntaxError || e === BAIL) return undefined;
    throw e;
  }
}

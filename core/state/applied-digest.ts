// A 64-bit digest of an endpoint's applied fields, so that a plan from the state can tell an
// unchanged declaration from its state entry without parsing the entry on the main thread: a
// worker digests the entries straight from the state file's text (digestEntryText, in
// state-digest-worker.ts), the planner digests the declarations (digestApplied), and only a pair
// whose digests differ is compared field by field.
//
// Values that jsonEqual (core/util/json-equal.ts) calls equal always get the same digest: object
// members are combined in an order-free way (a sum of their own hashes), -0 counts as 0, a member
// whose value is undefined counts as absent and an undefined list item as null (as in JSON). Values
// it calls different get different digests except with a chance of about 2^-64: two 32-bit lanes
// of different multiply-xor hashes, each finished with MurmurHash3's avalanche. What is hashed is
// each value's content followed by a marker of its kind and size (strings by UTF-16 unit), a
// sequence that can be read back from its end, so two different values never give the same one;
// the marker comes last so that the text of a value can be hashed as it is read.

let lane1 = 0;
let lane2 = 0;

const START1 = 0x811c9dc5;
const START2 = 0x1b873593;

const number = new Float64Array(1);
const numberWords = new Uint32Array(number.buffer);

// Markers: the kind in the low 4 bits, and for strings, lists and objects the size above them.
const STRING = 1;
const NUMBER = 2;
const TRUE = 3;
const FALSE = 4;
const NULL = 5;
const ARRAY = 6;
const OBJECT = 7;
const OTHER = 8;

/**
 * Writes the digest of `applied` (every member but `skipKey`) and of the entry's `protect` flag to
 * `out[at]` and `out[at + 1]`. `protect` is the flag as the state holds it: true, or absent.
 */
export function digestApplied(applied: object, protect: unknown, skipKey: string | undefined, out: Uint32Array, at: number): void {
  lane1 = START1;
  lane2 = START2;
  hashObject(applied as Record<string, unknown>, skipKey);
  finish(protect === undefined ? 0 : protect === true ? 1 : 2, out, at);
}

const FNV_PRIME = 0x01000193;
const MURMUR_M = 0x5bd1e995;

/** One step of both lanes: FNV-1a, and a multiply-add with a shift that carries high bits down. */
function feed(unit: number): void {
  lane1 = Math.imul(lane1 ^ unit, FNV_PRIME);
  lane2 = Math.imul((lane2 + unit) | 0, MURMUR_M) ^ (lane2 >>> 13);
}

function avalanche(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function finish(protect: number, out: Uint32Array, at: number): void {
  feed(protect);
  out[at] = avalanche(lane1);
  out[at + 1] = avalanche(lane2 ^ 0x9e3779b9);
}

// The hottest loop: the lanes are kept in locals while it runs.
function hashString(text: string): void {
  const n = text.length;
  let a = lane1;
  let b = lane2;
  for (let i = 0; i < n; i++) {
    const unit = text.charCodeAt(i);
    a = Math.imul(a ^ unit, FNV_PRIME);
    b = Math.imul((b + unit) | 0, MURMUR_M) ^ (b >>> 13);
  }
  lane1 = a;
  lane2 = b;
  feed(STRING + n * 16);
}

function hashNumber(value: number): void {
  number[0] = value === 0 ? 0 : value;
  feed(numberWords[0] as number);
  feed(numberWords[1] as number);
  feed(NUMBER);
}

function hashValue(value: unknown): void {
  switch (typeof value) {
    case 'string':
      hashString(value);
      return;
    case 'number':
      hashNumber(value);
      return;
    case 'boolean':
      feed(value ? TRUE : FALSE);
      return;
    case 'object':
      if (value === null) feed(NULL);
      else if (Array.isArray(value)) {
        // As in JSON, a hole or undefined in a list is null.
        for (let i = 0; i < value.length; i++) hashValue(value[i] ?? null);
        feed(ARRAY + value.length * 16);
      } else hashObject(value as Record<string, unknown>, undefined);
      return;
    default:
      feed(OTHER);
  }
}

/** Each member hashed on its own from a fixed start; their sum does not depend on the members' order. */
function hashObject(value: Record<string, unknown>, skipKey: string | undefined): void {
  const outer1 = lane1;
  const outer2 = lane2;
  let sum1 = 0;
  let sum2 = 0;
  let members = 0;
  // for-in: the members Object.keys lists (a plain object inherits none), without a list built.
  for (const key in value) {
    if (key === skipKey) continue;
    const member = value[key];
    if (member === undefined) continue;
    lane1 = START1;
    lane2 = START2;
    hashString(key);
    hashValue(member);
    sum1 = (sum1 + avalanche(lane1)) | 0;
    sum2 = (sum2 + avalanche(lane2 ^ 0x9e3779b9)) | 0;
    members++;
  }
  lane1 = outer1;
  lane2 = outer2;
  endObject(sum1, sum2, members);
}

function endObject(sum1: number, sum2: number, members: number): void {
  feed(sum1);
  feed(sum2);
  feed(OBJECT + members * 16);
}

// Reading a state entry's JSON text: `text` from `pos` up to `end`.
let text = '';
let pos = 0;
let end = 0;

class NotDigestible {}
/** Thrown where JSON.parse would fail, or the entry is not one pinsync would parse. */
const NOT_DIGESTIBLE = new NotDigestible();

function fail(): never {
  throw NOT_DIGESTIBLE;
}

/**
 * Writes the digest of the state entry whose JSON text is `source` from `start` to `stop`
 * (`{"applied":{...},"id":"...","protect":true}` in any member order) to `out[at]` and
 * `out[at + 1]`: the digest digestApplied gives the entry JSON.parse makes of that text (but for a
 * name repeated inside `applied`, which JSON.parse keeps once: the digests then differ, and the
 * entry is compared in full). Returns false, writing nothing, for a text JSON.parse would refuse,
 * one without a string `id` and an object `applied`, and one that repeats a member of the entry
 * (the main thread parses those, and reports what is wrong).
 */
export function digestEntryText(source: string, start: number, stop: number, out: Uint32Array, at: number): boolean {
  text = source;
  pos = start;
  end = stop;
  try {
    readEntry(out, at);
    return true;
  } catch (error) {
    if (error === NOT_DIGESTIBLE) return false;
    throw error;
  } finally {
    text = '';
  }
}

function readEntry(out: Uint32Array, at: number): void {
  skipSpace();
  expect(0x7b);
  let applied1 = 0;
  let applied2 = 0;
  let protect = 0;
  let seen = 0;
  skipSpace();
  if (peek() !== 0x7d) {
    for (;;) {
      const member = entryMember();
      if (seen & member) fail();
      seen |= member;
      skipSpace();
      expect(0x3a);
      skipSpace();
      if (member === APPLIED) {
        if (peek() !== 0x7b) fail();
        lane1 = START1;
        lane2 = START2;
        readObject();
        applied1 = lane1;
        applied2 = lane2;
      } else if (member === ID) {
        if (peek() !== 0x22) fail();
        readString();
      } else if (member === PROTECT) {
        const c = peek();
        readValue();
        protect = c === 0x74 ? 1 : 2;
      } else readValue();
      skipSpace();
      if (peek() === 0x2c) {
        pos++;
        skipSpace();
        continue;
      }
      break;
    }
  }
  expect(0x7d);
  skipSpace();
  if (pos !== end || (seen & (APPLIED | ID)) !== (APPLIED | ID)) fail();
  lane1 = applied1;
  lane2 = applied2;
  finish(protect, out, at);
}

const APPLIED = 1;
const ID = 2;
const PROTECT = 4;
const OTHER_MEMBER = 8;

/**
 * The entry's member name at `pos`, moving past it. A name written with an escape could stand for
 * `applied` or `id`, so it is left to JSON.parse.
 */
function entryMember(): number {
  if (text.startsWith('"applied"', pos)) {
    pos += 9;
    return APPLIED;
  }
  if (text.startsWith('"id"', pos)) {
    pos += 4;
    return ID;
  }
  if (text.startsWith('"protect"', pos)) {
    pos += 9;
    return PROTECT;
  }
  if (peek() !== 0x22) fail();
  const close = text.indexOf('"', pos + 1);
  if (close < 0 || close >= end) fail();
  for (let i = pos + 1; i < close; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c || c < 0x20) fail();
  }
  pos = close + 1;
  return OTHER_MEMBER;
}

function peek(): number {
  return pos < end ? text.charCodeAt(pos) : -1;
}

function expect(c: number): void {
  if (peek() !== c) fail();
  pos++;
}

function skipSpace(): void {
  while (pos < end) {
    const c = text.charCodeAt(pos);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return;
    pos++;
  }
}

function readValue(): void {
  const c = peek();
  if (c === 0x22) readString();
  else if (c === 0x7b) readObject();
  else if (c === 0x5b) readArray();
  else if (c === 0x74) literal('true', TRUE);
  else if (c === 0x66) literal('false', FALSE);
  else if (c === 0x6e) literal('null', NULL);
  else readNumber();
}

function literal(word: string, marker: number): void {
  if (pos + word.length > end || !text.startsWith(word, pos)) fail();
  pos += word.length;
  feed(marker);
}

/** A JSON string, hashed as hashString hashes the string it stands for. */
function readString(): void {
  pos++;
  let a = lane1;
  let b = lane2;
  let n = 0;
  for (;;) {
    if (pos >= end) fail();
    let unit = text.charCodeAt(pos++);
    if (unit === 0x22) break;
    if (unit < 0x20) fail();
    if (unit === 0x5c) {
      if (pos >= end) fail();
      const escape = text.charCodeAt(pos++);
      if (escape === 0x22 || escape === 0x5c || escape === 0x2f) unit = escape;
      else if (escape === 0x62) unit = 0x08;
      else if (escape === 0x66) unit = 0x0c;
      else if (escape === 0x6e) unit = 0x0a;
      else if (escape === 0x72) unit = 0x0d;
      else if (escape === 0x74) unit = 0x09;
      else if (escape === 0x75) unit = hex4();
      else fail();
    }
    a = Math.imul(a ^ unit, FNV_PRIME);
    b = Math.imul((b + unit) | 0, MURMUR_M) ^ (b >>> 13);
    n++;
  }
  lane1 = a;
  lane2 = b;
  feed(STRING + n * 16);
}

function hex4(): number {
  if (pos + 4 > end) fail();
  let unit = 0;
  for (let i = 0; i < 4; i++) {
    const c = text.charCodeAt(pos++);
    const d = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : c >= 0x41 && c <= 0x46 ? c - 0x37 : -1;
    if (d < 0) fail();
    unit = unit * 16 + d;
  }
  return unit;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** A JSON number: its grammar checked here, its value as JSON.parse reads it. */
function readNumber(): void {
  const start = pos;
  if (peek() === 0x2d) pos++;
  const first = peek();
  if (first === 0x30) pos++;
  else if (first >= 0x31 && first <= 0x39) while (isDigit(peek())) pos++;
  else fail();
  let whole = true;
  if (peek() === 0x2e) {
    whole = false;
    pos++;
    if (!isDigit(peek())) fail();
    while (isDigit(peek())) pos++;
  }
  const e = peek();
  if (e === 0x65 || e === 0x45) {
    whole = false;
    pos++;
    const sign = peek();
    if (sign === 0x2b || sign === 0x2d) pos++;
    if (!isDigit(peek())) fail();
    while (isDigit(peek())) pos++;
  }
  hashNumber(whole && pos - start < 16 ? wholeNumber(start) : Number(text.slice(start, pos)));
}

/** A whole number of at most 15 digits, exact in a double, read without a string. */
function wholeNumber(start: number): number {
  let i = start;
  const negative = text.charCodeAt(i) === 0x2d;
  if (negative) i++;
  let value = 0;
  for (; i < pos; i++) value = value * 10 + (text.charCodeAt(i) - 0x30);
  return negative ? -value : value;
}

function readArray(): void {
  pos++;
  let items = 0;
  skipSpace();
  if (peek() === 0x5d) pos++;
  else {
    for (;;) {
      skipSpace();
      readValue();
      items++;
      skipSpace();
      const c = peek();
      pos++;
      if (c === 0x5d) break;
      if (c !== 0x2c) fail();
    }
  }
  feed(ARRAY + items * 16);
}

function readObject(): void {
  pos++;
  const outer1 = lane1;
  const outer2 = lane2;
  let sum1 = 0;
  let sum2 = 0;
  let members = 0;
  skipSpace();
  if (peek() === 0x7d) pos++;
  else {
    for (;;) {
      skipSpace();
      if (peek() !== 0x22) fail();
      lane1 = START1;
      lane2 = START2;
      readString();
      skipSpace();
      expect(0x3a);
      skipSpace();
      readValue();
      sum1 = (sum1 + avalanche(lane1)) | 0;
      sum2 = (sum2 + avalanche(lane2 ^ 0x9e3779b9)) | 0;
      members++;
      skipSpace();
      const c = peek();
      pos++;
      if (c === 0x7d) break;
      if (c !== 0x2c) fail();
    }
  }
  lane1 = outer1;
  lane2 = outer2;
  endObject(sum1, sum2, members);
}

// A 64-bit digest of an endpoint's applied fields, so that a plan from the state can tell an
// unchanged declaration from its state entry without parsing the entry on the main thread: a
// worker digests the entries as they are parsed (state-digest-worker.ts), the planner digests the
// declarations, and only a pair whose digests differ is compared field by field.
//
// Values that jsonEqual (core/util/json-equal.ts) calls equal always get the same digest: object
// members are combined in an order-free way (a sum of their own hashes), -0 counts as 0, a member
// whose value is undefined counts as absent and an undefined list item as null (as in JSON). Values
// it calls different get different digests except with a chance of about 2^-64: two 32-bit lanes
// of different multiply-xor hashes over every UTF-16 unit, each finished with MurmurHash3's
// avalanche.

let lane1 = 0;
let lane2 = 0;

const number = new Float64Array(1);
const numberWords = new Uint32Array(number.buffer);

// What kind of value comes next; a string's, list's or object's size rides along with its tag.
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
  lane1 = 0x811c9dc5;
  lane2 = 0x1b873593;
  hashObject(applied as Record<string, unknown>, skipKey);
  feed(protect === undefined ? 0 : protect === true ? 1 : 2);
  out[at] = avalanche(lane1);
  out[at + 1] = avalanche(lane2 ^ 0x9e3779b9);
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

// The hottest loop: the lanes are kept in locals while it runs.
function hashString(text: string): void {
  const n = text.length;
  let a = Math.imul(lane1 ^ (STRING + n * 16), FNV_PRIME);
  let b = Math.imul((lane2 + STRING + n * 16) | 0, MURMUR_M) ^ (lane2 >>> 13);
  for (let i = 0; i < n; i++) {
    const unit = text.charCodeAt(i);
    a = Math.imul(a ^ unit, FNV_PRIME);
    b = Math.imul((b + unit) | 0, MURMUR_M) ^ (b >>> 13);
  }
  lane1 = a;
  lane2 = b;
}

function hashValue(value: unknown): void {
  switch (typeof value) {
    case 'string':
      hashString(value);
      return;
    case 'number':
      number[0] = value === 0 ? 0 : value;
      feed(NUMBER);
      feed(numberWords[0] as number);
      feed(numberWords[1] as number);
      return;
    case 'boolean':
      feed(value ? TRUE : FALSE);
      return;
    case 'object':
      if (value === null) feed(NULL);
      else if (Array.isArray(value)) {
        feed(ARRAY + value.length * 16);
        // As in JSON, a hole or undefined in a list is null.
        for (let i = 0; i < value.length; i++) hashValue(value[i] ?? null);
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
    lane1 = 0x811c9dc5;
    lane2 = 0x1b873593;
    hashString(key);
    hashValue(member);
    sum1 = (sum1 + avalanche(lane1)) | 0;
    sum2 = (sum2 + avalanche(lane2 ^ 0x9e3779b9)) | 0;
    members++;
  }
  lane1 = outer1;
  lane2 = outer2;
  feed(OBJECT + members * 16);
  feed(sum1);
  feed(sum2);
}

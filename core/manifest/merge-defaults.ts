// defaults: lie under every endpoint of their file. Maps merge key by key at every depth (so a
// default attribute survives next to the endpoint's own), lists and scalars are replaced whole, and
// the endpoint's value always wins. The result owns all its objects: nothing is shared between
// endpoints, so no consumer can change one endpoint through another.

import { setOwn, type PlainObject, type PlainValue } from './decode-value.js';

/** Key order: the endpoint's keys as written, then keys that only the defaults have. */
export function mergeDefaults(own: PlainObject, defaults: PlainObject | undefined): PlainObject {
  if (!defaults) return own;
  const out: PlainObject = {};
  for (const key of Object.keys(own)) {
    const mine = own[key]!;
    const theirs = Object.hasOwn(defaults, key) ? defaults[key] : undefined;
    setOwn(out, key, isMap(mine) && isMap(theirs) ? mergeDefaults(mine, theirs) : mine);
  }
  for (const key of Object.keys(defaults)) {
    if (!Object.hasOwn(own, key)) setOwn(out, key, copyValue(defaults[key]!));
  }
  return out;
}

function isMap(v: PlainValue | undefined): v is PlainObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function copyValue(v: PlainValue): PlainValue {
  if (Array.isArray(v)) return v.slice();
  if (!isMap(v)) return v;
  const out: PlainObject = {};
  for (const key of Object.keys(v)) setOwn(out, key, copyValue(v[key]!));
  return out;
}

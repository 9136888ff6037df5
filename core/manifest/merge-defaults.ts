// defaults: lie under every endpoint of their file. Maps merge key by key at every depth (so a
// default attribute survives next to the endpoint's own), lists and scalars are replaced whole, and
// the endpoint's value always wins. The result owns all its objects: nothing is shared between
// endpoints, so no consumer can change one endpoint through another.

export type PlainObject = { [key: string]: unknown };

/** Key order: the endpoint's keys as written, then keys that only the defaults have. */
export function mergeDefaults(own: PlainObject, defaults: PlainObject | undefined): PlainObject {
  if (!defaults) return own;
  const out: PlainObject = {};
  for (const key of Object.keys(own)) {
    const mine = own[key];
    const theirs = Object.hasOwn(defaults, key) ? defaults[key] : undefined;
    setOwn(out, key, isMap(mine) && isMap(theirs) ? mergeDefaults(mine, theirs) : mine);
  }
  for (const key of Object.keys(defaults)) {
    if (!Object.hasOwn(own, key)) setOwn(out, key, copyValue(defaults[key]));
  }
  return out;
}

/** A new object with the same own keys and values (spread is slower on objects built key by key). */
export function shallowCopy(value: PlainObject): PlainObject {
  const out: PlainObject = {};
  for (const key of Object.keys(value)) setOwn(out, key, value[key]);
  return out;
}

function isMap(v: unknown): v is PlainObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function copyValue(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(copyValue);
  if (!isMap(v)) return v;
  const out: PlainObject = {};
  for (const key of Object.keys(v)) setOwn(out, key, copyValue(v[key]));
  return out;
}

/** Assigns without invoking a `__proto__` setter, so any name is just a key. */
export function setOwn(target: PlainObject, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

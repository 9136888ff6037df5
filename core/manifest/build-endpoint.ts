// A declared endpoint as it will be compared and sent: defaults merged in, one-string attributes
// as one-value lists, and pinsync's own keys (protect, allowResubscribe) taken out.

import { isPlainMap } from './describe.js';
import { mergeDefaults, setOwn, type PlainObject } from './merge-defaults.js';
import { ATTRIBUTE_MAPS, PINSYNC_ENDPOINT_FIELDS } from './schema.js';

export interface BuiltEndpoint {
  /** Only Pinpoint's fields. Typed loosely: it is checked, not trusted, until the load succeeds. */
  readonly endpoint: PlainObject;
  readonly protect?: boolean;
  readonly allowResubscribe?: boolean;
}

export function buildEndpoint(own: PlainObject, defaults: PlainObject | undefined): BuiltEndpoint {
  let endpoint = mergeDefaults(own, defaults);
  let protect: boolean | undefined;
  let allowResubscribe: boolean | undefined;
  let hasFlags = false;
  for (const name of PINSYNC_ENDPOINT_FIELDS) {
    if (!Object.hasOwn(endpoint, name)) continue;
    hasFlags = true;
    const value = endpoint[name];
    if (typeof value !== 'boolean') continue;
    if (name === 'protect') protect = value;
    else if (name === 'allowResubscribe') allowResubscribe = value;
  }
  if (hasFlags) endpoint = without(endpoint, PINSYNC_ENDPOINT_FIELDS);
  for (const path of ATTRIBUTE_MAPS) listifyAt(endpoint, path);
  return { endpoint, protect, allowResubscribe };
}

function without(value: PlainObject, keys: readonly string[]): PlainObject {
  const out: PlainObject = {};
  for (const key of Object.keys(value)) if (!keys.includes(key)) setOwn(out, key, value[key]);
  return out;
}

/**
 * Replaces single strings by one-value lists in the attribute map at `path`, in place: every
 * endpoint's objects are its own (read fresh from the text, or copied from defaults), and only
 * values change, never which keys are there.
 */
function listifyAt(value: PlainObject, path: readonly string[]): void {
  let map: unknown = value;
  for (const name of path) map = isPlainMap(map) && Object.hasOwn(map, name) ? map[name] : undefined;
  if (!isPlainMap(map)) return;
  for (const key of Object.keys(map)) {
    const v = map[key];
    if (typeof v === 'string') setOwn(map, key, [v]);
  }
}

/**
 * Whether two JSON values are equal: the same strings, numbers (0 and -0 alike) and booleans, lists
 * item by item, and objects with the same own members. Member names are data (an attribute may be
 * called `constructor`, `valueOf` or `__proto__`), so nothing inherited is read or called; a member
 * whose value is undefined counts as absent, and an undefined list item as null, as in JSON. The
 * state's digests (core/state/applied-digest.ts) tell values apart exactly as this does.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const list = Array.isArray(a);
  if (list !== Array.isArray(b)) return false;
  if (list) {
    const x = a as unknown[];
    const y = b as unknown[];
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!jsonEqual(x[i] ?? null, y[i] ?? null)) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let members = 0;
  for (const key of Object.keys(x)) {
    const value = x[key];
    if (value === undefined) continue;
    members++;
    if (!Object.hasOwn(y, key) || !jsonEqual(value, y[key])) return false;
  }
  for (const key of Object.keys(y)) if (y[key] !== undefined) members--;
  return members === 0;
}

import { fieldPlace, type DeclaredEndpoint } from '../check-document.js';
import { isPlainMap } from '../describe.js';
import type { Finding } from '../finding.js';
import { KEY_MAPS } from '../schema.js';
import type { RuleInput } from './types.js';

export const MAX_APPLICATION_KEYS = 250;

/**
 * Pinpoint allows 250 distinct keys per application across Attributes, Metrics and
 * UserAttributes together (`Attributes.Plan` and `Metrics.Plan` are two). Reported once, at the
 * key that goes over; keys other writers registered count too, so this is a lower bound.
 */
export function checkKeyBudget({ endpoints }: RuleInput): Finding[] {
  const seen = KEY_MAPS.map(() => new Set<string>());
  let total = 0;
  let over: { ep: DeclaredEndpoint; field: string[] } | undefined;
  for (const ep of endpoints) {
    for (let m = 0; m < KEY_MAPS.length; m++) {
      const map = valueAt(ep.endpoint, KEY_MAPS[m]!);
      if (!isPlainMap(map)) continue;
      for (const name of Object.keys(map)) {
        if (seen[m]!.has(name)) continue;
        seen[m]!.add(name);
        if (++total === MAX_APPLICATION_KEYS + 1) over = { ep, field: [...KEY_MAPS[m]!, name] };
      }
    }
  }
  if (!over) return [];
  const counts = KEY_MAPS.map((path, m) => `${seen[m]!.size} in ${path[path.length - 1]}`).join(', ');
  return [
    {
      ...fieldPlace(over.ep, over.field),
      at: 'key',
      code: 'TOO_MANY_KEYS',
      message:
        `the manifest declares ${total} distinct attribute keys (${counts}); Pinpoint allows ${MAX_APPLICATION_KEYS} per ` +
        `application across Attributes, Metrics and UserAttributes together, and this is key ${MAX_APPLICATION_KEYS + 1}`,
    },
  ];
}

function valueAt(value: unknown, path: readonly string[]): unknown {
  let v = value;
  for (const name of path) v = isPlainMap(v) ? v[name] : undefined;
  return v;
}

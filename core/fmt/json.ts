// JSON manifests in canonical form: keys in schema order, two-space indentation, one final
// newline. JSON has no comments to keep, so the document is rebuilt from its values.

import { readJson, readJsonPlain } from '../manifest/parse/json.js';
import type { DocPath } from '../manifest/path.js';
import { ENDPOINT_LISTS, keyRanks, sortEndpoints, sortKeys } from './order.js';
import type { FormatOptions, FormatOutcome } from './types.js';

export function formatJson(text: string, options: FormatOptions = {}): FormatOutcome {
  if (text.trim() === '') return { ok: true, text };
  const plain = readJsonPlain(text);
  if (!plain) {
    const parsed = readJson(text);
    const problem = parsed.problems[0];
    if (problem) return { ok: false, offset: problem.offset, message: `invalid JSON: ${problem.message}` };
    // It parses, yet not as plain values: a repeated key (or __proto__), which rebuilding would drop.
    if (parsed.root && parsed.root.kind !== 'scalar') {
      return { ok: false, message: 'a key appears twice in one object (run `pinsync validate` to see where); fix it first' };
    }
    return { ok: true, text };
  }
  return { ok: true, text: `${JSON.stringify(canonical(plain.root, [], options), null, 2)}\n` };
}

function canonical(value: unknown, path: DocPath, options: FormatOptions): unknown {
  if (Array.isArray(value)) {
    const isEndpointList = path.length === 1 && ENDPOINT_LISTS.includes(String(path[0]));
    const items = isEndpointList && options.sort ? sortEndpoints(value, (item) => (item as Record<string, unknown> | null)?.['Id']) : value;
    return items.map((item, i) => canonical(item, [...path, i], options));
  }
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  const ranks = keyRanks(path);
  const keys = ranks ? sortKeys(Object.keys(record), (k) => k, ranks) : Object.keys(record);
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const child = canonical(record[key], [...path, key], options);
    if (key === '__proto__') Object.defineProperty(out, key, { value: child, enumerable: true, writable: true, configurable: true });
    else out[key] = child;
  }
  return out;
}

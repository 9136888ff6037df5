// `pinsync fmt`: manifests in one canonical form, so that diffs show changes, not style. The key
// order comes from the JSON Schema; comments and blank lines are kept. Formatting never changes
// what a file means: the result is read back and compared with the original, and a file whose
// meaning would change is left as it is.

import { isDeepStrictEqual } from 'node:util';
import { parse } from 'yaml';
import { parsePlain, type SourceFormat } from '../manifest/parse/index.js';
import { formatJson } from './json.js';
import { ENDPOINT_LISTS, sortEndpoints } from './order.js';
import type { FormatOptions, FormatOutcome } from './types.js';
import { formatYaml, MEANING_CHANGED } from './yaml.js';

export type { FormatOptions, FormatOutcome } from './types.js';

export function formatManifest(text: string, format: SourceFormat, options: FormatOptions = {}): FormatOutcome {
  const outcome = format === 'json' ? formatJson(text, options) : formatYaml(text, options);
  if (!outcome.ok || outcome.text === text) return outcome;
  if (!sameMeaning(text, outcome.text, format, options)) {
    return { ok: false, message: format === 'json' ? 'formatting would change what this file means; left as it is' : MEANING_CHANGED };
  }
  return outcome;
}

function sameMeaning(before: string, after: string, format: SourceFormat, options: FormatOptions): boolean {
  try {
    const a = valueOf(before, format);
    const b = valueOf(after, format);
    return isDeepStrictEqual(normalise(a, [], options.sort === true), normalise(b, [], options.sort === true));
  } catch {
    return false;
  }
}

/** The document's value: through the fast reader when it can (it reads as the library does), else the library. */
function valueOf(text: string, format: SourceFormat): unknown {
  return parsePlain(text, format)?.root ?? parse(text, { uniqueKeys: false, maxAliasCount: -1 });
}

/** Key order does not matter to meaning; with --sort, endpoint order does not either. */
function normalise(value: unknown, path: readonly (string | number)[], sorted: boolean): unknown {
  if (Array.isArray(value)) {
    const items = sorted && path.length === 1 && ENDPOINT_LISTS.includes(String(path[0]))
      ? sortEndpoints(value, (item) => (item as Record<string, unknown> | null)?.['Id'])
      : value;
    return items.map((item, i) => normalise(item, [...path, i], sorted));
  }
  // -0 is written as 0, in JSON as by the SDK: the same number to Pinpoint.
  if (Object.is(value, -0)) return 0;
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((k) => [k, normalise(record[k], [...path, k], sorted)]),
  );
}

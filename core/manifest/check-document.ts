// One file's document, as plain values: the schema's checks, the rules that only one file can
// break (endpoints: and Item: together), and the endpoints it declares, for the rules across files.

import { buildEndpoint } from './build-endpoint.js';
import { isPlainMap } from './describe.js';
import type { Finding } from './finding.js';
import type { ManifestFile } from './manifest-file.js';
import type { PlainObject } from './merge-defaults.js';
import type { DocPath } from './path.js';
import { schemaFindings } from './schema-errors.js';
import { validateDocument } from './schema.js';

export interface DeclaredEndpoint {
  readonly file: ManifestFile;
  /** `['endpoints', 3]` or `['Item', 3]`. */
  readonly path: DocPath;
  /** The list item as written. */
  readonly own: PlainObject;
  /** The file's defaults, when it has a mapping of them. */
  readonly defaults?: PlainObject;
  /** Defaults merged in, attribute strings as lists, without pinsync's own keys. */
  readonly endpoint: PlainObject;
  readonly protect?: boolean;
  readonly allowResubscribe?: boolean;
  /**
   * An upper bound on the characters of JSON that `endpoint` serialises to, when a cheap one is
   * known: the item's source span times 4 (every YAML or JSON token grows at most that much, `~`
   * to `null`) plus the defaults' JSON. Unknown for files with aliases, which can expand anything.
   */
  readonly jsonBound?: number;
}

export const LIST_KEYS = ['endpoints', 'Item'] as const;

export function checkDocument(file: ManifestFile, out: Finding[]): DeclaredEndpoint[] {
  const root = file.root;
  for (const f of schemaFindings(file, root, validateDocument(root))) out.push(f);
  if (!isPlainMap(root)) return [];
  const keys = Object.keys(root);
  if (Object.hasOwn(root, 'endpoints') && Object.hasOwn(root, 'Item')) {
    const [first, second] = keys.indexOf('endpoints') < keys.indexOf('Item') ? ['endpoints', 'Item'] : ['Item', 'endpoints'];
    out.push({
      file,
      path: [second],
      at: 'key',
      code: 'ENDPOINTS_AND_ITEM',
      message: ({ related }) =>
        `this file has both endpoints: and Item: (the other is at ${related}); ` +
        'they mean the same list: move all endpoints under one of them',
      related: { file, path: [first], at: 'key' },
    });
  }
  const defaults = isPlainMap(root['defaults']) ? root['defaults'] : undefined;
  const defaultsSize = defaults ? JSON.stringify(defaults).length : 0;
  const declared: DeclaredEndpoint[] = [];
  for (const listKey of LIST_KEYS) {
    const list = root[listKey];
    if (!Array.isArray(list)) continue;
    // Only the plain reading (which never expands aliases) records where items start.
    const starts = file.itemStarts?.get(list);
    for (let i = 0; i < list.length; i++) {
      const own: unknown = list[i];
      if (!isPlainMap(own) || typeof own['Id'] !== 'string') continue;
      const built = buildEndpoint(own, defaults);
      const start = starts?.[i];
      const end = starts?.[i + 1] ?? file.text.length;
      // One object shape for every endpoint (absent values undefined): a large manifest makes
      // hundreds of thousands.
      declared.push({
        file,
        path: [listKey, i],
        own,
        defaults,
        endpoint: built.endpoint,
        protect: built.protect,
        allowResubscribe: built.allowResubscribe,
        jsonBound: start === undefined ? undefined : 4 * (end - start) + defaultsSize,
      });
    }
  }
  return declared;
}

/** Where an endpoint's field is written: its own value, else the file's defaults, else the item. */
export function fieldPlace(ep: DeclaredEndpoint, field: readonly string[]): { file: ManifestFile; path: DocPath } {
  if (has(ep.own, field)) return { file: ep.file, path: [...ep.path, ...field] };
  if (ep.defaults && has(ep.defaults, field)) return { file: ep.file, path: ['defaults', ...field] };
  return { file: ep.file, path: ep.path };
}

function has(value: unknown, field: readonly string[]): boolean {
  let v = value;
  for (const name of field) {
    if (!isPlainMap(v) || !Object.hasOwn(v, name)) return false;
    v = v[name];
  }
  return true;
}

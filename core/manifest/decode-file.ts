// One file's top level: endpoints: (or Item:), applicationId:, defaults:, $schema:. Produces the
// file's endpoints with its defaults merged in, for the rules that look across endpoints and files.

import type { EndpointItem } from '../../providers/types.js';
import type { Diagnostic } from '../diagnostics/types.js';
import { readSetting, SETTING_KEYS, type FileSettings, type SettingKey } from './decode-settings.js';
import { Decoder, newKeyIndex, setOwn, type PlainObject } from './decode-value.js';
import { DEFAULTS_SPEC, ENDPOINT_SPEC, PINSYNC_ENDPOINT_FIELDS } from './endpoint-schema.js';
import { findEntry, hasMisspeltKey } from './locate.js';
import { mergeDefaults } from './merge-defaults.js';
import type { MapNode, ScalarNode, SourceNode } from './parse/index.js';
import { childPath, indexPath } from './path.js';
import type { SourceFile } from './source-file.js';
import { didYouMean } from './suggest.js';

export interface DeclaredEndpoint {
  /** The endpoint as declared, defaults merged in. */
  readonly endpoint: EndpointItem;
  readonly file: SourceFile;
  /** The list item that declares it. */
  readonly node: MapNode;
  /** `endpoints[3]` or `Item[3]`. */
  readonly path: string;
  /** The file's defaults mapping, where any merged-in value was written. */
  readonly defaultsNode?: MapNode;
  /** pinsync's own keys (`protect:`, `allowResubscribe:`), never part of `endpoint`. */
  readonly protect?: boolean;
  readonly allowResubscribe?: boolean;
}

export interface DecodedFile {
  readonly file: SourceFile;
  readonly applicationId?: { readonly value: string; readonly node: ScalarNode };
  readonly endpoints: readonly DeclaredEndpoint[];
  readonly settings: FileSettings;
}

const TOP_LEVEL_KEYS = ['endpoints', 'Item', 'applicationId', 'defaults', ...SETTING_KEYS, '$schema'] as const;
type TopLevelKey = (typeof TOP_LEVEL_KEYS)[number];

export function decodeFile(file: SourceFile, root: SourceNode, out: Diagnostic[]): DecodedFile {
  const d = new Decoder(file, out);
  if (root.kind !== 'map') {
    d.report(root, {
      code: 'WRONG_TYPE',
      message: 'the top level of a manifest must be a mapping with an endpoints: (or Item:) list',
    });
    return { file, endpoints: [], settings: {} };
  }
  const found = readTopLevel(d, root);
  const settings: FileSettings = {};
  for (const key of SETTING_KEYS) {
    const entry = found.get(key);
    if (entry) readSetting(d, key as SettingKey, entry.value, settings);
  }
  const listKeys = (['endpoints', 'Item'] as const).filter((k) => found.has(k));
  if (listKeys.length === 2) reportBothLists(d, found.get('endpoints')!.key, found.get('Item')!.key);

  const applicationId = readApplicationId(d, found.get('applicationId')?.value);
  const defaultsEntry = found.get('defaults');
  const defaults = defaultsEntry ? d.decodeObject(defaultsEntry.value, DEFAULTS_SPEC, 'defaults') : undefined;
  const defaultsNode = defaultsEntry?.value.kind === 'map' ? defaultsEntry.value : undefined;

  const endpoints: DeclaredEndpoint[] = [];
  for (const listKey of listKeys) {
    const list = found.get(listKey)!.value;
    if (list.kind !== 'seq') {
      const hint = list.kind === 'scalar' && list.value === null ? ` (write ${listKey}: [] for none)` : '';
      d.wrongType(list, listKey, 'a list of endpoints', hint);
      continue;
    }
    for (let i = 0; i < list.items.length; i++) {
      const declared = readEndpoint(d, list.items[i]!, indexPath(listKey, i), defaults, defaultsNode);
      if (declared) endpoints.push(declared);
    }
  }
  return applicationId ? { file, applicationId, endpoints, settings } : { file, endpoints, settings };
}

function readTopLevel(d: Decoder, root: MapNode): Map<TopLevelKey, { key: SourceNode; value: SourceNode }> {
  const found = new Map<TopLevelKey, { key: SourceNode; value: SourceNode }>();
  const seen = newKeyIndex(root);
  for (let i = 0; i < root.entries.length; i++) {
    const name = d.keyName(root, i, '', 'top-level keys', seen);
    if (name === undefined) continue;
    const entry = root.entries[i]!;
    if ((TOP_LEVEL_KEYS as readonly string[]).includes(name)) {
      found.set(name as TopLevelKey, entry);
      continue;
    }
    d.report(entry.key, {
      code: 'UNKNOWN_TOP_LEVEL_KEY',
      message:
        `unknown top-level key "${name}"${didYouMean(name, TOP_LEVEL_KEYS)}; ` +
        'a manifest file has endpoints: (or Item:), applicationId:, defaults:, removals:, prune:, safety: and $schema:',
      path: childPath('', name),
    });
  }
  return found;
}

function reportBothLists(d: Decoder, endpointsKey: SourceNode, itemKey: SourceNode): void {
  const [first, second] = endpointsKey.start < itemKey.start ? [endpointsKey, itemKey] : [itemKey, endpointsKey];
  const secondName = second === itemKey ? 'Item' : 'endpoints';
  d.report(second, {
    code: 'ENDPOINTS_AND_ITEM',
    message:
      `this file has both endpoints: and Item: (the other is at ${d.where(first)}); ` +
      'they mean the same list: move all endpoints under one of them',
    path: secondName,
  });
}

function readApplicationId(d: Decoder, node: SourceNode | undefined): DecodedFile['applicationId'] {
  if (!node) return undefined;
  const value = d.decodeString(node, 'applicationId', 'applicationId');
  if (value === undefined) return undefined;
  if (value === '' || value.includes('/')) {
    d.report(node, {
      code: 'INVALID_APPLICATION_ID',
      message: `applicationId must be a Pinpoint project id (32 hex characters), not ${JSON.stringify(value)}`,
      path: 'applicationId',
    });
    return undefined;
  }
  return { value, node: node as ScalarNode };
}

function readEndpoint(
  d: Decoder,
  item: SourceNode,
  path: string,
  defaults: PlainObject | undefined,
  defaultsNode: MapNode | undefined,
): DeclaredEndpoint | undefined {
  if (item.kind !== 'map') {
    d.wrongType(item, path, 'a mapping with Id, ChannelType and the other endpoint fields');
    return undefined;
  }
  const own = d.decodeObject(item, ENDPOINT_SPEC, path);
  if (!own) return undefined;
  if (typeof own['Id'] !== 'string') {
    // A present but invalid Id, or a misspelt one (`id:`), has been reported already.
    if (!findEntry(item, 'Id') && !hasMisspeltKey(item, 'Id')) {
      d.report(item, {
        code: 'MISSING_FIELD',
        message: 'this endpoint has no Id: every endpoint needs one (Id: ...)',
        path,
      });
    }
    return undefined;
  }
  const merged = mergeDefaults(own, defaults);
  const flags: { protect?: boolean; allowResubscribe?: boolean } = {};
  for (const name of PINSYNC_ENDPOINT_FIELDS) {
    if (typeof merged[name] === 'boolean') flags[name] = merged[name] as boolean;
  }
  // `endpoint` is exactly what is compared with and sent to Pinpoint: pinsync's own keys stay out.
  const hasOwnKeys = PINSYNC_ENDPOINT_FIELDS.some((n) => Object.hasOwn(merged, n));
  const endpoint = (hasOwnKeys ? withoutKeys(merged, PINSYNC_ENDPOINT_FIELDS) : merged) as unknown as EndpointItem;
  return {
    endpoint,
    file: d.file,
    node: item,
    path,
    ...(defaultsNode && { defaultsNode }),
    ...flags,
  };
}

function withoutKeys(value: PlainObject, keys: readonly string[]): PlainObject {
  const out: PlainObject = {};
  for (const key of Object.keys(value)) if (!keys.includes(key)) setOwn(out, key, value[key]!);
  return out;
}

import { stringify } from 'yaml';
import type { EndpointItem, LiveEndpoint } from '../../providers/types.js';
import { formatManifest } from '../fmt/index.js';

const DEMOGRAPHIC = ['AppVersion', 'Locale', 'Make', 'Model', 'ModelVersion', 'Platform', 'PlatformVersion', 'Timezone'] as const;
const LOCATION = ['City', 'Country', 'PostalCode', 'Region', 'Latitude', 'Longitude'] as const;

/**
 * An existing endpoint as a manifest would declare it, so that a plan right after shows no change:
 * the fields a client can write, without server fields, without attribute keys whose values were
 * cleared (Pinpoint keeps them as `[]`), and EndpointStatus only when INACTIVE (every write sets
 * ACTIVE, so only INACTIVE needs declaring to be kept).
 */
export function toDeclared(live: LiveEndpoint): EndpointItem {
  const out: Record<string, unknown> = { Id: live.Id };
  if (live.ChannelType !== undefined) out['ChannelType'] = live.ChannelType;
  if (live.Address !== undefined && live.Address !== '') out['Address'] = live.Address;
  const attributes = nonEmptyLists(live.Attributes);
  if (attributes) out['Attributes'] = attributes;
  if (live.Metrics !== undefined && Object.keys(live.Metrics).length > 0) out['Metrics'] = { ...live.Metrics };
  const userAttributes = nonEmptyLists(live.User?.UserAttributes);
  if (live.User?.UserId || userAttributes) {
    const user: Record<string, unknown> = {};
    if (live.User?.UserId) user['UserId'] = live.User.UserId;
    if (userAttributes) user['UserAttributes'] = userAttributes;
    out['User'] = user;
  }
  const demographic = pick(live.Demographic, DEMOGRAPHIC);
  if (demographic) out['Demographic'] = demographic;
  const location = pick(live.Location, LOCATION);
  if (location) out['Location'] = location;
  if (live.OptOut !== undefined) out['OptOut'] = live.OptOut;
  if (live.EndpointStatus === 'INACTIVE') out['EndpointStatus'] = 'INACTIVE';
  return out as unknown as EndpointItem;
}

function nonEmptyLists(map: Readonly<Record<string, readonly string[]>> | undefined): Record<string, string[]> | undefined {
  if (map === undefined) return undefined;
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(map)) if (v.length > 0) out[k] = [...v];
  return Object.keys(out).length > 0 ? out : undefined;
}

function pick<T extends object>(source: T | undefined, keys: readonly (keyof T)[]): Partial<T> | undefined {
  if (source === undefined) return undefined;
  const out: Partial<T> = {};
  for (const k of keys) {
    const v = source[k];
    if (v !== undefined && v !== '') out[k] = v;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** A manifest file of existing endpoints, sorted by Id. */
export function renderExport(applicationId: string, endpoints: readonly LiveEndpoint[]): string {
  const declared = endpoints.map(toDeclared).sort((a, b) => (a.Id < b.Id ? -1 : a.Id > b.Id ? 1 : 0));
  const header = `# Exported by pinsync export from application ${applicationId}.\n# Review it, then commit it: a plan right after shows no changes.\n`;
  const text = header + stringify({ applicationId, endpoints: declared }, { lineWidth: 0, flowCollectionPadding: false });
  // In the form `pinsync fmt` writes, so that `fmt --check` in CI passes on an exported file.
  const formatted = formatManifest(text, 'yaml');
  return formatted.ok ? formatted.text : text;
}

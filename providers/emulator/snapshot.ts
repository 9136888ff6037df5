// The store's serialised form (the data file). Plain EndpointResponse objects per application, in
// write order, plus the application's attribute-key registry, which outlives endpoint deletes.

import type { LiveEndpoint } from '../types.js';
import { findItemProblem, isPlainObject } from './validate-item.js';

export const SNAPSHOT_FORMAT = 'pinsync-emulator-store/1';

export interface ApplicationSnapshot {
  readonly attributeKeys: readonly string[];
  /** Oldest write first; the order breaks EffectiveDate ties when a push endpoint is evicted. */
  readonly endpoints: readonly LiveEndpoint[];
}

export interface StoreSnapshot {
  readonly format: typeof SNAPSHOT_FORMAT;
  readonly applications: Readonly<Record<string, ApplicationSnapshot>>;
}

/** Checks that `data` is a snapshot this version can load; throws an Error saying what is wrong. */
export function parseSnapshot(data: unknown): StoreSnapshot {
  if (!isPlainObject(data)) throw new Error('not a JSON object');
  if (data.format !== SNAPSHOT_FORMAT) {
    throw new Error(`unknown format ${JSON.stringify(data.format)} (expected "${SNAPSHOT_FORMAT}")`);
  }
  if (!isPlainObject(data.applications)) throw new Error('"applications" must be an object');
  for (const [appId, app] of Object.entries(data.applications)) checkApplication(appId, app);
  return data as unknown as StoreSnapshot;
}

function checkApplication(appId: string, app: unknown): void {
  const where = `application ${JSON.stringify(appId)}`;
  if (!isPlainObject(app)) throw new Error(`${where} must be an object`);
  const keys = app.attributeKeys;
  if (!Array.isArray(keys) || keys.some((k) => typeof k !== 'string')) {
    throw new Error(`${where}: "attributeKeys" must be a list of strings`);
  }
  if (!Array.isArray(app.endpoints)) throw new Error(`${where}: "endpoints" must be a list`);
  app.endpoints.forEach((endpoint: unknown, index: number) => {
    const problem = findItemProblem(endpoint);
    if (problem) throw new Error(`${where}, endpoint ${index}: ${problem}`);
  });
}

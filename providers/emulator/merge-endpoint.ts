// How one validated item is merged into the stored endpoint (or creates it). Maps merge per key
// (a sent key replaces that key's whole value, `[]` leaves the key with no values); Demographic,
// Location and User merge per sub-field (assumed) and `""` removes a string sub-field (assumed);
// other scalars are replaced when sent. Server-managed fields sent by the client are ignored.

import type { EndpointItem, LiveEndpoint } from '../types.js';
import { orderEndpoint, type Mutable } from './endpoint-shape.js';
import {
  DEFAULT_ENDPOINT_STATUS,
  DEFAULT_OPT_OUT,
  computeCohortId,
  roundCoordinate,
} from './rules.js';
import {
  DEMOGRAPHIC_FIELDS,
  LOCATION_NUMBER_FIELDS,
  LOCATION_STRING_FIELDS,
  isSent,
} from './validate-item.js';

export interface WriteContext {
  readonly appId: string;
  readonly requestId: string;
  /** ISO 8601 time of this write: EffectiveDate always, CreationDate on create. */
  readonly now: string;
}

type Fields = Record<string, unknown>;

const LOCATION_FIELDS = [...LOCATION_STRING_FIELDS, ...LOCATION_NUMBER_FIELDS].sort();

/** The endpoint after applying `item` to `existing` (undefined: create). Inputs are not mutated. */
export function mergeEndpoint(existing: LiveEndpoint | undefined, item: EndpointItem, ctx: WriteContext): LiveEndpoint {
  const merged: Mutable<LiveEndpoint> = {
    Id: existing?.Id ?? item.Id, // assumed: the Id keeps the case it was created with
    ChannelType: item.ChannelType ?? existing?.ChannelType,
    Address: mergeString(existing?.Address, item.Address) as string | undefined,
    Attributes: mergeListMap(existing?.Attributes, item.Attributes),
    Metrics: mergeMetricMap(existing?.Metrics, item.Metrics),
    User: mergeSubFields(existing?.User, item.User, ['UserAttributes', 'UserId'], mergeUserField),
    Demographic: mergeSubFields(existing?.Demographic, item.Demographic, DEMOGRAPHIC_FIELDS, mergeString),
    Location: mergeSubFields(existing?.Location, item.Location, LOCATION_FIELDS, mergeLocationField),
    OptOut: item.OptOut ?? existing?.OptOut ?? DEFAULT_OPT_OUT,
    EndpointStatus: item.EndpointStatus ?? DEFAULT_ENDPOINT_STATUS,
    ApplicationId: ctx.appId,
    CohortId: existing?.CohortId ?? computeCohortId(item.Id),
    CreationDate: existing?.CreationDate ?? ctx.now,
    EffectiveDate: ctx.now,
    RequestId: ctx.requestId,
  };
  return orderEndpoint(merged);
}

/** Not sent keeps the old value; `""` removes it (assumed); anything else replaces it. */
function mergeString(old: unknown, sent: unknown): unknown {
  if (!isSent(sent)) return old;
  return sent === '' ? undefined : sent;
}

function mergeListMap(
  old: Readonly<Record<string, readonly string[]>> | undefined,
  sent: Readonly<Record<string, readonly string[]>> | undefined,
): Record<string, string[]> | undefined {
  if (!isSent(sent)) return old as Record<string, string[]> | undefined;
  const result: Record<string, string[]> = {};
  for (const [key, values] of Object.entries(old ?? {})) result[key] = [...values];
  // A key cannot be removed by an update, so `[]` keeps the key with no values.
  for (const [key, values] of Object.entries(sent!)) result[key] = [...values];
  return Object.keys(result).length > 0 ? result : undefined;
}

function mergeMetricMap(
  old: Readonly<Record<string, number>> | undefined,
  sent: Readonly<Record<string, number>> | undefined,
): Record<string, number> | undefined {
  if (!isSent(sent)) return old as Record<string, number> | undefined;
  const result = { ...old, ...sent };
  return Object.keys(result).length > 0 ? result : undefined;
}

function mergeUserField(old: unknown, sent: unknown, field: string): unknown {
  if (field === 'UserAttributes') {
    return mergeListMap(old as Record<string, string[]> | undefined, sent as Record<string, string[]> | undefined);
  }
  return mergeString(old, sent);
}

function mergeLocationField(old: unknown, sent: unknown, field: string): unknown {
  if ((field === 'Latitude' || field === 'Longitude') && typeof sent === 'number') return roundCoordinate(sent);
  return mergeString(old, sent);
}

/** Merges an object sub-field by sub-field, keeping only the model's members, in model order. */
function mergeSubFields<T>(
  old: T | undefined,
  sent: T | undefined,
  fields: readonly string[],
  mergeField: (old: unknown, sent: unknown, field: string) => unknown,
): T | undefined {
  if (!isSent(sent)) return old;
  const oldFields = (old ?? {}) as Fields;
  const sentFields = sent as Fields;
  const result: Fields = {};
  for (const field of fields) {
    const value = mergeField(oldFields[field], sentFields[field], field);
    if (value !== undefined) result[field] = value;
  }
  return Object.keys(result).length > 0 ? (result as T) : undefined;
}

// The shape of an endpoint as the emulator stores and returns it: EndpointResponse's members in
// the model's (alphabetical) order, so responses and the data file are stable and diffable.

import type { LiveEndpoint } from '../types.js';

export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const FIELD_ORDER: readonly (keyof LiveEndpoint)[] = [
  'Address',
  'ApplicationId',
  'Attributes',
  'ChannelType',
  'CohortId',
  'CreationDate',
  'Demographic',
  'EffectiveDate',
  'EndpointStatus',
  'Id',
  'Location',
  'Metrics',
  'OptOut',
  'RequestId',
  'User',
];

/** A copy with the known fields in canonical order; absent (undefined) fields are left out. */
export function orderEndpoint(endpoint: LiveEndpoint): LiveEndpoint {
  const ordered: Record<string, unknown> = {};
  for (const field of FIELD_ORDER) {
    if (endpoint[field] !== undefined) ordered[field] = endpoint[field];
  }
  return ordered as unknown as LiveEndpoint;
}

// Every limit and every modelled choice of the emulator lives here, so that when the real service
// is found to behave differently only this file (and SPEC.md) changes. "assumed" marks a choice
// that no documentation confirms; see SPEC.md for the reasons.

import { AWS_RATE_QUOTAS, CHANNEL_TYPES, PUSH_CHANNEL_TYPES, type ChannelType, type LiveEndpoint } from '../types.js';
import { orderEndpoint, type Mutable } from './endpoint-shape.js';

/** Items per UpdateEndpointsBatch request (documented). */
export const MAX_BATCH_ITEMS = 100;
/** Request payload, bytes (documented: 7 MB). */
export const MAX_PAYLOAD_BYTES = 7 * 1024 * 1024;
/** One endpoint, measured as the UTF-8 bytes of JSON.stringify of the stored endpoint (measure assumed). */
export const MAX_ENDPOINT_BYTES = 15 * 1024;
/** Distinct attribute keys per application over Attributes, Metrics and UserAttributes (documented). */
export const MAX_APP_ATTRIBUTE_KEYS = 250;
/** Attribute name and value lengths, in UTF-16 code units (documented as "characters"). */
export const MAX_ATTRIBUTE_NAME_LENGTH = 50;
export const MAX_ATTRIBUTE_VALUE_LENGTH = 100;
/** Values of one attribute (documented). */
export const MAX_ATTRIBUTE_VALUES = 50;
/** Endpoints per UserId (documented). */
export const MAX_ENDPOINTS_PER_USER = 15;
/** CohortId is "0".."99" (documented range; the derivation is assumed). */
export const COHORT_COUNT = 100;
/** Pinpoint rounds coordinates to one decimal (documented); a planner must compare rounded values. */
export const COORDINATE_DECIMALS = 1;

/**
 * Pinpoint's per-operation rate quotas, the one table pinsync's client pacing also uses (defined
 * beside the provider interface). Not enforced unless fault injection asks (`--aws-quotas`).
 */
export { AWS_RATE_QUOTAS };

/** Assumed: a rejected item rejects the whole batch and nothing of it is stored. */
export const ATOMIC_BATCH = true;
/** Assumed: Address is optional on create although "Missing Address" has been seen in the field. */
export const REQUIRE_ADDRESS_ON_CREATE = false;
/** Likely: endpoints created without OptOut read back as NONE. */
export const DEFAULT_OPT_OUT = 'NONE';
/** Documented: every write makes the endpoint ACTIVE unless the request says otherwise. */
export const DEFAULT_ENDPOINT_STATUS = 'ACTIVE';
export const INACTIVE_STATUS = 'INACTIVE';
/** Assumed: values outside these sets are rejected rather than stored. */
export const OPT_OUT_VALUES: readonly string[] = ['ALL', 'NONE'];
export const ENDPOINT_STATUS_VALUES: readonly string[] = ['ACTIVE', 'INACTIVE'];

/** Documented: Ids may not contain these characters. */
export const FORBIDDEN_ID_CHARACTERS = /[${}]/;

/** The SigV4 signing name of Pinpoint's API (the service model's `signingName`). */
export const SIGNING_SERVICE = 'mobiletargeting';
/**
 * Reported: REST JSON services refuse a request signed more than 5 minutes from their clock
 * ("Signature expired: ... (... - 5 min.)" from Glacier, Lambda, Rekognition and others in AWS SDK
 * issue threads; S3 and some query services allow 15).
 */
export const SIGNATURE_MAX_SKEW_MS = 5 * 60_000;

/** Message texts. Clients must branch on the exception name, never on these. */
export const MESSAGES = {
  notFound: 'Resource not found',
  accepted: 'Accepted',
  missingId: 'Missing Id',
  invalidId: 'Invalid Id: must not contain $, { or }',
  missingChannelType: 'Missing ChannelType',
  missingAddress: 'Missing Address',
  missingItem: 'Missing Item: the body must be {"Item": [...]}',
  userQuota: `Exceeded maximum endpoint per user count: ${MAX_ENDPOINTS_PER_USER}`,
  batchTooLarge: `Batch size exceeds the maximum of ${MAX_BATCH_ITEMS} items`,
  payloadTooLarge: `Request payload exceeds the maximum of ${MAX_PAYLOAD_BYTES} bytes`,
  appKeyQuota: `Exceeded maximum number of attribute keys per application: ${MAX_APP_ATTRIBUTE_KEYS}`,
  endpointTooLarge: `Endpoint exceeds the maximum size of ${MAX_ENDPOINT_BYTES} bytes`,
  rateLimited: 'Rate exceeded',
  throttled: 'Too many requests',
  serverError: 'Internal server error (injected fault)',
  poisoned: 'Poisoned item',
} as const;

/** Documented: Ids are case-insensitive, so every lookup goes through this key. */
export function toIdKey(id: string): string {
  return id.toLowerCase();
}

export function isChannelType(value: unknown): value is ChannelType {
  return typeof value === 'string' && (CHANNEL_TYPES as readonly string[]).includes(value);
}

export function isPushChannel(channel: ChannelType | undefined): boolean {
  return channel !== undefined && PUSH_CHANNEL_TYPES.includes(channel);
}

/**
 * Assumed: a stable bucket from an FNV-1a hash of the lowercased Id, so the same Id always lands in
 * the same cohort (even after delete and re-create) and the value is reproducible across runs.
 */
export function computeCohortId(id: string): string {
  let hash = 0x811c9dc5;
  for (const char of toIdKey(id)) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return String(hash % COHORT_COUNT);
}

export function roundCoordinate(value: number): number {
  const factor = 10 ** COORDINATE_DECIMALS;
  return Math.round(value * factor) / factor;
}

/**
 * Key of the (channel, address) index. Assumed: only endpoints of the same ChannelType compete for
 * an Address, so the channel is part of the key; drop it here to make the scope application-wide.
 */
export function toAddressKey(channel: ChannelType | undefined, address: string): string {
  return `${channel ?? ''}\u0000${address}`;
}

/**
 * Key in the application's attribute-key registry. Assumed: each map is counted separately, so
 * "Attributes.Plan" and "Metrics.Plan" are two keys of the 250.
 */
export function toRegistryKey(map: 'Attributes' | 'Metrics' | 'UserAttributes', key: string): string {
  return `${map}.${key}`;
}

/** Whether the endpoint, as UTF-8 bytes of JSON.stringify, exceeds MAX_ENDPOINT_BYTES. */
export function isEndpointTooLarge(endpoint: LiveEndpoint): boolean {
  // Serialising every written endpoint is the costliest step of a write; a cheap upper bound
  // settles almost every case, and only endpoints that might be too large are measured exactly.
  if (boundJsonBytes(endpoint) <= MAX_ENDPOINT_BYTES) return false;
  return Buffer.byteLength(JSON.stringify(endpoint), 'utf8') > MAX_ENDPOINT_BYTES;
}

/** An upper bound of JSON.stringify's UTF-8 size: a UTF-16 unit never takes more than 6 bytes. */
function boundJsonBytes(value: unknown): number {
  if (typeof value === 'string') return 6 * value.length + 2;
  if (typeof value !== 'object' || value === null) return 24; // numbers, booleans, null
  let bytes = 2;
  if (Array.isArray(value)) {
    for (const item of value) bytes += boundJsonBytes(item) + 1;
    return bytes;
  }
  for (const [key, item] of Object.entries(value)) {
    if (item !== undefined) bytes += 6 * key.length + 4 + boundJsonBytes(item);
  }
  return bytes;
}

export interface EvictionCandidate {
  readonly endpoint: LiveEndpoint;
  readonly seq: number;
}

/**
 * Which endpoint of a full user gives way to a new one, or undefined when the write must fail.
 * Documented: only a push endpoint makes room, by evicting the push endpoint with the oldest
 * EffectiveDate. Ties (one batch writes many endpoints in the same millisecond) go to the one
 * written first.
 */
export function chooseEviction<T extends EvictionCandidate>(
  newChannel: ChannelType | undefined,
  members: readonly T[],
): T | undefined {
  if (!isPushChannel(newChannel)) return undefined;
  let oldest: T | undefined;
  for (const member of members) {
    if (!isPushChannel(member.endpoint.ChannelType)) continue;
    if (oldest === undefined || isOlder(member, oldest)) oldest = member;
  }
  return oldest;
}

function isOlder(a: EvictionCandidate, b: EvictionCandidate): boolean {
  const da = a.endpoint.EffectiveDate ?? '';
  const db = b.endpoint.EffectiveDate ?? '';
  return da === db ? a.seq < b.seq : da < db;
}

/** What an evicted push endpoint looks like: INACTIVE and without its UserId (documented). */
export function evictFromUser(endpoint: LiveEndpoint): LiveEndpoint {
  const user = { ...endpoint.User };
  delete user.UserId;
  const evicted: Mutable<LiveEndpoint> = { ...endpoint, EndpointStatus: INACTIVE_STATUS };
  if (Object.keys(user).length > 0) evicted.User = user;
  else delete evicted.User;
  return orderEndpoint(evicted);
}

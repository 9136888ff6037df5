// The endpoint fields a manifest may write, as data: Pinpoint's EndpointBatchItem, names and types
// exactly as the API has them, so the API reference is the manifest reference.

import { CHANNEL_TYPES } from '../../providers/types.js';
import type { CodeName } from './codes.js';

export type FieldSpec =
  | { readonly type: 'string' }
  | { readonly type: 'boolean' }
  | { readonly type: 'enum'; readonly values: readonly string[] }
  | { readonly type: 'number'; readonly min?: number; readonly max?: number }
  /** name -> list of strings (Attributes, UserAttributes); one string stands for a one-value list. */
  | { readonly type: 'string-lists' }
  /** name -> finite number (Metrics). */
  | { readonly type: 'numbers' }
  | ObjectSpec;

export interface Rejection {
  readonly code: CodeName;
  readonly message: (key: string) => string;
}

export interface ObjectSpec {
  readonly type: 'object';
  /** How messages name this object: "an endpoint", "User". */
  readonly noun: string;
  readonly fields: Readonly<Record<string, FieldSpec>>;
  /** Keys refused with their own message, looked up case-insensitively (lower-case keys). */
  readonly rejected?: ReadonlyMap<string, Rejection>;
}

const STRING: FieldSpec = { type: 'string' };
const STRING_LISTS: FieldSpec = { type: 'string-lists' };

const USER: ObjectSpec = {
  type: 'object',
  noun: 'User',
  fields: { UserId: STRING, UserAttributes: STRING_LISTS },
};

const DEMOGRAPHIC: ObjectSpec = {
  type: 'object',
  noun: 'Demographic',
  fields: {
    AppVersion: STRING,
    Locale: STRING,
    Make: STRING,
    Model: STRING,
    ModelVersion: STRING,
    Platform: STRING,
    PlatformVersion: STRING,
    Timezone: STRING,
  },
};

const LOCATION: ObjectSpec = {
  type: 'object',
  noun: 'Location',
  fields: {
    City: STRING,
    Country: STRING,
    Latitude: { type: 'number', min: -90, max: 90 },
    Longitude: { type: 'number', min: -180, max: 180 },
    PostalCode: STRING,
    Region: STRING,
  },
};

/** Fields Pinpoint writes itself; sending them is at best ignored, and EffectiveDate decides evictions. */
export const SERVER_MANAGED_FIELDS = ['ApplicationId', 'CohortId', 'CreationDate', 'EffectiveDate', 'RequestId'] as const;

const serverManaged: Rejection = {
  code: 'SERVER_MANAGED_FIELD',
  message: (key) => `${key} is set by Pinpoint, not by the manifest; remove it`,
};

const ENDPOINT_FIELDS: Readonly<Record<string, FieldSpec>> = {
  Id: STRING,
  ChannelType: { type: 'enum', values: CHANNEL_TYPES },
  Address: STRING,
  Attributes: STRING_LISTS,
  Metrics: { type: 'numbers' },
  User: USER,
  Demographic: DEMOGRAPHIC,
  Location: LOCATION,
  OptOut: { type: 'enum', values: ['ALL', 'NONE'] },
  EndpointStatus: { type: 'enum', values: ['ACTIVE', 'INACTIVE'] },
  protect: { type: 'boolean' },
  allowResubscribe: { type: 'boolean' },
};

/** pinsync's own endpoint keys: kept out of what is compared with and sent to Pinpoint. */
export const PINSYNC_ENDPOINT_FIELDS = ['protect', 'allowResubscribe'] as const;

const SERVER_MANAGED_REJECTIONS = new Map<string, Rejection>(
  SERVER_MANAGED_FIELDS.map((name) => [name.toLowerCase(), serverManaged]),
);

export const ENDPOINT_SPEC: ObjectSpec = {
  type: 'object',
  noun: 'an endpoint',
  fields: ENDPOINT_FIELDS,
  rejected: SERVER_MANAGED_REJECTIONS,
};

const DEFAULTABLE_FIELDS = Object.fromEntries(Object.entries(ENDPOINT_FIELDS).filter(([name]) => name !== 'Id'));

export const DEFAULTS_SPEC: ObjectSpec = {
  type: 'object',
  noun: 'defaults',
  fields: DEFAULTABLE_FIELDS,
  rejected: new Map<string, Rejection>([
    ...SERVER_MANAGED_REJECTIONS,
    [
      'id',
      {
        code: 'ID_IN_DEFAULTS',
        message: () => 'Id cannot be a default: every endpoint needs its own Id; set it on each endpoint',
      },
    ],
  ]),
};

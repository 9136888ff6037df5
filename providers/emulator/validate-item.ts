// Checks one batch item on its own (types, Id, enumerations, per-attribute quotas). Checks that need
// the stored state (create-only requirements, endpoint size, application and user quotas) are made
// by the store. JSON null counts as "not sent" everywhere.

import {
  ENDPOINT_STATUS_VALUES,
  FORBIDDEN_ID_CHARACTERS,
  MAX_ATTRIBUTE_NAME_LENGTH,
  MAX_ATTRIBUTE_VALUE_LENGTH,
  MAX_ATTRIBUTE_VALUES,
  MESSAGES,
  OPT_OUT_VALUES,
  isChannelType,
} from './rules.js';

const DEMOGRAPHIC_FIELDS = [
  'AppVersion',
  'Locale',
  'Make',
  'Model',
  'ModelVersion',
  'Platform',
  'PlatformVersion',
  'Timezone',
] as const;
const LOCATION_STRING_FIELDS = ['City', 'Country', 'PostalCode', 'Region'] as const;
const LOCATION_NUMBER_FIELDS = ['Latitude', 'Longitude'] as const;

type Json = Record<string, unknown>;

export function isSent(value: unknown): boolean {
  return value !== undefined && value !== null;
}

export function isPlainObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The reason the item is invalid, or undefined when it is valid. */
export function findItemProblem(item: unknown): string | undefined {
  if (!isPlainObject(item)) return 'Each item must be a JSON object';
  return (
    checkId(item.Id) ??
    checkEnum('ChannelType', item.ChannelType, undefined) ??
    checkString('Address', item.Address) ??
    checkEnum('OptOut', item.OptOut, OPT_OUT_VALUES) ??
    checkEnum('EndpointStatus', item.EndpointStatus, ENDPOINT_STATUS_VALUES) ??
    checkAttributeMap('Attributes', item.Attributes) ??
    checkMetrics(item.Metrics) ??
    checkUser(item.User) ??
    checkDemographic(item.Demographic) ??
    checkLocation(item.Location)
  );
}

export function checkId(id: unknown): string | undefined {
  if (typeof id !== 'string' || id === '') return MESSAGES.missingId;
  if (FORBIDDEN_ID_CHARACTERS.test(id)) return MESSAGES.invalidId;
  return undefined;
}

function checkString(field: string, value: unknown): string | undefined {
  if (!isSent(value) || typeof value === 'string') return undefined;
  return `Invalid ${field}: must be a string`;
}

/** allowed undefined means "a ChannelType". */
function checkEnum(field: string, value: unknown, allowed: readonly string[] | undefined): string | undefined {
  if (!isSent(value)) return undefined;
  const ok = allowed === undefined ? isChannelType(value) : typeof value === 'string' && allowed.includes(value);
  return ok ? undefined : `Invalid ${field}: ${JSON.stringify(value)}`;
}

function checkAttributeMap(field: string, map: unknown): string | undefined {
  if (!isSent(map)) return undefined;
  if (!isPlainObject(map)) return `Invalid ${field}: must be a map of string lists`;
  for (const [name, values] of Object.entries(map)) {
    if (name.length > MAX_ATTRIBUTE_NAME_LENGTH) {
      return `Attribute name longer than ${MAX_ATTRIBUTE_NAME_LENGTH} characters: ${field}.${name}`;
    }
    if (!Array.isArray(values) || values.some((v) => typeof v !== 'string')) {
      return `Invalid ${field}.${name}: must be a list of strings`;
    }
    if (values.length > MAX_ATTRIBUTE_VALUES) {
      return `More than ${MAX_ATTRIBUTE_VALUES} values for attribute ${field}.${name}`;
    }
    const long = (values as string[]).find((v) => v.length > MAX_ATTRIBUTE_VALUE_LENGTH);
    if (long !== undefined) {
      return `Attribute value longer than ${MAX_ATTRIBUTE_VALUE_LENGTH} characters in ${field}.${name}`;
    }
  }
  return undefined;
}

function checkMetrics(map: unknown): string | undefined {
  if (!isSent(map)) return undefined;
  if (!isPlainObject(map)) return 'Invalid Metrics: must be a map of numbers';
  for (const [name, value] of Object.entries(map)) {
    if (typeof value !== 'number' || !Number.isFinite(value)) return `Invalid Metrics.${name}: must be a number`;
  }
  return undefined;
}

function checkUser(user: unknown): string | undefined {
  if (!isSent(user)) return undefined;
  if (!isPlainObject(user)) return 'Invalid User: must be an object';
  return checkString('User.UserId', user.UserId) ?? checkAttributeMap('UserAttributes', user.UserAttributes);
}

function checkDemographic(demographic: unknown): string | undefined {
  if (!isSent(demographic)) return undefined;
  if (!isPlainObject(demographic)) return 'Invalid Demographic: must be an object';
  for (const field of DEMOGRAPHIC_FIELDS) {
    const problem = checkString(`Demographic.${field}`, demographic[field]);
    if (problem) return problem;
  }
  return undefined;
}

function checkLocation(location: unknown): string | undefined {
  if (!isSent(location)) return undefined;
  if (!isPlainObject(location)) return 'Invalid Location: must be an object';
  for (const field of LOCATION_STRING_FIELDS) {
    const problem = checkString(`Location.${field}`, location[field]);
    if (problem) return problem;
  }
  for (const field of LOCATION_NUMBER_FIELDS) {
    const value = location[field];
    if (isSent(value) && (typeof value !== 'number' || !Number.isFinite(value))) {
      return `Invalid Location.${field}: must be a number`;
    }
  }
  return undefined;
}

export { DEMOGRAPHIC_FIELDS, LOCATION_STRING_FIELDS, LOCATION_NUMBER_FIELDS };

// Every diagnostic code the manifest loader emits, in one table, so the README can list them and a
// code never changes meaning. New rules take new codes; retired codes are not reused.

export const CODES = {
  YAML_SYNTAX: 'PS001',
  JSON_SYNTAX: 'PS002',
  YAML_WARNING: 'PS003',
  PATH_NOT_FOUND: 'PS004',
  NO_MANIFEST_FILES: 'PS005',
  READ_FAILED: 'PS006',
  EMPTY_FILE: 'PS007',
  DUPLICATE_KEY: 'PS008',
  UNKNOWN_TOP_LEVEL_KEY: 'PS010',
  ENDPOINTS_AND_ITEM: 'PS011',
  INVALID_APPLICATION_ID: 'PS012',
  CONFLICTING_APPLICATION_ID: 'PS013',
  ID_IN_DEFAULTS: 'PS014',
  CONFLICTING_SETTING: 'PS015',
  UNKNOWN_FIELD: 'PS020',
  WRONG_TYPE: 'PS021',
  UNQUOTED_SCALAR: 'PS022',
  SERVER_MANAGED_FIELD: 'PS023',
  MISSING_FIELD: 'PS024',
  INVALID_ENUM: 'PS025',
  OUT_OF_RANGE: 'PS026',
  INVALID_ID: 'PS030',
  DUPLICATE_ID: 'PS031',
} as const;

export type CodeName = keyof typeof CODES;
export type Code = (typeof CODES)[CodeName];

export const CODE_DESCRIPTIONS: Readonly<Record<CodeName, string>> = {
  YAML_SYNTAX: 'The file is not valid YAML; nothing in it is used.',
  JSON_SYNTAX: 'A .json file is not valid JSON; nothing in it is used.',
  YAML_WARNING: 'The YAML parser warns about something it accepted (warning).',
  PATH_NOT_FOUND: 'A file or folder given on the command line does not exist.',
  NO_MANIFEST_FILES: 'No paths were given, or a folder holds no *.yaml, *.yml or *.json file.',
  READ_FAILED: 'A manifest file exists but could not be read.',
  EMPTY_FILE: 'A manifest file holds nothing but blanks and comments (warning).',
  DUPLICATE_KEY: 'The same key appears twice in one mapping.',
  UNKNOWN_TOP_LEVEL_KEY: 'A top-level key other than endpoints, Item, applicationId, defaults, removals, prune, safety, $schema.',
  ENDPOINTS_AND_ITEM: 'One file has both endpoints: and Item:; use one of them.',
  INVALID_APPLICATION_ID: 'applicationId is empty or contains a slash.',
  CONFLICTING_APPLICATION_ID: 'Two files set different applicationIds.',
  ID_IN_DEFAULTS: 'defaults: sets Id; every endpoint needs its own Id.',
  CONFLICTING_SETTING: 'Two files set different values for removals, prune or a safety threshold.',
  UNKNOWN_FIELD: 'A field Pinpoint does not know, often a misspelling of one it does.',
  WRONG_TYPE: 'A value of the wrong type, such as a list where a string is expected.',
  UNQUOTED_SCALAR: 'A number, boolean or null where a string is expected; quote it.',
  SERVER_MANAGED_FIELD: 'A field Pinpoint sets itself (CreationDate, EffectiveDate, CohortId, RequestId, ApplicationId).',
  MISSING_FIELD: 'A required field (Id, ChannelType) is missing.',
  INVALID_ENUM: 'A value outside its allowed set (ChannelType, OptOut, EndpointStatus).',
  OUT_OF_RANGE: 'A number outside its range (Latitude -90..90, Longitude -180..180).',
  INVALID_ID: 'An endpoint Id is empty or contains $, { or }.',
  DUPLICATE_ID: 'Two endpoints have the same Id, compared case-insensitively as Pinpoint does.',
};

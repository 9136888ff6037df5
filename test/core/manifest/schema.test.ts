// The JSON Schema is the single source of the field list: these tests keep it in agreement with
// the TypeScript types (a field added to one and not the other fails to compile or fails here),
// and keep the generated validator in step with the schema.

import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { CHANNEL_TYPES, type EndpointDemographic, type EndpointItem, type EndpointLocation, type EndpointUser } from '../../../providers/types.js';
import { AJV_OPTIONS, GENERATED_URL, generateValidatorSource, SCHEMA_URL } from '../../../core/manifest/schema-codegen.js';
import { PINSYNC_KEYWORDS } from '../../../core/manifest/schema-keywords.js';
import * as generated from '../../../core/manifest/schema-validator.generated.js';
import {
  ATTRIBUTE_MAPS,
  KEY_MAPS,
  MANIFEST_SCHEMA,
  PINSYNC_ENDPOINT_FIELDS,
  SERVER_MANAGED_FIELDS,
  TOP_LEVEL_KEYS,
  propertiesOf,
  schemaAt,
  validateDocument,
  type SchemaNode,
} from '../../../core/manifest/schema.js';
import type { ManifestEndpoint, ManifestSettings } from '../../../core/manifest/types.js';

// Each table must name every key of its type, and only those: the compiler checks both ways.
type Keys<T> = { readonly [K in keyof Required<T>]: true };
const ENDPOINT_KEYS: Keys<EndpointItem> = {
  Id: true,
  ChannelType: true,
  Address: true,
  Attributes: true,
  Metrics: true,
  User: true,
  Demographic: true,
  Location: true,
  OptOut: true,
  EndpointStatus: true,
};
const USER_KEYS: Keys<EndpointUser> = { UserId: true, UserAttributes: true };
const DEMOGRAPHIC_KEYS: Keys<EndpointDemographic> = {
  AppVersion: true,
  Locale: true,
  Make: true,
  Model: true,
  ModelVersion: true,
  Platform: true,
  PlatformVersion: true,
  Timezone: true,
};
const LOCATION_KEYS: Keys<EndpointLocation> = { City: true, Country: true, Latitude: true, Longitude: true, PostalCode: true, Region: true };
const PINSYNC_KEYS: Keys<Omit<ManifestEndpoint, 'endpoint' | 'source'>> = { protect: true, allowResubscribe: true };
const SETTINGS_KEYS: Keys<ManifestSettings> = { removals: true, prune: true, safety: true };
const SAFETY_KEYS: Keys<NonNullable<ManifestSettings['safety']>> = { maxDeletePercent: true, minManaged: true };

const sorted = (keys: Iterable<string>): string[] => [...keys].sort();
const fieldsAt = (...path: (string | number)[]): string[] => sorted(Object.keys(propertiesOf(schemaAt(path) as SchemaNode)));

describe('manifest schema', () => {
  it('is a valid draft 2020-12 schema that ajv compiles in strict mode', () => {
    assert.equal(MANIFEST_SCHEMA['$schema'], 'https://json-schema.org/draft/2020-12/schema');
    const ajv = new Ajv2020({ ...AJV_OPTIONS });
    for (const keyword of PINSYNC_KEYWORDS) ajv.addKeyword(keyword);
    assert.equal(ajv.validateSchema(MANIFEST_SCHEMA), true, JSON.stringify(ajv.errors));
    ajv.compile(MANIFEST_SCHEMA);
  });

  it('lists exactly the fields of the TypeScript types, pinsync keys and server-managed keys apart', () => {
    const endpoint = fieldsAt('endpoints', 0);
    assert.deepEqual(
      sorted(endpoint.filter((k) => !SERVER_MANAGED_FIELDS.includes(k) && !PINSYNC_ENDPOINT_FIELDS.includes(k))),
      sorted(Object.keys(ENDPOINT_KEYS)),
    );
    assert.deepEqual(sorted(PINSYNC_ENDPOINT_FIELDS), sorted(Object.keys(PINSYNC_KEYS)));
    assert.deepEqual(sorted(SERVER_MANAGED_FIELDS), ['ApplicationId', 'CohortId', 'CreationDate', 'EffectiveDate', 'RequestId']);
    assert.deepEqual(fieldsAt('endpoints', 0, 'User'), sorted(Object.keys(USER_KEYS)));
    assert.deepEqual(fieldsAt('endpoints', 0, 'Demographic'), sorted(Object.keys(DEMOGRAPHIC_KEYS)));
    assert.deepEqual(fieldsAt('endpoints', 0, 'Location'), sorted(Object.keys(LOCATION_KEYS)));
    assert.deepEqual(fieldsAt('safety'), sorted(Object.keys(SAFETY_KEYS)));
    for (const key of Object.keys(SETTINGS_KEYS)) assert.ok(TOP_LEVEL_KEYS.includes(key), key);
    // defaults take any endpoint field (Id is refused there).
    assert.deepEqual(fieldsAt('defaults'), endpoint);
  });

  it('has the enumerations of the types and of Pinpoint', () => {
    assert.deepEqual(schemaAt(['endpoints', 0, 'ChannelType'])?.['enum'], [...CHANNEL_TYPES]);
    assert.deepEqual(schemaAt(['endpoints', 0, 'OptOut'])?.['enum'], ['ALL', 'NONE']);
    assert.deepEqual(schemaAt(['endpoints', 0, 'EndpointStatus'])?.['enum'], ['ACTIVE', 'INACTIVE']);
    const removals: ReadonlyArray<NonNullable<ManifestSettings['removals']>> = ['leave', 'replace'];
    assert.deepEqual(schemaAt(['removals'])?.['enum'], removals);
  });

  it('tells the loader which maps hold attributes and which count against the key quota', () => {
    assert.deepEqual(ATTRIBUTE_MAPS, [['Attributes'], ['User', 'UserAttributes']]);
    assert.deepEqual(KEY_MAPS, [['Attributes'], ['Metrics'], ['User', 'UserAttributes']]);
  });

  it('matches the generated validator (run `node dist/core/manifest/schema-codegen.js` after editing the schema)', async () => {
    assert.equal(await readFile(GENERATED_URL, 'utf8'), generateValidatorSource());
    // The schema the CLI runs with is the file's, carried by the generated module.
    assert.deepEqual(MANIFEST_SCHEMA, JSON.parse(await readFile(SCHEMA_URL, 'utf8')));
  });

  it('validates long lists in slices to the same errors, at their indexes in the whole list', () => {
    // 1,300 endpoints (slices of 500), every one with an error, and errors outside the lists too.
    const endpoints = Array.from({ length: 1300 }, (_, i) => ({ Id: `e${i}`, ChannelType: 'EMAIL', Adress: 'x' }));
    const doc = { bogus: 1, defaults: { Id: 'no' }, endpoints, Item: [{ Id: 'i0', OptOut: 'MAYBE' }] };
    const paths = validateDocument(doc).map((e) => `${e.instancePath} ${e.keyword}`);
    assert.equal(paths.filter((p) => p.endsWith(' additionalProperties') && p.startsWith('/endpoints/')).length, 1300);
    for (const i of [0, 499, 500, 1299]) assert.ok(paths.includes(`/endpoints/${i} additionalProperties`), String(i));
    assert.ok(paths.includes(' additionalProperties'), 'the unknown top-level key');
    assert.ok(paths.includes('/defaults/Id not'), 'defaults are still checked');
    assert.ok(paths.includes('/Item/0/OptOut enum'), 'the other list too');
    // The same errors as the generated validator gives for the whole document at once.
    const whole = generated.validate as unknown as { (d: unknown): boolean; errors?: { instancePath: string; keyword: string }[] };
    assert.equal(whole(doc), false);
    assert.deepEqual([...paths].sort(), (whole.errors ?? []).map((e) => `${e.instancePath} ${e.keyword}`).sort());
  });

  it('is referenced by every YAML example, for editors', async () => {
    const dir = new URL('../../../../examples/endpoints/', import.meta.url);
    const names = (await readdir(dir)).filter((n) => n.endsWith('.yaml'));
    assert.ok(names.length > 0);
    for (const name of names) {
      const first = (await readFile(new URL(name, dir), 'utf8')).split('\n')[0];
      assert.equal(first, '# yaml-language-server: $schema=../../schema/manifest.schema.json', name);
    }
  });
});

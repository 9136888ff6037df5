import assert from 'node:assert/strict';
import type { Diagnostic } from '../../../core/diagnostics/types.js';
import { diagnosticsOf, lines, loadTree, removeTrees } from './helpers.js';

/** `line:col code path | message` for one file's diagnostics. */
function full(ds: readonly Diagnostic[]): string[] {
  return ds.map((d) => `${d.line}:${d.column} ${d.code} ${d.path ?? '-'} | ${d.message}`);
}

async function check(text: string, name = 'm.yaml'): Promise<string[]> {
  const ds = diagnosticsOf(await loadTree({ [name]: text }, [name]));
  for (const d of ds) assert.equal(d.file, name);
  return full(ds);
}

describe('manifest: field checks', () => {
  after(removeTrees);

  it('reports unknown fields at their key, with "did you mean" at every level', async () => {
    const text = lines(
      'endpoints:',
      '  - Id: a',
      '    channeltype: EMAIL',
      '    Attribute: {Plan: [pro]}',
      '    User:',
      '      UserID: u1',
      '    Location: {Lat: 1}',
      '    Colour: blue',
    );
    assert.deepEqual(await check(text), [
      '3:5 PS020 endpoints[0].channeltype | unknown field "channeltype" in an endpoint (did you mean "ChannelType"?)',
      '4:5 PS020 endpoints[0].Attribute | unknown field "Attribute" in an endpoint (did you mean "Attributes"?)',
      '6:7 PS020 endpoints[0].User.UserID | unknown field "UserID" in User (did you mean "UserId"?)',
      '7:16 PS020 endpoints[0].Location.Lat | unknown field "Lat" in Location; known fields: City, Region, PostalCode, Country, Latitude, Longitude',
      '8:5 PS020 endpoints[0].Colour | unknown field "Colour" in an endpoint; known fields: Id, ChannelType, Address, Attributes, Metrics, User, Demographic, Location, OptOut, EndpointStatus, protect, allowResubscribe',
    ]);
  });

  it('rejects server-managed fields, saying Pinpoint sets them', async () => {
    const text = lines(
      'endpoints:',
      '  - Id: a',
      '    ChannelType: EMAIL',
      '    CreationDate: "2024-01-01T00:00:00Z"',
      '    EffectiveDate: x',
      '    CohortId: "42"',
      '    RequestId: r',
      '    ApplicationId: app',
    );
    assert.deepEqual(await check(text), [
      '4:5 PS023 endpoints[0].CreationDate | CreationDate is set by Pinpoint, not by the manifest; remove it',
      '5:5 PS023 endpoints[0].EffectiveDate | EffectiveDate is set by Pinpoint, not by the manifest; remove it',
      '6:5 PS023 endpoints[0].CohortId | CohortId is set by Pinpoint, not by the manifest; remove it',
      '7:5 PS023 endpoints[0].RequestId | RequestId is set by Pinpoint, not by the manifest; remove it',
      '8:5 PS023 endpoints[0].ApplicationId | ApplicationId is set by Pinpoint, not by the manifest; remove it',
    ]);
  });

  it('reports wrong types at the value, saying what is expected', async () => {
    const text = lines(
      'endpoints:',
      '  - Id: a',
      '    ChannelType: [EMAIL]',
      '    Address: 12065550100',
      '    Attributes: [Music]',
      '    Metrics:',
      '      score: "3.0"',
      '      inf: .inf',
      '    User: u1',
      '    Demographic:',
      '      Platform: {name: ios}',
      '    Location:',
      '      Latitude: north',
      '      PostalCode: 02139',
    );
    assert.deepEqual(await check(text), [
      '3:18 PS021 endpoints[0].ChannelType | ChannelType must be one of PUSH, GCM, APNS, APNS_SANDBOX, APNS_VOIP, APNS_VOIP_SANDBOX, ADM, SMS, VOICE, EMAIL, BAIDU, CUSTOM, IN_APP, not a list',
      '4:14 PS022 endpoints[0].Address | Address must be a string, not the number 12065550100: put it in quotes ("12065550100")',
      '5:17 PS021 endpoints[0].Attributes | Attributes must be a mapping of names to values, not a list',
      '7:14 PS021 endpoints[0].Metrics.score | Metrics.score must be a number, not the string "3.0": remove the quotes or write a number',
      '8:12 PS027 endpoints[0].Metrics.inf | Metrics.inf must be a finite number, not .inf',
      '9:11 PS021 endpoints[0].User | User must be a mapping, not the string "u1"',
      '11:17 PS021 endpoints[0].Demographic.Platform | Demographic.Platform must be a string, not a mapping',
      '13:17 PS021 endpoints[0].Location.Latitude | Location.Latitude must be a number, not the string "north": remove the quotes or write a number',
      '14:19 PS022 endpoints[0].Location.PostalCode | Location.PostalCode must be a string, not the number 2139: put it in quotes ("02139")',
    ]);
  });

  it('takes one string as a one-value attribute list, and asks to quote numbers and booleans', async () => {
    const text = lines(
      'endpoints:',
      '  - Id: a',
      '    ChannelType: SMS',
      '    Attributes:',
      '      Single: Richard',
      '      Flags: [yes, true, 1, 1.5, null, ok]',
      '      Count: 3',
      '      Empty:',
      '      Nested: [[a]]',
      '    User:',
      '      UserAttributes:',
      '        Vip: false',
    );
    assert.deepEqual(await check(text), [
      '6:20 PS022 endpoints[0].Attributes.Flags[1] | attribute values must be strings, not the boolean true: put it in quotes ("true"); YAML reads unquoted numbers, true/false and null as other types',
      '6:26 PS022 endpoints[0].Attributes.Flags[2] | attribute values must be strings, not the number 1: put it in quotes ("1"); YAML reads unquoted numbers, true/false and null as other types',
      '6:29 PS022 endpoints[0].Attributes.Flags[3] | attribute values must be strings, not the number 1.5: put it in quotes ("1.5"); YAML reads unquoted numbers, true/false and null as other types',
      '6:34 PS021 endpoints[0].Attributes.Flags[4] | Attributes.Flags[4] must be a string, not an empty value (null)',
      '7:14 PS022 endpoints[0].Attributes.Count | attribute values must be strings, not the number 3: put it in quotes ("3"); YAML reads unquoted numbers, true/false and null as other types',
      '8:13 PS021 endpoints[0].Attributes.Empty | Attributes.Empty must be a list of strings, not an empty value (null) (write [] for no values)',
      '9:16 PS021 endpoints[0].Attributes.Nested[0] | Attributes.Nested[0] must be a string, not a list',
      '12:14 PS022 endpoints[0].User.UserAttributes.Vip | attribute values must be strings, not the boolean false: put it in quotes ("false"); YAML reads unquoted numbers, true/false and null as other types',
    ]);
  });

  it('checks enumerations and coordinate ranges', async () => {
    const text = lines(
      'endpoints:',
      '  - Id: a',
      '    ChannelType: email',
      '    OptOut: "yes"',
      '    EndpointStatus: DISABLED',
      '    Location: {Latitude: 90.5, Longitude: -180.01}',
      '  - Id: b',
      '    ChannelType: EMIAL',
      '    Location: {Latitude: -90, Longitude: 180}',
    );
    assert.deepEqual(await check(text), [
      '3:18 PS025 endpoints[0].ChannelType | ChannelType must be one of PUSH, GCM, APNS, APNS_SANDBOX, APNS_VOIP, APNS_VOIP_SANDBOX, ADM, SMS, VOICE, EMAIL, BAIDU, CUSTOM, IN_APP, not "email" (did you mean "EMAIL"?)',
      '4:13 PS025 endpoints[0].OptOut | OptOut must be one of ALL, NONE, not "yes"',
      '5:21 PS025 endpoints[0].EndpointStatus | EndpointStatus must be one of ACTIVE, INACTIVE, not "DISABLED"',
      '6:26 PS026 endpoints[0].Location.Latitude | Location.Latitude must be between -90 and 90, not 90.5',
      '6:43 PS026 endpoints[0].Location.Longitude | Location.Longitude must be between -180 and 180, not -180.01',
      '8:18 PS025 endpoints[1].ChannelType | ChannelType must be one of PUSH, GCM, APNS, APNS_SANDBOX, APNS_VOIP, APNS_VOIP_SANDBOX, ADM, SMS, VOICE, EMAIL, BAIDU, CUSTOM, IN_APP, not "EMIAL" (did you mean "EMAIL"?)',
    ]);
  });

  it('requires Id (at the list item) and ChannelType (unless defaults set it)', async () => {
    const text = lines(
      'endpoints:',
      '  - ChannelType: SMS',
      '    Address: "+16145550100"',
      '  - Id: no-channel',
      '  - id: misspelt',
      '    ChannelType: SMS',
      '  - Id: misspelt-channel',
      '    Channeltype: SMS',
      '  - just a string',
    );
    assert.deepEqual(await check(text), [
      '2:5 PS024 endpoints[0] | this endpoint has no Id: every endpoint needs one (Id: ...)',
      '4:5 PS024 endpoints[1] | endpoint "no-channel" has no ChannelType: add one (EMAIL, SMS, PUSH, ...) or set it in defaults:',
      '5:5 PS020 endpoints[2].id | unknown field "id" in an endpoint (did you mean "Id"?)',
      '8:5 PS020 endpoints[3].Channeltype | unknown field "Channeltype" in an endpoint (did you mean "ChannelType"?)',
      '9:5 PS021 endpoints[4] | endpoints[4] must be a mapping with Id, ChannelType and the other endpoint fields, not the string "just a string"',
    ]);
    const withDefault = await loadTree({ 'ok.yaml': lines('defaults: {ChannelType: SMS}', 'endpoints:', '  - Id: a') }, ['ok.yaml']);
    assert.equal(withDefault.ok, true);
  });

  it('checks the top level: unknown keys, both lists, types, applicationId and defaults', async () => {
    const text = lines(
      'applicationID: x',
      'applicationId: ""',
      'Endpoints: []',
      'defaults:',
      '  Id: shared',
      '  OptOut: none',
      '  CreationDate: x',
      'Item: []',
      'endpoints: {Id: a}',
      'colour: red',
    );
    assert.deepEqual(await check(text), [
      '1:1 PS010 applicationID | unknown top-level key "applicationID" (did you mean "applicationId"?); a manifest file has endpoints: (or Item:), applicationId:, removals:, prune:, safety:, defaults: and $schema:',
      '2:16 PS012 applicationId | applicationId must be a Pinpoint project id (32 hex characters), not ""',
      '3:1 PS010 Endpoints | unknown top-level key "Endpoints" (did you mean "endpoints"?); a manifest file has endpoints: (or Item:), applicationId:, removals:, prune:, safety:, defaults: and $schema:',
      '5:3 PS014 defaults.Id | Id cannot be a default: every endpoint needs its own Id; set it on each endpoint',
      '6:11 PS025 defaults.OptOut | defaults.OptOut must be one of ALL, NONE, not "none" (did you mean "NONE"?)',
      '7:3 PS023 defaults.CreationDate | CreationDate is set by Pinpoint, not by the manifest; remove it',
      '9:1 PS011 endpoints | this file has both endpoints: and Item: (the other is at m.yaml:8:1); they mean the same list: move all endpoints under one of them',
      '9:12 PS021 endpoints | endpoints must be a list of endpoints, not a mapping',
      '10:1 PS010 colour | unknown top-level key "colour"; a manifest file has endpoints: (or Item:), applicationId:, removals:, prune:, safety:, defaults: and $schema:',
    ]);
  });

  it('rejects a top level that is not a mapping, an applicationId with a slash, and an empty endpoints:', async () => {
    assert.deepEqual(await check(lines('- Id: a', '  ChannelType: SMS'), 'list.yaml'), [
      '1:1 PS021 - | the top level of a manifest must be a mapping with an endpoints: (or Item:) list',
    ]);
    assert.deepEqual(await check(lines('applicationId: apps/123', 'endpoints:'), 'slash.yaml'), [
      '1:16 PS012 applicationId | applicationId must be a Pinpoint project id (32 hex characters), not "apps/123"',
      '2:11 PS021 endpoints | endpoints must be a list of endpoints, not an empty value (null) (write endpoints: [] for none)',
    ]);
  });

  it('asks to quote names YAML reads as numbers, and an all-digit applicationId', async () => {
    const text = lines(
      'applicationId: 01234567890123456789012345678901',
      'endpoints:',
      '  - Id: 12345',
      '    ChannelType: SMS',
      '    Attributes:',
      '      2024: [x]',
    );
    assert.deepEqual(await check(text), [
      '1:16 PS022 applicationId | applicationId must be a string, not the number 1.2345678901234568e+30: put it in quotes ("01234567890123456789012345678901")',
      '3:9 PS022 endpoints[0].Id | Id must be a string, not the number 12345: put it in quotes ("12345")',
      '6:7 PS022 endpoints[0].Attributes | names in Attributes must be strings, not the number 2024: put it in quotes ("2024")',
    ]);
  });
  it('says how to make a value a string in the file it is in: quotes in YAML and JSON, or removing a tag', async () => {
    const yaml = await loadTree({ 'tag.yaml': lines('endpoints:', '  - Id: a', '    ChannelType: SMS', '    Address: !!int "5"', '    Attributes:', '      Plan: [8]') }, ['tag.yaml']);
    assert.deepEqual(diagnosticsOf(yaml).map((d) => d.message), [
      'Address must be a string, not the number 5: remove the tag (such as !!int) that makes "5" another type',
      'attribute values must be strings, not the number 8: put it in quotes ("8"); YAML reads unquoted numbers, true/false and null as other types',
    ]);
    const json = await loadTree({ 'num.json': '{"endpoints": [{"Id": "a", "ChannelType": "SMS", "Attributes": {"Plan": [1]}}]}' }, ['num.json']);
    assert.deepEqual(diagnosticsOf(json).map((d) => d.message), ['attribute values must be strings, not the number 1: put it in quotes ("1")']);
  });
});

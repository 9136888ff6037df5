import assert from 'node:assert/strict';
import { brief, lines, loadTree, manifestOf, removeTrees } from './helpers.js';

describe('manifest: the endpoints: form, Item: form and defaults', () => {
  after(removeTrees);

  it('reads the endpoints: form with applicationId, keeping values as written', async () => {
    const yaml = lines(
      '# yaml-language-server: $schema=../schema.json',
      '$schema: ../schema.json',
      'applicationId: 0123456789abcdef0123456789abcdef',
      'endpoints:',
      '  - Id: Example_Endpoint_1',
      '    ChannelType: EMAIL',
      '    Address: richard_roe@example.com',
      '    Attributes:',
      '      Interests: [Music, Books]',
      '    Metrics:',
      '      music_interest_level: 3.0',
      '    User:',
      '      UserId: example_user_1',
      '      UserAttributes:',
      '        FirstName: [Richard]',
      '    Demographic: {Platform: ios, Timezone: Europe/Paris}',
      '    Location:',
      '      Latitude: 47.61',
      '      Longitude: -122.33',
      '      PostalCode: "02139"',
      '    OptOut: ALL',
      '    EndpointStatus: INACTIVE',
    );
    const result = await loadTree({ 'users.yaml': yaml }, ['users.yaml']);
    const m = manifestOf(result);
    assert.deepEqual(result.diagnostics, []);
    assert.deepEqual(m.applicationId, {
      value: '0123456789abcdef0123456789abcdef',
      source: { file: 'users.yaml', line: 3, column: 16 },
    });
    assert.deepEqual(m.endpoints, [
      {
        endpoint: {
          Id: 'Example_Endpoint_1',
          ChannelType: 'EMAIL',
          Address: 'richard_roe@example.com',
          Attributes: { Interests: ['Music', 'Books'] },
          Metrics: { music_interest_level: 3 },
          User: { UserId: 'example_user_1', UserAttributes: { FirstName: ['Richard'] } },
          Demographic: { Platform: 'ios', Timezone: 'Europe/Paris' },
          Location: { Latitude: 47.61, Longitude: -122.33, PostalCode: '02139' },
          OptOut: 'ALL',
          EndpointStatus: 'INACTIVE',
        },
        source: { file: 'users.yaml', line: 5, column: 5 },
      },
    ]);
  });

  it('reads the Item: form in YAML too', async () => {
    const yaml = lines('Item:', '- Id: a', '  ChannelType: SMS', '  Address: "+16145550100"', '- Id: b', '  ChannelType: CUSTOM');
    const m = manifestOf(await loadTree({ 'batch.yaml': yaml }, ['batch.yaml']));
    assert.deepEqual(
      m.endpoints.map((e) => [e.endpoint, e.source.line, e.source.column]),
      [
        [{ Id: 'a', ChannelType: 'SMS', Address: '+16145550100' }, 2, 3],
        [{ Id: 'b', ChannelType: 'CUSTOM' }, 5, 3],
      ],
    );
  });

  it('deep-merges defaults under each endpoint of its own file only; the endpoint wins, lists are replaced', async () => {
    const withDefaults = lines(
      'defaults:',
      '  ChannelType: EMAIL',
      '  OptOut: NONE',
      '  Attributes:',
      '    Plan: [free]',
      '    Team: [core, web]',
      '  User:',
      '    UserAttributes:',
      '      Source: [import]',
      '  Location: {Country: US}',
      'endpoints:',
      '  - Id: a',
      '    Attributes:',
      '      Interests: [Music]',
      '      Team: [ops]',
      '    User:',
      '      UserId: u-1',
      '      UserAttributes: {FirstName: Ann}',
      '  - Id: b',
      '    ChannelType: SMS',
      '    OptOut: ALL',
      '    Location: {City: Boston}',
    );
    const without = lines('endpoints:', '  - Id: c', '    ChannelType: PUSH');
    const result = await loadTree({ 'd/a.yaml': withDefaults, 'd/b.yaml': without }, ['d']);
    const m = manifestOf(result);
    assert.deepEqual(
      m.endpoints.map((e) => e.endpoint),
      [
        {
          Id: 'a',
          Attributes: { Interests: ['Music'], Team: ['ops'], Plan: ['free'] },
          User: { UserId: 'u-1', UserAttributes: { FirstName: ['Ann'], Source: ['import'] } },
          ChannelType: 'EMAIL',
          OptOut: 'NONE',
          Location: { Country: 'US' },
        },
        { Id: 'b', ChannelType: 'SMS', OptOut: 'ALL', Location: { City: 'Boston', Country: 'US' }, Attributes: { Plan: ['free'], Team: ['core', 'web'] }, User: { UserAttributes: { Source: ['import'] } } },
        { Id: 'c', ChannelType: 'PUSH' },
      ],
    );
    // The endpoint's keys as written, then those only the defaults have.
    assert.deepEqual(Object.keys(m.endpoints[0]!.endpoint), ['Id', 'Attributes', 'User', 'ChannelType', 'OptOut', 'Location']);
    // Every endpoint owns its values: changing one cannot change another.
    assert.notEqual(m.endpoints[0]!.endpoint.Attributes!['Plan'], m.endpoints[1]!.endpoint.Attributes!['Plan']);
  });

  it('accepts any applicationId without a slash, and the same id in two files', async () => {
    const result = await loadTree(
      { 'a.yaml': lines('applicationId: my-app', 'endpoints: []'), 'b.json': '{"applicationId": "my-app", "Item": []}' },
      ['a.yaml', 'b.json'],
    );
    const m = manifestOf(result);
    assert.deepEqual(m.applicationId, { value: 'my-app', source: { file: 'a.yaml', line: 1, column: 16 } });
    assert.deepEqual(m.endpoints, []);
    assert.deepEqual(brief(result.diagnostics), []);
  });

  it('reads anchors and aliases (through the full YAML parser) with positions', async () => {
    const yaml = lines(
      'endpoints:',
      '  - Id: a',
      '    ChannelType: EMAIL',
      '    Attributes: &shared',
      '      Plan: [pro]',
      '  - Id: b',
      '    ChannelType: EMAIL',
      '    Attributes: *shared',
    );
    const m = manifestOf(await loadTree({ 'x.yaml': yaml }, ['x.yaml']));
    assert.deepEqual(
      m.endpoints.map((e) => [e.endpoint, e.source.line]),
      [
        [{ Id: 'a', ChannelType: 'EMAIL', Attributes: { Plan: ['pro'] } }, 2],
        [{ Id: 'b', ChannelType: 'EMAIL', Attributes: { Plan: ['pro'] } }, 6],
      ],
    );
  });
});

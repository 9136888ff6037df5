import assert from 'node:assert/strict';
import { brief, loadTree, manifestOf, removeTrees } from './helpers.js';

// Verbatim from the AWS guide (the seed's pinpoint-update-endpoints-batch.txt): the JSON that
// `aws pinpoint update-endpoints-batch` takes must load as a manifest unchanged.
const SEED_BATCH_JSON =
  '{ "Item": [ { "ChannelType": "EMAIL", "Address": "", "Attributes": { "Interests": [ "Music", "Books" ] }, "Metrics": { "music_interest_level": 3.0, "books_interest_level": 7.0 }, "Id": "example_endpoint_1", "User":{ "UserId": "example_user_1", "UserAttributes": { "FirstName": "Richard", "LastName": "Roe" } } }, { "ChannelType": "SMS", "Address": "+16145550100", "Attributes": { "Interests": [ "Cooking", "Politics", "Finance" ] }, "Metrics": { "cooking_interest_level": 5.0, "politics_interest_level": 8.0, "finance_interest_level": 4.0 }, "Id": "example_endpoint_2", "User": { "UserId": "example_user_2", "UserAttributes": { "FirstName": "Mary", "LastName": "Major" } } } ] }\n';

describe('manifest: the seed batch file', () => {
  after(removeTrees);

  it('loads unchanged as two endpoints, one-string attributes as one-value lists', async () => {
    const result = await loadTree({ 'examples/seed.json': SEED_BATCH_JSON }, ['examples/seed.json']);
    const manifest = manifestOf(result);
    assert.deepEqual(result.diagnostics, []);
    assert.deepEqual(manifest.files, ['examples/seed.json']);
    assert.equal(manifest.applicationId, undefined);
    assert.deepEqual(
      manifest.endpoints.map((e) => e.endpoint),
      [
        {
          ChannelType: 'EMAIL',
          Address: '',
          Attributes: { Interests: ['Music', 'Books'] },
          Metrics: { music_interest_level: 3, books_interest_level: 7 },
          Id: 'example_endpoint_1',
          User: { UserId: 'example_user_1', UserAttributes: { FirstName: ['Richard'], LastName: ['Roe'] } },
        },
        {
          ChannelType: 'SMS',
          Address: '+16145550100',
          Attributes: { Interests: ['Cooking', 'Politics', 'Finance'] },
          Metrics: { cooking_interest_level: 5, politics_interest_level: 8, finance_interest_level: 4 },
          Id: 'example_endpoint_2',
          User: { UserId: 'example_user_2', UserAttributes: { FirstName: ['Mary'], LastName: ['Major'] } },
        },
      ],
    );
    // Key order is the file's, not alphabetical and not the schema's.
    assert.deepEqual(Object.keys(manifest.endpoints[0]!.endpoint), ['ChannelType', 'Address', 'Attributes', 'Metrics', 'Id', 'User']);
    assert.equal(typeof manifest.endpoints[0]!.endpoint.Metrics!['music_interest_level'], 'number');
    assert.deepEqual(
      manifest.endpoints.map((e) => e.source),
      [
        { file: 'examples/seed.json', line: 1, column: 13 },
        { file: 'examples/seed.json', line: 1, column: SEED_BATCH_JSON.indexOf('{ "ChannelType": "SMS"') + 1 },
      ],
    );
    assert.equal(manifest.endpoints[1]!.source.column, 314);
  });

  it('loads from its folder, named relative to cwd', async () => {
    const result = await loadTree({ 'examples/seed.json': SEED_BATCH_JSON }, ['./examples/']);
    assert.deepEqual(manifestOf(result).files, ['examples/seed.json']);
    assert.deepEqual(brief(result.diagnostics), []);
    assert.equal(manifestOf(result).endpoints.length, 2);
  });
});

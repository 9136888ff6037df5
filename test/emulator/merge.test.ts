import assert from 'node:assert/strict';
import { APP, email, getEndpoint, putBatch, putOne, useEmulator } from './harness.js';

describe('emulator: upsert and merge', () => {
  const h = useEmulator();

  it('UpdateEndpointsBatch creates an endpoint whose Id is new', async () => {
    await putBatch(h.client, [email('e1')]);
    const e = await getEndpoint(h.client, 'e1');
    assert.equal(e.Id, 'e1');
    assert.equal(e.ChannelType, 'EMAIL');
    assert.equal(e.Address, 'e1@example.com');
  });

  it('UpdateEndpoint creates an endpoint whose Id is new', async () => {
    await putOne(h.client, 'u1', { ChannelType: 'SMS', Address: '+12065550100' });
    const e = await getEndpoint(h.client, 'u1');
    assert.equal(e.ChannelType, 'SMS');
    assert.equal(e.Address, '+12065550100');
    assert.equal(h.emu.store.count(APP), 1);
  });

  it('Attributes merge per key: a sent key is replaced whole, an unsent key kept', async () => {
    await putBatch(h.client, [email('e1', { Attributes: { a: ['1', '2'], b: ['x'] } })]);
    await putBatch(h.client, [{ Id: 'e1', Attributes: { b: ['y'], c: ['z'] } }]);
    const e = await getEndpoint(h.client, 'e1');
    assert.deepEqual(e.Attributes, { a: ['1', '2'], b: ['y'], c: ['z'] });
  });

  it('"Key": [] clears the values and the key reads back with []', async () => {
    await putBatch(h.client, [email('e1', { Attributes: { a: ['1'], b: ['2'] } })]);
    await putOne(h.client, 'e1', { Attributes: { a: [] } });
    const e = await getEndpoint(h.client, 'e1');
    assert.deepEqual(e.Attributes, { a: [], b: ['2'] });
  });

  it('User.UserAttributes merge per key and [] clears', async () => {
    await putBatch(h.client, [email('e1', { User: { UserId: 'u', UserAttributes: { n: ['Ann'], t: ['x', 'y'] } } })]);
    await putBatch(h.client, [{ Id: 'e1', User: { UserAttributes: { t: [], z: ['1'] } } }]);
    const e = await getEndpoint(h.client, 'e1');
    assert.deepEqual(e.User, { UserAttributes: { n: ['Ann'], t: [], z: ['1'] }, UserId: 'u' });
  });

  it('Metrics merge per key', async () => {
    await putBatch(h.client, [email('e1', { Metrics: { a: 1, b: 2.5 } })]);
    await putBatch(h.client, [{ Id: 'e1', Metrics: { b: 3, c: -1 } }]);
    assert.deepEqual((await getEndpoint(h.client, 'e1')).Metrics, { a: 1, b: 3, c: -1 });
  });

  it('Demographic merges per sub-field and "" removes a sub-field', async () => {
    await putBatch(h.client, [email('e1', { Demographic: { Make: 'Apple', Model: 'iPhone', Timezone: 'UTC' } })]);
    await putBatch(h.client, [{ Id: 'e1', Demographic: { Model: 'iPad', Timezone: '' } }]);
    assert.deepEqual((await getEndpoint(h.client, 'e1')).Demographic, { Make: 'Apple', Model: 'iPad' });
  });

  it('Location merges per sub-field and "" removes a sub-field', async () => {
    await putBatch(h.client, [email('e1', { Location: { City: 'Seattle', Country: 'US', Latitude: 47.6 } })]);
    await putBatch(h.client, [{ Id: 'e1', Location: { City: '', Region: 'WA' } }]);
    assert.deepEqual((await getEndpoint(h.client, 'e1')).Location, { Country: 'US', Latitude: 47.6, Region: 'WA' });
  });

  it('other scalars are replaced when sent and kept when not', async () => {
    await putBatch(h.client, [email('e1', { OptOut: 'ALL' })]);
    await putBatch(h.client, [{ Id: 'e1', Address: 'new@example.com', ChannelType: 'CUSTOM' }]);
    const e = await getEndpoint(h.client, 'e1');
    assert.equal(e.Address, 'new@example.com');
    assert.equal(e.ChannelType, 'CUSTOM');
    assert.equal(e.OptOut, 'ALL');
  });

  it('Address "" removes the Address', async () => {
    await putBatch(h.client, [email('e1')]);
    await putOne(h.client, 'e1', { Address: '' });
    assert.equal((await getEndpoint(h.client, 'e1')).Address, undefined);
  });

  it('UpdateEndpoint merges like a batch item', async () => {
    await putOne(h.client, 'e1', { ChannelType: 'EMAIL', Attributes: { a: ['1'] }, Metrics: { m: 1 } });
    await putOne(h.client, 'e1', { Attributes: { b: ['2'] } });
    const e = await getEndpoint(h.client, 'e1');
    assert.deepEqual(e.Attributes, { a: ['1'], b: ['2'] });
    assert.deepEqual(e.Metrics, { m: 1 });
  });

  it('latitude and longitude are rounded to one decimal when stored', async () => {
    await putBatch(h.client, [email('e1', { Location: { Latitude: 47.61, Longitude: -122.33 } })]);
    await putBatch(h.client, [email('e2', { Location: { Latitude: 47.66, Longitude: 0.04 } })]);
    assert.deepEqual((await getEndpoint(h.client, 'e1')).Location, { Latitude: 47.6, Longitude: -122.3 });
    assert.deepEqual((await getEndpoint(h.client, 'e2')).Location, { Latitude: 47.7, Longitude: 0 });
  });
});

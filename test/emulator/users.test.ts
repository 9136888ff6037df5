import assert from 'node:assert/strict';
import { DeleteUserEndpointsCommand, type ChannelType, type EndpointBatchItem } from '@aws-sdk/client-pinpoint';
import { APP, email, expectSdkError, getEndpoint, getUser, putBatch, useEmulator } from './harness.js';

const member = (id: string, channel: ChannelType, userId = 'u1'): EndpointBatchItem => ({
  Id: id,
  ChannelType: channel,
  Address: `addr-${id}`,
  User: { UserId: userId },
});

const ids = (items: { Id?: string }[]) => items.map((e) => e.Id).sort();

describe('emulator: users', () => {
  const h = useEmulator();

  it('GetUserEndpoints returns every endpoint of the UserId', async () => {
    await putBatch(h.client, [member('a', 'EMAIL'), member('b', 'SMS'), member('c', 'EMAIL', 'u2')]);
    assert.deepEqual(ids(await getUser(h.client, 'u1')), ['a', 'b']);
    assert.deepEqual(ids(await getUser(h.client, 'u2')), ['c']);
  });

  it('an endpoint moved to another UserId leaves the first user', async () => {
    await putBatch(h.client, [member('a', 'EMAIL'), member('b', 'EMAIL')]);
    await putBatch(h.client, [{ Id: 'a', User: { UserId: 'u2' } }]);
    assert.deepEqual(ids(await getUser(h.client, 'u1')), ['b']);
    assert.deepEqual(ids(await getUser(h.client, 'u2')), ['a']);
  });

  it('an unknown user, or a user of an unknown application, is a NotFoundException', async () => {
    await putBatch(h.client, [member('a', 'EMAIL')]);
    await expectSdkError(getUser(h.client, 'nobody'), 'NotFoundException', 404, 'Resource not found');
    await expectSdkError(getUser(h.client, 'u1', 'no-such-app'), 'NotFoundException', 404);
  });

  it('a 16th non-push endpoint for a UserId is a BadRequest and is not stored', async () => {
    // A push endpoint among the 15 does not make room for a non-push one.
    await putBatch(h.client, [member('push', 'APNS'), ...Array.from({ length: 14 }, (_, i) => member(`m${i}`, 'EMAIL'))]);
    await expectSdkError(
      putBatch(h.client, [member('m15', 'SMS')]),
      'BadRequestException',
      400,
      'Exceeded maximum endpoint per user count: 15',
    );
    assert.equal(h.emu.store.get(APP, 'm15'), undefined);
    assert.equal((await getUser(h.client, 'u1')).length, 15);
    assert.equal((await getEndpoint(h.client, 'push')).EndpointStatus, 'ACTIVE');
  });

  it('a 16th push endpoint evicts the user push endpoint with the oldest EffectiveDate', async () => {
    await putBatch(h.client, [member('apns-old', 'APNS')]);
    await putBatch(h.client, Array.from({ length: 12 }, (_, i) => member(`mail${i}`, 'EMAIL')));
    await putBatch(h.client, [member('gcm-mid', 'GCM'), member('apns-new', 'APNS')]);
    // The oldest push endpoint is written again: now "gcm-mid" is the oldest push endpoint.
    await putBatch(h.client, [{ Id: 'apns-old', Attributes: { touched: ['yes'] } }]);
    await putBatch(h.client, [member('baidu-16th', 'BAIDU')]);

    const evicted = await getEndpoint(h.client, 'gcm-mid');
    assert.equal(evicted.EndpointStatus, 'INACTIVE');
    assert.equal(evicted.User, undefined, 'the evicted endpoint loses its UserId');
    const users = await getUser(h.client, 'u1');
    assert.equal(users.length, 15);
    assert.ok(ids(users).includes('baidu-16th'));
    assert.ok(!ids(users).includes('gcm-mid'));
    assert.equal((await getEndpoint(h.client, 'apns-old')).EndpointStatus, 'ACTIVE');
  });

  it('equal EffectiveDates: the push endpoint written first is evicted', async () => {
    // One batch, one EffectiveDate. "q" takes p1's address, which changes p1 without a write.
    await putBatch(h.client, [
      member('p1', 'GCM'),
      member('p2', 'GCM'),
      { Id: 'q', ChannelType: 'GCM', Address: 'addr-p1' },
      ...Array.from({ length: 13 }, (_, i) => member(`m${i}`, 'EMAIL')),
    ]);
    assert.equal((await getEndpoint(h.client, 'p1')).EndpointStatus, 'INACTIVE');
    await putBatch(h.client, [member('p3', 'APNS')]);
    assert.equal((await getEndpoint(h.client, 'p1')).User, undefined);
    assert.equal((await getEndpoint(h.client, 'p2')).User?.UserId, 'u1');
  });

  it('the evicted endpoint keeps its UserAttributes', async () => {
    await putBatch(h.client, [{ ...member('p0', 'ADM'), User: { UserId: 'u1', UserAttributes: { n: ['1'] } } }]);
    await putBatch(h.client, Array.from({ length: 14 }, (_, i) => member(`m${i}`, 'EMAIL')));
    await putBatch(h.client, [member('p1', 'APNS_VOIP')]);
    assert.deepEqual((await getEndpoint(h.client, 'p0')).User, { UserAttributes: { n: ['1'] } });
  });

  it('a 16th push endpoint is a BadRequest when the user has no push endpoint to evict', async () => {
    await putBatch(h.client, Array.from({ length: 15 }, (_, i) => member(`m${i}`, 'SMS')));
    await expectSdkError(putBatch(h.client, [member('p', 'GCM')]), 'BadRequestException', 400, 'per user count: 15');
  });

  it('updating an endpoint already counted for a full user is not a 16th', async () => {
    await putBatch(h.client, Array.from({ length: 15 }, (_, i) => member(`m${i}`, 'EMAIL')));
    await putBatch(h.client, [{ ...member('m3', 'EMAIL'), Attributes: { a: ['1'] } }]);
    assert.deepEqual((await getEndpoint(h.client, 'm3')).Attributes, { a: ['1'] });
  });

  it('DeleteUserEndpoints deletes and returns the user endpoints; an unknown user is a 404', async () => {
    await putBatch(h.client, [member('a', 'EMAIL'), member('b', 'SMS'), email('other')]);
    const out = await h.client.send(new DeleteUserEndpointsCommand({ ApplicationId: APP, UserId: 'u1' }));
    assert.equal(out.$metadata.httpStatusCode, 202);
    assert.deepEqual(ids(out.EndpointsResponse!.Item!), ['a', 'b']);
    assert.equal(h.emu.store.count(APP), 1);
    await expectSdkError(getUser(h.client, 'u1'), 'NotFoundException', 404);
    await expectSdkError(
      h.client.send(new DeleteUserEndpointsCommand({ ApplicationId: APP, UserId: 'u1' })),
      'NotFoundException',
      404,
    );
  });
});

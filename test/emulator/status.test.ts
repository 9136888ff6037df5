import assert from 'node:assert/strict';
import { email, expectSdkError, getEndpoint, putBatch, putOne, useEmulator } from './harness.js';

describe('emulator: EndpointStatus', () => {
  const h = useEmulator();

  it('a write sets ACTIVE unless the request itself sets EndpointStatus', async () => {
    await putBatch(h.client, [email('e1', { EndpointStatus: 'INACTIVE' })]);
    assert.equal((await getEndpoint(h.client, 'e1')).EndpointStatus, 'INACTIVE');
    await putBatch(h.client, [{ Id: 'e1', Attributes: { a: ['1'] } }]);
    assert.equal((await getEndpoint(h.client, 'e1')).EndpointStatus, 'ACTIVE');
    await putOne(h.client, 'e1', { EndpointStatus: 'INACTIVE' });
    assert.equal((await getEndpoint(h.client, 'e1')).EndpointStatus, 'INACTIVE');
  });

  it('writing an Address makes the other endpoints with that channel and Address INACTIVE', async () => {
    await putBatch(h.client, [email('a', { Address: 'same@example.com' }), email('other')]);
    await putBatch(h.client, [email('b', { Address: 'same@example.com' })]);
    assert.equal((await getEndpoint(h.client, 'a')).EndpointStatus, 'INACTIVE');
    assert.equal((await getEndpoint(h.client, 'b')).EndpointStatus, 'ACTIVE');
    assert.equal((await getEndpoint(h.client, 'other')).EndpointStatus, 'ACTIVE');
    // Two endpoints declaring one Address flip each other on every apply.
    await putOne(h.client, 'a', { Address: 'same@example.com' });
    assert.equal((await getEndpoint(h.client, 'a')).EndpointStatus, 'ACTIVE');
    assert.equal((await getEndpoint(h.client, 'b')).EndpointStatus, 'INACTIVE');
  });

  it('the takeover leaves the other endpoint EffectiveDate and RequestId alone', async () => {
    await putBatch(h.client, [email('a', { Address: 'same@example.com' })]);
    const before = await getEndpoint(h.client, 'a');
    await putBatch(h.client, [email('b', { Address: 'same@example.com' })]);
    const after = await getEndpoint(h.client, 'a');
    assert.equal(after.EndpointStatus, 'INACTIVE');
    assert.equal(after.EffectiveDate, before.EffectiveDate);
    assert.equal(after.RequestId, before.RequestId);
  });

  it('within one batch the later item with the Address wins', async () => {
    await putBatch(h.client, [email('a', { Address: 'x@example.com' }), email('b', { Address: 'x@example.com' })]);
    assert.equal((await getEndpoint(h.client, 'a')).EndpointStatus, 'INACTIVE');
    assert.equal((await getEndpoint(h.client, 'b')).EndpointStatus, 'ACTIVE');
  });

  it('the same Address on another channel is not affected', async () => {
    await putBatch(h.client, [{ Id: 'sms', ChannelType: 'SMS', Address: '+12065550100' }]);
    await putBatch(h.client, [{ Id: 'voice', ChannelType: 'VOICE', Address: '+12065550100' }]);
    assert.equal((await getEndpoint(h.client, 'sms')).EndpointStatus, 'ACTIVE');
    assert.equal((await getEndpoint(h.client, 'voice')).EndpointStatus, 'ACTIVE');
  });

  it('a write that does not send the Address deactivates nobody', async () => {
    await putBatch(h.client, [email('a', { Address: 's@example.com' })]);
    await putBatch(h.client, [email('b', { Address: 's@example.com' })]);
    await putBatch(h.client, [{ Id: 'a', Attributes: { k: ['v'] } }]);
    assert.equal((await getEndpoint(h.client, 'a')).EndpointStatus, 'ACTIVE');
    assert.equal((await getEndpoint(h.client, 'b')).EndpointStatus, 'ACTIVE');
  });

  it('an EndpointStatus other than ACTIVE or INACTIVE is a BadRequest', async () => {
    await expectSdkError(
      putBatch(h.client, [email('e1', { EndpointStatus: 'PAUSED' })]),
      'BadRequestException',
      400,
      'Invalid EndpointStatus',
    );
  });
});

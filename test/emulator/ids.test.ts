import assert from 'node:assert/strict';
import { UpdateEndpointCommand } from '@aws-sdk/client-pinpoint';
import { APP, deleteEndpoint, email, expectSdkError, getEndpoint, putBatch, useEmulator } from './harness.js';

describe('emulator: endpoint Ids', () => {
  const h = useEmulator();

  it('Ids are case-insensitive and keep the case they were created with', async () => {
    await putBatch(h.client, [email('ABC', { Attributes: { a: ['1'] } })]);
    await putBatch(h.client, [{ Id: 'abc', Attributes: { b: ['2'] } }]);
    assert.equal(h.emu.store.count(APP), 1);
    const e = await getEndpoint(h.client, 'aBc');
    assert.equal(e.Id, 'ABC');
    assert.deepEqual(e.Attributes, { a: ['1'], b: ['2'] });
    assert.equal((await deleteEndpoint(h.client, 'abc')).Id, 'ABC');
    assert.equal(h.emu.store.count(APP), 0);
  });

  for (const bad of ['a$b', 'a{b', 'a}b']) {
    it(`an Id containing ${bad[1]} is a BadRequest (batch and single)`, async () => {
      await expectSdkError(putBatch(h.client, [email(bad)]), 'BadRequestException', 400, `Id: ${bad}`);
      await expectSdkError(
        h.client.send(
          new UpdateEndpointCommand({ ApplicationId: APP, EndpointId: bad, EndpointRequest: { ChannelType: 'EMAIL' } }),
        ),
        'BadRequestException',
        400,
        'must not contain',
      );
      assert.equal(h.emu.store.count(APP), 0);
    });
  }

  it('a batch item without Id is a BadRequest naming its position', async () => {
    await expectSdkError(
      putBatch(h.client, [email('ok'), { ChannelType: 'EMAIL', Address: 'x@example.com' }]),
      'BadRequestException',
      400,
      'Missing Id (item 1)',
    );
    assert.equal(h.emu.store.count(APP), 0);
  });

  it('URL-encoded path parameters are decoded', async () => {
    const id = 'user/1 ä+%x';
    await putBatch(h.client, [email(id)]);
    assert.equal((await getEndpoint(h.client, id)).Id, id);
    assert.equal(h.emu.store.get(APP, id)?.Id, id);
    assert.equal((await deleteEndpoint(h.client, id)).Id, id);
  });
});

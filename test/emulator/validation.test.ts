import assert from 'node:assert/strict';
import type { ChannelType } from '@aws-sdk/client-pinpoint';
import { APP, email, expectSdkError, getEndpoint, putBatch, putOne, useEmulator } from './harness.js';

const repeat = (n: number, char = 'x') => char.repeat(n);

describe('emulator: item validation', () => {
  const h = useEmulator();

  it('creating without ChannelType is a BadRequest "Missing ChannelType"', async () => {
    await expectSdkError(
      putBatch(h.client, [{ Id: 'e1', Address: 'a@example.com' }]),
      'BadRequestException',
      400,
      'Missing ChannelType (Id: e1)',
    );
    await expectSdkError(putOne(h.client, 'e2', { Address: 'a@example.com' }), 'BadRequestException', 400, 'Missing ChannelType');
    assert.equal(h.emu.store.count(APP), 0);
  });

  it('updating without ChannelType is fine', async () => {
    await putBatch(h.client, [email('e1')]);
    await putBatch(h.client, [{ Id: 'e1', Address: 'b@example.com' }]);
    assert.equal((await getEndpoint(h.client, 'e1')).ChannelType, 'EMAIL');
  });

  it('an invalid ChannelType is a BadRequest on create and on update', async () => {
    const bogus = 'PIGEON' as ChannelType;
    await expectSdkError(putBatch(h.client, [email('e1', { ChannelType: bogus })]), 'BadRequestException', 400, 'Invalid ChannelType');
    await putBatch(h.client, [email('e2')]);
    await expectSdkError(putOne(h.client, 'e2', { ChannelType: bogus }), 'BadRequestException', 400, 'Invalid ChannelType');
    assert.equal((await getEndpoint(h.client, 'e2')).ChannelType, 'EMAIL');
  });

  it('Address is not required on create', async () => {
    await putBatch(h.client, [{ Id: 'e1', ChannelType: 'APNS' }]);
    const e = await getEndpoint(h.client, 'e1');
    assert.equal(e.ChannelType, 'APNS');
    assert.equal(e.Address, undefined);
  });

  for (const where of ['Attributes', 'UserAttributes'] as const) {
    const item = (map: Record<string, string[]>) =>
      where === 'Attributes' ? email('e1', { Attributes: map }) : email('e1', { User: { UserAttributes: map } });

    it(`${where}: names up to 50 characters pass, longer is a BadRequest`, async () => {
      await putBatch(h.client, [item({ [repeat(50)]: ['v'] })]);
      await expectSdkError(putBatch(h.client, [item({ [repeat(51)]: ['v'] })]), 'BadRequestException', 400, 'Attribute name longer than 50');
    });

    it(`${where}: values up to 100 characters pass, longer is a BadRequest`, async () => {
      await putBatch(h.client, [item({ a: [repeat(100)] })]);
      await expectSdkError(putBatch(h.client, [item({ a: [repeat(101)] })]), 'BadRequestException', 400, 'Attribute value longer than 100');
    });

    it(`${where}: up to 50 values pass, more is a BadRequest`, async () => {
      const values = (n: number) => Array.from({ length: n }, (_, i) => `v${i}`);
      await putBatch(h.client, [item({ a: values(50) })]);
      await expectSdkError(putBatch(h.client, [item({ a: values(51) })]), 'BadRequestException', 400, 'More than 50 values');
    });
  }

  it('non-finite Metrics values are a BadRequest (the SDK sends NaN as a string)', async () => {
    await expectSdkError(putBatch(h.client, [email('e1', { Metrics: { m: Number.NaN } })]), 'BadRequestException', 400, 'Metrics.m');
    await expectSdkError(
      putBatch(h.client, [email('e1', { Metrics: { m: Number.POSITIVE_INFINITY } })]),
      'BadRequestException',
      400,
      'Metrics.m',
    );
    assert.equal(h.emu.store.count(APP), 0);
  });

  it('one endpoint over 15 KB (as stored, after the merge) is a BadRequest', async () => {
    const bulk = (prefix: string) => Array.from({ length: 50 }, (_, i) => `${prefix}${i}`.padEnd(100, '.'));
    // 2 x 50 x 100 characters: about 10 KB, allowed.
    await putBatch(h.client, [email('e1', { Attributes: { a: bulk('a'), b: bulk('b') } })]);
    // Another 5 KB on top of the stored 10 KB crosses 15 KB although this request alone is small.
    await expectSdkError(
      putBatch(h.client, [{ Id: 'e1', Attributes: { c: bulk('c') } }]),
      'BadRequestException',
      400,
      'exceeds the maximum size of 15360 bytes (Id: e1)',
    );
    assert.deepEqual(Object.keys((await getEndpoint(h.client, 'e1')).Attributes!), ['a', 'b']);
  });

  it('more than 250 attribute keys in the application is a BadRequest; each map counts separately', async () => {
    const names = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
    const keys = (prefix: string, n: number) => Object.fromEntries(names(prefix, n).map((k): [string, string[]] => [k, []]));
    const metrics = Object.fromEntries(names('m', 48).map((k, i): [string, number] => [k, i]));
    await putBatch(h.client, [
      email('e1', { Attributes: keys('k', 100) }),
      email('e2', { User: { UserAttributes: keys('k', 100) } }),
      email('e3', { Attributes: { Plan: ['pro'] }, Metrics: { ...metrics, Plan: 1 } }),
    ]);
    // Attributes.k0..99, UserAttributes.k0..99, Attributes.Plan, Metrics.m0..47, Metrics.Plan = 250.
    assert.equal(h.emu.store.attributeKeys(APP).length, 250);
    assert.ok(h.emu.store.attributeKeys(APP).includes('Metrics.Plan'));
    // Keys already registered may be used by any endpoint; a new one may not.
    await putBatch(h.client, [email('e4', { Attributes: { k5: ['x'], Plan: ['basic'] } })]);
    await expectSdkError(
      putBatch(h.client, [email('e5', { Metrics: { brandNew: 1 } })]),
      'BadRequestException',
      400,
      'attribute keys per application: 250',
    );
    assert.equal(h.emu.store.get(APP, 'e5'), undefined);
  });
});

import assert from 'node:assert/strict';
import { startEmulator } from '../../providers/emulator/index.js';
import { APP, deleteEndpoint, email, emailItem, expectSdkError, getEndpoint, putBatch, putOne, useEmulator } from './harness.js';

/** Asserts that the SDK call fails on the connection itself (no HTTP answer at all). */
async function expectConnectionError(call: Promise<unknown>): Promise<void> {
  const error = await call.then(
    () => assert.fail('expected a connection error, the call succeeded'),
    (e: unknown) => e as { code?: string; message: string; $metadata?: { httpStatusCode?: number } },
  );
  assert.equal(error.$metadata?.httpStatusCode, undefined, 'no HTTP status');
  assert.ok(error.code === 'ECONNRESET' || /ECONNRESET|socket hang up/.test(error.message), `got ${error.code}: ${error.message}`);
}

describe('emulator: injected faults', () => {
  const h = useEmulator({}, { maxAttempts: 1 });

  it('without faults nothing is injected', async () => {
    assert.deepEqual(h.emu.faults, {});
    await putBatch(h.client, [email('e1')]);
    await getEndpoint(h.client, 'e1');
    const stats = h.emu.stats();
    assert.equal(stats.requests, 2);
    assert.equal(stats.throttled, 0);
    assert.deepEqual(Object.values(stats.faults), [0, 0, 0, 0, 0, 0]);
    assert.ok(h.emu.requests.every((r) => r.fault === undefined && !('fault' in r)));
  });

  it('throttleRate 1: every request is a 429 TooManyRequestsException with Retry-After: 1', async () => {
    h.emu.faults = { throttleRate: 1 };
    const error = await expectSdkError(putBatch(h.client, [email('e1')]), 'TooManyRequestsException', 429);
    assert.equal((error as unknown as { $response?: { headers: Record<string, string> } }).$response?.headers['retry-after'], '1');
    await expectSdkError(getEndpoint(h.client, 'e1'), 'TooManyRequestsException', 429);
    await expectSdkError(deleteEndpoint(h.client, 'e1'), 'TooManyRequestsException', 429);
    assert.equal(h.emu.store.count(APP), 0);
    assert.deepEqual(h.emu.requests.map((r) => [r.status, r.fault]), Array(3).fill([429, 'throttled']));
    assert.equal(h.emu.stats().throttled, 3);
    assert.equal(h.emu.stats().faults['rate-limited'], 0, 'random throttling is not a quota breach');
    assert.deepEqual(h.emu.requests[0]!.body, { Item: [email('e1')] }, 'the attempted body is recorded');
  });

  it('serverErrorRate 1: 500 InternalServerErrorException and nothing is applied', async () => {
    h.emu.store.putItems(APP, [emailItem('old')]);
    h.emu.faults = { serverErrorRate: 1 };
    await expectSdkError(putBatch(h.client, [email('e1')]), 'InternalServerErrorException', 500);
    await expectSdkError(putOne(h.client, 'e2', { ChannelType: 'EMAIL' }), 'InternalServerErrorException', 500);
    await expectSdkError(deleteEndpoint(h.client, 'old'), 'InternalServerErrorException', 500);
    assert.deepEqual(h.emu.store.toJSON().applications[APP]!.endpoints.map((e) => e.Id), ['old']);
    assert.deepEqual(h.emu.requests.map((r) => r.fault), ['server-error', 'server-error', 'server-error']);
  });

  it('resetRate 1: the connection is reset before any answer and nothing is applied', async () => {
    h.emu.store.putItems(APP, [emailItem('old')]);
    h.emu.faults = { resetRate: 1 };
    await expectConnectionError(putBatch(h.client, [email('e1')]));
    await expectConnectionError(deleteEndpoint(h.client, 'old'));
    await expectConnectionError(getEndpoint(h.client, 'old'));
    assert.equal(h.emu.store.get(APP, 'e1'), undefined);
    assert.ok(h.emu.store.get(APP, 'old'));
    assert.deepEqual(h.emu.requests.map((r) => [r.status, r.fault]), Array(3).fill([0, 'reset']));
    h.emu.faults = {};
    assert.equal((await getEndpoint(h.client, 'old')).Id, 'old', 'the client recovers on a new connection');
  });

  it('resetAfterApplyRate 1: writes are applied, then the connection is reset; reads are unaffected', async () => {
    h.emu.store.putItems(APP, [emailItem('old')]);
    h.emu.faults = { resetAfterApplyRate: 1 };
    await expectConnectionError(putBatch(h.client, [email('e1')]));
    await expectConnectionError(putOne(h.client, 'e2', { ChannelType: 'EMAIL' }));
    await expectConnectionError(deleteEndpoint(h.client, 'old'));
    assert.equal((await getEndpoint(h.client, 'e1')).Id, 'e1');
    assert.equal((await getEndpoint(h.client, 'e2')).Id, 'e2');
    assert.equal(h.emu.store.get(APP, 'old'), undefined);
    assert.deepEqual(
      h.emu.requests.map((r) => [r.operation, r.status, r.fault ?? null]),
      [
        ['UpdateEndpointsBatch', 202, 'reset-after-apply'],
        ['UpdateEndpoint', 202, 'reset-after-apply'],
        ['DeleteEndpoint', 202, 'reset-after-apply'],
        ['GetEndpoint', 200, null],
        ['GetEndpoint', 200, null],
      ],
    );
  });

  it('resetAfterApplyRate: a rejected write is answered normally (nothing was applied)', async () => {
    h.emu.faults = { resetAfterApplyRate: 1 };
    await expectSdkError(putOne(h.client, 'x', {}), 'BadRequestException', 400, 'Missing ChannelType');
    assert.equal(h.emu.requests.at(-1)!.fault, undefined);
  });

  it('poisonIds: a request carrying one (any case) is a 400 naming it, and nothing of it is applied', async () => {
    h.emu.faults = { poisonIds: ['Bad-1'] };
    await expectSdkError(
      putBatch(h.client, [email('ok1'), email('BAD-1'), email('ok2')]),
      'BadRequestException',
      400,
      'Poisoned item (Id: BAD-1)',
    );
    await expectSdkError(putOne(h.client, 'bad-1', { ChannelType: 'EMAIL' }), 'BadRequestException', 400, '(Id: bad-1)');
    assert.equal(h.emu.store.count(APP), 0);
    assert.deepEqual(h.emu.requests.map((r) => [r.status, r.fault]), [[400, 'poisoned'], [400, 'poisoned']]);
    await putBatch(h.client, [email('ok1'), email('ok2')]);
    assert.equal(h.emu.store.count(APP), 2, 'a batch without the poisoned Id passes');
  });

  it('the seed makes the dice deterministic', async () => {
    const run = async (seed: number) => {
      h.emu.faults = { throttleRate: 0.5, seed };
      const statuses: number[] = [];
      for (let i = 0; i < 32; i++) {
        statuses.push(await getEndpoint(h.client, 'e1').then(() => 200, (e: { $metadata: { httpStatusCode: number } }) => e.$metadata.httpStatusCode));
      }
      return statuses;
    };
    h.emu.store.putItems(APP, [emailItem('e1')]);
    const first = await run(7);
    assert.deepEqual(await run(7), first, 'the same seed, the same answers');
    assert.ok(first.includes(200) && first.includes(429), `both outcomes: ${first.join(',')}`);
    assert.notDeepEqual(await run(8), first, 'another seed, other answers');
  });

  it('latencyMs delays every answer, so concurrent requests are in flight together', async () => {
    h.emu.store.putItems(APP, [emailItem('e1')]);
    h.emu.faults = { latencyMs: 150 };
    const started = performance.now();
    await Promise.all([getEndpoint(h.client, 'e1'), getEndpoint(h.client, 'e1'), getEndpoint(h.client, 'e1')]);
    const elapsed = performance.now() - started;
    assert.ok(elapsed >= 140, `took ${elapsed} ms`);
    assert.equal(h.emu.stats().maxInFlight, 3);
    assert.equal(h.emu.stats().inFlight, 0);
  });

  it('invalid faults are refused, at start and when set', async () => {
    assert.throws(() => (h.emu.faults = { throttleRate: 2 }), /throttleRate must be a number from 0 to 1/);
    assert.throws(() => (h.emu.faults = { rateLimits: { GetEndpoint: -1 } }), /rateLimits.GetEndpoint/);
    assert.deepEqual(h.emu.faults, {}, 'a refused value leaves the faults as they were');
    await assert.rejects(startEmulator({ faults: { visibilityDelayMs: -5 } }), /visibilityDelayMs/);
  });
});

import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { AWS_RATE_QUOTAS } from '../../providers/emulator/index.js';
import { FaultInjector } from '../../providers/emulator/faults.js';
import { APP, email, emailItem, expectSdkError, getEndpoint, putBatch, useEmulator } from './harness.js';

interface SettledCall {
  readonly status: number;
  readonly name?: string;
  readonly retryAfter?: string;
}

/** Runs a call and reports its status (and Retry-After when it failed), never throwing. */
async function settle(call: Promise<unknown>): Promise<SettledCall> {
  try {
    await call;
    return { status: 200 };
  } catch (caught) {
    const error = caught as { name: string; $metadata: { httpStatusCode?: number }; $response?: { headers: Record<string, string> } };
    const retryAfter = error.$response?.headers['retry-after'];
    return { status: error.$metadata.httpStatusCode ?? 0, name: error.name, ...(retryAfter === undefined ? {} : { retryAfter }) };
  }
}

describe('emulator: rate quotas (fault injection)', () => {
  const h = useEmulator({}, { maxAttempts: 1 });

  beforeEach(() => h.emu.store.putItems(APP, [emailItem('e1')]));

  it('over the quota: 429 TooManyRequestsException with Retry-After; a second later it serves again', async () => {
    h.emu.faults = { rateLimits: { GetEndpoint: 2 } };
    const results: SettledCall[] = [];
    for (let i = 0; i < 5; i++) results.push(await settle(getEndpoint(h.client, 'e1')));
    const throttled = results.filter((r) => r.status === 429);
    assert.deepEqual(results.slice(0, 2).map((r) => r.status), [200, 200], 'the burst of one second is served');
    assert.ok(throttled.length >= 2, `expected at least two 429, got ${JSON.stringify(results)}`);
    for (const r of throttled) assert.deepEqual(r, { status: 429, name: 'TooManyRequestsException', retryAfter: '1' });

    await sleep(1100);
    assert.equal((await getEndpoint(h.client, 'e1')).Id, 'e1');
    const recorded = h.emu.requests.filter((r) => r.fault === 'rate-limited');
    assert.equal(recorded.length, throttled.length);
    assert.ok(recorded.every((r) => r.status === 429));
    assert.equal(h.emu.stats().throttled, throttled.length);
    assert.equal(h.emu.stats().faults['rate-limited'], throttled.length);
  });

  it('under the quota nothing is throttled; each operation has its own bucket', async () => {
    h.emu.faults = { rateLimits: { GetEndpoint: 100, UpdateEndpointsBatch: 1 } };
    for (let i = 0; i < 5; i++) await getEndpoint(h.client, 'e1');
    await putBatch(h.client, [email('a')]);
    await expectSdkError(putBatch(h.client, [email('b')]), 'TooManyRequestsException', 429);
    assert.equal((await getEndpoint(h.client, 'a')).Id, 'a', 'a throttled write does not slow reads');
    assert.equal(h.emu.store.get(APP, 'b'), undefined, 'a rate-limited write is not applied');
    assert.equal(h.emu.stats().throttled, 1);
    assert.equal(h.emu.requests.filter((r) => r.status === 429 && r.operation === 'GetEndpoint').length, 0);
  });

  it('Retry-After is the wait for the next token, rounded up (raw HTTP)', async () => {
    h.emu.faults = { rateLimits: { GetEndpoint: 0.5 } };
    const url = `${h.emu.url}/v1/apps/${APP}/endpoints/e1`;
    assert.equal((await fetch(url)).status, 200);
    const res = await fetch(url);
    assert.equal(res.status, 429);
    assert.equal(res.headers.get('x-amzn-errortype'), 'TooManyRequestsException');
    assert.equal(res.headers.get('retry-after'), '2', 'one token per 2 s');
    const body = (await res.json()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body).sort(), ['Message', 'RequestID']);
  });

  it('the quota is checked before anything else: requests that then fail still use a token (raw HTTP)', async () => {
    h.emu.faults = { rateLimits: { UpdateEndpointsBatch: 1 } };
    const put = () => fetch(`${h.emu.url}/v1/apps/${APP}/endpoints`, { method: 'PUT', body: '{not json' });
    assert.equal((await put()).status, 400);
    const res = await put();
    assert.equal(res.status, 429);
    assert.equal(h.emu.requests.at(-1)!.fault, 'rate-limited');
  });

  it('limits can be changed while running, and removed', async () => {
    await getEndpoint(h.client, 'e1');
    h.emu.faults.rateLimits = { GetEndpoint: 1 };
    await getEndpoint(h.client, 'e1');
    await expectSdkError(getEndpoint(h.client, 'e1'), 'TooManyRequestsException', 429);
    h.emu.faults.rateLimits = {};
    for (let i = 0; i < 5; i++) await getEndpoint(h.client, 'e1');
    h.emu.faults.rateLimits = { GetEndpoint: 0 };
    const closed = await settle(getEndpoint(h.client, 'e1'));
    assert.deepEqual(closed, { status: 429, name: 'TooManyRequestsException', retryAfter: '1' }, 'rate 0 refuses everything');
  });

  it('AWS_RATE_QUOTAS holds the documented rate quotas of Pinpoint', () => {
    assert.deepEqual(AWS_RATE_QUOTAS, {
      GetEndpoint: 10,
      DeleteEndpoint: 5,
      UpdateEndpoint: 10,
      UpdateEndpointsBatch: 2,
      GetUserEndpoints: 300,
      DeleteUserEndpoints: 300,
    });
  });

  it('the token bucket holds one second of requests and refills continuously (fake clock)', () => {
    let now = 0;
    const faults = new FaultInjector({ rateLimits: { UpdateEndpointsBatch: 2 } }, () => now);
    const decide = () => faults.decide('UpdateEndpointsBatch');
    assert.equal(decide().kind, 'pass');
    assert.equal(decide().kind, 'pass');
    const third = decide();
    assert.ok(third.kind === 'reject' && third.fault === 'rate-limited');
    assert.equal(third.headers['retry-after'], '1');
    now = 499;
    assert.equal(decide().kind, 'reject', 'half a token short of 500 ms');
    now = 500;
    assert.equal(decide().kind, 'pass');
    now = 10_000;
    assert.equal(decide().kind, 'pass');
    assert.equal(decide().kind, 'pass');
    assert.equal(decide().kind, 'reject', 'no more than a second of burst, however long the pause');
    assert.equal(faults.decide('GetEndpoint').kind, 'pass', 'an operation without a limit is unlimited');
  });

  it('Retry-After rounds up the wait and is at least 1 (fake clock)', () => {
    const faults = new FaultInjector({ rateLimits: { DeleteEndpoint: 0.25 } }, () => 0);
    assert.equal(faults.decide('DeleteEndpoint').kind, 'pass');
    const next = faults.decide('DeleteEndpoint');
    assert.ok(next.kind === 'reject');
    assert.equal(next.headers['retry-after'], '4');
  });
});

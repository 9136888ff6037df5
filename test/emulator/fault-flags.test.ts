import assert from 'node:assert/strict';
import { AWS_RATE_QUOTAS, describeFaults, faultsFromFlags, runEmulatorCommand } from '../../providers/emulator/index.js';
import { APP, emailItem, expectSdkError, getEndpoint, makeClient } from './harness.js';

describe('emulator: fault flags of `pinsync emulator`', () => {
  it('no fault flags: no faults', () => {
    assert.equal(faultsFromFlags({}), undefined);
    assert.equal(faultsFromFlags({ rateLimit: [], poisonId: [], awsQuotas: false }), undefined);
  });

  it('--aws-quotas sets the quota table; --rate-limit OP=N overrides one operation', () => {
    assert.deepEqual(faultsFromFlags({ awsQuotas: true }), { rateLimits: AWS_RATE_QUOTAS });
    assert.deepEqual(faultsFromFlags({ awsQuotas: true, rateLimit: ['GetEndpoint=1.5'] })?.rateLimits, {
      ...AWS_RATE_QUOTAS,
      GetEndpoint: 1.5,
    });
  });

  it('every flag maps to its fault', () => {
    const faults = faultsFromFlags({
      rateLimit: ['UpdateEndpointsBatch=2', 'DeleteEndpoint=5'],
      throttleRate: 0.1,
      serverErrorRate: 0.05,
      resetRate: 0.01,
      resetAfterApplyRate: 0.02,
      poisonId: ['bad-1', 'bad-2'],
      visibilityDelay: 300,
      latency: 20,
      faultSeed: 42,
    });
    assert.deepEqual(faults, {
      rateLimits: { UpdateEndpointsBatch: 2, DeleteEndpoint: 5 },
      throttleRate: 0.1,
      serverErrorRate: 0.05,
      resetRate: 0.01,
      resetAfterApplyRate: 0.02,
      poisonIds: ['bad-1', 'bad-2'],
      visibilityDelayMs: 300,
      latencyMs: 20,
      seed: 42,
    });
    assert.equal(
      describeFaults(faults!),
      'rate limits UpdateEndpointsBatch=2/s DeleteEndpoint=5/s, throttle 10%, server errors 5%, resets 1%, ' +
        'resets after apply 2%, poisoned Ids bad-1 bad-2, visibility delay 300 ms, latency 20 ms, seed 42',
    );
  });

  it('a bad value is an error naming the flag', () => {
    assert.throws(() => faultsFromFlags({ rateLimit: ['GetEndpoint'] }), /--rate-limit expects OPERATION=REQUESTS_PER_SECOND.*"GetEndpoint"/);
    assert.throws(() => faultsFromFlags({ rateLimit: ['GetEndpoints=3'] }), /unknown operation "GetEndpoints"; one of GetEndpoint, /);
    assert.throws(() => faultsFromFlags({ throttleRate: 1.5 }), /--throttle-rate: throttleRate must be a number from 0 to 1/);
    assert.throws(() => faultsFromFlags({ visibilityDelay: -1 }), /--visibility-delay/);
    assert.throws(() => faultsFromFlags({ latency: Number.NaN }), /--latency/);
  });

  it('runEmulatorCommand says which faults are on, and they stay adjustable while it runs', async () => {
    const lines: string[] = [];
    const emu = await runEmulatorCommand({
      host: '127.0.0.1',
      port: 0,
      faults: { rateLimits: { GetEndpoint: 10 } },
      out: (line) => lines.push(line),
    });
    const client = makeClient(emu.url, { maxAttempts: 1 });
    try {
      assert.deepEqual(lines, [`Pinpoint emulator listening on ${emu.url}`, 'Fault injection: rate limits GetEndpoint=10/s']);
      emu.store.putItems(APP, [emailItem('e1')]);
      assert.equal((await getEndpoint(client, 'e1')).Id, 'e1');
      emu.faults = { throttleRate: 1 };
      await expectSdkError(getEndpoint(client, 'e1'), 'TooManyRequestsException', 429);
      assert.equal(emu.stats().throttled, 1);
    } finally {
      client.destroy();
      await emu.close();
    }
  });
});

import assert from 'node:assert/strict';
import { DEFAULT_RETRY, InterruptedError, withRetries, type RetryPolicy } from '../../../core/calls/retry.js';
import { createRateLimiter } from '../../../core/util/rate-limiter.js';
import { ProviderError } from '../../../providers/types.js';

const fast: RetryPolicy = { maxAttempts: 5, baseDelayMs: 1, maxDelayMs: 4, maxTotalMs: 10_000 };
const throttled = (retryAfterMs?: number) => new ProviderError('throttled', 'TooManyRequestsException', { status: 429, retryAfterMs });

describe('withRetries', () => {
  it('retries throttling, server errors and lost connections until success, counting attempts', async () => {
    const errors = [throttled(), new ProviderError('server', '500'), new ProviderError('network', 'reset')];
    const result = await withRetries(async (n) => {
      if (n <= errors.length) throw errors[n - 1];
      return 'ok';
    }, fast);
    assert.deepEqual(result, { value: 'ok', attempts: 4 });
  });

  it('never retries a bad request or an unreachable server', async () => {
    for (const kind of ['bad-request', 'unreachable', 'forbidden', 'config'] as const) {
      let calls = 0;
      await assert.rejects(
        withRetries(async () => {
          calls++;
          throw new ProviderError(kind, kind);
        }, fast),
        (e: ProviderError) => e.kind === kind,
      );
      assert.equal(calls, 1, kind);
    }
  });

  it('stops after maxAttempts and rethrows the last error', async () => {
    let calls = 0;
    await assert.rejects(
      withRetries(async () => {
        calls++;
        throw throttled();
      }, fast),
      /TooManyRequestsException/,
    );
    assert.equal(calls, 5);
  });

  it('waits at least the Retry-After, and full jitter up to base * 2^n otherwise', async () => {
    const delays: number[] = [];
    await withRetries(
      async (n) => {
        if (n === 1) throw throttled(40);
        if (n < 4) throw new ProviderError('server', '500');
        return 1;
      },
      { maxAttempts: 5, baseDelayMs: 10, maxDelayMs: 1000, maxTotalMs: 10_000 },
      { random: () => 0.5, onRetry: (_e, _n, d) => delays.push(d) },
    );
    assert.deepEqual(delays, [40, 10, 20]);
  });

  it('gives up rather than wait past the total time bound', async () => {
    let calls = 0;
    await assert.rejects(
      withRetries(
        async () => {
          calls++;
          throw throttled(5_000);
        },
        { ...DEFAULT_RETRY, maxTotalMs: 1_000 },
      ),
      /TooManyRequests/,
    );
    assert.equal(calls, 1);
  });

  it('an interruption during the wait ends it at once, without another attempt', async () => {
    const controller = new AbortController();
    let calls = 0;
    const started = Date.now();
    const pending = withRetries(
      async () => {
        calls++;
        throw throttled(10_000);
      },
      DEFAULT_RETRY,
      { signal: controller.signal },
    );
    setTimeout(() => controller.abort('SIGINT'), 20);
    await assert.rejects(pending, (e: Error) => e instanceof InterruptedError);
    assert.equal(calls, 1);
    assert.ok(Date.now() - started < 2_000);
  });
});

describe('createRateLimiter', () => {
  it('spaces requests 1/rate apart', async () => {
    const limiter = createRateLimiter(50);
    const started = Date.now();
    for (let i = 0; i < 6; i++) await limiter.acquire();
    // Five gaps of 20 ms: at least 100 ms (the first goes at once).
    assert.ok(Date.now() - started >= 95, `${Date.now() - started} ms`);
  });

  it('is free without a rate', async () => {
    const limiter = createRateLimiter(undefined);
    const started = Date.now();
    for (let i = 0; i < 1000; i++) await limiter.acquire();
    assert.ok(Date.now() - started < 500);
  });
});

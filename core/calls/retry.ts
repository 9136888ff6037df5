import { isProviderError, type ProviderError } from '../../providers/types.js';

/** How long and how often a failed call is tried again. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** No retry starts once this long has passed since the first attempt. */
  readonly maxTotalMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 10, baseDelayMs: 250, maxDelayMs: 20_000, maxTotalMs: 300_000 };

/** Thrown instead of retrying when the run is being interrupted. */
export class InterruptedError extends Error {
  constructor() {
    super('interrupted');
    this.name = 'InterruptedError';
  }
}

export function isInterrupted(e: unknown): boolean {
  return e instanceof Error && e.name === 'InterruptedError';
}

/** Throttling, server errors and lost connections pass; a bad request will fail the same way again. */
export function isRetryable(e: unknown): e is ProviderError {
  return isProviderError(e) && (e.kind === 'throttled' || e.kind === 'server' || e.kind === 'network');
}

export interface RetryHooks {
  readonly signal?: AbortSignal;
  readonly onRetry?: (error: ProviderError, attempt: number, delayMs: number) => void;
  readonly random?: () => number;
  readonly now?: () => number;
}

/**
 * Runs `attempt` until it succeeds, fails for good, or the policy's bounds are reached. The wait
 * before retry n is a random time up to base * 2^n, capped ("full jitter", so many clients
 * throttled together do not come back together), and never shorter than the server's
 * Retry-After.
 */
export async function withRetries<T>(attempt: (n: number) => Promise<T>, policy: RetryPolicy, hooks: RetryHooks = {}): Promise<{ value: T; attempts: number }> {
  const now = hooks.now ?? Date.now;
  const random = hooks.random ?? Math.random;
  const started = now();
  for (let n = 1; ; n++) {
    if (hooks.signal?.aborted) throw new InterruptedError();
    try {
      return { value: await attempt(n), attempts: n };
    } catch (error) {
      if (!isRetryable(error) || n >= policy.maxAttempts) throw error;
      const backoff = random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (n - 1));
      const delay = Math.max(backoff, error.retryAfterMs ?? 0);
      if (now() - started + delay > policy.maxTotalMs) throw error;
      hooks.onRetry?.(error, n, delay);
      await sleep(delay, hooks.signal);
    }
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new InterruptedError());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new InterruptedError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

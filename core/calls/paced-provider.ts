import type { EndpointItem, EndpointProvider, LiveEndpoint, OperationName, ProviderError, ProviderStats, WriteResult } from '../../providers/types.js';
import { createRateLimiter, type RateLimiter } from '../util/rate-limiter.js';
import { DEFAULT_RETRY, InterruptedError, withRetries, type RetryPolicy } from './retry.js';

export interface PacingOptions {
  /** Requests per second per operation; an operation not named is not limited. */
  readonly ratePerOperation: Partial<Record<OperationName, number>>;
  readonly retry?: RetryPolicy;
  /** Once aborted, no request starts; those in flight finish. */
  readonly signal?: AbortSignal;
  readonly onRetry?: (operation: OperationName, error: ProviderError, delayMs: number) => void;
}

/**
 * Every call core/ makes goes through here: each operation under its own requests-per-second
 * ceiling (Pinpoint's quotas are per operation, and shared with the production app), retried with
 * backoff on throttling, server errors and lost connections, and counted.
 */
export function pacedProvider(inner: EndpointProvider, options: PacingOptions): EndpointProvider {
  const limiters = new Map<OperationName, RateLimiter>();
  const limiter = (op: OperationName) => {
    let l = limiters.get(op);
    if (l === undefined) limiters.set(op, (l = createRateLimiter(options.ratePerOperation[op])));
    return l;
  };
  let retries = 0;
  const call = async <T>(op: OperationName, fn: () => Promise<T>) =>
    withRetries(
      async () => {
        await limiter(op).acquire();
        // A signal that came while this call waited for its turn: it must not start.
        if (options.signal?.aborted) throw new InterruptedError();
        return fn();
      },
      options.retry ?? DEFAULT_RETRY,
      {
        signal: options.signal,
        onRetry: (error, _n, delay) => {
          retries++;
          options.onRetry?.(op, error, delay);
        },
      },
    );
  return {
    description: inner.description,
    getEndpoint: async (id: string): Promise<LiveEndpoint | undefined> => (await call('GetEndpoint', () => inner.getEndpoint(id))).value,
    getUserEndpoints: async (userId: string) => (await call('GetUserEndpoints', () => inner.getUserEndpoints(userId))).value,
    writeBatch: async (items: readonly EndpointItem[]): Promise<WriteResult> => {
      const { value, attempts } = await call('UpdateEndpointsBatch', () => inner.writeBatch(items));
      return { ...value, attempts };
    },
    deleteEndpoint: async (id: string) => (await call('DeleteEndpoint', () => inner.deleteEndpoint(id))).value,
    stats: (): ProviderStats => ({ ...inner.stats(), retries }),
    close: () => inner.close(),
  };
}

/**
 * A requests-per-second ceiling shared by every caller of `acquire`. Requests are spaced evenly
 * (1/rps apart) rather than allowed in bursts, because Pinpoint's quotas are per second and
 * shared with the production app: a burst that fits the average can still be throttled.
 */
export interface RateLimiter {
  acquire(): Promise<void>;
}

export function createRateLimiter(requestsPerSecond: number | undefined): RateLimiter {
  if (requestsPerSecond === undefined || !Number.isFinite(requestsPerSecond) || requestsPerSecond <= 0) {
    return { acquire: () => Promise.resolve() };
  }
  const interval = 1000 / requestsPerSecond;
  let nextSlot = 0;
  return {
    acquire(): Promise<void> {
      const now = Date.now();
      const slot = Math.max(now, nextSlot);
      nextSlot = slot + interval;
      const wait = slot - now;
      return wait <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, wait));
    },
  };
}

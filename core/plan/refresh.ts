import type { EndpointItem, EndpointProvider, LiveEndpoint } from '../../providers/types.js';
import { mapConcurrent } from '../util/pool.js';
import type { RateLimiter } from '../util/rate-limiter.js';
import { idKey } from './plan-changes.js';
import type { RefreshStats } from './types.js';

export interface RefreshOptions {
  readonly concurrency: number;
  readonly limiter: RateLimiter;
  readonly now?: () => number;
}

export interface RefreshResult {
  readonly live: Map<string, LiveEndpoint>;
  readonly stats: RefreshStats;
}

/**
 * Reads what Pinpoint holds for the declared endpoints, with as few calls as it can: Pinpoint has
 * no list call and GetEndpoint is limited to 10 calls a second per account, so one
 * GetUserEndpoints covers every endpoint of a user, and GetEndpoint reads the rest. An endpoint
 * declared with a UserId but not among that user's endpoints (new, or moving between users) is
 * then read by Id, so the plan can tell a create from an update.
 */
export async function readLive(
  provider: EndpointProvider,
  desired: readonly EndpointItem[],
  options: RefreshOptions,
): Promise<RefreshResult> {
  const now = options.now ?? Date.now;
  const started = now();
  const before = provider.stats().readCalls;
  const live = new Map<string, LiveEndpoint>();
  const wanted = new Set(desired.map((e) => idKey(e.Id)));

  const users = [...new Set(desired.flatMap((e) => (e.User?.UserId ? [e.User.UserId] : [])))];
  const userResults = await mapConcurrent(users, options.concurrency, async (userId) => {
    await options.limiter.acquire();
    return provider.getUserEndpoints(userId);
  });
  for (const endpoints of userResults) {
    for (const e of endpoints) {
      if (wanted.has(idKey(e.Id))) live.set(idKey(e.Id), e);
    }
  }

  const byId = desired.filter((e) => !live.has(idKey(e.Id)));
  const idResults = await mapConcurrent(byId, options.concurrency, async (e) => {
    await options.limiter.acquire();
    return provider.getEndpoint(e.Id);
  });
  for (const e of idResults) if (e !== undefined) live.set(idKey(e.Id), e);

  return {
    live,
    stats: { mode: 'live', readCalls: provider.stats().readCalls - before, durationMs: now() - started },
  };
}

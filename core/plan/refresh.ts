import type { EndpointProvider, LiveEndpoint } from '../../providers/types.js';
import type { StateEndpoint } from '../state/types.js';
import { mapConcurrent } from '../util/pool.js';
import { idKey, type LiveLookup } from './plan-changes.js';
import type { RefreshStats } from './types.js';

/** An endpoint whose current state the plan needs. */
export interface ReadTarget {
  readonly id: string;
  /** The UserId declared now, or last applied: where GetUserEndpoints would find it. */
  readonly userIds: readonly string[];
  /** pinsync applied it before, so its absence from its user's endpoints must be confirmed. */
  readonly inState: boolean;
}

export interface RefreshOptions {
  readonly concurrency: number;
  readonly now?: () => number;
}

export interface RefreshResult {
  readonly live: Map<string, LiveEndpoint>;
  readonly stats: RefreshStats;
}

/**
 * Reads what Pinpoint holds with as few calls as it can: Pinpoint has no list call and GetEndpoint
 * allows 10 calls a second per account, so one GetUserEndpoints covers every endpoint of a user,
 * and GetEndpoint reads only endpoints without a user, and managed endpoints missing from their
 * user's list (deleted, or moved to another user). An unmanaged endpoint missing from its user's
 * list is taken as absent: planning it as a create sends the whole declared endpoint, which is
 * right whether or not it exists under another user.
 */
export async function readLive(provider: EndpointProvider, targets: readonly ReadTarget[], options: RefreshOptions): Promise<RefreshResult> {
  const now = options.now ?? Date.now;
  const started = now();
  const before = provider.stats().readCalls;
  const live = new Map<string, LiveEndpoint>();
  const wanted = new Set(targets.map((t) => idKey(t.id)));

  const users = [...new Set(targets.flatMap((t) => t.userIds))];
  await mapConcurrent(users, options.concurrency, async (userId) => {
    for (const e of await provider.getUserEndpoints(userId)) {
      if (wanted.has(idKey(e.Id))) live.set(idKey(e.Id), e);
    }
  });

  const byId = targets.filter((t) => !live.has(idKey(t.id)) && (t.userIds.length === 0 || t.inState));
  await mapConcurrent(byId, options.concurrency, async (t) => {
    const e = await provider.getEndpoint(t.id);
    if (e !== undefined) live.set(idKey(t.id), e);
  });

  return { live, stats: { mode: 'live', readCalls: provider.stats().readCalls - before, durationMs: now() - started } };
}

/**
 * `--refresh state`: what pinsync last applied stands for what Pinpoint holds. No call at all, and
 * an endpoint is built only when the planner asks for it (most are settled by the state alone).
 */
export function liveFromState(endpoints: ReadonlyMap<string, StateEndpoint>): { live: LiveLookup; stats: RefreshStats } {
  const live: LiveLookup = {
    get: (key) => {
      const e = endpoints.get(key);
      return e === undefined ? undefined : { ...e.applied, Id: e.id };
    },
  };
  return { live, stats: { mode: 'state', readCalls: 0, durationMs: 0 } };
}

import type { EndpointProvider } from '../../providers/types.js';
import { fingerprintEndpoint } from '../plan/fingerprint.js';
import { idKey } from '../plan/plan-changes.js';
import { readLive } from '../plan/refresh.js';
import type { Change, Plan } from '../plan/types.js';

/**
 * The endpoints a saved plan changes that changed in Pinpoint since the plan read them: their
 * fingerprint (a hash of the endpoint as read) differs. Reads only those endpoints.
 */
export async function findStaleEndpoints(plan: Plan, provider: EndpointProvider, concurrency: number): Promise<string[]> {
  const fingerprints = plan.fingerprints ?? {};
  const changes = plan.changes.filter((c) => fingerprints[c.id] !== undefined);
  // Read as the plan read them: a create under a user was found absent from that user's list, and
  // is checked there again (a GetEndpoint could find it elsewhere, say without a user, and call
  // every such plan stale, though nothing changed); anything else is confirmed one by one.
  const targets = changes.map((c) => ({ id: c.id, userIds: userOf(c), inState: !(c.action === 'create' && userOf(c).length > 0) }));
  const { live } = await readLive(provider, targets, { concurrency });
  return changes.filter((c) => fingerprintEndpoint(live.get(idKey(c.id))) !== fingerprints[c.id]).map((c) => c.id);
}

function userOf(change: Change): string[] {
  // Where the endpoint was when planned: its fields' `before`, else where it is declared.
  const before = change.fields.find((f) => f.path === 'User.UserId')?.before;
  const declared = change.action === 'delete' ? undefined : change.declared.User?.UserId;
  return [...new Set([before, declared].filter((u): u is string => typeof u === 'string' && u !== ''))];
}

/** The plan without the given endpoints' changes (`--allow-stale`); summary counts follow. */
export function withoutChanges(plan: Plan, ids: readonly string[]): Plan {
  const drop = new Set(ids);
  const changes = plan.changes.filter((c) => !drop.has(c.id));
  const count = (a: Change['action']) => changes.filter((c) => c.action === a).length;
  return {
    ...plan,
    changes,
    summary: { ...plan.summary, create: count('create'), update: count('update'), replace: count('replace'), delete: count('delete'), drift: changes.filter((c) => c.fields.some((f) => f.drift)).length },
  };
}

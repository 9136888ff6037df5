import type { EndpointProvider } from '../../providers/types.js';
import { diffEndpoint } from '../plan/diff-endpoint.js';
import { idKey } from '../plan/plan-changes.js';
import { readLive, type ReadTarget } from '../plan/refresh.js';
import type { Change, FieldChange, Plan } from '../plan/types.js';
import { jsonEqual } from '../util/json-equal.js';
import type { ItemResult } from './apply-plan.js';

export type VerifyOutcome = 'applied' | 'not-visible' | 'mismatched';

export interface VerifyResult {
  readonly id: string;
  readonly outcome: VerifyOutcome;
  /** For mismatched endpoints: the declared fields Pinpoint holds otherwise. */
  readonly fields?: readonly FieldChange[];
}

export interface VerifyOptions {
  readonly timeoutMs: number;
  readonly intervalMs: number;
  readonly concurrency: number;
  readonly signal?: AbortSignal;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * Reads back every endpoint apply wrote, since Pinpoint answers 202 before it applies a write:
 * only a read proves it. Polls what does not match yet until the timeout, then reports each as
 * applied, not yet visible (absent, or still deleted-or-not as before), or mismatched.
 */
export async function verifyApply(plan: Plan, items: readonly ItemResult[], provider: EndpointProvider, options: VerifyOptions): Promise<VerifyResult[]> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const byId = new Map(plan.changes.map((c) => [c.id, c] as const));
  let pending: Change[] = items.filter((i) => i.outcome === 'applied').map((i) => byId.get(i.id)).filter((c): c is Change => c !== undefined);
  const done = new Map<string, VerifyResult>();
  const deadline = now() + options.timeoutMs;
  for (;;) {
    const targets: ReadTarget[] = pending.map((c) => ({ id: c.id, userIds: userOf(c), inState: true }));
    const { live } = await readLive(provider, targets, { concurrency: options.concurrency });
    const still: Change[] = [];
    for (const change of pending) {
      const result = check(change, live.get(idKey(change.id)));
      if (result.outcome === 'applied') done.set(change.id, result);
      else {
        still.push(change);
        done.set(change.id, result);
      }
    }
    pending = still;
    if (pending.length === 0 || now() + options.intervalMs > deadline || options.signal?.aborted) break;
    await sleep(options.intervalMs);
  }
  return [...done.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function userOf(change: Change): string[] {
  const userId = change.action === 'delete' ? undefined : change.declared.User?.UserId;
  return userId ? [userId] : [];
}

function check(change: Change, live: Parameters<typeof diffEndpoint>[2] | undefined): VerifyResult {
  if (change.action === 'delete') return { id: change.id, outcome: live === undefined ? 'applied' : 'not-visible' };
  if (live === undefined) return { id: change.id, outcome: 'not-visible' };
  const { changed } = diffEndpoint(change.declared, undefined, live);
  if (changed.length === 0) return { id: change.id, outcome: 'applied' };
  // Still exactly as before the write: the write has not become visible yet.
  const before = new Map(change.fields.map((f) => [f.path, f.before] as const));
  const unchangedSincePlan = changed.every((f) => before.has(f.path) && jsonEqual(before.get(f.path), f.before));
  return unchangedSincePlan ? { id: change.id, outcome: 'not-visible' } : { id: change.id, outcome: 'mismatched', fields: changed };
}

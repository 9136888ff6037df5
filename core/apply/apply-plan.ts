import { isProviderError, type EndpointItem, type EndpointProvider } from '../../providers/types.js';
import type { Change, Plan, ReplaceChange, UpsertChange } from '../plan/types.js';
import { toStateEndpoint } from '../state/state-endpoints.js';
import type { StateEndpoint } from '../state/types.js';
import { mapConcurrent } from '../util/pool.js';
import { isInterrupted } from '../calls/retry.js';
import { chunkItems } from './batches.js';

export type ItemOutcome = 'applied' | 'failed' | 'skipped';

export interface ItemResult {
  readonly id: string;
  readonly action: Change['action'];
  /** skipped: not attempted, because the run was interrupted first. */
  readonly outcome: ItemOutcome;
  readonly requestId?: string;
  /** Attempts of the request that carried it (more than 1 when it was retried). */
  readonly attempts?: number;
  readonly error?: string;
}

export interface ApplyCounts {
  readonly created: number;
  readonly updated: number;
  readonly replaced: number;
  readonly deleted: number;
  readonly failed: number;
  readonly skipped: number;
}

export interface ApplyResult {
  readonly items: readonly ItemResult[];
  readonly counts: ApplyCounts;
  readonly writeCalls: number;
  readonly deleteCalls: number;
  readonly durationMs: number;
}

/** Where confirmed changes go as soon as Pinpoint confirms them (the state, through its journal). */
export interface StateSink {
  record(change: { readonly set?: readonly StateEndpoint[]; readonly remove?: readonly string[] }): Promise<void>;
}

/** Told about progress as requests complete; cmd/ decides whether and how to show it. */
export interface ApplyReporter {
  progress(info: { readonly done: number; readonly total: number }): void;
}

export interface ApplyOptions {
  readonly concurrency: number;
  /** Once aborted, no request starts; those in flight finish and are recorded. */
  readonly signal?: AbortSignal;
  readonly state?: StateSink;
  readonly reporter?: ApplyReporter;
  readonly now?: () => number;
}

type Upsert = UpsertChange | ReplaceChange;

/**
 * Applies a plan: records what needs no call, deletes first (replaces too), then sends creates,
 * updates and the re-creates of replaces in UpdateEndpointsBatch requests of at most 100 items and
 * 7 MB. A request Pinpoint rejects as bad is split in halves until the bad items are isolated, so
 * every good endpoint still goes through. The state learns of each change once Pinpoint confirms it.
 */
export async function applyPlan(plan: Plan, connect: () => Promise<EndpointProvider>, options: ApplyOptions): Promise<ApplyResult> {
  const now = options.now ?? Date.now;
  const started = now();
  const state = options.state;
  const total = plan.changes.length;
  let done = 0;
  const tick = (n: number) => {
    done += n;
    options.reporter?.progress({ done, total });
  };

  await state?.record({
    set: plan.record.map((r) => toStateEndpoint(r.declared, r.protect)),
    remove: plan.notes.filter((n) => n.kind === 'no-longer-managed').map((n) => n.id),
  });
  if (plan.changes.length === 0) {
    return { items: [], counts: { created: 0, updated: 0, replaced: 0, deleted: 0, failed: 0, skipped: 0 }, writeCalls: 0, deleteCalls: 0, durationMs: now() - started };
  }
  // Connected only now: a plan that only records state makes no call at all.
  const provider = await connect();
  const before = provider.stats();

  const deletions = plan.changes.filter((c) => c.action === 'delete' || c.action === 'replace');
  const deleted = await mapConcurrent(
    deletions,
    options.concurrency,
    async (change) => {
      const result = await deleteOne(provider, change);
      if (result.outcome === 'applied' && change.action === 'delete') await state?.record({ remove: [change.id] });
      if (change.action === 'delete' || result.outcome !== 'applied') tick(1);
      return result;
    },
    options.signal,
  );
  const deleteResults = deleted.map((r, i) => r ?? skipped(deletions[i] as Change));
  // A replace whose delete did not happen must not create: the endpoint would keep its old fields.
  const notDeleted = new Set(deleteResults.filter((r) => r.outcome !== 'applied' && r.action === 'replace').map((r) => r.id));

  const upserts = plan.changes.filter((c): c is Upsert => (c.action === 'create' || c.action === 'update' || c.action === 'replace') && !notDeleted.has(c.id));
  const byId = new Map(upserts.map((c) => [c.item.Id, c] as const));
  const batches = chunkItems(upserts.map((c) => c.item));
  const sent = await mapConcurrent(
    batches,
    options.concurrency,
    async (batch) => {
      const results = await sendIsolating(provider, batch, byId);
      const applied = results.filter((r) => r.outcome === 'applied').map((r) => byId.get(r.id) as Upsert);
      await state?.record({ set: applied.map((c) => toStateEndpoint(c.declared, c.protect)) });
      tick(batch.length);
      return results;
    },
    options.signal,
  );
  const upsertResults = sent.flatMap((r, i) => r ?? (batches[i] ?? []).map((item) => skipped(byId.get(item.Id) as Change)));

  const items = [...deleteResults.filter((r) => r.action === 'delete' || r.outcome !== 'applied'), ...upsertResults];
  const ok = (action: Change['action']) => items.filter((r) => r.action === action && r.outcome === 'applied').length;
  const after = provider.stats();
  return {
    items,
    counts: {
      created: ok('create'),
      updated: ok('update'),
      replaced: ok('replace'),
      deleted: ok('delete'),
      failed: items.filter((r) => r.outcome === 'failed').length,
      skipped: items.filter((r) => r.outcome === 'skipped').length,
    },
    writeCalls: after.writeCalls - before.writeCalls,
    deleteCalls: after.deleteCalls - before.deleteCalls,
    durationMs: now() - started,
  };
}

function skipped(change: Change): ItemResult {
  return { id: change.id, action: change.action, outcome: 'skipped' };
}

async function deleteOne(provider: EndpointProvider, change: Change): Promise<ItemResult> {
  try {
    // Already gone counts as deleted: the plan's intent holds.
    await provider.deleteEndpoint(change.id);
    return { id: change.id, action: change.action, outcome: 'applied' };
  } catch (error) {
    if (isInterrupted(error)) return skipped(change);
    if (!isProviderError(error) || error.kind === 'config') throw error;
    return { id: change.id, action: change.action, outcome: 'failed', requestId: error.requestId, error: error.message };
  }
}

async function sendIsolating(provider: EndpointProvider, batch: readonly EndpointItem[], byId: ReadonlyMap<string, Upsert>): Promise<ItemResult[]> {
  const action = (item: EndpointItem) => byId.get(item.Id)?.action ?? 'update';
  try {
    const { requestId, attempts } = await provider.writeBatch(batch);
    return batch.map((item) => ({ id: item.Id, action: action(item), outcome: 'applied', requestId, attempts }));
  } catch (error) {
    if (isInterrupted(error)) return batch.map((item) => ({ id: item.Id, action: action(item), outcome: 'skipped' }));
    // Only Pinpoint's answers are per-request results; anything else (no credentials, a bug)
    // means no request can succeed, so it ends the run.
    if (!isProviderError(error) || error.kind === 'config') throw error;
    if ((error.kind === 'bad-request' || error.kind === 'payload-too-large') && batch.length > 1) {
      // Pinpoint rejects a whole batch for one bad item: halve until the bad ones stand alone.
      const middle = Math.ceil(batch.length / 2);
      const first = await sendIsolating(provider, batch.slice(0, middle), byId);
      const second = await sendIsolating(provider, batch.slice(middle), byId);
      return [...first, ...second];
    }
    return batch.map((item) => ({ id: item.Id, action: action(item), outcome: 'failed', requestId: error.requestId, error: error.message }));
  }
}

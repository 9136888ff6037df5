import { isProviderError, type EndpointItem, type EndpointProvider } from '../../providers/types.js';
import type { Plan, UpsertChange } from '../plan/types.js';
import { mapConcurrent } from '../util/pool.js';
import type { RateLimiter } from '../util/rate-limiter.js';
import { chunkItems } from './batches.js';

export type ItemOutcome = 'applied' | 'failed';

export interface ItemResult {
  readonly id: string;
  readonly action: UpsertChange['action'];
  readonly outcome: ItemOutcome;
  readonly requestId?: string;
  readonly error?: string;
}

export interface ApplyResult {
  readonly items: readonly ItemResult[];
  readonly counts: { readonly created: number; readonly updated: number; readonly replaced: number; readonly deleted: number; readonly failed: number };
  readonly writeCalls: number;
  readonly durationMs: number;
}

/** Told about progress as batches complete; cmd/ decides whether and how to show it. */
export interface ApplyReporter {
  batchDone(info: { readonly index: number; readonly total: number; readonly items: number; readonly ok: boolean }): void;
}

export interface ApplyOptions {
  readonly concurrency: number;
  readonly limiter: RateLimiter;
  readonly reporter?: ApplyReporter;
  readonly now?: () => number;
}

/**
 * Sends the plan's creates and updates in UpdateEndpointsBatch requests of at most 100 items
 * and 7 MB. Nothing unchanged is in a plan, so nothing unchanged is sent. A failed request
 * fails its items and the others still go through; the result says which is which.
 */
export async function applyPlan(plan: Plan, provider: EndpointProvider, options: ApplyOptions): Promise<ApplyResult> {
  const now = options.now ?? Date.now;
  const started = now();
  const upserts = plan.changes.filter((c): c is UpsertChange => c.action === 'create' || c.action === 'update');
  const actionById = new Map(upserts.map((c) => [c.item.Id, c.action] as const));
  const batches = chunkItems(upserts.map((c) => c.item));
  const before = provider.stats().writeCalls;

  const perBatch = await mapConcurrent(batches, options.concurrency, async (batch, index) => {
    await options.limiter.acquire();
    const results = await sendBatch(provider, batch, actionById);
    options.reporter?.batchDone({ index, total: batches.length, items: batch.length, ok: results.every((r) => r.outcome === 'applied') });
    return results;
  });
  const items = perBatch.flat();
  const ok = (action: ItemResult['action']): number => items.filter((r) => r.action === action && r.outcome === 'applied').length;
  return {
    items,
    counts: {
      created: ok('create'),
      updated: ok('update'),
      replaced: 0,
      deleted: 0,
      failed: items.filter((r) => r.outcome === 'failed').length,
    },
    writeCalls: provider.stats().writeCalls - before,
    durationMs: now() - started,
  };
}

async function sendBatch(
  provider: EndpointProvider,
  batch: readonly EndpointItem[],
  actionById: ReadonlyMap<string, UpsertChange['action']>,
): Promise<ItemResult[]> {
  const action = (item: EndpointItem): UpsertChange['action'] => actionById.get(item.Id) ?? 'update';
  try {
    const { requestId } = await provider.writeBatch(batch);
    return batch.map((item) => ({ id: item.Id, action: action(item), outcome: 'applied', requestId }));
  } catch (error) {
    // Only Pinpoint's answers are per-request results; anything else (no credentials, a bug)
    // means no request can succeed, so it ends the run.
    if (!isProviderError(error) || error.kind === 'config') throw error;
    return batch.map((item) => ({
      id: item.Id,
      action: action(item),
      outcome: 'failed',
      requestId: error.requestId,
      error: error.message,
    }));
  }
}

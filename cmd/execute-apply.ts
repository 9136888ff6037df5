import { applyPlan, verifyApply, type ApplyResult, type VerifyResult } from '../core/apply/index.js';
import type { Plan } from '../core/plan/index.js';
import { acquireLock, currentLockInfo, releaseLockSync, type StateStore } from '../core/state/index.js';
import { isInterrupted } from '../core/calls/retry.js';
import { ExitCode } from './errors.js';
import type { Io } from './io.js';
import { lazyProvider, type CallOptions, type ConnectionOptions, type LazyProvider } from './provider.js';
import { createProgress, type Progress } from './progress.js';
import { renderApplyJson, renderApplyText, renderVerifyText } from './render-apply.js';
import { interruptedExitCode, interruptOnSignals } from './signals.js';

/** What an apply runs with: see withApplyRun. */
export interface ApplyRun {
  readonly signal: AbortSignal;
  readonly progress: Progress;
  readonly provider: LazyProvider;
}

/**
 * The frame of every apply: the state's lock, the signals (a second one drops the lock as the
 * process exits), the progress display and the paced provider, all released when `body` ends.
 */
export async function withApplyRun<T>(
  statePath: string,
  applicationId: string,
  options: ConnectionOptions & Omit<CallOptions, 'signal' | 'onRetry'>,
  io: Io,
  body: (run: ApplyRun) => Promise<T>,
): Promise<T> {
  const release = await acquireLock(statePath, currentLockInfo('pinsync apply'));
  const interrupt = interruptOnSignals(io, () => releaseLockSync(statePath));
  const progress = createProgress(io);
  const provider = lazyProvider(applicationId, { ...options, signal: interrupt.signal, onRetry: () => progress.retried() }, io.cwd);
  try {
    return await body({ signal: interrupt.signal, progress, provider });
  } finally {
    interrupt.dispose();
    await provider.close();
    await release();
  }
}

export interface ExecuteOptions {
  readonly concurrency: number;
  readonly format: 'text' | 'json' | 'markdown';
  readonly verify?: boolean;
  readonly verifyTimeout: number;
  readonly signal: AbortSignal;
  readonly progress: Progress;
  /** What to run to finish after an interruption (default: apply again). */
  readonly resumeHint?: string;
}

/**
 * Applies a plan that was shown and approved, recording each confirmed request in the state, then
 * commits the state, verifies when asked, and reports. An interrupted run still commits what was
 * confirmed and says what was not done.
 */
export async function executeApply(plan: Plan, provider: LazyProvider, store: StateStore, io: Io, options: ExecuteOptions): Promise<void> {
  let result: ApplyResult;
  try {
    result = await applyPlan(plan, provider.get, {
      concurrency: options.concurrency,
      signal: options.signal,
      state: { record: (change) => store.record(plan.applicationId, change) },
      reporter: { progress: ({ done, total }) => options.progress.update(done, total) },
    });
  } finally {
    options.progress.finish();
    await store.commit();
  }
  let verified: VerifyResult[] | undefined;
  if (options.verify && !options.signal.aborted && result.items.some((i) => i.outcome === 'applied')) {
    try {
      verified = await verifyApply(plan, result.items, await provider.get(), {
        timeoutMs: options.verifyTimeout * 1000,
        intervalMs: 1000,
        concurrency: options.concurrency,
        signal: options.signal,
      });
    } catch (error) {
      // Interrupted while reading back: the writes are done and recorded; the report below says so.
      if (!isInterrupted(error)) throw error;
    }
  }
  const retries = (await provider.get().catch(() => undefined))?.stats().retries ?? 0;
  if (options.format === 'json') io.out(renderApplyJson(plan, result, retries, verified));
  else {
    if (verified !== undefined) io.out(renderVerifyText(verified));
    io.out(renderApplyText(result, retries, options.signal.aborted));
  }
  if (options.signal.aborted) {
    const c = result.counts;
    const done = c.created + c.updated + c.replaced + c.deleted;
    io.err(
      `Interrupted: ${done} of ${result.items.length} changes applied and recorded in the state; ${c.skipped} not confirmed (not started, or cut short while being retried)` +
        (c.failed > 0 ? `, ${c.failed} failed` : '') +
        `. ${options.resumeHint ?? 'Run apply again to finish.'}\n`,
    );
    throw new ExitCode(interruptedExitCode(options.signal));
  }
  if (result.counts.failed > 0 || verified?.some((v) => v.outcome === 'mismatched')) throw new ExitCode(1);
}

import { readFile, stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { findStaleEndpoints, withoutChanges } from '../../core/apply/index.js';
import { parsePlanFile, type Plan } from '../../core/plan/index.js';
import { renderPlan } from '../../core/render/index.js';
import { acquireLock, currentLockInfo, StateStore } from '../../core/state/index.js';
import { ExitCode, UserError } from '../errors.js';
import { executeApply } from '../execute-apply.js';
import { styleFor, type Io } from '../io.js';
import { createProgress } from '../progress.js';
import { lazyProvider } from '../provider.js';
import { interruptOnSignals } from '../signals.js';
import type { ApplyArgs } from './apply.js';

/** A plan file given to apply: one `.json` path whose content is a pinsync plan. */
export async function readSavedPlan(paths: readonly string[], io: Io): Promise<{ plan: Plan; file: string } | undefined> {
  if (paths.length !== 1 || !(paths[0] as string).endsWith('.json')) return undefined;
  const file = resolve(io.cwd, paths[0] as string);
  if (!(await stat(file).then((s) => s.isFile(), () => false))) return undefined;
  const text = await readFile(file, 'utf8');
  if (!/"formatVersion"\s*:/.test(text.slice(0, 200))) return undefined;
  const parsed = parsePlanFile(text, paths[0] as string);
  if (!parsed.ok) throw new UserError(parsed.message);
  return { plan: parsed.plan, file };
}

/**
 * Applies a saved plan exactly as reviewed: nothing is re-planned. It is refused when it was made
 * against another state or the state moved on, and when an endpoint it changes changed in
 * Pinpoint since (naming them; `--allow-stale` applies the rest).
 */
export async function applySavedPlan(saved: { plan: Plan; file: string }, args: ApplyArgs, io: Io): Promise<void> {
  let plan = saved.plan;
  if (args.appId !== undefined && args.appId !== plan.applicationId) {
    throw new UserError(`the plan is for application ${plan.applicationId}, not ${args.appId}`);
  }
  const statePath = resolve(io.cwd, args.state ?? plan.state?.path ?? 'pinsync.state.json');
  const release = await acquireLock(statePath, currentLockInfo('pinsync apply'));
  const interrupt = interruptOnSignals(io);
  const progress = createProgress(io);
  const provider = lazyProvider(plan.applicationId, { ...args, signal: interrupt.signal, onRetry: () => progress.retried() }, io.cwd);
  try {
    const store = await StateStore.open(statePath);
    const stale: string[] = [];
    if (plan.state !== undefined) {
      if (store.stateLineage !== plan.state.lineage && plan.state.serial > 0) {
        throw new UserError(`the plan was made against another state file (lineage ${plan.state.lineage}), not ${relative(io.cwd, statePath)}; pass the right one with --state`);
      }
      if (store.stateSerial !== plan.state.serial && !args.allowStale) {
        throw new UserError(`the state changed since the plan was made (serial ${plan.state.serial}, now ${store.stateSerial}): another apply ran; make a new plan`);
      }
    }
    if (plan.changes.length > 0 && plan.fingerprints !== undefined) {
      stale.push(...(await findStaleEndpoints(plan, await provider.get(), args.concurrency)));
    }
    if (stale.length > 0 && !args.allowStale) {
      io.out(await renderPlan(plan, 'text', { style: styleFor(io, args.color), stale }));
      throw new UserError(
        `the plan is stale: ${stale.length} ${stale.length === 1 ? 'endpoint' : 'endpoints'} changed in Pinpoint since it was made (${stale.slice(0, 10).join(', ')}${stale.length > 10 ? ', ...' : ''}); nothing was sent. Make a new plan, or pass --allow-stale to apply the rest`,
      );
    }
    if (stale.length > 0) {
      io.err(`Skipping ${stale.length} stale ${stale.length === 1 ? 'endpoint' : 'endpoints'} (--allow-stale): ${stale.join(', ')}\n`);
      plan = withoutChanges(plan, stale);
    }
    if (plan.safety.length > 0 && !args.force) {
      io.out(await renderPlan(plan, 'text', { style: styleFor(io, args.color) }));
      io.err('\nApply refused: the plan breaks a safety check (listed above); nothing was sent. Pass --force to apply anyway.\n');
      throw new ExitCode(1);
    }
    if (args.format !== 'json') io.out(`Applying the saved plan ${relative(io.cwd, saved.file)} (${plan.changes.length} changes).\n`);
    await executeApply(plan, provider, store, io, { ...args, signal: interrupt.signal, progress });
  } finally {
    interrupt.dispose();
    await provider.close();
    await release();
  }
}

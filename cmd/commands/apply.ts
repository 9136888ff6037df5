import { createInterface } from 'node:readline/promises';
import { renderPlan } from '../../core/render/index.js';
import { StateStore } from '../../core/state/index.js';
import { ExitCode, UserError } from '../errors.js';
import { executeApply, withApplyRun } from '../execute-apply.js';
import { styleFor, type Io } from '../io.js';
import { loadOrExit, resolveApplicationId } from '../load.js';
import { makePlan } from '../make-plan.js';
import type { CommonArgs, PlanningArgs } from '../options.js';
import { beforeWrites } from '../signals.js';
import { resolveStatePath } from '../state-path.js';
import { applySavedPlan, readSavedPlan } from './apply-saved.js';

export interface ApplyArgs extends CommonArgs, PlanningArgs {
  autoApprove?: boolean;
  force?: boolean;
  allowStale?: boolean;
  verify?: boolean;
  verifyTimeout: number;
}

/** `pinsync apply`: a saved plan as reviewed, or plan the manifest under the lock, approve, apply. */
export async function runApply(args: ApplyArgs, io: Io): Promise<void> {
  const saved = await readSavedPlan(args.paths, io);
  if (saved !== undefined) return applySavedPlan(saved, args, io);

  const manifest = await loadOrExit(args.paths, io, 'apply');
  const applicationId = resolveApplicationId(args.appId, io, manifest);
  // Decided before any call: a run that cannot be approved must not read or send anything.
  if (!args.autoApprove && !io.stdinIsTTY) {
    throw new UserError(
      'apply needs approval and there is no terminal to ask on: review the plan with `pinsync plan`, then run `pinsync apply --auto-approve` (or apply a saved plan file)',
    );
  }
  const statePath = await resolveStatePath(args.state, args.paths, args.local, io.cwd);
  await withApplyRun(statePath, applicationId, args, io, async ({ signal, progress, provider }) => {
    // Read under the lock, just before planning: a digest worker would start too late to be ahead of
    // the planner (plan reads the state while it reads the manifest; see stateLoadOptions).
    const store = await StateStore.open(statePath);
    const plan = await beforeWrites(signal, io, () => makePlan(manifest, applicationId, store.endpointsOf(applicationId), provider.get, args));
    if (args.format !== 'json') io.out(await renderPlan(plan, 'text', { style: styleFor(io, args.color) }));
    if (plan.safety.length > 0 && !args.force) {
      io.err(`\nApply refused: the plan breaks ${plan.safety.length === 1 ? 'a safety check' : `${plan.safety.length} safety checks`} (listed above); nothing was sent. Pass --force to apply anyway.\n`);
      throw new ExitCode(1);
    }
    if (plan.changes.length > 0 && !args.autoApprove && !(await confirm(io, (await provider.get()).description))) {
      io.err('Apply cancelled; nothing was sent.\n');
      throw new ExitCode(1);
    }
    await executeApply(plan, provider, store, io, { ...args, signal, progress });
  });
}

async function confirm(io: Io, target: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    io.err(`\nDo you want to apply these changes to ${target}?\n  Only 'yes' will be accepted to approve.\n\n`);
    // Ctrl-C at the prompt (readline's AbortError) answers no.
    const answer = await rl.question('  Enter a value: ').catch((error: unknown) => {
      if ((error as Error).name === 'AbortError') return '';
      throw error;
    });
    return answer.trim() === 'yes';
  } finally {
    rl.close();
  }
}

import { createInterface } from 'node:readline/promises';
import { applyPlan, type ApplyResult } from '../../core/apply/index.js';
import type { Plan } from '../../core/plan/index.js';
import { renderPlan } from '../../core/render/index.js';
import { acquireLock, currentLockInfo, StateStore } from '../../core/state/index.js';
import { createRateLimiter } from '../../core/util/rate-limiter.js';
import { ExitCode, UserError } from '../errors.js';
import { styleFor, type Io } from '../io.js';
import { loadOrExit, resolveApplicationId } from '../load.js';
import { makePlan } from '../make-plan.js';
import type { CommonArgs, PlanningArgs } from '../options.js';
import { lazyProvider } from '../provider.js';
import { resolveStatePath } from '../state-path.js';

export interface ApplyArgs extends CommonArgs, PlanningArgs {
  autoApprove?: boolean;
  force?: boolean;
}

/** `pinsync apply`: plan under the state lock, ask for approval, apply, record in the state. */
export async function runApply(args: ApplyArgs, io: Io): Promise<void> {
  const manifest = await loadOrExit(args.paths, io, 'apply');
  const applicationId = resolveApplicationId(args.appId, io, manifest);
  // Decided before any call: a run that cannot be approved must not read or send anything.
  if (!args.autoApprove && !io.stdinIsTTY) {
    throw new UserError(
      'apply needs approval and there is no terminal to ask on: review the plan with `pinsync plan`, then run `pinsync apply --auto-approve`',
    );
  }
  const statePath = await resolveStatePath(args.state, args.paths, args.local, io.cwd);
  const release = await acquireLock(statePath, currentLockInfo('pinsync apply'));
  const provider = lazyProvider(applicationId, args, io.cwd);
  try {
    const store = await StateStore.open(statePath);
    const limiter = createRateLimiter(args.maxRps);
    const plan = await makePlan(manifest, applicationId, store.state, provider.get, args, limiter);
    const style = styleFor(io, args.color);
    if (args.format === 'text') io.out(renderPlan(plan, 'text', { style }));
    if (plan.safety.length > 0 && !args.force) {
      io.err(`\nApply refused: the plan breaks ${plan.safety.length === 1 ? 'a safety check' : `${plan.safety.length} safety checks`} (listed above); nothing was sent. Pass --force to apply anyway.\n`);
      throw new ExitCode(1);
    }
    const needsCalls = plan.changes.length > 0;
    if (needsCalls && !args.autoApprove && !(await confirm(io, (await provider.get()).description))) {
      io.err('Apply cancelled; nothing was sent.\n');
      throw new ExitCode(1);
    }
    const result = await applyPlan(plan, provider.get, {
      concurrency: args.concurrency,
      limiter,
      state: { record: (change) => store.record(applicationId, change) },
    });
    await store.commit();
    io.out(args.format === 'json' ? renderApplyJson(plan, result) : renderApplyText(result));
    if (result.counts.failed > 0) throw new ExitCode(1);
  } finally {
    await provider.close();
    await release();
  }
}

async function confirm(io: Io, target: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    io.err(`\nDo you want to apply these changes to ${target}?\n  Only 'yes' will be accepted to approve.\n\n`);
    const answer = await rl.question('  Enter a value: ');
    return answer.trim() === 'yes';
  } finally {
    rl.close();
  }
}

function renderApplyText(result: ApplyResult): string {
  const lines: string[] = [];
  for (const item of result.items) {
    if (item.outcome === 'failed') lines.push(`Failed: ${item.id} (${item.action}): ${item.error ?? 'unknown error'}`);
  }
  const c = result.counts;
  lines.push(`Apply complete: ${c.created} created, ${c.updated} updated, ${c.replaced} replaced, ${c.deleted} deleted, ${c.failed} failed.`);
  return lines.join('\n') + '\n';
}

function renderApplyJson(plan: Plan, result: ApplyResult): string {
  return (
    JSON.stringify(
      {
        applicationId: plan.applicationId,
        counts: result.counts,
        writeCalls: result.writeCalls,
        deleteCalls: result.deleteCalls,
        durationMs: result.durationMs,
        items: result.items,
      },
      null,
      2,
    ) + '\n'
  );
}

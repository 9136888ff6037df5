import { createInterface } from 'node:readline/promises';
import { applyPlan, type ApplyResult } from '../../core/apply/index.js';
import { renderPlanJson, renderPlanText } from '../../core/render/index.js';
import { createRateLimiter } from '../../core/util/rate-limiter.js';
import { ExitCode, UserError } from '../errors.js';
import { styleFor, type Io } from '../io.js';
import { loadOrExit, resolveApplicationId } from '../load.js';
import { makePlan } from '../make-plan.js';
import type { CommonArgs } from '../options.js';
import { openProvider } from '../provider.js';

export interface ApplyArgs extends CommonArgs {
  autoApprove?: boolean;
}

/** `pinsync apply`: plan, ask for approval, send only the created and changed endpoints. */
export async function runApply(args: ApplyArgs, io: Io): Promise<void> {
  const manifest = await loadOrExit(args.paths, io, 'apply');
  const applicationId = resolveApplicationId(args.appId, io, manifest);
  // Decided before any call: a run that cannot be approved must not read or send anything.
  if (!args.autoApprove && !io.stdinIsTTY) {
    throw new UserError(
      'apply needs approval and there is no terminal to ask on: review the plan with `pinsync plan`, then run `pinsync apply --auto-approve`',
    );
  }
  const provider = await openProvider(applicationId, args, io.cwd);
  try {
    const limiter = createRateLimiter(args.maxRps);
    const plan = await makePlan(manifest, applicationId, provider, { concurrency: args.concurrency, limiter });
    const style = styleFor(io, args.color);
    if (args.format === 'text') io.out(renderPlanText(plan, style));
    if (plan.changes.length === 0) {
      if (args.format === 'json') io.out(renderPlanJson(plan));
      return;
    }
    if (!args.autoApprove && !(await confirm(io, provider.description))) {
      io.err('Apply cancelled; nothing was sent.\n');
      throw new ExitCode(1);
    }
    const result = await applyPlan(plan, provider, { concurrency: 1, limiter });
    if (args.format === 'json') io.out(renderApplyJson(result));
    else io.out(renderApplyText(result));
    if (result.counts.failed > 0) throw new ExitCode(1);
  } finally {
    await provider.close();
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
  lines.push(
    `Apply complete: ${c.created} created, ${c.updated} updated, ${c.replaced} replaced, ${c.deleted} deleted, ${c.failed} failed.`,
  );
  return lines.join('\n') + '\n';
}

function renderApplyJson(result: ApplyResult): string {
  return JSON.stringify({ counts: result.counts, writeCalls: result.writeCalls, durationMs: result.durationMs, items: result.items }, null, 2) + '\n';
}

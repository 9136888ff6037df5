import { renderPlanJson, renderPlanText } from '../../core/render/index.js';
import { createRateLimiter } from '../../core/util/rate-limiter.js';
import { ExitCode } from '../errors.js';
import { styleFor, type Io } from '../io.js';
import { loadOrExit, resolveApplicationId } from '../load.js';
import { makePlan } from '../make-plan.js';
import type { CommonArgs } from '../options.js';
import { openProvider } from '../provider.js';

export interface PlanArgs extends CommonArgs {
  detailedExitcode?: boolean;
}

/** `pinsync plan`: read, compare, print. Makes no write call. */
export async function runPlan(args: PlanArgs, io: Io): Promise<void> {
  const manifest = await loadOrExit(args.paths, io, 'plan');
  const applicationId = resolveApplicationId(args.appId, io, manifest);
  const provider = await openProvider(applicationId, args, io.cwd);
  try {
    const plan = await makePlan(manifest, applicationId, provider, {
      concurrency: args.concurrency,
      limiter: createRateLimiter(args.maxRps),
    });
    io.out(args.format === 'json' ? renderPlanJson(plan) : renderPlanText(plan, styleFor(io, args.color)));
    if (args.detailedExitcode && plan.changes.length > 0) throw new ExitCode(2);
  } finally {
    await provider.close();
  }
}

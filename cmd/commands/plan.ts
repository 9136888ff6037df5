import { renderPlan } from '../../core/render/index.js';
import { StateStore } from '../../core/state/index.js';
import { createRateLimiter } from '../../core/util/rate-limiter.js';
import { ExitCode } from '../errors.js';
import { styleFor, type Io } from '../io.js';
import { loadOrExit, resolveApplicationId } from '../load.js';
import { makePlan } from '../make-plan.js';
import type { CommonArgs, PlanningArgs } from '../options.js';
import { lazyProvider } from '../provider.js';
import { resolveStatePath } from '../state-path.js';

export interface PlanArgs extends CommonArgs, PlanningArgs {
  detailedExitcode?: boolean;
}

/** `pinsync plan`: read, compare, print. Makes no write call and takes no lock. */
export async function runPlan(args: PlanArgs, io: Io): Promise<void> {
  const manifest = await loadOrExit(args.paths, io, 'plan');
  const applicationId = resolveApplicationId(args.appId, io, manifest);
  const statePath = await resolveStatePath(args.state, args.paths, args.local, io.cwd);
  const { state } = await StateStore.open(statePath);
  const provider = lazyProvider(applicationId, args, io.cwd);
  try {
    const plan = await makePlan(manifest, applicationId, state, provider.get, args, createRateLimiter(args.maxRps));
    io.out(renderPlan(plan, args.format, { style: styleFor(io, args.color) }));
    if (args.detailedExitcode && plan.changes.length > 0) throw new ExitCode(2);
  } finally {
    await provider.close();
  }
}

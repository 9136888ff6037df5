import { relative, resolve } from 'node:path';
import { redactionFrom, renderPlan, renderPlanJson } from '../../core/render/index.js';
import { StateStore, writeFileAtomic, type StateLoadOptions } from '../../core/state/index.js';
import { ExitCode, UserError } from '../errors.js';
import { styleFor, type Io } from '../io.js';
import { alongside, loadOrExit, resolveApplicationId } from '../load.js';
import { makePlan, stateLoadOptions } from '../make-plan.js';
import type { CommonArgs, PlanningArgs, RedactArgs } from '../options.js';
import { connectionTarget, lazyProvider } from '../provider.js';
import { resolveStatePath } from '../state-path.js';

export interface PlanArgs extends CommonArgs, PlanningArgs, RedactArgs {
  detailedExitcode?: boolean;
  out?: string;
}

/** `pinsync plan`: read, compare, print. Makes no write call and takes no lock. */
export async function runPlan(args: PlanArgs, io: Io): Promise<void> {
  // A plan from the state reads it while the manifest is read, so that a worker digests its entries
  // meanwhile (see core/state/state-digests.ts).
  const loadOptions = stateLoadOptions(args);
  const loaded = await alongside(
    loadOptions.digests ? (signal) => openState(args, io, { ...loadOptions, signal }) : undefined,
    async () => {
      const manifest = await loadOrExit(args.paths, io, 'plan');
      return { manifest, applicationId: resolveApplicationId(args.appId, io, manifest) };
    },
  );
  const { manifest, applicationId } = loaded.first;
  const { statePath, store } = await (loaded.early ?? openState(args, io, loadOptions));
  const provider = lazyProvider(applicationId, args, io.cwd);
  try {
    let plan = await makePlan(manifest, applicationId, store.endpointsOf(applicationId), provider.get, args);
    if (args.out !== undefined) {
      // Bound to the state it was made against, so applying it later can tell if that moved on.
      // And to where its calls went: applying it against another Pinpoint is refused.
      plan = {
        ...plan,
        state: { path: relative(io.cwd, statePath), lineage: store.stateLineage, serial: store.stateSerial },
        target: connectionTarget(args, io.env),
      };
      try {
        await writeFileAtomic(resolve(io.cwd, args.out), renderPlanJson(plan), 0o600);
      } catch (error) {
        throw new UserError(`cannot save the plan to ${args.out}: ${(error as Error).message}`);
      }
    }
    io.out(await renderPlan(plan, args.format, { style: styleFor(io, args.color), redact: redactionFrom(args.redact, args.redactAttribute), planFile: args.out }));
    if (args.out !== undefined && args.format === 'text') io.out(`\nSaved the plan to ${args.out}; apply exactly this plan with \`pinsync apply ${args.out}\`.\n`);
    if (args.detailedExitcode && plan.changes.length > 0) throw new ExitCode(2);
  } finally {
    await provider.close();
  }
}

async function openState(args: PlanArgs, io: Io, options: StateLoadOptions): Promise<{ statePath: string; store: StateStore }> {
  const statePath = await resolveStatePath(args.state, args.paths, args.local, io.cwd);
  return { statePath, store: await StateStore.open(statePath, options) };
}

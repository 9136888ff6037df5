import { readFile, stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { findStaleEndpoints, withoutChanges } from '../../core/apply/index.js';
import { parsePlanFile, startsLikePlan, type Plan } from '../../core/plan/index.js';
import { renderPlan } from '../../core/render/index.js';
import { StateStore } from '../../core/state/index.js';
import { ExitCode, UserError } from '../errors.js';
import { executeApply, withApplyRun } from '../execute-apply.js';
import { styleFor, type Io } from '../io.js';
import { connectionTarget } from '../provider.js';
import { beforeWrites } from '../signals.js';
import type { ApplyArgs } from './apply.js';

/**
 * A plan file given to apply: one file (any name but a YAML one: plans are saved with `--out
 * FILE`) whose content is a pinsync plan, told from a JSON manifest by its top-level members.
 */
export async function readSavedPlan(paths: readonly string[], io: Io): Promise<{ plan: Plan; file: string } | undefined> {
  // A YAML file is a manifest (and is left unread here: large ones are read once, by the loader).
  if (paths.length !== 1 || /\.ya?ml$/i.test(paths[0] as string)) return undefined;
  const file = resolve(io.cwd, paths[0] as string);
  if (!(await stat(file).then((s) => s.isFile(), () => false))) return undefined;
  const text = await readFile(file, 'utf8');
  if (!looksLikePlan(text)) return undefined;
  const parsed = parsePlanFile(text, paths[0] as string);
  if (!parsed.ok) throw new UserError(parsed.message);
  return { plan: parsed.plan, file };
}

function looksLikePlan(text: string): boolean {
  if (!text.includes('"formatVersion"')) return false;
  // Written by `plan --out` with formatVersion first; anything else (re-serialised, truncated) is
  // settled by reading it: a truncated plan is still named as one when its start says so.
  if (startsLikePlan(text)) return true;
  try {
    const data = JSON.parse(text) as unknown;
    return typeof data === 'object' && data !== null && 'formatVersion' in data && 'changes' in data;
  } catch {
    return false;
  }
}

/** Flags that shape a plan: a saved plan is applied as it was reviewed, so they are refused with it. */
const PLANNING_FLAGS: readonly [keyof ApplyArgs, string][] = [
  ['target', '--target'],
  ['exclude', '--exclude'],
  ['prune', '--prune'],
  ['replaceOnRemoval', '--replace-on-removal'],
  ['maxDeletePercent', '--max-delete-percent'],
  ['safetyMinManaged', '--safety-min-managed'],
  ['allowResubscribe', '--allow-resubscribe'],
];

/**
 * Applies a saved plan exactly as reviewed: nothing is re-planned. It is refused when it was made
 * against another state or the state moved on, and when an endpoint it changes changed in
 * Pinpoint since (naming them; `--allow-stale` applies the rest).
 */
export async function applySavedPlan(saved: { plan: Plan; file: string }, args: ApplyArgs, io: Io): Promise<void> {
  let plan = saved.plan;
  const name = relative(io.cwd, saved.file);
  const given = PLANNING_FLAGS.filter(([key]) => args[key] !== undefined && args[key] !== false).map(([, flag]) => flag);
  if (given.length > 0) {
    throw new UserError(`${given.join(', ')} ${given.length === 1 ? 'shapes' : 'shape'} a plan, and ${name} is applied exactly as it was reviewed: pass ${given.length === 1 ? 'it' : 'them'} to \`pinsync plan\` and save a new plan`);
  }
  const appId = args.appId ?? io.env['PINSYNC_APP_ID'];
  if (appId !== undefined && appId !== '' && appId !== plan.applicationId) {
    throw new UserError(`the plan is for application ${plan.applicationId}, not ${appId} (${args.appId !== undefined ? '--app-id' : 'PINSYNC_APP_ID'})`);
  }
  if (plan.state === undefined) {
    throw new UserError(`${name} is not bound to a state file (\`pinsync plan --format json\` prints plans for reading): save a plan to apply with \`pinsync plan --out FILE\``);
  }
  const target = connectionTarget(args, io.env);
  if (plan.target !== undefined && plan.target !== target) {
    throw new UserError(
      `${name} was made against ${describeTarget(plan.target)}, and this apply would write to ${describeTarget(target)}; nothing was sent. ` +
        'Apply it with the same --local, --endpoint-url, --region and --profile (and AWS_ environment) as the plan, or make a new plan for this target',
    );
  }
  const bound = plan.state;
  const statePath = resolve(io.cwd, args.state ?? bound.path);
  await withApplyRun(statePath, plan.applicationId, args, io, async ({ signal, progress, provider }) => {
    const store = await StateStore.open(statePath);
    const stale: string[] = [];
    if (store.stateLineage !== bound.lineage && bound.serial > 0) {
      throw new UserError(`the plan was made against another state file (lineage ${bound.lineage}), not ${relative(io.cwd, statePath)}; pass the right one with --state`);
    }
    if (store.stateSerial !== bound.serial) {
      // A plan read from Pinpoint can still tell, endpoint by endpoint, what moved since
      // (--allow-stale skips those); a plan made from the state alone cannot.
      if (plan.fingerprints === undefined) {
        throw new UserError(`the state changed since the plan was made (serial ${bound.serial}, now ${store.stateSerial}), and the plan was made from the state alone (--refresh state), so nothing tells which of its changes still hold; make a new plan`);
      }
      if (!args.allowStale) {
        throw new UserError(`the state changed since the plan was made (serial ${bound.serial}, now ${store.stateSerial}): another apply ran; make a new plan, or pass --allow-stale to apply the endpoints that did not change since`);
      }
    }
    if (plan.changes.length > 0 && plan.fingerprints !== undefined) {
      const fingerprinted = plan;
      stale.push(...(await beforeWrites(signal, io, async () => findStaleEndpoints(fingerprinted, await provider.get(), args.concurrency))));
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
    if (args.format !== 'json') io.out(`Applying the saved plan ${name} (${plan.changes.length} changes).\n`);
    await executeApply(plan, provider, store, io, {
      ...args,
      signal,
      progress,
      // The state moved on with what was applied, so this plan no longer matches it.
      resumeHint: 'Make a new plan (`pinsync plan --out FILE`) and apply it to finish.',
    });
  });
}

function describeTarget(target: string): string {
  return target === 'local' ? 'the local emulator (--local)' : target;
}

import type { Manifest } from '../core/manifest/types.js';
import {
  DEFAULT_SAFETY,
  liveFromState,
  planChanges,
  readLive,
  type Plan,
  type PlanOptions,
  type LastApplied,
  type LiveLookup,
  type ReadTarget,
  type RefreshStats,
} from '../core/plan/index.js';
import { createIdFilter } from '../core/plan/target.js';
import type { StateEndpoint, StateLoadOptions } from '../core/state/index.js';
import type { EndpointProvider } from '../providers/types.js';

/** The flags that shape a plan; each wins over the manifest's own setting. */
export interface PlanFlags {
  readonly refresh: 'live' | 'state';
  readonly target?: readonly string[];
  readonly exclude?: readonly string[];
  readonly prune?: boolean;
  readonly replaceOnRemoval?: boolean;
  readonly maxDeletePercent?: number;
  readonly safetyMinManaged?: number;
  readonly allowResubscribe?: boolean;
  readonly concurrency: number;
}

export function planOptions(flags: PlanFlags, manifest: Manifest): PlanOptions {
  const s = manifest.settings;
  return {
    removals: flags.replaceOnRemoval ? 'replace' : (s.removals ?? 'leave'),
    prune: flags.prune ?? s.prune ?? false,
    safety: {
      maxDeletePercent: flags.maxDeletePercent ?? s.safety?.maxDeletePercent ?? DEFAULT_SAFETY.maxDeletePercent,
      minManaged: flags.safetyMinManaged ?? s.safety?.minManaged ?? DEFAULT_SAFETY.minManaged,
      allowResubscribe: flags.allowResubscribe ?? false,
    },
  };
}

/**
 * How `pinsync plan` reads the state: a plan from the state of every declared endpoint has the
 * entries digested on a worker thread while the manifest is read (see core/state/state-digests.ts);
 * a targeted one compares too few to pay for it.
 */
export function stateLoadOptions(flags: PlanFlags): StateLoadOptions {
  return { digests: flags.refresh === 'state' && !isTargeted(flags) };
}

function isTargeted(flags: PlanFlags): boolean {
  return (flags.target?.length ?? 0) + (flags.exclude?.length ?? 0) > 0;
}

/**
 * Reads what the plan needs (Pinpoint, or with `--refresh state` nothing at all) and plans. Only
 * endpoints within `--target`/`--exclude` are read, compared, or counted.
 */
export async function makePlan(
  manifest: Manifest,
  applicationId: string,
  /** The application's managed endpoints, from the state. */
  managed: LastApplied,
  /** Opened only when the plan reads Pinpoint; the caller closes it. */
  provider: () => Promise<EndpointProvider>,
  flags: PlanFlags,
): Promise<Plan> {
  const targeted = isTargeted(flags);
  const inScope = createIdFilter(flags.target ?? [], flags.exclude ?? []);
  const desired = targeted ? manifest.endpoints.filter((e) => inScope(e.endpoint.Id)) : manifest.endpoints;
  const lastApplied = targeted ? new Map([...managed].filter(([, e]) => inScope(e.id))) : managed;
  const options = planOptions(flags, manifest);

  let refreshed: { live: LiveLookup; stats: RefreshStats };
  if (flags.refresh === 'state') {
    refreshed = liveFromState(lastApplied);
  } else {
    const declared = new Set(desired.map((d) => d.endpoint.Id.toLowerCase()));
    const targets: ReadTarget[] = desired.map((d) => {
      const last = lastApplied.get(d.endpoint.Id.toLowerCase());
      return { id: d.endpoint.Id, userIds: userIdsOf(d.endpoint.User?.UserId, last), inState: last !== undefined };
    });
    // Pruning needs to know which undeclared managed endpoints still exist.
    if (options.prune) {
      for (const key of lastApplied.keys()) {
        if (declared.has(key)) continue;
        const last = lastApplied.get(key) as StateEndpoint;
        targets.push({ id: last.id, userIds: userIdsOf(undefined, last), inState: true });
      }
    }
    refreshed = await readLive(await provider(), targets, { concurrency: flags.concurrency });
  }
  const plan = planChanges({ applicationId, desired, lastApplied, live: refreshed.live, liveIsLastApplied: flags.refresh === 'state', options });
  if (flags.refresh === 'live') return { ...plan, refresh: refreshed.stats };
  // Read from the state, nothing was read from Pinpoint to fingerprint: a saved plan of this kind
  // is bound to the state's serial instead.
  const { fingerprints: _none, ...fromState } = plan;
  return { ...fromState, refresh: refreshed.stats };
}

function userIdsOf(declared: string | undefined, last: StateEndpoint | undefined): string[] {
  const ids = new Set<string>();
  if (declared) ids.add(declared);
  const applied = last?.applied.User?.UserId;
  if (applied) ids.add(applied);
  return [...ids];
}

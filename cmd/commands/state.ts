import { stat } from 'node:fs/promises';
import { acquireLock, currentLockInfo, describeHolder, forceUnlock, StateStore, stateApplication } from '../../core/state/index.js';
import { UserError } from '../errors.js';
import type { Io } from '../io.js';
import { resolveStatePath } from '../state-path.js';

export interface StateArgs {
  state?: string;
  manifest?: string;
  local?: boolean;
  appId?: string;
  format?: 'text' | 'json';
  /** `state unlock`: remove a lock whose holder still runs. */
  force?: boolean;
}

async function statePathOf(args: StateArgs, io: Io): Promise<string> {
  return resolveStatePath(args.state, args.manifest === undefined ? [] : [args.manifest], args.local, io.cwd);
}

/** `pinsync state list`: what pinsync manages, per application. */
export async function runStateList(args: StateArgs, io: Io): Promise<void> {
  const path = await statePathOf(args, io);
  const { state } = await StateStore.open(path);
  const apps = Object.keys(state.applications).filter((a) => args.appId === undefined || a === args.appId).sort();
  if (args.format === 'json') {
    const out = apps.map((app) => ({
      applicationId: app,
      endpoints: Object.values(stateApplication(state, app).endpoints).map((e) => ({ id: e.id, protect: e.protect === true, applied: e.applied })),
    }));
    io.out(JSON.stringify({ path, lineage: state.lineage, serial: state.serial, applications: out }, null, 2) + '\n');
    return;
  }
  if (apps.length === 0) {
    const exists = await stat(path).then(
      () => true,
      () => false,
    );
    io.err(exists ? `No endpoints are managed in ${path}.\n` : `There is no state file at ${path}: nothing is managed there yet (find the state with --state, --manifest or --local).\n`);
    return;
  }
  for (const app of apps) {
    const endpoints = Object.values(stateApplication(state, app).endpoints).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const e of endpoints) io.out(`${app}\t${e.id}${e.protect ? '\tprotected' : ''}\n`);
  }
}

/** `pinsync state rm ID..`: forget endpoints (Pinpoint is not touched). */
export async function runStateRm(args: StateArgs & { ids: string[] }, io: Io): Promise<void> {
  const path = await statePathOf(args, io);
  const release = await acquireLock(path, currentLockInfo('pinsync state rm'));
  try {
    const store = await StateStore.open(path);
    const apps = Object.keys(store.state.applications).filter((a) => args.appId === undefined || a === args.appId);
    // Ids are case-insensitive: `Ep-1 ep-1` names one endpoint.
    const ids = [...new Map(args.ids.map((id) => [id.toLowerCase(), id])).values()];
    const holdersOf = ids.map((id) => ({ id, apps: apps.filter((app) => stateApplication(store.state, app).endpoints[id.toLowerCase()] !== undefined) }));
    const missing = holdersOf.filter((h) => h.apps.length === 0).map((h) => h.id);
    if (missing.length > 0) throw new UserError(`not in the state ${path}: ${missing.join(', ')} (nothing was changed)`);
    const ambiguous = holdersOf.find((h) => h.apps.length > 1);
    if (ambiguous !== undefined) {
      throw new UserError(`${ambiguous.id} is managed in several applications (${ambiguous.apps.join(', ')}): name one with --app-id (nothing was changed)`);
    }
    for (const { id, apps: [app] } of holdersOf) await store.record(app as string, { remove: [id] });
    const removed = holdersOf.length;
    await store.commit();
    io.out(`Removed ${removed} ${removed === 1 ? 'endpoint' : 'endpoints'} from the state; Pinpoint was not changed.\n`);
  } finally {
    await release();
  }
}

/** `pinsync state unlock`: remove a lock left by a run that died. */
export async function runStateUnlock(args: StateArgs, io: Io): Promise<void> {
  const path = await statePathOf(args, io);
  const holder = await forceUnlock(path, args.force === true);
  if (holder === undefined) {
    io.out(`The state ${path} is not locked.\n`);
  } else if (holder === 'unreadable') {
    io.out(`Removed the lock on ${path}.\n`);
  } else {
    io.out(`Removed the lock on ${path} held by ${describeHolder(holder)}.\n`);
  }
}

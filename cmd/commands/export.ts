import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { renderExport, toDeclared } from '../../core/export/export-endpoints.js';
import { acquireLock, currentLockInfo, StateStore, toStateEndpoint } from '../../core/state/index.js';
import { mapConcurrent } from '../../core/util/pool.js';
import type { LiveEndpoint } from '../../providers/types.js';
import { UserError } from '../errors.js';
import type { Io } from '../io.js';
import type { ConnectionOptions } from '../provider.js';
import { lazyProvider } from '../provider.js';
import { resolveStatePath } from '../state-path.js';

export interface ExportArgs extends ConnectionOptions {
  appId?: string;
  ids?: string[];
  users?: string[];
  output?: string;
  adopt?: boolean;
  state?: string;
  concurrency: number;
  maxRps?: string[];
}

/** `pinsync export`: write a manifest for endpoints that already exist, to start managing them. */
export async function runExport(args: ExportArgs, io: Io): Promise<void> {
  const applicationId = args.appId ?? io.env['PINSYNC_APP_ID'];
  if (!applicationId) throw new UserError('no Pinpoint application id: pass --app-id ID or set PINSYNC_APP_ID');
  const ids = splitList(args.ids);
  const users = splitList(args.users);
  if (ids.length === 0 && users.length === 0) throw new UserError('name what to export: --ids ID.. or --users USER.. (Pinpoint cannot list all endpoints)');
  const provider = lazyProvider(applicationId, args, io.cwd);
  try {
    const p = await provider.get();
    const found = new Map<string, LiveEndpoint>();
    const missing: string[] = [];
    await mapConcurrent(users, args.concurrency, async (user) => {
      const endpoints = await p.getUserEndpoints(user);
      if (endpoints.length === 0) missing.push(`user ${user}`);
      for (const e of endpoints) found.set(e.Id.toLowerCase(), e);
    });
    await mapConcurrent(ids, args.concurrency, async (id) => {
      if (found.has(id.toLowerCase())) return;
      const e = await p.getEndpoint(id);
      if (e === undefined) missing.push(id);
      else found.set(e.Id.toLowerCase(), e);
    });
    if (missing.length > 0) throw new UserError(`not found in application ${applicationId}: ${missing.sort().join(', ')} (nothing was written)`);
    const endpoints = [...found.values()];
    const text = renderExport(applicationId, endpoints);
    // With --adopt the state's lock is taken first: a locked state leaves no manifest half-adopted.
    const statePath = args.adopt ? await resolveStatePath(args.state, args.output === undefined ? [] : [args.output], args.local, io.cwd) : undefined;
    const release = statePath === undefined ? undefined : await acquireLock(statePath, currentLockInfo('pinsync export --adopt'));
    try {
      if (args.output === undefined) io.out(text);
      else await writeOutput(resolve(io.cwd, args.output), text, args.output, args.adopt === true);
      if (statePath !== undefined) {
        const store = await StateStore.open(statePath);
        await store.record(applicationId, { set: endpoints.map((e) => toStateEndpoint(toDeclared(e), undefined)) });
        await store.commit();
        io.err(`Adopted ${endpoints.length} ${endpoints.length === 1 ? 'endpoint' : 'endpoints'} into the state ${statePath}.\n`);
      }
    } finally {
      await release?.();
    }
  } finally {
    await provider.close();
  }
}

/** The manifest, in a folder made if needed; a path that cannot be written is the user's to fix. */
async function writeOutput(file: string, text: string, shown: string, adopting: boolean): Promise<void> {
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, text);
  } catch (error) {
    throw new UserError(`cannot write ${shown}: ${(error as Error).message}${adopting ? '; nothing was adopted' : ''}`);
  }
}

/** `--ids a,b c` and `--ids a --ids b` both work. */
function splitList(values: readonly string[] | undefined): string[] {
  return [...new Set((values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== ''))];
}

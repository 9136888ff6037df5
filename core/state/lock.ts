import { mkdir, open, readFile, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { hostname, userInfo } from 'node:os';

/** Who holds a state lock; written into the lock file so a blocked run can say so. */
export interface LockInfo {
  readonly pid: number;
  readonly host: string;
  readonly user: string;
  readonly command: string;
  /** ISO 8601. */
  readonly since: string;
}

export class StateLockedError extends Error {
  constructor(
    readonly lockPath: string,
    readonly holder: LockInfo | undefined,
    readonly holderAlive: boolean | undefined,
  ) {
    super(describeLock(lockPath, holder, holderAlive));
    this.name = 'StateLockedError';
  }
}

export function lockPathFor(statePath: string): string {
  return `${statePath}.lock`;
}

export function currentLockInfo(command: string, now: Date = new Date()): LockInfo {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // No user database entry (some containers): the pid and host still identify the holder.
  }
  return { pid: process.pid, host: hostname(), user, command, since: now.toISOString() };
}

/**
 * Takes the lock beside the state file, failing at once when another run holds it. Creation with
 * O_EXCL is atomic on local file systems, so two runs can never both succeed.
 */
export async function acquireLock(statePath: string, info: LockInfo): Promise<() => Promise<void>> {
  const path = lockPathFor(statePath);
  await mkdir(dirname(path), { recursive: true });
  let handle;
  try {
    handle = await open(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const holder = await readLock(path);
    throw new StateLockedError(path, holder, holder === undefined ? undefined : isAlive(holder));
  }
  try {
    await handle.writeFile(JSON.stringify(info, null, 2) + '\n');
  } finally {
    await handle.close();
  }
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    await unlink(path).catch(() => undefined);
  };
}

export async function readLock(path: string): Promise<LockInfo | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as LockInfo;
  } catch {
    return undefined;
  }
}

/** Removes a lock left behind; returns who held it, or undefined when there was none. */
export async function forceUnlock(statePath: string): Promise<LockInfo | 'unreadable' | undefined> {
  const path = lockPathFor(statePath);
  const holder = await readLock(path);
  try {
    await unlink(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return holder ?? 'unreadable';
}

/** Only answerable for a process on this host; elsewhere unknown. */
function isAlive(holder: LockInfo): boolean | undefined {
  if (holder.host !== hostname()) return undefined;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function describeLock(path: string, holder: LockInfo | undefined, alive: boolean | undefined): string {
  if (holder === undefined) {
    return `the state is locked (${path}) by another run; if no pinsync run is in progress, run \`pinsync state unlock\``;
  }
  const who = `${holder.command} (pid ${holder.pid}, ${holder.user}@${holder.host}) since ${holder.since}`;
  if (alive === false) {
    return `the state is locked by ${who}, and that process is no longer running: run \`pinsync state unlock\` to remove the lock (${path})`;
  }
  return `the state is locked by ${who}; wait for it to finish, or if it is gone, run \`pinsync state unlock\` (${path})`;
}

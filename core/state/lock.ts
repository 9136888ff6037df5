import { unlinkSync } from 'node:fs';
import { mkdir, open, readFile, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { hostname, userInfo } from 'node:os';
import { StateFileError } from './state-endpoints.js';

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
    /** What was refused: taking the lock, or removing it while its holder runs. */
    refused: 'lock' | 'unlock' = 'lock',
  ) {
    super(refused === 'unlock' ? describeLiveHolder(lockPath, holder as LockInfo) : describeLock(lockPath, holder, holderAlive));
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
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      throw new StateFileError(`cannot lock the state: ${path} cannot be created (${(error as Error).message}); the state's folder must be writable`);
    }
    if (code !== 'EEXIST') throw error;
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

/** Removes this run's own lock at once, for a process about to exit (a second Ctrl-C). */
export function releaseLockSync(statePath: string): void {
  try {
    unlinkSync(lockPathFor(statePath));
  } catch {
    // Already gone.
  }
}

export async function readLock(path: string): Promise<LockInfo | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as LockInfo;
  } catch {
    return undefined;
  }
}

/**
 * Removes a lock left behind; returns who held it, or undefined when there was none. A lock whose
 * holder is still running on this host is kept (removing it would let a second run overwrite the
 * first's state) unless `force`: the StateLockedError says who holds it.
 */
export async function forceUnlock(statePath: string, force = false): Promise<LockInfo | 'unreadable' | undefined> {
  const path = lockPathFor(statePath);
  const holder = await readLock(path);
  if (!force && holder !== undefined && isAlive(holder) === true) throw new StateLockedError(path, holder, true, 'unlock');
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
  // The command names the state file: `state unlock` alone looks beside the current folder.
  const unlock = `pinsync state unlock --state ${shellWord(path.slice(0, -'.lock'.length))}`;
  if (holder === undefined) {
    return `the state is locked (${path}) by another run; if no pinsync run is in progress, run \`${unlock}\``;
  }
  const who = describeHolder(holder);
  if (alive === false) {
    return `the state is locked by ${who}, and that process is no longer running: run \`${unlock}\` to remove the lock (${path})`;
  }
  return `the state is locked by ${who}; wait for it to finish, or if it is gone, run \`${unlock}\` (${path})`;
}

function describeLiveHolder(path: string, holder: LockInfo): string {
  return (
    `the lock is held by ${describeHolder(holder)}, which is still running: ` +
    `removing its lock would let another run overwrite what it records. Wait for it to finish, or stop it; ` +
    `\`pinsync state unlock --force\` removes the lock anyway (${path})`
  );
}

/** Who holds a lock, as every message names it. */
export function describeHolder(holder: LockInfo): string {
  return `${holder.command} (pid ${holder.pid}, ${holder.user}@${holder.host}) since ${holder.since}`;
}

/** A path as one word of a POSIX shell command line. */
function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}

import { stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { LOCAL_DATA_DIR } from './provider.js';

export const STATE_FILE_NAME = 'pinsync.state.json';

/**
 * Where the state lives: `--state FILE`; with `--local`, beside the emulator's data (so trying
 * pinsync locally never mixes into a real state); else beside the first manifest path (inside it
 * when it is a folder, since that is where its manifests are; folder scans skip the file).
 */
export async function resolveStatePath(flag: string | undefined, paths: readonly string[], local: boolean | undefined, cwd: string): Promise<string> {
  if (flag !== undefined) return resolve(cwd, flag);
  if (local) return join(cwd, LOCAL_DATA_DIR, STATE_FILE_NAME);
  const first = paths[0];
  if (first === undefined) return join(cwd, STATE_FILE_NAME);
  const path = resolve(cwd, first);
  const isFolder = await stat(path).then((s) => s.isDirectory(), () => false);
  return join(isFolder ? path : dirname(path), STATE_FILE_NAME);
}

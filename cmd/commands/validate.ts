import type { Io } from '../io.js';
import { loadOrExit } from '../load.js';

/** `pinsync validate`: load and check the manifest; no network. */
export async function runValidate(args: { paths: string[] }, io: Io): Promise<void> {
  const manifest = await loadOrExit(args.paths, io, 'validate');
  const n = manifest.endpoints.length;
  const f = manifest.files.length;
  io.out(`Valid: ${n} ${n === 1 ? 'endpoint' : 'endpoints'} in ${f} ${f === 1 ? 'file' : 'files'}.\n`);
}

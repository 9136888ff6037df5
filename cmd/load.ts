import { formatDiagnostic, hasErrors } from '../core/diagnostics/types.js';
import { loadManifest } from '../core/manifest/index.js';
import type { Manifest } from '../core/manifest/types.js';
import { ExitCode, UserError } from './errors.js';
import type { Io } from './io.js';

/** Loads and checks the manifest, printing every diagnostic; stops the run when any is an error. */
export async function loadOrExit(paths: readonly string[], io: Io, command: string): Promise<Manifest> {
  if (paths.length === 0) {
    throw new UserError(`no manifest given: name the files or folders to read, e.g. \`pinsync ${command} endpoints/\``);
  }
  const result = await loadManifest(paths, { cwd: io.cwd });
  for (const d of result.diagnostics) io.err(formatDiagnostic(d) + '\n');
  if (!result.ok || hasErrors(result.diagnostics)) {
    const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
    io.err(`\n${errors} ${errors === 1 ? 'error' : 'errors'} in the manifest; nothing was sent to Pinpoint.\n`);
    throw new ExitCode(1);
  }
  return result.manifest;
}

/** --app-id, else PINSYNC_APP_ID, else the manifest's applicationId. */
export function resolveApplicationId(flag: string | undefined, io: Io, manifest: Manifest): string {
  const id = flag ?? io.env['PINSYNC_APP_ID'] ?? manifest.applicationId?.value;
  if (id === undefined || id === '') {
    throw new UserError(
      'no Pinpoint application id: pass --app-id ID, set PINSYNC_APP_ID, or add `applicationId: ID` to the manifest',
    );
  }
  return id;
}

/**
 * Runs `first` (reading the manifest) with `early` work that does not depend on it started beside
 * it. If `first` fails, `early` is told to stop, and its own failure is left for whoever awaits it,
 * so that the manifest's errors always come first.
 */
export async function alongside<F, E>(early: ((signal: AbortSignal) => Promise<E>) | undefined, first: () => Promise<F>): Promise<{ first: F; early: Promise<E> | undefined }> {
  const stop = new AbortController();
  const pending = early?.(stop.signal);
  pending?.catch(() => undefined);
  try {
    return { first: await first(), early: pending };
  } catch (error) {
    stop.abort();
    throw error;
  }
}

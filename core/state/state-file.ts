import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { canonicalJson } from '../util/canonical-json.js';
import { STATE_FORMAT, type State, type StateApplication, type StateEndpoint } from './types.js';

export class StateFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StateFileError';
  }
}

export function emptyState(): State {
  return { format: STATE_FORMAT, lineage: randomUUID(), serial: 0, applications: {} };
}

/** Reads the state file; an absent file is an empty state (nothing managed yet). */
export async function readState(path: string): Promise<State> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyState();
    throw new StateFileError(`cannot read the state file ${path}: ${(error as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new StateFileError(`the state file ${path} is not valid JSON (${(error as Error).message}); restore it from a backup or version control`);
  }
  const s = data as Partial<State>;
  if (s === null || typeof s !== 'object' || s.format !== STATE_FORMAT || typeof s.lineage !== 'string' || typeof s.serial !== 'number' || typeof s.applications !== 'object' || s.applications === null) {
    throw new StateFileError(`${path} is not a pinsync state file (expected "format": "${STATE_FORMAT}")`);
  }
  return s as State;
}

/**
 * Writes the state atomically: a temporary file beside it, flushed to disk, then renamed over the
 * old one, so a crash leaves either the old state or the new one, never half of either.
 */
export async function writeState(path: string, state: State): Promise<void> {
  await writeFileAtomic(path, renderState(state), 0o600);
}

/** A temporary file beside `path`, flushed to disk, renamed over it: all of the file or none. */
export async function writeFileAtomic(path: string, text: string, mode = 0o644): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}-${randomUUID().slice(0, 8)}`;
  const handle = await open(tmp, 'w', mode);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(tmp, path);
  } catch (error) {
    await unlink(tmp).catch(() => undefined);
    throw error;
  }
}

/** Stable bytes: keys sorted, one endpoint a line, so a state file diffs well in review. */
export function renderState(state: State): string {
  const apps = Object.keys(state.applications).sort();
  const lines = ['{', `  "format": ${JSON.stringify(state.format)},`, `  "lineage": ${JSON.stringify(state.lineage)},`, `  "serial": ${state.serial},`, '  "applications": {'];
  apps.forEach((app, a) => {
    const endpoints = state.applications[app]?.endpoints ?? {};
    const keys = Object.keys(endpoints).sort();
    lines.push(`    ${JSON.stringify(app)}: {`, '      "endpoints": {');
    keys.forEach((k, i) => lines.push(`        ${JSON.stringify(k)}: ${canonicalJson(endpoints[k])}${i < keys.length - 1 ? ',' : ''}`));
    lines.push('      }', `    }${a < apps.length - 1 ? ',' : ''}`);
  });
  lines.push('  }', '}');
  return lines.join('\n') + '\n';
}

export function stateApplication(state: State, applicationId: string): StateApplication {
  return state.applications[applicationId] ?? { endpoints: {} };
}

/** A new state with `changes` applied to one application's endpoints (the serial moves on when written). */
export function updateState(
  state: State,
  applicationId: string,
  changes: { readonly set?: Iterable<StateEndpoint>; readonly remove?: Iterable<string> },
): State {
  const endpoints: Record<string, StateEndpoint> = { ...stateApplication(state, applicationId).endpoints };
  for (const e of changes.set ?? []) endpoints[e.id.toLowerCase()] = e;
  for (const id of changes.remove ?? []) delete endpoints[id.toLowerCase()];
  const applications = { ...state.applications, [applicationId]: { endpoints } };
  if (Object.keys(endpoints).length === 0) delete applications[applicationId];
  return { ...state, applications };
}

import { appendJournal, readJournal, removeJournal } from './journal.js';
import { readState, updateState, writeState } from './state-file.js';
import type { State, StateEndpoint } from './types.js';

/**
 * The state as one apply sees it: read once (with any journal a crashed run left replayed),
 * changed entry by entry as requests are confirmed (each change journaled at once), and written
 * whole at the end.
 */
export class StateStore {
  private constructor(
    readonly path: string,
    private current: State,
    private dirty: boolean,
  ) {}

  static async open(path: string): Promise<StateStore> {
    let state = await readState(path);
    const journal = await readJournal(path);
    for (const entry of journal) state = updateState(state, entry.app, { set: entry.set, remove: entry.remove });
    return new StateStore(path, state, journal.length > 0);
  }

  get state(): State {
    return this.current;
  }

  /** Records confirmed changes for one application: durable before this returns. */
  async record(applicationId: string, change: { set?: readonly StateEndpoint[]; remove?: readonly string[] }): Promise<void> {
    if ((change.set?.length ?? 0) === 0 && (change.remove?.length ?? 0) === 0) return;
    await appendJournal(this.path, { app: applicationId, ...change });
    this.current = updateState(this.current, applicationId, change);
    this.dirty = true;
  }

  /** Writes the state file and drops the journal it now contains. */
  async commit(): Promise<void> {
    if (!this.dirty) return;
    this.current = { ...this.current, serial: this.current.serial + 1 };
    await writeState(this.path, this.current);
    await removeJournal(this.path);
    this.dirty = false;
  }
}

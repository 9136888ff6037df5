import { JournalWriter, readJournal, removeJournal } from './journal.js';
import { StateEndpoints } from './state-endpoints.js';
import { loadState, renderStateText, writeFileAtomic, type LoadOptions } from './state-file.js';
import { STATE_FORMAT, type State, type StateEndpoint } from './types.js';

/**
 * The state as one run sees it: read once (with any journal a crashed run left replayed), changed
 * entry by entry as requests are confirmed (each change journaled at once), and written whole at
 * the end. Entries live in mutable maps, so recording a batch costs the batch, not the state.
 */
export class StateStore {
  private readonly journal: JournalWriter;
  private snapshot: State | undefined;

  private constructor(
    readonly path: string,
    private readonly lineage: string,
    private serial: number,
    private readonly apps: Map<string, StateEndpoints>,
    private dirty: boolean,
  ) {
    this.journal = new JournalWriter(path);
  }

  static async open(path: string, options: LoadOptions = {}): Promise<StateStore> {
    const state = await loadState(path, options);
    const store = new StateStore(path, state.lineage, state.serial, state.applications, false);
    const journal = await readJournal(path);
    for (const entry of journal) store.apply(entry.app, entry);
    store.dirty = journal.length > 0;
    return store;
  }

  get stateLineage(): string {
    return this.lineage;
  }

  get stateSerial(): number {
    return this.serial;
  }

  /** One application's managed endpoints, keyed by lowercased Id, without copying them. */
  endpointsOf(applicationId: string): StateEndpoints {
    return this.apps.get(applicationId) ?? new StateEndpoints(this.path);
  }

  /** The state as a value; built on demand and kept until the next change. */
  get state(): State {
    if (this.snapshot === undefined) {
      const applications: Record<string, { endpoints: Record<string, StateEndpoint> }> = {};
      for (const [app, endpoints] of this.apps) if (endpoints.size > 0) applications[app] = { endpoints: Object.fromEntries(endpoints) };
      this.snapshot = { format: STATE_FORMAT, lineage: this.lineage, serial: this.serial, applications };
    }
    return this.snapshot;
  }

  /** Records confirmed changes for one application: durable before this returns. */
  async record(applicationId: string, change: { set?: readonly StateEndpoint[]; remove?: readonly string[] }): Promise<void> {
    if ((change.set?.length ?? 0) === 0 && (change.remove?.length ?? 0) === 0) return;
    await this.journal.append({ app: applicationId, ...change });
    this.apply(applicationId, change);
    this.dirty = true;
  }

  /** Stops journaling without writing the state file, as a run that dies would (the journal stays). */
  async abandon(): Promise<void> {
    await this.journal.close();
  }

  /** Writes the state file and drops the journal it now contains. */
  async commit(): Promise<void> {
    await this.journal.close();
    if (!this.dirty) return;
    this.serial++;
    this.snapshot = undefined;
    await writeFileAtomic(this.path, this.render(), 0o600);
    await removeJournal(this.path);
    this.dirty = false;
  }

  /** The state file's text; entries never parsed are copied as the file held them. */
  private render(): string {
    const applications = new Map([...this.apps].filter(([, endpoints]) => endpoints.size > 0));
    return renderStateText(this.lineage, this.serial, applications);
  }

  private apply(applicationId: string, change: { set?: readonly StateEndpoint[]; remove?: readonly string[] }): void {
    let endpoints = this.apps.get(applicationId);
    if (endpoints === undefined) this.apps.set(applicationId, (endpoints = new StateEndpoints(this.path)));
    for (const e of change.set ?? []) endpoints.set(e.id.toLowerCase(), e);
    for (const id of change.remove ?? []) endpoints.delete(id.toLowerCase());
    this.snapshot = undefined;
  }
}

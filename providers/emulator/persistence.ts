// The optional data file: loaded once at start, saved after changes. Saves are coalesced (at most
// one per SAVE_DELAY_MS, plus one on flush/close) and atomic (temporary file, then rename), so a
// crash leaves either the previous file or the new one, never half of one.

import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { EmulatorStore } from './store.js';

export const SAVE_DELAY_MS = 200;

/** The store saved in `file`; an empty store when the file does not exist. */
export async function loadStore(file: string): Promise<EmulatorStore> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new EmulatorStore();
    throw new Error(`Cannot read emulator data file ${file}: ${(error as Error).message}`, { cause: error });
  }
  try {
    return EmulatorStore.fromJSON(JSON.parse(text));
  } catch (error) {
    throw new Error(`Emulator data file ${file} is corrupt: ${(error as Error).message}`, { cause: error });
  }
}

export async function saveAtomically(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.tmp-${process.pid}`;
  await writeFile(temporary, text, 'utf8');
  await rename(temporary, file);
}

/** Saves a store to its file after changes, coalescing bursts of writes into one save. */
export class DataFileWriter {
  private timer: NodeJS.Timeout | undefined;
  private dirty = false;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly store: EmulatorStore,
    private readonly delayMs: number = SAVE_DELAY_MS,
  ) {}

  /** Notes a change; the save happens at most delayMs later. */
  schedule(): void {
    this.dirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // A failed background save leaves the store dirty: the next flush() retries and reports it.
      this.flush().catch(() => undefined);
    }, this.delayMs);
    // Pending saves must not keep a process alive on their own; close() flushes explicitly.
    this.timer.unref();
  }

  /** Saves now if anything changed since the last save; saves never overlap. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const run = this.chain.then(() => this.saveIfDirty());
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async saveIfDirty(): Promise<void> {
    if (!this.dirty) return;
    // Cleared before the write so that changes made while it runs schedule another save.
    this.dirty = false;
    try {
      await saveAtomically(this.file, JSON.stringify(this.store.toJSON()));
    } catch (error) {
      this.dirty = true;
      throw new Error(`Cannot write emulator data file ${this.file}: ${(error as Error).message}`, { cause: error });
    }
  }
}

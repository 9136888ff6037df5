import { open, readFile, unlink, type FileHandle } from 'node:fs/promises';
import type { StateEndpoint } from './types.js';

/**
 * The state journal: while an apply runs, each confirmed request appends one line here
 * (`{"app", "set"}` or `{"app", "remove"}`) instead of rewriting the whole state file, so the
 * state on disk lags only by the requests in flight even after kill -9, at the cost of one small
 * append per request. The next read of the state replays it; the end of the apply folds it into
 * the state file and removes it.
 */
export interface JournalEntry {
  readonly app: string;
  readonly set?: readonly StateEndpoint[];
  readonly remove?: readonly string[];
}

export function journalPathFor(statePath: string): string {
  return `${statePath}.journal`;
}

/**
 * The journal of one apply, opened once: each entry is one write and one fdatasync on a file
 * already open, so that recording a confirmed request costs well under a millisecond. Entries are
 * written in the order they are given, one at a time.
 */
export class JournalWriter {
  private handle: FileHandle | undefined;
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly statePath: string) {}

  append(entry: JournalEntry): Promise<void> {
    const next = this.tail.then(async () => {
      this.handle ??= await open(journalPathFor(this.statePath), 'a', 0o600);
      await this.handle.write(JSON.stringify(entry) + '\n');
      // Durable before the caller goes on: the request it records has already happened.
      await this.handle.datasync();
    });
    this.tail = next.catch(() => undefined);
    return next;
  }

  async close(): Promise<void> {
    await this.tail;
    await this.handle?.close();
    this.handle = undefined;
  }
}

/** The journal's entries; a last line cut short by a crash is ignored (it was never confirmed). */
export async function readJournal(statePath: string): Promise<JournalEntry[]> {
  let text: string;
  try {
    text = await readFile(journalPathFor(statePath), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const entries: JournalEntry[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      entries.push(JSON.parse(line) as JournalEntry);
    } catch {
      break;
    }
  }
  return entries;
}

export async function removeJournal(statePath: string): Promise<void> {
  await unlink(journalPathFor(statePath)).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}

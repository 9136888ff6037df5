import { canonicalJson } from '../util/canonical-json.js';
import type { EndpointItem } from '../../providers/types.js';
import type { StateEndpoint } from './types.js';

/** What the state records for a declared endpoint once it is applied. */
export function toStateEndpoint(declared: EndpointItem, protect: true | undefined): StateEndpoint {
  const { Id, ...applied } = declared;
  return protect ? { id: Id, applied, protect } : { id: Id, applied };
}

/** Thrown for a state file that cannot be used; the message says which file and what to do. */
export class StateFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StateFileError';
  }
}

/**
 * One application's managed endpoints, keyed by lowercased Id. An entry read from a state file
 * stays as the canonical JSON text the file holds until something asks for it: a plan from the
 * state parses each entry once to compare it with its declaration (`peek`) and keeps only those
 * that differ, and writing the state back copies the text of the others untouched.
 */
export class StateEndpoints implements ReadonlyMap<string, StateEndpoint> {
  private readonly items = new Map<string, StateEndpoint | string>();

  /** `source` names the state file in errors. */
  constructor(private readonly source = 'the state file') {}

  get size(): number {
    return this.items.size;
  }

  has(key: string): boolean {
    return this.items.has(key);
  }

  get(key: string): StateEndpoint | undefined {
    const entry = this.items.get(key);
    if (typeof entry !== 'string') return entry;
    const endpoint = this.parse(key, entry);
    this.items.set(key, endpoint);
    return endpoint;
  }

  /**
   * The entry, parsed afresh and not kept: for a caller that looks at every entry once (a plan
   * from the state compares each with its declaration), so that the state's endpoints are never
   * all held as objects at once.
   */
  peek(key: string): StateEndpoint | undefined {
    const entry = this.items.get(key);
    return typeof entry === 'string' ? this.parse(key, entry) : entry;
  }

  /** Whether the entry is still the file's text, never parsed and kept. */
  holdsText(key: string): boolean {
    return typeof this.items.get(key) === 'string';
  }

  /** The entry as canonical JSON: its file text when it still has it. */
  textOf(key: string): string | undefined {
    const entry = this.items.get(key);
    return entry === undefined || typeof entry === 'string' ? entry : canonicalJson(entry);
  }

  /** Adds an entry: an endpoint, or its canonical JSON text as read from a state file. */
  set(key: string, entry: StateEndpoint | string): void {
    this.items.set(key, entry);
  }

  delete(key: string): boolean {
    return this.items.delete(key);
  }

  keys(): MapIterator<string> {
    return this.items.keys();
  }

  /** Every entry, parsed as it is reached. */
  entries(): MapIterator<[string, StateEndpoint]> {
    return this.parsedEntries() as MapIterator<[string, StateEndpoint]>;
  }

  values(): MapIterator<StateEndpoint> {
    return this.parsedValues() as MapIterator<StateEndpoint>;
  }

  [Symbol.iterator](): MapIterator<[string, StateEndpoint]> {
    return this.entries();
  }

  forEach(callback: (value: StateEndpoint, key: string, map: ReadonlyMap<string, StateEndpoint>) => void, thisArg?: unknown): void {
    for (const [key, value] of this) callback.call(thisArg, value, key, this);
  }

  private *parsedEntries(): Generator<[string, StateEndpoint], undefined> {
    for (const key of this.items.keys()) yield [key, this.get(key) as StateEndpoint];
  }

  private *parsedValues(): Generator<StateEndpoint, undefined> {
    for (const key of this.items.keys()) yield this.get(key) as StateEndpoint;
  }

  private parse(key: string, text: string): StateEndpoint {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new StateFileError(`${this.source} has an entry that is not valid JSON, for ${JSON.stringify(key)} (${(error as Error).message}); restore the file from a backup or version control`);
    }
    const e = value as Partial<StateEndpoint> | null;
    if (e === null || typeof e !== 'object' || typeof e.id !== 'string' || typeof e.applied !== 'object' || e.applied === null) {
      throw new StateFileError(`${this.source} has an entry without "id" and "applied", for ${JSON.stringify(key)}; restore the file from a backup or version control`);
    }
    return e as StateEndpoint;
  }
}

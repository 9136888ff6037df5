import { canonicalJson } from '../util/canonical-json.js';
import type { EndpointItem } from '../../providers/types.js';
import type { EntryIndex } from './entry-index.js';
import { EntryDigests, type StateDigests } from './state-digests.js';
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
 * that differ, and writing the state back copies the text of the others untouched. Texts are
 * numbered in the order read, which is how a digest worker numbers them too (state-digests.ts).
 */
export class StateEndpoints implements ReadonlyMap<string, StateEndpoint> {
  /** An endpoint, or the number of its text in `texts`. */
  private readonly items = new Map<string, StateEndpoint | number>();
  private readonly texts: string[] = [];
  /**
   * The entries of a state file as renderState lays it out, still only in the file's text: entry
   * `n` is text `n`. While it is set, `items` holds only the entries get() has parsed; the first
   * change moves every entry into `items` and `texts`, in the file's order.
   */
  private index: EntryIndex | undefined;
  private digests: EntryDigests | undefined;

  /** `source` names the state file in errors. */
  constructor(private readonly source = 'the state file') {}

  /** One application's entries as an EntryIndex found them in the state file. */
  static indexed(index: EntryIndex, source: string): StateEndpoints {
    const endpoints = new StateEndpoints(source);
    endpoints.index = index;
    return endpoints;
  }

  get size(): number {
    return this.index ? this.index.count : this.items.size;
  }

  has(key: string): boolean {
    return this.index ? this.index.find(key) >= 0 : this.items.has(key);
  }

  get(key: string): StateEndpoint | undefined {
    const entry = this.entry(key);
    if (typeof entry !== 'number') return entry;
    const endpoint = this.parse(key, this.textAt(entry));
    this.items.set(key, endpoint);
    return endpoint;
  }

  /**
   * The entry, parsed afresh and not kept: for a caller that looks at every entry once (a plan
   * from the state compares each with its declaration), so that the state's endpoints are never
   * all held as objects at once.
   */
  peek(key: string): StateEndpoint | undefined {
    const entry = this.entry(key);
    return typeof entry === 'number' ? this.parse(key, this.textAt(entry)) : entry;
  }

  /** How many texts were read (a key read twice counts twice; the later one is its entry). */
  get textCount(): number {
    return this.index ? this.index.count : this.texts.length;
  }

  /** The digests of the texts read so far, `base` on in `digests` being the first's. */
  useDigests(digests: StateDigests, base: number): void {
    this.digests = new EntryDigests(digests, base, this.textCount);
  }

  /**
   * True when the entry, still as read, is known to equal `declared` (Id aside) with the same
   * `protect`: its digest is ready and matches. Undefined when that is not known; compare in full.
   */
  matchesApplied(key: string, declared: object, protect: true | undefined): true | undefined {
    if (this.digests === undefined) return undefined;
    const entry = this.entry(key);
    if (typeof entry !== 'number') return undefined;
    return this.digests.matches(entry, declared, protect) ? true : undefined;
  }

  /** Whether the entry is still the file's text, never parsed and kept. */
  holdsText(key: string): boolean {
    return typeof this.entry(key) === 'number';
  }

  /** The entry as canonical JSON: its file text when it still has it. */
  textOf(key: string): string | undefined {
    const entry = this.entry(key);
    if (entry === undefined) return undefined;
    return typeof entry === 'number' ? this.textAt(entry) : canonicalJson(entry);
  }

  /** Adds an entry: an endpoint, or its canonical JSON text as read from a state file. */
  set(key: string, entry: StateEndpoint | string): void {
    this.leaveIndex();
    if (typeof entry === 'string') {
      this.items.set(key, this.texts.length);
      this.texts.push(entry);
    } else this.items.set(key, entry);
  }

  delete(key: string): boolean {
    this.leaveIndex();
    return this.items.delete(key);
  }

  keys(): MapIterator<string> {
    return this.index ? this.indexKeys(this.index) : this.items.keys();
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
    for (const key of this.keys()) yield [key, this.get(key) as StateEndpoint];
  }

  private *parsedValues(): Generator<StateEndpoint, undefined> {
    for (const key of this.keys()) yield this.get(key) as StateEndpoint;
  }

  /**
   * The index's keys in order, and, should a change move the entries out of the index meanwhile,
   * then the map's keys not yet given: as a Map's iterator would, it skips what was deleted before
   * it got there and reaches what was added.
   */
  private *indexKeys(index: EntryIndex): Generator<string, undefined> {
    let n = 0;
    for (; n < index.count && this.index === index; n++) yield index.keyAt(n);
    if (this.index === index) return;
    const given = new Set<string>();
    for (let i = 0; i < n; i++) given.add(index.keyAt(i));
    for (const key of this.items.keys()) if (!given.has(key)) yield key;
  }

  /** The entry: an endpoint, or the number of its text. */
  private entry(key: string): StateEndpoint | number | undefined {
    const entry = this.items.get(key);
    if (entry !== undefined || this.index === undefined) return entry;
    const n = this.index.find(key);
    return n < 0 ? undefined : n;
  }

  private textAt(n: number): string {
    return this.index ? this.index.textAt(n) : (this.texts[n] as string);
  }

  /** Moves every entry of the index into `items` and `texts`, keeping each text's number. */
  private leaveIndex(): void {
    const index = this.index;
    if (index === undefined) return;
    const parsed = new Map(this.items);
    this.items.clear();
    for (let n = 0; n < index.count; n++) {
      const key = index.keyAt(n);
      this.items.set(key, parsed.get(key) ?? n);
      this.texts.push(index.textAt(n));
    }
    this.index = undefined;
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

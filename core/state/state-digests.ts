import { Worker } from 'node:worker_threads';
import { digestApplied } from './applied-digest.js';

/**
 * The digests of a state file's entries, written by a worker thread while the main thread reads
 * the manifest. Entries are numbered in the file's order across applications; `progress[0]` is how
 * many are done, stored after their digests, so that every entry below it can be read without
 * waiting. A worker that stops (an entry it cannot parse, a thread that fails to start) leaves the
 * rest undone, and they are compared the ordinary way, which also reports the entry's error.
 */
export interface StateDigests {
  /** Two lanes per entry. */
  readonly lanes: Uint32Array;
  readonly progress: Int32Array;
}

/**
 * The worker is worth its start only for a state of this many entries or more. Below it, a second
 * thread competing for the CPU, and the digest code still cold in the JIT, cost more than the
 * comparison saves: in alternating runs of a plan from the state, 10,000 endpoints took 1.13 s with
 * the worker against 1.03 s without, 30,000 took 1.99 s against 2.12 s, 100,000 4.76 s against 5.45 s.
 */
export const DIGEST_WORKER_MIN_ENTRIES = 20_000;

/** Starts a worker that digests the entries of the state file held in `bytes`, numbering them as loadState does. */
export function startStateDigests(bytes: Uint8Array, entries: number): StateDigests | undefined {
  let shared = bytes;
  if (!(bytes.buffer instanceof SharedArrayBuffer)) {
    shared = new Uint8Array(new SharedArrayBuffer(bytes.length));
    shared.set(bytes);
  }
  const digests: StateDigests = {
    lanes: new Uint32Array(new SharedArrayBuffer(entries * 8)),
    progress: new Int32Array(new SharedArrayBuffer(4)),
  };
  let worker: Worker;
  try {
    worker = new Worker(new URL('./state-digest-worker.js', import.meta.url), { workerData: { bytes: shared, ...digests } });
  } catch {
    return undefined;
  }
  // Never keeps the run alive; a worker that fails has done what it did.
  worker.unref();
  worker.on('error', () => undefined);
  return digests;
}

/** The digests of one application's texts: `count` of them from `base` on, in the order read. */
export class EntryDigests {
  private readonly scratch = new Uint32Array(2);

  constructor(
    private readonly digests: StateDigests,
    private readonly base: number,
    private readonly count: number,
  ) {}

  /** Whether text `n`'s digest is ready and equals the declaration's (a text added since has none). */
  matches(n: number, declared: object, protect: true | undefined): boolean {
    if (n >= this.count) return false;
    const at = this.base + n;
    if (Atomics.load(this.digests.progress, 0) <= at) return false;
    digestApplied(declared, protect, 'Id', this.scratch, 0);
    return this.scratch[0] === this.digests.lanes[2 * at] && this.scratch[1] === this.digests.lanes[2 * at + 1];
  }
}

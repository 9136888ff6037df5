import { isInterrupted } from '../core/calls/retry.js';
import { ExitCode } from './errors.js';
import type { Io } from './io.js';

/** 130 after SIGINT, 143 after SIGTERM, as shells report a process those signals stopped. */
export function interruptedExitCode(signal: AbortSignal): number {
  return signal.reason === 'SIGTERM' ? 143 : 130;
}

/**
 * Runs the reads that come before any write (the plan's refresh, a saved plan's check for
 * staleness): a signal during them ends the run with its exit code and a line saying that nothing
 * was sent, instead of an error from the read that was cut short.
 */
export async function beforeWrites<T>(signal: AbortSignal, io: Io, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!signal.aborted || !isInterrupted(error)) throw error;
    io.err(`Interrupted while reading Pinpoint, before any write: nothing was sent and the state is unchanged.\n`);
    throw new ExitCode(interruptedExitCode(signal));
  }
}

/**
 * SIGINT and SIGTERM during an apply: the first stops new requests (the abort reason names the
 * signal) and lets those in flight finish and be recorded; a second exits at once, which loses
 * nothing either, since every confirmed request is already in the state journal; `beforeExit`
 * (removing the run's lock) runs first.
 */
export function interruptOnSignals(io: Io, beforeExit?: () => void): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const handlers = new Map<NodeJS.Signals, () => void>();
  for (const name of ['SIGINT', 'SIGTERM'] as const) {
    const handler = () => {
      if (controller.signal.aborted) {
        io.err(`\nSecond ${name}: stopping now; the state journal has every confirmed request.\n`);
        // The lock goes with the run (the journal is replayed by the next one).
        beforeExit?.();
        process.exit(name === 'SIGTERM' ? 143 : 130);
      }
      io.err(`\n${name} received: no new request will start; finishing those in flight, then saving the state.\n`);
      controller.abort(name);
    };
    handlers.set(name, handler);
    process.on(name, handler);
  }
  return {
    signal: controller.signal,
    dispose: () => {
      for (const [name, handler] of handlers) process.off(name, handler);
    },
  };
}

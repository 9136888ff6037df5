import type { Io } from './io.js';

/**
 * SIGINT and SIGTERM during an apply: the first stops new requests (the abort reason names the
 * signal) and lets those in flight finish and be recorded; a second exits at once, which loses
 * nothing either, since every confirmed request is already in the state journal.
 */
export function interruptOnSignals(io: Io): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const handlers = new Map<NodeJS.Signals, () => void>();
  for (const name of ['SIGINT', 'SIGTERM'] as const) {
    const handler = () => {
      if (controller.signal.aborted) {
        io.err(`\nSecond ${name}: stopping now; the state journal has every confirmed request.\n`);
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

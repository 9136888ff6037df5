import type { Io } from './io.js';

export interface Progress {
  update(done: number, total: number): void;
  retried(): void;
  /** Clears a terminal progress bar before the final output. */
  finish(): void;
}

/**
 * Apply's progress, always on stderr so stdout stays the result: a bar redrawn in place on a
 * terminal, otherwise (CI logs) a plain line every few seconds.
 */
export function createProgress(io: Io, options: { intervalMs?: number; now?: () => number } = {}): Progress {
  const now = options.now ?? Date.now;
  const interval = options.intervalMs ?? (io.stderrIsTTY ? 100 : 5000);
  // The clock starts with the first request done, not with the run: reads and planning come first.
  let started: number | undefined;
  let last = 0;
  let retries = 0;
  let drawn = false;
  let state = { done: 0, total: 0 };

  const describe = () => {
    const seconds = Math.max((now() - (started ?? now())) / 1000, 0.001);
    const rate = state.done / seconds;
    const eta = rate > 0 ? Math.ceil((state.total - state.done) / rate) : undefined;
    const retryText = retries > 0 ? `, ${retries} ${retries === 1 ? 'retry' : 'retries'}` : '';
    return `${state.done.toLocaleString('en-US')}/${state.total.toLocaleString('en-US')} endpoints, ${rate.toFixed(0)}/s${eta === undefined ? '' : `, ETA ${eta} s`}${retryText}`;
  };
  const draw = (force: boolean) => {
    const t = now();
    if (!force && t - last < interval) return;
    last = t;
    if (io.stderrIsTTY) {
      const width = 24;
      const filled = state.total === 0 ? width : Math.round((state.done / state.total) * width);
      io.err(`\r\u001b[2K[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${describe()}`);
      drawn = true;
    } else {
      io.err(`Applying: ${describe()}\n`);
    }
  };
  return {
    update(done, total) {
      if (started === undefined) {
        started = now();
        last = started;
      }
      state = { done, total };
      draw(false);
    },
    retried() {
      retries++;
    },
    finish() {
      if (drawn) io.err('\r\u001b[2K');
    },
  };
}

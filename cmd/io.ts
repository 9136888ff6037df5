import { COLOURED, PLAIN, type Style } from '../core/render/index.js';

/** Everything cmd/ writes goes through here: results to stdout, everything else to stderr. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  readonly stdinIsTTY: boolean;
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

export function processIo(): Io {
  // A reader that went away (`pinsync state list | head`) ends stdout, not the run: an apply
  // still finishes what it started and commits its state, and the rest of its output is dropped.
  let stdoutGone = false;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    stdoutGone = true;
  });
  return {
    out: (text) => {
      if (!stdoutGone) process.stdout.write(text);
    },
    err: (text) => void process.stderr.write(text),
    stdinIsTTY: process.stdin.isTTY === true,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    env: process.env,
    cwd: process.cwd(),
  };
}

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org) or --no-color. */
export function styleFor(io: Io, colorFlag: boolean | undefined): Style {
  if (colorFlag === false) return PLAIN;
  if (io.env['NO_COLOR'] !== undefined && io.env['NO_COLOR'] !== '') return PLAIN;
  return io.stdoutIsTTY ? COLOURED : PLAIN;
}

import { isProviderError } from '../providers/types.js';

/** A mistake the user can fix: printed as one line, never with a stack trace. Exit code 1. */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

/** Stops the run with an exit code after its message has already been printed. */
export class ExitCode extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
    this.name = 'ExitCode';
  }
}

/** Errors from core/ whose message is written for the user: a lock held, a damaged state file. */
const USER_FACING = new Set(['StateLockedError', 'StateFileError']);

/** The only place that turns a thrown value into a message and an exit code. */
export function describeFailure(error: unknown): { message: string; code: number; internal: boolean } {
  if (error instanceof ExitCode) return { message: '', code: error.code, internal: false };
  if (error instanceof UserError) return { message: `Error: ${error.message}`, code: 1, internal: false };
  if (isProviderError(error)) return { message: `Error: ${error.message}`, code: 1, internal: false };
  if (error instanceof Error && USER_FACING.has(error.name)) return { message: `Error: ${error.message}`, code: 1, internal: false };
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return {
    message: `Internal error (a bug in pinsync; please report it with this output):\n${detail}`,
    code: 1,
    internal: true,
  };
}

// `pinsync emulator`: start the server, say where it listens, and stop cleanly on SIGINT/SIGTERM.
// On either signal the emulator closes itself (stops listening, saves the data file); with nothing
// else holding the event loop the process then ends on its own with exit code 0. The caller may
// also close() it earlier; closing twice is harmless, and closing removes the signal handlers.

import { describeFaults } from './fault-flags.js';
import type { EmulatorFaults } from './faults.js';
import { startEmulator, type RunningEmulator } from './server.js';

/** A long-running server keeps only this many recorded requests, so memory stays bounded. */
const CLI_RECORDED_REQUESTS = 1000;
const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

export async function runEmulatorCommand(opts: {
  host: string;
  port: number;
  dataFile?: string;
  /** Injected failures (see faultsFromFlags for the command-line flags); default none. */
  faults?: EmulatorFaults;
  /** Access key Id to secret: check every request's signature (EmulatorOptions.credentials). */
  credentials?: Readonly<Record<string, string>>;
  out: (line: string) => void;
}): Promise<RunningEmulator> {
  const emulator = await startEmulator({
    host: opts.host,
    port: opts.port,
    dataFile: opts.dataFile,
    maxRecordedRequests: CLI_RECORDED_REQUESTS,
    faults: opts.faults,
    credentials: opts.credentials,
  });
  const closeEmulator = emulator.close;
  const close = () => {
    for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
    return closeEmulator();
  };
  const onSignal = () => {
    close().catch((error: unknown) => {
      opts.out(`Pinpoint emulator: ${(error as Error).message}`);
      process.exitCode = 1;
    });
  };
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  opts.out(`Pinpoint emulator listening on ${emulator.url}`);
  if (opts.faults) opts.out(`Fault injection: ${describeFaults(opts.faults)}`);
  if (opts.credentials) opts.out(`Signatures checked for access keys: ${Object.keys(opts.credentials).join(', ')}`);
  // Assigned rather than spread: a spread would copy the value of the live `faults` accessor.
  return Object.assign(emulator, { close });
}

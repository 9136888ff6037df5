import { faultsFromFlags, runEmulatorCommand } from '../../providers/emulator/index.js';
import type { EmulatorArgs } from '../emulator-options.js';
import { UserError } from '../errors.js';
import type { Io } from '../io.js';

/** `pinsync emulator`: serve until SIGINT or SIGTERM; the emulator then saves its data file and the process exits 0. */
export async function runEmulator(args: EmulatorArgs, io: Io): Promise<void> {
  let faults;
  try {
    faults = faultsFromFlags(args);
  } catch (error) {
    throw new UserError((error as Error).message);
  }
  await runEmulatorCommand({ host: args.host, port: args.port, dataFile: args.data, faults, out: (line) => io.out(line + '\n') });
}

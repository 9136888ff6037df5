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
  const credentials = args.credentials === undefined ? undefined : parseCredentials(args.credentials);
  await runEmulatorCommand({ host: args.host, port: args.port, dataFile: args.data, faults, credentials, out: (line) => io.out(line + '\n') });
}

/** `--credentials KEY_ID:SECRET`, repeatable: the access keys whose signatures the emulator accepts. */
function parseCredentials(values: readonly string[]): Record<string, string> {
  const credentials: Record<string, string> = {};
  for (const value of values) {
    const colon = value.indexOf(':');
    if (colon <= 0 || colon === value.length - 1) {
      throw new UserError(`--credentials takes KEY_ID:SECRET (an access key Id, a colon, its secret access key), not "${value}"`);
    }
    credentials[value.slice(0, colon)] = value.slice(colon + 1);
  }
  return credentials;
}

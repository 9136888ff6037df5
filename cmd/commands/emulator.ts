import { runEmulatorCommand } from '../../providers/emulator/cli.js';
import type { Io } from '../io.js';

/** `pinsync emulator`: serve until interrupted. */
export async function runEmulator(args: { port: number; host: string; data?: string }, io: Io): Promise<void> {
  await runEmulatorCommand({ host: args.host, port: args.port, dataFile: args.data, out: (line) => io.out(line + '\n') });
}

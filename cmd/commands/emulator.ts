import { runEmulatorCommand } from '../../providers/emulator/index.js';
import type { Io } from '../io.js';

/** `pinsync emulator`: serve until SIGINT or SIGTERM; the emulator then saves its data file and the process exits 0. */
export async function runEmulator(args: { port: number; host: string; data?: string }, io: Io): Promise<void> {
  await runEmulatorCommand({ host: args.host, port: args.port, dataFile: args.data, out: (line) => io.out(line + '\n') });
}

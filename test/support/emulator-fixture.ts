import { startEmulator, type RunningEmulator } from '../../providers/emulator/index.js';
import { TEST_CREDENTIALS } from './cli.js';
import { tempDir } from './fixtures.js';

export interface EmulatorFixture {
  emu: RunningEmulator;
  dir: string;
}

/**
 * Gives each test of the calling suite a fresh emulator on a loopback port and an empty folder.
 * The emulator checks every request's signature: made with the credentials emulatorEnv() gives,
 * or with one of `options.credentials` (access key Id to secret).
 */
export function useEmulator(options: { readonly credentials?: Readonly<Record<string, string>>; readonly clockOffsetMs?: number } = {}): EmulatorFixture {
  const fixture = {} as EmulatorFixture;
  beforeEach(async () => {
    const credentials = { [TEST_CREDENTIALS.accessKeyId]: TEST_CREDENTIALS.secretAccessKey, ...options.credentials };
    fixture.emu = await startEmulator({ port: 0, credentials, clockOffsetMs: options.clockOffsetMs ?? 0 });
    fixture.dir = await tempDir();
  });
  afterEach(async () => {
    await fixture.emu.close();
  });
  return fixture;
}

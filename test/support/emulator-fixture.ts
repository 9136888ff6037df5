import { startEmulator, type RunningEmulator } from '../../providers/emulator/index.js';
import { tempDir } from './fixtures.js';

export interface EmulatorFixture {
  emu: RunningEmulator;
  dir: string;
}

/** Gives each test of the calling suite a fresh emulator on a loopback port and an empty folder. */
export function useEmulator(): EmulatorFixture {
  const fixture = {} as EmulatorFixture;
  beforeEach(async () => {
    fixture.emu = await startEmulator({ port: 0 });
    fixture.dir = await tempDir();
  });
  afterEach(async () => {
    await fixture.emu.close();
  });
  return fixture;
}

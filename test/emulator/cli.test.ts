import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runEmulatorCommand } from '../../providers/emulator/index.js';
import { email, getEndpoint, makeClient, putBatch } from './harness.js';

describe('emulator: command', () => {
  it('prints where it listens, serves the SDK and saves its data file on close', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pinsync-emu-cli-'));
    const lines: string[] = [];
    const dataFile = join(dir, 'data.json');
    const emu = await runEmulatorCommand({ host: '127.0.0.1', port: 0, dataFile, out: (l) => lines.push(l) });
    const client = makeClient(emu.url);
    try {
      assert.match(emu.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.deepEqual(lines, [`Pinpoint emulator listening on ${emu.url}`]);
      await putBatch(client, [email('e1')]);
      assert.equal((await getEndpoint(client, 'e1')).Id, 'e1');
    } finally {
      client.destroy();
      await emu.close();
    }
    const saved = JSON.parse(await readFile(dataFile, 'utf8'));
    assert.equal(saved.applications['app-1'].endpoints[0].Id, 'e1');
    await rm(dir, { recursive: true, force: true });
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`on ${signal} it saves the data file and the process exits with 0`, async () => {
      const dir = await mkdtemp(join(tmpdir(), 'pinsync-emu-sig-'));
      const dataFile = join(dir, 'data.json');
      const cli = fileURLToPath(new URL('../../providers/emulator/cli.js', import.meta.url));
      const script = `
        const { runEmulatorCommand } = await import(${JSON.stringify(cli)});
        const emu = await runEmulatorCommand({ host: '127.0.0.1', port: 0, dataFile: ${JSON.stringify(dataFile)}, out: console.log });
        emu.store.putItems('app', [{ Id: 'e1', ChannelType: 'EMAIL' }]);`;
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
      try {
        const [firstLine] = (await once(child.stdout, 'data')) as [Buffer];
        assert.match(firstLine.toString(), /^Pinpoint emulator listening on http:\/\/127\.0\.0\.1:\d+\n$/);
        child.kill(signal);
        const [code] = (await once(child, 'exit')) as [number | null];
        assert.equal(code, 0);
        const saved = JSON.parse(await readFile(dataFile, 'utf8'));
        assert.equal(saved.applications.app.endpoints[0].Id, 'e1');
      } finally {
        child.kill('SIGKILL');
        await rm(dir, { recursive: true, force: true });
      }
    });
  }
});

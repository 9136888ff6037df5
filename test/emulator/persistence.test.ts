import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startEmulator, type RunningEmulator } from '../../providers/emulator/index.js';
import { APP, email, emailItem, getEndpoint, getUser, makeClient, putBatch } from './harness.js';

describe('emulator: data file', () => {
  let dir: string;
  const running: RunningEmulator[] = [];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pinsync-emu-'));
  });
  afterEach(async () => {
    for (const emu of running.splice(0)) await emu.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function start(dataFile: string): Promise<RunningEmulator> {
    const emu = await startEmulator({ port: 0, dataFile });
    running.push(emu);
    return emu;
  }

  it('state written over HTTP survives a restart on the same file', async () => {
    const file = join(dir, 'nested', 'deeper', 'state.json'); // parent folders do not exist yet
    const first = await start(file);
    const client1 = makeClient(first.url);
    await putBatch(client1, [
      email('Keep-Case', { Attributes: { a: ['1'] }, User: { UserId: 'u1' } }),
      { Id: 'p1', ChannelType: 'APNS', Address: 'tok', User: { UserId: 'u1' } },
    ]);
    const written = await getEndpoint(client1, 'keep-case');
    client1.destroy();
    await first.close();
    running.length = 0;

    const second = await start(file);
    const client2 = makeClient(second.url);
    try {
      assert.deepEqual(await getEndpoint(client2, 'KEEP-CASE'), written);
      assert.deepEqual((await getUser(client2, 'u1')).map((e) => e.Id).sort(), ['Keep-Case', 'p1']);
      assert.deepEqual(second.store.attributeKeys(APP), ['Attributes.a']);
    } finally {
      client2.destroy();
    }
  });

  it('saves are coalesced: not at once, but within the save delay, and at once on flush()', async () => {
    const file = join(dir, 'state.json');
    const emu = await start(file);
    emu.store.putItems(APP, [emailItem('e1')], 'r1');
    assert.ok(!existsSync(file), 'no save right after the write');
    await sleep(400);
    assert.equal(JSON.parse(await readFile(file, 'utf8')).applications[APP].endpoints.length, 1);
    emu.store.putItems(APP, [emailItem('e2')], 'r2');
    await emu.flush();
    assert.equal(JSON.parse(await readFile(file, 'utf8')).applications[APP].endpoints.length, 2);
  });

  it('close() saves, and no temporary file is left behind', async () => {
    const file = join(dir, 'state.json');
    const emu = await start(file);
    emu.store.putItems(APP, [emailItem('e1')], 'r1');
    await emu.close();
    assert.deepEqual(await readdir(dir), ['state.json']);
    const saved = JSON.parse(await readFile(file, 'utf8'));
    assert.equal(saved.format, 'pinsync-emulator-store/1');
    assert.equal(saved.applications[APP].endpoints[0].Id, 'e1');
  });

  it('an absent file is an empty store', async () => {
    const emu = await start(join(dir, 'none.json'));
    assert.deepEqual(emu.store.applicationIds(), []);
  });

  it('a corrupt file is a clear error naming the file', async () => {
    const file = join(dir, 'bad.json');
    await writeFile(file, '{"format": "pinsync-emulator-store/1", "applications": ');
    await assert.rejects(startEmulator({ port: 0, dataFile: file }), (e: Error) => {
      assert.match(e.message, /Emulator data file .*bad\.json is corrupt/);
      return true;
    });
    await writeFile(file, JSON.stringify({ format: 'something-else', applications: {} }));
    await assert.rejects(startEmulator({ port: 0, dataFile: file }), /bad\.json is corrupt: unknown format/);
  });
});

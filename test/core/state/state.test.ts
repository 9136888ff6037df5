import assert from 'node:assert/strict';
import { appendFile, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  acquireLock,
  currentLockInfo,
  journalPathFor,
  readState,
  StateFileError,
  StateLockedError,
  StateStore,
} from '../../../core/state/index.js';
import { tempDir } from '../../support/fixtures.js';

describe('state file', () => {
  it('starts empty when there is no file, and round-trips through commit', async () => {
    const path = join(await tempDir(), 'pinsync.state.json');
    const store = await StateStore.open(path);
    assert.equal(store.state.serial, 0);
    await store.record('app', { set: [{ id: 'A', applied: { ChannelType: 'EMAIL' } }] });
    await store.commit();
    const read = await readState(path);
    assert.equal(read.serial, 1);
    assert.equal(read.lineage, store.state.lineage);
    assert.deepEqual(read.applications, { app: { endpoints: { a: { id: 'A', applied: { ChannelType: 'EMAIL' } } } } });
    assert.deepEqual((await readdir(join(path, '..'))).sort(), ['pinsync.state.json'], 'no journal or temporary file left');
  });

  it('replays the journal a crashed run left, ignoring a last line cut short', async () => {
    const dir = await tempDir();
    const path = join(dir, 'pinsync.state.json');
    const store = await StateStore.open(path);
    await store.record('app', { set: [{ id: 'a', applied: {} }, { id: 'b', applied: {} }] });
    await store.record('app', { remove: ['a'] });
    // The process dies here: no commit. Its last append was cut short.
    await store.abandon();
    await appendFile(journalPathFor(path), '{"app":"app","set":[{"id":"c"');
    const recovered = await StateStore.open(path);
    assert.deepEqual(Object.keys(recovered.state.applications['app']?.endpoints ?? {}), ['b']);
    await recovered.commit();
    assert.deepEqual(Object.keys((await readState(path)).applications['app']?.endpoints ?? {}), ['b']);
  });

  it('refuses a damaged or foreign state file with a message that says what to do', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'broken.json'), '{"format": "pinsync-state/1", "lin');
    await assert.rejects(readState(join(dir, 'broken.json')), (e: Error) => e instanceof StateFileError && /not valid JSON.*restore it/.test(e.message));
    await writeFile(join(dir, 'other.json'), '{"version": 4}');
    await assert.rejects(readState(join(dir, 'other.json')), (e: Error) => e instanceof StateFileError && /is not a pinsync state file/.test(e.message));
  });

  it('writes one endpoint a line with sorted keys, so state diffs review well', async () => {
    const path = join(await tempDir(), 's.json');
    const store = await StateStore.open(path);
    await store.record('app', { set: [{ id: 'b', applied: { Address: 'x', ChannelType: 'SMS' } }, { id: 'a', applied: {} }] });
    await store.commit();
    const lines = (await readFile(path, 'utf8')).split('\n');
    assert.ok(lines.includes('        "a": {"applied":{},"id":"a"},'));
    assert.ok(lines.includes('        "b": {"applied":{"Address":"x","ChannelType":"SMS"},"id":"b"}'));
  });
});

describe('state lock', () => {
  it('lets one holder in at a time and names it', async () => {
    const path = join(await tempDir(), 'pinsync.state.json');
    const release = await acquireLock(path, currentLockInfo('pinsync apply'));
    await assert.rejects(acquireLock(path, currentLockInfo('pinsync apply')), (e: Error) => {
      assert.ok(e instanceof StateLockedError);
      assert.equal(e.holder?.pid, process.pid);
      assert.equal(e.holderAlive, true);
      return true;
    });
    await release();
    const again = await acquireLock(path, currentLockInfo('pinsync apply'));
    await again();
  });

  it('says when the holder is a process that no longer runs', async () => {
    const path = join(await tempDir(), 'pinsync.state.json');
    const info = { ...currentLockInfo('pinsync apply'), pid: 2 ** 22 + 17 };
    await writeFile(`${path}.lock`, JSON.stringify(info));
    await assert.rejects(acquireLock(path, currentLockInfo('x')), /no longer running: run `pinsync state unlock --state [^`]*pinsync\.state\.json`/);
  });
});

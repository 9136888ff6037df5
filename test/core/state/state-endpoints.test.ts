import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { planChanges } from '../../../core/plan/index.js';
import { loadState, readState, renderState, StateFileError, StateStore, type State, type StateEndpoint } from '../../../core/state/index.js';
import type { EndpointItem } from '../../../providers/types.js';
import { tempDir } from '../../support/fixtures.js';

const ENDPOINTS: Record<string, StateEndpoint> = {
  'user-1-email': { id: 'User-1-Email', applied: { ChannelType: 'EMAIL', Address: 'a@example.com', Attributes: { Plan: ['pro'], Interests: ['Music', 'Books'] }, Metrics: { ltv: 12.5 } } },
  'weird "id"\\x': { id: 'Weird "Id"\\x', applied: { ChannelType: 'SMS', Address: '+12065550100' }, protect: true },
  'ü-device': { id: 'ü-device', applied: { ChannelType: 'GCM', Address: 'tok', Demographic: { Locale: 'de_DE' } } },
};
const STATE: State = {
  format: 'pinsync-state/1',
  lineage: '0b5e1f2a-3c4d-4e5f-8a9b-0c1d2e3f4a5b',
  serial: 7,
  applications: { app1: { endpoints: ENDPOINTS }, app2: { endpoints: { x: { id: 'X', applied: { ChannelType: 'EMAIL', Address: 'x@example.com' } } } }, empty: { endpoints: {} } },
};

function plain(map: ReadonlyMap<string, StateEndpoint>): Record<string, StateEndpoint> {
  return Object.fromEntries(map);
}

async function stateFile(text: string): Promise<string> {
  const path = join(await tempDir(), 'pinsync.state.json');
  await writeFile(path, text);
  return path;
}

describe('state file, read lazily', () => {
  it('reads a file as renderState lays it out to the same endpoints as parsing it whole', async () => {
    const path = await stateFile(renderState(STATE));
    const loaded = await loadState(path);
    assert.equal(loaded.lineage, STATE.lineage);
    assert.equal(loaded.serial, 7);
    assert.deepEqual([...loaded.applications.keys()].sort(), ['app1', 'app2', 'empty']);
    for (const [app, { endpoints }] of Object.entries(STATE.applications)) {
      const map = loaded.applications.get(app)!;
      // Kept as text until asked for: the text is the entry's canonical JSON.
      for (const key of Object.keys(endpoints)) assert.ok(map.textOf(key)?.startsWith('{"applied":'), key);
      assert.deepEqual(plain(map), endpoints);
    }
    assert.deepEqual(await readState(path), STATE);
  });

  it('reads a state file laid out any other way (reformatted by hand) whole, to the same endpoints', async () => {
    const path = await stateFile(JSON.stringify(STATE, null, 4));
    const loaded = await loadState(path);
    assert.equal(loaded.serial, 7);
    assert.deepEqual(plain(loaded.applications.get('app1')!), ENDPOINTS);
  });

  it('reads a key edited by hand into another case as the lowercased Id it stands for', async () => {
    const rendered = renderState(STATE).replace('"user-1-email": {', '"USER-1-Email": {');
    const reformatted = JSON.stringify(JSON.parse(rendered), null, 4);
    for (const text of [rendered, reformatted]) {
      const map = (await loadState(await stateFile(text))).applications.get('app1')!;
      assert.deepEqual(map.get('user-1-email'), ENDPOINTS['user-1-email']);
      assert.equal(map.has('USER-1-Email'), false);
    }
  });

  it('says what an empty file, a newer format and a byte-order mark are', async () => {
    await assert.rejects(loadState(await stateFile('')), (e: unknown) => e instanceof StateFileError && /is empty: if no apply ever used it, delete it/.test(e.message));
    const newer = renderState(STATE).replace('"pinsync-state/1"', '"pinsync-state/2"');
    await assert.rejects(loadState(await stateFile(newer)), (e: unknown) => e instanceof StateFileError && /of format pinsync-state\/2, which a newer pinsync writes; .*upgrade pinsync/.test(e.message));
    const bom = await loadState(await stateFile(`\ufeff${renderState(STATE)}`));
    assert.deepEqual(plain(bom.applications.get('app1')!), ENDPOINTS);
  });

  it('reports an entry damaged inside its line when it is used, naming the entry and what to do', async () => {
    const text = renderState(STATE).replace('"Address":"a@example.com"', '"Address":"a@example.com');
    const loaded = await loadState(await stateFile(text));
    const map = loaded.applications.get('app1')!;
    assert.deepEqual(map.get('ü-device'), ENDPOINTS['ü-device'], 'the other entries are fine');
    assert.throws(
      () => map.get('user-1-email'),
      (e: unknown) => e instanceof StateFileError && /not valid JSON, for "user-1-email"/.test(e.message) && /restore the file/.test(e.message),
    );
  });

  it('reports a key or an application id with an escape JSON does not know as invalid JSON, not as a crash', async () => {
    for (const [from, to] of [['"user-1-email": {', '"user-\\q": {'], ['"app2": {', '"app\\q": {']]) {
      const path = await stateFile(renderState(STATE).replace(from!, to!));
      await assert.rejects(loadState(path), (e: unknown) => e instanceof StateFileError && /is not valid JSON/.test(e.message));
    }
  });

  it('falls back to parsing whole, and its error, when a line is cut short', async () => {
    const text = renderState(STATE);
    const path = await stateFile(text.slice(0, text.indexOf('"app2"') - 20));
    await assert.rejects(loadState(path), (e: unknown) => e instanceof StateFileError && /is not valid JSON/.test(e.message));
  });

  it('writes entries it never parsed back byte for byte, and changed ones as canonical JSON', async () => {
    const path = await stateFile(renderState(STATE));
    const store = await StateStore.open(path);
    const changed: StateEndpoint = { id: 'User-1-Email', applied: { ChannelType: 'EMAIL', Address: 'b@example.com' } };
    await store.record('app1', { set: [changed], remove: ['ü-device'] });
    await store.commit();
    const expected: State = {
      ...STATE,
      serial: 8,
      applications: { app1: { endpoints: { 'user-1-email': changed, 'weird "id"\\x': ENDPOINTS['weird "id"\\x']! } }, app2: STATE.applications['app2']! },
    };
    assert.equal(await readFile(path, 'utf8'), renderState(expected));
  });
});

describe('state file, read lazily: any state', () => {
  // Any text, quotes, backslashes, control characters and non-ASCII included, in Ids, application
  // ids and values: the line-by-line reading gives what parsing the whole file gives.
  const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 8 }), fc.constantFrom('"', '\\', '": {', 'a\\"b', '\n', 'é', ''));
  const endpoint = fc.record({
    id: text,
    applied: fc.dictionary(text, fc.oneof(text, fc.double({ noNaN: true, noDefaultInfinity: true }), fc.array(text, { maxLength: 3 }), fc.dictionary(text, text, { maxKeys: 3 })), { maxKeys: 4 }),
    protect: fc.constantFrom(true as const, undefined),
  });
  // Keys as pinsync writes them (lower case, no escapes) are read through the entry index; any
  // other key sends the whole file to the line-by-line reading.
  const plainKey = fc.string({ unit: fc.constantFrom(...'abz09-_.@ '), maxLength: 8 });
  const stateOf = (key: fc.Arbitrary<string>) =>
    fc.record({
      lineage: text,
      serial: fc.nat(),
      applications: fc.dictionary(text, fc.record({ endpoints: fc.dictionary(key, endpoint, { maxKeys: 5 }) }), { maxKeys: 3 }),
    });

  for (const [keys, key] of [['any keys', text], ['keys as pinsync writes them', plainKey]] as const) {
    it(`reads every rendered state to the endpoints readState gives (${keys})`, async () => {
      const dir = await tempDir();
      let n = 0;
      await fc.assert(
        fc.asyncProperty(stateOf(key), async (s) => {
          const whole: State = JSON.parse(JSON.stringify({ format: 'pinsync-state/1', ...s }));
          const path = join(dir, `state-${n++}.json`);
          await writeFile(path, renderState(whole));
          const expected = await readState(path);
          const loaded = await loadState(path);
          assert.equal(loaded.lineage, expected.lineage);
          assert.equal(loaded.serial, expected.serial);
          assert.deepEqual([...loaded.applications.keys()].sort(), Object.keys(expected.applications).sort());
          for (const [app, { endpoints }] of Object.entries(expected.applications)) {
            const map = loaded.applications.get(app)!;
            assert.equal(map.size, Object.keys(endpoints).length);
            for (const key of Object.keys(endpoints)) assert.ok(map.holdsText(key), 'kept as text: read line by line');
            assert.deepEqual(plain(map), endpoints);
          }
        }),
        { numRuns: 200 },
      );
    });
  }
});

describe('planning from a lazily read state', () => {
  const declared = (e: StateEndpoint): EndpointItem => ({ Id: e.id, ...e.applied }) as EndpointItem;

  it('plans the same as from plain values, parsing only what it must keep', async () => {
    const loaded = await loadState(await stateFile(renderState(STATE)));
    const lazy = loaded.applications.get('app1')!;
    const desired = [
      { endpoint: declared(ENDPOINTS['user-1-email']!) },
      { endpoint: { ...declared(ENDPOINTS['ü-device']!), Address: 'tok2' } },
    ];
    const fromMap = new Map(Object.entries(ENDPOINTS));
    const options = { applicationId: 'app1', desired, liveIsLastApplied: true } as const;
    const a = planChanges({ ...options, lastApplied: lazy, live: { get: (k: string) => liveOf(lazy.get(k)) } });
    const b = planChanges({ ...options, lastApplied: fromMap, live: { get: (k: string) => liveOf(fromMap.get(k)) } });
    assert.deepEqual(a, b);
    assert.deepEqual(a.summary, { create: 0, update: 1, replace: 0, delete: 0, unchanged: 1, drift: 0 });
    assert.ok(lazy.holdsText('user-1-email'), 'an unchanged entry is compared, not kept parsed');
    assert.ok(!lazy.holdsText('ü-device'), 'a changed one is kept');
  });
});

function liveOf(e: StateEndpoint | undefined) {
  return e === undefined ? undefined : { ...e.applied, Id: e.id };
}


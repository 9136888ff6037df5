import assert from 'node:assert/strict';
import fc from 'fast-check';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EntryIndex } from '../../../core/state/entry-index.js';
import { loadState, readState, renderState, StateStore, type State, type StateEndpoint, type StateEndpoints } from '../../../core/state/index.js';
import { tempDir } from '../../support/fixtures.js';

const APP = 'app1';

function stateWith(keys: readonly string[]): State {
  const endpoints: Record<string, StateEndpoint> = {};
  keys.forEach((key, i) => (endpoints[key] = { id: key.toUpperCase(), applied: { ChannelType: 'EMAIL', Address: `${i}@example.com`, Attributes: { Plan: [`p${i}`] } }, ...(i % 3 === 0 && { protect: true as const }) }));
  return { format: 'pinsync-state/1', lineage: 'l-1', serial: 3, applications: { [APP]: { endpoints } } };
}

/** The index of the only application's entries in a rendered state, or undefined. */
function indexOf(text: string): EntryIndex | undefined {
  const start = text.indexOf('      "endpoints": {\n') + '      "endpoints": {\n'.length;
  return EntryIndex.build(text, start)?.index;
}

describe('state entry index', () => {
  const keys = ['user-1-email', 'user-10-sms', 'user-2-push', 'a', '', 'x y!~#$%&()*+,./:;<=>?@[]^_`{|}'];

  it('finds every entry of a rendered state by its key, with its text', () => {
    const state = stateWith(keys);
    const text = renderState(state);
    const index = indexOf(text)!;
    assert.ok(index, 'renderState writes what the index takes');
    assert.equal(index.count, keys.length);
    const sorted = [...keys].sort();
    assert.deepEqual(Array.from({ length: index.count }, (_, n) => index.keyAt(n)), sorted, 'in the file\'s order');
    for (const key of keys) {
      const n = index.find(key);
      assert.equal(index.keyAt(n), key);
      assert.deepEqual(JSON.parse(index.textAt(n)), state.applications[APP]!.endpoints[key]);
    }
    for (const absent of ['user-1', 'user-1-emai', 'user-1-emaill', 'USER-1-EMAIL', 'b', ' ']) assert.equal(index.find(absent), -1, absent);
  });

  it('takes only what renderState writes: anything else is left to the general reading', () => {
    const text = renderState(stateWith(['user-1-email', 'user-2-email']));
    const edits: [string, string][] = [
      ['"user-1-email": {', '"User-1-email": {'],
      ['"user-1-email": {', '"user-\\u0031-email": {'],
      ['"user-1-email": {', '"usér-1-email": {'],
      ['"user-1-email": {', '"user-2-email": {'],
      ['true},\n        "user-2', 'true}\n        "user-2'],
      ['"USER-2-EMAIL"}\n      }', '"USER-2-EMAIL"},\n      }'],
      ['true},\n        "user-2', 'true,\n        "user-2'],
      ['        "user-2-email"', '       "user-2-email"'],
      ['"user-2-email": {', '"user-2-email":{'],
    ];
    for (const [from, to] of edits) {
      assert.ok(text.includes(from), from);
      assert.equal(indexOf(text.replace(from, to)), undefined, `${from} -> ${to}`);
    }
    assert.equal(indexOf(text.slice(0, text.indexOf('"user-2-email"') + 5)), undefined, 'a text cut short');
  });

  it('finds any set of keys, and nothing else', () => {
    const key = fc.string({ unit: fc.constantFrom(...'abcxyz019-_.@ '), maxLength: 12 });
    fc.assert(
      fc.property(fc.uniqueArray(key, { maxLength: 80 }), fc.array(key, { maxLength: 20 }), (present, probes) => {
        const index = indexOf(renderState(stateWith(present)))!;
        assert.equal(index.count, present.length);
        for (const k of present) assert.equal(index.keyAt(index.find(k)), k);
        for (const k of probes) assert.equal(index.find(k) >= 0, present.includes(k));
      }),
      { numRuns: 300 },
    );
  });
});

describe('state file read through the entry index', () => {
  it('reads, changes and writes back as the general reading does', async () => {
    const keys = Array.from({ length: 40 }, (_, i) => `user-${i}-email`);
    const state = stateWith(keys);
    const dir = await tempDir();
    const path = join(dir, 'pinsync.state.json');
    await writeFile(path, renderState(state));
    const map = (await loadState(path)).applications.get(APP)!;
    assert.equal(map.size, 40);
    assert.deepEqual([...map.keys()], [...keys].sort());
    assert.ok(map.has('user-7-email') && !map.has('user-70-email'));
    assert.deepEqual(map.get('user-7-email'), state.applications[APP]!.endpoints['user-7-email']);
    assert.equal(map.holdsText('user-7-email'), false, 'get keeps what it parsed');
    assert.equal(map.holdsText('user-8-email'), true);
    assert.deepEqual(Object.fromEntries(map), state.applications[APP]!.endpoints);

    // Changing it moves every entry out of the index, in order, keeping what was parsed.
    const store = await StateStore.open(path);
    const changed: StateEndpoint = { id: 'User-3-Email', applied: { ChannelType: 'EMAIL', Address: 'new@example.com' } };
    await store.record(APP, { set: [changed, { id: 'Zed', applied: { ChannelType: 'SMS', Address: '+12065550100' } }], remove: ['user-5-email'] });
    await store.commit();
    const endpoints: Record<string, StateEndpoint> = { ...state.applications[APP]!.endpoints, 'user-3-email': changed, zed: { id: 'Zed', applied: { ChannelType: 'SMS', Address: '+12065550100' } } };
    delete endpoints['user-5-email'];
    assert.deepEqual(await readState(path), { ...state, serial: 4, applications: { [APP]: { endpoints } } });
  });

  it('iterates as a Map does when the entries change meanwhile', async () => {
    const keys = ['a', 'b', 'c', 'd'];
    const path = join(await tempDir(), 'pinsync.state.json');
    await writeFile(path, renderState(stateWith(keys)));
    const changes: [string, (m: Map<string, unknown> | StateEndpoints) => void][] = [
      ['delete one not reached, add one', (m) => (m.delete('c'), m.set('e', JSON.stringify({ applied: {}, id: 'E' })))],
      ['delete one reached', (m) => void m.delete('a')],
      ['add only', (m) => void m.set('f', JSON.stringify({ applied: {}, id: 'F' }))],
    ];
    for (const [what, change] of changes) {
      for (const at of [0, 1, 3]) {
        const map = (await loadState(path)).applications.get(APP)!;
        const plain = new Map(keys.map((k) => [k, k]));
        const seen = (m: Map<string, unknown> | StateEndpoints): string[] => {
          const out: string[] = [];
          for (const key of m.keys()) {
            if (out.length === at) change(m);
            out.push(key);
          }
          return out;
        };
        assert.deepEqual(seen(map), seen(plain), `${what}, at ${at}`);
      }
    }
  });
});

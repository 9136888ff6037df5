import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { planChanges } from '../../../core/plan/index.js';
import { digestApplied, digestEntryText } from '../../../core/state/applied-digest.js';
import { journalPathFor } from '../../../core/state/journal.js';
import { jsonEqual } from '../../../core/util/json-equal.js';
import { loadState, readState, renderState, StateFileError, StateStore, type State, type StateEndpoint, type StateEndpoints } from '../../../core/state/index.js';
import type { EndpointItem } from '../../../providers/types.js';
import { tempDir } from '../../support/fixtures.js';

function digest(value: object, protect?: unknown, skipKey?: string): [number, number] {
  const out = new Uint32Array(2);
  digestApplied(value, protect, skipKey, out, 0);
  return [out[0]!, out[1]!];
}

/** The same value with every object's keys in reverse order. */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).reverse().map((k) => [k, reversed((value as Record<string, unknown>)[k])]));
  }
  return value;
}

// As JSON.parse gives them (the state's entries) and the manifest reader builds them: plain objects,
// whose member names are data, names that objects inherit included.
const name = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('constructor', 'valueOf', 'toString', 'hasOwnProperty', '__proto__'));
const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.string({ maxLength: 4 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.array(tie('value'), { maxLength: 3 }), tie('object')),
  object: fc.dictionary(name, tie('value'), { maxKeys: 4 }),
})).value;
const object = fc.dictionary(name, json, { maxKeys: 6 }).map((v) => JSON.parse(JSON.stringify(v)) as object);

describe('applied digest', () => {
  it('is the same for values jsonEqual calls equal, whatever their key order', () => {
    fc.assert(
      fc.property(object, (value) => {
        const copy = JSON.parse(JSON.stringify(value)) as object;
        assert.ok(jsonEqual(copy, value));
        assert.ok(jsonEqual(reversed(value), value));
        assert.deepEqual(digest(copy), digest(value));
        assert.deepEqual(digest(reversed(value) as object), digest(value));
      }),
      { numRuns: 500 },
    );
  });

  it('differs for values that differ', () => {
    fc.assert(
      fc.property(object, object, (a, b) => {
        fc.pre(!jsonEqual(a, b));
        assert.notDeepEqual(digest(a), digest(b));
      }),
      { numRuns: 2000 },
    );
  });

  it('tells apart what JSON tells apart, and nothing else', () => {
    const differ: [object, object][] = [
      [{ a: 1 }, { a: '1' }],
      [{ a: [1, 2] }, { a: [2, 1] }],
      [{ a: [] }, { a: {} }],
      [{ a: null }, { a: false }],
      [{ a: true }, { a: 'true' }],
      [{ a: { b: 1 } }, { a: { b: 1, c: 1 } }],
      [{ ab: 'c' }, { a: 'bc' }],
      [{ a: ['bc'] }, { a: ['b', 'c'] }],
      [{ a: 'x', b: 'y' }, { a: 'y', b: 'x' }],
      [{ a: 0.1 + 0.2 }, { a: 0.3 }],
      [{ a: '\u00e9' }, { a: 'e\u0301' }],
      [{ constructor: ['a'] }, { constructor: ['b'] }],
      [{ valueOf: ['a'] }, {}],
    ];
    for (const [a, b] of differ) {
      assert.ok(!jsonEqual(a, b), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
      assert.notDeepEqual(digest(a), digest(b), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
    }
    // As in JSON: -0 is 0, and a member that is undefined is not there.
    assert.deepEqual(digest({ a: -0 }), digest({ a: 0 }));
    assert.deepEqual(digest({ a: 1, b: undefined }), digest({ a: 1 }));
    assert.ok(jsonEqual({ a: -0 }, { a: 0 }) && jsonEqual({ a: 1, b: undefined }, { a: 1 }));
    // Member names that plain objects inherit are only names: nothing is called or read through them.
    for (const name of ['constructor', 'valueOf', 'toString', '__proto__']) {
      const a = JSON.parse(`{"${name}": ["x"]}`) as object;
      const b = JSON.parse(`{"${name}": ["x"]}`) as object;
      assert.ok(jsonEqual(a, b), name);
      assert.deepEqual(digest(a), digest(b), name);
      assert.ok(!jsonEqual(a, {}), name);
    }
  });

  it('covers the protect flag, and leaves out the member it is told to', () => {
    const applied = { ChannelType: 'EMAIL', Address: 'a@example.com' };
    assert.notDeepEqual(digest(applied, true), digest(applied, undefined));
    assert.notDeepEqual(digest(applied, false), digest(applied, undefined));
    assert.notDeepEqual(digest(applied, false), digest(applied, true));
    assert.deepEqual(digest({ Id: 'X', ...applied }, undefined, 'Id'), digest(applied));
    assert.notDeepEqual(digest({ Id: 'X', ...applied }), digest(applied));
  });
});

/** The digest the worker makes of an entry's text; undefined where it leaves the entry to JSON.parse. */
function textDigest(entry: string): [number, number] | undefined {
  const out = new Uint32Array(2);
  return digestEntryText(entry, 0, entry.length, out, 0) ? [out[0]!, out[1]!] : undefined;
}

/** The same JSON text with spaces, tabs and newlines around its punctuation (none inside strings). */
function spaced(json: string, seed: number): string {
  let out = '';
  let inString = false;
  let k = seed;
  for (let i = 0; i < json.length; i++) {
    const c = json[i]!;
    if (inString) {
      out += c;
      if (c === '\\') out += json[++i];
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    if (!'{}[]:,'.includes(c)) {
      out += c;
      continue;
    }
    k = (k * 1103515245 + 12345) & 0x7fffffff;
    out += ['', ' ', '\t', '\n ', '\r\n'][k % 5] + c;
  }
  return out;
}

describe('entry digest, from the state file\'s text', () => {
  const protectFlag = fc.constantFrom(undefined, true, false, null);

  it('equals the digest of the entry JSON.parse makes of the text, in any layout', () => {
    fc.assert(
      fc.property(object, protectFlag, fc.string({ maxLength: 8 }), fc.boolean(), fc.nat(), (applied, protect, id, idFirst, seed) => {
        const entry: Record<string, unknown> = idFirst ? { id, applied } : { applied, id };
        if (protect !== undefined) entry['protect'] = protect;
        for (const text of [JSON.stringify(entry), spaced(JSON.stringify(entry), seed), JSON.stringify(entry, null, 2)]) {
          const parsed = JSON.parse(text) as { applied: object; protect?: unknown };
          assert.deepEqual(textDigest(text), digest(parsed.applied, parsed.protect), text);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('reads escapes and numbers as JSON.parse does', () => {
    const applied = {
      s: 'quote " backslash \\ slash / \b\f\n\r\t \u00e9 \ud83d\ude00 \u0000 lone \ud800',
      n: [0, -0, 12, -12, 1e3, 1.5e-2, 123456789012345, 1234567890123456789, 0.1, -7.25e300, 5e-324],
    };
    const text = JSON.stringify({ applied, id: 'x' });
    const escaped = text.replace('/', '\\/').replace('é', '\\u00E9').replace('1000', '1E3').replace('0.015', '1.5e-2');
    assert.notEqual(escaped, text);
    for (const t of [text, escaped]) assert.deepEqual(textDigest(t), digest(JSON.parse(t).applied), t);
  });

  it('leaves to JSON.parse whatever it would refuse, and entries pinsync would not read', () => {
    const refused = [
      '{"applied":{"a":01},"id":"x"}',
      '{"applied":{"a":1.},"id":"x"}',
      '{"applied":{"a":.5},"id":"x"}',
      '{"applied":{"a":+1},"id":"x"}',
      '{"applied":{"a":-},"id":"x"}',
      '{"applied":{"a":1e},"id":"x"}',
      '{"applied":{"a":"\\x"},"id":"x"}',
      '{"applied":{"a":"\\u12"},"id":"x"}',
      '{"applied":{"a":"tab\there"},"id":"x"}',
      '{"applied":{"a":[1,]},"id":"x"}',
      '{"applied":{"a":1,},"id":"x"}',
      '{"applied":{"a":tru},"id":"x"}',
      '{"applied":{"a":1},"id":"x"} x',
      '{"applied":{"a":1},"id":"x"',
      "{'applied':{},'id':'x'}",
    ];
    for (const text of refused) {
      assert.throws(() => JSON.parse(text), SyntaxError, text);
      assert.equal(textDigest(text), undefined, text);
    }
    const unread = [
      '{"applied":[1],"id":"x"}',
      '{"applied":{},"id":1}',
      '{"applied":{}}',
      '{"id":"x"}',
      '{"applied":{"a":1},"applied":{"a":2},"id":"x"}',
      // JSON.parse reads this name as "applied": the second one is the entry's.
      '{"applied":{"a":1},"appli\\u0065d":{"a":2},"id":"x"}',
    ];
    for (const text of unread) {
      assert.doesNotThrow(() => JSON.parse(text), text);
      assert.equal(textDigest(text), undefined, text);
    }
  });

  it('never digests a text JSON.parse refuses, nor gives a digest another entry would have', () => {
    const alphabet = fc.constantFrom('{', '}', '[', ']', ':', ',', '"', '\\', 'u', '0', '1', '-', '.', 'e', ' ', 'a', 'n', 't');
    fc.assert(
      fc.property(object, fc.array(fc.tuple(fc.nat(), fc.nat(3), alphabet), { minLength: 1, maxLength: 3 }), (applied, edits) => {
        let text = JSON.stringify({ applied, id: 'x' });
        for (const [where, kind, c] of edits) {
          const i = where % (text.length + 1);
          text = kind === 0 ? text.slice(0, i) + text.slice(i + 1) : kind === 1 ? text.slice(0, i) + c + text.slice(i) : text.slice(0, i) + c + text.slice(i + 1);
        }
        const got = textDigest(text);
        if (got === undefined) return;
        const parsed = JSON.parse(text) as { applied: object; id: unknown; protect?: unknown };
        assert.equal(typeof parsed.id, 'string', text);
        assert.ok(parsed.applied !== null && typeof parsed.applied === 'object' && !Array.isArray(parsed.applied), text);
        // Equal to the parsed entry's digest, unless a name repeated inside was kept once by JSON.parse.
        if (got.join() !== digest(parsed.applied, parsed.protect).join()) assert.notDeepEqual(textDigest(JSON.stringify(parsed)), got, text);
      }),
      { numRuns: 3000 },
    );
  });
});

const APP = 'app1';

function endpoint(i: number): StateEndpoint {
  return {
    id: `User-${i}-Email`,
    applied: { ChannelType: 'EMAIL', Address: `user.${i}@example.com`, Attributes: { Plan: [i % 2 ? 'pro' : 'free'] }, Metrics: { ltv: i / 4 }, User: { UserId: `u${i}` } },
    ...(i % 7 === 0 ? { protect: true as const } : {}),
  };
}

function stateOf(count: number): State {
  const endpoints: Record<string, StateEndpoint> = {};
  for (let i = 0; i < count; i++) endpoints[`user-${i}-email`] = endpoint(i);
  return { format: 'pinsync-state/1', lineage: '0b5e1f2a-3c4d-4e5f-8a9b-0c1d2e3f4a5b', serial: 3, applications: { [APP]: { endpoints } } };
}

async function stateFile(text: string): Promise<string> {
  const path = join(await tempDir(), 'pinsync.state.json');
  await writeFile(path, text);
  return path;
}

/** Waits until the worker has done `count` entries (or 10 s have passed); how many it has done. */
async function reached(digests: { progress: Int32Array }, count: number): Promise<number> {
  const deadline = Date.now() + 10_000;
  while (Atomics.load(digests.progress, 0) < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  return Atomics.load(digests.progress, 0);
}

function digestsOf(map: StateEndpoints): { progress: Int32Array } {
  return (map as unknown as { digests: { digests: { progress: Int32Array } } }).digests.digests;
}

const declared = (e: StateEndpoint): EndpointItem => ({ Id: e.id, ...e.applied }) as EndpointItem;

describe('state digests, from a worker thread', () => {
  it('knows each entry that equals its declaration, and never one that differs', async function () {
    this.timeout(10_000);
    const count = 300;
    const path = await stateFile(renderState(stateOf(count)));
    const map = (await loadState(path, { digests: true, digestMinEntries: 1 })).applications.get(APP)!;
    assert.equal(await reached(digestsOf(map), count), count);
    for (let i = 0; i < count; i++) {
      const e = endpoint(i);
      const protect = e.protect;
      const key = `user-${i}-email`;
      // Declared with its keys in another order: the same endpoint.
      assert.equal(map.matchesApplied(key, reversed(declared(e)) as EndpointItem, protect), true, key);
      assert.equal(map.matchesApplied(key, { ...declared(e), Address: 'other@example.com' }, protect), undefined, key);
      assert.equal(map.matchesApplied(key, declared(e), protect ? undefined : true), undefined, `${key}: protect differs`);
    }
    assert.equal(map.matchesApplied('user-9999-email', declared(endpoint(1)), undefined), undefined, 'no such entry');
    // An entry replaced since it was read is not judged by the old text's digest, nor one added
    // as text since by another text's.
    map.set('user-1-email', { ...endpoint(1), applied: { ChannelType: 'SMS', Address: '+12065550100' } });
    assert.equal(map.matchesApplied('user-1-email', declared(endpoint(1)), undefined), undefined);
    map.set('user-2-email', JSON.stringify(endpoint(2)));
    assert.equal(map.matchesApplied('user-2-email', declared(endpoint(2)), endpoint(2).protect), undefined);
  });

  it('numbers a key read twice by its texts, as the worker does', async () => {
    const text = renderState(stateOf(4));
    // A hand edit that repeats an entry under another case: the later text is the entry.
    const lines = text.split('\n');
    const second = lines.findIndex((l) => l.includes('"user-1-email"'));
    lines.splice(second + 2, 0, lines[second]!.replace('"user-1-email"', '"USER-1-EMAIL"').replace('user.1@', 'changed.1@'));
    const map = (await loadState(await stateFile(lines.join('\n')), { digests: true, digestMinEntries: 1 })).applications.get(APP)!;
    assert.equal(map.textCount, 5);
    assert.equal(await reached(digestsOf(map), 5), 5);
    assert.equal(map.matchesApplied('user-1-email', declared(endpoint(1)), undefined), undefined);
    const changed = { ...declared(endpoint(1)), Address: 'changed.1@example.com' };
    assert.equal(map.matchesApplied('user-1-email', changed, undefined), true);
    assert.equal(map.matchesApplied('user-3-email', declared(endpoint(3)), undefined), true);
  });

  it('stops at an entry it cannot parse, which the plan then reports', async function () {
    this.timeout(10_000);
    const count = 50;
    const text = renderState(stateOf(count));
    const broken = text.replace('{"applied":{"Address":"user.20@example.com"', '{"applied":{"Address":"user.20@example.com",,');
    assert.notEqual(broken, text);
    const store = await StateStore.open(await stateFile(broken), { digests: true, digestMinEntries: 1 });
    const map = store.endpointsOf(APP);
    // Entries are in the file's order, by key.
    const order = [...map.keys()];
    const at = order.indexOf('user-20-email');
    assert.equal(await reached(digestsOf(map), at), at, 'the entries before the broken one');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(Atomics.load(digestsOf(map).progress, 0), at, 'and no further');
    const before = Number(order[at - 1]!.split('-')[1]);
    const after = Number(order[at + 1]!.split('-')[1]);
    assert.equal(map.matchesApplied(order[at - 1]!, declared(endpoint(before)), endpoint(before).protect), true);
    assert.equal(map.matchesApplied(order[at + 1]!, declared(endpoint(after)), endpoint(after).protect), undefined);
    const desired = Array.from({ length: count }, (_, i) => ({ endpoint: declared(endpoint(i)), protect: endpoint(i).protect }));
    assert.throws(
      () => planChanges({ applicationId: APP, desired, lastApplied: map, live: { get: () => undefined }, liveIsLastApplied: true }),
      (e: unknown) => e instanceof StateFileError && /not valid JSON, for "user-20-email"/.test(e.message),
    );
  });

  it('plans the same with digests as without', async () => {
    const count = 400;
    const path = await stateFile(renderState(stateOf(count)));
    const desired = Array.from({ length: count }, (_, i) => {
      const e = endpoint(i);
      const changed = i % 9 === 0 ? { ...declared(e), Metrics: { ltv: 1 } } : declared(e);
      return { endpoint: changed, protect: i % 11 === 0 ? true : e.protect };
    });
    const plan = async (digests: boolean) => {
      const map = (await loadState(path, { digests, digestMinEntries: 1 })).applications.get(APP)!;
      if (digests) assert.equal(await reached(digestsOf(map), count), count);
      return planChanges({ applicationId: APP, desired, lastApplied: map, live: { get: (k) => liveOf(map.get(k)) }, liveIsLastApplied: true });
    };
    const [withDigests, without] = [await plan(true), await plan(false)];
    assert.deepEqual(withDigests, without);
    assert.ok(withDigests.summary.update > 0 && withDigests.summary.unchanged > 0);
  });

  it('numbers the entries of several applications on from each other, as the worker does', async () => {
    const apps = ['app-a', 'app-b', 'app-c'];
    const state: State = { ...stateOf(0), applications: {} };
    // The same Ids in each application, with other values: a digest from the wrong one would not do.
    apps.forEach((app, a) => {
      const endpoints: Record<string, StateEndpoint> = {};
      for (let i = 0; i < 5 + a; i++) endpoints[`user-${i}-email`] = { id: `User-${i}-Email`, applied: { ChannelType: 'EMAIL', Address: `${app}.${i}@example.com` } };
      (state.applications as Record<string, { endpoints: Record<string, StateEndpoint> }>)[app] = { endpoints };
    });
    const loaded = await loadState(await stateFile(renderState(state)), { digests: true, digestMinEntries: 1 });
    const total = 5 + 6 + 7;
    for (const [a, app] of apps.entries()) {
      const map = loaded.applications.get(app)!;
      assert.equal(await reached(digestsOf(map), total), total);
      for (let i = 0; i < 5 + a; i++) {
        for (const other of apps) {
          const item = { Id: `User-${i}-Email`, ChannelType: 'EMAIL', Address: `${other}.${i}@example.com` } as EndpointItem;
          assert.equal(map.matchesApplied(`user-${i}-email`, item, undefined), other === app ? true : undefined, `${app} ${i} against ${other}`);
        }
      }
    }
    // A text added to the first application since is numbered past its own, into the second's:
    // it has no digest, and is not judged by that one's.
    const first = loaded.applications.get('app-a')!;
    first.set('user-0-email', JSON.stringify({ applied: { Address: 'new@example.com', ChannelType: 'EMAIL' }, id: 'User-0-Email' }));
    const second = { Id: 'User-0-Email', ChannelType: 'EMAIL', Address: 'app-b.0@example.com' } as EndpointItem;
    assert.equal(first.matchesApplied('user-0-email', second, undefined), undefined);
  });

  it('never judges an entry by another\'s digest when an application is named twice', async () => {
    // A hand edit that repeats an application's block: JSON keeps the later block, whose entries
    // the worker numbers after the earlier block's. With a key in capitals, the file is split line
    // by line instead of indexed; either way it must be read whole.
    const text = renderState(stateOf(3));
    const start = text.indexOf(`    "${APP}": {`);
    const end = text.indexOf('\n  }\n}');
    const block = text.slice(start, end);
    const later = block.replace(/user\.(\d)@/g, 'later.$1@');
    const repeated = `${text.slice(0, start)}${block},\n${later}${text.slice(end)}`;
    for (const edited of [repeated, repeated.replace('"user-0-email": {', '"USER-0-EMAIL": {')]) {
      const path = await stateFile(edited);
      const map = (await loadState(path, { digests: true, digestMinEntries: 1 })).applications.get(APP)!;
      // Were digests used, the worker would be done with all six entries by now.
      await new Promise((r) => setTimeout(r, 300));
      for (let i = 0; i < 3; i++) {
        assert.equal(map.matchesApplied(`user-${i}-email`, declared(endpoint(i)), endpoint(i).protect), undefined, `${i}: the earlier block's entry`);
      }
      assert.deepEqual(Object.fromEntries(map), (await readState(path)).applications[APP]!.endpoints);
      for (let i = 0; i < 3; i++) assert.equal(map.get(`user-${i}-email`)!.applied['Address'], `later.${i}@example.com`);
    }
  });

  it('does not judge an entry a crashed apply\'s journal changed by the file\'s digest', async () => {
    const count = 20;
    const path = await stateFile(renderState(stateOf(count)));
    const moved = { ...endpoint(3), applied: { ...endpoint(3).applied, Address: 'moved@example.com' } };
    await writeFile(journalPathFor(path), JSON.stringify({ app: APP, set: [moved], remove: ['User-4-Email'] }) + '\n');
    const store = await StateStore.open(path, { digests: true, digestMinEntries: 1 });
    const map = store.endpointsOf(APP);
    assert.equal(await reached(digestsOf(map), count), count);
    assert.equal(map.matchesApplied('user-3-email', declared(endpoint(3)), endpoint(3).protect), undefined, 'the journal moved it');
    assert.equal(map.matchesApplied('user-4-email', declared(endpoint(4)), endpoint(4).protect), undefined, 'the journal removed it');
    assert.equal(map.matchesApplied('user-5-email', declared(endpoint(5)), endpoint(5).protect), true);
    const desired = [3, 4, 5].map((i) => ({ endpoint: declared(endpoint(i)), protect: endpoint(i).protect }));
    const plan = planChanges({ applicationId: APP, desired, lastApplied: map, live: { get: (k) => liveOf(map.get(k)) }, liveIsLastApplied: true });
    assert.deepEqual(plan.changes.map((c) => [c.action, c.id]), [['create', 'User-4-Email'], ['update', 'User-3-Email']]);
  });

  it('stops reading, and starts no worker, once told the run has failed', async () => {
    const path = await stateFile(renderState(stateOf(20)));
    const stop = new AbortController();
    stop.abort();
    await assert.rejects(loadState(path, { digests: true, digestMinEntries: 1, signal: stop.signal }), { name: 'AbortError' });
  });

  it('starts no worker for a small state, or for a plan that reads Pinpoint', async () => {
    const path = await stateFile(renderState(stateOf(10)));
    const small = (await loadState(path, { digests: true })).applications.get(APP)!;
    assert.equal(small.matchesApplied('user-1-email', declared(endpoint(1)), undefined), undefined);
    const live = (await loadState(path, { digestMinEntries: 1 })).applications.get(APP)!;
    assert.equal(live.matchesApplied('user-1-email', declared(endpoint(1)), undefined), undefined);
  });
});

function liveOf(e: StateEndpoint | undefined) {
  return e === undefined ? undefined : { ...e.applied, Id: e.id };
}

describe('state digest worker, as bundled', () => {
  it('sits beside the bundle output that starts it, and digests a state there', async function () {
    this.timeout(20_000);
    const bin = fileURLToPath(new URL('../../../bin/', import.meta.url));
    const outputs: string[] = [];
    for (const dir of [bin, join(bin, 'chunks')]) for (const f of await readdir(dir)) if (f.endsWith('.js')) outputs.push(join(dir, f));
    const starters: string[] = [];
    const start = /new URL\(["']\.\/state-digest-worker\.js["'], import\.meta\.url\)/;
    for (const f of outputs) if (!f.endsWith('state-digest-worker.js') && start.test(await readFile(f, 'utf8'))) starters.push(f);
    assert.equal(starters.length, 1, `one bundle output starts the worker: ${starters.join(', ')}`);
    const worker = join(starters[0]!, '..', 'state-digest-worker.js');
    const text = renderState(stateOf(3));
    const bytes = new Uint8Array(new SharedArrayBuffer(Buffer.byteLength(text)));
    bytes.set(Buffer.from(text));
    const lanes = new Uint32Array(new SharedArrayBuffer(3 * 8));
    const progress = new Int32Array(new SharedArrayBuffer(4));
    await new Promise<void>((resolve, reject) => {
      const w = new Worker(worker, { workerData: { bytes, lanes, progress } });
      w.on('error', reject);
      w.on('exit', () => resolve());
    });
    assert.equal(Atomics.load(progress, 0), 3);
    for (let i = 0; i < 3; i++) {
      const e = stateOf(3).applications[APP]!.endpoints[`user-${i}-email`]!;
      assert.deepEqual([lanes[2 * i], lanes[2 * i + 1]], digest(e.applied, e.protect), `entry ${i}`);
    }
  });
});

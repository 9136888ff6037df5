import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EndpointItem } from '../../providers/types.js';
import { emulatorEnv, runCli } from '../support/cli.js';
import { useEmulator } from '../support/emulator-fixture.js';
import { renderState, toStateEndpoint, type State } from '../../core/state/index.js';
import { makeEndpoint, writeManifest, writeText } from '../support/fixtures.js';

const APP = 'semantics';

describe('e2e: plan semantics with a state file', () => {
  const t = useEmulator();
  const env = () => emulatorEnv(t.emu.url);
  const manifest = (endpoints: readonly EndpointItem[], extra: Record<string, unknown> = {}) =>
    writeManifest(t.dir, 'endpoints.yaml', endpoints, { applicationId: APP, ...extra });
  const cli = (...args: string[]) => runCli(args, { env: env(), cwd: t.dir });
  const writesSince = (n: number) => t.emu.requests.slice(n).filter((r) => r.method !== 'GET');

  it('writes the state beside the manifest, and plans against it with --refresh state making no call', async () => {
    await manifest([makeEndpoint(1), makeEndpoint(2)]);
    assert.equal((await cli('apply', 'endpoints.yaml', '--auto-approve')).code, 0);
    const state = JSON.parse(await readFile(join(t.dir, 'pinsync.state.json'), 'utf8'));
    assert.equal(state.format, 'pinsync-state/1');
    assert.equal(state.serial, 1);
    assert.deepEqual(Object.keys(state.applications[APP].endpoints), ['ep-0001', 'ep-0002']);

    await manifest([makeEndpoint(1, { Attributes: { Plan: ['team'] } }), makeEndpoint(2)]);
    const before = t.emu.requests.length;
    const r = await cli('plan', 'endpoints.yaml', '--refresh', 'state', '--format', 'json');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(t.emu.requests.length, before, '--refresh state makes no call at all');
    const plan = JSON.parse(r.stdout);
    assert.deepEqual(plan.refresh, { mode: 'state', readCalls: 0 });
    assert.deepEqual(plan.changes.map((c: { action: string; id: string }) => [c.action, c.id]), [['update', 'ep-0001']]);
  });

  it('names a state entry damaged inside its line, sending nothing and printing no stack trace', async () => {
    await manifest([makeEndpoint(1), makeEndpoint(2)]);
    assert.equal((await cli('apply', 'endpoints.yaml', '--auto-approve')).code, 0);
    const path = join(t.dir, 'pinsync.state.json');
    const text = await readFile(path, 'utf8');
    // One value cut inside its line: the layout is intact, the entry is not JSON.
    await writeFile(path, text.replace(/("ep-0002": \{"applied":\{"Address":"[^"]*)"/, '$1'));
    const before = t.emu.requests.length;
    for (const refresh of ['state', 'live']) {
      const r = await cli('apply', 'endpoints.yaml', '--auto-approve', '--refresh', refresh);
      assert.equal(r.code, 1, r.stdout);
      assert.match(r.stderr, /pinsync\.state\.json has an entry that is not valid JSON, for "ep-0002" .*restore the file from a backup or version control/);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    }
    assert.equal(writesSince(before).length, 0, 'nothing was written');
  });

  it('an endpoint dropped from the manifest is forgotten without --prune, deleted with it, and never if pinsync did not apply it', async () => {
    t.emu.store.putItems(APP, [makeEndpoint(99)], 'someone else');
    await manifest([makeEndpoint(1), makeEndpoint(2)]);
    assert.equal((await cli('apply', 'endpoints.yaml', '--auto-approve')).code, 0);

    await manifest([makeEndpoint(1)]);
    const plain = await cli('plan', 'endpoints.yaml');
    assert.match(plain.stdout, /ep-0002: no longer in the manifest: apply stops managing it/);
    assert.match(plain.stdout, /No changes\./);

    const pruned = await cli('plan', 'endpoints.yaml', '--prune', '--detailed-exitcode');
    assert.equal(pruned.code, 2);
    assert.match(pruned.stdout, /Plan: 0 to create, 0 to update, 0 to replace, 1 to delete, 1 unchanged/);

    const n = t.emu.requests.length;
    assert.equal((await cli('apply', 'endpoints.yaml', '--prune', '--auto-approve')).code, 0);
    assert.deepEqual(writesSince(n).map((r) => [r.operation, r.path]), [['DeleteEndpoint', `/v1/apps/${APP}/endpoints/ep-0002`]]);
    assert.equal(t.emu.store.get(APP, 'ep-0002'), undefined);
    assert.ok(t.emu.store.get(APP, 'ep-0099'), 'an endpoint pinsync never applied is never deleted');

    // prune: true in the manifest works like the flag; a forgotten endpoint stays forgotten.
    await manifest([], { prune: true });
    const all = await cli('plan', 'endpoints.yaml', '--format', 'json');
    assert.deepEqual(JSON.parse(all.stdout).changes.map((c: { id: string }) => c.id), ['ep-0001']);
  });

  it('shows a field changed outside pinsync in its own section, and apply puts it back', async () => {
    await manifest([makeEndpoint(1), makeEndpoint(2)]);
    await cli('apply', 'endpoints.yaml', '--auto-approve');
    t.emu.store.putItems(APP, [{ Id: 'ep-0001', Attributes: { Plan: ['hacked'] }, Demographic: { Platform: 'iOS' } }], 'mobile sdk');

    const r = await cli('plan', 'endpoints.yaml', '--format', 'json');
    const plan = JSON.parse(r.stdout);
    assert.equal(plan.summary.drift, 1);
    assert.deepEqual(plan.changes[0].fields, [{ path: 'Attributes.Plan', before: ['hacked'], after: ['pro'], drift: true }]);
    const text = await cli('plan', 'endpoints.yaml');
    assert.match(text.stdout, /changed outside pinsync/i);

    await cli('apply', 'endpoints.yaml', '--auto-approve');
    assert.deepEqual(t.emu.store.get(APP, 'ep-0001')?.Attributes?.['Plan'], ['pro']);
    assert.deepEqual(t.emu.store.get(APP, 'ep-0001')?.Demographic, { Platform: 'iOS' }, 'undeclared fields are left alone');
  });

  it('apply refuses a plan that breaks a safety check, sending nothing, unless --force', async () => {
    const ten = Array.from({ length: 10 }, (_, i) => makeEndpoint(i));
    await manifest(ten);
    await cli('apply', 'endpoints.yaml', '--auto-approve');
    await manifest(ten.slice(4));
    const n = t.emu.requests.length;
    const refused = await cli('apply', 'endpoints.yaml', '--prune', '--auto-approve');
    assert.equal(refused.code, 1);
    assert.match(refused.stdout, /4 of 10 managed endpoints \(40\.0 %\) would be deleted or replaced/);
    assert.match(refused.stderr, /Apply refused.*nothing was sent.*--force/s);
    assert.deepEqual(writesSince(n), []);

    assert.equal((await cli('apply', 'endpoints.yaml', '--prune', '--auto-approve', '--max-delete-percent', '40')).code, 0);
    assert.equal(t.emu.store.count(APP), 6);
  });

  it('refuses to re-subscribe an opted-out endpoint unless allowed', async () => {
    t.emu.store.putItems(APP, [makeEndpoint(1, { OptOut: 'ALL' })], 'unsubscribe link');
    await manifest([makeEndpoint(1, { OptOut: 'NONE' })]);
    const refused = await cli('apply', 'endpoints.yaml', '--auto-approve');
    assert.equal(refused.code, 1);
    assert.match(refused.stdout, /OptOut would change from ALL to NONE on ep-0001/);
    assert.equal(t.emu.store.get(APP, 'ep-0001')?.OptOut, 'ALL');
    assert.equal((await cli('apply', 'endpoints.yaml', '--auto-approve', '--allow-resubscribe')).code, 0);
    assert.equal(t.emu.store.get(APP, 'ep-0001')?.OptOut, 'NONE');
  });

  it('--target and --exclude limit the plan and the apply to matching Ids', async () => {
    await manifest([makeEndpoint(1), makeEndpoint(2), makeEndpoint(13), { ...makeEndpoint(14), Id: 'other-14' }]);
    const r = await cli('plan', 'endpoints.yaml', '--target', 'ep-*', '--exclude', 'EP-0002', '--format', 'json');
    assert.deepEqual(JSON.parse(r.stdout).changes.map((c: { id: string }) => c.id), ['ep-0001', 'ep-0013']);
    await cli('apply', 'endpoints.yaml', '--target', 'ep-000?', '--auto-approve');
    assert.deepEqual(t.emu.store.getUser(APP, 'user-0').map((e) => e.Id).sort(), ['ep-0001']);
    assert.equal(t.emu.store.count(APP), 2);
  });

  it('export writes a manifest of existing endpoints that plans with no changes; --adopt records them', async () => {
    t.emu.store.putItems(
      APP,
      [
        makeEndpoint(1, { Location: { Latitude: 47.61, City: 'Seattle' }, Demographic: { Platform: 'iOS' }, OptOut: 'ALL' }),
        makeEndpoint(2),
        makeEndpoint(3, { User: { UserId: 'other' } }),
      ],
      'app',
    );
    t.emu.store.putItems(APP, [{ Id: 'ep-0002', Attributes: { Interests: [] } }], 'app');
    const exported = await cli('export', '--app-id', APP, '--users', 'user-0,user-1', '--ids', 'ep-0003', '-o', 'adopted.yaml', '--adopt');
    assert.equal(exported.code, 0, exported.stderr);
    const text = await readFile(join(t.dir, 'adopted.yaml'), 'utf8');
    assert.doesNotMatch(text, /CreationDate|EffectiveDate|CohortId|RequestId|EndpointStatus/);
    const plan = await cli('plan', 'adopted.yaml', '--detailed-exitcode');
    assert.equal(plan.code, 0, plan.stdout + plan.stderr);
    const listed = await cli('state', 'list', '--manifest', 'adopted.yaml');
    assert.equal(listed.stdout, `${APP}\tep-0001\n${APP}\tep-0002\n${APP}\tep-0003\n`);
  });

  it('reads 1,000 endpoints of 100 users in about 100 calls', async () => {
    const endpoints = Array.from({ length: 1000 }, (_, i) => makeEndpoint(i, { User: { UserId: `user-${i % 100}` } }));
    for (let i = 0; i < endpoints.length; i += 100) t.emu.store.putItems(APP, endpoints.slice(i, i + 100), 'seed');
    await manifest(endpoints);
    const n = t.emu.requests.length;
    const r = await cli('plan', 'endpoints.yaml', '--format', 'json');
    const reads = t.emu.requests.slice(n);
    assert.equal(reads.length, 100);
    assert.ok(reads.every((q) => q.operation === 'GetUserEndpoints'));
    assert.ok(reads.every((q) => /\bpinsync\/\d+\.\d+\.\d+\b/.test(q.userAgent ?? '')), 'every request names pinsync in its User-Agent');
    assert.equal(JSON.parse(r.stdout).summary.unchanged, 1000);
  });

  it('two applies on one state cannot run at once; the second names the holder', async () => {
    await manifest([makeEndpoint(1)]);
    await writeFile(
      join(t.dir, 'pinsync.state.json.lock'),
      JSON.stringify({ pid: 999999, host: 'ci-runner-7', user: 'deploy', command: 'pinsync apply', since: '2026-11-28T10:00:00.000Z' }),
    );
    const blocked = await cli('apply', 'endpoints.yaml', '--auto-approve');
    assert.equal(blocked.code, 1);
    assert.equal(
      blocked.stderr,
      'Error: the state is locked by pinsync apply (pid 999999, deploy@ci-runner-7) since 2026-11-28T10:00:00.000Z; wait for it to finish, or if it is gone, run `pinsync state unlock --state ' +
        join(t.dir, 'pinsync.state.json') +
        '` (' +
        join(t.dir, 'pinsync.state.json.lock') +
        ')\n',
    );
    assert.equal(t.emu.requests.length, 0, 'nothing read or sent');
    const unlocked = await cli('state', 'unlock', '--manifest', 'endpoints.yaml');
    assert.match(unlocked.stdout, /Removed the lock .* held by pinsync apply \(pid 999999, deploy@ci-runner-7\)/);

    // Two real applies started together: exactly one runs, the other is refused by the lock. Slow
    // answers keep the first one holding the lock while the second starts.
    t.emu.faults = { latencyMs: 500 };
    const [a, b] = await Promise.all([cli('apply', 'endpoints.yaml', '--auto-approve'), cli('apply', 'endpoints.yaml', '--auto-approve')]);
    assert.deepEqual([a.code, b.code].sort(), [0, 1], a.stderr + b.stderr);
    assert.match(a.code === 1 ? a.stderr : b.stderr, /the state is locked by pinsync apply \(pid \d+/);
    assert.equal(t.emu.requests.filter((q) => q.operation === 'UpdateEndpointsBatch').length, 1);
  });
  it('plans a large state on a worker thread as on one, whatever the attributes are called', async function () {
    this.timeout(60_000);
    // Past the worker's threshold of 20,000 entries; attribute names that plain objects inherit.
    const count = 20_500;
    const odd = { Attributes: { valueOf: ['a'], constructor: ['b'], toString: ['c'] } };
    const declared = Array.from({ length: count }, (_, i) => makeEndpoint(i, i % 1000 === 7 ? odd : {}));
    const endpoints = Object.fromEntries(declared.map((e) => [e.Id.toLowerCase(), toStateEndpoint(e, undefined)]));
    const state: State = { format: 'pinsync-state/1', lineage: '4e1f0a52-8f3b-4c1d-9a6e-2b7c5d3e1f00', serial: 4, applications: { [APP]: { endpoints } } };
    await writeFile(join(t.dir, 'pinsync.state.json'), renderState(state));
    const changed = [3, 1007, 20_499];
    // JSON, which is quicker to write than YAML at this size; the state's reading is what is tested.
    const endpointsOut = declared.map((e, i) => (changed.includes(i) ? { ...e, Address: `moved${i}@example.com` } : e));
    await writeText(t.dir, 'endpoints.json', JSON.stringify({ applicationId: APP, endpoints: endpointsOut }));
    // NODE_DEBUG=worker makes Node name each worker thread it starts.
    const plan = (...extra: string[]) => runCli(['plan', 'endpoints.json', '--state', 'pinsync.state.json', '--refresh', 'state', '--format', 'json', ...extra], { env: { ...env(), NODE_DEBUG: 'worker' }, cwd: t.dir });
    const whole = await plan();
    assert.equal(whole.code, 0, whole.stderr);
    assert.match(whole.stderr, /state-digest-worker\.js/, 'the digests were made on a worker');
    const result = JSON.parse(whole.stdout);
    assert.deepEqual(result.changes.map((c: { action: string; id: string }) => [c.action, c.id]), changed.map((i) => ['update', makeEndpoint(i).Id]));
    assert.equal(result.summary.unchanged, count - changed.length);
    assert.deepEqual(result.record, []);
    // A targeted plan compares without the worker, to the same answer (ep-0007 has the odd names).
    const targeted = await plan('--target', 'ep-00*');
    assert.equal(targeted.code, 0, targeted.stderr);
    assert.doesNotMatch(targeted.stderr, /state-digest-worker/);
    const some = JSON.parse(targeted.stdout);
    assert.deepEqual(some.changes.map((c: { id: string }) => c.id), ['ep-0003']);
    assert.equal(some.summary.unchanged, 99);
    assert.deepEqual(some.record, []);
  });
});

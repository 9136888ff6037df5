import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RecordedRequest } from '../../providers/emulator/index.js';
import { AWS_RATE_QUOTAS, type EndpointItem } from '../../providers/types.js';
import { CLI, emulatorEnv, runCli } from '../support/cli.js';
import { useEmulator } from '../support/emulator-fixture.js';
import { makeEndpoint, writeManifest } from '../support/fixtures.js';

// Each case breaks Pinpoint in one of the ways it really breaks, then runs apply again with the
// fault gone: the endpoints must converge to the manifest, with nothing outside the plan touched
// and every failure reported.

const APP = 'faults';
const NO_PACING = ['--max-rps', '0'];

describe('faults: apply under the failures real Pinpoint produces', function () {
  this.timeout(120_000);
  const t = useEmulator();
  const env = () => emulatorEnv(t.emu.url);
  const cli = (...args: string[]) => runCli(args, { env: env(), cwd: t.dir });
  const batches = (from = 0) => t.emu.requests.slice(from).filter((r) => r.operation === 'UpdateEndpointsBatch' && r.status === 202);
  const sentIds = (requests: RecordedRequest[]) => requests.flatMap((r) => (r.body as { Item: EndpointItem[] }).Item.map((i) => i.Id));
  const declared = (n: number) => Array.from({ length: n }, (_, i) => makeEndpoint(i));
  const bystander = makeEndpoint(9999, { Id: 'not-managed', User: { UserId: 'someone-else' } });

  async function setUp(n: number): Promise<EndpointItem[]> {
    t.emu.store.putItems(APP, [bystander], 'app');
    const endpoints = declared(n);
    await writeManifest(t.dir, 'endpoints.yaml', endpoints, { applicationId: APP });
    return endpoints;
  }

  /** The fault is gone: the next apply converges, and the endpoint nobody declared is untouched. */
  async function assertConverges(endpoints: readonly EndpointItem[]): Promise<void> {
    t.emu.faults = {};
    const again = await cli('apply', 'endpoints.yaml', '--auto-approve', ...NO_PACING);
    assert.equal(again.code, 0, again.stdout + again.stderr);
    const plan = await cli('plan', 'endpoints.yaml', '--detailed-exitcode', ...NO_PACING);
    assert.equal(plan.code, 0, plan.stdout);
    assert.equal(t.emu.store.count(APP), endpoints.length + 1);
    assert.deepEqual(t.emu.store.get(APP, 'not-managed')?.Attributes, bystander.Attributes);
    const state = JSON.parse(await readFile(join(t.dir, 'pinsync.state.json'), 'utf8'));
    assert.equal(Object.keys(state.applications[APP].endpoints).length, endpoints.length);
  }

  it('a 429 storm: retried with backoff, counted, and converges', async () => {
    const endpoints = await setUp(300);
    // A third of all requests throttled: with up to 10 attempts each, every request gets through.
    t.emu.faults = { throttleRate: 0.3, seed: 7 };
    const r = await cli('apply', 'endpoints.yaml', '--auto-approve', ...NO_PACING);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /(\d+) requests were retried after throttling/);
    assert.match(r.stdout, /Apply complete: 300 created, 0 updated, 0 replaced, 0 deleted, 0 failed\./);
    assert.ok(t.emu.requests.some((q) => q.fault === 'throttled'));
    await assertConverges(endpoints);
  });

  it('20 % server errors and lost connections: retried, and converges', async () => {
    const endpoints = await setUp(300);
    t.emu.faults = { serverErrorRate: 0.2, resetRate: 0.1, resetAfterApplyRate: 0.1, seed: 3 };
    const r = await cli('apply', 'endpoints.yaml', '--auto-approve', ...NO_PACING);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.ok(t.emu.requests.some((q) => q.fault === 'server-error'));
    assert.ok(t.emu.requests.some((q) => q.fault === 'reset' || q.fault === 'reset-after-apply'));
    await assertConverges(endpoints);
  });

  it('a poisoned item among 300: isolated by halving, the other 299 applied, the failure named', async () => {
    const endpoints = await setUp(300);
    t.emu.faults = { poisonIds: ['ep-0150'] };
    const r = await cli('apply', 'endpoints.yaml', '--auto-approve', ...NO_PACING);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^Failed: ep-0150 \(create\): BadRequestException: .*ep-0150/m);
    assert.match(r.stdout, /Apply complete: 299 created, 0 updated, 0 replaced, 0 deleted, 1 failed\./);
    assert.equal(t.emu.store.count(APP), 300, '299 and the bystander');
    const n = t.emu.requests.length;
    t.emu.faults = {};
    await assertConverges(endpoints);
    assert.deepEqual(sentIds(batches(n)), ['ep-0150'], 'the re-run sends only what failed');
  });

  it('a server enforcing the same quotas sees no 429 from a run that follows the ceilings', async () => {
    const endpoints = await setUp(600);
    t.emu.faults = { rateLimits: { ...AWS_RATE_QUOTAS } };
    // No --max-rps: against a non-local endpoint pinsync paces to Pinpoint's quotas by default.
    const r = await cli('apply', 'endpoints.yaml', '--auto-approve');
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(t.emu.requests.filter((q) => q.status === 429).length, 0);
    assert.equal(batches().length, 6);
    await assertConverges(endpoints);
  });

  async function startApply(signal: NodeJS.Signals): Promise<{ code: number | null; stdout: string; stderr: string; sentBefore: number }> {
    const child = spawn(process.execPath, [CLI, 'apply', 'endpoints.yaml', '--auto-approve', '--max-rps', '0', '--max-rps', 'UpdateEndpointsBatch=4', '--concurrency', '2'], {
      cwd: t.dir,
      env: { ...process.env, ...(env() as Record<string, string>) },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    // Interrupt once a few batches went through.
    while (batches().length < 3) await new Promise((r) => setTimeout(r, 20));
    const sentBefore = batches().length;
    child.kill(signal);
    const code = await new Promise<number | null>((resolve) => child.on('close', (c, s) => resolve(c ?? (s === 'SIGKILL' ? 137 : null))));
    return { code, stdout, stderr, sentBefore };
  }

  it('SIGINT in the middle: in-flight requests finish, the state is saved, exit 130, and a re-run converges', async () => {
    const endpoints = await setUp(2000);
    // Writes are paced to 4 a second, so the interrupt lands while most are still to come.
    const r = await startApply('SIGINT');
    assert.equal(r.code, 130, r.stderr);
    assert.match(r.stderr, /SIGINT received: no new request will start/);
    assert.match(r.stderr, /Interrupted: \d+ of 2000 changes applied and recorded in the state; \d+ not confirmed \(not started, or cut short while being retried\)/);
    const applied = batches().length;
    assert.ok(applied < 20, 'stopped early');
    // Only the 2 requests in flight (--concurrency 2) finish: none waiting for its turn under the
    // rate ceiling starts after the signal.
    assert.ok(applied <= r.sentBefore + 2, `${applied} batches after ${r.sentBefore} at the signal`);
    assert.match(r.stdout, /Apply interrupted: \d+ created/);
    const state = JSON.parse(await readFile(join(t.dir, 'pinsync.state.json'), 'utf8'));
    assert.equal(Object.keys(state.applications[APP].endpoints).length, applied * 100, 'the state holds exactly what was confirmed');
    const n = t.emu.requests.length;
    await assertConverges(endpoints);
    assert.equal(sentIds(batches(n)).length, 2000 - applied * 100, 'no duplicates, no losses');
  });

  it('kill -9 in the middle: the state lags only by the requests in flight, and a re-run converges', async () => {
    const endpoints = await setUp(2000);
    t.emu.faults = { latencyMs: 50 };
    const r = await startApply('SIGKILL');
    assert.equal(r.code, 137);
    const confirmed = batches().length;
    const n = t.emu.requests.length;
    // The lock stays behind, naming a process that is gone; the user removes it, as the error says.
    const blocked = await cli('apply', 'endpoints.yaml', '--auto-approve', ...NO_PACING);
    const unlock = /that process is no longer running: run `(pinsync state unlock --state [^`]+)`/.exec(blocked.stderr);
    assert.ok(unlock, blocked.stderr);
    // The command the error gives works as it is written, from the folder the run was in.
    const unlocked = await cli(...(unlock[1] as string).split(' ').slice(1));
    assert.equal(unlocked.code, 0, unlocked.stderr);
    assert.match(unlocked.stdout, /^Removed the lock on /);
    await assertConverges(endpoints);
    const resent = sentIds(batches(n)).length;
    // At most the 2 requests in flight (200 endpoints) are sent twice.
    assert.ok(resent >= 2000 - confirmed * 100 && resent <= 2000 - confirmed * 100 + 200, `re-sent ${resent} after ${confirmed} batches`);
  });

  it('a saved plan that went stale is refused, naming the endpoints; --allow-stale applies the rest', async () => {
    const endpoints = await setUp(5);
    await cli('apply', 'endpoints.yaml', '--auto-approve', ...NO_PACING);
    const changed = endpoints.map((e) => ({ ...e, Attributes: { ...e.Attributes, Plan: ['team'] } }));
    await writeManifest(t.dir, 'endpoints.yaml', changed, { applicationId: APP });
    assert.equal((await cli('plan', 'endpoints.yaml', '--out', 'plan.json', ...NO_PACING)).code, 0);
    t.emu.store.putItems(APP, [{ Id: 'ep-0002', Attributes: { Plan: ['edited-by-hand'] } }], 'console');

    const n = t.emu.requests.length;
    const refused = await cli('apply', 'plan.json', ...NO_PACING);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /the plan is stale: 1 endpoint changed in Pinpoint since it was made \(ep-0002\); nothing was sent/);
    assert.equal(batches(n).length, 0);

    const rest = await cli('apply', 'plan.json', '--allow-stale', ...NO_PACING);
    assert.equal(rest.code, 0, rest.stderr);
    assert.match(rest.stderr, /Skipping 1 stale endpoint \(--allow-stale\): ep-0002/);
    assert.deepEqual(sentIds(batches(n)).sort(), ['ep-0000', 'ep-0001', 'ep-0003', 'ep-0004']);
    assert.deepEqual(t.emu.store.get(APP, 'ep-0002')?.Attributes?.['Plan'], ['edited-by-hand']);
    await assertConverges(changed);
  });

  it('an edited or truncated plan file is refused and nothing is sent', async () => {
    await setUp(3);
    await cli('plan', 'endpoints.yaml', '--out', 'plan.json', ...NO_PACING);
    const text = await readFile(join(t.dir, 'plan.json'), 'utf8');
    await writeFile(join(t.dir, 'edited.json'), text.replace('user1@example.com', 'attacker@example.com'));
    await writeFile(join(t.dir, 'truncated.json'), text.slice(0, text.length / 2));
    const n = t.emu.requests.length;
    const edited = await cli('apply', 'edited.json');
    assert.equal(edited.code, 1);
    assert.equal(edited.stderr, 'Error: edited.json does not match its checksum: it was edited or damaged after `pinsync plan` wrote it; make a new plan\n');
    const truncated = await cli('apply', 'truncated.json');
    assert.equal(truncated.code, 1);
    assert.match(truncated.stderr, /^Error: truncated\.json is not a pinsync plan file: it is not valid JSON \(truncated\?\)/);
    assert.equal(t.emu.requests.length, n);

    const applied = await cli('apply', 'plan.json', ...NO_PACING);
    assert.equal(applied.code, 0, applied.stderr);
    assert.equal(t.emu.store.count(APP), 4);
  });

  it('--verify waits for writes Pinpoint has not made visible yet, and reports those that never show', async () => {
    const endpoints = await setUp(20);
    t.emu.faults = { visibilityDelayMs: 1500 };
    const r = await cli('apply', 'endpoints.yaml', '--auto-approve', '--verify', ...NO_PACING);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /Verified: 20 applied, 0 not yet visible, 0 mismatched\./);

    await writeManifest(t.dir, 'endpoints.yaml', endpoints.map((e) => ({ ...e, Metrics: { sessions: 42 } })), { applicationId: APP });
    t.emu.faults = { visibilityDelayMs: 10_000 };
    const slow = await cli('apply', 'endpoints.yaml', '--auto-approve', '--verify', '--verify-timeout', '1', ...NO_PACING);
    assert.equal(slow.code, 0, 'not yet visible is reported, not an error');
    assert.match(slow.stdout, /Verified: 0 applied, 20 not yet visible, 0 mismatched\./);
    assert.match(slow.stdout, /not yet visible: ep-0000/);
  });

  it('a plan saved from the state (--refresh state) applies when nothing moved, and is refused once the state moved on', async () => {
    const endpoints = await setUp(4);
    await cli('apply', 'endpoints.yaml', '--auto-approve', ...NO_PACING);
    await writeManifest(t.dir, 'endpoints.yaml', endpoints.map((e) => ({ ...e, Metrics: { sessions: 7 } })), { applicationId: APP });
    await cli('plan', 'endpoints.yaml', '--refresh', 'state', '--out', 'a.json');
    await cli('plan', 'endpoints.yaml', '--refresh', 'state', '--out', 'b.json');
    const a = await cli('apply', 'a.json', ...NO_PACING);
    assert.equal(a.code, 0, a.stderr);
    assert.match(a.stdout, /Apply complete: 0 created, 4 updated/);
    const b = await cli('apply', 'b.json', ...NO_PACING);
    assert.equal(b.code, 1);
    assert.match(b.stderr, /the state changed since the plan was made \(serial 1, now 2\), and the plan was made from the state alone/);
    // --allow-stale cannot help: nothing tells which of the plan's changes still hold.
    const forced = await cli('apply', 'b.json', '--allow-stale', ...NO_PACING);
    assert.equal(forced.code, 1);
    assert.match(forced.stderr, /made from the state alone \(--refresh state\), so nothing tells which of its changes still hold/);
  });
});

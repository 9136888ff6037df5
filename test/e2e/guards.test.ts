import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../../providers/emulator/index.js';
import { CLI, emulatorEnv, runCli } from '../support/cli.js';
import { useEmulator } from '../support/emulator-fixture.js';
import { makeEndpoint, writeManifest } from '../support/fixtures.js';

// Mistakes around saved plans, interruptions and locks: each is refused or ended with one line
// that says what to do, a non-zero exit, no stack trace, and nothing sent that was not reviewed.

const APP = 'guards';

describe('e2e: saved plans, interruptions and locks guard against mistakes', function () {
  this.timeout(60_000);
  const t = useEmulator();
  const cli = (args: string[], extra: Record<string, string | undefined> = {}) => runCli(args, { cwd: t.dir, env: emulatorEnv(t.emu.url, extra) });
  const writes = () => t.emu.requests.filter((r) => r.method !== 'GET').length;
  const noStackTrace = (text: string) => assert.doesNotMatch(text, /Internal error|\n\s+at /, text);

  async function savedPlan(file = 'plan.json', n = 3): Promise<void> {
    await writeManifest(t.dir, 'endpoints.yaml', Array.from({ length: n }, (_, i) => makeEndpoint(i)), { applicationId: APP });
    const plan = await cli(['plan', 'endpoints.yaml', '--out', file]);
    assert.equal(plan.code, 0, plan.stderr);
  }

  it('a saved plan is applied only to the Pinpoint it was made against', async () => {
    await savedPlan();
    const plan = JSON.parse(await readFile(join(t.dir, 'plan.json'), 'utf8')) as { target: string };
    assert.equal(plan.target, `endpoint ${t.emu.url}`);
    const other = await startEmulator({ port: 0 });
    try {
      const elsewhere = await cli(['apply', 'plan.json'], { AWS_ENDPOINT_URL_PINPOINT: other.url });
      assert.equal(elsewhere.code, 1);
      assert.match(elsewhere.stderr, new RegExp(`^Error: plan\\.json was made against endpoint ${t.emu.url.replace(/\./g, '\\.')}, and this apply would write to endpoint ${other.url.replace(/\./g, '\\.')}; nothing was sent`));
      const local = await cli(['apply', 'plan.json', '--local']);
      assert.equal(local.code, 1);
      assert.match(local.stderr, /and this apply would write to the local emulator \(--local\); nothing was sent/);
      assert.equal(other.requests.length, 0);
    } finally {
      await other.close();
    }
    assert.equal(writes(), 0);
    const here = await cli(['apply', 'plan.json']);
    assert.equal(here.code, 0, here.stderr);
    assert.equal(t.emu.store.count(APP), 3);
  });

  it('a plan only printed (--format json) is for reading: apply refuses it and says how to save one', async () => {
    await writeManifest(t.dir, 'endpoints.yaml', [makeEndpoint(1)], { applicationId: APP });
    const printed = await cli(['plan', 'endpoints.yaml', '--format', 'json']);
    await writeFile(join(t.dir, 'printed.json'), printed.stdout);
    const r = await cli(['apply', 'printed.json']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'Error: printed.json is not bound to a state file (`pinsync plan --format json` prints plans for reading): save a plan to apply with `pinsync plan --out FILE`\n');
    assert.equal(writes(), 0);
  });

  it('a plan saved under any name, or written back with its keys in another order, is still a plan', async () => {
    await savedPlan('release.tfplan');
    const text = await readFile(join(t.dir, 'release.tfplan'), 'utf8');
    const sorted = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(sorted) : v !== null && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, sorted(x)])) : v;
    await writeFile(join(t.dir, 'resorted.json'), JSON.stringify(sorted(JSON.parse(text)), null, 2));
    assert.equal((await cli(['show', 'resorted.json'])).code, 0);
    const r = await cli(['apply', 'release.tfplan']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Applying the saved plan release\.tfplan \(3 changes\)/);
  });

  it('flags that shape a plan, and another application id, are refused with a saved plan', async () => {
    await savedPlan();
    const target = await cli(['apply', 'plan.json', '--target', 'ep-0001', '--allow-resubscribe']);
    assert.equal(target.code, 1);
    assert.equal(target.stderr, 'Error: --target, --allow-resubscribe shape a plan, and plan.json is applied exactly as it was reviewed: pass them to `pinsync plan` and save a new plan\n');
    const app = await cli(['apply', 'plan.json'], { PINSYNC_APP_ID: 'another-app' });
    assert.equal(app.code, 1);
    assert.equal(app.stderr, `Error: the plan is for application ${APP}, not another-app (PINSYNC_APP_ID)\n`);
    assert.equal(writes(), 0);
  });

  it('a create under a user, of an endpoint that exists without one, is not called stale', async () => {
    // Pinpoint holds ep-0001 without a user; the manifest moves it under user-0. The plan reads
    // user-0's endpoints, does not find it, and creates it: applying must check the same way.
    t.emu.store.putItems(APP, [{ ...makeEndpoint(1), User: undefined }], 'console');
    await writeManifest(t.dir, 'endpoints.yaml', [makeEndpoint(1, { User: { UserId: 'user-0' } })], { applicationId: APP });
    assert.equal((await cli(['plan', 'endpoints.yaml', '--out', 'plan.json'])).code, 0);
    const r = await cli(['apply', 'plan.json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(t.emu.store.get(APP, 'ep-0001')?.User?.UserId, 'user-0');
  });

  it('a plan that cannot be saved, or a flag given twice, is a one-line error', async () => {
    await writeManifest(t.dir, 'endpoints.yaml', [makeEndpoint(1)], { applicationId: APP });
    await mkdir(join(t.dir, 'plans'));
    const dir = await cli(['plan', 'endpoints.yaml', '--out', 'plans']);
    assert.equal(dir.code, 1);
    assert.match(dir.stderr, /^Error: cannot save the plan to plans: /);
    noStackTrace(dir.stderr);
    const twice = await cli(['plan', 'endpoints.yaml', '--app-id', 'a', '--app-id', 'b']);
    assert.equal(twice.code, 1);
    assert.match(twice.stderr, /^Error: --app-id was given more than once; give it once/);
    assert.equal(writes(), 0);
  });

  it('Ctrl-C while apply reads: exit 130, nothing sent, the lock released, no stack trace', async () => {
    await writeManifest(t.dir, 'endpoints.yaml', Array.from({ length: 40 }, (_, i) => makeEndpoint(i)), { applicationId: APP });
    t.emu.faults = { latencyMs: 400 };
    const child = spawn(process.execPath, [CLI, 'apply', 'endpoints.yaml', '--auto-approve', '--concurrency', '1'], {
      cwd: t.dir,
      env: { ...process.env, ...(emulatorEnv(t.emu.url) as Record<string, string>) },
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    while (t.emu.requests.length < 1) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 130, stderr);
    assert.match(stderr, /Interrupted while reading Pinpoint, before any write: nothing was sent and the state is unchanged\./);
    noStackTrace(stderr);
    assert.equal(writes(), 0);
    await assert.rejects(access(join(t.dir, 'pinsync.state.json.lock')));
  });

  it('Ctrl-C during writes paced by --max-rps: the requests waiting for their turn never start', async () => {
    await writeManifest(t.dir, 'endpoints.yaml', Array.from({ length: 1500 }, (_, i) => makeEndpoint(i)), { applicationId: APP });
    const batches = () => t.emu.requests.filter((r) => r.operation === 'UpdateEndpointsBatch').length;
    // 15 batches, 2 a second, 8 workers: most of the 8 are always waiting for the pacer.
    const child = spawn(process.execPath, [CLI, 'apply', 'endpoints.yaml', '--auto-approve', '--refresh', 'state', '--max-rps', 'UpdateEndpointsBatch=2', '--concurrency', '8'], {
      cwd: t.dir,
      env: { ...process.env, ...(emulatorEnv(t.emu.url) as Record<string, string>) },
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    while (batches() < 2) await new Promise((r) => setTimeout(r, 10));
    const atSignal = batches();
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 130);
    assert.ok(batches() <= atSignal + 1, `${batches()} batches sent, ${atSignal} when the signal came`);
    assert.match(stdout, /Apply interrupted: \d+ created/);
  });

  it('state unlock keeps the lock of a run that is still running, unless --force', async () => {
    await writeManifest(t.dir, 'endpoints.yaml', [makeEndpoint(1)], { applicationId: APP });
    // This test's own process holds it: alive, on this host.
    const holder = { pid: process.pid, host: hostname(), user: userInfo().username, command: 'pinsync apply', since: '2026-11-28T10:00:00.000Z' };
    await writeFile(join(t.dir, 'pinsync.state.json.lock'), JSON.stringify(holder));
    const kept = await cli(['state', 'unlock', '--manifest', 'endpoints.yaml']);
    assert.equal(kept.code, 1);
    assert.match(kept.stderr, new RegExp(`^Error: the lock is held by pinsync apply \\(pid ${process.pid}, [^)]*\\) since [^,]*, which is still running: .*\`pinsync state unlock --force\` removes the lock anyway`));
    await access(join(t.dir, 'pinsync.state.json.lock'));
    const forced = await cli(['state', 'unlock', '--manifest', 'endpoints.yaml', '--force']);
    assert.equal(forced.code, 0, forced.stderr);
    await assert.rejects(access(join(t.dir, 'pinsync.state.json.lock')));
  });

  it('state rm forgets endpoints, named in any case, and leaves Pinpoint as it is', async () => {
    await writeManifest(t.dir, 'endpoints.yaml', Array.from({ length: 3 }, (_, i) => makeEndpoint(i)), { applicationId: APP });
    assert.equal((await cli(['apply', 'endpoints.yaml', '--auto-approve'])).code, 0);
    const unknown = await cli(['state', 'rm', 'ep-0001', 'nope', '--manifest', 'endpoints.yaml']);
    assert.equal(unknown.code, 1);
    assert.equal(unknown.stderr, `Error: not in the state ${join(t.dir, 'pinsync.state.json')}: nope (nothing was changed)\n`);
    const r = await cli(['state', 'rm', 'EP-0001', 'ep-0001', '--manifest', 'endpoints.yaml']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'Removed 1 endpoint from the state; Pinpoint was not changed.\n');
    const list = await cli(['state', 'list', '--manifest', 'endpoints.yaml']);
    assert.equal(list.stdout, `${APP}\tep-0000\n${APP}\tep-0002\n`);
    assert.equal(t.emu.store.count(APP), 3);
    assert.equal(writes(), 1, 'only the first apply wrote');
  });

  it('a reader that stops early (| head) ends the output quietly', async () => {
    await writeManifest(t.dir, 'endpoints.yaml', Array.from({ length: 400 }, (_, i) => makeEndpoint(i)), { applicationId: APP });
    assert.equal((await cli(['apply', 'endpoints.yaml', '--auto-approve', '--max-rps', '0'])).code, 0);
    const r = await runCli([], { cwd: t.dir, command: ['sh', '-c', `"${process.execPath}" "${CLI}" state list --manifest endpoints.yaml | head -n 1; exit 0`] });
    assert.equal(r.stdout.split('\n').filter(Boolean).length, 1);
    assert.equal(r.stderr, '');
  });

  it('export writes into a folder it makes, and says so plainly when the path is a folder', async () => {
    t.emu.store.putItems(APP, [makeEndpoint(1)], 'app');
    const made = await cli(['export', '--app-id', APP, '--ids', 'ep-0001', '-o', 'new/dir/adopted.yaml']);
    assert.equal(made.code, 0, made.stderr);
    assert.match(await readFile(join(t.dir, 'new/dir/adopted.yaml'), 'utf8'), /Id: ep-0001/);
    // Written in fmt's canonical form: a CI's `fmt --check` passes on it.
    assert.equal((await cli(['fmt', '--check', 'new/dir/adopted.yaml'])).code, 0);
    const folder = await cli(['export', '--app-id', APP, '--ids', 'ep-0001', '-o', 'new', '--adopt']);
    assert.equal(folder.code, 1);
    assert.match(folder.stderr, /^Error: cannot write new: .*; nothing was adopted\n$/);
  });
});

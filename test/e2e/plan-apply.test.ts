import assert from 'node:assert/strict';
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunningEmulator } from '../../providers/emulator/index.js';
import type { EndpointItem } from '../../providers/types.js';
import { emulatorEnv, runCli } from '../support/cli.js';
import { useEmulator } from '../support/emulator-fixture.js';
import { makeEndpoint, writeManifest } from '../support/fixtures.js';

const SEED = fileURLToPath(new URL('../../../examples/seed/endpoint_batch_request_file.json', import.meta.url));
const APP = 'e2eapp';

function batchRequests(emu: RunningEmulator) {
  return emu.requests.filter((r) => r.operation === 'UpdateEndpointsBatch');
}

function writes(emu: RunningEmulator) {
  return emu.requests.filter((r) => r.method !== 'GET');
}

function batchIds(body: unknown): string[] {
  return (body as { Item: EndpointItem[] }).Item.map((i) => i.Id);
}

describe('e2e: plan and apply through the CLI and the real SDK', () => {
  const t = useEmulator();

  it('plans the seed manifest as 2 creates, applies them in one batch, then plans no changes', async () => {
    const seed = join(t.dir, 'seed.json');
    await copyFile(SEED, seed);
    const env = emulatorEnv(t.emu.url);

    const plan = await runCli(['plan', seed, '--app-id', APP, '--detailed-exitcode'], { env });
    assert.equal(plan.code, 2, plan.stderr);
    assert.match(plan.stdout, /\+ endpoint "example_endpoint_1" \{/);
    assert.match(plan.stdout, /\+ endpoint "example_endpoint_2" \{/);
    assert.match(plan.stdout, /Plan: 2 to create, 0 to update, 0 to replace, 0 to delete, 0 unchanged\./);
    assert.equal(plan.stderr, '', 'nothing but the plan is printed: no SDK warnings');
    assert.deepEqual(writes(t.emu), [], 'plan makes no write call');

    const apply = await runCli(['apply', seed, '--app-id', APP, '--auto-approve'], { env });
    assert.equal(apply.code, 0, apply.stderr);
    assert.match(apply.stdout, /Apply complete: 2 created, 0 updated, 0 replaced, 0 deleted, 0 failed\./);
    const batches = batchRequests(t.emu);
    assert.equal(batches.length, 1);
    assert.deepEqual(batchIds(batches[0]?.body), ['example_endpoint_1', 'example_endpoint_2']);
    const stored = t.emu.store.get(APP, 'example_endpoint_1');
    assert.equal(stored?.Address, 'richard_roe@example.com');
    assert.deepEqual(stored?.User?.UserAttributes?.['FirstName'], ['Richard']);

    const again = await runCli(['plan', seed, '--app-id', APP, '--detailed-exitcode'], { env });
    assert.equal(again.code, 0, again.stdout + again.stderr);
    assert.match(again.stdout, /No changes\. Pinpoint matches the manifest \(2 endpoints\)\./);
  });

  it('sends exactly the 130 created and changed endpoints of 250, in batches of 100 and 30', async () => {
    const declared = Array.from({ length: 250 }, (_, i) => makeEndpoint(i));
    // 0..119 already match; 120..179 exist with other values; 180..249 are missing.
    t.emu.store.putItems(APP, declared.slice(0, 120), 'seed');
    t.emu.store.putItems(
      APP,
      declared.slice(120, 180).map((e, i) => ({ ...e, Attributes: { ...e.Attributes, Plan: ['team'] }, Metrics: { sessions: 1000 + i } })),
      'seed',
    );
    const manifest = await writeManifest(t.dir, 'endpoints.yaml', declared, { applicationId: APP });
    const env = emulatorEnv(t.emu.url);

    const plan = await runCli(['plan', manifest, '--detailed-exitcode'], { env });
    assert.equal(plan.code, 2, plan.stderr);
    assert.match(plan.stdout, /Plan: 70 to create, 60 to update, 0 to replace, 0 to delete, 120 unchanged\./);

    t.emu.requests.length = 0;
    const apply = await runCli(['apply', manifest, '--auto-approve'], { env });
    assert.equal(apply.code, 0, apply.stderr);
    assert.match(apply.stdout, /Apply complete: 70 created, 60 updated, 0 replaced, 0 deleted, 0 failed\./);

    const batches = batchRequests(t.emu);
    assert.deepEqual(
      batches.map((b) => batchIds(b.body).length),
      [100, 30],
    );
    const sent = batches.flatMap((b) => batchIds(b.body)).sort();
    const expected = declared.slice(120).map((e) => e.Id).sort();
    assert.deepEqual(sent, expected, 'exactly the changed and missing endpoints, none of the 120 that match');
    assert.equal(writes(t.emu).length, 2, 'no other write call');

    const after = await runCli(['plan', manifest, '--detailed-exitcode'], { env });
    assert.equal(after.code, 0, after.stdout);
  });

  it('reads each user once with GetUserEndpoints and the rest by Id', async () => {
    const declared = [
      makeEndpoint(1, { User: { UserId: 'u-a' } }),
      makeEndpoint(2, { User: { UserId: 'u-a' } }),
      makeEndpoint(3, { User: { UserId: 'u-b' } }),
      makeEndpoint(4, { User: undefined }),
    ];
    t.emu.store.putItems(APP, declared, 'seed');
    const manifest = await writeManifest(t.dir, 'm.yaml', declared, { applicationId: APP });
    const plan = await runCli(['plan', manifest], { env: emulatorEnv(t.emu.url) });
    assert.equal(plan.code, 0, plan.stderr);
    const reads = t.emu.requests.filter((r) => r.method === 'GET').map((r) => r.operation).sort();
    assert.deepEqual(reads, ['GetEndpoint', 'GetUserEndpoints', 'GetUserEndpoints']);
    assert.match(plan.stdout, /3 read calls/);
  });

  it('refuses a non-interactive apply without --auto-approve and sends nothing', async () => {
    const manifest = await writeManifest(t.dir, 'm.yaml', [makeEndpoint(1)], { applicationId: APP });
    const apply = await runCli(['apply', manifest], { env: emulatorEnv(t.emu.url) });
    assert.equal(apply.code, 1);
    assert.match(apply.stderr, /no terminal to ask on.*--auto-approve/);
    assert.deepEqual(t.emu.requests, [], 'not a single request, read or write');
    assert.equal(t.emu.store.count(APP), 0);
  });

  it('prints the plan as JSON with the fields of the plan format, byte-identical across runs', async () => {
    t.emu.store.putItems(APP, [makeEndpoint(1)], 'seed');
    const manifest = await writeManifest(
      t.dir,
      'm.yaml',
      [makeEndpoint(1, { Attributes: { Plan: ['team'], Interests: ['Music', 'Books'] } }), makeEndpoint(2)],
      { applicationId: APP },
    );
    const env = emulatorEnv(t.emu.url);
    const first = await runCli(['plan', manifest, '--format', 'json'], { env });
    const second = await runCli(['plan', manifest, '--format', 'json'], { env });
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.stdout, second.stdout);
    const plan = JSON.parse(first.stdout);
    assert.equal(plan.formatVersion, 1);
    assert.equal(plan.applicationId, APP);
    assert.deepEqual(plan.summary, { create: 1, update: 1, replace: 0, delete: 0, unchanged: 0, drift: 0 });
    assert.deepEqual(
      plan.changes.map((c: { action: string; id: string }) => [c.action, c.id]),
      [
        ['create', 'ep-0002'],
        ['update', 'ep-0001'],
      ],
    );
    assert.deepEqual(plan.changes[1].fields, [{ path: 'Attributes.Plan', before: ['pro'], after: ['team'] }]);
    assert.match(plan.checksum, /^sha256:[0-9a-f]{64}$/);
  });

  it('takes the application from --app-id, then PINSYNC_APP_ID, then the manifest', async () => {
    const manifest = await writeManifest(t.dir, 'm.yaml', [makeEndpoint(1)], { applicationId: 'from-manifest' });
    const json = async (args: string[], extra: Record<string, string> = {}) => {
      const r = await runCli(['plan', manifest, '--format', 'json', ...args], { env: emulatorEnv(t.emu.url, extra) });
      assert.equal(r.code, 0, r.stderr);
      return JSON.parse(r.stdout).applicationId as string;
    };
    assert.equal(await json([]), 'from-manifest');
    assert.equal(await json([], { PINSYNC_APP_ID: 'from-env' }), 'from-env');
    assert.equal(await json(['--app-id', 'from-flag'], { PINSYNC_APP_ID: 'from-env' }), 'from-flag');

    const none = await writeManifest(t.dir, 'none.yaml', [makeEndpoint(1)]);
    const missing = await runCli(['plan', none], { env: emulatorEnv(t.emu.url) });
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^Error: no Pinpoint application id: pass --app-id/);
  });
});

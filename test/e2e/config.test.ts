import assert from 'node:assert/strict';
import { emulatorEnv, runCli } from '../support/cli.js';
import { useEmulator } from '../support/emulator-fixture.js';
import { makeEndpoint, writeManifest, writeText } from '../support/fixtures.js';

describe('e2e: the SDK configuration pinsync honours', () => {
  // The emulator accepts the profile's key as well as the usual test key, and checks signatures:
  // a plan that succeeds with --profile signed with the profile's secret.
  const t = useEmulator({ credentials: { AKIDEMU: 'secret' } });

  it('--profile takes region and credentials from that profile of the AWS config files', async () => {
    const config = await writeText(t.dir, 'aws/config', '[profile emu]\nregion = eu-west-1\n');
    const credentials = await writeText(t.dir, 'aws/credentials', '[emu]\naws_access_key_id = AKIDEMU\naws_secret_access_key = secret\n');
    const manifest = await writeManifest(t.dir, 'm.yaml', [makeEndpoint(1)], { applicationId: 'app' });
    const env = emulatorEnv(t.emu.url, {
      AWS_REGION: undefined,
      AWS_ACCESS_KEY_ID: undefined,
      AWS_SECRET_ACCESS_KEY: undefined,
      AWS_CONFIG_FILE: config,
      AWS_SHARED_CREDENTIALS_FILE: credentials,
    });

    const without = await runCli(['plan', manifest], { env });
    assert.equal(without.code, 1, 'the default profile has neither region nor credentials');

    const withProfile = await runCli(['plan', manifest, '--profile', 'emu'], { env });
    assert.equal(withProfile.code, 0, withProfile.stderr);
    assert.match(withProfile.stdout, /Plan: 1 to create/);
    const read = t.emu.requests.find((r) => r.method === 'GET');
    assert.ok(read, 'the plan read through the emulator');
  });

  it('--region is used when no region is configured', async () => {
    const manifest = await writeManifest(t.dir, 'm.yaml', [makeEndpoint(1)], { applicationId: 'app' });
    const r = await runCli(['plan', manifest, '--region', 'ap-southeast-2'], { env: emulatorEnv(t.emu.url, { AWS_REGION: undefined, HOME: t.dir }) });
    assert.equal(r.code, 0, r.stderr);
  });
});

describe('e2e: a machine whose clock is off', () => {
  // The emulator's clock is 20 minutes ahead, and it refuses signatures more than 5 minutes off.
  const t = useEmulator({ clockOffsetMs: 20 * 60_000 });

  it('plans and applies: the first refused call teaches the SDK the offset, and is signed again', async () => {
    const manifest = await writeManifest(t.dir, 'm.yaml', [makeEndpoint(1), makeEndpoint(2)], { applicationId: 'app' });
    const apply = await runCli(['apply', manifest, '--auto-approve', '--max-rps', '0'], { env: emulatorEnv(t.emu.url) });
    assert.equal(apply.code, 0, apply.stderr);
    assert.match(apply.stdout, /Apply complete: 2 created/);
    // The calls already in flight when the first refusal came back are refused too; none after.
    const statuses = t.emu.requests.map((r) => r.status);
    assert.equal(statuses[0], 403, 'the first call was refused for its time');
    const firstAccepted = statuses.findIndex((s) => s !== 403);
    assert.ok(firstAccepted > 0 && statuses.slice(firstAccepted).every((s) => s !== 403), statuses.join(' '));
    assert.equal(t.emu.store.count('app'), 2);
  });
});

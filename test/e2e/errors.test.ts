import assert from 'node:assert/strict';
import { emulatorEnv, runCli } from '../support/cli.js';
import { useEmulator } from '../support/emulator-fixture.js';
import { makeEndpoint, unusedLoopbackUrl, writeManifest, writeText } from '../support/fixtures.js';

describe('e2e: mistakes are one clear line, a non-zero exit, and nothing sent', () => {
  const t = useEmulator();

  it('broken YAML exits 1 naming file:line:column, and sends nothing', async () => {
    await writeText(t.dir, 'bad.yaml', 'applicationId: app\nendpoints:\n  - Id: a\n    ChannelType: EMAIL\n    Address: [unclosed\n');
    for (const args of [['plan'], ['apply', '--auto-approve']]) {
      const command = args[0];
      const r = await runCli([...args, 'bad.yaml'], { cwd: t.dir, env: emulatorEnv(t.emu.url) });
      assert.equal(r.code, 1, command);
      assert.match(r.stderr, /^bad\.yaml:\d+:\d+: error PS\d{3} /m);
      assert.match(r.stderr, /nothing was sent to Pinpoint/);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
      assert.equal(r.stdout, '');
    }
    assert.deepEqual(t.emu.requests, []);
  });

  it('reports every error of every file at once, sorted by file and line', async () => {
    await writeText(t.dir, 'm/a.yaml', 'endpoints:\n  - Id: x\n    ChannelType: FAX\n');
    await writeText(t.dir, 'm/b.yaml', 'endpoints:\n  - Id: X\n    ChannelType: EMAIL\n    Adress: x@example.com\n');
    const r = await runCli(['validate', 'm'], { cwd: t.dir });
    assert.equal(r.code, 1);
    const lines = r.stderr.split('\n').filter((l) => /: error /.test(l));
    assert.ok(lines.length >= 3, r.stderr);
    assert.match(lines[0] ?? '', /^m\/a\.yaml:3:18: error /);
    assert.ok(lines.slice(1).every((l) => l.startsWith('m/b.yaml:')), r.stderr);
    assert.match(r.stderr, /m\/b\.yaml:2:9: .*m\/a\.yaml:2:9/s, 'a case-insensitive duplicate Id names both places');
    assert.match(r.stderr, /Adress.*did you mean "?Address"?/);
  });

  it('a missing region is one line that says how to set it', async () => {
    const manifest = await writeManifest(t.dir, 'm.yaml', [makeEndpoint(1)], { applicationId: 'app' });
    const r = await runCli(['plan', manifest], { env: emulatorEnv(t.emu.url, { AWS_REGION: undefined, HOME: t.dir }) });
    assert.equal(r.code, 1);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /^Error: no AWS region is set: pass --region, set AWS_REGION/);
    assert.deepEqual(t.emu.requests, []);
  });

  it('missing credentials are one line that says how to set them', async () => {
    const manifest = await writeManifest(t.dir, 'm.yaml', [makeEndpoint(1)], { applicationId: 'app' });
    const env = emulatorEnv(t.emu.url, {
      AWS_ACCESS_KEY_ID: undefined,
      AWS_SECRET_ACCESS_KEY: undefined,
      HOME: t.dir,
      // Keep the SDK from asking an instance metadata service that does not exist here.
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    const r = await runCli(['plan', manifest], { env });
    assert.equal(r.code, 1);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /^Error: no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, pass --profile/);
    assert.deepEqual(t.emu.requests, []);
  });

  it('an unreachable endpoint is a one-line error, not a stack trace', async () => {
    const manifest = await writeManifest(t.dir, 'm.yaml', [makeEndpoint(1)], { applicationId: 'app' });
    const url = await unusedLoopbackUrl();
    const r = await runCli(['plan', manifest, '--endpoint-url', url], { env: emulatorEnv(t.emu.url) });
    assert.equal(r.code, 1);
    assert.equal(r.stderr, `Error: cannot reach Pinpoint at ${url}: ECONNREFUSED\n`);
  });

  it('--endpoint-url wins over AWS_ENDPOINT_URL_PINPOINT', async () => {
    const manifest = await writeManifest(t.dir, 'm.yaml', [makeEndpoint(1)], { applicationId: 'app' });
    const r = await runCli(['plan', manifest, '--endpoint-url', t.emu.url], { env: emulatorEnv('http://127.0.0.1:9') });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(t.emu.requests.length > 0);
  });

  it('an unknown flag or command is a usage error with exit 1', async () => {
    const flag = await runCli(['plan', 'x.yaml', '--bogus']);
    assert.equal(flag.code, 1);
    assert.match(flag.stderr, /^Error: Unknown argument: bogus/);
    const command = await runCli(['plna']);
    assert.equal(command.code, 1);
    assert.match(command.stderr, /Did you mean plan\?|Unknown argument: plna/);
  });

  it('a command group without its command names the commands it has', async () => {
    const r = await runCli(['state']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^Error: name a state command: list, rm or unlock/);
  });

  it('no manifest path is a clear error', async () => {
    const r = await runCli(['plan'], { env: emulatorEnv(t.emu.url) });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^Error: no manifest given: name the files or folders to read/);
  });
});

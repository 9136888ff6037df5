import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { access, cp } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GetEndpointCommand, PinpointClient } from '@aws-sdk/client-pinpoint';
import { CLI, emulatorEnv, runCli } from '../support/cli.js';
import { makeEndpoint, tempDir, writeManifest } from '../support/fixtures.js';

const EXAMPLES = fileURLToPath(new URL('../../../examples', import.meta.url));

describe('e2e: --local and the emulator command', () => {
  it('runs the README quick start against the embedded emulator, keeping data in .pinsync/local/', async () => {
    const dir = await tempDir();
    await cp(EXAMPLES, join(dir, 'examples'), { recursive: true });
    // No AWS variables at all: --local needs no account, region or credentials.
    const env = { HOME: dir };

    const plan = await runCli(['plan', 'examples/endpoints', '--local', '--detailed-exitcode'], { cwd: dir, env });
    assert.equal(plan.code, 2, plan.stderr);
    assert.match(plan.stdout, /Plan: 36 to create, 0 to update, 0 to replace, 0 to delete, 0 unchanged\./);
    assert.equal(plan.stderr, '');

    const apply = await runCli(['apply', 'examples/endpoints', '--local', '--auto-approve'], { cwd: dir, env });
    assert.equal(apply.code, 0, apply.stderr);
    assert.match(apply.stdout, /Apply complete: 36 created, 0 updated, 0 replaced, 0 deleted, 0 failed\./);
    await access(join(dir, '.pinsync', 'local', 'pinpoint.json'));

    const again = await runCli(['plan', 'examples/endpoints', '--local', '--detailed-exitcode'], { cwd: dir, env });
    assert.equal(again.code, 0, again.stdout + again.stderr);
    assert.match(again.stdout, /No changes\./);
  });

  /** Starts `pinsync emulator` with these flags; resolves with its URL once it listens. */
  function startEmulatorCommand(flags: string[]): { child: ReturnType<typeof spawn>; url: Promise<string> } {
    const child = spawn(process.execPath, [CLI, 'emulator', '--port', '0', ...flags], { stdio: ['ignore', 'pipe', 'pipe'] });
    const url = new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.setEncoding('utf8').on('data', (d: string) => {
        out += d;
        const m = /listening on (http:\/\/\S+)/.exec(out);
        if (m?.[1]) resolve(m[1]);
      });
      child.on('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
    });
    return { child, url };
  }

  it('`pinsync emulator --port 0` prints its URL and serves the AWS SDK', async () => {
    const dir = await tempDir();
    const { child, url: listening } = startEmulatorCommand(['--data', join(dir, 'data.json')]);
    try {
      const url = await listening;
      const client = new PinpointClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
      await assert.rejects(
        client.send(new GetEndpointCommand({ ApplicationId: 'app', EndpointId: 'nope' })),
        (e: Error & { $metadata?: { httpStatusCode?: number } }) => e.name === 'NotFoundException' && e.$metadata?.httpStatusCode === 404,
      );
      client.destroy();
    } finally {
      child.kill('SIGTERM');
    }
    const code = await new Promise((resolve) => child.on('close', resolve));
    assert.equal(code, 0, 'stops cleanly on SIGTERM');
  });

  it('`pinsync emulator --credentials` refuses what is not signed with those credentials, as AWS does', async () => {
    const dir = await tempDir();
    await writeManifest(dir, 'm.yaml', [makeEndpoint(1)], { applicationId: 'app' });
    const { child, url: listening } = startEmulatorCommand(['--credentials', 'ci-key:s3cret:with-colon']);
    try {
      const url = await listening;
      const plan = (secret: string) => runCli(['plan', 'm.yaml', '--endpoint-url', url], { cwd: dir, env: emulatorEnv(url, { AWS_ACCESS_KEY_ID: 'ci-key', AWS_SECRET_ACCESS_KEY: secret }) });
      const signed = await plan('s3cret:with-colon');
      assert.equal(signed.code, 0, signed.stderr);
      assert.match(signed.stdout, /Plan: 1 to create/);
      const wrong = await plan('guess');
      assert.equal(wrong.code, 1);
      assert.match(wrong.stderr, /InvalidSignatureException: The request signature we calculated does not match/);
      assert.doesNotMatch(wrong.stderr, /\n\s+at /, 'no stack trace');
    } finally {
      child.kill('SIGTERM');
    }
    assert.equal(await new Promise((resolve) => child.on('close', resolve)), 0);

    const bad = await runCli(['emulator', '--port', '0', '--credentials', 'no-colon'], { cwd: dir });
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /--credentials takes KEY_ID:SECRET .*not "no-colon"/);
  });
});

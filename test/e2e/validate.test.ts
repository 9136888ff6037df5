import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../support/cli.js';

const EXAMPLES = fileURLToPath(new URL('../../../examples', import.meta.url));

const lines = (...ls: string[]): string => `${ls.join('\n')}\n`;

describe('pinsync validate', function () {
  this.timeout(60_000);
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'pinsync-validate-'));
    await mkdir(path.join(dir, 'ok'));
    await writeFile(path.join(dir, 'ok', 'a.yaml'), lines('endpoints:', '  - Id: a', '    ChannelType: EMAIL', '    Address: a@example.com'));
    await writeFile(path.join(dir, 'warn.yaml'), lines('endpoints:', '  - Id: w', '    ChannelType: APNS', '    Address: not-a-token'));
    await writeFile(path.join(dir, 'bad.yaml'), lines('endpoints:', '  - Id: b', '    ChannelTyp: SMS', '    Address: 12065550100'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('accepts the examples, the seed batch file among them, with no diagnostics', async () => {
    const r = await runCli(['validate', path.join(EXAMPLES, 'endpoints'), path.join(EXAMPLES, 'seed')]);
    assert.equal(r.stderr, '');
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^Valid: \d+ endpoints in 4 files\.\n$/);
  });

  it('prints every error like a compiler, sorted, and exits 1', async () => {
    const r = await runCli(['validate', 'bad.yaml', 'ok'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.equal(
      r.stderr,
      lines(
        'bad.yaml:3:5: error PS020 unknown field "ChannelTyp" in an endpoint (did you mean "ChannelType"?)',
        'bad.yaml:4:14: error PS022 Address must be a string, not the number 12065550100: put it in quotes ("12065550100")',
        '',
        '2 errors in the manifest.',
      ),
    );
  });

  it('prints warnings and exits 0, or 1 with --strict', async () => {
    const warning = 'warn.yaml:4:14: warning PS033 Address "not-a-token" does not look like an APNS device token (APNs device tokens are hexadecimal, 64 characters or more)\n';
    const lax = await runCli(['validate', 'warn.yaml'], { cwd: dir });
    assert.equal(lax.code, 0);
    assert.equal(lax.stderr, warning);
    assert.equal(lax.stdout, 'Valid: 1 endpoint in 1 file, with 1 warning.\n');
    const strict = await runCli(['validate', 'warn.yaml', '--strict'], { cwd: dir });
    assert.equal(strict.code, 1);
    assert.equal(strict.stderr, `${warning}\n1 warning in the manifest, and --strict makes warnings fail.\n`);
  });

  it('gives the diagnostics as data with --format json, on stdout only', async () => {
    const r = await runCli(['validate', 'bad.yaml', 'warn.yaml', '--format', 'json'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.equal(r.stderr, '');
    const report = JSON.parse(r.stdout) as Record<string, unknown>;
    assert.deepEqual(report, {
      formatVersion: 1,
      valid: false,
      errors: 2,
      warnings: 1,
      diagnostics: [
        {
          file: 'bad.yaml',
          line: 3,
          column: 5,
          severity: 'error',
          code: 'PS020',
          message: 'unknown field "ChannelTyp" in an endpoint (did you mean "ChannelType"?)',
          path: 'endpoints[0].ChannelTyp',
        },
        {
          file: 'bad.yaml',
          line: 4,
          column: 14,
          severity: 'error',
          code: 'PS022',
          message: 'Address must be a string, not the number 12065550100: put it in quotes ("12065550100")',
          path: 'endpoints[0].Address',
        },
        {
          file: 'warn.yaml',
          line: 4,
          column: 14,
          severity: 'warning',
          code: 'PS033',
          message: 'Address "not-a-token" does not look like an APNS device token (APNs device tokens are hexadecimal, 64 characters or more)',
          path: 'endpoints[0].Address',
        },
      ],
    });
    const ok = JSON.parse((await runCli(['validate', 'ok', '--format', 'json'], { cwd: dir })).stdout) as Record<string, unknown>;
    assert.deepEqual(ok, { formatVersion: 1, valid: true, errors: 0, warnings: 0, endpoints: 1, files: 1, diagnostics: [] });
  });

  it('makes no network call: it works with an unreachable endpoint and no credentials', async () => {
    const r = await runCli(['validate', 'ok'], {
      cwd: dir,
      env: { AWS_ENDPOINT_URL_PINPOINT: 'http://127.0.0.1:9', AWS_ACCESS_KEY_ID: undefined, AWS_REGION: undefined },
    });
    assert.equal(r.code, 0, r.stderr);
  });

  it('asks for a path when given none, and reports a path that does not exist', async () => {
    const none = await runCli(['validate'], { cwd: dir });
    assert.equal(none.code, 1);
    assert.match(none.stderr, /no manifest given: name the files or folders to read/);
    const missing = await runCli(['validate', 'nope.yaml'], { cwd: dir });
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^nope\.yaml:1:1: error PS004 nope\.yaml does not exist/);
  });

  it('stops plan before reading Pinpoint when the manifest has an error', async () => {
    const r = await runCli(['plan', 'bad.yaml', '--app-id', 'app', '--endpoint-url', 'http://127.0.0.1:9'], {
      cwd: dir,
      env: { AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'x', AWS_REGION: 'us-east-1' },
    });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^bad\.yaml:3:5: error PS020 /);
    assert.match(r.stderr, /nothing was sent to Pinpoint/);
    assert.doesNotMatch(r.stderr, /ECONNREFUSED|connect/);
  });
});

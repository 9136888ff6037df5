import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { CLI, runCli } from '../support/cli.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

describe('e2e: the pinsync bin', () => {
  it('prints the version package.json gives', async () => {
    const pkg = JSON.parse(await readFile(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string; bin: { pinsync: string } };
    const result = await runCli(['--version']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout.trim(), pkg.version);
    // Every end-to-end test starts this file, the one npm links as `pinsync`.
    assert.ok(CLI.endsWith(pkg.bin.pinsync.replace(/^\.\//, '')), CLI);
  });

  it('is published with the bundle it runs, which needs nothing from node_modules', async () => {
    // What `npm pack` would put in the package (prepare has built the bundle: the tests run after it).
    const { stdout } = await promisify(execFile)('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT });
    const files = (JSON.parse(stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
    for (const needed of ['cmd/pinsync.js', 'dist/bin/main.js', 'schema/manifest.schema.json', 'README.md']) assert.ok(files.includes(needed), needed);
    assert.deepEqual(files.filter((f) => /^(core|providers|test|bench|dist\/(core|cmd|test))\//.test(f)), [], 'sources and tests stay out');
    // Installed as exactly those files, with no node_modules anywhere above them.
    const dir = await mkdtemp(path.join(tmpdir(), 'pinsync-package-'));
    try {
      for (const f of files) {
        await mkdir(path.dirname(path.join(dir, f)), { recursive: true });
        await copyFile(path.join(ROOT, f), path.join(dir, f));
      }
      const bin = path.join(dir, 'cmd', 'pinsync.js');
      const validate = await runCli([], { cwd: dir, command: [process.execPath, bin, 'validate', 'examples/endpoints'] });
      assert.equal(validate.code, 0, validate.stderr);
      assert.match(validate.stdout, /^Valid: \d+ endpoints in 3 files\./);
      // The AWS SDK and the emulator come from the bundle too.
      const plan = await runCli([], { cwd: dir, command: [process.execPath, bin, 'plan', 'examples/endpoints', '--local', '--no-color'] });
      assert.equal(plan.code, 0, plan.stderr);
      assert.match(plan.stdout, /Plan: \d+ to create, 0 to update/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

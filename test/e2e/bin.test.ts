import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { CLI, runCli } from '../support/cli.js';

describe('e2e: the pinsync bin', () => {
  it('prints the version package.json gives', async () => {
    const pkg = JSON.parse(await readFile(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string; bin: { pinsync: string } };
    const result = await runCli(['--version']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout.trim(), pkg.version);
    // Every end-to-end test starts this file, the one npm links as `pinsync`.
    assert.ok(CLI.endsWith(pkg.bin.pinsync.replace(/^\.\//, '')), CLI);
  });
});

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { CLI, emulatorEnv, runCli } from '../support/cli.js';
import { useEmulator } from '../support/emulator-fixture.js';
import { makeEndpoint, writeManifest } from '../support/fixtures.js';

// util-linux `script` runs the CLI on a pseudo-terminal, as a person at a terminal would.
const hasScript = spawnSync('script', ['--version']).status === 0;

describe('e2e: apply asks for approval on a terminal', () => {
  const t = useEmulator();

  before(function () {
    if (!hasScript) this.skip();
  });

  async function applyAtTerminal(answer: string) {
    const manifest = await writeManifest(t.dir, 'm.yaml', [makeEndpoint(1), makeEndpoint(2)], { applicationId: 'app' });
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} apply ${JSON.stringify(manifest)} --no-color`;
    return runCli([], {
      env: emulatorEnv(t.emu.url),
      input: `${answer}\n`,
      command: ['script', '-qec', command, '/dev/null'],
    });
  }

  it("applies after the answer 'yes'", async () => {
    const r = await applyAtTerminal('yes');
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, /Only 'yes' will be accepted to approve/);
    assert.match(r.stdout, /Apply complete: 2 created, 0 updated, 0 replaced, 0 deleted, 0 failed\./);
    assert.equal(t.emu.store.count('app'), 2);
  });

  it('sends nothing after any other answer', async () => {
    const r = await applyAtTerminal('y');
    assert.equal(r.code, 1);
    assert.match(r.stdout, /Apply cancelled; nothing was sent\./);
    assert.deepEqual(
      t.emu.requests.filter((q) => q.method !== 'GET'),
      [],
    );
  });
});

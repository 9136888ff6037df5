import assert from 'node:assert/strict';
import { lstat, mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile, chmod } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../support/cli.js';

const lines = (...ls: string[]): string => `${ls.join('\n')}\n`;

const MESSY = lines('# users', 'endpoints:', "  - ChannelType: EMAIL   # primary", "    Id: 'b'", '  - {Id: a, ChannelType: SMS, Address: "+12065550100"}');
const TIDY = lines('# users', 'endpoints:', '  - Id: b', '    ChannelType: EMAIL # primary', '  - Id: a', '    ChannelType: SMS', '    Address: "+12065550100"');
const SORTED = lines('# users', 'endpoints:', '  - Id: a', '    ChannelType: SMS', '    Address: "+12065550100"', '  - Id: b', '    ChannelType: EMAIL # primary');

describe('pinsync fmt', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'pinsync-fmt-'));
    await writeFile(path.join(dir, 'users.yaml'), MESSY);
    await writeFile(path.join(dir, 'tidy.yaml'), TIDY);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('--check lists the files that would change, changes nothing and exits 1', async () => {
    const r = await runCli(['fmt', '--check', '.'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.equal(r.stdout, 'users.yaml\n');
    assert.match(r.stderr, /1 file is not formatted; run `pinsync fmt` on it\./);
    assert.equal(await readFile(path.join(dir, 'users.yaml'), 'utf8'), MESSY);
    const clean = await runCli(['fmt', '--check', 'tidy.yaml'], { cwd: dir });
    assert.equal(clean.code, 0);
    assert.equal(clean.stdout, '');
  });

  it('rewrites files in canonical form, keeping comments and file modes, and is then clean', async () => {
    await chmod(path.join(dir, 'users.yaml'), 0o600);
    const r = await runCli(['fmt', '.'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'users.yaml\n');
    assert.equal(await readFile(path.join(dir, 'users.yaml'), 'utf8'), TIDY);
    assert.equal((await stat(path.join(dir, 'users.yaml'))).mode & 0o777, 0o600);
    assert.equal((await runCli(['fmt', '--check', '.'], { cwd: dir })).code, 0);
  });

  it('writes a symlinked manifest through its link, to the file it points at', async () => {
    await mkdir(path.join(dir, 'shared'));
    await writeFile(path.join(dir, 'shared', 'users.yaml'), MESSY);
    await mkdir(path.join(dir, 'team'));
    await symlink(path.join('..', 'shared', 'users.yaml'), path.join(dir, 'team', 'users.yaml'));
    const r = await runCli(['fmt', 'team'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.ok((await lstat(path.join(dir, 'team', 'users.yaml'))).isSymbolicLink(), 'still a link');
    assert.equal(await readFile(path.join(dir, 'shared', 'users.yaml'), 'utf8'), TIDY);
  });

  it('--sort orders endpoints by Id', async () => {
    const r = await runCli(['fmt', '--sort', 'users.yaml'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(await readFile(path.join(dir, 'users.yaml'), 'utf8'), SORTED);
  });

  it('reports a file that does not parse where it breaks, leaves it as it is, and still formats the others', async () => {
    const broken = lines('endpoints:', '  - Id: a', '   ChannelType: SMS');
    await writeFile(path.join(dir, 'broken.yaml'), broken);
    const r = await runCli(['fmt', '.'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^broken\.yaml:3:1: error PS001 cannot format: invalid YAML: /);
    assert.doesNotMatch(r.stderr, /^\s+at /m);
    assert.equal(r.stdout, 'users.yaml\n');
    assert.equal(await readFile(path.join(dir, 'broken.yaml'), 'utf8'), broken);
  });
});

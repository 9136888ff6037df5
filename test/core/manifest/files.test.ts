import assert from 'node:assert/strict';
import path from 'node:path';
import { loadManifest } from '../../../core/manifest/index.js';
import { brief, diagnosticsOf, lines, loadTree, makeTree, manifestOf, removeTrees } from './helpers.js';

const one = (id: string): string => lines('endpoints:', `  - Id: ${id}`, '    ChannelType: EMAIL');

describe('manifest: files and folders', () => {
  after(removeTrees);

  it('reads every .yaml, .yml and .json below a folder, recursively, sorted by path', async () => {
    const result = await loadTree(
      {
        'm/b.yaml': one('b'),
        'm/a.json': '{"Item": [{"Id": "a", "ChannelType": "SMS"}]}',
        'm/sub/c.yml': one('c'),
        'm/sub/deeper/d.yaml': one('d'),
        'm/a-z.yaml': one('az'),
        'm/README.md': '# not a manifest',
        'm/notes.txt': 'nope',
        'm/.hidden/x.yaml': 'not: read',
        'm/.prettierrc.json': '{"semi": false}',
        'm/node_modules/pkg/package.json': '{"name": "pkg"}',
      },
      ['m'],
    );
    const m = manifestOf(result);
    assert.deepEqual(m.files, ['m/a-z.yaml', 'm/a.json', 'm/b.yaml', 'm/sub/c.yml', 'm/sub/deeper/d.yaml']);
    assert.deepEqual(
      m.endpoints.map((e) => `${e.source.file}:${e.source.line} ${e.endpoint.Id}`),
      ['m/a-z.yaml:2 az', 'm/a.json:1 a', 'm/b.yaml:2 b', 'm/sub/c.yml:2 c', 'm/sub/deeper/d.yaml:2 d'],
    );
    assert.deepEqual(result.diagnostics, []);
  });

  it('keeps the order paths are given, reading a file named twice only once', async () => {
    const result = await loadTree({ 'z.yaml': one('z'), 'dir/a.yaml': one('a') }, ['z.yaml', 'dir', './dir/a.yaml', 'z.yaml']);
    assert.deepEqual(manifestOf(result).files, ['z.yaml', 'dir/a.yaml']);
  });

  it('names files as given: relative to cwd, or absolute when given absolute', async () => {
    const dir = await makeTree({ 'x/a.yaml': one('a') });
    const rel = manifestOf(await loadManifest(['./x/'], { cwd: dir }));
    assert.deepEqual(rel.files, ['x/a.yaml']);
    const abs = manifestOf(await loadManifest([path.join(dir, 'x')], { cwd: '/' }));
    assert.deepEqual(abs.files, [path.join(dir, 'x', 'a.yaml')]);
    assert.equal(abs.endpoints[0]!.source.file, path.join(dir, 'x', 'a.yaml'));
  });

  it('reports a path that does not exist, and still checks the others', async () => {
    const cwd = await makeTree({ 'ok.yaml': one('a'), 'bad.yaml': lines('endpoints:', '  - Id: b', '    ChannelTyp: SMS') });
    const ds = diagnosticsOf(await loadManifest(['missing/dir', 'ok.yaml', 'bad.yaml', 'nope.yaml'], { cwd }));
    assert.deepEqual(brief(ds), [
      'bad.yaml:3:5 error PS020 endpoints[0].ChannelTyp',
      'missing/dir:1:1 error PS004',
      'nope.yaml:1:1 error PS004',
    ]);
    assert.equal(ds[1]!.message, `missing/dir does not exist: check the path (relative paths are read from ${cwd})`);
  });

  it('is an error to give no paths', async () => {
    const ds = diagnosticsOf(await loadManifest([], { cwd: await makeTree({}) }));
    assert.deepEqual(brief(ds), ['.:1:1 error PS005']);
    assert.equal(ds[0]!.message, 'no manifest paths given: name the files or folders to read');
  });

  it('is an error when the folders hold no manifest files, a warning when other paths do', async () => {
    const dir = await makeTree({ 'empty/README.md': 'hi', 'full/a.yaml': one('a') });
    const alone = diagnosticsOf(await loadManifest(['empty'], { cwd: dir }));
    assert.deepEqual(brief(alone), ['empty:1:1 error PS005']);
    assert.equal(alone[0]!.message, 'no *.yaml, *.yml or *.json files in empty');
    const mixed = await loadManifest(['empty', 'full'], { cwd: dir });
    assert.equal(mixed.ok, true);
    assert.deepEqual(brief(mixed.diagnostics), ['empty:1:1 warning PS005']);
  });
});

import assert from 'node:assert/strict';
import { brief, diagnosticsOf, lines, loadTree, manifestOf, removeTrees } from './helpers.js';

describe('manifest: Ids and applicationId across files', () => {
  after(removeTrees);

  it('rejects empty Ids and Ids with $, { or }', async () => {
    const text = lines(
      'endpoints:',
      '  - {Id: "", ChannelType: SMS}',
      '  - {Id: "a$b", ChannelType: SMS}',
      '  - {Id: "x{y}", ChannelType: SMS}',
      '  - {Id: "fine-id_1.2@x", ChannelType: SMS}',
    );
    const ds = diagnosticsOf(await loadTree({ 'ids.yaml': text }, ['ids.yaml']));
    assert.deepEqual(
      ds.map((d) => `${d.file}:${d.line}:${d.column} ${d.code} ${d.path} | ${d.message}`),
      [
        'ids.yaml:2:10 PS030 endpoints[0].Id | Id must not be empty',
        'ids.yaml:3:10 PS030 endpoints[1].Id | Id "a$b" contains $, { or }, which Pinpoint does not allow in Ids',
        'ids.yaml:4:10 PS030 endpoints[2].Id | Id "x{y}" contains $, { or }, which Pinpoint does not allow in Ids',
      ],
    );
  });

  it('reports an Id declared twice in one file on the second declaration, naming the first', async () => {
    const text = lines('endpoints:', '  - Id: same', '    ChannelType: SMS', '  - Id: same', '    ChannelType: EMAIL');
    const ds = diagnosticsOf(await loadTree({ 'one.yaml': text }, ['one.yaml']));
    assert.deepEqual(brief(ds), ['one.yaml:4:9 error PS031 endpoints[1].Id']);
    assert.equal(ds[0]!.message, 'endpoint Id "same" is already declared at one.yaml:2:9; declare each endpoint once');
  });

  it('treats Ids that differ only in case, across files, as the same endpoint, naming both places', async () => {
    const a = lines('endpoints:', '  - Id: User-1', '    ChannelType: SMS');
    const b = '{\n  "Item": [\n    {"ChannelType": "EMAIL", "Id": "user-1"}\n  ]\n}\n';
    const ds = diagnosticsOf(await loadTree({ 'm/a.yaml': a, 'm/b.json': b }, ['m']));
    assert.deepEqual(brief(ds), ['m/b.json:3:36 error PS031 Item[0].Id']);
    assert.equal(
      ds[0]!.message,
      'endpoint Id "user-1" is the same endpoint as "User-1" at m/a.yaml:2:9: Pinpoint ignores case in Ids; remove one or rename it',
    );
  });

  it('keeps Id case as written when Ids are distinct', async () => {
    const m = manifestOf(await loadTree({ 'x.yaml': lines('endpoints:', '  - {Id: MiXeD, ChannelType: SMS}') }, ['x.yaml']));
    assert.equal(m.endpoints[0]!.endpoint.Id, 'MiXeD');
  });

  it('reports files that set different applicationIds, naming both places', async () => {
    const ds = diagnosticsOf(
      await loadTree(
        {
          'a.yaml': lines('applicationId: 0123456789abcdef0123456789abcdef', 'endpoints: []'),
          'b.yaml': lines('endpoints: []', 'applicationId: fedcba9876543210fedcba9876543210'),
          'c.yaml': lines('applicationId: 0123456789abcdef0123456789abcdef'),
        },
        ['a.yaml', 'b.yaml', 'c.yaml'],
      ),
    );
    assert.deepEqual(brief(ds), ['b.yaml:2:16 error PS013 applicationId']);
    assert.equal(
      ds[0]!.message,
      'applicationId "fedcba9876543210fedcba9876543210" differs from "0123456789abcdef0123456789abcdef" set at a.yaml:1:16; ' +
        'a manifest targets one project: set the same id in both files, or in one only',
    );
  });

  it('collects every problem from every file, sorted by file, line and column', async () => {
    const result = await loadTree(
      {
        'z.yaml': lines('endpoints:', '  - Id: dup', '    ChannelType: SMS', '    Metrics: {m: x}'),
        'a.json': '{"Item": [{"Id": "DUP", "ChannelType": "FAX"}, {"Id": "ok", "ChannelType": "SMS", "Extra": 1}]}',
        'm.yaml': lines('endpoints:', '  - Id: m', '    ChannelType: SMS', '    Attributes: {A: [1]}', 'bogus: 1', '  '),
        'broken.yaml': lines('endpoints: [', '  - x'),
        'empty.yaml': '',
      },
      ['z.yaml', 'a.json', 'm.yaml', 'broken.yaml', 'empty.yaml'],
    );
    // z.yaml is read first, so its "dup" is the first declaration and a.json's "DUP" the second.
    const ds = diagnosticsOf(result);
    assert.deepEqual(brief(ds), [
      'a.json:1:18 error PS031 Item[0].Id',
      'a.json:1:40 error PS025 Item[0].ChannelType',
      'a.json:1:83 error PS020 Item[1].Extra',
      'broken.yaml:2:3 error PS001',
      'broken.yaml:3:1 error PS001',
      'empty.yaml:1:1 warning PS007',
      'm.yaml:4:22 error PS022 endpoints[0].Attributes.A[0]',
      'm.yaml:5:1 error PS010 bogus',
      'z.yaml:4:18 error PS021 endpoints[0].Metrics.m',
    ]);
    assert.match(ds[0]!.message, / at z\.yaml:2:9: /);
  });
});

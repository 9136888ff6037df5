import assert from 'node:assert/strict';
import { brief, diagnosticsOf, lines, loadTree, manifestOf, removeTrees } from './helpers.js';

const one = (id: string): string[] => [`  - Id: ${id}`, '    ChannelType: EMAIL'];

describe('manifest: run settings and pinsync endpoint keys', () => {
  after(removeTrees);

  it('reads removals, prune and safety from any file; settings is {} when none is set', async () => {
    const none = manifestOf(await loadTree({ 'a.yaml': lines('endpoints:', ...one('a')) }, ['a.yaml']));
    assert.deepEqual(none.settings, {});
    const m = manifestOf(
      await loadTree(
        {
          'm/a.yaml': lines('removals: replace', 'endpoints:', ...one('a')),
          'm/b.yaml': lines('prune: true', 'safety:', '  maxDeletePercent: 12.5', '  minManaged: 3', 'endpoints: []'),
          'm/c.yaml': lines('removals: replace', 'prune: true', 'endpoints:', ...one('c')),
        },
        ['m'],
      ),
    );
    assert.deepEqual(m.settings, { removals: 'replace', prune: true, safety: { maxDeletePercent: 12.5, minManaged: 3 } });
  });

  it('reports two files that set different values, naming both places', async () => {
    const ds = diagnosticsOf(
      await loadTree(
        {
          'm/a.yaml': lines('removals: leave', 'safety: {minManaged: 5}', 'endpoints: []'),
          'm/b.yaml': lines('endpoints: []', 'removals: replace', 'safety:', '  minManaged: 6', 'prune: false'),
          'm/c.yaml': lines('prune: true'),
        },
        ['m'],
      ),
    );
    assert.deepEqual(brief(ds), [
      'm/b.yaml:2:11 error PS015 removals',
      'm/b.yaml:4:15 error PS015 safety.minManaged',
      'm/c.yaml:1:8 error PS015 prune',
    ]);
    assert.equal(
      ds[0]!.message,
      'removals: "replace" differs from "leave" set at m/a.yaml:1:11; a manifest has one value: set the same in both files, or in one only',
    );
    assert.match(ds[2]!.message, /^prune: true differs from false set at m\/b\.yaml:5:8;/);
  });

  it('checks the values of each setting, with did-you-mean inside safety', async () => {
    const ds = diagnosticsOf(
      await loadTree(
        {
          'a.yaml': lines(
            'removals: delete',
            'prune: "yes"',
            'safety:',
            '  maxDeletePercent: 130',
            '  minManaged: 2.5',
            '  maxDeletePercnt: 3',
            '  colour: red',
            'endpoints: []',
          ),
          'b.yaml': lines('safety: 30', 'removal: leave'),
        },
        ['a.yaml', 'b.yaml'],
      ),
    );
    assert.deepEqual(
      ds.map((d) => `${d.file}:${d.line}:${d.column} ${d.code} ${d.message}`),
      [
        'a.yaml:1:11 PS025 removals must be one of leave, replace, not "delete"',
        'a.yaml:2:8 PS021 prune must be true or false, not the string "yes": write true or false, without quotes',
        'a.yaml:4:21 PS026 safety.maxDeletePercent must be between 0 and 100, not 130',
        'a.yaml:5:15 PS021 safety.minManaged must be a whole number, not 2.5',
        'a.yaml:6:3 PS020 unknown field "maxDeletePercnt" in safety (did you mean "maxDeletePercent"?)',
        'a.yaml:7:3 PS020 unknown field "colour" in safety; known fields: maxDeletePercent, minManaged',
        'b.yaml:1:9 PS021 safety must be a mapping such as { maxDeletePercent: 30, minManaged: 10 }, not the number 30',
        'b.yaml:2:1 PS010 unknown top-level key "removal" (did you mean "removals"?); a manifest file has endpoints: (or Item:), applicationId:, removals:, prune:, safety:, defaults: and $schema:',
      ],
    );
  });

  it('keeps protect and allowResubscribe out of the Pinpoint fields, from the endpoint or from defaults', async () => {
    const m = manifestOf(
      await loadTree(
        {
          'a.yaml': lines(
            'defaults:',
            '  protect: true',
            '  OptOut: NONE',
            'endpoints:',
            '  - Id: a',
            '    ChannelType: EMAIL',
            '  - Id: b',
            '    ChannelType: SMS',
            '    protect: false',
            '    allowResubscribe: true',
          ),
          'b.yaml': lines('endpoints:', '  - Id: c', '    ChannelType: EMAIL', '    allowResubscribe: false'),
        },
        ['a.yaml', 'b.yaml'],
      ),
    );
    assert.deepEqual(
      m.endpoints.map((e) => ({ endpoint: e.endpoint, protect: e.protect, allowResubscribe: e.allowResubscribe })),
      [
        { endpoint: { Id: 'a', ChannelType: 'EMAIL', OptOut: 'NONE' }, protect: true, allowResubscribe: undefined },
        { endpoint: { Id: 'b', ChannelType: 'SMS', OptOut: 'NONE' }, protect: false, allowResubscribe: true },
        { endpoint: { Id: 'c', ChannelType: 'EMAIL' }, protect: undefined, allowResubscribe: false },
      ],
    );
    assert.equal('protect' in m.endpoints[2]!, false);
  });

  it('wants true or false for protect and allowResubscribe', async () => {
    const ds = diagnosticsOf(
      await loadTree({ 'a.yaml': lines('endpoints:', '  - Id: a', '    ChannelType: EMAIL', '    protect: yes', '    allowResubscribe: 1') }, ['a.yaml']),
    );
    assert.deepEqual(brief(ds), ['a.yaml:4:14 error PS021 endpoints[0].protect', 'a.yaml:5:23 error PS021 endpoints[0].allowResubscribe']);
  });

  it('skips the state file, lock files and saved plans in a folder scan, but reads them when named', async () => {
    const files = {
      'm/a.yaml': lines('endpoints:', ...one('a')),
      'm/pinsync.state.json': '{"formatVersion": 1, "endpoints": {}}',
      'm/pinsync.state.json.lock': 'pid 1',
      'm/sub/pinsync.state.json': '{}',
      'm/release.plan.json': '{"formatVersion": 1}',
      'm/deploy.lock': 'x',
    };
    const m = manifestOf(await loadTree(files, ['m']));
    assert.deepEqual(m.files, ['m/a.yaml']);
    const named = await loadTree(files, ['m/release.plan.json']);
    assert.deepEqual(brief(named.diagnostics), ['m/release.plan.json:1:2 error PS010 formatVersion']);
  });
});

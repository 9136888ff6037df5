import assert from 'node:assert/strict';
import { brief, diagnosticsOf, lines, loadTree, manifestOf, removeTrees } from './helpers.js';

describe('manifest: syntax, duplicate keys and empty files', () => {
  after(removeTrees);

  it('reports broken YAML at the parser position; the file contributes nothing, other files are still checked', async () => {
    const broken = lines('endpoints:', '  - Id: a', '    ChannelType: EMAIL', '   Address: x');
    const other = lines('endpoints:', '  - Id: b', '    ChannelType: EMAIL', '    Adress: x');
    const ds = diagnosticsOf(await loadTree({ 'm/broken.yaml': broken, 'm/other.yaml': other }, ['m']));
    assert.deepEqual(brief(ds), ['m/broken.yaml:4:1 error PS001', 'm/other.yaml:4:5 error PS020 endpoints[0].Adress']);
    assert.match(ds[0]!.message, /^invalid YAML: .+ \(nothing in this file is used until it parses\)$/);
    assert.equal(ds[1]!.message, 'unknown field "Adress" in an endpoint (did you mean "Address"?)');
  });

  it('reports an unclosed flow list, tab indentation and several documents where they are', async () => {
    const ds = diagnosticsOf(
      await loadTree(
        {
          'flow.yaml': lines('endpoints:', '  - Id: a', '    Attributes: {Plan: [pro}'),
          'tab.yaml': 'endpoints:\n\t- Id: a\n',
          'multi.yaml': lines('endpoints: []', '---', 'endpoints: []'),
        },
        ['flow.yaml', 'tab.yaml', 'multi.yaml'],
      ),
    );
    assert.deepEqual(brief(ds), [
      'flow.yaml:3:28 error PS001',
      'flow.yaml:3:29 error PS001',
      'multi.yaml:2:1 error PS001',
      'tab.yaml:2:1 error PS001',
    ]);
    assert.equal(
      ds[2]!.message,
      'invalid YAML: a manifest file holds one YAML document; move each document after `---` to its own file (nothing in this file is used until it parses)',
    );
    assert.match(ds[3]!.message, /indent with spaces/);
  });

  it('rejects JSON syntax errors in .json files, with positions', async () => {
    const files = {
      'comma.json': '{\n  "Item": [\n    {"Id": "a" "ChannelType": "SMS"}\n  ]\n}\n',
      'trailing.json': '{\n  "Item": [\n    {"Id": "a", "ChannelType": "SMS",}\n  ]\n}\n',
      'single.json': "{'Item': []}",
      'comment.json': '{"Item": [] // c\n}',
      'unquoted.json': '{Item: []}',
      'eof.json': '{"Item": [',
    };
    const ds = diagnosticsOf(await loadTree(files, Object.keys(files)));
    assert.deepEqual(
      ds.map((d) => `${d.file}:${d.line}:${d.column} ${d.code} ${d.message.replace(' (nothing in this file is used until it parses)', '')}`),
      [
        `comma.json:3:16 PS002 invalid JSON: expected ',' or '}' after a property value, found "\\""`,
        'comment.json:1:13 PS002 invalid JSON: comments are not allowed in JSON; use a .yaml file to keep comments',
        'eof.json:1:11 PS002 invalid JSON: expected a JSON value, found the end of the file',
        `single.json:1:2 PS002 invalid JSON: expected a property name in double quotes, found "'"`,
        'trailing.json:3:37 PS002 invalid JSON: trailing comma: JSON allows no comma before }',
        'unquoted.json:1:2 PS002 invalid JSON: expected a property name in double quotes, found "I"',
      ],
    );
  });

  it('reads JSON numbers as numbers: {"a": 1.0} is 1', async () => {
    const m = manifestOf(
      await loadTree({ 'n.json': '{"Item": [{"Id": "a", "ChannelType": "SMS", "Metrics": {"a": 1.0, "b": -2.5e3, "c": 0}}]}' }, ['n.json']),
    );
    assert.deepEqual(m.endpoints[0]!.endpoint.Metrics, { a: 1, b: -2500, c: 0 });
  });

  it('reports a duplicate key on the second occurrence, naming the first (YAML and JSON, any depth)', async () => {
    const yaml = lines(
      'endpoints:',
      '  - Id: a',
      '    ChannelType: SMS',
      '    Attributes:',
      '      Plan: [a]',
      '      Plan: [b]',
      '    Id: b',
      'endpoints: []',
    );
    const json = '{"Item": [], "Item": []}';
    const ds = diagnosticsOf(await loadTree({ 'd.yaml': yaml, 'd.json': json }, ['d.yaml', 'd.json']));
    assert.deepEqual(brief(ds), [
      'd.json:1:14 error PS008 Item',
      'd.yaml:6:7 error PS008 endpoints[0].Attributes.Plan',
      'd.yaml:7:5 error PS008 endpoints[0].Id',
      'd.yaml:8:1 error PS008 endpoints',
    ]);
    assert.equal(ds[1]!.message, 'duplicate key "Plan": it is already set at d.yaml:5:7; keep one');
    assert.equal(ds[0]!.message, 'duplicate key "Item": it is already set at d.json:1:2; keep one');
  });

  it('warns about an empty or comment-only file, which declares nothing', async () => {
    const result = await loadTree(
      { 'e/empty.yaml': '', 'e/comments.yml': lines('# endpoints go here', '   # later'), 'e/blank.json': '  \n\n', 'e/one.yaml': lines('endpoints:', '  - {Id: a, ChannelType: SMS}') },
      ['e'],
    );
    const m = manifestOf(result);
    assert.deepEqual(brief(result.diagnostics), ['e/blank.json:1:1 warning PS007', 'e/comments.yml:1:1 warning PS007', 'e/empty.yaml:1:1 warning PS007']);
    assert.equal(result.diagnostics[0]!.message, 'the file is empty (only blanks and comments): it declares no endpoints');
    assert.deepEqual(m.files, ['e/blank.json', 'e/comments.yml', 'e/empty.yaml', 'e/one.yaml']);
    assert.deepEqual(m.endpoints.map((e) => e.endpoint), [{ Id: 'a', ChannelType: 'SMS' }]);
  });

  it('reports an alias without an anchor', async () => {
    const ds = diagnosticsOf(await loadTree({ 'a.yaml': lines('endpoints:', '  - *nothing') }, ['a.yaml']));
    assert.deepEqual(brief(ds), ['a.yaml:2:5 error PS001']);
    assert.equal(ds[0]!.message, 'invalid YAML: unknown alias *nothing: no anchor &nothing before it (nothing in this file is used until it parses)');
  });
});

import assert from 'node:assert/strict';
import { symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadManifest } from '../../../core/manifest/index.js';
import { brief, diagnosticsOf, lines, loadTree, makeTree, manifestOf, removeTrees } from './helpers.js';

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

  it('reads apostrophes inside plain words as text, not as quotes that would hide brackets', async () => {
    // The full parser's path (a document marker sends the file there), where input nested too deep
    // for it is looked for first: 150 endpoints, each with a quote character inside a plain scalar.
    const endpoints = Array.from({ length: 150 }, (_, i) => [
      `  - Id: e${i}`,
      '    ChannelType: EMAIL',
      `    Address: e${i}@example.com`,
      '    Attributes:',
      "      LastName: [O'Brien]",
      "      Company: Macy's",
    ]);
    const result = await loadTree({ 'apos.yaml': lines('---', 'endpoints:', ...endpoints.flat()) }, ['apos.yaml']);
    assert.deepEqual(brief(result.diagnostics), []);
    assert.deepEqual(manifestOf(result).endpoints[149]!.endpoint.Attributes, { LastName: ["O'Brien"], Company: ["Macy's"] });
  });

  it('refuses a file that is not UTF-8, saying where, instead of reading replacement characters; a byte-order mark is dropped', async () => {
    const dir = await makeTree({ 'ok.yaml': lines('endpoints:', '  - Id: a', '    ChannelType: SMS') });
    const head = 'endpoints:\n  - Id: b\n    ChannelType: EMAIL\n    Location:\n      City: S';
    await writeFile(join(dir, 'latin1.yaml'), Buffer.concat([Buffer.from(head), Buffer.from([0xe3]), Buffer.from('o Paulo\n')]));
    await writeFile(join(dir, 'utf16.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('endpoints: []\n', 'utf16le')]));
    await writeFile(join(dir, 'bom.yaml'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('endpoints:\n  - Id: c\n    ChannelType: SMS\n    Bogus: 1\n')]));
    const result = await loadManifest(['.'], { cwd: dir });
    assert.deepEqual(brief(result.diagnostics), ['bom.yaml:4:5 error PS020 endpoints[0].Bogus', 'latin1.yaml:5:14 error PS006', 'utf16.yaml:1:1 error PS006']);
    const messages = result.diagnostics.map((d) => d.message);
    assert.match(messages[1]!, /^cannot read latin1\.yaml: it is not UTF-8 text: line 5, column 14 holds bytes that are not UTF-8 .*; save it as UTF-8$/);
    assert.match(messages[2]!, /^cannot read utf16\.yaml: it is UTF-16 text .*; save it as UTF-8$/);
  });

  it('reports a link to a manifest that points nowhere, instead of leaving its endpoints out', async () => {
    const dir = await makeTree({ 'm/a.yaml': lines('endpoints:', '  - Id: a', '    ChannelType: SMS') });
    await symlink(join(dir, 'gone', 'shared.yaml'), join(dir, 'm', 'shared.yaml'));
    const result = await loadManifest(['m'], { cwd: dir });
    assert.deepEqual(brief(result.diagnostics), ['m/shared.yaml:1:1 error PS006']);
    assert.equal(result.diagnostics[0]!.message, 'cannot read m/shared.yaml: it does not exist (a symbolic link to nothing?) (ENOENT)');
  });

  it("skips pinsync's own state files and saved plans found in a folder, and names them when given as manifests", async () => {
    const dir = await makeTree({
      'm/a.yaml': lines('endpoints:', '  - Id: a', '    ChannelType: SMS'),
      'm/prod.json': '{\n  "format": "pinsync-state/1",\n  "lineage": "x",\n  "serial": 1,\n  "applications": {}\n}\n',
      'm/plan.json': '{"formatVersion":1,"applicationId":"app","summary":{},"changes":[],"checksum":"sha256:0"}',
    });
    const folder = await loadManifest(['m'], { cwd: dir });
    assert.deepEqual(brief(folder.diagnostics), []);
    assert.deepEqual(manifestOf(folder).files, ['m/a.yaml']);
    const named = await loadManifest(['m/plan.json', 'm/prod.json'], { cwd: dir });
    assert.deepEqual(
      named.diagnostics.map((d) => d.message),
      ['m/plan.json is a pinsync saved plan, not a manifest: apply it with `pinsync apply m/plan.json`', 'm/prod.json is a pinsync state file, not a manifest: pass it with --state'],
    );
  });

  it('reports a quote left open where it opens, not where the file ends', async () => {
    const text = lines('endpoints:', '  - Id: a', '    ChannelType: EMAIL', '    Address: "a@example.com', '  - Id: b', '    ChannelType: SMS', '', '# the end');
    assert.deepEqual(brief(diagnosticsOf(await loadTree({ 'm.yaml': text }, ['m.yaml']))), ['m.yaml:4:14 error PS001']);
  });

  it('reports a problem in aliased content where the alias uses it', async () => {
    const text = lines('endpoints:', '  - &first', '    Id: a', '    ChannelType: EMAIL', '  - *first');
    const ds = diagnosticsOf(await loadTree({ 'm.yaml': text }, ['m.yaml']));
    assert.deepEqual(brief(ds), ['m.yaml:5:5 error PS031 endpoints[1].Id']);
    assert.match(ds[0]!.message, /already declared at m\.yaml:3:9/);
  });

  it('takes a document marker followed only by comments as an empty file, and names a YAML 1.1 merge key as written', async () => {
    const empty = await loadTree({ 'later.yaml': lines('---', '# endpoints go here') }, ['later.yaml']);
    assert.deepEqual(brief(empty.diagnostics), ['later.yaml:1:1 warning PS007']);
    const merge = await loadTree({ 'm.yaml': lines('%YAML 1.1', '---', 'endpoints:', '  - Id: a', '    ChannelType: SMS', '    <<: {Address: "+12065550100"}') }, ['m.yaml']);
    assert.match(diagnosticsOf(merge)[0]!.message, /^unknown field "<<" in an endpoint; .*\(YAML merge keys are not supported: put shared fields under defaults:\)$/);
  });

  it('reports an alias without an anchor', async () => {
    const ds = diagnosticsOf(await loadTree({ 'a.yaml': lines('endpoints:', '  - *nothing') }, ['a.yaml']));
    assert.deepEqual(brief(ds), ['a.yaml:2:5 error PS001']);
    assert.equal(ds[0]!.message, 'invalid YAML: unknown alias *nothing: no anchor &nothing before it (nothing in this file is used until it parses)');
  });
});

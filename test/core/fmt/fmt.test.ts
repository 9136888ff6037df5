import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { formatManifest } from '../../../core/fmt/index.js';

const lines = (...ls: string[]): string => `${ls.join('\n')}\n`;

function fmt(text: string, options: { sort?: boolean } = {}, format: 'yaml' | 'json' = 'yaml'): string {
  const out = formatManifest(text, format, options);
  assert.ok(out.ok, out.ok ? '' : out.message);
  // Formatting is idempotent.
  const again = formatManifest(out.text, format, options);
  assert.ok(again.ok && again.text === out.text, `not idempotent:\n${out.text}\n---\n${again.ok ? again.text : again.message}`);
  return out.text;
}

describe('fmt: canonical manifests', () => {
  it('orders keys as the schema does at every level, keeping comments with their keys', () => {
    const text = lines(
      '# yaml-language-server: $schema=../schema/manifest.schema.json',
      '# Customers.',
      '',
      'endpoints:',
      '  - ChannelType: EMAIL   # the channel',
      '    # the address, checked by hand',
      "    Address: 'ana@example.com'",
      '    Location: {Latitude: 1.50, City: "Paris", Country: FR}',
      '    Id: ana',
      '    User:',
      '      UserAttributes: {FirstName: ["Ana"]}',
      '      UserId: "u-1"',
      '    Attributes:',
      '      Zeta: [z]',
      '      Alpha:',
      '        - a',
      '        - "b"',
      '      Commented:',
      '        - x  # why',
      'defaults:',
      '  OptOut: NONE',
      'applicationId: "0123"',
      'prune: true',
    );
    assert.equal(
      fmt(text),
      lines(
        '# yaml-language-server: $schema=../schema/manifest.schema.json',
        '# Customers.',
        '',
        'applicationId: "0123"',
        'prune: true',
        'defaults:',
        '  OptOut: NONE',
        'endpoints:',
        '  - Id: ana',
        '    ChannelType: EMAIL # the channel',
        '    # the address, checked by hand',
        '    Address: ana@example.com',
        '    Attributes:',
        '      Zeta: [z]',
        '      Alpha: [a, b]',
        '      Commented:',
        '        - x # why',
        '    User:',
        '      UserId: u-1',
        '      UserAttributes:',
        '        FirstName: [Ana]',
        '    Location:',
        '      City: Paris',
        '      Country: FR',
        '      Latitude: 1.50',
      ),
    );
  });

  it('quotes only strings that YAML would read as something else, with double quotes', () => {
    const out = fmt(lines('endpoints:', "  - Id: '123'", '    Address: "+12065550100"', "    Attributes: {Flag: ['true', 'null', 'it''s', '# not a comment', 'a: b']}"));
    assert.equal(
      out,
      lines('endpoints:', '  - Id: "123"', '    Address: "+12065550100"', '    Attributes:', '      Flag: ["true", "null", it\'s, "# not a comment", "a: b"]'),
    );
    assert.deepEqual(parse(out), {
      endpoints: [{ Id: '123', Address: '+12065550100', Attributes: { Flag: ['true', 'null', "it's", '# not a comment', 'a: b'] } }],
    });
  });

  it('moves the comment of a key that becomes first in a list item above the item', () => {
    assert.equal(
      fmt(lines('endpoints:', '  - ChannelType: SMS', '    # pager of the on-call engineer', '    Id: pager', '  - Id: b')),
      lines('endpoints:', '  # pager of the on-call engineer', '  - Id: pager', '    ChannelType: SMS', '  - Id: b'),
    );
  });

  it('keeps blank lines between endpoints and block scalars as written', () => {
    const text = lines('endpoints:', '  - Id: a', '    ChannelType: SMS', '', '  - Id: b', '    ChannelType: CUSTOM', '    Address: |', '      multi', '      line');
    assert.equal(fmt(text), text);
  });

  it('orders endpoints by Id with --sort, ignoring case as Pinpoint does, comments moving with them', () => {
    const text = lines('endpoints:', '  - Id: b', '  # the C endpoint', '  - Id: C', '  - Id: a', '  - ChannelType: SMS');
    assert.equal(fmt(text, { sort: true }), lines('endpoints:', '  - Id: a', '  - Id: b', '  # the C endpoint', '  - Id: C', '  - ChannelType: SMS'));
    assert.equal(fmt(text), text);
  });

  it('moves the comment above the first endpoint with it when sorting, and opens the list with no blank line', () => {
    const text = lines('endpoints:', '  # zed', '  - Id: zed', '    ChannelType: SMS', '', '  # ana', '  - Id: ana', '    ChannelType: SMS');
    assert.equal(fmt(text, { sort: true }), lines('endpoints:', '  # ana', '  - Id: ana', '    ChannelType: SMS', '  # zed', '  - Id: zed', '    ChannelType: SMS'));
  });

  it("keeps the file's header comment at the top when the first key moves down", () => {
    const text = lines('# yaml-language-server: $schema=../schema/manifest.schema.json', 'endpoints:', '  - Id: a', 'applicationId: app');
    assert.equal(fmt(text), lines('# yaml-language-server: $schema=../schema/manifest.schema.json', '', 'applicationId: app', 'endpoints:', '  - Id: a'));
    // A comment above a first key that stays first stays where it is.
    const kept = lines('# the app', 'applicationId: app', 'endpoints:', '  - Id: a');
    assert.equal(fmt(kept), kept);
  });

  it('formats a JSON file holding -0 (the same number as 0 to Pinpoint)', () => {
    const text = '{"endpoints": [{"Id": "a", "ChannelType": "SMS", "Metrics": {"x": -0}}]}';
    assert.match(fmt(text, {}, 'json'), /"x": 0/);
  });

  it('formats JSON in schema order with two-space indentation', () => {
    const out = fmt('{"Item": [{"ChannelType": "SMS", "Id": "b", "Attributes": {"Z": ["1"], "A": "x"}}, {"Id": "a"}], "applicationId": "x"}', { sort: true }, 'json');
    assert.equal(
      out,
      '{\n  "applicationId": "x",\n  "Item": [\n    {\n      "Id": "a"\n    },\n    {\n      "Id": "b",\n      "ChannelType": "SMS",\n      "Attributes": {\n        "Z": [\n          "1"\n        ],\n        "A": "x"\n      }\n    }\n  ]\n}\n',
    );
  });

  it('leaves files it cannot format as they are, saying where and why', () => {
    const broken = formatManifest(lines('endpoints:', '  - Id: a', '   ChannelType: SMS'), 'yaml');
    assert.equal(broken.ok, false);
    assert.match(broken.ok ? '' : broken.message, /^invalid YAML: /);
    assert.equal(broken.ok ? undefined : broken.offset, 21);
    const duplicate = formatManifest(lines('endpoints: []', 'endpoints: []'), 'yaml');
    assert.equal(duplicate.ok, false);
    const json = formatManifest('{"Item": [], "Item": []}', 'json');
    assert.deepEqual(json, { ok: false, message: 'a key appears twice in one object (run `pinsync validate` to see where); fix it first' });
    assert.deepEqual(formatManifest('{"Item": [}', 'json'), { ok: false, offset: 10, message: 'invalid JSON: expected a JSON value, found "}"' });
  });

  it('keeps empty and comment-only files, and anchors where they are needed', () => {
    assert.equal(fmt(''), '');
    assert.equal(fmt('# nothing yet\n'), '# nothing yet\n');
    const anchors = lines('defaults: &d', '  OptOut: NONE', 'endpoints:', '  - Id: a', '    Attributes: &plan {Plan: [pro]}', '  - Id: b', '    Attributes: *plan');
    const out = formatManifest(anchors, 'yaml');
    assert.ok(out.ok);
    assert.deepEqual(parse(out.text), parse(anchors));
  });

  it('refuses to reorder when an alias would come before its anchor', () => {
    const out = formatManifest(lines('endpoints:', '  - Id: a', '    Attributes: *plan', 'defaults:', '  Attributes: &plan {Plan: [pro]}'), 'yaml');
    // The original itself does not parse (alias before anchor), so nothing is rewritten.
    assert.equal(out.ok, false);
    const reordered = formatManifest(lines('endpoints:', '  - User: &u {UserId: x}', '    Id: a', '  - Id: b', '    User: *u'), 'yaml');
    assert.ok(reordered.ok);
    // defaults: goes before endpoints:, and its alias would then come before the anchor.
    const broken = formatManifest(lines('endpoints:', '  - Id: a', '    Attributes: &plan {Plan: [pro]}', 'defaults:', '  Attributes: *plan'), 'yaml');
    assert.deepEqual(broken, {
      ok: false,
      message: 'formatting would change what this file means (it uses YAML features such as anchors that fmt cannot reorder); left as it is',
    });
  });
});

// The fast YAML path must read exactly what the yaml library reads, or decline. These tests feed
// both the same text and compare trees node by node (kind, value, offsets).

import assert from 'node:assert/strict';
import { readYamlFast } from '../../../core/manifest/parse/yaml-fast.js';
import { readYamlWithLibrary } from '../../../core/manifest/parse/yaml-library.js';
import type { SourceNode } from '../../../core/manifest/parse/source-node.js';
import { randomYamlDocument, seededRandom } from './random-yaml.js';

function assertSameTree(fast: SourceNode, lib: SourceNode, where = 'root'): void {
  assert.equal(fast.kind, lib.kind, `${where}: kind`);
  assert.equal(fast.start, lib.start, `${where}: start`);
  if (fast.kind === 'scalar' && lib.kind === 'scalar') {
    assert.ok(Object.is(fast.value, lib.value), `${where}: value ${String(fast.value)} vs ${String(lib.value)}`);
    assert.equal(fast.end, lib.end, `${where}: end`);
  } else if (fast.kind === 'map' && lib.kind === 'map') {
    assert.equal(fast.entries.length, lib.entries.length, `${where}: entry count`);
    fast.entries.forEach((e, i) => {
      assertSameTree(e.key, lib.entries[i]!.key, `${where}.key[${i}]`);
      assertSameTree(e.value, lib.entries[i]!.value, `${where}.value[${i}]`);
    });
  } else if (fast.kind === 'seq' && lib.kind === 'seq') {
    assert.equal(fast.items.length, lib.items.length, `${where}: item count`);
    fast.items.forEach((item, i) => assertSameTree(item, lib.items[i]!, `${where}[${i}]`));
  }
}

/** Returns whether the fast path answered; fails when it answers differently from the library. */
function compare(text: string): boolean {
  const fast = readYamlFast(text);
  if (fast === undefined) return false;
  const lib = readYamlWithLibrary(text);
  assert.deepEqual(lib.problems, [], `fast path accepted text the library reports problems in:\n${text}`);
  if (fast === null) assert.equal(lib.root, undefined);
  else {
    assert.ok(lib.root, `library found no content in:\n${text}`);
    try {
      assertSameTree(fast, lib.root);
    } catch (e) {
      throw new Error(`${(e as Error).message}\n--- text ---\n${text}`);
    }
  }
  return true;
}

const ACCEPTED = [
  '',
  '# only a comment\n\n',
  'a: 1\n',
  'a:\nb: 1\n',
  'a:   # c\nb:  \n',
  'a  : 1\n',
  'a: x\n   # deeper comment\nb: 1\n',
  'a: "q" \n',
  "a: 'it''s'\n",
  'a: x[y]{z}\n',
  'a: {"b":c}\n',
  'a: [x, "y", \'z\', [1, 2], {k: v}]\n',
  'a: []\nb: {}\n',
  '- a: 1\n  b:\n- c\n',
  '-\n- a\n',
  '- - x\n  - y\n- z\n',
  'x:\n- 1\n- 2\ny: 3\n',
  'x:\n  - 1\n  -   2\n',
  'endpoints:\n  - Id: ep-1\n    ChannelType: EMAIL\n    Attributes:\n      Interests: [Music, Books]\n',
  'a: http://example.com/x?y=1#frag\n',
  'a: b#c # comment\n',
  'a: -1\nb: +2\nc: 0o17\nd: 0x1F\ne: 1e3\nf: .5\ng: 1.\nh: .inf\ni: -.Inf\nj: .NaN\nk: ~\nl: Null\nm: TRUE\nn: yes\n',
  '"quoted key": 1\n\'single\': 2\n',
  'a: "esc \\n \\t \\u00e9 \\x41 \\\\ \\" \\/ \\0"\n',
  'a: 1\r\nb:\r\n  - x\r\n',
  '  a: 1\n  b: 2\n',
  '{a: 1, b: [x]}\n',
  '[1, 2]\n',
  'a: "# not a comment"\n',
  '1: one\ntrue: t\nnull: n\n',
  'a: b:c\n',
  'key with spaces: value with spaces   \n',
];

const DECLINED = [
  'a: &x 1\nb: *x\n',
  'a: !!str 1\n',
  'a: |\n  text\n',
  'a: >\n  text\n',
  'a: b\n---\nc: d\n',
  '---\na: 1\n',
  '%YAML 1.2\n---\na: 1\n',
  'a:\n\t- x\n',
  'a: x\n  y\n',
  'a: "multi\n  line"\n',
  'a: [x,\n  y]\n',
  '? a\n: b\n',
  'a: b: c\n',
  'a: [a, b, ]\n',
  'a: [a: 1]\n',
  'a: {b}\n',
  '\ufeffa: 1\n',
  'a: 1\rb: 2\n',
  'a: - b\n',
  'plain scalar root\n',
  'a: "bad \\q escape"\n',
  'a: 1\n- b\n',
  'a: 1\n b: 2\n',
];

describe('manifest fast YAML reader', () => {
  for (const text of ACCEPTED) {
    it(`reads ${JSON.stringify(text)} as the yaml library does`, () => {
      assert.equal(compare(text), true, 'expected the fast path to answer');
    });
  }

  for (const text of DECLINED) {
    it(`leaves ${JSON.stringify(text)} to the yaml library`, () => {
      assert.equal(readYamlFast(text), undefined);
    });
  }

  it('resolves every kind of plain scalar as the yaml library does', () => {
    const scalars = [
      '', '~', '~~', 'n', 'nul', 'null', 'Null', 'NULL', 'nULL', 'nan', 'NaN', 't', 'true', 'True', 'TRUE', 'tRUE', 'f', 'false',
      'False', 'FALSE', 'F', 'yes', '0', '00', '-0', '+0', '7', '+12', '-12', '12a', '1_000', '0o', '0o7', '0o8', '0o17', '0x',
      '0x1F', '0xg', '0X1F', '0b1', '.', '+', '-', '.5', '-.5', '+.5', '5.', '1.2.3', '1e3', '1E+3', '.5e3', '5e', '-e1', '0e1',
      '1.5e-2', '.inf', '.Inf', '.INF', '+.inf', '-.inf', '-.Inf', '.nan', '.NaN', '.NAN', '+.nan', '-.nan', '.iNf', '12:30', 'ep-1',
    ];
    // compare() fails on any value read differently; the few the fast path leaves to the library
    // (`-` alone is a list indicator there) are the library's to read.
    const answered = scalars.filter((value) => compare(`a: ${value}\n`));
    assert.ok(answered.length >= scalars.length - 3, `answered ${answered.length} of ${scalars.length}`);
  });

  it('agrees with the yaml library on 3,000 random manifest-like documents', () => {
    const random = seededRandom(20240611);
    let answered = 0;
    let corruptedAnswered = 0;
    for (let i = 0; i < 3000; i++) {
      const corrupt = i % 4 === 3;
      const text = randomYamlDocument(random, corrupt);
      const ok = compare(text);
      if (ok && !corrupt) answered++;
      if (ok && corrupt) corruptedAnswered++;
    }
    // Most clean documents must take the fast path, or it would not be tested (nor fast).
    assert.ok(answered > 1500, `fast path answered only ${answered} of 2250 clean documents`);
    assert.ok(corruptedAnswered > 0, 'corrupted documents never reached the comparison');
  });
});

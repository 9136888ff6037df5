import assert from 'node:assert/strict';
import { readJson } from '../../../core/manifest/parse/json.js';
import type { SourceNode } from '../../../core/manifest/parse/source-node.js';
import { readYamlWithLibrary } from '../../../core/manifest/parse/yaml-library.js';
import { seededRandom, type Random } from './random-yaml.js';

function toValue(node: SourceNode): unknown {
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(toValue);
  const out: Record<string, unknown> = {};
  for (const { key, value } of node.entries) out[String((key as { value: unknown }).value)] = toValue(value);
  return out;
}

/** Every node's kind and start (and a scalar's end), in document order. */
function offsets(node: SourceNode, out: string[] = []): string[] {
  if (node.kind === 'scalar') out.push(`s${node.start}-${node.end}`);
  else if (node.kind === 'seq') {
    out.push(`q${node.start}`);
    node.items.forEach((i) => offsets(i, out));
  } else {
    out.push(`m${node.start}`);
    node.entries.forEach((e) => (offsets(e.key, out), offsets(e.value, out)));
  }
  return out;
}

const STRINGS = ['', 'a', 'Richard', 'with "quotes"', 'back\\slash', 'tab\there', 'line\nbreak', 'é', '🎉', '\u2028', '/', '\u0001', 'a: b', '# x'];
function randomValue(r: Random, depth: number): unknown {
  const k = r();
  if (depth > 3 || k < 0.5) {
    const s = r();
    if (s < 0.4) return STRINGS[Math.floor(r() * STRINGS.length)];
    if (s < 0.7) return [0, -0, 1, 1.5, -2.25e-7, 3e21, 123456789012, 0.1][Math.floor(r() * 8)];
    return [true, false, null][Math.floor(r() * 3)];
  }
  const n = Math.floor(r() * 4);
  if (k < 0.75) return Array.from({ length: n }, () => randomValue(r, depth + 1));
  return Object.fromEntries(Array.from({ length: n }, (_, i) => [`${STRINGS[Math.floor(r() * STRINGS.length)]}${i}`, randomValue(r, depth + 1)]));
}

describe('manifest JSON reader', () => {
  it('reads what JSON.parse reads, at the offsets the yaml library gives', () => {
    const r = seededRandom(7);
    let compared = 0;
    for (let i = 0; i < 2000; i++) {
      const value = { Item: randomValue(r, 0) };
      const text = JSON.stringify(value, null, [0, 2, 4, '\t'][i % 4] as number | string);
      const ours = readJson(text);
      assert.deepEqual(ours.problems, []);
      assert.deepEqual(toValue(ours.root!), JSON.parse(text));
      const lib = readYamlWithLibrary(text);
      if (lib.problems.length > 0) continue;
      assert.deepEqual(offsets(ours.root!), offsets(lib.root!), text);
      compared++;
    }
    assert.ok(compared > 1900, `only ${compared} documents compared`);
  });

  it('rejects exactly what JSON.parse rejects', () => {
    const r = seededRandom(11);
    let rejected = 0;
    for (let i = 0; i < 3000; i++) {
      let text = JSON.stringify({ Item: randomValue(r, 0) }, null, i % 2 ? 2 : 0);
      const at = Math.floor(r() * text.length);
      const edit = ['', ',', '}', ']', '"', "'", ':', '1', 'x', '/', ' '][Math.floor(r() * 11)]!;
      text = text.slice(0, at) + edit + text.slice(at + (r() < 0.5 ? 1 : 0));
      let parses = true;
      try {
        JSON.parse(text);
      } catch {
        parses = false;
      }
      const ours = readJson(text);
      assert.equal(ours.problems.length === 0, parses, text);
      if (!parses) rejected++;
    }
    assert.ok(rejected > 1000);
  });

  it('points at the offending character', () => {
    const cases: Array<[string, number, string]> = [
      ['{"a": 1,}', 7, 'trailing comma: JSON allows no comma before }'],
      ['[1, 2,\n]', 5, 'trailing comma: JSON allows no comma before ]'],
      ['{"a" 1}', 5, "expected ':' after the property name, found \"1\""],
      ['{"a": tru}', 6, 'expected a JSON value, found "t"'],
      ['{"a": "x\ny"}', 8, 'control character in a string: write it as an escape such as \\n'],
      ['{"a": "\\x41"}', 7, 'invalid escape \\x in a string'],
      ['{"a": "open', 6, 'unterminated string'],
      ['{"a": -}', 6, 'invalid number'],
      ['{} {}', 3, 'unexpected "{" after the end of the JSON value'],
      ['/* c */ {}', 0, 'comments are not allowed in JSON; use a .yaml file to keep comments'],
    ];
    for (const [text, offset, message] of cases) {
      assert.deepEqual(readJson(text).problems, [{ severity: 'error', offset, message }], text);
    }
  });

  it('skips a byte-order mark and reports nesting too deep instead of overflowing the stack', () => {
    assert.deepEqual(toValue(readJson('\ufeff{"a": [1]}').root!), { a: [1] });
    const deep = `${'['.repeat(100000)}${']'.repeat(100000)}`;
    assert.deepEqual(readJson(deep).problems, [{ severity: 'error', offset: 500, message: 'nested more than 500 levels deep' }]);
  });
});

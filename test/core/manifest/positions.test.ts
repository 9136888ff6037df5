// A file read as plain values has its positions read back only where something is reported, an
// endpoint's lines alone when the finding is inside one. Those positions must be the ones a full
// reading gives: here the same text is loaded as it is, and with an anchor that sends it through
// the yaml library, and every diagnostic must agree.

import assert from 'node:assert/strict';
import { brief, lines, loadTree, removeTrees } from './helpers.js';
import { seededRandom } from './random-yaml.js';

function endpoint(i: number, r: () => number): string[] {
  const bad = r();
  const id = `ep-${i}`;
  if (bad < 0.1) return [`  - {Id: ${id}, ChannelType: EMAIL, Address: "not-an-email-${i}"}`];
  const out = [`  - Id: ${id}`, '    ChannelType: EMAIL', `    Address: user${i}@example.com   # note`];
  if (bad < 0.2) out.push(`    Adress: typo${i}@example.com`);
  else if (bad < 0.3) out.push('    Attributes:', `      Bio: "${'x'.repeat(101)}"`, '      Plan: [pro]');
  else if (bad < 0.4) out.push('    User:', '      UserId: u', '      UserAttributes:', '        Age: [42]');
  else if (bad < 0.5) out.push('    Location:', '      # where', '      Latitude: 91');
  else if (bad < 0.55) out.push('    Metrics: {score: "high"}');
  else out.push('    Attributes: {Plan: [free]}');
  if (r() < 0.2) out.push('');
  if (r() < 0.1) out.push('  # a comment between endpoints');
  return out;
}

describe('manifest: positions of findings in files read as plain values', () => {
  after(removeTrees);

  async function compare(head: string[], tail: string[], seed: number): Promise<void> {
    const r = seededRandom(seed);
    const body = Array.from({ length: 300 }, (_, i) => endpoint(i, r)).flat();
    const plain = lines('applicationId: "0123"', ...head, 'endpoints:', ...body, ...tail);
    const library = plain.replace('applicationId: "0123"', 'applicationId: &a "0123"');
    const fast = await loadTree({ 'm.yaml': plain }, ['m.yaml']);
    const full = await loadTree({ 'm.yaml': library }, ['m.yaml']);
    assert.ok(fast.diagnostics.length > 100, `${fast.diagnostics.length} diagnostics`);
    assert.deepEqual(brief(fast.diagnostics), brief(full.diagnostics));
    assert.deepEqual(
      fast.diagnostics.map((d) => d.message),
      full.diagnostics.map((d) => d.message),
    );
  }

  it('are those of a full reading when every finding is inside an endpoint (each read alone)', async () => {
    await compare(['defaults:', '  OptOut: NONE'], [], 3);
  });

  it('are those of a full reading when findings are elsewhere too (the file read whole)', async () => {
    await compare(['defaults:', '  OptOut: none'], ['colour: red'], 5);
  });

  it('are found in JSON by reading the one item', async () => {
    const items = Array.from({ length: 50 }, (_, i) => (i % 7 === 3 ? { Id: `e${i}`, ChannelType: 'SMS', Address: `555-${i}` } : { Id: `e${i}`, ChannelType: 'SMS', Address: `+1206555${1000 + i}` }));
    const text = JSON.stringify({ Item: items }, null, 2);
    const ds = (await loadTree({ 'm.json': text }, ['m.json'])).diagnostics;
    assert.deepEqual(
      brief(ds),
      [3, 10, 17, 24, 31, 38, 45].map((i) => `m.json:${3 + i * 5 + 3}:18 error PS032 Item[${i}].Address`),
    );
  });
});

import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadManifest } from '../../../core/manifest/index.js';
import { readYamlFast } from '../../../core/manifest/parse/yaml-fast.js';
import { makeTree, manifestOf, removeTrees } from './helpers.js';

// Correctness at scale: positions deep into a large file, the fast path taken. Speed is measured
// by `npm run bench` (bench/validate.ts), never by a timed test.
const COUNT = 100_000;

function bigYaml(): string {
  const parts = ['applicationId: 0123456789abcdef0123456789abcdef', 'defaults:', '  OptOut: NONE', 'endpoints:'];
  for (let i = 0; i < COUNT; i++) {
    parts.push(
      `  - Id: endpoint-${i}`,
      '    ChannelType: EMAIL',
      `    Address: user${i}@example.com   # primary`,
      '    Attributes:',
      '      Interests: [Music, Books]',
      `      Plan: ${i % 2 ? 'pro' : 'free'}`,
      '    Metrics: {score: 3.5}',
      '    User:',
      `      UserId: user-${i}`,
      '      UserAttributes: {FirstName: ["Richard"]}',
    );
  }
  return `${parts.join('\n')}\n`;
}

describe('manifest: 100,000 endpoints in one file', function () {
  this.timeout(120_000);
  after(removeTrees);

  it('loads from YAML through the fast path, with exact positions', async () => {
    const text = bigYaml();
    assert.notEqual(readYamlFast(text), undefined, 'the generated manifest should not need the full YAML parser');
    const dir = await makeTree({});
    await writeFile(path.join(dir, 'big.yaml'), text);
    const result = await loadManifest(['big.yaml'], { cwd: dir });
    const m = manifestOf(result);
    assert.equal(m.endpoints.length, COUNT);
    assert.deepEqual(m.endpoints[COUNT - 1], {
      endpoint: {
        Id: `endpoint-${COUNT - 1}`,
        ChannelType: 'EMAIL',
        Address: `user${COUNT - 1}@example.com`,
        Attributes: { Interests: ['Music', 'Books'], Plan: ['pro'] },
        Metrics: { score: 3.5 },
        User: { UserId: `user-${COUNT - 1}`, UserAttributes: { FirstName: ['Richard'] } },
        OptOut: 'NONE',
      },
      source: { file: 'big.yaml', line: 5 + (COUNT - 1) * 10, column: 5 },
    });
  });

  it('loads from JSON, and finds a duplicate among them at its exact position', async () => {
    const items = Array.from({ length: COUNT }, (_, i) => ({
      Id: i === COUNT - 1 ? 'ENDPOINT-0' : `endpoint-${i}`,
      ChannelType: 'SMS',
      Address: `+1206555${String(i).padStart(4, '0')}`,
      Attributes: { Plan: ['pro'] },
      User: { UserId: `user-${i}` },
    }));
    const dir = await makeTree({});
    await writeFile(path.join(dir, 'big.json'), JSON.stringify({ Item: items }, null, 2));
    const result = await loadManifest(['big.json'], { cwd: dir });
    assert.equal(result.ok, false);
    assert.deepEqual(
      result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code} ${d.path}`),
      [`big.json:${4 + (COUNT - 1) * 13}:13 PS031 Item[${COUNT - 1}].Id`],
    );
  });
});

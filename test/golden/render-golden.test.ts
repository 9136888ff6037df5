import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { renderPlan, type PlanFormat } from '../../core/render/index.js';
import { GOLDEN_CASES } from './plans.js';

// Each plan in plans.ts, rendered in every format with colour off, must match its checked-in file
// byte for byte. After a deliberate change of output: UPDATE_GOLDEN=1, then read the git diff.

const DIR = fileURLToPath(new URL('../../../test/golden/expected/', import.meta.url));
const EXTENSION: Record<PlanFormat, string> = { text: 'txt', markdown: 'md', json: 'json' };
const update = process.env['UPDATE_GOLDEN'] === '1';

describe('golden plans', () => {
  for (const c of GOLDEN_CASES) {
    for (const format of c.formats ?? (['text', 'markdown', 'json'] as const)) {
      it(`${c.name} as ${format}`, async () => {
        const actual = await renderPlan(c.plan, format, c.options);
        assert.equal(await renderPlan(c.plan, format, c.options), actual, 'the same plan renders to the same bytes');
        const file = `${DIR}${c.name}.${EXTENSION[format]}`;
        if (update) {
          await mkdir(DIR, { recursive: true });
          await writeFile(file, actual);
          return;
        }
        assert.equal(actual, await readFile(file, 'utf8'), `${file} differs; run with UPDATE_GOLDEN=1 if the change is intended`);
      });
    }
  }

  it('keeps the 5,000-change plan within one comment, grouped', async () => {
    const md = await readFile(`${DIR}bulk-5000.md`, 'utf8');
    assert.ok(md.length < 65_536, `${md.length} characters`);
    assert.match(md, /\*\*4,980 endpoints\*\* to update: <code>Attributes\.Plan<\/code>/);
    assert.match(md, /\| 10 \| 4,980 \| 5 \| 5 \| 1,200 \| 0 \|/);
  });
});

// docs/diagnostics.md lists every code with an example; the examples are run here, so the output
// the page shows is the output pinsync gives.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { formatDiagnostic } from '../../../core/diagnostics/types.js';
import { CODES, loadManifest } from '../../../core/manifest/index.js';
import { readDocExamples } from './docs-examples.js';
import { makeTree, removeTrees } from './helpers.js';

const DOC = new URL('../../../../docs/diagnostics.md', import.meta.url);

describe('docs/diagnostics.md', () => {
  after(removeTrees);

  it('has a section with an example for every code, and no section for a code that does not exist', async () => {
    const examples = readDocExamples(await readFile(DOC, 'utf8'));
    assert.deepEqual(
      examples.map((e) => e.code),
      Object.values(CODES).sort(),
    );
    for (const e of examples) {
      assert.ok(e.output.some((line) => line.includes(` ${e.code} `)), `${e.code}: no example output`);
    }
  });

  it('shows exactly what each runnable example prints', async () => {
    for (const e of readDocExamples(await readFile(DOC, 'utf8'))) {
      if (e.files.length === 0 && !e.args) continue;
      const cwd = await makeTree(Object.fromEntries(e.files));
      const result = await loadManifest(e.args ?? e.files.map(([name]) => name), { cwd });
      const printed = result.diagnostics.map((d) => formatDiagnostic(d).replaceAll(cwd, '/home/me/project'));
      assert.deepEqual(printed, e.output, e.code);
    }
  });
});

import assert from 'node:assert/strict';
import type { Change } from '../../../core/plan/types.js';
import { GITHUB_COMMENT_LIMIT, renderPlanMarkdown } from '../../../core/render/markdown.js';
import { STICKY_MARKER } from '../../../core/render/markdown-sections.js';
import { create, endpoint, plan, remove, update } from './builders.js';
import { bulkPlan } from './large-plans.js';

const lastLine = (s: string) => s.trimEnd().split('\n').pop() as string;

describe('renderPlanMarkdown', () => {
  it('starts with the sticky marker and says "no changes" in one line', () => {
    assert.equal(
      renderPlanMarkdown(plan({ unchanged: 1, applicationId: 'app' })),
      `${STICKY_MARKER}\n**pinsync plan** for application <code>app</code>: no changes. Pinpoint matches the manifest (1 endpoint).\n`,
    );
  });

  describe('a 5,000-change plan', () => {
    const big = bulkPlan();
    let md = '';
    let ms = 0;
    before(() => {
      const start = process.hrtime.bigint();
      md = renderPlanMarkdown(big, { planFile: 'plan.json' });
      ms = Number(process.hrtime.bigint() - start) / 1e6;
    });

    it('fits one GitHub comment, in well under a second', () => {
      assert.ok(md.length <= GITHUB_COMMENT_LIMIT, `${md.length} characters`);
      assert.ok(ms < 1000, `${ms} ms`);
    });

    it('still says what changes and how many: identical changes are one line', () => {
      assert.match(md, /\| 10 \| 4,980 \| 5 \| 5 \| 1,200 \| 0 \|/);
      assert.match(
        md,
        /^- \*\*4,980 endpoints\*\* to update: <code>Attributes\.Plan<\/code> <code>\["free"\]<\/code> → <code>\["pro"\]<\/code> \(e\.g\. <code>ep-0000<\/code>, <code>ep-0001<\/code>, <code>ep-0002<\/code>\)$/m,
      );
    });

    it('lists deletes and replaces first and in full, then changes like no other', () => {
      const details = Array.from(md.matchAll(/<details><summary><b>([^<]+)<\/b> <code>([^<]+)<\/code>/g), (m) => `${m[1]} ${m[2]}`);
      assert.deepEqual(details, [
        ...[0, 1, 2, 3, 4].map((n) => `- delete gone-${n}`),
        ...[0, 1, 2, 3, 4].map((n) => `-/+ replace swap-${n}`),
        ...[0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => `+ create new-${n}`),
      ]);
      assert.ok(md.indexOf('- delete') < md.indexOf('4,980 endpoints'));
    });

    it('ends by saying what was left out and where the full plan is', () => {
      assert.equal(
        lastLine(md),
        '**Left out to fit one comment of 65,536 characters**: the diffs of 4,980 endpoints (4,980 described in groups above). ' +
          'The full plan is in the saved plan file <code>plan.json</code>; read it with <code>pinsync show plan.json</code>.',
      );
    });
  });

  it('keeps to any budget, giving group lines up to a tally of what is left', () => {
    const big = bulkPlan();
    for (const budget of [2_500, 4_000, 7_919, 12_000, 30_000]) {
      const md = renderPlanMarkdown(big, { budget });
      assert.ok(md.length <= budget, `budget ${budget}: ${md.length} characters`);
      assert.match(lastLine(md), /^\*\*Left out to fit one comment of [\d,]+ characters\*\*: the diffs of [\d,]+ endpoints/);
      // However small, the comment says how many endpoints change, by the table or by the lines.
      assert.match(md, /4,980/);
    }
  });

  it('never goes over the budget, whatever it holds', () => {
    const base = bulkPlan();
    const drifted = update(endpoint('drift-1', { OptOut: 'NONE' }), [{ path: 'OptOut', before: 'ALL', after: 'NONE', drift: true }]);
    const notes = Array.from({ length: 50 }, (_, n) => ({ id: `old-${n}`, kind: 'no-longer-managed' as const, message: 'no longer in the manifest' }));
    const mixed = plan({ changes: [...base.changes, drifted], notes, unchanged: 3 });
    for (let budget = 2_000; budget <= 70_000; budget += 3_331) {
      const md = renderPlanMarkdown(mixed, { budget, stale: ['ep-0001'] });
      assert.ok(md.length <= budget, `budget ${budget}: ${md.length} characters`);
      assert.match(lastLine(md), /^\*\*Left out to fit one comment/);
    }
  });

  it('falls back to a tally of actions and fields when group lines do not fit', () => {
    // Creates are all different: each would be a group of one.
    const changes: Change[] = [];
    for (let n = 0; n < 300; n++) changes.push(create(endpoint(`c-${String(n).padStart(3, '0')}`, { Attributes: { Plan: ['free'] } })));
    const md = renderPlanMarkdown(plan({ changes }), { budget: 3_000 });
    assert.ok(md.length <= 3_000);
    assert.match(md, /- \*\*Not listed one by one\*\*: [\d,]+ endpoints \([\d,]+ to create\), changing <code>Address<\/code> \(\d+\), <code>Attributes\.Plan<\/code> \(\d+\), <code>ChannelType<\/code> \(\d+\)\./);
  });

  it('gives notes and drift the room that is left, and counts what it leaves out', () => {
    const notes = Array.from({ length: 400 }, (_, n) => ({ id: `old-${n}`, kind: 'no-longer-managed' as const, message: 'no longer in the manifest; apply forgets it' }));
    const md = renderPlanMarkdown(plan({ unchanged: 2, notes }), { budget: 4_000 });
    assert.ok(md.length <= 4_000);
    assert.match(md, /^#### Notes$/m);
    assert.match(lastLine(md), /^\*\*Left out to fit one comment of 4,000 characters\*\*: [\d,]+ notes\./);
  });

  it('escapes what the manifest controls: no HTML gets through and no code block is closed early', () => {
    const nasty = update(endpoint('x<script>', { Attributes: { Note: ['```', '</details>'] } }), [
      { path: 'Attributes.Note', before: ['a|b'], after: ['```', '</details>'] },
    ]);
    const md = renderPlanMarkdown(plan({ changes: [nasty, remove(endpoint('y&z'))] }));
    // Inside a fenced block everything is text; outside it, nothing of the manifest may be HTML.
    assert.match(md, /^````diff$/m, 'a fence longer than the backticks in the values');
    const outside = md.replace(/^(`{3,})diff\n[\s\S]*?\n\1$/gm, '');
    assert.doesNotMatch(outside, /<script>|```/);
    assert.match(outside, /<code>x&#60;script&#62;<\/code>/);
    assert.equal(outside.match(/<\/details>/g)?.length, 2, 'only the two sections close a <details>');
  });
});

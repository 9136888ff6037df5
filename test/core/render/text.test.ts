import assert from 'node:assert/strict';
import type { Change } from '../../../core/plan/types.js';
import { COLOURED } from '../../../core/render/style.js';
import { renderPlanText, summaryLine } from '../../../core/render/text.js';
import { endpoint, plan, remove, replace, update } from './builders.js';

const basic = plan({
  unchanged: 98,
  changes: [
    {
      action: 'create',
      id: 'new-1',
      item: { Id: 'new-1', ChannelType: 'SMS', Address: '+12065550100' },
      declared: { Id: 'new-1', ChannelType: 'SMS', Address: '+12065550100' },
      fields: [
        { path: 'ChannelType', before: null, after: 'SMS' },
        { path: 'Address', before: null, after: '+12065550100' },
      ],
    },
    update({ Id: 'old-1', ChannelType: 'EMAIL', Attributes: { Interests: ['Music', 'Books'] }, Metrics: { level: 3 } }, [
      { path: 'Attributes.Interests', before: ['Music'], after: ['Music', 'Books'] },
      { path: 'Metrics.level', before: null, after: 3 },
    ]),
  ],
});

/** Tests grep the summary line by this; it must keep matching. */
const SUMMARY = /Plan: \d+ to create, \d+ to update, \d+ to replace, \d+ to delete, \d+ unchanged\./;

describe('renderPlanText', () => {
  it('reads like a Terraform plan and ends with the summary line, naming the Ids of a small plan', () => {
    assert.equal(
      renderPlanText(basic),
      [
        'pinsync will perform the following actions:',
        '  + create   ~ update in place   -/+ replace   - delete',
        '',
        '  # new-1 will be created',
        '  + endpoint "new-1" {',
        '      + ChannelType = "SMS"',
        '      + Address     = "+12065550100"',
        '    }',
        '',
        '  # old-1 will be updated in place',
        '  ~ endpoint "old-1" {',
        '      ~ Attributes.Interests = ["Music"] -> ["Music", "Books"]',
        '      + Metrics.level        = 3',
        '    }',
        '',
        'Plan: 1 to create, 1 to update, 0 to replace, 0 to delete, 98 unchanged. Create new-1; update old-1.',
        '',
      ].join('\n'),
    );
  });

  it('says so in one line when nothing changes', () => {
    assert.equal(renderPlanText(plan({ unchanged: 3 })), 'No changes. Pinpoint matches the manifest (3 endpoints).\n');
  });

  it('colours only when given a colour style', () => {
    assert.doesNotMatch(renderPlanText(basic), /\u001b\[/);
    assert.match(renderPlanText(basic, COLOURED), /\u001b\[32m\+\u001b\[39m endpoint "new-1"/);
    assert.match(renderPlanText(basic, { style: COLOURED }), /\u001b\[33m~\u001b\[39m endpoint "old-1"/);
  });

  it('renders a replace with its reason and a delete with what it loses', () => {
    const text = renderPlanText(
      plan({
        changes: [
          replace(endpoint('r-1', { Metrics: { visits: 2 } }), [{ path: 'Metrics.score', before: 3, after: null }], 'Metrics.score was removed from the manifest'),
          remove(endpoint('d-1')),
          { action: 'delete', id: 'd-2', fields: [] },
        ],
      }),
    );
    assert.match(text, /^ {2}# r-1 must be replaced: Metrics\.score was removed from the manifest\n-\/\+ endpoint "r-1" \{\n {6}- Metrics\.score = 3\n {4}\}$/m);
    assert.match(text, /^ {2}# d-1 will be deleted\n {2}- endpoint "d-1" \{\n {6}- ChannelType = "EMAIL"\n {6}- Address {5}= "d-1@example\.com"\n {4}\}$/m);
    assert.match(text, /^ {2}# d-2 will be deleted\n {2}- endpoint "d-2"$/m);
    assert.match(text, /Plan: 0 to create, 0 to update, 1 to replace, 2 to delete, 0 unchanged\. Delete d-1, d-2; replace r-1\./);
  });

  it('shows drift in the block and in its own section, saying what apply puts back', () => {
    const text = renderPlanText(
      plan({ changes: [update(endpoint('e-1', { Attributes: { Plan: ['free'] } }), [{ path: 'Attributes.Plan', before: ['pro'], after: ['free'], drift: true }])] }),
    );
    assert.match(text, /~ Attributes\.Plan = \["pro"\] -> \["free"\] {3}# changed outside pinsync/);
    assert.match(text, /Changed outside pinsync \(1 endpoint\); apply puts the manifest's values back:\n {2}e-1 {2}Attributes\.Plan: live value \["pro"\], manifest \["free"\]\n/);
  });

  it('lists notes, even when nothing changes', () => {
    const text = renderPlanText(plan({ unchanged: 2, notes: [{ id: 'old-9', kind: 'no-longer-managed', message: 'no longer in the manifest; apply forgets it' }] }));
    assert.equal(text, 'No changes. Pinpoint matches the manifest (2 endpoints).\n\nNotes:\n  old-9: no longer in the manifest; apply forgets it\n');
  });

  it('says that apply will refuse a plan that fails a safety check, and how to override each rule', () => {
    const text = renderPlanText(
      plan({
        changes: [remove(endpoint('d-1'))],
        safety: [
          { rule: 'destructive-share', ids: [], message: 'deletes 1 of 2 managed endpoints' },
          { rule: 'resubscribe', ids: ['a', 'b'], message: 'OptOut ALL -> NONE' },
        ],
      }),
    );
    assert.match(
      text,
      /\n\nApply will refuse this plan:\n {2}- deletes 1 of 2 managed endpoints; to apply it anyway, use --force\n {2}- OptOut ALL -> NONE \(a, b\); to apply it anyway, use --allow-resubscribe\n$/,
    );
  });

  it('warns about a stale plan, naming the endpoints that changed since', () => {
    assert.match(renderPlanText(basic, { stale: ['old-1'] }), /This plan is stale: 1 endpoint changed in Pinpoint since it was made \(old-1\)\.\nApply will refuse it/);
  });

  it('shortens long values with an ellipsis, keeping each field on one line', () => {
    const long = 'x'.repeat(200);
    const text = renderPlanText(plan({ changes: [update(endpoint('e-1'), [{ path: 'Attributes.Bio', before: null, after: [long] }])] }));
    const line = text.split('\n').find((l) => l.includes('Attributes.Bio')) as string;
    assert.match(line, /= \["x+…$/);
    assert.equal(line.length, '      + Attributes.Bio = '.length + 80);
  });

  it('names the Ids only for five changes or fewer, and keeps the line tests grep for', () => {
    const changes = (n: number): Change[] => Array.from({ length: n }, (_, i) => update(endpoint(`e-${i}`), [{ path: 'OptOut', before: 'ALL', after: 'NONE' }]));
    assert.equal(summaryLine(plan({ changes: changes(5) })), 'Plan: 0 to create, 5 to update, 0 to replace, 0 to delete, 0 unchanged. Update e-0, e-1, e-2, e-3, e-4.');
    assert.equal(summaryLine(plan({ changes: changes(6), unchanged: 1234 })), 'Plan: 0 to create, 6 to update, 0 to replace, 0 to delete, 1234 unchanged.');
    assert.match(summaryLine(plan({ changes: changes(2) })), SUMMARY);
    assert.match(summaryLine(plan({ changes: changes(6), unchanged: 1234 })), SUMMARY);
  });

  it('reads a plan from a file, which has no duration', () => {
    const text = renderPlanText({ ...basic, refresh: { mode: 'live', readCalls: 3 } as never });
    assert.match(text, /^Read current state of application .+: 3 read calls\.\n/);
  });
});

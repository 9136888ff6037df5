import assert from 'node:assert/strict';
import type { Plan } from '../../../core/plan/types.js';
import { renderPlanText } from '../../../core/render/text.js';
import { COLOURED } from '../../../core/render/style.js';

const plan: Plan = {
  formatVersion: 1,
  applicationId: 'app',
  summary: { create: 1, update: 1, replace: 0, delete: 0, unchanged: 98, drift: 0 },
  notes: [],
  safety: [],
  record: [],
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
    {
      action: 'update',
      id: 'old-1',
      item: { Id: 'old-1', ChannelType: 'EMAIL', Metrics: { level: 3 } },
      declared: { Id: 'old-1', ChannelType: 'EMAIL', Attributes: { Interests: ['Music', 'Books'] }, Metrics: { level: 3 } },
      fields: [
        { path: 'Attributes.Interests', before: ['Music'], after: ['Music', 'Books'] },
        { path: 'Metrics.level', before: null, after: 3 },
      ],
    },
  ],
};

describe('renderPlanText', () => {
  it('reads like a Terraform plan and ends with the summary line', () => {
    assert.equal(
      renderPlanText(plan),
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
        'Plan: 1 to create, 1 to update, 0 to replace, 0 to delete, 98 unchanged.',
        '',
      ].join('\n'),
    );
  });

  it('says so in one line when nothing changes', () => {
    const empty: Plan = { ...plan, changes: [], summary: { create: 0, update: 0, replace: 0, delete: 0, unchanged: 3, drift: 0 } };
    assert.equal(renderPlanText(empty), 'No changes. Pinpoint matches the manifest (3 endpoints).\n');
  });

  it('colours only when given a colour style', () => {
    assert.doesNotMatch(renderPlanText(plan), /\u001b\[/);
    assert.match(renderPlanText(plan, COLOURED), /\u001b\[32m\+\u001b\[39m endpoint "new-1"/);
  });
});

import assert from 'node:assert/strict';
import { renderPlanJson } from '../../../core/render/index.js';
import { GOLDEN_CASES } from '../../golden/plans.js';
import { planValidator } from './plan-schema.js';

describe('schema/plan.schema.json', () => {
  const check = planValidator();

  for (const c of GOLDEN_CASES) {
    it(`describes the JSON of the ${c.name} plan`, () => {
      assert.deepEqual(check(JSON.parse(renderPlanJson(c.plan, c.options?.redact))), []);
    });
  }

  it('rejects what is not a plan: an unknown action, a missing checksum, an unknown member', () => {
    const good = JSON.parse(renderPlanJson(GOLDEN_CASES[1]!.plan)) as Record<string, unknown> & { changes: Record<string, unknown>[] };
    assert.notDeepEqual(check({ ...good, changes: [{ ...good.changes[0], action: 'upsert' }] }), []);
    const { checksum: _, ...unsigned } = good;
    assert.notDeepEqual(check(unsigned), []);
    assert.notDeepEqual(check({ ...good, createdAt: '2024-01-01' }), []);
  });
});

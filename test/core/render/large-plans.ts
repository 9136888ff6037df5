import type { Change, Plan } from '../../../core/plan/types.js';
import { create, endpoint, plan, remove, replace, update } from './builders.js';

/**
 * 5,000 changes: 4,980 endpoints moving from the free plan to pro, 10 new ones, 5 deleted and 5
 * replaced. Too big for one comment in full; the shape a bulk edit of a manifest makes.
 */
export function bulkPlan(): Plan {
  const changes: Change[] = [];
  for (let n = 0; n < 4980; n++) {
    const id = `ep-${String(n).padStart(4, '0')}`;
    changes.push(update(endpoint(id, { Attributes: { Plan: ['pro'] } }), [{ path: 'Attributes.Plan', before: ['free'], after: ['pro'] }]));
  }
  for (let n = 0; n < 10; n++) changes.push(create(endpoint(`new-${n}`, { Attributes: { Plan: ['pro'] }, Metrics: { visits: n } })));
  for (let n = 0; n < 5; n++) changes.push(remove(endpoint(`gone-${n}`, { Attributes: { Plan: ['free'] } })));
  for (let n = 0; n < 5; n++) {
    changes.push(replace(endpoint(`swap-${n}`, { Metrics: { visits: 1 } }), [{ path: 'Metrics.score', before: n, after: null }], 'Metrics.score was removed from the manifest'));
  }
  return plan({ changes, unchanged: 1200 });
}

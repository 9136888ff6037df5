import { createHash } from 'node:crypto';
import type { Plan } from '../plan/types.js';
import { canonicalJson } from '../util/canonical-json.js';

/** The plan's body as stored and checksummed: everything but how the state was read. */
function planBody(plan: Plan): object {
  return {
    formatVersion: plan.formatVersion,
    applicationId: plan.applicationId,
    summary: plan.summary,
    changes: plan.changes,
  };
}

/** sha256 of the canonical JSON of the plan's body, so any edit of a saved plan is detected. */
export function planChecksum(plan: Plan): string {
  return `sha256:${createHash('sha256').update(canonicalJson(planBody(plan))).digest('hex')}`;
}

/**
 * The plan as data, for machines and saved plans. The same plan always gives the same bytes:
 * the changes are sorted by the planner and there is no timestamp or duration in it.
 */
export function renderPlanJson(plan: Plan): string {
  const body: Record<string, unknown> = { ...planBody(plan) };
  if (plan.refresh !== undefined) body['refresh'] = { mode: plan.refresh.mode, readCalls: plan.refresh.readCalls };
  body['checksum'] = planChecksum(plan);
  return JSON.stringify(body, null, 2) + '\n';
}

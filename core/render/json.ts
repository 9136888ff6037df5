import { planBody, planChecksum } from '../plan/plan-file.js';
import type { Plan } from '../plan/types.js';
import { redactPlan, type Redaction } from './redact.js';

/**
 * The plan as data, for machines and saved plans. The same plan always gives the same bytes:
 * the planner sorts once, and there is no timestamp or duration in it.
 *
 * With a redaction, the masked plan is printed with `"redacted": true` and the checksum of the
 * full plan it was made from: it names the saved plan it shows, and it can never be applied,
 * since the checksum does not match what is in it.
 */
export function renderPlanJson(plan: Plan, redaction?: Redaction): string {
  const shown = redaction === undefined ? plan : redactPlan(plan, redaction);
  const body = planBody(shown);
  if (plan.refresh !== undefined) body['refresh'] = { mode: plan.refresh.mode, readCalls: plan.refresh.readCalls };
  if (redaction !== undefined) body['redacted'] = true;
  body['checksum'] = planChecksum(plan);
  return JSON.stringify(body, null, 2) + '\n';
}

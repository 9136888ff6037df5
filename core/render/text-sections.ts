import type { Plan, SafetyViolation } from '../plan/types.js';
import { listSome, plural, showValue } from './format.js';
import type { Style } from './style.js';

// The parts of the text plan after the change blocks. Each returns its lines followed by a blank
// line, or nothing at all when it has nothing to say.

/** Fields someone changed outside pinsync: what Pinpoint holds now, and what apply puts back. */
export function driftLines(plan: Plan, style: Style): string[] {
  const rows: string[] = [];
  const ids = new Set<string>();
  for (const change of plan.changes) {
    for (const f of change.fields) {
      if (f.drift !== true) continue;
      ids.add(change.id);
      rows.push(`  ${change.id}  ${f.path}: live value ${showValue(f.before)}, manifest ${showValue(f.after)}`);
    }
  }
  if (rows.length === 0) return [];
  const heading = `Changed outside pinsync (${plural(ids.size, 'endpoint')}); apply puts the manifest's values back:`;
  return [style.yellow(heading), ...rows, ''];
}

/** Notes: removals left in place and endpoints no longer managed, each with the planner's reason. */
export function noteLines(plan: Plan, style: Style): string[] {
  if (plan.notes.length === 0) return [];
  const rows = plan.notes.map((n) => `  ${n.id}${n.path !== undefined ? ` ${n.path}` : ''}: ${n.message}`);
  return [style.bold('Notes:'), ...rows, ''];
}

/** Failed safety checks: the plan renders, apply refuses; say how to go past each one. */
export function safetyLines(plan: Plan, style: Style): string[] {
  if (plan.safety.length === 0) return [];
  const rows = plan.safety.map((v) => `  - ${v.message}${v.ids.length > 0 ? ` (${listSome(v.ids, 10)})` : ''}; ${overrideFor(v)}`);
  return [style.red('Apply will refuse this plan:'), ...rows, ''];
}

/** How to go past a failed safety check, once a person has looked at it. */
export function overrideFor(v: SafetyViolation): string {
  return v.rule === 'resubscribe' ? 'to apply it anyway, use --allow-resubscribe' : 'to apply it anyway, use --force';
}

/** A saved plan whose endpoints changed in Pinpoint since: apply refuses it. */
export function staleLines(stale: readonly string[], style: Style): string[] {
  if (stale.length === 0) return [];
  return [
    style.yellow(`This plan is stale: ${plural(stale.length, 'endpoint')} changed in Pinpoint since it was made (${listSome(stale, 10)}).`),
    'Apply will refuse it; make a new plan with `pinsync plan`.',
    '',
  ];
}

import type { Change, FieldChange, Plan } from '../plan/types.js';
import { ACTION_ORDER } from '../plan/types.js';
import { assertNever } from '../plan/fields.js';
import { plural, showValue } from './format.js';
import { PLAIN, type Style } from './style.js';
import { driftLines, noteLines, safetyLines, staleLines } from './text-sections.js';

export { formatValue } from './format.js';

export interface TextOptions {
  readonly style?: Style;
  /** Ids whose endpoints changed in Pinpoint since the plan was made. */
  readonly stale?: readonly string[];
}

/** When a plan changes this many endpoints or fewer, the summary line names them. */
const NAMED_IN_SUMMARY = 5;

/** Terraform's reading of a plan: one block per changed endpoint, then the summary line. */
export function renderPlanText(plan: Plan, options: TextOptions | Style = {}): string {
  const { style = PLAIN, stale = [] } = isStyle(options) ? { style: options } : options;
  const lines: string[] = [];
  if (plan.refresh !== undefined && plan.refresh.mode === 'live') {
    // A plan read back from a file has no duration: it is left out of the saved form.
    const duration = typeof plan.refresh.durationMs === 'number' ? ` in ${(plan.refresh.durationMs / 1000).toFixed(2)} s` : '';
    lines.push(style.dim(`Read current state of application ${plan.applicationId}: ${plan.refresh.readCalls} read calls${duration}.`), '');
  }
  const sections = [...driftLines(plan, style), ...noteLines(plan, style)];
  const warnings = [...safetyLines(plan, style), ...staleLines(stale, style)];
  if (plan.changes.length === 0) {
    const declared = plan.summary.unchanged;
    lines.push(`No changes. Pinpoint matches the manifest (${plural(declared, 'endpoint')}).`);
    if (sections.length > 0 || warnings.length > 0) lines.push('', ...sections, ...warnings);
    return trimEnd(lines).join('\n') + '\n';
  }
  lines.push(
    'pinsync will perform the following actions:',
    `  ${style.green('+')} create   ${style.yellow('~')} update in place   ${style.red('-')}/${style.green('+')} replace   ${style.red('-')} delete`,
    '',
  );
  for (const change of plan.changes) lines.push(...renderChange(change, style), '');
  lines.push(...sections, summaryLine(plan), '', ...warnings);
  return trimEnd(lines).join('\n') + '\n';
}

/**
 * `Plan: 1 to create, 1 to update, 0 to replace, 0 to delete, 98 unchanged.` and, for a small
 * plan, the Ids by action after it, so a one-line log still says which endpoints change.
 */
export function summaryLine(plan: Plan): string {
  const s = plan.summary;
  // Plain digits, no thousands separator: scripts match this line with \d+.
  const line = `Plan: ${s.create} to create, ${s.update} to update, ${s.replace} to replace, ${s.delete} to delete, ${s.unchanged} unchanged.`;
  if (plan.changes.length === 0 || plan.changes.length > NAMED_IN_SUMMARY) return line;
  const named = ACTION_ORDER.flatMap((action) => {
    const ids = plan.changes.filter((c) => c.action === action).map((c) => c.id);
    return ids.length === 0 ? [] : [`${action} ${ids.join(', ')}`];
  });
  const text = named.join('; ');
  return `${line} ${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function renderChange(change: Change, style: Style): string[] {
  const id = JSON.stringify(change.id);
  switch (change.action) {
    case 'create':
      return [style.bold(`  # ${change.id} will be created`), `  ${style.green('+')} endpoint ${id} {`, ...fieldLines(change.fields, style), '    }'];
    case 'update':
      return [
        style.bold(`  # ${change.id} will be updated in place`),
        `  ${style.yellow('~')} endpoint ${id} {`,
        ...fieldLines(change.fields, style),
        '    }',
      ];
    case 'replace':
      return [
        style.bold(`  # ${change.id} must be replaced: ${change.reason}`),
        `${style.red('-')}/${style.green('+')} endpoint ${id} {`,
        ...fieldLines(change.fields, style),
        '    }',
      ];
    case 'delete':
      if (change.fields.length === 0) return [style.bold(`  # ${change.id} will be deleted`), `  ${style.red('-')} endpoint ${id}`];
      return [
        style.bold(`  # ${change.id} will be deleted`),
        `  ${style.red('-')} endpoint ${id} {`,
        ...fieldLines(change.fields.map((f) => ({ ...f, after: null })), style),
        '    }',
      ];
    default:
      return assertNever(change);
  }
}

function fieldLines(fields: readonly FieldChange[], style: Style): string[] {
  if (fields.length === 0) return [];
  const width = Math.max(...fields.map((f) => f.path.length));
  return fields.map((f) => {
    const name = f.path.padEnd(width);
    const drift = f.drift === true ? style.dim('   # changed outside pinsync') : '';
    if (f.before === null) return `      ${style.green('+')} ${name} = ${showValue(f.after)}${drift}`;
    if (f.after === null) return `      ${style.red('-')} ${name} = ${showValue(f.before)}${drift}`;
    return `      ${style.yellow('~')} ${name} = ${showValue(f.before)} -> ${showValue(f.after)}${drift}`;
  });
}

function isStyle(o: TextOptions | Style): o is Style {
  return typeof (o as Style).green === 'function';
}

function trimEnd(lines: string[]): string[] {
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

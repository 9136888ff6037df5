import type { Change, FieldChange, FieldValue, Plan } from '../plan/types.js';
import { assertNever } from '../plan/fields.js';
import { PLAIN, type Style } from './style.js';

/** Terraform's reading of a plan: one block per changed endpoint, then the summary line. */
export function renderPlanText(plan: Plan, style: Style = PLAIN): string {
  const lines: string[] = [];
  if (plan.refresh !== undefined && plan.refresh.mode === 'live') {
    const seconds = (plan.refresh.durationMs / 1000).toFixed(2);
    lines.push(style.dim(`Read current state of application ${plan.applicationId}: ${plan.refresh.readCalls} read calls in ${seconds} s.`), '');
  }
  const declared = plan.summary.unchanged + plan.changes.length;
  if (plan.changes.length === 0) {
    lines.push(`No changes. Pinpoint matches the manifest (${declared} ${declared === 1 ? 'endpoint' : 'endpoints'}).`);
    return lines.join('\n') + '\n';
  }
  lines.push(
    'pinsync will perform the following actions:',
    `  ${style.green('+')} create   ${style.yellow('~')} update in place   ${style.red('-')}/${style.green('+')} replace   ${style.red('-')} delete`,
    '',
  );
  for (const change of plan.changes) lines.push(...renderChange(change, style), '');
  lines.push(summaryLine(plan));
  return lines.join('\n') + '\n';
}

export function summaryLine(plan: Plan): string {
  const s = plan.summary;
  return `Plan: ${s.create} to create, ${s.update} to update, ${s.replace} to replace, ${s.delete} to delete, ${s.unchanged} unchanged.`;
}

function renderChange(change: Change, style: Style): string[] {
  const id = JSON.stringify(change.id);
  switch (change.action) {
    case 'create':
      return [
        style.bold(`  # ${change.id} will be created`),
        `  ${style.green('+')} endpoint ${id} {`,
        ...fieldLines(change.fields, style),
        '    }',
      ];
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
      return [style.bold(`  # ${change.id} will be deleted`), `  ${style.red('-')} endpoint ${id}`];
    default:
      return assertNever(change);
  }
}

function fieldLines(fields: readonly FieldChange[], style: Style): string[] {
  const width = Math.max(...fields.map((f) => f.path.length));
  return fields.map((f) => {
    const name = f.path.padEnd(width);
    if (f.before === null) return `      ${style.green('+')} ${name} = ${formatValue(f.after)}`;
    if (f.after === null) return `      ${style.red('-')} ${name} = ${formatValue(f.before)}`;
    return `      ${style.yellow('~')} ${name} = ${formatValue(f.before)} -> ${formatValue(f.after)}`;
  });
}

export function formatValue(v: FieldValue | null): string {
  if (v === null) return '(none)';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  return `[${v.map((s) => JSON.stringify(s)).join(', ')}]`;
}

import type { Change, FieldChange, Plan, PlanNote } from '../plan/types.js';
import { formatCount, listSome, plural, shorten, showValue } from './format.js';
import { changeDiffBlock } from './markdown-diff.js';
import { code, escapeHtml, escapeMarkdown } from './markdown-escape.js';
import { overrideFor } from './text-sections.js';

/** The hidden first line by which CI finds its own comment on a pull request and edits it. */
export const STICKY_MARKER = '<!-- pinsync-plan -->';

/** Safety messages and the like come from the planner; a runaway one must not eat the comment. */
const MAX_MESSAGE = 400;

const LABEL: Record<Change['action'], string> = { create: '+ create', update: '~ update', replace: '-/+ replace', delete: '- delete' };

export function titleLine(plan: Plan): string {
  return `### pinsync plan for application ${code(plan.applicationId)}`;
}

export function noChangesLine(plan: Plan): string {
  const n = plan.summary.unchanged;
  return `**pinsync plan** for application ${code(plan.applicationId)}: no changes. Pinpoint matches the manifest (${plural(n, 'endpoint')}).`;
}

/** The warning block at the top: destructive changes, failed safety checks, a stale plan. */
export function warningBlock(plan: Plan, stale: readonly string[]): string | undefined {
  const items: string[] = [];
  const deletes = plan.changes.filter((c) => c.action === 'delete').map((c) => c.id);
  const replaces = plan.changes.filter((c) => c.action === 'replace').map((c) => c.id);
  if (deletes.length > 0) items.push(`**This plan deletes ${plural(deletes.length, 'endpoint')}**: ${idList(deletes)}.`);
  if (replaces.length > 0) {
    items.push(`**This plan replaces ${plural(replaces.length, 'endpoint')}** (deletes, then creates again): ${idList(replaces)}.`);
  }
  for (const v of plan.safety) {
    const ids = v.ids.length > 0 ? ` (${idList(v.ids)})` : '';
    items.push(`**Apply will refuse this plan**: ${escapeMarkdown(shorten(v.message, MAX_MESSAGE))}${ids}; ${overrideFor(v).replace(/(--[a-z-]+)/, '`$1`')}.`);
  }
  if (stale.length > 0) {
    items.push(
      `**This plan is stale**: ${plural(stale.length, 'endpoint')} changed in Pinpoint since it was made (${idList(stale)}). Apply will refuse it; make a new plan.`,
    );
  }
  if (items.length === 0) return undefined;
  return ['> [!WARNING]', ...items.map((i) => `> - ${i}`)].join('\n');
}

export function summaryTable(plan: Plan): string {
  const s = plan.summary;
  const cells = [s.create, s.update, s.replace, s.delete, s.unchanged, s.drift].map(formatCount);
  return ['| Create | Update | Replace | Delete | Unchanged | Drift |', '|---:|---:|---:|---:|---:|---:|', `| ${cells.join(' | ')} |`].join('\n');
}

/** One endpoint's change, collapsed: what happens to it in the summary, the diff inside. */
export function changeDetails(change: Change): string {
  const drift = change.fields.filter((f) => f.drift === true).length;
  const reason = change.action === 'replace' ? `: ${escapeHtml(shorten(change.reason, MAX_MESSAGE))}` : '';
  const driftNote = drift > 0 ? ` (${plural(drift, 'field')} changed outside pinsync)` : '';
  const summary = `<b>${LABEL[change.action]}</b> ${code(change.id)}${reason}${driftNote}`;
  return `<details><summary>${summary}</summary>\n\n${changeDiffBlock(change)}\n\n</details>`;
}

export interface DriftRow {
  readonly id: string;
  readonly field: FieldChange;
}

export function driftRows(plan: Plan): DriftRow[] {
  return plan.changes.flatMap((c) => c.fields.filter((f) => f.drift === true).map((field) => ({ id: c.id, field })));
}

export function driftRowText(row: DriftRow): string {
  return `| ${code(row.id)} | ${code(row.field.path)} | ${code(showValue(row.field.before))} | ${code(showValue(row.field.after))} |`;
}

/** Drift in its own collapsed section: someone changed these in Pinpoint, apply puts them back. */
export function driftSection(rows: readonly string[], endpoints: number): string {
  return [
    `<details><summary>Changed outside pinsync: ${plural(endpoints, 'endpoint')} (apply puts the manifest's values back)</summary>`,
    '',
    '| Endpoint | Field | Live value | Manifest |',
    '|---|---|---|---|',
    ...rows,
    '',
    '</details>',
  ].join('\n');
}

export function noteText(note: PlanNote): string {
  const path = note.path !== undefined ? ` ${code(note.path)}` : '';
  return `- ${code(note.id)}${path}: ${escapeMarkdown(shorten(note.message, MAX_MESSAGE))}`;
}

export function notesSection(lines: readonly string[]): string {
  return ['#### Notes', '', ...lines].join('\n');
}

function idList(ids: readonly string[]): string {
  return listSome(ids.map(code), 10);
}

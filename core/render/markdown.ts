import type { Plan } from '../plan/types.js';
import { formatCount, plural } from './format.js';
import { code } from './markdown-escape.js';
import { fitShown, selectShown, shownBlocks, type Shown } from './markdown-compact.js';
import {
  changeDetails,
  driftRows,
  driftRowText,
  driftSection,
  noChangesLine,
  notesSection,
  noteText,
  STICKY_MARKER,
  summaryTable,
  titleLine,
  warningBlock,
} from './markdown-sections.js';

/** GitHub refuses a comment longer than this many characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

export interface MarkdownOptions {
  /** Ids whose endpoints changed in Pinpoint since the plan was made. */
  readonly stale?: readonly string[];
  /** The most characters the result may have (default: one GitHub comment). */
  readonly budget?: number;
  /** The saved plan file, named in the note that says what was left out. */
  readonly planFile?: string;
}

/** Blocks of the comment are separated by one blank line. */
const SEP = '\n\n';

/**
 * The plan as a pull-request comment: marker, warnings, summary table, each endpoint's change as a
 * collapsed diff, drift and notes. When that would not fit the budget, deletes and replaces keep
 * their diffs as far as they fit and the rest is grouped, so the comment always says what changes
 * and how many, and its last line says what it left out.
 */
export function renderPlanMarkdown(plan: Plan, options: MarkdownOptions = {}): string {
  const stale = options.stale ?? [];
  const budget = options.budget ?? GITHUB_COMMENT_LIMIT;
  const head = headBlocks(plan, stale);
  return (fullForm(plan, head, budget) ?? compactForm(plan, head, budget, options.planFile)) + '\n';
}

function headBlocks(plan: Plan, stale: readonly string[]): string[] {
  const warning = warningBlock(plan, stale);
  const first = plan.changes.length === 0 ? [STICKY_MARKER + '\n' + noChangesLine(plan)] : [STICKY_MARKER + '\n' + titleLine(plan)];
  if (warning !== undefined) first.push(warning);
  if (plan.changes.length > 0) first.push(summaryTable(plan));
  return first;
}

/** Everything, or undefined as soon as it is clear that everything does not fit. */
function fullForm(plan: Plan, head: readonly string[], budget: number): string | undefined {
  const blocks = new Blocks(budget - 1);
  for (const b of head) if (!blocks.add(b)) return undefined;
  for (const change of plan.changes) if (!blocks.add(changeDetails(change))) return undefined;
  const drift = driftRows(plan);
  if (drift.length > 0 && !blocks.add(driftSection(drift.map(driftRowText), new Set(drift.map((r) => r.id)).size))) return undefined;
  if (plan.notes.length > 0 && !blocks.add(notesSection(plan.notes.map(noteText)))) return undefined;
  return blocks.text();
}

function compactForm(plan: Plan, head: readonly string[], budget: number, planFile: string | undefined): string {
  const total = plan.changes.length;
  // The closing line is written last but its room is kept first: it is the one line that must be there.
  const reserve = leftOutLine(budget, planFile, { diffs: total, grouped: total, notes: plan.notes.length, drift: total }).length + SEP.length;
  const limit = budget - 1 - reserve;
  const headLength = head.join(SEP).length;
  const shown = selectShown(plan.changes, headLength, limit);
  fitShown(plan.changes, shown, headLength, limit);

  const blocks = new Blocks(limit);
  for (const b of [...head, ...shownBlocks(plan.changes, shown)]) blocks.force(b);
  const drift = driftRows(plan);
  const driftShown = addDrift(blocks, drift);
  const notesShown = addNotes(blocks, plan);
  const count = (kind: Shown['kind']) => shown.filter((s) => s.kind === kind).reduce((n, s) => n + s.changes.length, 0);
  const footer = leftOutLine(budget, planFile, {
    diffs: total - count('detail'),
    grouped: count('line'),
    notes: plan.notes.length - notesShown,
    drift: drift.length - driftShown,
  });
  blocks.force(footer);
  return blocks.text();
}

/** Drift rows as far as they fit; returns how many. */
function addDrift(blocks: Blocks, rows: ReturnType<typeof driftRows>): number {
  if (rows.length === 0) return 0;
  const texts = rows.map(driftRowText);
  // The frame counts all the endpoints: its length is an upper bound for any fewer rows.
  const frame = driftSection([], new Set(rows.map((r) => r.id)).size).length;
  const n = fillCount(texts, blocks.length + SEP.length + frame, blocks.limit);
  if (n > 0) blocks.force(driftSection(texts.slice(0, n), new Set(rows.slice(0, n).map((r) => r.id)).size));
  return n;
}

/** Notes as far as they fit; returns how many. */
function addNotes(blocks: Blocks, plan: Plan): number {
  if (plan.notes.length === 0) return 0;
  const texts = plan.notes.map(noteText);
  const n = fillCount(texts, blocks.length + SEP.length + notesSection([]).length, blocks.limit);
  if (n > 0) blocks.force(notesSection(texts.slice(0, n)));
  return n;
}

/** How many of `lines`, one per line, fit after `used` characters within `limit`. */
function fillCount(lines: readonly string[], used: number, limit: number): number {
  let n = 0;
  while (n < lines.length && used + 1 + (lines[n] as string).length <= limit) used += 1 + (lines[n++] as string).length;
  return n;
}

interface LeftOut {
  /** Changed endpoints whose diff is not shown. */
  readonly diffs: number;
  /** Of those, endpoints that a group line describes. */
  readonly grouped: number;
  readonly notes: number;
  readonly drift: number;
}

function leftOutLine(budget: number, planFile: string | undefined, left: LeftOut): string {
  const parts: string[] = [];
  if (left.diffs > 0) parts.push(`the diffs of ${plural(left.diffs, 'endpoint')} (${formatCount(left.grouped)} described in groups above)`);
  if (left.drift > 0) parts.push(`${plural(left.drift, 'field')} changed outside pinsync`);
  if (left.notes > 0) parts.push(plural(left.notes, 'note'));
  if (parts.length === 0) parts.push('nothing');
  const where =
    planFile !== undefined
      ? `the saved plan file ${code(planFile)}; read it with ${code(`pinsync show ${planFile}`)}`
      : `the saved plan file (${code('pinsync plan --out')}); read it with ${code('pinsync show')}`;
  return `**Left out to fit one comment of ${formatCount(budget)} characters**: ${parts.join(', ')}. The full plan is in ${where}.`;
}

/** Blocks of text joined by blank lines, kept within a limit. */
class Blocks {
  private readonly parts: string[] = [];
  length = 0;
  constructor(readonly limit: number) {}

  fits(block: string): boolean {
    return this.length + (this.parts.length > 0 ? SEP.length : 0) + block.length <= this.limit;
  }

  add(block: string): boolean {
    if (!this.fits(block)) return false;
    this.force(block);
    return true;
  }

  /** Adds a block whatever its size: the caller has already made room for it. */
  force(block: string): void {
    this.length += (this.parts.length > 0 ? SEP.length : 0) + block.length;
    this.parts.push(block);
  }

  text(): string {
    return this.parts.join(SEP);
  }
}

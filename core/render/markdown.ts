import type { Change, Plan } from '../plan/types.js';
import { formatCount, plural } from './format.js';
import { code } from './markdown-escape.js';
import { groupChanges, groupLine, tallyLine } from './markdown-groups.js';
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

interface Shown {
  readonly text: string;
  readonly changes: readonly Change[];
}

function compactForm(plan: Plan, head: readonly string[], budget: number, planFile: string | undefined): string {
  const total = plan.changes.length;
  // The closing line is written last but its room is kept first: it is the one line that must be there.
  const reserve = leftOutLine(budget, planFile, { diffs: total, grouped: total, notes: plan.notes.length, drift: total }).length + SEP.length;
  const limit = budget - 1 - reserve;
  const blocks = new Blocks(limit);
  for (const b of head) blocks.force(b);

  const details: Shown[] = [];
  for (const change of plan.changes) {
    if (change.action !== 'delete' && change.action !== 'replace') break;
    const text = changeDetails(change);
    if (!blocks.fits(text)) break;
    blocks.add(text);
    details.push({ text, changes: [change] });
  }
  const detailed = new Set(details.flatMap((d) => d.changes));
  const rest = plan.changes.filter((c) => !detailed.has(c));

  // Group lines as far as they fit, then a tally of the rest; lines give way to the tally.
  const lines: Shown[] = [];
  const heading = `#### ${plural(rest.length, 'more changed endpoint')}, grouped by what changes`;
  let used = blocks.length + (rest.length > 0 ? SEP.length + heading.length : 0);
  for (const group of groupChanges(rest)) {
    const text = groupLine(group);
    if (used + 1 + text.length > limit) break;
    used += 1 + text.length;
    lines.push({ text, changes: group.changes });
  }
  let tally = tallyOf(rest, lines);
  while (tally !== undefined && used + 1 + tally.length > limit && lines.length > 0) {
    used -= 1 + (lines.pop() as Shown).text.length;
    tally = tallyOf(rest, lines);
  }
  if (rest.length > 0) blocks.force([heading, '', ...lines.map((l) => l.text), ...(tally !== undefined ? [tally] : [])].join('\n'));

  const drift = driftRows(plan);
  const driftShown = addDrift(blocks, drift);
  const notesShown = addNotes(blocks, plan);
  const footer = leftOutLine(budget, planFile, {
    diffs: rest.length,
    grouped: lines.reduce((n, l) => n + l.changes.length, 0),
    notes: plan.notes.length - notesShown,
    drift: drift.length - driftShown,
  });
  blocks.force(footer);
  return blocks.text();
}

function tallyOf(rest: readonly Change[], lines: readonly Shown[]): string | undefined {
  const listed = new Set(lines.flatMap((l) => l.changes));
  const left = rest.filter((c) => !listed.has(c));
  return left.length > 0 ? tallyLine(left) : undefined;
}

/** Drift rows as far as they fit; returns how many. */
function addDrift(blocks: Blocks, rows: ReturnType<typeof driftRows>): number {
  const texts = rows.map(driftRowText);
  for (let n = texts.length; n > 0; n = Math.min(n - 1, Math.floor(n / 2))) {
    const section = driftSection(texts.slice(0, n), new Set(rows.slice(0, n).map((r) => r.id)).size);
    if (blocks.add(section)) return n;
  }
  return 0;
}

/** Notes as far as they fit; returns how many. */
function addNotes(blocks: Blocks, plan: Plan): number {
  if (plan.notes.length === 0) return 0;
  const texts = plan.notes.map(noteText);
  let used = blocks.length + SEP.length + notesSection([]).length;
  let n = 0;
  while (n < texts.length && used + 1 + (texts[n] as string).length <= blocks.limit) used += 1 + (texts[n++] as string).length;
  if (n > 0) blocks.force(notesSection(texts.slice(0, n)));
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
  const parts = [`the diffs of ${plural(left.diffs, 'endpoint')} (${formatCount(left.grouped)} described in groups above)`];
  if (left.drift > 0) parts.push(`${plural(left.drift, 'field')} changed outside pinsync`);
  if (left.notes > 0) parts.push(plural(left.notes, 'note'));
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

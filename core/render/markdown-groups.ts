import type { Action, Change, FieldChange } from '../plan/types.js';
import { formatCount, listSome, plural, shorten, showValue } from './format.js';
import { code, escapeHtml } from './markdown-escape.js';

// When a plan is too big for one comment, endpoints that change in exactly the same way are told
// once, with their count and a few Ids: "4,980 endpoints to update: Attributes.Plan ["free"] → ["pro"]".

export interface ChangeGroup {
  readonly action: Action;
  readonly changes: readonly Change[];
}

/** Ids shown as examples of a group; a delete group shows more, since its Ids are the news. */
const SAMPLES = 3;
const DELETE_SAMPLES = 20;
/** Fields spelled out in a group's line; the rest are counted. */
const FIELDS_SHOWN = 4;
/** Fields named in the closing tally of what was not listed. */
const TALLY_FIELDS = 10;
const VALUE_WIDTH = 60;

const RANK: Record<Action, number> = { delete: 0, replace: 1, create: 2, update: 3 };

/**
 * Groups of identical changes: same action, same fields with the same values (a replace also by
 * its reason; deletes all together, their values being what is lost, not what is decided).
 * Deletes and replaces come first, then the biggest groups, so the most telling lines survive
 * when the comment runs out of room.
 */
export function groupChanges(changes: readonly Change[]): ChangeGroup[] {
  const groups = new Map<string, Change[]>();
  for (const c of changes) {
    const key = groupKey(c);
    const list = groups.get(key);
    if (list === undefined) groups.set(key, [c]);
    else list.push(c);
  }
  return Array.from(groups.values(), (list) => ({ action: (list[0] as Change).action, changes: list })).sort(
    (a, b) =>
      destructiveFirst(a.action) - destructiveFirst(b.action) ||
      b.changes.length - a.changes.length ||
      RANK[a.action] - RANK[b.action] ||
      compare((a.changes[0] as Change).id, (b.changes[0] as Change).id),
  );
}

function groupKey(c: Change): string {
  if (c.action === 'delete') return 'delete';
  const fields = c.fields.map((f) => [f.path, f.before, f.after, f.drift === true]);
  return JSON.stringify([c.action, c.action === 'replace' ? c.reason : '', fields]);
}

export function groupLine(group: ChangeGroup): string {
  const first = group.changes[0] as Change;
  const ids = group.changes.map((c) => code(c.id));
  const head = `- **${plural(group.changes.length, 'endpoint')}** to ${group.action}`;
  if (group.action === 'delete') return `${head}: ${listSome(ids, DELETE_SAMPLES)}`;
  const reason = first.action === 'replace' ? ` (${escapeHtml(shorten(first.reason, 200))})` : '';
  const fields = first.fields.slice(0, FIELDS_SHOWN).map(fieldPhrase);
  if (first.fields.length > FIELDS_SHOWN) fields.push(`and ${plural(first.fields.length - FIELDS_SHOWN, 'more field')}`);
  const example = group.changes.length === 1 ? ids[0] : `e.g. ${ids.slice(0, SAMPLES).join(', ')}`;
  return `${head}${reason}: ${fields.join('; ')} (${example})`;
}

function fieldPhrase(f: FieldChange): string {
  const drift = f.drift === true ? ' (changed outside pinsync)' : '';
  const before = code(showValue(f.before, VALUE_WIDTH));
  const after = code(showValue(f.after, VALUE_WIDTH));
  if (f.before === null) return `${code(f.path)} = ${after}${drift}`;
  if (f.after === null) return `${code(f.path)} ${before} removed${drift}`;
  return `${code(f.path)} ${before} → ${after}${drift}`;
}

/** The last resort: how many endpoints per action, and which fields they change most. */
export function tallyLine(changes: readonly Change[]): string {
  const byAction = new Map<Action, number>();
  const byPath = new Map<string, number>();
  for (const c of changes) {
    byAction.set(c.action, (byAction.get(c.action) ?? 0) + 1);
    for (const f of c.fields) byPath.set(f.path, (byPath.get(f.path) ?? 0) + 1);
  }
  const actions = (['delete', 'replace', 'create', 'update'] as const)
    .filter((a) => byAction.has(a))
    .map((a) => `${formatCount(byAction.get(a) as number)} to ${a}`);
  const paths = Array.from(byPath).sort((a, b) => b[1] - a[1] || compare(a[0], b[0]));
  const named = paths.slice(0, TALLY_FIELDS).map(([p, n]) => `${code(shorten(p, VALUE_WIDTH))} (${formatCount(n)})`);
  if (paths.length > TALLY_FIELDS) named.push(`and ${plural(paths.length - TALLY_FIELDS, 'more field')}`);
  const fields = named.length > 0 ? `, changing ${named.join(', ')}` : '';
  return `- **Not listed one by one**: ${plural(changes.length, 'endpoint')} (${actions.join(', ')})${fields}.`;
}

function destructiveFirst(a: Action): number {
  return a === 'delete' || a === 'replace' ? 0 : 1;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

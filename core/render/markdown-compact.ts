import type { Change } from '../plan/types.js';
import { plural } from './format.js';
import { groupChanges, groupLine, tallyLine } from './markdown-groups.js';
import { changeDetails } from './markdown-sections.js';

// Choosing what a comment that cannot hold every diff shows, in this order of worth: the diffs of
// deletes and replaces; one line for each group of identical changes; the diff of each change
// that is like no other (about as long as its line, and more telling); its line otherwise; and a
// tally of whatever is left, which must always be there.

export interface Shown {
  readonly kind: 'detail' | 'line';
  readonly text: string;
  readonly changes: readonly Change[];
}

const SEP = '\n\n';

/** What to show of `changes` after `used` characters, keeping the whole within `limit`. */
export function selectShown(changes: readonly Change[], used: number, limit: number): Shown[] {
  const shown: Shown[] = [];
  const room = (extra: number) => used + extra <= limit;
  let destructive = 0;
  for (const change of changes) {
    if (change.action !== 'delete' && change.action !== 'replace') break;
    const text = changeDetails(change);
    if (!room(SEP.length + text.length)) break;
    used += SEP.length + text.length;
    shown.push({ kind: 'detail', text, changes: [change] });
    destructive++;
  }
  const groups = groupChanges(changes.slice(destructive));
  for (const group of [...groups.filter((g) => g.changes.length > 1), ...groups.filter((g) => g.changes.length === 1)]) {
    const only = group.changes.length === 1 ? (group.changes[0] as Change) : undefined;
    if (only !== undefined && only.action !== 'delete' && only.action !== 'replace') {
      const text = changeDetails(only);
      if (room(SEP.length + text.length)) {
        used += SEP.length + text.length;
        shown.push({ kind: 'detail', text, changes: group.changes });
        continue;
      }
    }
    const text = groupLine(group);
    if (!room(1 + text.length)) continue;
    used += 1 + text.length;
    shown.push({ kind: 'line', text, changes: group.changes });
  }
  return shown;
}

/** Gives back the last chosen items until the blocks they make fit `limit` after `used`. */
export function fitShown(changes: readonly Change[], shown: Shown[], used: number, limit: number): void {
  while (shown.length > 0 && used + shownBlocks(changes, shown).reduce((n, b) => n + SEP.length + b.length, 0) > limit) shown.pop();
}

/** The blocks the chosen items make: each diff, then one block of group lines and the tally. */
export function shownBlocks(changes: readonly Change[], shown: readonly Shown[]): string[] {
  const details = shown.filter((s) => s.kind === 'detail');
  const lines = shown.filter((s) => s.kind === 'line');
  const covered = new Set(details.flatMap((d) => d.changes));
  const rest = changes.filter((c) => !covered.has(c));
  const blocks = details.map((d) => d.text);
  if (rest.length === 0) return blocks;
  const listed = new Set(lines.flatMap((l) => l.changes));
  const left = rest.filter((c) => !listed.has(c));
  const heading = `#### ${plural(rest.length, details.length > 0 ? 'more changed endpoint' : 'changed endpoint')}, grouped by what changes`;
  blocks.push([heading, '', ...lines.map((l) => l.text), ...(left.length > 0 ? [tallyLine(left)] : [])].join('\n'));
  return blocks;
}

import type { FieldValue } from '../plan/types.js';

/** Values longer than this are shortened in text output; the saved plan keeps them whole. */
export const MAX_VALUE_WIDTH = 80;

/** A field value as it reads in a plan: strings quoted, lists bracketed, absent as (none). */
export function formatValue(v: FieldValue | null): string {
  if (v === null) return '(none)';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  return `[${v.map((s) => JSON.stringify(s)).join(', ')}]`;
}

/** Cuts a string to `width` characters, the last being an ellipsis, so a row stays one line. */
export function shorten(s: string, width = MAX_VALUE_WIDTH): string {
  if (s.length <= width) return s;
  return s.slice(0, width - 1) + '…';
}

/** formatValue, shortened for a line meant to be read, not parsed. */
export function showValue(v: FieldValue | null, width = MAX_VALUE_WIDTH): string {
  return shorten(formatValue(v), width);
}

/** 4980 -> "4,980": group digits the same way on every machine, whatever its locale. */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "1 endpoint", "2 endpoints". */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${formatCount(n)} ${n === 1 ? word : many}`;
}

/** "a, b, c and 4 more": names a few, counts the rest. */
export function listSome(items: readonly string[], max: number): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${formatCount(items.length - max)} more`;
}

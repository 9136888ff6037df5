// The benchmark's rows, and the two ways they are shown: an aligned table for stdout and a
// Markdown table for docs/benchmarks.md. Both come from the same cells.

export interface Floor {
  /** A child that only JSON.parses the same data: wall time and peak RSS. */
  readonly parseMs?: number;
  readonly parseRssBytes?: number;
  /** Requests a perfect tool makes. */
  readonly reads?: number;
  readonly writes?: number;
  /** Request body bytes a perfect tool sends: the changed items, 100 to a request. */
  readonly bytes?: number;
  /** A plain AWS SDK script making the same reads (bench/sdk-reads.ts): its wall time. */
  readonly sdkReadMs?: number;
  /** Seconds Pinpoint's documented rate quotas allow for those requests on a real account. */
  readonly quotaSeconds?: number;
}

export interface Target {
  readonly text: string;
  readonly met: boolean;
}

export interface Row {
  readonly measure: string;
  readonly endpoints: number;
  /** Percentage of endpoints that differ from the current state; null where it does not apply. */
  readonly changedPercent: number | null;
  readonly changed: number | null;
  readonly wallMs: number;
  readonly peakRssBytes: number;
  readonly reads: number;
  readonly writes: number;
  readonly bytesSent: number;
  readonly floor: Floor;
  readonly targets: Target[];
  /** Anything else measured: refresh rate, 429s, items sent, ... */
  readonly notes: string[];
}

export const mb = (bytes: number) => `${Math.round(bytes / 1048576)}`;
const int = (n: number) => n.toLocaleString('en-US');
const secs = (ms: number) => (ms / 1000).toFixed(2);
const x = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}x` : a === 0 ? '1.00x' : 'inf');

export function bytesText(n: number): string {
  if (n === 0) return '0';
  if (n < 10_000) return `${n} B`;
  if (n < 10_000_000) return `${(n / 1000).toFixed(1)} kB`;
  return `${(n / 1e6).toFixed(1)} MB`;
}

export function floorText(f: Floor): string {
  const parts: string[] = [];
  if (f.parseMs !== undefined) parts.push(`JSON.parse ${secs(f.parseMs)} s, ${mb(f.parseRssBytes ?? 0)} MB`);
  if (f.reads !== undefined || f.writes !== undefined) parts.push(`${int(f.reads ?? 0)} r + ${int(f.writes ?? 0)} w`);
  if (f.bytes !== undefined) parts.push(bytesText(f.bytes));
  if (f.sdkReadMs !== undefined) parts.push(`SDK reads alone ${secs(f.sdkReadMs)} s`);
  if (f.quotaSeconds !== undefined) parts.push(f.quotaSeconds === 0 ? 'quota: no call' : `quota ${quotaText(f.quotaSeconds)}`);
  return parts.join('; ');
}

function quotaText(seconds: number): string {
  if (seconds < 120) return `${seconds.toFixed(1)} s`;
  if (seconds < 7200) return `${(seconds / 60).toFixed(1)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

export function ratioText(r: Row): string {
  const f = r.floor;
  const parts: string[] = [];
  if (f.parseMs !== undefined) parts.push(`time ${x(r.wallMs, f.parseMs)}, RSS ${x(r.peakRssBytes, f.parseRssBytes ?? 0)}`);
  if (f.sdkReadMs !== undefined) parts.push(`time ${x(r.wallMs, f.sdkReadMs)}`);
  if (f.reads !== undefined && (f.reads > 0 || r.reads > 0)) parts.push(`reads ${x(r.reads, f.reads)}`);
  if (f.writes !== undefined && (f.writes > 0 || r.writes > 0)) parts.push(`writes ${x(r.writes, f.writes)}`);
  if (f.bytes !== undefined && f.bytes > 0) parts.push(`bytes ${x(r.bytesSent, f.bytes)}`);
  return parts.join(', ');
}

export function metText(r: Row): string {
  if (r.targets.length === 0) return '-';
  return r.targets.every((t) => t.met) ? 'met' : 'MISSED';
}

const HEADER = ['measure', 'endpoints', 'changed', 'wall s', 'peak MB', 'reads', 'writes', 'bytes sent', 'floor', 'ratio to floor', 'target', 'met?'];

function cells(r: Row): string[] {
  return [
    r.measure,
    int(r.endpoints),
    r.changedPercent === null ? '-' : `${r.changedPercent}%`,
    secs(r.wallMs),
    mb(r.peakRssBytes),
    int(r.reads),
    int(r.writes),
    bytesText(r.bytesSent),
    floorText(r.floor),
    ratioText(r),
    r.targets.map((t) => (t.met ? t.text : `${t.text} [MISSED]`)).join('; ') || '-',
    metText(r),
  ];
}

/** Right-aligned numbers, left-aligned text. */
const NUMERIC = new Set([1, 2, 3, 4, 5, 6, 7]);

export function renderTable(rows: readonly Row[]): string {
  const body = rows.map(cells);
  const widths = HEADER.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (c: readonly string[]) => c.map((cell, i) => (NUMERIC.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ').trimEnd();
  const out = [line(HEADER), widths.map((w) => '-'.repeat(w)).join('  ')];
  let previous: number | undefined;
  for (let i = 0; i < rows.length; i++) {
    if (previous !== undefined && rows[i]!.endpoints !== previous) out.push('');
    previous = rows[i]!.endpoints;
    out.push(line(body[i]!));
    for (const note of rows[i]!.notes) out.push(`${' '.repeat(4)}${note}`);
  }
  return `${out.join('\n')}\n`;
}

/** The same cells, plus the notes as a last column. */
export function renderMarkdown(rows: readonly Row[]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const header = [...HEADER, 'notes'];
  const out = [`| ${header.join(' | ')} |`, `|${header.map((_, i) => (NUMERIC.has(i) ? '---:' : '---')).join('|')}|`];
  for (const r of rows) out.push(`| ${[...cells(r), r.notes.join('; ') || '-'].map(esc).join(' | ')} |`);
  return `${out.join('\n')}\n`;
}

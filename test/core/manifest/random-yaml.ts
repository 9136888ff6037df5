// Random YAML documents shaped like manifests, with the stylistic variety users write (block and
// flow, compact lists, quotes, comments, odd spacing, CRLF), for differential tests of the parsers.

export type Random = () => number;

/** Seeded, so a failing document can be generated again. */
export { seededRandom } from '../../../core/util/random.js';

const pick = <T>(r: Random, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

const PLAIN = [
  'Id', 'ChannelType', 'EMAIL', 'ep_1', 'user-2', 'Music', 'hello world', 'a, b', 'x[y]', 'a:b',
  'http://x.y/z', 'a#b', '-x', '?x', ':x', 'yes', 'no', 'on', '1', '-1', '+1', '1.0', '3.', '.5', '1e3',
  '0o17', '0x1F', '0x', '.inf', '-.INF', '.nan', '~', 'null', 'Null', 'True', 'FALSE', 'tRue', '00123',
  '-', '--', 'a-b', 'é', '日本', 'emoji 🎉', 'it\'s', 'a "b"', 'x%y', 'x@y', 'x`y', 'x!y', 'x&y', 'x*y', '12:30',
];
const KEYS = ['Id', 'ChannelType', 'Attributes', 'Plan', 'a', 'b c', 'a:b', '1', 'true', 'null', 'x-y', 'é'];
const DOUBLE = ['"x"', '"a b"', '"\\n"', '"\\t\\u00e9"', '"\\x41"', '"\\\\"', '"\\""', '"#"', '"a: b"', '""', '"\\q"', '"\\U0001F389"'];
const SINGLE = ["'x'", "'it''s'", "''", "'a: b'", "'#'", "'\\n'"];

function scalar(r: Random, flow: boolean): string {
  const k = r();
  if (k < 0.6) {
    const p = pick(r, PLAIN);
    return flow && /[,[\]{}]/.test(p) ? 'plain' : p;
  }
  return k < 0.85 ? pick(r, DOUBLE) : pick(r, SINGLE);
}

function key(r: Random): string {
  const k = r();
  if (k < 0.75) return pick(r, KEYS);
  return k < 0.9 ? pick(r, DOUBLE) : pick(r, SINGLE);
}

function flowNode(r: Random, depth: number): string {
  const k = r();
  if (depth > 2 || k < 0.5) return scalar(r, true);
  const n = Math.floor(r() * 4);
  const sp = pick(r, ['', ' ']);
  if (k < 0.75) return `[${sp}${Array.from({ length: n }, () => flowNode(r, depth + 1)).join(`,${pick(r, [' ', '', '  '])}`)}${sp}]`;
  return `{${sp}${Array.from({ length: n }, () => `${key(r)}:${pick(r, [' ', '  '])}${flowNode(r, depth + 1)}`).join(', ')}${sp}}`;
}

function comment(r: Random): string {
  return r() < 0.15 ? `${(r() < 0.03 ? '\t' : pick(r, [' ', '  ']))}# note: x` : pick(r, ['', '', '', ' ', '  ']);
}

function blockLines(r: Random, indent: number, depth: number, out: string[]): void {
  const step = pick(r, [1, 2, 2, 2, 4]);
  const pad = ' '.repeat(indent);
  const asSeq = r() < 0.35;
  const n = 1 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) {
    if (r() < 0.1) out.push(r() < 0.5 ? '' : `${' '.repeat(Math.floor(r() * 6))}# comment`);
    const head = asSeq ? `${pad}-${pick(r, [' ', ' ', '  '])}` : `${pad}${key(r)}${pick(r, [':', ':', ' :'])}`;
    const v = r();
    if (depth < 3 && v < 0.35) {
      out.push(`${asSeq ? `${pad}-` : head}${comment(r)}`);
      const compact = !asSeq && r() < 0.3;
      if (compact) blockSeqAt(r, indent, depth + 1, out);
      else blockLines(r, indent + step, depth + 1, out);
    } else if (asSeq && depth < 3 && v < 0.5) {
      // `- key: value` with the rest of the mapping aligned under the key.
      const inner: string[] = [];
      blockLines(r, 0, depth + 1, inner);
      const col = head.length;
      const first = inner.findIndex((l) => l.trim() !== '' && !l.trim().startsWith('#'));
      if (first < 0 || inner[first]!.startsWith('-') || inner[first]!.startsWith(' ')) {
        out.push(`${head}${scalar(r, false)}${comment(r)}`);
        continue;
      }
      out.push(`${head}${inner[first]}`);
      for (const l of inner.slice(first + 1)) out.push(l.trim() === '' ? l : `${' '.repeat(col)}${l}`);
    } else if (v < 0.65) {
      out.push(`${head} ${flowNode(r, 0)}${comment(r)}`);
    } else {
      out.push(`${head}${asSeq ? '' : ' '}${scalar(r, false)}${comment(r)}`);
    }
  }
}

function blockSeqAt(r: Random, indent: number, depth: number, out: string[]): void {
  const n = 1 + Math.floor(r() * 3);
  for (let i = 0; i < n; i++) out.push(`${' '.repeat(indent)}- ${r() < 0.6 ? scalar(r, false) : flowNode(r, 1)}`);
  if (depth < 0) out.push('');
}

const CORRUPTIONS: ReadonlyArray<(s: string, at: number) => string> = [
  (s, at) => s.slice(0, at) + s.slice(at + 1),
  (s, at) => `${s.slice(0, at)}\t${s.slice(at)}`,
  (s, at) => `${s.slice(0, at)}: ${s.slice(at)}`,
  (s, at) => `${s.slice(0, at)}\n${s.slice(at)}`,
  (s, at) => `${s.slice(0, at)} ${s.slice(at)}`,
  (s, at) => `${s.slice(0, at)}"${s.slice(at)}`,
  (s, at) => `${s.slice(0, at)}- ${s.slice(at)}`,
  (s, at) => `${s.slice(0, at)}#${s.slice(at)}`,
];

export function randomYamlDocument(r: Random, corrupt = false): string {
  const lines: string[] = [];
  if (r() < 0.2) lines.push('# header comment');
  blockLines(r, 0, 0, lines);
  let text = lines.join(r() < 0.15 ? '\r\n' : '\n') + (r() < 0.9 ? '\n' : '');
  if (corrupt && text.length > 0) {
    const times = 1 + Math.floor(r() * 2);
    for (let i = 0; i < times; i++) text = pick(r, CORRUPTIONS)(text, Math.floor(r() * text.length));
  }
  return text;
}

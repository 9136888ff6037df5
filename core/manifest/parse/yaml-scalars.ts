// Scalar resolution of YAML 1.2's core schema, exactly as the yaml package (v2) applies it, so the
// fast path and the library read every plain scalar the same way (`3.0` a number, `yes` a string).

import type { ScalarValue } from './source-node.js';

const NULL_RE = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL_RE = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT_RE = /^0o[0-7]+$/;
const INT_RE = /^[-+]?[0-9]+$/;
const INT_HEX_RE = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN_RE = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP_RE = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT_RE = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/**
 * A plain scalar's value. Only scalars starting with a digit, `+`, `-`, `.`, `~`, `n`, `N`, `t`,
 * `T`, `f` or `F` can be anything but a string, and each pattern is tried only where its first
 * characters fit (a manifest has millions of scalars: most are ids, names and addresses).
 */
export function resolvePlainScalar(text: string): ScalarValue {
  if (text.length === 0) return null;
  const c = text.charCodeAt(0);
  switch (c) {
    case 126: // ~
    case 110: // n
    case 78: // N
      return NULL_RE.test(text) ? null : text;
    case 116: // t
    case 84: // T
    case 102: // f
    case 70: // F
      return BOOL_RE.test(text) ? c === 116 || c === 84 : text;
  }
  if (!((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46)) return text;
  if (c === 48 && text.length > 2) {
    const d = text.charCodeAt(1);
    if (d === 111 && INT_OCT_RE.test(text)) return parseInt(text.substring(2), 8);
    if (d === 120 && INT_HEX_RE.test(text)) return parseInt(text.substring(2), 16);
  }
  if (INT_RE.test(text)) return parseInt(text, 10);
  if (c !== 46 && c !== 43 && c !== 45) return FLOAT_EXP_RE.test(text) || FLOAT_RE.test(text) ? parseFloat(text) : text;
  if (FLOAT_NAN_RE.test(text)) {
    if (text.slice(-3).toLowerCase() === 'nan') return NaN;
    return text[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (FLOAT_EXP_RE.test(text) || FLOAT_RE.test(text)) return parseFloat(text);
  return text;
}

const ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  '\t': '\t',
};

/**
 * The body of a one-line double-quoted scalar (between the quotes), or undefined when it holds
 * an escape the fast path leaves to the yaml library.
 */
export function decodeDoubleQuoted(body: string): string | undefined {
  if (body.indexOf('\\') === -1) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = body[++i];
    if (next === undefined) return undefined;
    const simple = ESCAPES[next];
    if (simple !== undefined) {
      out += simple;
      continue;
    }
    const length = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
    const hex = body.substr(i + 1, length);
    if (length === 0 || hex.length !== length || !/^[0-9a-fA-F]+$/.test(hex)) return undefined;
    const code = parseInt(hex, 16);
    if (code > 0x10ffff) return undefined;
    out += String.fromCodePoint(code);
    i += length;
  }
  return out;
}

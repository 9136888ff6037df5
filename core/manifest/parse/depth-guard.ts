// Input nested deeper than any manifest (a thousand `[`, say) would exhaust the YAML library's
// stack, and where that happens depends on the machine. This finds it first, the same way on every
// machine: the offset where nesting goes past `max`, counting flow brackets outside quotes and
// comments, and block levels by indentation and `- ` indicators.

export function findDeepNesting(text: string, max: number): number | undefined {
  let flow = 0;
  const indents: number[] = [];
  let lineStart = true;
  let indent = 0;
  // The last character other than a space on this line (0 at its start): a quote opens a quoted
  // scalar only where a scalar starts, not inside a plain one (O'Brien, Macy's).
  let prev = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      lineStart = true;
      indent = 0;
      prev = 0;
      continue;
    }
    if (lineStart) {
      if (c === 32) {
        indent++;
        continue;
      }
      lineStart = false;
      if (c !== 35 && flow === 0) {
        // A block level per indentation step, and one per `- ` that opens a list item on this line.
        while (indents.length > 0 && indents[indents.length - 1]! >= indent) indents.pop();
        indents.push(indent);
        if (indents.length > max) return i;
        let p = i;
        while (text.charCodeAt(p) === 45 && text.charCodeAt(p + 1) === 32) {
          indents.push(indent + (p - i) + 1);
          if (indents.length > max) return p;
          p += 2;
        }
      }
    }
    if (c === 35 && (i === 0 || text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 10)) {
      const end = text.indexOf('\n', i);
      i = (end < 0 ? text.length : end) - 1;
    } else if ((c === 34 || c === 39) && (prev === 0 || SCALAR_START.has(prev))) {
      i = skipQuoted(text, i);
    } else if (c === 91 || c === 123) {
      if (++flow > max) return i;
    } else if ((c === 93 || c === 125) && flow > 0) {
      flow--;
    }
    if (c !== 32 && c !== 9) prev = text.charCodeAt(i);
  }
  return undefined;
}

/** What may come just before a scalar (spaces aside): `key: `, `- `, `? `, and flow `[`, `{`, `,`. */
const SCALAR_START = new Set([58, 45, 63, 91, 123, 44]);

/** The offset of the closing quote of the quoted scalar at `at` (or the end of the text). */
function skipQuoted(text: string, at: number): number {
  const quote = text.charCodeAt(at);
  for (let i = at + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote === 34 && c === 92) i++;
    else if (c === quote) {
      if (quote === 39 && text.charCodeAt(i + 1) === 39) i++;
      else return i;
    }
  }
  return text.length;
}

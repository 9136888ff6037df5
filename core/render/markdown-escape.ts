// Everything in a plan comes from files a pull request can change, so every value put into the
// comment is escaped: it must not open HTML, close a code block, or split a table cell.

/**
 * Text for HTML element content (inside <summary>, <code>, table cells); never used in an
 * attribute. `|` too, since GFM tables split on it even inside HTML.
 */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>|]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Prose that must read as written: Markdown's punctuation is escaped, HTML is neutralised. */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_[\]#~|>]/g, (c) => `\\${c}`).replace(/[&<]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A value as HTML inline code; safe in summaries, tables and prose alike. */
export function code(s: string): string {
  return `<code>${escapeHtml(s)}</code>`;
}

/** A fenced block whose fence is longer than any run of backticks in its text. */
export function fenced(info: string, text: string): string {
  const longest = Math.max(2, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${info}\n${text}${text.endsWith('\n') || text === '' ? '' : '\n'}${fence}`;
}

// Text -> a document, in one of two forms: plain values, fast, for checking (parsePlain); or
// SourceNodes with offsets, for reporting (parseWithPositions), read only for files that have
// something to report or whose plain reading declined. See each parser for why it exists.

import { findDeepNesting } from './depth-guard.js';
import { readJson, readJsonPlain } from './json.js';
import type { PlainParse } from './sink.js';
import type { ParsedText } from './source-node.js';
import { readYamlFast, readYamlFastPlain } from './yaml-fast.js';

export type { MapEntry, MapNode, ParsedText, ScalarNode, SeqNode, SourceNode, SyntaxProblem } from './source-node.js';
export type { PlainParse } from './sink.js';
export { describeNode } from './source-node.js';
export { LineIndex } from './line-index.js';

export type SourceFormat = 'json' | 'yaml';

/** Far deeper than a manifest goes (about six levels), far shallower than the parsers' stacks. */
const MAX_NESTING = 100;

/** A mapping or list document as plain values; undefined when the file needs reading with positions. */
export function parsePlain(text: string, format: SourceFormat): PlainParse | undefined {
  return format === 'json' ? readJsonPlain(text) : readYamlFastPlain(text);
}

export async function parseWithPositions(text: string, format: SourceFormat): Promise<ParsedText> {
  if (format === 'json') return readJson(text);
  const fast = readYamlFast(text);
  if (fast !== undefined) return { root: fast ?? undefined, problems: [] };
  const deep = findDeepNesting(text, MAX_NESTING);
  if (deep !== undefined) {
    return { root: undefined, problems: [{ severity: 'error', offset: deep, message: `the document is nested more than ${MAX_NESTING} levels deep` }] };
  }
  // The yaml library takes a while to load; most runs never need it.
  const { readYamlWithLibrary } = await import('./yaml-library.js');
  return readYamlWithLibrary(text);
}

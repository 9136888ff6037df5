// Text -> SourceNodes, choosing the parser by format; see each parser for why it exists.

import { LineCounter } from 'yaml';
import { readJson } from './json.js';
import { readYamlFast } from './yaml-fast.js';
import { readYamlWithLibrary } from './yaml-library.js';
import type { ParsedText } from './source-node.js';

export type { MapEntry, MapNode, ParsedText, ScalarNode, SeqNode, SourceNode, SyntaxProblem } from './source-node.js';
export { describeNode } from './source-node.js';

export type SourceFormat = 'json' | 'yaml';

export function parseText(text: string, format: SourceFormat): ParsedText {
  if (format === 'json') return readJson(text);
  const fast = readYamlFast(text);
  if (fast !== undefined) return { root: fast ?? undefined, problems: [] };
  return readYamlWithLibrary(text);
}

/** The line index of a text, built once per file so every position is a binary search. */
export function indexLines(text: string): LineCounter {
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines.addNewLine(i + 1);
  return lines;
}

// The full YAML path: the yaml package's Document API, reduced to SourceNodes. Used for every file
// the fast path declines, so its errors and warnings are the library's own.

import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, Parser } from 'yaml';
import type { Node as YamlNode, ParsedNode } from 'yaml';
import type { MapEntry, ParsedText, ScalarNode, SourceNode, SyntaxProblem } from './source-node.js';

export function readYamlWithLibrary(text: string): ParsedText {
  // uniqueKeys off: duplicate keys are reported by validation, with both positions.
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false, keepSourceTokens: false });
  const problems: SyntaxProblem[] = [];
  for (const e of doc.errors) {
    // The library reports a quote left open where the text ends; the quote that opened it is what to fix.
    const offset = e.code === 'MISSING_CHAR' && /closing ["']quote/.test(e.message) ? (unclosedQuoteStart(text) ?? e.pos[0]) : e.pos[0];
    problems.push({ severity: 'error', offset, message: describeYamlError(e.code, e.message) });
  }
  for (const w of doc.warnings) problems.push({ severity: 'warning', offset: w.pos[0], message: w.message });
  // A document with errors is not used, so it is not converted either.
  // `---` with nothing after it but comments holds an empty scalar: as empty as a file of comments.
  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && contents.value === null && contents.source === '') || doc.errors.length > 0) return { root: undefined, problems };
  const root = new NodeConverter(problems).convert(contents, 0);
  return { root, problems };
}

// Deeper than any manifest; the library itself reports input nested deeper than the stack allows.
const MAX_DEPTH = 100;

function describeYamlError(code: string, message: string): string {
  if (/Maximum call stack size exceeded/.test(message)) return 'the document is nested too deeply to read';
  if (code === 'MULTIPLE_DOCS') return 'a manifest file holds one YAML document; move each document after `---` to its own file';
  if (code === 'TAB_AS_INDENT') return `${message}; indent with spaces`;
  return message;
}

class NodeConverter {
  // Anchors in document order; an alias refers to the latest definition before it, and the walk
  // below visits nodes in document order, so a map filled as we go resolves every alias in O(1).
  private readonly anchors = new Map<string, SourceNode>();
  private readonly problems: SyntaxProblem[];

  constructor(problems: SyntaxProblem[]) {
    this.problems = problems;
  }

  convert(node: YamlNode | ParsedNode, depth: number): SourceNode {
    const start = node.range?.[0] ?? 0;
    if (depth > MAX_DEPTH) {
      this.problems.push({ severity: 'error', offset: start, message: `the document is nested more than ${MAX_DEPTH} levels deep` });
      return nullAt(start);
    }
    if (isAlias(node)) {
      const target = this.anchors.get(node.source);
      // A copy placed at the alias: a problem in aliased content is reported where it is used
      // (an endpoint declared twice through an alias is named at both places, not at the anchor twice).
      if (target) return this.placedAt(target, start, node.range?.[1] ?? start);
      const message = `unknown alias *${node.source}: no anchor &${node.source} before it`;
      this.problems.push({ severity: 'error', offset: start, message });
      return { kind: 'scalar', value: null, start, end: node.range?.[1] ?? start };
    }
    if (isMap(node)) {
      const entries: MapEntry[] = [];
      const out: SourceNode = { kind: 'map', entries, start };
      this.remember(node.anchor, out);
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = pair.key ? this.convert(pair.key as YamlNode, depth + 1) : nullAt(start);
        const value = pair.value ? this.convert(pair.value as YamlNode, depth + 1) : nullAt(key.kind === 'scalar' ? key.end : key.start);
        entries.push({ key, value });
      }
      return out;
    }
    if (isSeq(node)) {
      const items: SourceNode[] = [];
      const out: SourceNode = { kind: 'seq', items, start };
      this.remember(node.anchor, out);
      for (const item of node.items) items.push(item ? this.convert(item as YamlNode, depth + 1) : nullAt(start));
      return out;
    }
    if (isScalar(node)) {
      const out: ScalarNode = { kind: 'scalar', value: toScalarValue(node.value), start, end: node.range?.[1] ?? start };
      this.remember(node.anchor, out);
      return out;
    }
    return nullAt(start);
  }

  /**
   * The copies stop at a budget of nodes: aliases of aliases can stand for exponentially many
   * (a "billion laughs" file), and past it the anchor's own nodes are shared, positions and all.
   */
  private copiesLeft = 100_000;

  private placedAt(node: SourceNode, start: number, end: number): SourceNode {
    if (this.copiesLeft <= 0) return node;
    this.copiesLeft--;
    if (node.kind === 'scalar') return { ...node, start, end };
    if (node.kind === 'seq') return { kind: 'seq', items: node.items.map((item) => this.placedAt(item, start, end)), start };
    return { kind: 'map', entries: node.entries.map((e) => ({ key: this.placedAt(e.key, start, end), value: this.placedAt(e.value, start, end) })), start };
  }

  private remember(anchor: string | undefined, node: SourceNode): void {
    if (anchor) this.anchors.set(anchor, node);
  }
}

function nullAt(offset: number): ScalarNode {
  return { kind: 'scalar', value: null, start: offset, end: offset };
}

function toScalarValue(value: unknown): ScalarNode['value'] {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return Number(value);
  // YAML 1.1's merge key `<<` is a symbol: named as written, so the hint about merge keys applies.
  if (typeof value === 'symbol') return value.description ?? String(value);
  return String(value);
}

/** Where the quoted scalar that never closes starts, from the library's own tokens. */
function unclosedQuoteStart(text: string): number | undefined {
  let found: number | undefined;
  const visit = (value: unknown): void => {
    if (found !== undefined || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const v of value) visit(v);
      return;
    }
    const token = value as { type?: unknown; source?: unknown; offset?: unknown };
    if ((token.type === 'double-quoted-scalar' || token.type === 'single-quoted-scalar') && typeof token.source === 'string' && typeof token.offset === 'number') {
      if (!isClosed(token.source)) found = token.offset;
      return;
    }
    for (const v of Object.values(value)) visit(v);
  };
  for (const token of new Parser().parse(text)) visit(token);
  return found;
}

function isClosed(source: string): boolean {
  const quote = source[0] as string;
  if (source.length < 2 || !source.endsWith(quote)) return false;
  let run = 0;
  // The closing quote is not escaped: by an odd run of backslashes ("), or as '' (').
  for (let i = source.length - 2; i > 0 && source[i] === (quote === '"' ? '\\' : "'"); i--) run++;
  return run % 2 === 0;
}

// YAML manifests in canonical form, through the yaml library's Document API so that comments
// and blank lines survive: keys in schema order, block mappings, lists of scalars in flow style,
// strings plain unless they need quotes (then double quotes), two-space indentation.

import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, Scalar, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { DocPath } from '../manifest/path.js';
import { ENDPOINT_LISTS, keyRanks, sortEndpoints, sortKeys } from './order.js';
import type { FormatOptions, FormatOutcome } from './types.js';

export function formatYaml(text: string, options: FormatOptions = {}): FormatOutcome {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, keepSourceTokens: false });
  const error = doc.errors[0];
  if (error) return { ok: false, offset: error.pos[0], message: `invalid YAML: ${error.message}` };
  if (doc.contents === null) return { ok: true, text };
  const firstKey = firstPairKey(doc.contents);
  new Canonicaliser(options).visit(doc.contents as Node, []);
  // Comment lines above the file's first key are the file's header (a `$schema` modeline, say)
  // more often than that key's: when reordering moves the key down, they stay at the top.
  if (isScalar(firstKey) && firstKey.commentBefore && firstPairKey(doc.contents) !== firstKey) {
    doc.commentBefore = doc.commentBefore ? `${doc.commentBefore}\n${firstKey.commentBefore}` : firstKey.commentBefore;
    firstKey.commentBefore = undefined;
  }
  try {
    return { ok: true, text: render(doc) };
  } catch {
    // The library refuses to write an alias before its anchor, which reordering can cause.
    return { ok: false, message: MEANING_CHANGED };
  }
}

export const MEANING_CHANGED =
  'formatting would change what this file means (it uses YAML features such as anchors that fmt cannot reorder); left as it is';

function render(doc: Document): string {
  return doc.toString({
    indent: 2,
    indentSeq: true,
    lineWidth: 0,
    flowCollectionPadding: false,
    defaultStringType: 'PLAIN',
    defaultKeyType: 'PLAIN',
    doubleQuotedAsJSON: false,
  });
}

class Canonicaliser {
  constructor(private readonly options: FormatOptions) {}

  visit(node: Node, path: DocPath): void {
    if (isAlias(node)) return;
    if (isScalar(node)) {
      normaliseScalar(node);
      return;
    }
    if (isMap(node)) {
      this.visitMap(node as YAMLMap<unknown, unknown>, path);
      return;
    }
    if (isSeq(node)) this.visitSeq(node as YAMLSeq<unknown>, path);
  }

  private visitMap(map: YAMLMap<unknown, unknown>, path: DocPath): void {
    map.flow = false;
    const ranks = keyRanks(path);
    if (ranks) map.items = sortKeys(map.items, (pair) => scalarValue(pair.key), ranks);
    for (const pair of map.items) {
      if (isScalar(pair.key)) normaliseScalar(pair.key);
      const name = scalarValue(pair.key);
      if (pair.value && typeof name === 'string') this.visit(pair.value as Node, [...path, name]);
      else if (pair.value) this.visit(pair.value as Node, [...path, '*']);
    }
  }

  private visitSeq(seq: YAMLSeq<unknown>, path: DocPath): void {
    const isEndpointList = path.length === 1 && ENDPOINT_LISTS.includes(String(path[0]));
    if (isEndpointList && this.options.sort) {
      // The comment lines above the first item belong to it (the reader hangs them on the list):
      // they move with it. A blank line cannot open the sorted list.
      const first = seq.items[0];
      if (seq.commentBefore && (isMap(first) || isScalar(first))) {
        first.commentBefore = first.commentBefore ? `${seq.commentBefore}\n${first.commentBefore}` : seq.commentBefore;
        seq.commentBefore = undefined;
      }
      seq.items = sortEndpoints(seq.items, (item) => (isMap(item) ? scalarValue((item as YAMLMap).get('Id', true)) : undefined));
    }
    seq.items.forEach((item, i) => {
      if (item) this.visit(item as Node, [...path, i]);
      if (isMap(item)) liftFirstComment(item as YAMLMap<unknown, unknown>);
    });
    const first = seq.items[0];
    if (isEndpointList && this.options.sort && (isMap(first) || isScalar(first))) first.spaceBefore = false;
    // Lists of plain values read best on one line; anything with structure or comments stays in block style.
    seq.flow = !isEndpointList && seq.items.every((item) => isScalar(item) && !item.comment && !item.commentBefore && !item.spaceBefore) && !seq.comment;
  }
}

/** Strings are written plain where YAML reads them back as the same string, else double-quoted. */
function normaliseScalar(node: Scalar): void {
  if (typeof node.value !== 'string') return;
  if (node.type === Scalar.BLOCK_FOLDED || node.type === Scalar.BLOCK_LITERAL) return;
  node.type = Scalar.PLAIN;
}

/**
 * A list item whose first key carries comment lines: those lines go above the `- `, where the
 * reader puts them back, so formatting twice gives the same text.
 */
function liftFirstComment(map: YAMLMap<unknown, unknown>): void {
  const first = map.items[0] as Pair<unknown, unknown> | undefined;
  if (!first || !isPair(first) || !isScalar(first.key)) return;
  const key = first.key;
  if (key.commentBefore) {
    map.commentBefore = map.commentBefore ? `${map.commentBefore}\n${key.commentBefore}` : key.commentBefore;
    key.commentBefore = undefined;
  }
  if (key.spaceBefore) {
    map.spaceBefore = true;
    key.spaceBefore = false;
  }
}

function firstPairKey(node: unknown): unknown {
  return isMap(node) ? (node.items[0] as Pair<unknown, unknown> | undefined)?.key : undefined;
}

function scalarValue(node: unknown): unknown {
  return isScalar(node) ? node.value : undefined;
}

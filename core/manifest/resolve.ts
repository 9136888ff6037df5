// Findings -> diagnostics with line and column. Files checked as plain values are read again,
// with positions, only here and only as far as needed: a finding inside an endpoint reads that
// endpoint's lines alone (the plain reading kept where each list item starts), anything else
// reads the whole file. A large valid manifest never pays for positions, and an invalid one pays
// for the endpoints that have findings.

import type { Diagnostic } from '../diagnostics/types.js';
import { CODES } from './codes.js';
import type { Finding, Place } from './finding.js';
import { formatPosition, positionAt, type ManifestFile } from './manifest-file.js';
import { parseWithPositions, type MapEntry, type SourceNode } from './parse/index.js';
import { readJsonValueAt } from './parse/json.js';
import { readYamlFastFragment } from './parse/yaml-fast.js';
import { pathText, type DocPath } from './path.js';

export async function resolveFindings(findings: readonly Finding[]): Promise<Diagnostic[]> {
  const items = new ItemNodes();
  for (const f of findings) {
    for (const place of f.related ? [f, f.related] : [f]) {
      if (place.offset === undefined && !items.locatable(place)) await readPositions(place.file);
    }
  }
  return findings.map((f) => toDiagnostic(f, items));
}

/** Gives a file its SourceNodes, once; a file read as plain values parses again the same way. */
export async function readPositions(file: ManifestFile): Promise<void> {
  if (file.nodes || file.root === undefined) return;
  const parsed = await parseWithPositions(file.text, file.format);
  if (parsed.root) file.nodes = parsed.root;
}

function toDiagnostic(f: Finding, items: ItemNodes): Diagnostic {
  const target = locate(f, items);
  const message =
    typeof f.message === 'string'
      ? f.message
      : f.message({
          source: sourceOf(f.file, target.node),
          related: f.related ? formatPosition(positionAt(f.related.file, locate(f.related, items).start)) : '',
          format: f.file.format,
        });
  const d: Diagnostic = {
    ...positionAt(f.file, target.start),
    severity: f.severity ?? 'error',
    code: CODES[f.code],
    message,
  };
  const path = pathText(f.path);
  return path === '' ? d : { ...d, path };
}

/** The node a place names: the value at its path (or the key naming it), else the deepest node found. */
function locate(place: Place, items: ItemNodes): { start: number; node?: SourceNode } {
  if (place.offset !== undefined) return { start: place.offset };
  let node = place.file.nodes;
  let path: DocPath = place.path;
  if (!node) {
    node = items.get(place);
    path = path.slice(2);
  }
  if (!node) return { start: 0 };
  let key: SourceNode | undefined;
  for (const segment of path) {
    key = undefined;
    let next: SourceNode | undefined;
    if (node.kind === 'map' && typeof segment === 'string') {
      const entry: MapEntry | undefined = node.entries.find((e) => e.key.kind === 'scalar' && e.key.value === segment);
      next = entry?.value;
      key = entry?.key;
    } else if (node.kind === 'seq' && typeof segment === 'number') {
      next = node.items[segment];
    }
    if (!next) return { start: node.start, node };
    node = next;
  }
  const target = place.at === 'key' && key ? key : node;
  return { start: target.start, node: target };
}

function sourceOf(file: ManifestFile, node: SourceNode | undefined): string {
  return node?.kind === 'scalar' ? file.text.slice(node.start, node.end) : '';
}

/** List items of plain-read files, each read alone from its own stretch of text, once. */
class ItemNodes {
  private readonly read = new Map<ManifestFile, Map<string, SourceNode | null>>();

  /** Whether `place` is inside a list item that can be read alone. */
  locatable(place: Place): boolean {
    return place.file.nodes !== undefined || this.get(place) !== undefined;
  }

  get(place: Place): SourceNode | undefined {
    const [listKey, index] = place.path;
    if (typeof listKey !== 'string' || typeof index !== 'number') return undefined;
    let byItem = this.read.get(place.file);
    if (!byItem) this.read.set(place.file, (byItem = new Map()));
    const id = `${listKey}\u0000${index}`;
    let node = byItem.get(id);
    if (node === undefined) byItem.set(id, (node = readItem(place.file, listKey, index) ?? null));
    return node ?? undefined;
  }
}

function readItem(file: ManifestFile, listKey: string, index: number): SourceNode | undefined {
  const list = (file.root as Record<string, unknown> | undefined)?.[listKey];
  const starts = Array.isArray(list) ? file.itemStarts?.get(list) : undefined;
  const start = starts?.[index];
  if (start === undefined) return undefined;
  if (file.format === 'json') return readJsonValueAt(file.text, start);
  // A block list item: its lines run from its `- ` to the next item, or to the first line that is
  // indented no deeper than its `-`. Anything else (a flow list) is read with the whole file.
  const text = file.text;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const prefix = /^( *)- +$/.exec(text.slice(lineStart, start));
  if (!prefix) return undefined;
  const next = starts![index + 1];
  const end = next !== undefined ? text.lastIndexOf('\n', next - 1) + 1 : endOfBlock(text, start, prefix[1]!.length);
  const root = readYamlFastFragment(text.slice(lineStart, end), lineStart);
  if (!root || root.kind !== 'seq' || root.items.length !== 1 || root.items[0]!.start !== start) return undefined;
  return root.items[0];
}

/** The start of the first line after `from`'s that holds content indented at most `indent`. */
function endOfBlock(text: string, from: number, indent: number): number {
  let p = text.indexOf('\n', from);
  while (p >= 0) {
    const lineStart = p + 1;
    let q = lineStart;
    while (text.charCodeAt(q) === 32) q++;
    const c = text.charCodeAt(q);
    if (q < text.length && c !== 10 && c !== 13 && c !== 35 && q - lineStart <= indent) return lineStart;
    p = text.indexOf('\n', lineStart);
  }
  return text.length;
}

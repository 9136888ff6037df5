// Findings -> diagnostics with line and column. Files checked as plain values are read again,
// with positions, only here and only when something in them is reported: a large valid manifest
// never pays for positions, and an invalid one pays once per file that has findings.

import type { Diagnostic } from '../diagnostics/types.js';
import { CODES } from './codes.js';
import type { Finding, Place } from './finding.js';
import { formatPosition, positionAt, type ManifestFile } from './manifest-file.js';
import { parseWithPositions, type MapEntry, type SourceNode } from './parse/index.js';
import { pathText } from './path.js';

export async function resolveFindings(findings: readonly Finding[]): Promise<Diagnostic[]> {
  const files = new Set<ManifestFile>();
  for (const f of findings) {
    files.add(f.file);
    if (f.related) files.add(f.related.file);
  }
  for (const file of files) await readPositions(file);
  return findings.map(toDiagnostic);
}

/** Gives a file its SourceNodes, once; a file read as plain values parses again the same way. */
export async function readPositions(file: ManifestFile): Promise<void> {
  if (file.nodes || file.root === undefined) return;
  const parsed = await parseWithPositions(file.text, file.format);
  if (parsed.root) file.nodes = parsed.root;
}

function toDiagnostic(f: Finding): Diagnostic {
  const target = locate(f);
  const message =
    typeof f.message === 'string'
      ? f.message
      : f.message({ source: sourceOf(f.file, target), related: f.related ? formatPosition(positionAt(f.related.file, locate(f.related).start)) : '' });
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
function locate(place: Place): { start: number; node?: SourceNode } {
  if (place.offset !== undefined) return { start: place.offset };
  let node = place.file.nodes;
  if (!node) return { start: 0 };
  let key: SourceNode | undefined;
  for (const segment of place.path) {
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

function sourceOf(file: ManifestFile, target: { start: number; node?: SourceNode }): string {
  const node = target.node;
  return node?.kind === 'scalar' ? file.text.slice(node.start, node.end) : '';
}

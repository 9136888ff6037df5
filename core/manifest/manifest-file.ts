// One manifest file being loaded. Its document is checked as plain values; positions are read
// (a second parse that keeps offsets) only when something in the file must be reported.

import type { SourcePosition } from '../diagnostics/types.js';
import { LineIndex, type SourceFormat, type SourceNode } from './parse/index.js';

export interface ManifestFile {
  /** As shown to the user. */
  readonly name: string;
  readonly text: string;
  readonly format: SourceFormat;
  /** The document as plain values; undefined when empty or unreadable. */
  root?: unknown;
  /** The document with offsets, when it has been read that way. */
  nodes?: SourceNode;
  /** From the plain reading: where the mappings inside each list start, and the root's values. */
  itemStarts?: ReadonlyMap<unknown[], readonly number[]>;
  rootValueStarts?: ReadonlyMap<string, number>;
  lines?: LineIndex;
}

export function positionAt(file: ManifestFile, offset: number): SourcePosition {
  file.lines ??= new LineIndex(file.text);
  return { file: file.name, ...file.lines.position(offset) };
}

export function formatPosition(p: SourcePosition): string {
  return `${p.file}:${p.line}:${p.column}`;
}

/**
 * Positions of many offsets at once: offsets that rise within a file (list items, in order) are
 * found by counting lines forward from the previous one, without indexing every line of the file.
 */
export function positionsAt(places: readonly { readonly file: ManifestFile; readonly offset: number }[]): SourcePosition[] {
  let file: ManifestFile | undefined;
  let line = 1;
  let lineStart = 0;
  return places.map(({ file: f, offset }) => {
    if (f !== file || offset < lineStart) {
      if (f.lines) return positionAt(f, offset);
      file = f;
      line = 1;
      lineStart = 0;
    }
    const text = f.text;
    for (let nl = text.indexOf('\n', lineStart); nl >= 0 && nl < offset; nl = text.indexOf('\n', lineStart)) {
      line++;
      lineStart = nl + 1;
    }
    return { file: f.name, line, column: offset - lineStart + 1 };
  });
}

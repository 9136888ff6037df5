import type { LineCounter } from 'yaml';
import type { Diagnostic, Severity, SourcePosition } from '../diagnostics/types.js';
import { CODES, type CodeName } from './codes.js';

/** One manifest file being loaded: its name as shown to the user, its text and its line index. */
export interface SourceFile {
  readonly name: string;
  readonly text: string;
  readonly lines: LineCounter;
}

export function positionOf(file: SourceFile, offset: number): SourcePosition {
  const { line, col } = file.lines.linePos(offset);
  return { file: file.name, line: Math.max(line, 1), column: Math.max(col, 1) };
}

export function formatPosition(p: SourcePosition): string {
  return `${p.file}:${p.line}:${p.column}`;
}

export interface DiagnosticInput {
  readonly code: CodeName;
  readonly message: string;
  readonly path?: string;
  readonly severity?: Severity;
}

export function diagnosticAt(file: SourceFile, offset: number, input: DiagnosticInput): Diagnostic {
  const d: Diagnostic = {
    ...positionOf(file, offset),
    severity: input.severity ?? 'error',
    code: CODES[input.code],
    message: input.message,
  };
  return input.path ? { ...d, path: input.path } : d;
}

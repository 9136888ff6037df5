// One file's text -> its diagnostics and decoded content. A file that does not parse contributes
// nothing (no endpoints, no applicationId), but the other files are still checked.

import type { Diagnostic } from '../diagnostics/types.js';
import { decodeFile, type DecodedFile } from './decode-file.js';
import { indexLines, parseText, type SourceFormat } from './parse/index.js';
import { diagnosticAt, type SourceFile } from './source-file.js';

export function checkFile(name: string, text: string, format: SourceFormat, out: Diagnostic[]): DecodedFile | undefined {
  const file: SourceFile = { name, text, lines: indexLines(text) };
  const parsed = parseText(text, format);
  let broken = false;
  for (const p of parsed.problems) {
    const isError = p.severity === 'error';
    broken ||= isError;
    out.push(
      diagnosticAt(file, p.offset, {
        code: !isError ? 'YAML_WARNING' : format === 'json' ? 'JSON_SYNTAX' : 'YAML_SYNTAX',
        severity: p.severity,
        message: isError
          ? `invalid ${format === 'json' ? 'JSON' : 'YAML'}: ${p.message} (nothing in this file is used until it parses)`
          : p.message,
      }),
    );
  }
  if (broken) return undefined;
  if (!parsed.root) {
    out.push(
      diagnosticAt(file, 0, {
        code: 'EMPTY_FILE',
        severity: 'warning',
        message: 'the file is empty (only blanks and comments): it declares no endpoints',
      }),
    );
    return { file, endpoints: [], settings: {} };
  }
  return decodeFile(file, parsed.root, out);
}

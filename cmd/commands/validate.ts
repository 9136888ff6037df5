import { formatDiagnostic, type Diagnostic } from '../../core/diagnostics/types.js';
import { loadManifest } from '../../core/manifest/index.js';
import { ExitCode, UserError } from '../errors.js';
import type { Io } from '../io.js';

export interface ValidateArgs {
  paths: string[];
  format: 'text' | 'json';
  /** Warnings fail the run too. */
  strict?: boolean;
}

/**
 * `pinsync validate`: load and check the manifest, with no network. Text: diagnostics to stderr
 * like a compiler, the verdict to stdout. JSON: everything as one document on stdout. Exit 1 on
 * any error (and, with --strict, on any warning).
 */
export async function runValidate(args: ValidateArgs, io: Io): Promise<void> {
  if (args.paths.length === 0) {
    throw new UserError('no manifest given: name the files or folders to read, e.g. `pinsync validate endpoints/`');
  }
  const result = await loadManifest(args.paths, { cwd: io.cwd });
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = result.diagnostics.length - errors;
  const failed = errors > 0 || (args.strict === true && warnings > 0);
  const endpoints = result.ok ? result.manifest.endpoints.length : undefined;
  const files = result.ok ? result.manifest.files.length : undefined;

  if (args.format === 'json') {
    io.out(`${JSON.stringify(validateReport(result.diagnostics, !failed, errors, warnings, endpoints, files), null, 2)}\n`);
  } else {
    for (const d of result.diagnostics) io.err(`${formatDiagnostic(d)}\n`);
    if (errors > 0) {
      io.err(`\n${count(errors, 'error')}${warnings > 0 ? ` and ${count(warnings, 'warning')}` : ''} in the manifest.\n`);
    } else if (failed) {
      io.err(`\n${count(warnings, 'warning')} in the manifest, and --strict makes warnings fail.\n`);
    } else {
      const w = warnings > 0 ? `, with ${count(warnings, 'warning')}` : '';
      io.out(`Valid: ${count(endpoints ?? 0, 'endpoint')} in ${count(files ?? 0, 'file')}${w}.\n`);
    }
  }
  if (failed) throw new ExitCode(1);
}

/** The JSON form of a validation: stable field names, diagnostics sorted as printed. */
export function validateReport(
  diagnostics: readonly Diagnostic[],
  valid: boolean,
  errors: number,
  warnings: number,
  endpoints: number | undefined,
  files: number | undefined,
): Record<string, unknown> {
  return {
    formatVersion: 1,
    valid,
    errors,
    warnings,
    ...(endpoints !== undefined && { endpoints }),
    ...(files !== undefined && { files }),
    diagnostics: diagnostics.map((d) => ({
      file: d.file,
      line: d.line,
      column: d.column,
      severity: d.severity,
      code: d.code,
      message: d.message,
      ...(d.path !== undefined && { path: d.path }),
    })),
  };
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

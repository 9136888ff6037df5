import { stat } from 'node:fs/promises';
import { formatDiagnostic, sortDiagnostics, type Diagnostic } from '../../core/diagnostics/types.js';
import { formatManifest } from '../../core/fmt/index.js';
import { CODES } from '../../core/manifest/index.js';
import { findManifestFiles } from '../../core/manifest/find-files.js';
import { LineIndex } from '../../core/manifest/parse/index.js';
import { readManifestText } from '../../core/manifest/read-text.js';
import { writeFileAtomic } from '../../core/state/index.js';
import { ExitCode, UserError } from '../errors.js';
import type { Io } from '../io.js';

export interface FmtArgs {
  paths: string[];
  /** Change nothing; list the files that would change and exit 1 when there are any (for CI). */
  check?: boolean;
  /** Order endpoints by Id. */
  sort?: boolean;
}

/**
 * `pinsync fmt`: rewrites manifests in canonical form, keeping comments. Changed files are listed
 * on stdout; a file that cannot be formatted (it does not parse) is reported on stderr, left as
 * it is, and makes the run exit 1.
 */
export async function runFmt(args: FmtArgs, io: Io): Promise<void> {
  if (args.paths.length === 0) {
    throw new UserError('no manifest given: name the files or folders to format, e.g. `pinsync fmt endpoints/`');
  }
  const found = await findManifestFiles(args.paths, io.cwd);
  const problems: Diagnostic[] = found.diagnostics.filter((d) => d.severity === 'error');
  const changed: string[] = [];
  for (const file of found.files) {
    const text = await readManifestText(file.absolute);
    if (typeof text !== 'string') {
      const at = text.line === undefined ? undefined : { line: text.line, column: text.column ?? 1 };
      problems.push(problem(file.name, at, CODES.READ_FAILED, `cannot read ${file.name}: ${text.error}`));
      continue;
    }
    const outcome = formatManifest(text, file.format, { sort: args.sort === true });
    if (!outcome.ok) {
      const code = file.format === 'json' ? CODES.JSON_SYNTAX : CODES.YAML_SYNTAX;
      problems.push(problem(file.name, outcome.offset === undefined ? undefined : new LineIndex(text).position(outcome.offset), code, `cannot format: ${outcome.message}`));
      continue;
    }
    if (outcome.text === text) continue;
    changed.push(file.name);
    if (!args.check) await writeFileAtomic(file.absolute, outcome.text, (await stat(file.absolute)).mode & 0o777);
  }
  for (const d of sortDiagnostics(problems)) io.err(`${formatDiagnostic(d)}\n`);
  for (const name of changed) io.out(`${name}\n`);
  if (args.check && changed.length > 0) {
    io.err(`\n${changed.length} ${changed.length === 1 ? 'file is' : 'files are'} not formatted; run \`pinsync fmt\` on ${changed.length === 1 ? 'it' : 'them'}.\n`);
  }
  if (problems.length > 0 || (args.check && changed.length > 0)) throw new ExitCode(1);
}

function problem(file: string, at: { line: number; column: number } | undefined, code: string, message: string): Diagnostic {
  return { file, line: at?.line ?? 1, column: at?.column ?? 1, severity: 'error', code, message };
}

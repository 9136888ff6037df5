// Paths as the user gave them -> the manifest files to read. Folders are searched recursively for
// *.yaml, *.yml and *.json, in path order, so the same tree always loads in the same order.

import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/types.js';
import { startsLikePlan } from '../plan/plan-file.js';
import { CODES } from './codes.js';
import type { SourceFormat } from './parse/index.js';

export interface ManifestFileRef {
  /** As shown to the user: the path as given (relative to cwd when given relative), normalised. */
  readonly name: string;
  readonly absolute: string;
  readonly format: SourceFormat;
  /** Found in a folder rather than named: a file of pinsync's own there is skipped, not read. */
  readonly inFolder?: true;
}

const EXTENSIONS = new Map<string, SourceFormat>([
  ['.yaml', 'yaml'],
  ['.yml', 'yaml'],
  ['.json', 'json'],
]);

export async function findManifestFiles(
  paths: readonly string[],
  cwd: string,
): Promise<{ files: ManifestFileRef[]; diagnostics: Diagnostic[] }> {
  const files: ManifestFileRef[] = [];
  const diagnostics: Diagnostic[] = [];
  const emptyFolders: string[] = [];
  const seen = new Set<string>();
  const add = (ref: ManifestFileRef): void => {
    if (seen.has(ref.absolute)) return; // named twice, or a file inside a folder also given
    seen.add(ref.absolute);
    files.push(ref);
  };
  for (const given of paths) {
    const name = path.normalize(given);
    const absolute = path.resolve(cwd, given);
    let stat;
    try {
      stat = await fs.stat(absolute);
    } catch (e) {
      diagnostics.push(
        isMissing(e)
          ? fileDiagnostic(name, 'PATH_NOT_FOUND', `${name} does not exist: check the path (relative paths are read from ${cwd})`)
          : fileDiagnostic(name, 'READ_FAILED', `cannot read ${name}: ${errorText(e)}`),
      );
      continue;
    }
    if (!stat.isDirectory()) {
      add({ name, absolute, format: formatOf(absolute) });
      continue;
    }
    const { relatives, unreadable } = await listManifestFiles(absolute);
    for (const [rel, e] of unreadable) {
      const folder = rel === '' ? name : path.join(name, rel);
      diagnostics.push(fileDiagnostic(folder, 'READ_FAILED', `cannot read the folder ${folder}: ${errorText(e)}`));
    }
    if (relatives.length === 0 && unreadable.length === 0) emptyFolders.push(name);
    for (const rel of relatives) add({ name: path.join(name, rel), absolute: path.join(absolute, rel), format: formatOf(rel), inFolder: true });
  }
  if (paths.length === 0) {
    diagnostics.push(fileDiagnostic('.', 'NO_MANIFEST_FILES', 'no manifest paths given: name the files or folders to read'));
  }
  for (const folder of emptyFolders) {
    // Only an error when nothing at all is left to read; otherwise a hint that a path may be wrong.
    diagnostics.push({
      ...fileDiagnostic(folder, 'NO_MANIFEST_FILES', `no *.yaml, *.yml or *.json files in ${folder}`),
      severity: files.length === 0 ? 'error' : 'warning',
    });
  }
  return { files, diagnostics };
}

/**
 * Relative paths (with `/`), sorted, of manifest files below `root`, skipping dot-entries and
 * node_modules; and the sub-folders that could not be listed.
 */
async function listManifestFiles(root: string): Promise<{ relatives: string[]; unreadable: Array<[string, unknown]> }> {
  const out: string[] = [];
  const unreadable: Array<[string, unknown]> = [];
  const visited = new Set<string>([await fs.realpath(root)]);
  const visit = async (dir: string, rel: string): Promise<void> => {
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (e) {
      unreadable.push([rel, e]);
      return;
    }
    for (const entry of entries) {
      // Dot-entries hold tool configuration (.github, .prettierrc.json), never manifests.
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = path.join(dir, entry.name);
      const relPath = rel === '' ? entry.name : `${rel}/${entry.name}`;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const target = await fs.stat(full).catch(() => undefined);
        isDir = target?.isDirectory() ?? false;
        // A link to a manifest that points nowhere is read, and fails, rather than skipped: its
        // endpoints would silently leave the manifest (and a prune would delete them).
        isFile = target?.isFile() ?? target === undefined;
      }
      if (isDir) {
        // A symlinked folder is followed once, so a link cycle cannot loop.
        const real = await fs.realpath(full).catch(() => full);
        if (visited.has(real)) continue;
        visited.add(real);
        await visit(full, relPath);
      } else if (isFile && EXTENSIONS.has(path.extname(entry.name).toLowerCase()) && !isToolFile(entry.name)) {
        out.push(relPath);
      }
    }
  };
  await visit(root, '');
  return { relatives: out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), unreadable };
}

/**
 * pinsync's own files live beside the manifests (the state file, its lock, saved plans): a folder
 * scan skips them. Named on the command line, a file is read whatever its name.
 */
export function isToolFile(name: string): boolean {
  const lower = name.toLowerCase();
  return lower === 'pinsync.state.json' || lower.endsWith('.state.json') || lower.endsWith('.lock') || lower.endsWith('.plan.json');
}

/**
 * What a JSON file of pinsync's own (under a name isToolFile does not know: `--state prod.json`,
 * `plan --out plan.json`) is, told by how pinsync writes it; undefined for anything else.
 */
export function toolFileKind(text: string): 'state' | 'plan' | undefined {
  const head = text.slice(0, 200);
  if (/^\s*\{\s*"format"\s*:\s*"pinsync-state\//.test(head)) return 'state';
  if (startsLikePlan(text) && text.includes('"checksum"')) return 'plan';
  return undefined;
}

function formatOf(file: string): SourceFormat {
  return EXTENSIONS.get(path.extname(file).toLowerCase()) ?? 'yaml';
}

function fileDiagnostic(file: string, code: 'PATH_NOT_FOUND' | 'READ_FAILED' | 'NO_MANIFEST_FILES', message: string): Diagnostic {
  return { file, line: 1, column: 1, severity: 'error', code: CODES[code], message };
}

function isMissing(e: unknown): boolean {
  const code = (e as { code?: string }).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

const ERROR_TEXT: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'it is a folder',
  EMFILE: 'too many open files',
  ENOENT: 'it does not exist (a symbolic link to nothing?)',
};

/** A short reason for a file-system error, without the absolute path Node puts in its message. */
export function errorText(e: unknown): string {
  const code = (e as { code?: string }).code;
  if (code) return ERROR_TEXT[code] ? `${ERROR_TEXT[code]} (${code})` : code;
  return e instanceof Error ? e.message : String(e);
}

import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Diagnostic } from '../../../core/diagnostics/types.js';
import { loadManifest } from '../../../core/manifest/index.js';
import type { LoadResult, Manifest } from '../../../core/manifest/types.js';

const made: string[] = [];

/** A real temporary folder holding `files` (relative path -> text); removed after the run. */
export async function makeTree(files: Readonly<Record<string, string>>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pinsync-manifest-'));
  made.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    const full = path.join(dir, rel);
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, text);
  }
  return dir;
}

export async function removeTrees(): Promise<void> {
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}

/** Loads `paths` from a fresh tree of `files`, with that tree as cwd. */
export async function loadTree(files: Readonly<Record<string, string>>, paths: readonly string[]): Promise<LoadResult> {
  const cwd = await makeTree(files);
  return loadManifest(paths, { cwd });
}

/** `file:line:col severity code path` per diagnostic, the shape most assertions compare. */
export function brief(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code}${d.path ? ` ${d.path}` : ''}`);
}

export function manifestOf(result: LoadResult): Manifest {
  if (!result.ok) throw new Error(`expected the manifest to load, got:\n${brief(result.diagnostics).join('\n')}\n${result.diagnostics.map((d) => d.message).join('\n')}`);
  return result.manifest;
}

export function diagnosticsOf(result: LoadResult): readonly Diagnostic[] {
  if (result.ok) throw new Error('expected the manifest to fail to load');
  return result.diagnostics;
}

/** Lines joined with \n and a final newline, so fixtures read like the files they are. */
export function lines(...ls: string[]): string {
  return `${ls.join('\n')}\n`;
}

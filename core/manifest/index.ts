// The manifest loader: files and folders -> one Manifest, or every problem found, with positions.

import { promises as fs } from 'node:fs';
import { hasErrors, sortDiagnostics, type Diagnostic } from '../diagnostics/types.js';
import { checkFile } from './check-file.js';
import { CODES } from './codes.js';
import type { DecodedFile } from './decode-file.js';
import { errorText, findManifestFiles, type ManifestFileRef } from './find-files.js';
import { MANIFEST_RULES } from './rules/index.js';
import { mergeSettings } from './rules/check-settings.js';
import { positionOf } from './source-file.js';
import type { LoadResult, Manifest, ManifestEndpoint, ManifestSettings } from './types.js';

export type { LoadResult, Manifest, ManifestEndpoint } from './types.js';
export { CODES, CODE_DESCRIPTIONS, type Code, type CodeName } from './codes.js';

export interface LoadOptions {
  /** Where relative paths are read from; default process.cwd(). */
  readonly cwd?: string;
}

// Enough to overlap reads without opening thousands of files at once.
const READ_CONCURRENCY = 16;

export async function loadManifest(paths: readonly string[], options: LoadOptions = {}): Promise<LoadResult> {
  const cwd = options.cwd ?? process.cwd();
  const found = await findManifestFiles(paths, cwd);
  const diagnostics: Diagnostic[] = found.diagnostics;
  const texts = await readAll(found.files);

  const decoded: DecodedFile[] = [];
  found.files.forEach((ref, i) => {
    const text = texts[i]!;
    if (typeof text !== 'string') {
      const message = `cannot read ${ref.name}: ${text.error}`;
      diagnostics.push({ file: ref.name, line: 1, column: 1, severity: 'error', code: CODES.READ_FAILED, message });
      return;
    }
    const file = checkFile(ref.name, text, ref.format, diagnostics);
    if (file) decoded.push(file);
  });

  const endpoints = decoded.flatMap((f) => f.endpoints);
  for (const rule of MANIFEST_RULES) {
    for (const d of rule({ files: decoded, endpoints })) diagnostics.push(d);
  }
  const sorted = sortDiagnostics(diagnostics);
  if (hasErrors(sorted)) return { ok: false, diagnostics: sorted };

  const appFile = decoded.find((f) => f.applicationId);
  const manifest: Manifest = {
    files: found.files.map((f) => f.name),
    endpoints: endpoints.map(
      (ep): ManifestEndpoint => ({
        endpoint: ep.endpoint,
        source: positionOf(ep.file, ep.node.start),
        ...(ep.protect !== undefined && { protect: ep.protect }),
        ...(ep.allowResubscribe !== undefined && { allowResubscribe: ep.allowResubscribe }),
      }),
    ),
    settings: settingsOf(decoded),
    ...(appFile?.applicationId && {
      applicationId: {
        value: appFile.applicationId.value,
        source: positionOf(appFile.file, appFile.applicationId.node.start),
      },
    }),
  };
  return { ok: true, manifest, diagnostics: sorted };
}

function settingsOf(files: readonly DecodedFile[]): ManifestSettings {
  const s = mergeSettings(files);
  const safety = {
    ...(s.maxDeletePercent && { maxDeletePercent: s.maxDeletePercent.value }),
    ...(s.minManaged && { minManaged: s.minManaged.value }),
  };
  return {
    ...(s.removals && { removals: s.removals.value }),
    ...(s.prune && { prune: s.prune.value }),
    ...(Object.keys(safety).length > 0 && { safety }),
  };
}

async function readAll(files: readonly ManifestFileRef[]): Promise<Array<string | { error: string }>> {
  const out: Array<string | { error: string }> = new Array(files.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const i = next++;
      out[i] = await fs.readFile(files[i]!.absolute, 'utf8').catch((e: unknown) => ({ error: errorText(e) }));
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, files.length) }, worker));
  return out;
}

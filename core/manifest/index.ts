// The manifest loader: files and folders -> one Manifest, or every problem found, with positions.
//
// Each file is read as plain values (fast), checked against the JSON Schema and then by the rules
// across files; problems are found as paths in a document, and only the files that have some are
// read a second time, with positions, to report them at their line and column.

import type { EndpointItem } from '../../providers/types.js';
import { hasErrors, sortDiagnostics, type Diagnostic } from '../diagnostics/types.js';
import { checkDocument, type DeclaredEndpoint } from './check-document.js';
import { CODES } from './codes.js';
import type { Finding } from './finding.js';
import { findManifestFiles, toolFileKind, type ManifestFileRef } from './find-files.js';
import { positionsAt, type ManifestFile } from './manifest-file.js';
import { parsePlain, parseWithPositions, type SourceNode } from './parse/index.js';
import { readManifestText, type ReadFailure } from './read-text.js';
import { resolveFindings } from './resolve.js';
import { MANIFEST_RULES, settingsOf } from './rules/index.js';
import { toPlain } from './structure.js';
import type { LoadResult, Manifest, ManifestEndpoint } from './types.js';

export type { LoadResult, Manifest, ManifestEndpoint, ManifestSettings, RemovalPolicy } from './types.js';
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

  const findings: Finding[] = [];
  const files: ManifestFile[] = [];
  for (let i = 0; i < found.files.length; i++) {
    const ref = found.files[i]!;
    const text = texts[i]!;
    if (typeof text !== 'string') {
      const message = `cannot read ${ref.name}: ${text.error}`;
      diagnostics.push({ file: ref.name, line: text.line ?? 1, column: text.column ?? 1, severity: 'error', code: CODES.READ_FAILED, message });
      continue;
    }
    const kind = ref.format === 'json' ? toolFileKind(text) : undefined;
    if (kind !== undefined) {
      // A state file or saved plan beside the manifests is skipped; named, it is a mistake to point out.
      if (ref.inFolder) continue;
      const hint = kind === 'plan' ? `apply it with \`pinsync apply ${ref.name}\`` : 'pass it with --state';
      diagnostics.push({ file: ref.name, line: 1, column: 1, severity: 'error', code: CODES.NOT_A_MANIFEST, message: `${ref.name} is a pinsync ${kind === 'plan' ? 'saved plan' : 'state file'}, not a manifest: ${hint}` });
      continue;
    }
    const file: ManifestFile = { name: ref.name, text, format: ref.format };
    await readDocument(file, findings);
    files.push(file);
  }

  const read = files.filter((f) => f.root !== undefined);
  const endpoints: DeclaredEndpoint[] = [];
  for (const file of read) for (const ep of checkDocument(file, findings)) endpoints.push(ep);
  for (const rule of MANIFEST_RULES) for (const f of rule({ files: read, endpoints })) findings.push(f);

  for (const d of await resolveFindings(findings)) diagnostics.push(d);
  const sorted = sortDiagnostics(diagnostics);
  if (hasErrors(sorted)) return { ok: false, diagnostics: sorted };
  return { ok: true, manifest: buildManifest(files, read, endpoints), diagnostics: sorted };
}

/**
 * Sets file.root (and file.nodes when positions had to be read): plain values when the fast
 * reading answers, else the document with positions, its syntax problems and what YAML allows and
 * a manifest cannot mean (repeated keys, keys that are not strings).
 */
async function readDocument(file: ManifestFile, out: Finding[]): Promise<void> {
  const plain = parsePlain(file.text, file.format);
  if (plain) {
    file.root = plain.root;
    file.itemStarts = plain.itemStarts;
    file.rootValueStarts = plain.rootValueStarts;
    return;
  }
  const parsed = await parseWithPositions(file.text, file.format);
  let broken = false;
  for (const p of parsed.problems) {
    const isError = p.severity === 'error';
    broken ||= isError;
    out.push({
      file,
      path: [],
      offset: p.offset,
      code: !isError ? 'YAML_WARNING' : file.format === 'json' ? 'JSON_SYNTAX' : 'YAML_SYNTAX',
      severity: p.severity,
      message: isError
        ? `invalid ${file.format === 'json' ? 'JSON' : 'YAML'}: ${p.message} (nothing in this file is used until it parses)`
        : p.message,
    });
  }
  if (broken) return;
  if (!parsed.root) {
    out.push({
      file,
      path: [],
      offset: 0,
      code: 'EMPTY_FILE',
      severity: 'warning',
      message: 'the file is empty (only blanks and comments): it declares no endpoints',
    });
    return;
  }
  file.nodes = parsed.root;
  file.root = toPlain(file, parsed.root, out);
}

function buildManifest(files: readonly ManifestFile[], read: readonly ManifestFile[], endpoints: readonly DeclaredEndpoint[]): Manifest {
  const sources = positionsAt(endpoints.map((ep) => ({ file: ep.file, offset: itemStart(ep) })));
  const appFile = read.find((f) => typeof (f.root as Record<string, unknown>)['applicationId'] === 'string');
  const applicationId = appFile && {
    value: (appFile.root as Record<string, string>)['applicationId']!,
    // Counted forward, as the endpoints' are: indexing every line of a large file for one place costs more.
    source: positionsAt([{ file: appFile, offset: valueStart(appFile, ['applicationId']) }])[0]!,
  };
  return {
    files: files.map((f) => f.name),
    endpoints: endpoints.map(
      (ep, i): ManifestEndpoint => ({
        endpoint: ep.endpoint as unknown as EndpointItem,
        source: sources[i]!,
        ...(ep.protect !== undefined && { protect: ep.protect }),
        ...(ep.allowResubscribe !== undefined && { allowResubscribe: ep.allowResubscribe }),
      }),
    ),
    ...(applicationId && { applicationId }),
    settings: settingsOf(read),
  };
}

/** Where an endpoint's list item starts: recorded by the plain reading, or read from the nodes. */
function itemStart(ep: DeclaredEndpoint): number {
  const [listKey, index] = ep.path as [string, number];
  const list = (ep.file.root as Record<string, unknown>)[listKey] as unknown[];
  const starts = ep.file.itemStarts?.get(list);
  if (starts?.[index] !== undefined) return starts[index]!;
  return valueStart(ep.file, ep.path);
}

function valueStart(file: ManifestFile, path: readonly (string | number)[]): number {
  let node: SourceNode | undefined = file.nodes;
  if (!node) return path.length === 1 ? (file.rootValueStarts?.get(String(path[0])) ?? 0) : 0;
  for (const segment of path) {
    if (node?.kind === 'map') node = node.entries.find((e) => e.key.kind === 'scalar' && e.key.value === segment)?.value;
    else if (node?.kind === 'seq') node = node.items[segment as number];
    else break;
  }
  return node?.start ?? 0;
}

async function readAll(files: readonly ManifestFileRef[]): Promise<Array<string | ReadFailure>> {
  const out: Array<string | ReadFailure> = new Array(files.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const i = next++;
      out[i] = await readManifestText(files[i]!.absolute);
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, files.length) }, worker));
  return out;
}

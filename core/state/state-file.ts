import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, realpath, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ENTRY_INDENT, EntryIndex } from './entry-index.js';
import { StateEndpoints, StateFileError } from './state-endpoints.js';
import { DIGEST_WORKER_MIN_ENTRIES, startStateDigests, type StateDigests } from './state-digests.js';
import { STATE_FORMAT, type State, type StateApplication, type StateEndpoint } from './types.js';

export { StateFileError };

export function emptyState(): State {
  return { format: STATE_FORMAT, lineage: randomUUID(), serial: 0, applications: {} };
}

/** The state as a run works on it: each application's endpoints in a map that parses on demand. */
export interface LoadedState {
  readonly lineage: string;
  readonly serial: number;
  readonly applications: Map<string, StateEndpoints>;
}

/** Reads the state file; an absent file is an empty state (nothing managed yet). */
export async function readState(path: string): Promise<State> {
  const text = await readStateText(path);
  return text === undefined ? emptyState() : parseState(text.text, path);
}

export interface LoadOptions {
  /**
   * Digest the entries on a worker thread, for a plan from the state to compare them with their
   * declarations (a state of fewer than `digestMinEntries` entries is compared without one).
   */
  readonly digests?: boolean;
  readonly digestMinEntries?: number;
  /** Stops the reading once the bytes are in (the run has failed meanwhile): nothing more is done with them. */
  readonly signal?: AbortSignal;
}

/**
 * Reads the state file for a run. A file laid out as `renderState` writes it (one endpoint a line)
 * keeps its entries as text, parsed only when used: found through an EntryIndex of the file's
 * text, or, for keys renderState would not write (edited by hand into capitals, say), split into
 * lines. Any other valid state file (reformatted) is parsed whole. All give the same endpoints.
 */
export async function loadState(path: string, options: LoadOptions = {}): Promise<LoadedState> {
  const read = await readStateText(path);
  options.signal?.throwIfAborted();
  if (read === undefined) {
    const empty = emptyState();
    return { lineage: empty.lineage, serial: empty.serial, applications: new Map() };
  }
  const { text, bytes } = read;
  // The worker starts before this thread splits the file, to be done the sooner.
  const digests = options.digests && text.startsWith(RENDERED_START) ? startDigestsFor(bytes, options.digestMinEntries ?? DIGEST_WORKER_MIN_ENTRIES) : undefined;
  const rendered = readRenderedState(text, path, indexedEntries) ?? readRenderedState(text, path, splitEntries);
  if (rendered !== undefined) {
    if (digests !== undefined) {
      let base = 0;
      for (const endpoints of rendered.applications.values()) {
        endpoints.useDigests(digests, base);
        base += endpoints.textCount;
      }
    }
    return rendered;
  }
  const state = parseState(text, path);
  return { lineage: state.lineage, serial: state.serial, applications: endpointMaps(state, path) };
}

/** How a file laid out by `renderState` starts. */
const RENDERED_START = `{\n  "format": ${JSON.stringify(STATE_FORMAT)},\n`;

/** A rendered state holds one entry a line, so there are no more entries than lines. */
function startDigestsFor(bytes: Uint8Array, minEntries: number): StateDigests | undefined {
  let lines = 0;
  for (let at = bytes.indexOf(10); at >= 0; at = bytes.indexOf(10, at + 1)) lines++;
  return lines >= minEntries ? startStateDigests(bytes, lines) : undefined;
}

/** The state file's bytes and text; undefined when there is no file. */
async function readStateText(path: string): Promise<{ bytes: Uint8Array; text: string } | undefined> {
  try {
    const bytes = await readShared(path);
    return { bytes, text: decodeStateText(bytes) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    // Also a file too large for one string.
    throw new StateFileError(`cannot read the state file ${path}: ${(error as Error).message}`);
  }
}

/** A file's bytes in shared memory, so that a digest worker can read these very bytes without a copy. */
async function readShared(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const bytes = new Uint8Array(new SharedArrayBuffer(size));
    let done = 0;
    while (done < size) {
      const { bytesRead } = await handle.read(bytes, done, size - done, done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    if (done === size && (await handle.read(new Uint8Array(1), 0, 1, size)).bytesRead === 0) return bytes;
  } finally {
    await handle.close();
  }
  // It changed size while it was read: read it again the ordinary way.
  return readFile(path);
}

/** The state file's text; the digest worker decodes the bytes with this too. */
export function decodeStateText(bytes: Uint8Array): string {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
  // An editor may have saved it with a byte-order mark, which JSON does not allow.
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function parseState(text: string, path: string): State {
  if (text.trim() === '') {
    throw new StateFileError(`the state file ${path} is empty: if no apply ever used it, delete it; otherwise restore it from a backup or version control`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new StateFileError(`the state file ${path} is not valid JSON (${(error as Error).message}); restore it from a backup or version control`);
  }
  const s = data as Partial<State>;
  const format = s !== null && typeof s === 'object' ? s.format : undefined;
  if (typeof format === 'string' && format.startsWith('pinsync-state/') && format !== STATE_FORMAT) {
    throw new StateFileError(`${path} is a pinsync state file of format ${format}, which a newer pinsync writes; this one reads ${STATE_FORMAT}: upgrade pinsync`);
  }
  if (s === null || typeof s !== 'object' || s.format !== STATE_FORMAT || typeof s.lineage !== 'string' || typeof s.serial !== 'number' || typeof s.applications !== 'object' || s.applications === null) {
    throw new StateFileError(`${path} is not a pinsync state file (expected "format": "${STATE_FORMAT}")`);
  }
  return s as State;
}

const QUOTED = '("(?:[^"\\\\]|\\\\.)*")';
const LINEAGE_LINE = new RegExp(`^  "lineage": ${QUOTED},$`);
const SERIAL_LINE = /^  "serial": (\d+),$/;
const APPLICATION_LINE = new RegExp(`^    ${QUOTED}: \\{$`);
export { ENTRY_INDENT };

/** One application's entries, from the offset of the first's line; `end` is past the line that closes them. */
type EntriesReader = (text: string, from: number, path: string) => { endpoints: StateEndpoints; end: number } | undefined;

/** Entries as renderState writes them, found through an EntryIndex of the text itself. */
const indexedEntries: EntriesReader = (text, from, path) => {
  const found = EntryIndex.build(text, from);
  return found && { endpoints: StateEndpoints.indexed(found.index, path), end: found.end };
};

/** Entries of any key (edited by hand into capitals, escaped), each line split into a key and its text. */
const splitEntries: EntriesReader = (text, from, path) => {
  const endpoints = new StateEndpoints(path);
  for (let at = from; ; ) {
    const lineEnd = text.indexOf('\n', at);
    if (lineEnd < 0) return undefined;
    const line = text.slice(at, lineEnd);
    if (line === '      }') return { endpoints, end: lineEnd + 1 };
    const entry = splitEntry(line, !text.startsWith('      }\n', lineEnd + 1));
    if (entry === undefined) return undefined;
    // Keys are lowercased Ids; one edited by hand into another case still names its endpoint.
    endpoints.set(entry[0].toLowerCase(), entry[1]);
    at = lineEnd + 1;
  }
};

/**
 * The state file as `renderState` lays it out, each application's entries read by `entries` and
 * kept as text; `undefined` when the file is laid out any other way, or holds entries `entries`
 * does not take (the caller reads it another way then).
 */
function readRenderedState(text: string, path: string, entries: EntriesReader): LoadedState | undefined {
  let at = 0;
  const line = (): string | undefined => {
    const end = text.indexOf('\n', at);
    if (end < 0) return undefined;
    const out = text.slice(at, end);
    at = end + 1;
    return out;
  };
  if (line() !== '{' || line() !== `  "format": ${JSON.stringify(STATE_FORMAT)},`) return undefined;
  const lineage = LINEAGE_LINE.exec(line() ?? '');
  const serial = SERIAL_LINE.exec(line() ?? '');
  if (lineage === null || serial === null || line() !== '  "applications": {') return undefined;
  const applications = new Map<string, StateEndpoints>();
  let next = line();
  while (next !== '  }') {
    const app = APPLICATION_LINE.exec(next ?? '');
    if (app === null || line() !== '      "endpoints": {') return undefined;
    const found = entries(text, at, path);
    if (found === undefined) return undefined;
    at = found.end;
    const close = line();
    if (close !== '    },' && close !== '    }') return undefined;
    next = line();
    if ((close === '    },') === (next === '  }')) return undefined;
    const appId = unquote(app[1] as string);
    // An application named twice: JSON keeps the later one, and its entries' numbers would not be
    // the digest worker's; parsed whole, the file is read without digests.
    if (appId === undefined || applications.has(appId)) return undefined;
    applications.set(appId, found.endpoints);
  }
  if (line() !== '}' || at !== text.length) return undefined;
  const lineageText = unquote(lineage[1] as string);
  if (lineageText === undefined) return undefined;
  return { lineage: lineageText, serial: Number(serial[1]), applications };
}

/** A JSON string literal's value; undefined when it is not one (an escape JSON does not know). */
function unquote(literal: string): string | undefined {
  try {
    return JSON.parse(literal) as string;
  } catch {
    return undefined;
  }
}

/** `        "key": {...},` as [key, the value's text]; the comma must be there unless it is the last. */
function splitEntry(line: string, comma: boolean): [string, string] | undefined {
  if (!line.startsWith(ENTRY_INDENT + '"')) return undefined;
  let end = ENTRY_INDENT.length + 1;
  let escaped = false;
  for (; end < line.length; end++) {
    const c = line.charCodeAt(end);
    if (c === 0x5c) {
      escaped = true;
      end++;
    } else if (c === 0x22) break;
  }
  if (line.charCodeAt(end + 1) !== 0x3a || line.charCodeAt(end + 2) !== 0x20) return undefined;
  const stop = comma ? line.length - 1 : line.length;
  if (comma && line.charCodeAt(stop) !== 0x2c) return undefined;
  if (line.charCodeAt(end + 3) !== 0x7b || line.charCodeAt(stop - 1) !== 0x7d) return undefined;
  const key = escaped ? unquote(line.slice(ENTRY_INDENT.length, end + 1)) : line.slice(ENTRY_INDENT.length + 1, end);
  return key === undefined ? undefined : [key, line.slice(end + 3, stop)];
}

/** A temporary file beside `path`, flushed to disk, renamed over it: all of the file or none. */
export async function writeFileAtomic(file: string, text: string, mode = 0o644): Promise<void> {
  // A symlink is written through, to the file it points at: renaming over it would replace the
  // link (a state file or manifest shared that way) with a copy.
  const path = await realpath(file).catch(() => file);
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}-${randomUUID().slice(0, 8)}`;
  const handle = await open(tmp, 'w', mode);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(tmp, path);
  } catch (error) {
    await unlink(tmp).catch(() => undefined);
    throw error;
  }
}

/** Stable bytes: keys sorted, one endpoint a line, so a state file diffs well in review. */
export function renderState(state: State): string {
  return renderStateText(state.lineage, state.serial, endpointMaps(state));
}

function endpointMaps(state: State, source?: string): Map<string, StateEndpoints> {
  const applications = new Map<string, StateEndpoints>();
  for (const [app, { endpoints }] of Object.entries(state.applications)) {
    const map = new StateEndpoints(source);
    for (const [key, endpoint] of Object.entries(endpoints)) map.set(key.toLowerCase(), endpoint);
    applications.set(app, map);
  }
  return applications;
}

/** `renderState`'s layout; an entry still held as the file's text is written as it is. */
export function renderStateText(lineage: string, serial: number, applications: ReadonlyMap<string, StateEndpoints>): string {
  const apps = [...applications.keys()].sort();
  const lines = ['{', `  "format": ${JSON.stringify(STATE_FORMAT)},`, `  "lineage": ${JSON.stringify(lineage)},`, `  "serial": ${serial},`, '  "applications": {'];
  apps.forEach((app, a) => {
    const endpoints = applications.get(app) as StateEndpoints;
    const keys = [...endpoints.keys()].sort();
    lines.push(`    ${JSON.stringify(app)}: {`, '      "endpoints": {');
    keys.forEach((k, i) => lines.push(`        ${JSON.stringify(k)}: ${endpoints.textOf(k)}${i < keys.length - 1 ? ',' : ''}`));
    lines.push('      }', `    }${a < apps.length - 1 ? ',' : ''}`);
  });
  lines.push('  }', '}');
  return lines.join('\n') + '\n';
}

export function stateApplication(state: State, applicationId: string): StateApplication {
  return state.applications[applicationId] ?? { endpoints: {} };
}

/** A new state with `changes` applied to one application's endpoints (the serial moves on when written). */
export function updateState(
  state: State,
  applicationId: string,
  changes: { readonly set?: Iterable<StateEndpoint>; readonly remove?: Iterable<string> },
): State {
  const endpoints: Record<string, StateEndpoint> = { ...stateApplication(state, applicationId).endpoints };
  for (const e of changes.set ?? []) endpoints[e.id.toLowerCase()] = e;
  for (const id of changes.remove ?? []) delete endpoints[id.toLowerCase()];
  const applications = { ...state.applications, [applicationId]: { endpoints } };
  if (Object.keys(endpoints).length === 0) delete applications[applicationId];
  return { ...state, applications };
}

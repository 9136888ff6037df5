// A problem found while checking plain values: where it is, as a path in the document, to be
// turned into a line and column only when it is reported (see resolve.ts).

import type { Severity } from '../diagnostics/types.js';
import type { CodeName } from './codes.js';
import type { ManifestFile } from './manifest-file.js';
import type { DocPath } from './path.js';

export type { DocPath, PathSegment } from './path.js';

/** A place in a file: the value at `path`, or with `at: 'key'` the key that names it. */
export interface Place {
  readonly file: ManifestFile;
  readonly path: DocPath;
  readonly at?: 'key' | 'value';
  /** An exact offset, when the finder had one; wins over `path` for the position. */
  readonly offset?: number;
}

export interface MessageContext {
  /** The source text of the value (or key) the finding points at. */
  readonly source: string;
  /** `file:line:column` of the finding's `related` place. */
  readonly related: string;
  /** The format of the file the finding is in. */
  readonly format: 'yaml' | 'json';
}

export interface Finding extends Place {
  readonly code: CodeName;
  readonly severity?: Severity;
  /** Built late when it quotes the source or names another place. */
  readonly message: string | ((context: MessageContext) => string);
  /** Another place the message names (the first declaration of a duplicate, say). */
  readonly related?: Place;
}

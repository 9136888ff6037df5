import type { EndpointItem } from '../../providers/types.js';
import type { Diagnostic, SourcePosition } from '../diagnostics/types.js';

/** One declared endpoint: the fields as written (defaults merged in), and where it was declared. */
export interface ManifestEndpoint {
  readonly endpoint: EndpointItem;
  readonly source: SourcePosition;
}

export interface Manifest {
  /** The files read, in the order read (sorted within each folder). */
  readonly files: readonly string[];
  /** The manifest's own `applicationId`, when one file sets it. */
  readonly applicationId?: { readonly value: string; readonly source: SourcePosition };
  readonly endpoints: readonly ManifestEndpoint[];
}

export type LoadResult =
  | { readonly ok: true; readonly manifest: Manifest; readonly diagnostics: readonly Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

import type { EndpointItem } from '../../providers/types.js';
import type { Diagnostic, SourcePosition } from '../diagnostics/types.js';

/** One declared endpoint: the fields as written (defaults merged in), and where it was declared. */
export interface ManifestEndpoint {
  /** Only Pinpoint's fields: this is what is compared and sent. */
  readonly endpoint: EndpointItem;
  readonly source: SourcePosition;
  /** `protect: true`: never delete or replace this endpoint. */
  readonly protect?: boolean;
  /** `allowResubscribe: true`: OptOut may go from ALL to NONE for this endpoint. */
  readonly allowResubscribe?: boolean;
}

/** What a removal from the manifest that Pinpoint cannot express by update becomes. */
export type RemovalPolicy = 'leave' | 'replace';

/** Run settings a manifest may set at its top level; flags win over them. */
export interface ManifestSettings {
  /** `removals: leave | replace` (default leave). */
  readonly removals?: RemovalPolicy;
  /** `prune: true`: delete endpoints that are in the state and no longer in the manifest. */
  readonly prune?: boolean;
  /** `safety: { maxDeletePercent: 30, minManaged: 10 }`. */
  readonly safety?: { readonly maxDeletePercent?: number; readonly minManaged?: number };
}

export interface Manifest {
  /** The files read, in the order read (sorted within each folder). */
  readonly files: readonly string[];
  /** The manifest's own `applicationId`, when one file sets it. */
  readonly applicationId?: { readonly value: string; readonly source: SourcePosition };
  readonly endpoints: readonly ManifestEndpoint[];
  readonly settings: ManifestSettings;
}

export type LoadResult =
  | { readonly ok: true; readonly manifest: Manifest; readonly diagnostics: readonly Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

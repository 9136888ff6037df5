import type { DeclaredEndpoint } from '../check-document.js';
import type { Finding } from '../finding.js';
import type { ManifestFile } from '../manifest-file.js';

/** Everything that was read, across all files, in the order the files were read. */
export interface RuleInput {
  /** Files whose document was read (root set). */
  readonly files: readonly ManifestFile[];
  readonly endpoints: readonly DeclaredEndpoint[];
}

/**
 * A check over the whole manifest after each file's schema checks. Rules are pure and independent:
 * each returns its own findings, and their order does not matter (diagnostics are sorted). Values
 * may still be of the wrong type here (the schema has reported those): rules check before use.
 */
export type ManifestRule = (input: RuleInput) => readonly Finding[];

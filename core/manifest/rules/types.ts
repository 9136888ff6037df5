import type { Diagnostic } from '../../diagnostics/types.js';
import type { DeclaredEndpoint, DecodedFile } from '../decode-file.js';

/** Everything that decoded, across all files, in the order the files were read. */
export interface RuleInput {
  readonly files: readonly DecodedFile[];
  readonly endpoints: readonly DeclaredEndpoint[];
}

/**
 * A check over the whole manifest after each file's fields have been checked. Rules are pure and
 * independent: each returns its own findings, and their order does not matter (diagnostics are
 * sorted afterwards).
 */
export type ManifestRule = (input: RuleInput) => readonly Diagnostic[];

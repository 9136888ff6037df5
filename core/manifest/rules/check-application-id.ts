import type { Diagnostic } from '../../diagnostics/types.js';
import type { DecodedFile } from '../decode-file.js';
import { diagnosticAt, formatPosition, positionOf } from '../source-file.js';
import type { RuleInput } from './types.js';

/** One manifest targets one Pinpoint project; files that disagree would apply to the wrong one. */
export function checkApplicationId({ files }: RuleInput): Diagnostic[] {
  const out: Diagnostic[] = [];
  let first: DecodedFile | undefined;
  for (const f of files) {
    if (!f.applicationId) continue;
    if (!first?.applicationId) {
      first = f;
      continue;
    }
    if (f.applicationId.value === first.applicationId.value) continue;
    const there = formatPosition(positionOf(first.file, first.applicationId.node.start));
    out.push(
      diagnosticAt(f.file, f.applicationId.node.start, {
        code: 'CONFLICTING_APPLICATION_ID',
        message:
          `applicationId ${JSON.stringify(f.applicationId.value)} differs from ${JSON.stringify(first.applicationId.value)} ` +
          `set at ${there}; a manifest targets one project: set the same id in both files, or in one only`,
        path: 'applicationId',
      }),
    );
  }
  return out;
}

import { isPlainMap } from '../describe.js';
import type { Finding } from '../finding.js';
import type { ManifestFile } from '../manifest-file.js';
import type { RuleInput } from './types.js';

/** One manifest targets one Pinpoint project; files that disagree would apply to the wrong one. */
export function checkApplicationId({ files }: RuleInput): Finding[] {
  const out: Finding[] = [];
  let first: { file: ManifestFile; value: string } | undefined;
  for (const file of files) {
    const value = isPlainMap(file.root) ? file.root['applicationId'] : undefined;
    if (typeof value !== 'string') continue;
    if (!first) {
      first = { file, value };
      continue;
    }
    if (value === first.value) continue;
    const firstValue = first.value;
    out.push({
      file,
      path: ['applicationId'],
      code: 'CONFLICTING_APPLICATION_ID',
      message: ({ related }) =>
        `applicationId ${JSON.stringify(value)} differs from ${JSON.stringify(firstValue)} ` +
        `set at ${related}; a manifest targets one project: set the same id in both files, or in one only`,
      related: { file: first.file, path: ['applicationId'] },
    });
  }
  return out;
}

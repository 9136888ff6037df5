import type { DeclaredEndpoint } from '../check-document.js';
import type { Finding } from '../finding.js';
import type { RuleInput } from './types.js';

/**
 * Pinpoint compares endpoint Ids case-insensitively: `User-1` and `user-1` are one endpoint, and
 * declaring both would make each apply overwrite the other. Reported on the second declaration.
 */
export function checkUniqueIds({ endpoints }: RuleInput): Finding[] {
  const out: Finding[] = [];
  const first = new Map<string, DeclaredEndpoint>();
  for (const ep of endpoints) {
    const id = ep.own['Id'] as string;
    const folded = id.toLowerCase();
    const earlier = first.get(folded);
    if (!earlier) {
      first.set(folded, ep);
      continue;
    }
    const earlierId = earlier.own['Id'] as string;
    out.push({
      file: ep.file,
      path: [...ep.path, 'Id'],
      code: 'DUPLICATE_ID',
      message: ({ related }) =>
        earlierId === id
          ? `endpoint Id ${JSON.stringify(id)} is already declared at ${related}; declare each endpoint once`
          : `endpoint Id ${JSON.stringify(id)} is the same endpoint as ${JSON.stringify(earlierId)} ` +
            `at ${related}: Pinpoint ignores case in Ids; remove one or rename it`,
      related: { file: earlier.file, path: [...earlier.path, 'Id'] },
    });
  }
  return out;
}

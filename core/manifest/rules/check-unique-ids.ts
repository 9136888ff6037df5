import type { Diagnostic } from '../../diagnostics/types.js';
import type { DeclaredEndpoint } from '../decode-file.js';
import { locateField } from '../locate.js';
import { diagnosticAt, formatPosition, positionOf } from '../source-file.js';
import type { RuleInput } from './types.js';

/**
 * Pinpoint compares endpoint Ids case-insensitively: `User-1` and `user-1` are one endpoint, and
 * declaring both would make each apply overwrite the other. Reported on the second declaration.
 */
export function checkUniqueIds({ endpoints }: RuleInput): Diagnostic[] {
  const out: Diagnostic[] = [];
  const first = new Map<string, DeclaredEndpoint>();
  for (const ep of endpoints) {
    const folded = ep.endpoint.Id.toLowerCase();
    const earlier = first.get(folded);
    if (!earlier) {
      first.set(folded, ep);
      continue;
    }
    const here = locateField(ep, ['Id']);
    const there = formatPosition(positionOf(earlier.file, locateField(earlier, ['Id']).node.start));
    const same = earlier.endpoint.Id === ep.endpoint.Id;
    out.push(
      diagnosticAt(ep.file, here.node.start, {
        code: 'DUPLICATE_ID',
        message: same
          ? `endpoint Id ${JSON.stringify(ep.endpoint.Id)} is already declared at ${there}; declare each endpoint once`
          : `endpoint Id ${JSON.stringify(ep.endpoint.Id)} is the same endpoint as ${JSON.stringify(earlier.endpoint.Id)} ` +
            `at ${there}: Pinpoint ignores case in Ids; remove one or rename it`,
        path: here.path,
      }),
    );
  }
  return out;
}

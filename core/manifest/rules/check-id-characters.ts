import type { Diagnostic } from '../../diagnostics/types.js';
import { locateField } from '../locate.js';
import { diagnosticAt } from '../source-file.js';
import type { RuleInput } from './types.js';

const FORBIDDEN = /[${}]/;

/** Pinpoint refuses Ids with `$`, `{` or `}`, and an empty Id names nothing. */
export function checkIdCharacters({ endpoints }: RuleInput): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const ep of endpoints) {
    const id = ep.endpoint.Id;
    if (id !== '' && !FORBIDDEN.test(id)) continue;
    const at = locateField(ep, ['Id']);
    const message =
      id === '' ? 'Id must not be empty' : `Id ${JSON.stringify(id)} contains $, { or }, which Pinpoint does not allow in Ids`;
    out.push(diagnosticAt(ep.file, at.node.start, { code: 'INVALID_ID', message, path: at.path }));
  }
  return out;
}

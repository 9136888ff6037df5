import type { Diagnostic } from '../../diagnostics/types.js';
import { findEntry, hasMisspeltKey } from '../locate.js';
import { diagnosticAt } from '../source-file.js';
import type { RuleInput } from './types.js';

/** ChannelType may come from defaults, so it is required of the merged endpoint. */
export function requireChannelType({ endpoints }: RuleInput): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const ep of endpoints) {
    if (ep.endpoint.ChannelType !== undefined) continue;
    // A ChannelType written but invalid, or misspelt, has been reported already.
    if (findEntry(ep.node, 'ChannelType') || (ep.defaultsNode && findEntry(ep.defaultsNode, 'ChannelType'))) continue;
    if (hasMisspeltKey(ep.node, 'ChannelType')) continue;
    out.push(
      diagnosticAt(ep.file, ep.node.start, {
        code: 'MISSING_FIELD',
        message: `endpoint "${ep.endpoint.Id}" has no ChannelType: add one (EMAIL, SMS, PUSH, ...) or set it in defaults:`,
        path: ep.path,
      }),
    );
  }
  return out;
}

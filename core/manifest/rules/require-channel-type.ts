import { fieldPlace } from '../check-document.js';
import { isPlainMap } from '../describe.js';
import type { Finding } from '../finding.js';
import { suggestName } from '../suggest.js';
import type { RuleInput } from './types.js';

/** ChannelType may come from defaults, so it is required of the merged endpoint. */
export function requireChannelType({ endpoints }: RuleInput): Finding[] {
  const out: Finding[] = [];
  for (const ep of endpoints) {
    if (Object.hasOwn(ep.endpoint, 'ChannelType')) continue;
    // A misspelt ChannelType has been reported as unknown, with the right name as a hint.
    const misspelt = Object.keys(ep.own).some((k) => k !== 'ChannelType' && suggestName(k, ['ChannelType']) === 'ChannelType');
    if (misspelt || (isPlainMap(ep.defaults) && Object.hasOwn(ep.defaults, 'ChannelType'))) continue;
    out.push({
      ...fieldPlace(ep, ['ChannelType']),
      code: 'MISSING_FIELD',
      message: `endpoint "${String(ep.endpoint['Id'])}" has no ChannelType: add one (EMAIL, SMS, PUSH, ...) or set it in defaults:`,
    });
  }
  return out;
}

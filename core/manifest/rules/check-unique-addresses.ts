import { fieldPlace, type DeclaredEndpoint } from '../check-document.js';
import type { Finding } from '../finding.js';
import type { RuleInput } from './types.js';

/**
 * A write that sends an Address makes every other endpoint of the same channel with that Address
 * INACTIVE: two declared endpoints sharing one would deactivate each other on every apply.
 */
export function checkUniqueAddresses({ endpoints }: RuleInput): Finding[] {
  const out: Finding[] = [];
  const first = new Map<string, Map<string, DeclaredEndpoint>>();
  for (const ep of endpoints) {
    const address = ep.endpoint['Address'];
    const channel = ep.endpoint['ChannelType'];
    if (typeof address !== 'string' || address === '' || typeof channel !== 'string') continue;
    let byAddress = first.get(channel);
    if (!byAddress) first.set(channel, (byAddress = new Map()));
    const earlier = byAddress.get(address);
    if (!earlier) {
      byAddress.set(address, ep);
      continue;
    }
    const earlierId = String(earlier.endpoint['Id']);
    out.push({
      ...fieldPlace(ep, ['Address']),
      code: 'DUPLICATE_ADDRESS',
      message: ({ related }) =>
        `endpoint "${String(ep.endpoint['Id'])}" has the same ${channel} Address as endpoint "${earlierId}" at ${related}: ` +
        'Pinpoint sets every other endpoint of a channel with the Address just written INACTIVE, so the two would ' +
        'deactivate each other on every apply; give each its own Address, or declare it once',
      related: fieldPlace(earlier, ['Address']),
    });
  }
  return out;
}

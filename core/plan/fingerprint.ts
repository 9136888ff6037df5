import { createHash } from 'node:crypto';
import type { LiveEndpoint } from '../../providers/types.js';
import { canonicalJson } from '../util/canonical-json.js';

/**
 * A hash of an endpoint as read, so that applying a saved plan can tell whether the endpoint
 * changed since the plan was made. Everything Pinpoint returns counts, EffectiveDate included:
 * any write by anyone since the plan is a reason to look again.
 */
export function fingerprintEndpoint(live: LiveEndpoint | undefined): string {
  if (live === undefined) return 'absent';
  return `sha256:${createHash('sha256').update(canonicalJson(live)).digest('hex').slice(0, 32)}`;
}

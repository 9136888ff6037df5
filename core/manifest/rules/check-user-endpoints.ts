import { PUSH_CHANNEL_TYPES, type ChannelType } from '../../../providers/types.js';
import { fieldPlace, type DeclaredEndpoint } from '../check-document.js';
import { isPlainMap } from '../describe.js';
import type { Finding } from '../finding.js';
import type { RuleInput } from './types.js';

export const MAX_ENDPOINTS_PER_USER = 15;

interface UserCount {
  readonly nonPush: number;
  readonly push: number;
}

// Counts are packed in one number per user (push endpoints in the high part, a flag once reported)
// so that 100,000 users cost one map entry each, not an object each.
const PUSH_UNIT = 1 << 16;
const REPORTED = 2 ** 40;

/**
 * At most 15 endpoints per UserId. A 16th that is not a push endpoint is refused; a 16th push
 * endpoint evicts the user's oldest push endpoint (INACTIVE, UserId removed), and is refused when
 * the user has no push endpoint to evict. A manifest that declares more would fail, or undo part
 * of itself on every apply. Reported once per user, at the endpoint that goes over.
 */
export function checkUserEndpoints({ endpoints }: RuleInput): Finding[] {
  const out: Finding[] = [];
  const users = new Map<string, number>();
  for (const ep of endpoints) {
    const user = ep.endpoint['User'];
    const userId = isPlainMap(user) ? user['UserId'] : undefined;
    if (typeof userId !== 'string' || userId === '') continue;
    const isPush = PUSH_CHANNEL_TYPES.includes(ep.endpoint['ChannelType'] as ChannelType);
    const packed = (users.get(userId) ?? 0) + (isPush ? PUSH_UNIT : 1);
    users.set(userId, packed);
    if (packed >= REPORTED) continue;
    const count = { nonPush: packed % PUSH_UNIT, push: Math.floor(packed / PUSH_UNIT) };
    // Push endpoints evict each other, so beyond the first they take no place of their own.
    const kept = count.nonPush + Math.min(count.push, 1);
    const total = count.nonPush + count.push;
    if (kept > MAX_ENDPOINTS_PER_USER) {
      users.set(userId, packed + REPORTED);
      out.push(finding(ep, userId, 'TOO_MANY_USER_ENDPOINTS', refusedMessage(userId, count)));
    } else if (total > MAX_ENDPOINTS_PER_USER) {
      users.set(userId, packed + REPORTED);
      out.push({ ...finding(ep, userId, 'PUSH_ENDPOINT_EVICTED', evictedMessage(userId, count)), severity: 'warning' });
    }
  }
  return out;
}

/** At the endpoint that goes over: its own UserId, or the endpoint itself when defaults give the UserId. */
function finding(ep: DeclaredEndpoint, _userId: string, code: Finding['code'], message: string): Finding {
  const place = fieldPlace(ep, ['User', 'UserId']);
  return place.path[0] === 'defaults' ? { file: ep.file, path: ep.path, code, message } : { ...place, code, message };
}

function refusedMessage(userId: string, c: UserCount): string {
  const total = c.nonPush + c.push;
  const why =
    c.push === 0
      ? 'refuses the 16th ("Exceeded maximum endpoint per user count: 15")'
      : 'refuses the 16th: a push endpoint can only make room by evicting another push endpoint';
  const which = c.push === 0 ? '' : ` (${c.nonPush} not push, ${c.push} push)`;
  return `user "${userId}" has ${total} endpoints by this one${which}; Pinpoint allows ${MAX_ENDPOINTS_PER_USER} per UserId and ${why}: split them over users or remove some`;
}

function evictedMessage(userId: string, c: UserCount): string {
  return (
    `user "${userId}" has ${c.nonPush + c.push} endpoints by this one (${c.push} push); Pinpoint keeps ${MAX_ENDPOINTS_PER_USER} ` +
    'per UserId by setting the push endpoint with the oldest EffectiveDate INACTIVE and removing its UserId, so each ' +
    'apply would undo part of the last one'
  );
}

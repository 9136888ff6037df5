// Applies one batch item to an application inside a transaction: the checks that need stored state,
// the merge, and the side effects on other endpoints (address takeover, push eviction). Every
// change goes through the transaction so a rejected batch can be undone completely.

import type { EndpointItem, LiveEndpoint } from '../types.js';
import type { AppState, EndpointRecord } from './app-state.js';
import { badItem } from './errors.js';
import { mergeEndpoint, type WriteContext } from './merge-endpoint.js';
import {
  INACTIVE_STATUS,
  MAX_APP_ATTRIBUTE_KEYS,
  MAX_ENDPOINTS_PER_USER,
  MESSAGES,
  REQUIRE_ADDRESS_ON_CREATE,
  chooseEviction,
  evictFromUser,
  isEndpointTooLarge,
  toIdKey,
  toRegistryKey,
} from './rules.js';
import { findItemProblem, isPlainObject, isSent } from './validate-item.js';

/** One endpoint's change, keyed by its lowercased Id. */
export interface EndpointChange {
  readonly key: string;
  readonly before: LiveEndpoint | undefined;
  readonly after: LiveEndpoint | undefined;
}

export interface ApplyContext extends WriteContext {
  nextSeq(): number;
}

/** An undo log over one application: the first-seen record of every touched key. */
export class Transaction {
  private readonly originals = new Map<string, EndpointRecord | undefined>();
  private readonly addedKeys: string[] = [];

  constructor(private readonly app: AppState) {}

  get changed(): boolean {
    return this.originals.size > 0 || this.addedKeys.length > 0;
  }

  put(key: string, record: EndpointRecord | undefined): void {
    if (!this.originals.has(key)) this.originals.set(key, this.app.get(key));
    this.app.put(key, record);
  }

  addAttributeKey(registryKey: string): void {
    this.app.attributeKeys.add(registryKey);
    this.addedKeys.push(registryKey);
  }

  /** Every touched key with its endpoint before the transaction and now (undefined: absent). */
  changes(): EndpointChange[] {
    const changes: EndpointChange[] = [];
    for (const [key, original] of this.originals) {
      const after = this.app.get(key)?.endpoint;
      if (after !== original?.endpoint) changes.push({ key, before: original?.endpoint, after });
    }
    return changes;
  }

  rollback(): void {
    for (const [key, record] of this.originals) this.app.put(key, record);
    for (const registryKey of this.addedKeys) this.app.attributeKeys.delete(registryKey);
    this.originals.clear();
    this.addedKeys.length = 0;
  }
}

/** Applies `raw` (an unchecked batch item) or throws a BadRequest EmulatorError naming it. */
export function applyItem(app: AppState, tx: Transaction, raw: unknown, index: number, ctx: ApplyContext): string {
  const rawId = isPlainObject(raw) ? raw.Id : undefined;
  const fail = (reason: string) => badItem(reason, index, rawId);
  const problem = findItemProblem(raw);
  if (problem) throw fail(problem);

  const item = raw as EndpointItem;
  const key = toIdKey(item.Id);
  const old = app.get(key);
  if (!old && !isSent(item.ChannelType)) throw fail(MESSAGES.missingChannelType);
  if (!old && REQUIRE_ADDRESS_ON_CREATE && !item.Address) throw fail(MESSAGES.missingAddress);

  const next = mergeEndpoint(old?.endpoint, item, ctx);
  if (isEndpointTooLarge(next)) throw fail(MESSAGES.endpointTooLarge);
  const keyProblem = registerAttributeKeys(app, tx, item);
  if (keyProblem) throw fail(keyProblem);
  if (!makeRoomForUser(app, tx, old?.endpoint, next)) throw fail(MESSAGES.userQuota);

  tx.put(key, { endpoint: next, seq: ctx.nextSeq() });
  if (isSent(item.Address)) deactivateOtherHolders(app, tx, key, next);
  return key;
}

/** Adds the item's new keys to the application registry; a problem when that breaks the quota. */
function registerAttributeKeys(app: AppState, tx: Transaction, item: EndpointItem): string | undefined {
  const fresh = new Set<string>();
  const collect = (map: 'Attributes' | 'Metrics' | 'UserAttributes', values: object | null | undefined) => {
    for (const name of Object.keys(values ?? {})) {
      const registryKey = toRegistryKey(map, name);
      if (!app.attributeKeys.has(registryKey)) fresh.add(registryKey);
    }
  };
  collect('Attributes', item.Attributes);
  collect('Metrics', item.Metrics);
  collect('UserAttributes', item.User?.UserAttributes);
  if (fresh.size === 0) return undefined;
  if (app.attributeKeys.size + fresh.size > MAX_APP_ATTRIBUTE_KEYS) return MESSAGES.appKeyQuota;
  for (const registryKey of fresh) tx.addAttributeKey(registryKey);
  return undefined;
}

/**
 * When the endpoint joins a user that already has the maximum, a push endpoint may take the place
 * of the user's oldest push endpoint. False when there is no room and nothing may be evicted.
 */
function makeRoomForUser(app: AppState, tx: Transaction, old: LiveEndpoint | undefined, next: LiveEndpoint): boolean {
  const userId = next.User?.UserId;
  if (userId === undefined || userId === old?.User?.UserId) return true;
  if (app.userSize(userId) < MAX_ENDPOINTS_PER_USER) return true;
  const members = app.userKeys(userId).map((key) => ({ key, ...app.get(key)! }));
  const victim = chooseEviction(next.ChannelType, members);
  if (!victim) return false;
  // Assumed: a server-side change, so the victim keeps its EffectiveDate and RequestId.
  tx.put(victim.key, { endpoint: evictFromUser(victim.endpoint), seq: victim.seq });
  return true;
}

/** Documented: writing an Address makes every other endpoint holding it INACTIVE. */
function deactivateOtherHolders(app: AppState, tx: Transaction, key: string, next: LiveEndpoint): void {
  for (const otherKey of app.addressKeys(next)) {
    const other = app.get(otherKey)!;
    if (otherKey === key || other.endpoint.EndpointStatus === INACTIVE_STATUS) continue;
    // Assumed: like eviction, a side effect that leaves EffectiveDate and RequestId as they were.
    tx.put(otherKey, { endpoint: { ...other.endpoint, EndpointStatus: INACTIVE_STATUS }, seq: other.seq });
  }
}

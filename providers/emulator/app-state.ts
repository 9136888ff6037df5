// The endpoints of one application with the indexes that keep every write O(items + endpoints of
// the users and addresses they touch): by UserId, and by (channel, address). All changes go
// through `put`, which keeps the indexes in step with the endpoint map.

import type { LiveEndpoint } from '../types.js';
import { toAddressKey } from './rules.js';

/** A stored endpoint and its write sequence number (tie-break when EffectiveDates are equal). */
export interface EndpointRecord {
  readonly endpoint: LiveEndpoint;
  readonly seq: number;
}

export class AppState {
  /** Keyed by the lowercased Id. Records are immutable: a write replaces the record. */
  readonly endpoints = new Map<string, EndpointRecord>();
  /** The application's attribute-key registry ("Attributes.Plan", "Metrics.Score", ...). */
  readonly attributeKeys = new Set<string>();
  private readonly byUser = new Map<string, Set<string>>();
  private readonly byAddress = new Map<string, Set<string>>();

  get(key: string): EndpointRecord | undefined {
    return this.endpoints.get(key);
  }

  /** Stores (or, with undefined, removes) the record under `key`, updating the indexes. */
  put(key: string, record: EndpointRecord | undefined): void {
    const old = this.endpoints.get(key);
    if (old) this.unindex(key, old.endpoint);
    if (record) {
      this.endpoints.set(key, record);
      this.index(key, record.endpoint);
    } else {
      this.endpoints.delete(key);
    }
  }

  /** Keys of the endpoints carrying this UserId, in the order of their last change. */
  userKeys(userId: string): readonly string[] {
    return [...(this.byUser.get(userId) ?? [])];
  }

  userSize(userId: string): number {
    return this.byUser.get(userId)?.size ?? 0;
  }

  /** Keys of the endpoints holding this address on this channel. */
  addressKeys(endpoint: LiveEndpoint): readonly string[] {
    if (endpoint.Address === undefined) return [];
    return [...(this.byAddress.get(toAddressKey(endpoint.ChannelType, endpoint.Address)) ?? [])];
  }

  private index(key: string, endpoint: LiveEndpoint): void {
    const userId = endpoint.User?.UserId;
    if (userId !== undefined) addTo(this.byUser, userId, key);
    if (endpoint.Address !== undefined) addTo(this.byAddress, toAddressKey(endpoint.ChannelType, endpoint.Address), key);
  }

  private unindex(key: string, endpoint: LiveEndpoint): void {
    const userId = endpoint.User?.UserId;
    if (userId !== undefined) removeFrom(this.byUser, userId, key);
    if (endpoint.Address !== undefined) {
      removeFrom(this.byAddress, toAddressKey(endpoint.ChannelType, endpoint.Address), key);
    }
  }
}

function addTo(index: Map<string, Set<string>>, indexKey: string, key: string): void {
  let keys = index.get(indexKey);
  if (!keys) index.set(indexKey, (keys = new Set()));
  keys.add(key);
}

function removeFrom(index: Map<string, Set<string>>, indexKey: string, key: string): void {
  const keys = index.get(indexKey);
  if (!keys) return;
  keys.delete(key);
  if (keys.size === 0) index.delete(indexKey);
}

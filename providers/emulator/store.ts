// All emulator state: applications, their endpoints and indexes. Writes go through putItems,
// which applies the same rules whether the request came over HTTP or from a test seeding state.

import { randomUUID } from 'node:crypto';
import type { EndpointItem, LiveEndpoint } from '../types.js';
import { AppState } from './app-state.js';
import { Transaction, applyItem, type ApplyContext, type EndpointChange } from './apply-item.js';
import { ATOMIC_BATCH, toIdKey, toRegistryKey } from './rules.js';
import { SNAPSHOT_FORMAT, parseSnapshot, type ApplicationSnapshot, type StoreSnapshot } from './snapshot.js';

/** What a change did: endpoints of one application changed, or the whole store was cleared. */
export type StoreChange =
  | { readonly kind: 'endpoints'; readonly appId: string; readonly changes: readonly EndpointChange[] }
  | { readonly kind: 'cleared' };

export interface StoreOptions {
  /** The clock for CreationDate and EffectiveDate; tests may pin it. */
  readonly now?: () => Date;
}

export class EmulatorStore {
  private readonly apps = new Map<string, AppState>();
  private readonly listeners = new Set<(change: StoreChange) => void>();
  private readonly now: () => Date;
  private seq = 0;

  constructor(options: StoreOptions = {}) {
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Upserts items into an application (created on first successful write). Throws an
   * EmulatorError (BadRequestException) naming the first invalid item; with ATOMIC_BATCH nothing
   * of the batch is then stored. Does not cap the item count: that is a request limit (server).
   * Returns the stored endpoints after the batch, one per item.
   */
  putItems(appId: string, items: readonly EndpointItem[], requestId: string = randomUUID()): LiveEndpoint[] {
    const app = this.apps.get(appId) ?? new AppState();
    const tx = new Transaction(app);
    const ctx: ApplyContext = { appId, requestId, now: this.now().toISOString(), nextSeq: () => ++this.seq };
    const keys: string[] = [];
    try {
      items.forEach((item, index) => keys.push(applyItem(app, tx, item, index, ctx)));
    } catch (error) {
      if (ATOMIC_BATCH) tx.rollback();
      throw error;
    } finally {
      if (tx.changed) {
        this.apps.set(appId, app);
        this.notify({ kind: 'endpoints', appId, changes: tx.changes() });
      }
    }
    return keys.map((key) => app.get(key)!.endpoint);
  }

  /** Any case of the Id finds the endpoint. */
  get(appId: string, id: string): LiveEndpoint | undefined {
    return this.apps.get(appId)?.get(toIdKey(id))?.endpoint;
  }

  /** Every endpoint carrying this UserId; empty when there is none. */
  getUser(appId: string, userId: string): LiveEndpoint[] {
    const app = this.apps.get(appId);
    if (!app) return [];
    return app.userKeys(userId).map((key) => app.get(key)!.endpoint);
  }

  /** Removes the endpoint and returns it; undefined when there was none. */
  delete(appId: string, id: string): LiveEndpoint | undefined {
    const app = this.apps.get(appId);
    const key = toIdKey(id);
    const record = app?.get(key);
    if (!app || !record) return undefined;
    app.put(key, undefined);
    this.notify({ kind: 'endpoints', appId, changes: [{ key, before: record.endpoint, after: undefined }] });
    return record.endpoint;
  }

  /** Removes every endpoint of the user and returns them; empty when there were none. */
  deleteUser(appId: string, userId: string): LiveEndpoint[] {
    const app = this.apps.get(appId);
    if (!app) return [];
    const keys = app.userKeys(userId);
    const deleted = keys.map((key) => app.get(key)!.endpoint);
    for (const key of keys) app.put(key, undefined);
    const changes = keys.map((key, i) => ({ key, before: deleted[i], after: undefined }));
    if (keys.length > 0) this.notify({ kind: 'endpoints', appId, changes });
    return deleted;
  }

  count(appId: string): number {
    return this.apps.get(appId)?.endpoints.size ?? 0;
  }

  applicationIds(): string[] {
    return [...this.apps.keys()];
  }

  /** The application's attribute-key registry, e.g. ["Attributes.Plan", "Metrics.Score"]. */
  attributeKeys(appId: string): string[] {
    return [...(this.apps.get(appId)?.attributeKeys ?? [])];
  }

  /** Forgets everything (tests). */
  clear(): void {
    this.apps.clear();
    this.notify({ kind: 'cleared' });
  }

  /** Called after every change with what changed; returns the unsubscribe function. */
  onChange(listener: (change: StoreChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  toJSON(): StoreSnapshot {
    const applications: Record<string, ApplicationSnapshot> = {};
    for (const [appId, app] of this.apps) {
      const records = [...app.endpoints.values()].sort((a, b) => a.seq - b.seq);
      applications[appId] = {
        attributeKeys: [...app.attributeKeys],
        endpoints: records.map((record) => record.endpoint),
      };
    }
    return { format: SNAPSHOT_FORMAT, applications };
  }

  /** Rebuilds a store from toJSON's output; throws an Error saying what is wrong with `data`. */
  static fromJSON(data: unknown, options: StoreOptions = {}): EmulatorStore {
    const snapshot = parseSnapshot(data);
    const store = new EmulatorStore(options);
    for (const [appId, appSnapshot] of Object.entries(snapshot.applications)) {
      store.apps.set(appId, store.restoreApplication(appSnapshot));
    }
    return store;
  }

  private restoreApplication(snapshot: ApplicationSnapshot): AppState {
    const app = new AppState();
    for (const registryKey of snapshot.attributeKeys) app.attributeKeys.add(registryKey);
    for (const endpoint of snapshot.endpoints) {
      app.put(toIdKey(endpoint.Id), { endpoint, seq: ++this.seq });
      // A hand-written file may omit the registry; keys in use are registered regardless.
      for (const name of Object.keys(endpoint.Attributes ?? {})) app.attributeKeys.add(toRegistryKey('Attributes', name));
      for (const name of Object.keys(endpoint.Metrics ?? {})) app.attributeKeys.add(toRegistryKey('Metrics', name));
      for (const name of Object.keys(endpoint.User?.UserAttributes ?? {})) {
        app.attributeKeys.add(toRegistryKey('UserAttributes', name));
      }
    }
    return app;
  }

  private notify(change: StoreChange): void {
    for (const listener of this.listeners) listener(change);
  }
}

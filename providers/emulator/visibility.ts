// The visibility delay: Pinpoint applies writes asynchronously ("202 means queued"), so a read right
// after a write may still see the previous version. The store applies every write at once (its
// rules always see the latest state); this overlay remembers, per endpoint, the version reads must
// still serve and the versions waiting to become visible, and answers reads through it.

import type { LiveEndpoint } from '../types.js';
import type { EndpointChange } from './apply-item.js';
import type { ReadView } from './operations.js';
import { toIdKey } from './rules.js';
import type { EmulatorStore } from './store.js';

interface PendingVersion {
  /** undefined: a delete. */
  readonly endpoint: LiveEndpoint | undefined;
  readonly visibleAt: number;
}

/** Exists only while a version is waiting; the last pending version is the store's current one. */
interface Entry {
  visible: LiveEndpoint | undefined;
  readonly pending: PendingVersion[];
}

/** The pending entries of one application, and their keys by the UserId of the visible version. */
interface PendingApp {
  readonly entries: Map<string, Entry>;
  readonly byVisibleUser: Map<string, Set<string>>;
}

interface QueuedKey {
  readonly appId: string;
  readonly key: string;
  readonly visibleAt: number;
}

export class VisibilityOverlay {
  private readonly apps = new Map<string, PendingApp>();
  /** Keys in the order their versions were queued, so expired entries are dropped without a scan. */
  private queue: QueuedKey[] = [];
  private head = 0;
  private delayMs = 0;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Follows the store: delayed changes inside `delayed`, immediate ones otherwise, a reset on clear. */
  attach(store: EmulatorStore): () => void {
    return store.onChange((change) => {
      if (change.kind === 'cleared') this.clear();
      else this.record(change.appId, change.changes, this.delayMs);
    });
  }

  /** Runs a synchronous write whose store changes become visible only `delayMs` from now. */
  delayed<T>(delayMs: number, write: () => T): T {
    this.delayMs = delayMs;
    try {
      return write();
    } finally {
      this.delayMs = 0;
    }
  }

  /** The store's reads as a client sees them now. */
  view(store: EmulatorStore): ReadView {
    return {
      get: (appId, id) => this.get(appId, toIdKey(id), store.get(appId, id)),
      getUser: (appId, userId) => this.getUser(appId, userId, store.getUser(appId, userId)),
    };
  }

  clear(): void {
    this.apps.clear();
    this.queue = [];
    this.head = 0;
  }

  /** A change with no delay still queues behind pending versions of the same endpoint, then wins at once. */
  private record(appId: string, changes: readonly EndpointChange[], delayMs: number): void {
    const visibleAt = this.now() + Math.max(0, delayMs);
    for (const { key, before, after } of changes) {
      let app = this.apps.get(appId);
      let entry = app?.entries.get(key);
      if (!entry) {
        if (delayMs <= 0) continue;
        if (!app) this.apps.set(appId, (app = { entries: new Map(), byVisibleUser: new Map() }));
        app.entries.set(key, (entry = { visible: undefined, pending: [] }));
        setVisible(app, key, entry, before);
      }
      entry.pending.push({ endpoint: after, visibleAt });
      this.queue.push({ appId, key, visibleAt });
    }
    this.sweep();
  }

  private get(appId: string, key: string, current: LiveEndpoint | undefined): LiveEndpoint | undefined {
    this.sweep();
    const entry = this.settle(appId, key);
    return entry ? entry.visible : current;
  }

  /** `current` with pending endpoints replaced by their visible versions, which may belong to another user or none. */
  private getUser(appId: string, userId: string, current: readonly LiveEndpoint[]): LiveEndpoint[] {
    this.sweep();
    const app = this.apps.get(appId);
    if (!app) return [...current];
    const result: LiveEndpoint[] = [];
    const seen = new Set<string>();
    for (const endpoint of current) {
      const key = toIdKey(endpoint.Id);
      seen.add(key);
      const entry = this.settle(appId, key);
      const visible = entry ? entry.visible : endpoint;
      if (visible?.User?.UserId === userId) result.push(visible);
    }
    // Pending changes that moved an endpoint away from the user, or deleted it: still visible here.
    for (const key of [...(app.byVisibleUser.get(userId) ?? [])]) {
      if (seen.has(key)) continue;
      const visible = this.settle(appId, key)?.visible;
      if (visible?.User?.UserId === userId) result.push(visible);
    }
    return result;
  }

  /** Promotes the newest version that is due; drops the entry once nothing is pending. */
  private settle(appId: string, key: string): Entry | undefined {
    const app = this.apps.get(appId);
    const entry = app?.entries.get(key);
    if (!app || !entry) return undefined;
    const now = this.now();
    let due = -1;
    entry.pending.forEach((version, index) => {
      if (version.visibleAt <= now) due = index;
    });
    if (due >= 0) setVisible(app, key, entry, entry.pending.splice(0, due + 1).at(-1)!.endpoint);
    if (entry.pending.length > 0) return entry;
    setVisible(app, key, entry, undefined);
    app.entries.delete(key);
    if (app.entries.size === 0) this.apps.delete(appId);
    return undefined;
  }

  /** Drops entries whose versions are all visible, so memory follows the writes of the last delay. */
  private sweep(): void {
    const now = this.now();
    while (this.head < this.queue.length && this.queue[this.head]!.visibleAt <= now) {
      const { appId, key } = this.queue[this.head++]!;
      this.settle(appId, key);
    }
    if (this.head === this.queue.length) {
      this.queue = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }
}

/** Changes the version an entry shows, keeping the by-user index of the application in step. */
function setVisible(app: PendingApp, key: string, entry: Entry, endpoint: LiveEndpoint | undefined): void {
  const oldUser = entry.visible?.User?.UserId;
  const newUser = endpoint?.User?.UserId;
  entry.visible = endpoint;
  if (oldUser === newUser) return;
  if (oldUser !== undefined) {
    const keys = app.byVisibleUser.get(oldUser);
    keys?.delete(key);
    if (keys?.size === 0) app.byVisibleUser.delete(oldUser);
  }
  if (newUser !== undefined) {
    let keys = app.byVisibleUser.get(newUser);
    if (!keys) app.byVisibleUser.set(newUser, (keys = new Set()));
    keys.add(key);
  }
}

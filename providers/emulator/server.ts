// The HTTP server around the store: starts and stops it, records exchanges, and holds the live
// fault configuration. Handling one request is handle-request.ts; no endpoint rule lives here.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { FaultInjector, type EmulatorFaults } from './faults.js';
import { handleRequest, type RecordedRequest } from './handle-request.js';
import { DataFileWriter, loadStore } from './persistence.js';
import { StatsCounter, type EmulatorStats } from './stats.js';
import { EmulatorStore } from './store.js';
import { VisibilityOverlay } from './visibility.js';

export type { RecordedRequest } from './handle-request.js';

export interface EmulatorOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: an ephemeral port, see RunningEmulator.url. */
  port?: number;
  /** Load state from this JSON file at start and save it there after changes. */
  dataFile?: string;
  /** Keep only the most recent N recorded requests (default: all), for long-running servers. */
  maxRecordedRequests?: number;
  /** Injected failures (default: none). Adjustable later through RunningEmulator.faults. */
  faults?: EmulatorFaults;
  /**
   * Access key Id to secret access key. When given, every request must carry a valid AWS
   * Signature Version 4 made with one of them, or is refused as AWS refuses it (SPEC.md).
   * Default: any Authorization header, or none, is accepted.
   */
  credentials?: Readonly<Record<string, string>>;
  /** Serve HTTPS with this key and certificate (PEM) instead of HTTP. */
  tls?: { readonly key: string | Buffer; readonly cert: string | Buffer };
  /**
   * Milliseconds the emulator's clock runs ahead of the machine's (behind when negative): its
   * `Date` header and its signature checks use it, to test a client's clock-skew correction.
   */
  clockOffsetMs?: number;
}

export interface RunningEmulator {
  readonly url: string;
  readonly requests: RecordedRequest[];
  readonly store: EmulatorStore;
  /**
   * The faults in force, read by every request as it arrives: set a field, or assign a new object
   * (which also refills the rate buckets and restarts the dice from the seed). Invalid values throw.
   */
  faults: EmulatorFaults;
  /** Counters since start or resetStats(): requests, 429s, each fault, concurrency. */
  stats(): EmulatorStats;
  resetStats(): void;
  flush(): Promise<void>;
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  // First, so that invalid faults fail before anything is loaded or opened.
  const faults = new FaultInjector(options.faults ?? {});
  const store = options.dataFile ? await loadStore(options.dataFile) : new EmulatorStore();
  const writer = options.dataFile ? new DataFileWriter(options.dataFile, store) : undefined;
  const stopWatching = store.onChange(() => writer?.schedule());
  const visibility = new VisibilityOverlay();
  const stopOverlay = visibility.attach(store);
  const stats = new StatsCounter();
  const requests: RecordedRequest[] = [];
  const maxRecorded = options.maxRecordedRequests ?? Infinity;
  const record = (entry: RecordedRequest) => {
    stats.count(entry.status, entry.fault);
    requests.push(entry);
    if (requests.length > maxRecorded) requests.splice(0, requests.length - maxRecorded);
  };
  let closing: Promise<void> | undefined;

  const credentials = options.credentials === undefined ? undefined : new Map(Object.entries(options.credentials));
  const clockOffsetMs = options.clockOffsetMs ?? 0;
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    // Keep-alive connections must not hold close() open once it has been asked for.
    if (closing) res.setHeader('connection', 'close');
    if (clockOffsetMs !== 0) res.setHeader('date', new Date(Date.now() + clockOffsetMs).toUTCString());
    // handleRequest answers every failure itself; this only guards against a broken socket.
    stats.begin();
    handleRequest({ store, faults, visibility, record, clockOffsetMs, ...(credentials === undefined ? {} : { credentials }) }, req, res)
      .catch(() => res.destroy())
      .finally(() => stats.end());
  };
  const server = options.tls === undefined ? createServer(listener) : createTlsServer({ key: options.tls.key, cert: options.tls.cert }, listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `${options.tls === undefined ? 'http' : 'https'}://${host.includes(':') ? `[${host}]` : host}:${port}`;

  const close = async () => {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    stopWatching();
    stopOverlay();
    await writer?.flush();
  };
  return {
    url,
    requests,
    store,
    get faults() {
      return faults.faults;
    },
    set faults(next: EmulatorFaults) {
      faults.faults = next;
    },
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
    flush: () => writer?.flush() ?? Promise.resolve(),
    close: () => (closing ??= close()),
  };
}

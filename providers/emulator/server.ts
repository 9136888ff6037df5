// The HTTP layer: routes a request, reads and parses its body, runs the operation, serialises the
// answer or the error, and records the exchange. No endpoint rule lives here.

import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EmulatorError, badRequest, isEmulatorError } from './errors.js';
import { readBody, sendError, sendJson } from './http-io.js';
import { runOperation } from './operations.js';
import { DataFileWriter, loadStore } from './persistence.js';
import { matchRoute, type OperationName } from './routes.js';
import { MAX_PAYLOAD_BYTES, MESSAGES } from './rules.js';
import { EmulatorStore } from './store.js';

export interface EmulatorOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: an ephemeral port, see RunningEmulator.url. */
  port?: number;
  /** Load state from this JSON file at start and save it there after changes. */
  dataFile?: string;
  /** Keep only the most recent N recorded requests (default: all), for long-running servers. */
  maxRecordedRequests?: number;
}

export interface RecordedRequest {
  readonly operation: OperationName | 'Unknown';
  readonly method: string;
  /** The path as received (still URL-encoded), without the query string. */
  readonly path: string;
  readonly applicationId?: string;
  readonly status: number;
  /** Request body size in bytes. */
  readonly bytes: number;
  /** Parsed JSON body of write requests (absent when it did not parse). */
  readonly body?: unknown;
}

export interface RunningEmulator {
  readonly url: string;
  readonly requests: RecordedRequest[];
  readonly store: EmulatorStore;
  flush(): Promise<void>;
  close(): Promise<void>;
}

const WRITE_OPERATIONS: ReadonlySet<string> = new Set<OperationName>(['UpdateEndpointsBatch', 'UpdateEndpoint']);

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  const store = options.dataFile ? await loadStore(options.dataFile) : new EmulatorStore();
  const writer = options.dataFile ? new DataFileWriter(options.dataFile, store) : undefined;
  const stopWatching = store.onChange(() => writer?.schedule());
  const requests: RecordedRequest[] = [];
  const maxRecorded = options.maxRecordedRequests ?? Infinity;
  const record = (entry: RecordedRequest) => {
    requests.push(entry);
    if (requests.length > maxRecorded) requests.splice(0, requests.length - maxRecorded);
  };
  let closing: Promise<void> | undefined;

  const server = createServer((req, res) => {
    // Keep-alive connections must not hold close() open once it has been asked for.
    if (closing) res.setHeader('connection', 'close');
    // handleRequest answers every failure itself; this only guards against a broken socket.
    handleRequest(store, req, res, record).catch(() => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  const close = async () => {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    stopWatching();
    await writer?.flush();
  };
  return {
    url,
    requests,
    store,
    flush: () => writer?.flush() ?? Promise.resolve(),
    close: () => (closing ??= close()),
  };
}

async function handleRequest(
  store: EmulatorStore,
  req: IncomingMessage,
  res: ServerResponse,
  record: (entry: RecordedRequest) => void,
): Promise<void> {
  const requestId = randomUUID();
  const method = req.method ?? 'GET';
  const path = (req.url ?? '/').split('?')[0]!;
  const route = matchRoute(method, req.url ?? '/');
  const operation = route.kind === 'operation' ? route.operation : 'Unknown';
  const applicationId = route.kind === 'operation' || route.kind === 'method-not-allowed' ? route.applicationId : undefined;
  let bytes = 0;
  let body: unknown;
  const finish = (status: number) =>
    record({
      operation,
      method,
      path,
      ...(applicationId === undefined ? {} : { applicationId }),
      status,
      bytes,
      ...(body === undefined ? {} : { body }),
    });

  let errorHeaders: Record<string, string> = {};
  try {
    const read = await readBody(req, MAX_PAYLOAD_BYTES);
    bytes = read.bytes;
    if (route.kind === 'bad-path') throw badRequest(route.message);
    if (route.kind === 'not-found') throw new EmulatorError('NotFoundException', `No such resource: ${method} ${path}`);
    if (route.kind === 'method-not-allowed') {
      errorHeaders = { allow: route.allowed.join(', ') };
      throw new EmulatorError('MethodNotAllowedException', `Method ${method} is not allowed on ${path}`);
    }
    if (read.kind === 'too-large') throw new EmulatorError('PayloadTooLargeException', MESSAGES.payloadTooLarge);
    if (WRITE_OPERATIONS.has(route.operation)) body = parseJsonBody(read.text);
    const result = runOperation(store, route, body, requestId);
    sendJson(res, result.status, result.body, requestId);
    finish(result.status);
  } catch (caught) {
    const error = isEmulatorError(caught)
      ? caught
      : new EmulatorError('InternalServerErrorException', `Emulator failure: ${(caught as Error)?.message ?? String(caught)}`);
    if (!res.headersSent && !res.destroyed) sendError(res, error, requestId, errorHeaders);
    finish(error.status);
  }
}

function parseJsonBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw badRequest(`Malformed JSON body: ${(error as Error).message}`);
  }
}

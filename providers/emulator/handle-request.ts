// One HTTP exchange: read the body, inject the configured faults, route, parse, run the operation,
// serialise the answer or the error, and record the exchange. No endpoint rule lives here.

import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { EmulatorError, badRequest, isEmulatorError } from './errors.js';
import type { FaultInjector, FaultKind } from './faults.js';
import { readBody, sendError, sendJson } from './http-io.js';
import { runOperation } from './operations.js';
import { matchRoute, type OperationName } from './routes.js';
import { MAX_PAYLOAD_BYTES, MESSAGES } from './rules.js';
import { checkSignature } from './signature.js';
import type { EmulatorStore } from './store.js';
import type { VisibilityOverlay } from './visibility.js';

export interface RecordedRequest {
  readonly operation: OperationName | 'Unknown';
  readonly method: string;
  /** The path as received (still URL-encoded), without the query string. */
  readonly path: string;
  readonly applicationId?: string;
  /**
   * The status answered; 0 when the connection was reset before any answer. For a
   * 'reset-after-apply' fault, the status the applied operation would have answered.
   */
  readonly status: number;
  /** Request body size in bytes. */
  readonly bytes: number;
  /** Parsed JSON body of write requests (absent when it did not parse). */
  readonly body?: unknown;
  /** The injected fault that decided the answer, if any. */
  readonly fault?: FaultKind;
  /** The client's User-Agent header, when it sent one. */
  readonly userAgent?: string;
}

export interface RequestContext {
  readonly store: EmulatorStore;
  /** Access key Id to secret: when present, every request must be signed with one of them. */
  readonly credentials?: ReadonlyMap<string, string>;
  /** How far the emulator's clock is ahead of the machine's (behind when negative). */
  readonly clockOffsetMs?: number;
  readonly faults: FaultInjector;
  readonly visibility: VisibilityOverlay;
  record(entry: RecordedRequest): void;
}

/** Operations whose body is a JSON document. */
const BODY_OPERATIONS: ReadonlySet<string> = new Set<OperationName>(['UpdateEndpointsBatch', 'UpdateEndpoint']);

export async function handleRequest(ctx: RequestContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const requestId = randomUUID();
  const method = req.method ?? 'GET';
  const path = (req.url ?? '/').split('?')[0]!;
  const route = matchRoute(method, req.url ?? '/');
  const operation = route.kind === 'operation' ? route.operation : 'Unknown';
  const applicationId = route.kind === 'operation' || route.kind === 'method-not-allowed' ? route.applicationId : undefined;
  const userAgent = req.headers['user-agent'];
  let bytes = 0;
  let body: unknown;
  let fault: FaultKind | undefined;
  const finish = (status: number) =>
    ctx.record({
      operation,
      method,
      path,
      ...(applicationId === undefined ? {} : { applicationId }),
      status,
      bytes,
      ...(body === undefined ? {} : { body }),
      ...(fault === undefined ? {} : { fault }),
      ...(userAgent === undefined ? {} : { userAgent }),
    });

  let errorHeaders: Record<string, string> = {};
  try {
    const read = await readBody(req, MAX_PAYLOAD_BYTES);
    bytes = read.bytes;
    // As AWS: the signature is checked before the service, its faults included, sees the request.
    if (ctx.credentials !== undefined && read.kind === 'ok') {
      checkSignature({ method, url: req.url ?? '/', headers: req.headersDistinct, body: read.raw }, ctx.credentials, Date.now() + (ctx.clockOffsetMs ?? 0));
    }
    const latencyMs = ctx.faults.faults.latencyMs ?? 0;
    if (latencyMs > 0) await sleep(latencyMs);
    // Parsed before the faults so that a faulted write still records what was attempted.
    let parseError: string | undefined;
    if (route.kind === 'operation' && BODY_OPERATIONS.has(route.operation) && read.kind === 'ok') {
      try {
        body = JSON.parse(read.text);
      } catch (error) {
        parseError = (error as Error).message;
      }
    }
    let resetAfterApply = false;
    if (route.kind === 'operation') {
      const decision = ctx.faults.decide(route.operation);
      if (decision.kind === 'reset') {
        fault = 'reset';
        resetConnection(req, res);
        finish(0);
        return;
      }
      if (decision.kind === 'reject') {
        fault = decision.fault;
        errorHeaders = decision.headers;
        throw decision.error;
      }
      resetAfterApply = decision.resetAfterApply;
    }
    if (route.kind === 'bad-path') throw badRequest(route.message);
    if (route.kind === 'not-found') throw new EmulatorError('NotFoundException', `No such resource: ${method} ${path}`);
    if (route.kind === 'method-not-allowed') {
      errorHeaders = { allow: route.allowed.join(', ') };
      throw new EmulatorError('MethodNotAllowedException', `Method ${method} is not allowed on ${path}`);
    }
    if (read.kind === 'too-large') throw new EmulatorError('PayloadTooLargeException', MESSAGES.payloadTooLarge);
    if (parseError !== undefined) throw badRequest(`Malformed JSON body: ${parseError}`);
    const poisoned = ctx.faults.findPoisonedItem(route, body);
    if (poisoned) {
      fault = 'poisoned';
      throw poisoned;
    }
    const delayMs = ctx.faults.faults.visibilityDelayMs ?? 0;
    const view = ctx.visibility.view(ctx.store);
    const result = ctx.visibility.delayed(delayMs, () => runOperation(ctx.store, route, body, requestId, view));
    if (resetAfterApply) {
      fault = 'reset-after-apply';
      resetConnection(req, res);
    } else {
      sendJson(res, result.status, result.body, requestId);
    }
    finish(result.status);
  } catch (caught) {
    const error = isEmulatorError(caught)
      ? caught
      : new EmulatorError('InternalServerErrorException', `Emulator failure: ${(caught as Error)?.message ?? String(caught)}`);
    if (!res.headersSent && !res.destroyed) sendError(res, error, requestId, errorHeaders);
    finish(error.status);
  }
}

/** A TCP reset where possible (the client sees ECONNRESET), otherwise a plain close. */
function resetConnection(req: IncomingMessage, res: ServerResponse): void {
  const socket = req.socket;
  try {
    if (!socket.destroyed) socket.resetAndDestroy();
  } catch {
    res.destroy();
  }
}

// The HTTP transport under the AWS SDK client: what the SDK's own NodeHttpHandler does for the
// calls pinsync makes, without the per-request work those calls never need.

import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { buildQueryString } from '@smithy/core/protocols';
import type { HttpHandlerOptions, HttpRequest, HttpResponse, RequestHandler } from '@smithy/types';

export interface LeanHttpHandlerOptions {
  /** Milliseconds a new connection may take to be established; none when 0 or absent. */
  readonly connectionTimeout?: number;
}

/** Error codes the SDK's handler names TimeoutError: a connection lost while waiting counts as one. */
const TIMEOUT_CODES: ReadonlySet<string> = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT']);

/**
 * The SDK's `requestHandler` for pinsync's client: HTTP/1.1 on keep-alive agents of 50 sockets
 * each, as the SDK's NodeHttpHandler, for Pinpoint's small JSON requests and answers.
 *
 * NodeHttpHandler, on every request, arms and clears a timer to warn of socket exhaustion and
 * another to set TCP keep-alive on the socket, and hands the SDK the answer as a stream that the
 * SDK then collects. Here the answer is collected as it arrives and handed over whole, and sockets
 * are set to keep-alive once, by the agent. At thousands of reads a plan, on loopback, that work was
 * a measurable part of what each read costs (docs/benchmarks.md).
 *
 * Errors are those of NodeHttpHandler: Node's own, named TimeoutError for ECONNRESET, EPIPE and
 * ETIMEDOUT; AbortError when the abort signal fires; TimeoutError past the connection timeout,
 * the only timeout the SDK's defaults set (by defaults mode: none in the default, "legacy").
 */
export class LeanHttpHandler implements RequestHandler<HttpRequest, HttpResponse, HttpHandlerOptions> {
  readonly metadata = { handlerProtocol: 'http/1.1' };
  private readonly httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 50 });
  private readonly httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 50 });
  private options: Promise<LeanHttpHandlerOptions> | undefined;
  private connectionTimeout: number | undefined;

  /** `options` is asked for once, at the first request: the SDK's defaults mode may need a lookup. */
  constructor(private readonly optionsProvider: () => Promise<LeanHttpHandlerOptions> = async () => ({})) {}

  async handle(request: HttpRequest, handlerOptions: HttpHandlerOptions = {}): Promise<{ response: HttpResponse }> {
    if (this.connectionTimeout === undefined) {
      const options = await (this.options ??= this.optionsProvider());
      this.connectionTimeout = options.connectionTimeout ?? 0;
    }
    return this.send(request, handlerOptions.abortSignal, this.connectionTimeout);
  }

  private send(request: HttpRequest, signal: HttpHandlerOptions['abortSignal'], connectionTimeout: number): Promise<{ response: HttpResponse }> {
    if (signal?.aborted) return Promise.reject(abortError(signal));
    const secure = request.protocol === 'https:';
    let path = request.path;
    const query = request.query === undefined ? '' : buildQueryString(request.query);
    if (query) path += `?${query}`;
    if (request.fragment) path += `#${request.fragment}`;
    const { hostname } = request;
    const options: RequestOptions = {
      headers: request.headers,
      host: hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname,
      method: request.method,
      path,
      port: request.port,
      agent: secure ? this.httpsAgent : this.httpAgent,
    };
    if (request.username != null || request.password != null) options.auth = `${request.username ?? ''}:${request.password ?? ''}`;

    return new Promise((resolve, reject) => {
      let settled = false;
      const fail = (error: Error & { code?: string }): void => {
        if (settled) return;
        settled = true;
        if (error.code !== undefined && TIMEOUT_CODES.has(error.code)) error.name = 'TimeoutError';
        reject(error);
      };
      const req = (secure ? httpsRequest : httpRequest)(options, (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', fail);
        res.on('end', () => {
          if (settled) return;
          settled = true;
          resolve({
            response: {
              statusCode: res.statusCode ?? -1,
              reason: res.statusMessage,
              headers: flatHeaders(res.headers),
              body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks),
            },
          });
        });
      });
      req.on('error', fail);
      if (connectionTimeout > 0) limitConnectTime(req, connectionTimeout, fail);
      if (signal !== undefined) {
        const onAbort = (): void => {
          req.destroy();
          fail(abortError(signal));
        };
        if ('addEventListener' in signal) {
          signal.addEventListener('abort', onAbort, { once: true });
          req.once('close', () => signal.removeEventListener('abort', onAbort));
        } else {
          signal.onabort = onAbort;
        }
      }
      writeBody(req, request.body);
    });
  }

  updateHttpClientConfig(): void {}

  httpHandlerConfigs(): Record<string, never> {
    return {};
  }

  destroy(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}

/** Only a socket still connecting is timed: one reused from the pool is connected already. */
function limitConnectTime(req: ClientRequest, ms: number, fail: (error: Error) => void): void {
  req.once('socket', (socket) => {
    if (!socket.connecting) return;
    const timer = setTimeout(() => {
      req.destroy();
      const error = new Error(`the request socket did not establish a connection with the server within the configured timeout of ${ms} ms.`);
      error.name = 'TimeoutError';
      fail(error);
    }, ms);
    socket.once('connect', () => clearTimeout(timer));
    req.once('close', () => clearTimeout(timer));
  });
}

function writeBody(req: ClientRequest, body: unknown): void {
  if (body === undefined || body === null) req.end();
  else if (typeof body === 'string' || body instanceof Uint8Array) req.end(body);
  else if (typeof (body as NodeJS.ReadableStream).pipe === 'function') (body as NodeJS.ReadableStream).pipe(req);
  else req.end(Buffer.from(body as ArrayBuffer));
}

function abortError(signal: NonNullable<HttpHandlerOptions['abortSignal']>): Error {
  const reason: unknown = 'reason' in signal ? signal.reason : undefined;
  const error = reason instanceof Error ? new Error('Request aborted', { cause: reason }) : new Error(reason === undefined ? 'Request aborted' : String(reason));
  error.name = 'AbortError';
  return error;
}

/** Headers as NodeHttpHandler hands them on: names in lower case, repeated values joined. */
function flatHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return out;
}

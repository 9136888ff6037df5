// Reading request bodies within the payload limit and writing rest-json responses.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorError } from './errors.js';

export type BodyResult =
  | { readonly kind: 'ok'; readonly bytes: number; readonly raw: Buffer; readonly text: string }
  | { readonly kind: 'too-large'; readonly bytes: number };

/**
 * Reads the body, keeping at most `limit` bytes in memory. A larger body (announced by
 * Content-Length or found while streaming) is read to the end and discarded, so that the client,
 * which sends the whole body before reading the answer, gets a clean 413 instead of a reset.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  return new Promise((resolve, reject) => {
    const announced = Number(req.headers['content-length'] ?? 0);
    let tooLarge = Number.isFinite(announced) && announced > limit;
    let bytes = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (!tooLarge && bytes > limit) {
        tooLarge = true;
        chunks.length = 0;
      }
      if (!tooLarge) chunks.push(chunk);
    });
    let ended = false;
    req.on('end', () => {
      ended = true;
      if (tooLarge) resolve({ kind: 'too-large', bytes });
      else {
        const raw = Buffer.concat(chunks);
        resolve({ kind: 'ok', bytes, raw, text: raw.toString('utf8') });
      }
    });
    req.on('error', reject);
    req.on('close', () => {
      if (!ended) reject(new Error('the client went away before sending the whole body'));
    });
  });
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  requestId: string,
  headers: Record<string, string> = {},
): void {
  const payload = Buffer.from(JSON.stringify(body), 'utf8');
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(payload.length),
    'x-amzn-requestid': requestId,
    ...headers,
  });
  res.end(payload);
}

/** The rest-json error form the AWS SDK parses: name in x-amzn-errortype, Message in the body. */
export function sendError(res: ServerResponse, error: EmulatorError, requestId: string, headers: Record<string, string> = {}): void {
  sendJson(res, error.status, { Message: error.message, RequestID: requestId }, requestId, {
    'x-amzn-errortype': error.errorType,
    ...headers,
  });
}

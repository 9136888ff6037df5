// Checking a request's AWS Signature Version 4, as AWS does before a service sees the request:
// the emulator recomputes the signature from what arrived, with the secret of the access key the
// request names, and refuses the request when the two differ. Off unless the emulator is given
// credentials (EmulatorOptions.credentials).

import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { EmulatorError } from './errors.js';
import { SIGNATURE_MAX_SKEW_MS, SIGNING_SERVICE } from './rules.js';

/** What a signature covers, as the request arrived. */
export interface SignedRequest {
  readonly method: string;
  /** The request target as received: path (still percent-encoded) and query string. */
  readonly url: string;
  /** Every value of each header, by lower-case name (Node's `headersDistinct`). */
  readonly headers: NodeJS.Dict<string[]>;
  readonly body: Buffer;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';
const AUTHORIZATION = /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request, ?SignedHeaders=([a-z0-9;_.-]+), ?Signature=([0-9a-f]{64})$/;

/**
 * Throws the error AWS answers with when the request's signature is missing, names an unknown
 * access key, is stale, or does not match; returns when it is valid. `now` is milliseconds.
 */
export function checkSignature(request: SignedRequest, credentials: ReadonlyMap<string, string>, now: number): void {
  const header = single(request.headers['authorization']);
  if (header === undefined || header === '') throw new EmulatorError('MissingAuthenticationTokenException', 'Missing Authentication Token');
  const match = AUTHORIZATION.exec(header);
  if (match === null) throw mismatch(`Authorization header is not ${ALGORITHM} with Credential, SignedHeaders and Signature.`);
  const [, accessKeyId, date, region, service, signedHeaderList, signature] = match as unknown as [string, string, string, string, string, string, string];
  const secret = credentials.get(accessKeyId);
  if (secret === undefined) throw new EmulatorError('UnrecognizedClientException', 'The security token included in the request is invalid.');
  if (service !== SIGNING_SERVICE) throw mismatch(`Credential should be scoped to correct service: '${SIGNING_SERVICE}'.`);

  const amzDate = single(request.headers['x-amz-date']);
  if (amzDate === undefined || !/^\d{8}T\d{6}Z$/.test(amzDate)) throw mismatch('the X-Amz-Date header is missing or not in the form YYYYMMDDTHHMMSSZ.');
  if (!amzDate.startsWith(date)) throw mismatch(`Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${date}' != '${amzDate.slice(0, 8)}'.`);
  const signedAt = Date.UTC(+amzDate.slice(0, 4), +amzDate.slice(4, 6) - 1, +amzDate.slice(6, 8), +amzDate.slice(9, 11), +amzDate.slice(11, 13), +amzDate.slice(13, 15));
  // AWS's own wording, which names the bound and the server's time.
  const minutes = SIGNATURE_MAX_SKEW_MS / 60_000;
  if (signedAt < now - SIGNATURE_MAX_SKEW_MS) {
    throw mismatch(`Signature expired: ${amzDate} is now earlier than ${isoBasic(now - SIGNATURE_MAX_SKEW_MS)} (${isoBasic(now)} - ${minutes} min.)`);
  }
  if (signedAt > now + SIGNATURE_MAX_SKEW_MS) {
    throw mismatch(`Signature not yet current: ${amzDate} is still later than ${isoBasic(now + SIGNATURE_MAX_SKEW_MS)} (${isoBasic(now)} + ${minutes} min.)`);
  }

  const signedHeaders = signedHeaderList.split(';');
  if (!signedHeaders.includes('host')) throw mismatch("'Host' must be a signed header.");
  const scope = `${date}/${region}/${service}/aws4_request`;
  const canonical = canonicalRequest(request, signedHeaders);
  const stringToSign = `${ALGORITHM}\n${amzDate}\n${scope}\n${sha256Hex(canonical)}`;
  const key = ['aws4_request'].reduce(hmac, [date, region, service].reduce(hmac, Buffer.from(`AWS4${secret}`)));
  const expected = createHmac('sha256', key).update(stringToSign).digest();
  if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) {
    throw mismatch('The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.');
  }
}

/** The canonical request of SigV4 for services other than S3 (the path is normalised and encoded again). */
function canonicalRequest(request: SignedRequest, signedHeaders: readonly string[]): string {
  const queryAt = request.url.indexOf('?');
  const path = queryAt < 0 ? request.url : request.url.slice(0, queryAt);
  const query = queryAt < 0 ? '' : request.url.slice(queryAt + 1);
  const headers = signedHeaders.map((name) => `${name}:${headerValue(request.headers, name)}\n`).join('');
  const payloadHash = sha256Hex(request.body);
  const announced = single(request.headers['x-amz-content-sha256']);
  if (announced !== undefined && announced !== payloadHash) throw mismatch('The provided x-amz-content-sha256 header does not match what was computed.');
  return [request.method, canonicalPath(path), canonicalQuery(query), headers, signedHeaders.join(';'), payloadHash].join('\n');
}

function canonicalPath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const normalised = `${path.startsWith('/') ? '/' : ''}${segments.join('/')}${segments.length > 0 && path.endsWith('/') ? '/' : ''}`;
  return escape(normalised).replace(/%2F/g, '/');
}

function canonicalQuery(query: string): string {
  if (query === '') return '';
  const pairs = query.split('&').map((part) => {
    const eq = part.indexOf('=');
    const key = decode(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? '' : decode(part.slice(eq + 1));
    return [escape(key), escape(value)] as const;
  });
  pairs.sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

/** A header as SigV4 signs it: repeated values joined by commas, line breaks, tabs and space runs one space, trimmed. */
function headerValue(headers: SignedRequest['headers'], name: string): string {
  const text = (headers[name] ?? []).join(',');
  return text.replace(/[\r\n]/g, ' ').replace(/[ \t]+/g, ' ').replace(/^ | $/g, '');
}

function single(values: string[] | undefined): string | undefined {
  return values?.[0];
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function escape(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function hmac(key: Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function isoBasic(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]|\.\d{3}/g, '');
}

function mismatch(message: string): EmulatorError {
  return new EmulatorError('InvalidSignatureException', message);
}

import { ProviderError, type ProviderErrorKind } from '../types.js';

const KIND_BY_NAME: Readonly<Record<string, ProviderErrorKind>> = {
  BadRequestException: 'bad-request',
  NotFoundException: 'not-found',
  ForbiddenException: 'forbidden',
  TooManyRequestsException: 'throttled',
  PayloadTooLargeException: 'payload-too-large',
  InternalServerErrorException: 'server',
  MethodNotAllowedException: 'bad-request',
};

/** The connection was made and lost: worth another try. */
const NETWORK_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET']);
/** No connection could be made: a wrong URL or a server that is down, not worth hammering. */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** The server's TLS certificate was not accepted (Node's codes, from OpenSSL's verification): no retry can help. */
const CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'INVALID_CA',
  'HOSTNAME_MISMATCH',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

interface SdkErrorLike {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string; clockSkewCorrected?: boolean };
  $response?: { headers?: Record<string, string | undefined> };
}

/** Retry-After in seconds or as an HTTP date, in milliseconds from now. */
function retryAfterOf(e: SdkErrorLike): number | undefined {
  const value = e.$response?.headers?.['retry-after'] ?? e.$response?.headers?.['Retry-After'];
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Maps whatever the SDK threw to a ProviderError; core/ branches on `kind`, never on messages. */
export function toProviderError(error: unknown, where: string): ProviderError {
  const e = (error ?? {}) as SdkErrorLike;
  const status = e.$metadata?.httpStatusCode;
  const requestId = e.$metadata?.requestId;
  const name = e.name ?? 'Error';
  const message = e.message ?? String(error);
  const retryAfterMs = retryAfterOf(e);
  if (name === 'CredentialsProviderError' || /could not load credentials/i.test(message)) {
    return new ProviderError('config', credentialsHelp(), { cause: error });
  }
  if (/region is missing/i.test(message)) {
    return new ProviderError('config', regionHelp(), { cause: error });
  }
  const byName = KIND_BY_NAME[name];
  if (byName !== undefined) {
    return new ProviderError(byName, `${name}: ${message}`, { status, errorName: name, requestId, retryAfterMs, cause: error });
  }
  if (e.code !== undefined && UNREACHABLE_CODES.has(e.code)) {
    return new ProviderError('unreachable', `cannot reach Pinpoint at ${where}: ${e.code}`, { cause: error });
  }
  if (e.code !== undefined && CERTIFICATE_CODES.has(e.code)) {
    return new ProviderError('config', `the TLS certificate of Pinpoint at ${where} is not trusted: ${message} (${e.code}). ${certificateHelp()}`, { cause: error });
  }
  // A server that answers a TLS handshake in plain HTTP: no retry can help. Other handshake
  // failures (a connection dropped half-way) are lost connections, retried below.
  if (e.code === 'EPROTO' && /wrong version number/i.test(message)) {
    return new ProviderError('config', `Pinpoint at ${where} did not answer in TLS: for a server that speaks plain HTTP, give an http:// URL`, { cause: error });
  }
  // A signature refused for its time, once the SDK has measured this machine's clock against the
  // server's from the answer: the next attempt is signed with the corrected time.
  if (status === 403 && e.$metadata?.clockSkewCorrected === true) {
    return new ProviderError('network', `Pinpoint refused the request's time (this machine's clock is off); signing again with the server's: ${message}`, { status, errorName: name, requestId, cause: error });
  }
  if (e.code !== undefined && NETWORK_CODES.has(e.code)) {
    return new ProviderError('network', `connection to Pinpoint at ${where} lost: ${e.code}`, { cause: error });
  }
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new ProviderError('network', `request to Pinpoint at ${where} timed out`, { cause: error });
  }
  if (status !== undefined && status >= 500) {
    return new ProviderError('server', `Pinpoint answered ${status}: ${message}`, { status, errorName: name, requestId, cause: error });
  }
  if (status === 429) return new ProviderError('throttled', `${name}: ${message}`, { status, errorName: name, requestId, retryAfterMs });
  if (status === 403) return new ProviderError('forbidden', `${name}: ${message}`, { status, errorName: name, requestId });
  if (status !== undefined && status >= 400) {
    return new ProviderError('bad-request', `${name}: ${message}`, { status, errorName: name, requestId, cause: error });
  }
  return new ProviderError('network', `request to Pinpoint at ${where} failed: ${message}`, { cause: error });
}

export function regionHelp(): string {
  return 'no AWS region is set: pass --region, set AWS_REGION, or set a region in your AWS profile (~/.aws/config)';
}

export function credentialsHelp(): string {
  return (
    'no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, pass --profile NAME, ' +
    'or configure the default profile (for a local emulator any non-empty values will do; --local needs none)'
  );
}

export function certificateHelp(): string {
  return "If the certificate is signed by your own certificate authority (a proxy's, say), set NODE_EXTRA_CA_CERTS to a PEM file holding that authority's certificate.";
}

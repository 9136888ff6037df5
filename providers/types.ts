// The narrow interface between core/ and whatever holds endpoints (AWS Pinpoint through the SDK,
// or the embedded emulator through the same SDK). core/ imports this file and nothing else from
// providers/, so the planner and the apply loop never see a network client.

export const CHANNEL_TYPES = [
  'PUSH',
  'GCM',
  'APNS',
  'APNS_SANDBOX',
  'APNS_VOIP',
  'APNS_VOIP_SANDBOX',
  'ADM',
  'SMS',
  'VOICE',
  'EMAIL',
  'BAIDU',
  'CUSTOM',
  'IN_APP',
] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

/** Push channels: a 16th endpoint for a UserId evicts the oldest push endpoint instead of failing. */
export const PUSH_CHANNEL_TYPES: readonly ChannelType[] = [
  'ADM',
  'GCM',
  'APNS',
  'APNS_VOIP',
  'APNS_VOIP_SANDBOX',
  'BAIDU',
];

export type AttributeMap = Readonly<Record<string, readonly string[]>>;
export type MetricMap = Readonly<Record<string, number>>;

export interface EndpointUser {
  readonly UserId?: string;
  readonly UserAttributes?: AttributeMap;
}

export interface EndpointDemographic {
  readonly AppVersion?: string;
  readonly Locale?: string;
  readonly Make?: string;
  readonly Model?: string;
  readonly ModelVersion?: string;
  readonly Platform?: string;
  readonly PlatformVersion?: string;
  readonly Timezone?: string;
}

export interface EndpointLocation {
  readonly City?: string;
  readonly Country?: string;
  readonly Latitude?: number;
  readonly Longitude?: number;
  readonly PostalCode?: string;
  readonly Region?: string;
}

/** The fields a client may write: Pinpoint's EndpointBatchItem less the server-managed ones. */
export interface EndpointFields {
  readonly ChannelType?: ChannelType;
  readonly Address?: string;
  readonly Attributes?: AttributeMap;
  readonly Metrics?: MetricMap;
  readonly User?: EndpointUser;
  readonly Demographic?: EndpointDemographic;
  readonly Location?: EndpointLocation;
  readonly OptOut?: string;
  readonly EndpointStatus?: string;
}

/** One item of an UpdateEndpointsBatch request. */
export interface EndpointItem extends EndpointFields {
  readonly Id: string;
}

/** An endpoint as Pinpoint returns it (EndpointResponse). */
export interface LiveEndpoint extends EndpointItem {
  readonly ApplicationId?: string;
  readonly CohortId?: string;
  readonly CreationDate?: string;
  readonly EffectiveDate?: string;
  readonly RequestId?: string;
}

export interface WriteResult {
  /** Pinpoint's RequestID for the accepted request. */
  readonly requestId?: string;
  /** How many attempts it took, when the caller retried. */
  readonly attempts?: number;
}

export type ProviderErrorKind =
  | 'bad-request' // 400: the request (or an item in it) is invalid
  | 'not-found' // 404
  | 'forbidden' // 403: credentials lack permission
  | 'throttled' // 429
  | 'payload-too-large' // 413
  | 'server' // 5xx
  | 'config' // no region, no credentials, bad endpoint URL
  | 'network' // connection reset or timed out: worth retrying
  | 'unreachable'; // connection refused, host not found: a wrong URL or a server that is down

/** Every failure a provider reports. core/ branches on `kind`, never on message text. */
export class ProviderError extends Error {
  readonly kind: ProviderErrorKind;
  readonly status?: number;
  readonly errorName?: string;
  readonly requestId?: string;
  /** The server's Retry-After, when it sent one. */
  readonly retryAfterMs?: number;

  constructor(
    kind: ProviderErrorKind,
    message: string,
    details: { status?: number; errorName?: string; requestId?: string; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'ProviderError';
    this.kind = kind;
    this.status = details.status;
    this.errorName = details.errorName;
    this.requestId = details.requestId;
    this.retryAfterMs = details.retryAfterMs;
  }
}

export function isProviderError(e: unknown): e is ProviderError {
  return e instanceof Error && (e as { name?: string }).name === 'ProviderError' && 'kind' in e;
}

export interface ProviderStats {
  readCalls: number;
  writeCalls: number;
  deleteCalls: number;
  /** Attempts repeated after a throttle, a server error or a lost connection. */
  retries?: number;
}

/** Pinpoint's endpoint operations, by the names of its API. */
export type OperationName =
  | 'UpdateEndpointsBatch'
  | 'UpdateEndpoint'
  | 'GetEndpoint'
  | 'GetUserEndpoints'
  | 'DeleteEndpoint'
  | 'DeleteUserEndpoints';

/**
 * Pinpoint's documented request-rate quotas per account and region (shared with the production
 * app's own traffic): the default ceilings when talking to AWS.
 */
export const AWS_RATE_QUOTAS: Readonly<Record<OperationName, number>> = {
  GetEndpoint: 10,
  DeleteEndpoint: 5,
  UpdateEndpoint: 10,
  UpdateEndpointsBatch: 2,
  GetUserEndpoints: 300,
  DeleteUserEndpoints: 300,
};

/** What core/ needs from a store of endpoints. One provider instance serves one application. */
export interface EndpointProvider {
  /** Where this provider talks to, for messages ("AWS us-east-1", "emulator at http://..."). */
  readonly description: string;
  /** undefined when the endpoint does not exist. */
  getEndpoint(id: string): Promise<LiveEndpoint | undefined>;
  /** Every endpoint carrying this UserId; empty when there is none. */
  getUserEndpoints(userId: string): Promise<readonly LiveEndpoint[]>;
  /** One UpdateEndpointsBatch call; the caller keeps items within Pinpoint's limits. */
  writeBatch(items: readonly EndpointItem[]): Promise<WriteResult>;
  /** One DeleteEndpoint call; false when there was nothing to delete. */
  deleteEndpoint(id: string): Promise<boolean>;
  /** Counts of the calls made so far. */
  stats(): ProviderStats;
  close(): Promise<void>;
}

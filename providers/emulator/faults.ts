// Fault injection: the failures real Pinpoint produces (rate quotas, throttling storms, server
// errors, connection resets, an item the service rejects), decided per request before its operation
// runs. With no faults configured (the default) nothing here changes what the emulator answers.

import { seededRandom } from '../../core/util/random.js';
import type { EndpointItem } from '../types.js';
import { EmulatorError, badItem } from './errors.js';
import type { OperationRoute } from './operations.js';
import type { OperationName } from './routes.js';
import { MESSAGES, toIdKey } from './rules.js';
import { isPlainObject } from './validate-item.js';

export interface EmulatorFaults {
  /**
   * Requests per second allowed per operation, shared by all applications (quotas are per account
   * and region): a token bucket holding max(1, rate) tokens, refilled continuously. Over it: 429
   * TooManyRequestsException with Retry-After (seconds until a token is available, rounded up, at
   * least 1). 0 refuses every request. Absent operation: unlimited. See AWS_RATE_QUOTAS.
   */
  rateLimits?: Partial<Record<OperationName, number>>;
  /** Fraction (0..1) of requests answered 429 TooManyRequestsException at random, Retry-After: 1. */
  throttleRate?: number;
  /** Fraction of requests answered 500 InternalServerErrorException at random, nothing applied. */
  serverErrorRate?: number;
  /** Fraction of requests whose connection is reset before any response, nothing applied. */
  resetRate?: number;
  /** Fraction of successful writes (updates and deletes) applied, then reset before the response. */
  resetAfterApplyRate?: number;
  /** Ids (any case) that make an UpdateEndpointsBatch/UpdateEndpoint carrying them a 400 for the whole request. */
  poisonIds?: string[];
  /** Writes accepted over HTTP become visible to GetEndpoint/GetUserEndpoints this many ms later. */
  visibilityDelayMs?: number;
  /** Added to every request, in ms, after its body is read and before anything else. */
  latencyMs?: number;
  /** Seed of the fault dice, so a run is reproducible (default: Math.random). */
  seed?: number;
}

export type FaultKind = 'rate-limited' | 'throttled' | 'server-error' | 'reset' | 'reset-after-apply' | 'poisoned';
export const FAULT_KINDS: readonly FaultKind[] = [
  'rate-limited',
  'throttled',
  'server-error',
  'reset',
  'reset-after-apply',
  'poisoned',
];

/** Operations that change state: the ones resetAfterApplyRate may hit. */
const WRITE_OPERATIONS: ReadonlySet<OperationName> = new Set<OperationName>([
  'UpdateEndpointsBatch',
  'UpdateEndpoint',
  'DeleteEndpoint',
  'DeleteUserEndpoints',
]);

/** What happens to a request before its operation runs. */
export type FaultDecision =
  | { readonly kind: 'pass'; readonly resetAfterApply: boolean }
  | {
      readonly kind: 'reject';
      readonly fault: 'rate-limited' | 'throttled' | 'server-error';
      readonly error: EmulatorError;
      readonly headers: Record<string, string>;
    }
  | { readonly kind: 'reset' };

/** Every problem with `faults`, as sentences; empty when it is usable. */
export function findFaultProblems(faults: EmulatorFaults): string[] {
  const problems: string[] = [];
  const fraction = (name: keyof EmulatorFaults) => {
    const value = faults[name];
    if (value !== undefined && !(typeof value === 'number' && value >= 0 && value <= 1)) {
      problems.push(`${name} must be a number from 0 to 1, got ${String(value)}`);
    }
  };
  const nonNegative = (name: string, value: unknown) => {
    if (value !== undefined && !(typeof value === 'number' && value >= 0)) {
      problems.push(`${name} must be a number of at least 0, got ${String(value)}`);
    }
  };
  (['throttleRate', 'serverErrorRate', 'resetRate', 'resetAfterApplyRate'] as const).forEach(fraction);
  nonNegative('visibilityDelayMs', faults.visibilityDelayMs);
  nonNegative('latencyMs', faults.latencyMs);
  for (const [operation, rate] of Object.entries(faults.rateLimits ?? {})) nonNegative(`rateLimits.${operation}`, rate);
  if (faults.seed !== undefined && !Number.isFinite(faults.seed)) problems.push(`seed must be a finite number`);
  return problems;
}

export class FaultInjector {
  private current: EmulatorFaults = {};
  private readonly buckets = new Map<OperationName, TokenBucket>();
  private random: () => number = Math.random;
  private seededWith: number | undefined;

  constructor(
    faults: EmulatorFaults = {},
    private readonly now: () => number = () => performance.now(),
  ) {
    this.faults = faults;
  }

  get faults(): EmulatorFaults {
    return this.current;
  }

  /** Replacing the faults refills every rate bucket and restarts the dice from the seed. */
  set faults(next: EmulatorFaults) {
    const problems = findFaultProblems(next ?? {});
    if (problems.length > 0) throw new Error(`Invalid emulator faults: ${problems.join('; ')}`);
    this.current = next ?? {};
    this.buckets.clear();
    this.seededWith = undefined;
    this.random = Math.random;
  }

  /** Rate quota first, then the dice in a fixed order, so a seed gives the same run every time. */
  decide(operation: OperationName): FaultDecision {
    const faults = this.current;
    const rate = faults.rateLimits?.[operation];
    if (rate !== undefined && rate !== Infinity) {
      const wait = this.bucket(operation, rate).take(rate, this.now());
      // At rate 0 no token ever comes; Retry-After still has to be a number.
      if (wait > 0) return reject('rate-limited', MESSAGES.rateLimited, Number.isFinite(wait) ? Math.max(1, Math.ceil(wait)) : 1);
    }
    if (this.hits(faults.throttleRate)) return reject('throttled', MESSAGES.throttled, 1);
    if (this.hits(faults.serverErrorRate)) {
      const error = new EmulatorError('InternalServerErrorException', MESSAGES.serverError);
      return { kind: 'reject', fault: 'server-error', error, headers: {} };
    }
    if (this.hits(faults.resetRate)) return { kind: 'reset' };
    const resetAfterApply = WRITE_OPERATIONS.has(operation) && this.hits(faults.resetAfterApplyRate);
    return { kind: 'pass', resetAfterApply };
  }

  /** The BadRequest for the first poisoned item of an update, if it carries one. */
  findPoisonedItem(route: OperationRoute, body: unknown): EmulatorError | undefined {
    const poison = this.current.poisonIds;
    if (!poison || poison.length === 0) return undefined;
    const keys = new Set(poison.map(toIdKey));
    let ids: unknown[] = [];
    if (route.operation === 'UpdateEndpoint') ids = [route.endpointId];
    else if (route.operation === 'UpdateEndpointsBatch' && isPlainObject(body) && Array.isArray(body.Item)) {
      ids = (body.Item as unknown[]).map((item) => (isPlainObject(item) ? (item as Partial<EndpointItem>).Id : undefined));
    }
    const index = ids.findIndex((id) => typeof id === 'string' && keys.has(toIdKey(id)));
    return index < 0 ? undefined : badItem(MESSAGES.poisoned, index, ids[index]);
  }

  private bucket(operation: OperationName, rate: number): TokenBucket {
    let bucket = this.buckets.get(operation);
    if (!bucket) this.buckets.set(operation, (bucket = new TokenBucket(rate, this.now())));
    return bucket;
  }

  /** One throw of the dice; rates of 0 and 1 decide without throwing, so they use no randomness. */
  private hits(rate: number | undefined): boolean {
    if (rate === undefined || !(rate > 0)) return false;
    if (rate >= 1) return true;
    const seed = this.current.seed;
    if (seed !== this.seededWith) {
      this.seededWith = seed;
      this.random = seed === undefined ? Math.random : seededRandom(seed);
    }
    return this.random() < rate;
  }
}

function reject(fault: 'rate-limited' | 'throttled', message: string, retryAfterSeconds: number): FaultDecision {
  const error = new EmulatorError('TooManyRequestsException', message);
  return { kind: 'reject', fault, error, headers: { 'retry-after': String(retryAfterSeconds) } };
}

/** A token bucket of max(1, rate) tokens refilled at `rate` per second; the rate may change between calls. */
class TokenBucket {
  private tokens: number;

  constructor(
    rate: number,
    private updatedAt: number,
  ) {
    this.tokens = Math.max(1, rate);
  }

  /** 0 when a token was taken, otherwise the seconds until one is available (Infinity at rate 0). */
  take(rate: number, now: number): number {
    const capacity = Math.max(1, rate);
    this.tokens = Math.min(capacity, this.tokens + (Math.max(0, now - this.updatedAt) / 1000) * rate);
    this.updatedAt = now;
    if (rate > 0 && this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return rate > 0 ? (1 - this.tokens) / rate : Infinity;
  }
}


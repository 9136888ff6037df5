// Command-line flags of `pinsync emulator` for fault injection, turned into EmulatorFaults, and the
// one-line description the command prints. The flag parser (yargs) lives in cmd/; this only checks
// and converts the values it collected, so every message names the flag the user typed.

import { findFaultProblems, type EmulatorFaults } from './faults.js';
import type { OperationName } from './routes.js';
import { AWS_RATE_QUOTAS } from './rules.js';

/** Values as a flag parser collects them; names follow the flags (`--rate-limit` is rateLimit). */
export interface FaultFlags {
  /** `--rate-limit OP=N`, repeatable: N requests per second for operation OP. */
  readonly rateLimit?: readonly string[];
  /** `--aws-quotas`: the rate quotas of real Pinpoint (AWS_RATE_QUOTAS); `--rate-limit` overrides one. */
  readonly awsQuotas?: boolean;
  readonly throttleRate?: number;
  readonly serverErrorRate?: number;
  readonly resetRate?: number;
  readonly resetAfterApplyRate?: number;
  /** `--poison-id ID`, repeatable. */
  readonly poisonId?: readonly string[];
  /** `--visibility-delay MS`. */
  readonly visibilityDelay?: number;
  /** `--latency MS`. */
  readonly latency?: number;
  /** `--fault-seed N`. */
  readonly faultSeed?: number;
}

const OPERATIONS = Object.keys(AWS_RATE_QUOTAS) as OperationName[];

/** The faults the flags ask for, undefined when they ask for none; throws an Error naming a bad flag. */
export function faultsFromFlags(flags: FaultFlags): EmulatorFaults | undefined {
  const faults: EmulatorFaults = {};
  const rateLimits: Partial<Record<OperationName, number>> = flags.awsQuotas ? { ...AWS_RATE_QUOTAS } : {};
  for (const value of flags.rateLimit ?? []) {
    const [operation, rate] = parseRateLimit(value);
    rateLimits[operation] = rate;
  }
  if (Object.keys(rateLimits).length > 0) faults.rateLimits = rateLimits;
  if (flags.poisonId && flags.poisonId.length > 0) faults.poisonIds = [...flags.poisonId];
  const numbers: [keyof EmulatorFaults, string, number | undefined][] = [
    ['throttleRate', '--throttle-rate', flags.throttleRate],
    ['serverErrorRate', '--server-error-rate', flags.serverErrorRate],
    ['resetRate', '--reset-rate', flags.resetRate],
    ['resetAfterApplyRate', '--reset-after-apply-rate', flags.resetAfterApplyRate],
    ['visibilityDelayMs', '--visibility-delay', flags.visibilityDelay],
    ['latencyMs', '--latency', flags.latency],
    ['seed', '--fault-seed', flags.faultSeed],
  ];
  for (const [name, flag, value] of numbers) {
    if (value === undefined) continue;
    const problems = findFaultProblems({ [name]: value });
    if (problems.length > 0) throw new Error(`${flag}: ${problems.join('; ')}`);
    (faults as Record<string, number>)[name] = value;
  }
  return Object.keys(faults).length > 0 ? faults : undefined;
}

function parseRateLimit(value: string): [OperationName, number] {
  const match = /^([A-Za-z]+)=([0-9]+(?:\.[0-9]+)?)$/.exec(value.trim());
  if (!match) throw new Error(`--rate-limit expects OPERATION=REQUESTS_PER_SECOND (e.g. GetEndpoint=10), got "${value}"`);
  const operation = OPERATIONS.find((name) => name === match[1]);
  if (!operation) throw new Error(`--rate-limit: unknown operation "${match[1]}"; one of ${OPERATIONS.join(', ')}`);
  return [operation, Number(match[2])];
}

/** One line saying which faults are on, e.g. `rate limits GetEndpoint=10/s, visibility delay 300 ms`. */
export function describeFaults(faults: EmulatorFaults): string {
  const parts: string[] = [];
  const limits = Object.entries(faults.rateLimits ?? {}).map(([operation, rate]) => `${operation}=${rate}/s`);
  if (limits.length > 0) parts.push(`rate limits ${limits.join(' ')}`);
  const fractions: [string, number | undefined][] = [
    ['throttle', faults.throttleRate],
    ['server errors', faults.serverErrorRate],
    ['resets', faults.resetRate],
    ['resets after apply', faults.resetAfterApplyRate],
  ];
  for (const [label, rate] of fractions) if (rate) parts.push(`${label} ${Math.round(rate * 10000) / 100}%`);
  if (faults.poisonIds?.length) parts.push(`poisoned Ids ${faults.poisonIds.join(' ')}`);
  if (faults.visibilityDelayMs) parts.push(`visibility delay ${faults.visibilityDelayMs} ms`);
  if (faults.latencyMs) parts.push(`latency ${faults.latencyMs} ms`);
  if (faults.seed !== undefined) parts.push(`seed ${faults.seed}`);
  return parts.length > 0 ? parts.join(', ') : 'none';
}

// Counters over every request since start (or resetStats), kept apart from the recorded requests,
// which a long-running server caps.

import { FAULT_KINDS, type FaultKind } from './faults.js';

export interface EmulatorStats {
  /** Requests finished (answered or reset). */
  readonly requests: number;
  /** Requests answered 429: over a rate quota (fault 'rate-limited') or thrown by the dice ('throttled'). */
  readonly throttled: number;
  /** Requests per injected fault; `faults['rate-limited']` alone counts quota breaches. */
  readonly faults: Readonly<Record<FaultKind, number>>;
  /** Requests being handled now, and the most at once, to observe a client's concurrency. */
  readonly inFlight: number;
  readonly maxInFlight: number;
}

export class StatsCounter {
  private requests = 0;
  private throttled = 0;
  private faults = emptyFaultCounts();
  private inFlight = 0;
  private maxInFlight = 0;

  begin(): void {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
  }

  end(): void {
    this.inFlight--;
  }

  count(status: number, fault: FaultKind | undefined): void {
    this.requests++;
    if (status === 429) this.throttled++;
    if (fault) this.faults[fault]++;
  }

  snapshot(): EmulatorStats {
    return {
      requests: this.requests,
      throttled: this.throttled,
      faults: { ...this.faults },
      inFlight: this.inFlight,
      maxInFlight: this.maxInFlight,
    };
  }

  /** Zeroes the counters; requests still in flight stay counted as in flight. */
  reset(): void {
    this.requests = 0;
    this.throttled = 0;
    this.faults = emptyFaultCounts();
    this.maxInFlight = this.inFlight;
  }
}

function emptyFaultCounts(): Record<FaultKind, number> {
  return Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<FaultKind, number>;
}

// The emulator's public surface: a Pinpoint-compatible HTTP server (endpoint operations only) for
// tests, benchmarks and `pinsync emulator`. Behaviour is specified in SPEC.md next to this file.

export { startEmulator } from './server.js';
export type { EmulatorOptions, RecordedRequest, RunningEmulator } from './server.js';
export { EmulatorStore } from './store.js';
export type { StoreOptions, StoreChange } from './store.js';
export type { StoreSnapshot, ApplicationSnapshot } from './snapshot.js';
export { EmulatorError, isEmulatorError } from './errors.js';
export type { EmulatorErrorType } from './errors.js';
export type { OperationName } from './routes.js';
export { runEmulatorCommand } from './cli.js';
export type { EmulatorFaults, FaultKind } from './faults.js';
export type { EmulatorStats } from './stats.js';
export { faultsFromFlags, describeFaults } from './fault-flags.js';
export type { FaultFlags } from './fault-flags.js';
export { AWS_RATE_QUOTAS } from './rules.js';
export * as emulatorRules from './rules.js';

export { planChanges, idKey, type LastApplied, type LiveLookup, type PlanInput } from './plan-changes.js';
export { readLive, type RefreshOptions, type RefreshResult } from './refresh.js';
export * from './types.js';
export { parsePlanFile, planBody, planChecksum, startsLikePlan, type PlanFileResult } from './plan-file.js';
export { DEFAULT_PLAN_OPTIONS, type DesiredEndpoint, type PlanOptions } from './plan-changes.js';
export { liveFromState, type ReadTarget } from './refresh.js';
export { DEFAULT_SAFETY, type SafetyOptions } from './safety.js';
export { splitPath } from './build-item.js';
export { fingerprintEndpoint } from './fingerprint.js';

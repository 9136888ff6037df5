export { planChanges, idKey, type PlanInput } from './plan-changes.js';
export { readLive, type RefreshOptions, type RefreshResult } from './refresh.js';
export * from './types.js';

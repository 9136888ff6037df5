export {
  applyPlan,
  type ApplyCounts,
  type ApplyOptions,
  type ApplyReporter,
  type ApplyResult,
  type ItemResult,
  type StateSink,
} from './apply-plan.js';
export { chunkItems, MAX_BATCH_BYTES, MAX_BATCH_ITEMS } from './batches.js';
export { verifyApply, type VerifyOptions, type VerifyOutcome, type VerifyResult } from './verify.js';
export { findStaleEndpoints, withoutChanges } from './stale.js';

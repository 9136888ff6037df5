export { applyPlan, type ApplyOptions, type ApplyReporter, type ApplyResult, type ItemResult } from './apply-plan.js';
export { chunkItems, MAX_BATCH_BYTES, MAX_BATCH_ITEMS } from './batches.js';

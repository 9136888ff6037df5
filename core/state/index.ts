export * from './types.js';
export { emptyState, loadState, readState, writeFileAtomic, renderState, stateApplication, updateState, StateFileError, type LoadedState, type LoadOptions as StateLoadOptions } from './state-file.js';
export { StateEndpoints, toStateEndpoint } from './state-endpoints.js';
export { acquireLock, currentLockInfo, describeHolder, forceUnlock, lockPathFor, readLock, releaseLockSync, StateLockedError, type LockInfo } from './lock.js';
export { StateStore } from './store.js';
export { journalPathFor, readJournal } from './journal.js';

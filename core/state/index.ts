export * from './types.js';
export { emptyState, readState, writeState, writeFileAtomic, renderState, stateApplication, updateState, StateFileError } from './state-file.js';
export { acquireLock, currentLockInfo, forceUnlock, lockPathFor, readLock, StateLockedError, type LockInfo } from './lock.js';
export { StateStore } from './store.js';
export { journalPathFor, readJournal } from './journal.js';

import assert from 'node:assert/strict';
import { stateLoadOptions } from '../../cmd/make-plan.js';

describe('reading the state for a plan', () => {
  it('digests the entries on a worker only for a whole plan from the state', () => {
    assert.deepEqual(stateLoadOptions({ refresh: 'state', concurrency: 8 }), { digests: true });
    assert.deepEqual(stateLoadOptions({ refresh: 'live', concurrency: 8 }), { digests: false });
    // A targeted plan compares a few entries: not worth a thread.
    assert.deepEqual(stateLoadOptions({ refresh: 'state', target: ['user-*'], concurrency: 8 }), { digests: false });
    assert.deepEqual(stateLoadOptions({ refresh: 'state', exclude: ['user-*'], concurrency: 8 }), { digests: false });
    assert.deepEqual(stateLoadOptions({ refresh: 'state', target: [], exclude: [], concurrency: 8 }), { digests: true });
  });
});

import assert from 'node:assert/strict';
import { chunkItems, MAX_BATCH_BYTES, MAX_BATCH_ITEMS } from '../../../core/apply/batches.js';
import type { EndpointItem } from '../../../providers/types.js';

const item = (n: number, pad = 0): EndpointItem => ({ Id: `e${n}`, ChannelType: 'EMAIL', Address: 'x'.repeat(pad) });

describe('chunkItems', () => {
  it('cuts at 100 items and keeps order', () => {
    const items = Array.from({ length: 250 }, (_, i) => item(i));
    const batches = chunkItems(items);
    assert.deepEqual(batches.map((b) => b.length), [100, 100, 50]);
    assert.deepEqual(batches.flat(), items);
    assert.equal(MAX_BATCH_ITEMS, 100);
  });

  it('cuts before a request body would pass the byte limit, counting the JSON envelope exactly', () => {
    const items = Array.from({ length: 10 }, (_, i) => item(i, 100));
    const one = JSON.stringify({ Item: items.slice(0, 3) }).length;
    const batches = chunkItems(items, 100, one);
    assert.deepEqual(batches.map((b) => b.length), [3, 3, 3, 1]);
    for (const b of batches) assert.ok(JSON.stringify({ Item: b }).length <= one);
    assert.equal(MAX_BATCH_BYTES, 7 * 1024 * 1024);
  });

  it('gives an item larger than the limit a request of its own', () => {
    const batches = chunkItems([item(1), item(2, 500), item(3)], 100, 200);
    assert.deepEqual(batches.map((b) => b.map((i) => i.Id)), [['e1'], ['e2'], ['e3']]);
  });

  it('makes no request for nothing', () => {
    assert.deepEqual(chunkItems([]), []);
  });
});

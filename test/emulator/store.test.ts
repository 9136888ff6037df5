import assert from 'node:assert/strict';
import { EmulatorError, EmulatorStore } from '../../providers/emulator/index.js';
import type { EndpointItem } from '../../providers/types.js';
import { emailItem as item } from './harness.js';

const APP = 'app';

describe('emulator: store API', () => {
  it('putItems applies the HTTP rules and throws a typed BadRequest naming the item', () => {
    const store = new EmulatorStore();
    store.putItems(APP, [item('a')], 'r1');
    assert.throws(
      () => store.putItems(APP, [item('b'), { Id: 'c' } as EndpointItem], 'r2'),
      (e: unknown) => {
        assert.ok(e instanceof EmulatorError);
        assert.equal(e.errorType, 'BadRequestException');
        assert.equal(e.status, 400);
        assert.equal(e.itemId, 'c');
        assert.equal(e.itemIndex, 1);
        assert.equal(e.message, 'Missing ChannelType (Id: c)');
        return true;
      },
    );
    assert.equal(store.count(APP), 1);
    assert.equal(store.get(APP, 'A')?.RequestId, 'r1');
  });

  it('get, getUser, delete and count work without HTTP', () => {
    const store = new EmulatorStore({ now: () => new Date('2024-01-02T03:04:05.000Z') });
    store.putItems(APP, [item('a', { User: { UserId: 'u' } }), item('b', { User: { UserId: 'u' } })], 'r');
    assert.equal(store.get(APP, 'a')?.CreationDate, '2024-01-02T03:04:05.000Z');
    assert.deepEqual(store.getUser(APP, 'u').map((e) => e.Id), ['a', 'b']);
    assert.equal(store.delete(APP, 'B')?.Id, 'b');
    assert.equal(store.delete(APP, 'b'), undefined);
    assert.deepEqual(store.getUser(APP, 'u').map((e) => e.Id), ['a']);
    assert.equal(store.count(APP), 1);
    assert.equal(store.count('other'), 0);
  });

  it('toJSON / fromJSON round-trip endpoints, indexes, key registry and eviction order', () => {
    const store = new EmulatorStore({ now: () => new Date('2024-01-01T00:00:00.000Z') });
    // Same EffectiveDate for all: eviction falls back to write order, which must survive the trip.
    store.putItems(APP, [item('p-first', { ChannelType: 'GCM', User: { UserId: 'u' } })]);
    store.putItems(APP, [item('p-second', { ChannelType: 'GCM', User: { UserId: 'u' } })]);
    store.putItems(APP, Array.from({ length: 13 }, (_, i) => item(`m${i}`, { User: { UserId: 'u' }, Metrics: { x: i } })));
    store.delete(APP, 'm12');
    store.putItems(APP, [item('m12', { User: { UserId: 'u' } })]);
    const copy = EmulatorStore.fromJSON(JSON.parse(JSON.stringify(store.toJSON())));
    assert.deepEqual(copy.toJSON(), store.toJSON());
    assert.deepEqual(copy.attributeKeys(APP), ['Metrics.x']);
    copy.putItems(APP, [item('p-new', { ChannelType: 'APNS', User: { UserId: 'u' } })]);
    assert.equal(copy.get(APP, 'p-first')?.EndpointStatus, 'INACTIVE');
    assert.equal(copy.get(APP, 'P-SECOND')?.EndpointStatus, 'ACTIVE');
  });

  it('fromJSON rejects data it cannot load, saying why', () => {
    assert.throws(() => EmulatorStore.fromJSON([]), /not a JSON object/);
    assert.throws(
      () => EmulatorStore.fromJSON({ format: 'pinsync-emulator-store/1', applications: { a: { attributeKeys: [], endpoints: [{}] } } }),
      /application "a", endpoint 0: Missing Id/,
    );
  });

  it('onChange fires after writes and deletes, not after a rejected batch', () => {
    const store = new EmulatorStore();
    let changes = 0;
    const stop = store.onChange(() => changes++);
    store.putItems(APP, [item('a')]);
    assert.throws(() => store.putItems(APP, [item('b'), { Id: 'x$' } as EndpointItem]));
    store.delete(APP, 'a');
    stop();
    store.putItems(APP, [item('c')]);
    assert.equal(changes, 2);
  });
});

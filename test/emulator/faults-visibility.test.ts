import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { EmulatorStore } from '../../providers/emulator/index.js';
import { VisibilityOverlay } from '../../providers/emulator/visibility.js';
import {
  APP,
  deleteEndpoint,
  email,
  emailItem,
  expectSdkError,
  getEndpoint,
  getUser,
  putBatch,
  putOne,
  useEmulator,
} from './harness.js';

describe('emulator: visibility delay (fault injection)', () => {
  const h = useEmulator({ faults: { visibilityDelayMs: 300 } }, { maxAttempts: 1 });

  it('a create is 404 right after the 202, and visible after the delay', async () => {
    await putBatch(h.client, [email('e1')]);
    await expectSdkError(getEndpoint(h.client, 'e1'), 'NotFoundException', 404);
    assert.ok(h.emu.store.get(APP, 'e1'), 'the store has applied it already');
    await sleep(350);
    assert.equal((await getEndpoint(h.client, 'e1')).Address, 'e1@example.com');
  });

  it('an update shows the old value, then the new one', async () => {
    h.emu.store.putItems(APP, [emailItem('e1', { Attributes: { plan: ['free'] } })]);
    await putOne(h.client, 'E1', { Attributes: { plan: ['pro'] } });
    assert.deepEqual((await getEndpoint(h.client, 'e1')).Attributes, { plan: ['free'] });
    await sleep(350);
    assert.deepEqual((await getEndpoint(h.client, 'e1')).Attributes, { plan: ['pro'] });
  });

  it('a delete: the endpoint is still read until the delay has passed, then 404', async () => {
    h.emu.store.putItems(APP, [emailItem('e1')]);
    assert.equal((await deleteEndpoint(h.client, 'e1')).Id, 'e1');
    assert.equal((await getEndpoint(h.client, 'e1')).Id, 'e1');
    await sleep(350);
    await expectSdkError(getEndpoint(h.client, 'e1'), 'NotFoundException', 404);
  });

  it('GetUserEndpoints sees the previous versions too, including an endpoint moved to another user', async () => {
    h.emu.store.putItems(APP, [emailItem('a', { User: { UserId: 'u1' } }), emailItem('b', { User: { UserId: 'u1' } })]);
    await putBatch(h.client, [email('b', { User: { UserId: 'u2' } }), email('c', { User: { UserId: 'u1' } })]);
    assert.deepEqual((await getUser(h.client, 'u1')).map((e) => e.Id).sort(), ['a', 'b']);
    await expectSdkError(getUser(h.client, 'u2'), 'NotFoundException', 404);
    await sleep(350);
    assert.deepEqual((await getUser(h.client, 'u1')).map((e) => e.Id).sort(), ['a', 'c']);
    assert.deepEqual((await getUser(h.client, 'u2')).map((e) => e.Id), ['b']);
  });

  it('the rules see every write at once: a second write merges into the first, unseen one', async () => {
    await putOne(h.client, 'e1', { ChannelType: 'EMAIL', Attributes: { a: ['1'] } });
    await putOne(h.client, 'e1', { Attributes: { b: ['2'] } });
    await expectSdkError(getEndpoint(h.client, 'e1'), 'NotFoundException', 404);
    await sleep(350);
    assert.deepEqual((await getEndpoint(h.client, 'e1')).Attributes, { a: ['1'], b: ['2'] });
  });

  it('a later write with a longer delay does not hide an earlier one once that is due', async () => {
    await putOne(h.client, 'e1', { ChannelType: 'EMAIL', Address: 'first@example.com' });
    h.emu.faults.visibilityDelayMs = 5000;
    await putOne(h.client, 'e1', { Address: 'second@example.com' });
    await sleep(350);
    assert.equal((await getEndpoint(h.client, 'e1')).Address, 'first@example.com');
  });

  it('state seeded through the store is visible at once; store.clear() drops pending versions', async () => {
    h.emu.store.putItems(APP, [emailItem('seeded')]);
    assert.equal((await getEndpoint(h.client, 'seeded')).Id, 'seeded');
    await putBatch(h.client, [email('e1')]);
    h.emu.store.clear();
    h.emu.store.putItems(APP, [emailItem('e1', { Address: 'reseeded@example.com' })]);
    assert.equal((await getEndpoint(h.client, 'e1')).Address, 'reseeded@example.com');
  });

  it('with the delay set to 0 later writes are visible at once', async () => {
    h.emu.faults.visibilityDelayMs = 0;
    await putBatch(h.client, [email('e1')]);
    assert.equal((await getEndpoint(h.client, 'e1')).Id, 'e1');
  });
});

describe('emulator: visibility overlay (store, fake clock)', () => {
  function setup() {
    let now = 0;
    const store = new EmulatorStore();
    const overlay = new VisibilityOverlay(() => now);
    overlay.attach(store);
    const view = overlay.view(store);
    const write = (delayMs: number, address: string) =>
      overlay.delayed(delayMs, () => store.putItems(APP, [emailItem('e1', { Address: address })]));
    return { store, overlay, view, write, at: (ms: number) => (now = ms) };
  }

  it('each version becomes visible at its own time; a newer due version supersedes older ones', () => {
    const { view, write, at } = setup();
    write(0, 'v0@x');
    write(100, 'v1@x');
    at(50);
    write(100, 'v2@x');
    assert.equal(view.get(APP, 'e1')?.Address, 'v0@x');
    at(100);
    assert.equal(view.get(APP, 'e1')?.Address, 'v1@x');
    at(149);
    assert.equal(view.get(APP, 'e1')?.Address, 'v1@x');
    at(150);
    assert.equal(view.get(APP, 'e1')?.Address, 'v2@x');
  });

  it('a delete hides the endpoint only when it is due; getUser follows', () => {
    const { store, overlay, view, at } = setup();
    store.putItems(APP, [emailItem('e1', { User: { UserId: 'u' } })]);
    overlay.delayed(100, () => store.delete(APP, 'E1'));
    assert.equal(store.get(APP, 'e1'), undefined);
    at(99);
    assert.equal(view.get(APP, 'e1')?.Id, 'e1');
    assert.deepEqual(view.getUser(APP, 'u').map((e) => e.Id), ['e1']);
    at(100);
    assert.equal(view.get(APP, 'e1'), undefined);
    assert.deepEqual(view.getUser(APP, 'u'), []);
  });
});

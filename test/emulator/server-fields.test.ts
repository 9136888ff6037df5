import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { emulatorRules } from '../../providers/emulator/index.js';
import { APP, deleteEndpoint, email, expectSdkError, getEndpoint, putBatch, putOne, useEmulator } from './harness.js';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('emulator: server-managed fields', () => {
  const h = useEmulator();

  it('every EndpointResponse carries ApplicationId, CreationDate, EffectiveDate, CohortId, RequestId', async () => {
    const requestId = await putBatch(h.client, [email('Mixed-Case')]);
    const e = await getEndpoint(h.client, 'Mixed-Case');
    assert.equal(e.ApplicationId, APP);
    assert.match(e.CreationDate!, ISO);
    assert.equal(e.EffectiveDate, e.CreationDate);
    assert.equal(e.RequestId, requestId);
    assert.equal(e.CohortId, emulatorRules.computeCohortId('mixed-case'));
    assert.ok(Number(e.CohortId) >= 0 && Number(e.CohortId) <= 99);
  });

  it('an update keeps CreationDate and moves EffectiveDate and RequestId to the last write', async () => {
    const first = await putBatch(h.client, [email('e1')]);
    const created = await getEndpoint(h.client, 'e1');
    await sleep(5);
    const second = await putOne(h.client, 'e1', { Attributes: { a: ['1'] } });
    const updated = await getEndpoint(h.client, 'e1');
    assert.notEqual(first, second);
    assert.equal(updated.CreationDate, created.CreationDate);
    assert.ok(updated.EffectiveDate! > created.EffectiveDate!, 'EffectiveDate moved forward');
    assert.equal(updated.RequestId, second);
    assert.equal(updated.CohortId, created.CohortId);
  });

  it('CohortId is stable: the same for any case of the Id and after delete and re-create', async () => {
    await putBatch(h.client, [email('Device-42')]);
    const before = (await getEndpoint(h.client, 'device-42')).CohortId;
    await deleteEndpoint(h.client, 'DEVICE-42');
    await putBatch(h.client, [email('device-42')]);
    assert.equal((await getEndpoint(h.client, 'Device-42')).CohortId, before);
    const spread = new Set(Array.from({ length: 500 }, (_, i) => emulatorRules.computeCohortId(`id-${i}`)));
    assert.ok(spread.size > 80, `cohorts spread over ${spread.size} values`);
  });

  it('server-managed fields sent by the client are ignored', async () => {
    const requestId = await putBatch(h.client, [
      email('e1', {
        EffectiveDate: '2001-01-01T00:00:00.000Z',
        RequestId: 'client-request',
      }),
    ]);
    // ApplicationId, CohortId and CreationDate are not in EndpointBatchItem; send them raw.
    const response = await fetch(`${h.emu.url}/v1/apps/${APP}/endpoints/e1`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ApplicationId: 'other', CohortId: '7x', CreationDate: '1999-01-01T00:00:00.000Z' }),
    });
    assert.equal(response.status, 202);
    const e = await getEndpoint(h.client, 'e1');
    assert.equal(e.ApplicationId, APP);
    assert.equal(e.CohortId, emulatorRules.computeCohortId('e1'));
    assert.notEqual(e.CreationDate, '1999-01-01T00:00:00.000Z');
    assert.notEqual(e.EffectiveDate, '2001-01-01T00:00:00.000Z');
    assert.notEqual(e.RequestId, 'client-request');
    assert.notEqual(e.RequestId, requestId, 'the raw PUT was the last write');
    assert.match(e.RequestId!, /^[0-9a-f-]{36}$/);
  });

  it('OptOut reads back as NONE when never set, and keeps a value once set', async () => {
    await putBatch(h.client, [email('e1'), email('e2', { OptOut: 'ALL' })]);
    assert.equal((await getEndpoint(h.client, 'e1')).OptOut, 'NONE');
    await putBatch(h.client, [{ Id: 'e2', Attributes: { a: ['1'] } }]);
    assert.equal((await getEndpoint(h.client, 'e2')).OptOut, 'ALL');
  });

  it('an OptOut other than ALL or NONE is a BadRequest', async () => {
    await expectSdkError(putBatch(h.client, [email('e1', { OptOut: 'SOME' })]), 'BadRequestException', 400, 'Invalid OptOut');
    assert.equal(h.emu.store.count(APP), 0);
  });
});

import assert from 'node:assert/strict';
import { request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { DeleteEndpointCommand, GetEndpointCommand } from '@aws-sdk/client-pinpoint';
import { APP, deleteEndpoint, email, expectSdkError, getEndpoint, getUser, putBatch, putOne, useEmulator } from './harness.js';

describe('emulator: protocol', () => {
  const h = useEmulator();

  async function raw(method: string, path: string, body?: string, headers: Record<string, string> = {}) {
    const res = await fetch(`${h.emu.url}${path}`, { method, body, headers });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, json: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
  }

  function assertErrorShape(res: Awaited<ReturnType<typeof raw>>, status: number, errorType: string): void {
    assert.equal(res.status, status);
    assert.equal(res.headers.get('x-amzn-errortype'), errorType);
    assert.equal(res.headers.get('content-type'), 'application/json');
    const requestId = res.headers.get('x-amzn-requestid');
    assert.match(requestId ?? '', /^[0-9a-f-]{36}$/);
    assert.deepEqual(Object.keys(res.json!).sort(), ['Message', 'RequestID']);
    assert.equal(res.json!.RequestID, requestId);
    assert.equal(typeof res.json!.Message, 'string');
  }

  it('the SDK sees a missing endpoint as NotFoundException with status 404 and the message', async () => {
    const error = await expectSdkError(
      h.client.send(new GetEndpointCommand({ ApplicationId: APP, EndpointId: 'missing' })),
      'NotFoundException',
      404,
    );
    assert.equal(error.message, 'Resource not found');
    assert.match(error.$metadata.requestId ?? '', /^[0-9a-f-]{36}$/);
  });

  it('the SDK sees a rejected write as BadRequestException with status 400', async () => {
    const error = await expectSdkError(putOne(h.client, 'x', {}), 'BadRequestException', 400);
    assert.equal(error.message, 'Missing ChannelType (Id: x)');
  });

  it('reads on an unknown application are 404 like an unknown endpoint', async () => {
    await putBatch(h.client, [email('e1')]);
    await expectSdkError(getEndpoint(h.client, 'e1', 'other-app'), 'NotFoundException', 404);
    await expectSdkError(getUser(h.client, 'u', 'other-app'), 'NotFoundException', 404);
  });

  it('the first write creates the application', async () => {
    assert.deepEqual(h.emu.store.applicationIds(), []);
    await putOne(h.client, 'e1', { ChannelType: 'EMAIL' }, 'brand-new');
    assert.deepEqual(h.emu.store.applicationIds(), ['brand-new']);
    assert.equal((await getEndpoint(h.client, 'e1', 'brand-new')).ApplicationId, 'brand-new');
  });

  it('DeleteEndpoint returns the deleted endpoint (202); a second delete is a 404', async () => {
    await putBatch(h.client, [email('e1', { Attributes: { a: ['1'] } })]);
    const deleted = await deleteEndpoint(h.client, 'E1');
    assert.equal(deleted.Id, 'e1');
    assert.deepEqual(deleted.Attributes, { a: ['1'] });
    await expectSdkError(
      h.client.send(new DeleteEndpointCommand({ ApplicationId: APP, EndpointId: 'e1' })),
      'NotFoundException',
      404,
    );
    await expectSdkError(getEndpoint(h.client, 'e1'), 'NotFoundException', 404);
  });

  it('an unknown path is a 404 NotFoundException in the rest-json error form', async () => {
    const res = await raw('GET', '/v1/apps/app/segments');
    assertErrorShape(res, 404, 'NotFoundException');
    assertErrorShape(await raw('GET', '/'), 404, 'NotFoundException');
  });

  it('a known path with another method is a 405 MethodNotAllowedException', async () => {
    const res = await raw('POST', `/v1/apps/${APP}/endpoints`, '{}');
    assertErrorShape(res, 405, 'MethodNotAllowedException');
    assert.equal(res.headers.get('allow'), 'PUT');
    assertErrorShape(await raw('PATCH', `/v1/apps/${APP}/users/u1`), 405, 'MethodNotAllowedException');
  });

  it('a malformed JSON body is a 400 BadRequestException', async () => {
    const res = await raw('PUT', `/v1/apps/${APP}/endpoints`, '{"Item": [', { 'content-type': 'application/json' });
    assertErrorShape(res, 400, 'BadRequestException');
    assert.match(String(res.json!.Message), /Malformed JSON/);
    assertErrorShape(await raw('PUT', `/v1/apps/${APP}/endpoints`, '{"Items": []}'), 400, 'BadRequestException');
    assertErrorShape(await raw('PUT', `/v1/apps/${APP}/endpoints/e1`, '[1]'), 400, 'BadRequestException');
  });

  it('malformed percent-encoding in the path is a 400', async () => {
    assertErrorShape(await raw('GET', `/v1/apps/${APP}/endpoints/%E0%A4%A`), 400, 'BadRequestException');
  });

  it('every response carries x-amzn-requestid; writes echo it as RequestID', async () => {
    const put = await raw('PUT', `/v1/apps/${APP}/endpoints`, JSON.stringify({ Item: [email('e1')] }));
    assert.equal(put.status, 202);
    assert.equal(put.headers.get('content-type'), 'application/json');
    assert.deepEqual(put.json, { Message: 'Accepted', RequestID: put.headers.get('x-amzn-requestid') });
    const get = await raw('GET', `/v1/apps/${APP}/endpoints/e1`);
    assert.equal(get.status, 200);
    assert.match(get.headers.get('x-amzn-requestid') ?? '', /^[0-9a-f-]{36}$/);
    assert.notEqual(get.headers.get('x-amzn-requestid'), put.headers.get('x-amzn-requestid'));
  });

  it('any Authorization header is accepted', async () => {
    const res = await raw('PUT', `/v1/apps/${APP}/endpoints/e1`, JSON.stringify({ ChannelType: 'EMAIL' }), {
      authorization: 'AWS4-HMAC-SHA256 Credential=garbage, Signature=0000',
    });
    assert.equal(res.status, 202);
  });

  it('a client that goes away mid-body does not disturb the server', async () => {
    const req = request(`${h.emu.url}/v1/apps/${APP}/endpoints`, { method: 'PUT', headers: { 'content-length': '1000' } });
    req.on('error', () => undefined);
    req.write('{"Item": [');
    await sleep(20);
    req.destroy();
    await sleep(20);
    await putBatch(h.client, [email('after')]);
    assert.equal((await getEndpoint(h.client, 'after')).Id, 'after');
    assert.equal(h.emu.store.count(APP), 1);
  });

  it('records every request with its operation, status, size and parsed write body', async () => {
    await putBatch(h.client, [email('e1')]);
    await getEndpoint(h.client, 'e1');
    await expectSdkError(getEndpoint(h.client, 'nope'), 'NotFoundException', 404);
    await raw('GET', '/nowhere');
    const summary = h.emu.requests.map((r) => [r.operation, r.method, r.path, r.applicationId, r.status]);
    assert.deepEqual(summary, [
      ['UpdateEndpointsBatch', 'PUT', `/v1/apps/${APP}/endpoints`, APP, 202],
      ['GetEndpoint', 'GET', `/v1/apps/${APP}/endpoints/e1`, APP, 200],
      ['GetEndpoint', 'GET', `/v1/apps/${APP}/endpoints/nope`, APP, 404],
      ['Unknown', 'GET', '/nowhere', undefined, 404],
    ]);
    const write = h.emu.requests[0]!;
    assert.deepEqual(write.body, { Item: [email('e1')] });
    assert.equal(write.bytes, Buffer.byteLength(JSON.stringify({ Item: [email('e1')] })));
    assert.equal(h.emu.requests[1]!.body, undefined);
    assert.equal(h.emu.requests[1]!.bytes, 0);
  });
});

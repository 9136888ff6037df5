import assert from 'node:assert/strict';
import { request } from 'node:http';
import { APP, email, expectSdkError, getEndpoint, putBatch, useEmulator } from './harness.js';

const SEVEN_MB = 7 * 1024 * 1024;

/** A PUT whose body is streamed in chunks without Content-Length (chunked transfer encoding). */
function putChunked(url: string, path: string, chunks: string[]): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { method: 'PUT', headers: { 'content-type': 'application/json' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('emulator: batch limits and atomicity', () => {
  const h = useEmulator();

  it('100 items are accepted', async () => {
    await putBatch(h.client, Array.from({ length: 100 }, (_, i) => email(`e${i}`)));
    assert.equal(h.emu.store.count(APP), 100);
  });

  it('more than 100 items is a BadRequest and stores nothing', async () => {
    await expectSdkError(
      putBatch(h.client, Array.from({ length: 101 }, (_, i) => email(`e${i}`))),
      'BadRequestException',
      400,
      'maximum of 100 items',
    );
    assert.equal(h.emu.store.count(APP), 0);
  });

  it('a body over 7 MB is a PayloadTooLargeException (413) and stores nothing', async () => {
    const big = 'x'.repeat(SEVEN_MB);
    await expectSdkError(
      putBatch(h.client, [email('small'), email('big', { Address: big })]),
      'PayloadTooLargeException',
      413,
    );
    assert.equal(h.emu.store.count(APP), 0);
    const recorded = h.emu.requests.at(-1)!;
    assert.equal(recorded.status, 413);
    assert.ok(recorded.bytes > SEVEN_MB, 'the whole body was counted');
    assert.equal(recorded.body, undefined, 'an oversized body is never parsed');
  });

  it('a streamed (chunked) body over 7 MB is a 413 as well', async () => {
    const chunk = 'x'.repeat(1024 * 1024);
    const chunks = ['{"Item":[{"Id":"a","ChannelType":"EMAIL","Address":"', ...Array(8).fill(chunk), '"}]}'];
    const res = await putChunked(h.emu.url, `/v1/apps/${APP}/endpoints`, chunks);
    assert.equal(res.status, 413);
    assert.equal(res.headers['x-amzn-errortype'], 'PayloadTooLargeException');
    assert.equal(h.emu.store.count(APP), 0);
  });

  it('an invalid item rejects the whole batch; the message names it; nothing is stored', async () => {
    await putBatch(h.client, [email('old', { Attributes: { a: ['1'] } })]);
    const before = await getEndpoint(h.client, 'old');
    await expectSdkError(
      putBatch(h.client, [
        email('new1'),
        { Id: 'old', Attributes: { a: ['changed'], fresh: ['x'] } },
        email('new2', { Address: 'old@example.com' }), // would deactivate "old"
        email('bad', { Attributes: { ['n'.repeat(51)]: ['v'] } }),
      ]),
      'BadRequestException',
      400,
      '(Id: bad)',
    );
    assert.equal(h.emu.store.count(APP), 1);
    assert.deepEqual(await getEndpoint(h.client, 'old'), before);
    assert.deepEqual(h.emu.store.attributeKeys(APP), ['Attributes.a'], 'keys of the rejected batch are not registered');
  });

  it('a rejected first write does not create the application', async () => {
    await expectSdkError(putBatch(h.client, [{ Id: 'x', Address: 'a' }], 'fresh-app'), 'BadRequestException', 400);
    assert.ok(!h.emu.store.applicationIds().includes('fresh-app'));
  });
});

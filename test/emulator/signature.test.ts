import assert from 'node:assert/strict';
import {
  DeleteEndpointCommand,
  DeleteUserEndpointsCommand,
  GetEndpointCommand,
  GetUserEndpointsCommand,
  PinpointClient,
  UpdateEndpointCommand,
  UpdateEndpointsBatchCommand,
} from '@aws-sdk/client-pinpoint';
import { request } from 'node:http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { HttpRequest } from '@smithy/types';
import { LeanHttpHandler } from '../../providers/pinpoint/http-handler.js';
import { Sha256 } from '../support/sha256.js';
import { APP, email, expectSdkError, makeClient, useEmulator } from './harness.js';

// With credentials, the emulator checks every request's Signature Version 4 as AWS does. The
// signatures here are made by the AWS SDK's own signer (and, in aws-cli.test.ts, by botocore's),
// so these tests hold the checker to two independent implementations of the same algorithm.

describe('emulator: request signatures', () => {
  const h = useEmulator({ credentials: { test: 'test', other: 'other-secret' } });

  function clientWith(options: { accessKeyId?: string; secretAccessKey?: string; systemClockOffset?: number; tamper?: (request: HttpRequest) => void } = {}): PinpointClient {
    const inner = new LeanHttpHandler();
    return new PinpointClient({
      endpoint: h.emu.url,
      region: 'eu-west-1',
      maxAttempts: 1,
      credentials: { accessKeyId: options.accessKeyId ?? 'test', secretAccessKey: options.secretAccessKey ?? 'test' },
      ...(options.systemClockOffset === undefined ? {} : { systemClockOffset: options.systemClockOffset }),
      // The request as signed, changed on its way out when the test says so.
      requestHandler: {
        handle: (request: HttpRequest, handlerOptions?: object) => {
          options.tamper?.(request);
          return inner.handle(request, handlerOptions);
        },
        destroy: () => inner.destroy(),
        updateHttpClientConfig: () => {},
        httpHandlerConfigs: () => ({}),
      },
    });
  }

  it('accepts every operation signed by the AWS SDK, with Ids and user Ids that need encoding', async () => {
    const ids = ['plain', 'with space', 'slash/inside', "quote'(paren)*!", 'ünï-çødé', 'a+b=c&d'];
    const client = makeClient(h.emu.url);
    await client.send(
      new UpdateEndpointsBatchCommand({
        ApplicationId: APP,
        EndpointBatchRequest: { Item: ids.map((id) => email(id, { User: { UserId: `user ${id}` }, Attributes: { Note: ['é ✓ "quoted"'] } })) },
      }),
    );
    for (const id of ids) {
      const got = await client.send(new GetEndpointCommand({ ApplicationId: APP, EndpointId: id }));
      assert.equal(got.EndpointResponse?.Id, id);
      const user = await client.send(new GetUserEndpointsCommand({ ApplicationId: APP, UserId: `user ${id}` }));
      assert.deepEqual(user.EndpointsResponse?.Item?.map((e) => e.Id), [id]);
      await client.send(new UpdateEndpointCommand({ ApplicationId: APP, EndpointId: id, EndpointRequest: { Attributes: { Note: ['ö'] } } }));
    }
    await client.send(new DeleteEndpointCommand({ ApplicationId: APP, EndpointId: ids[0] }));
    await client.send(new DeleteUserEndpointsCommand({ ApplicationId: APP, UserId: `user ${ids[1]}` }));
    assert.equal(h.emu.store.count(APP), ids.length - 2);
    assert.ok(h.emu.requests.every((r) => r.status < 300), JSON.stringify(h.emu.requests.filter((r) => r.status >= 300)));
    client.destroy();
  });

  it('accepts the signature of any of its access keys, in any region', async () => {
    const client = clientWith({ accessKeyId: 'other', secretAccessKey: 'other-secret' });
    await client.send(new UpdateEndpointsBatchCommand({ ApplicationId: APP, EndpointBatchRequest: { Item: [email('a')] } }));
    assert.equal(h.emu.store.count(APP), 1);
    client.destroy();
  });

  it('a wrong secret is InvalidSignatureException (403), and nothing is stored', async () => {
    const client = clientWith({ secretAccessKey: 'wrong' });
    await expectSdkError(
      client.send(new UpdateEndpointsBatchCommand({ ApplicationId: APP, EndpointBatchRequest: { Item: [email('a')] } })),
      'InvalidSignatureException',
      403,
      'does not match the signature you provided',
    );
    assert.equal(h.emu.store.count(APP), 0);
    client.destroy();
  });

  it('an access key it does not know is UnrecognizedClientException (403)', async () => {
    const client = clientWith({ accessKeyId: 'nobody' });
    await expectSdkError(client.send(new GetEndpointCommand({ ApplicationId: APP, EndpointId: 'a' })), 'UnrecognizedClientException', 403);
    client.destroy();
  });

  it('a request without an Authorization header is MissingAuthenticationTokenException (403)', async () => {
    const res = await fetch(`${h.emu.url}/v1/apps/${APP}/endpoints/a`);
    assert.equal(res.status, 403);
    assert.equal(res.headers.get('x-amzn-errortype'), 'MissingAuthenticationTokenException');
  });

  it('a request changed after it was signed is refused: its body, its path, a signed header', async () => {
    const changes: ((r: HttpRequest) => void)[] = [
      (r) => void (r.body = new TextDecoder().decode(r.body as Uint8Array).replace('a@example.com', 'b@example.com')),
      (r) => void (r.path = r.path.replace('/apps/app-1/', '/apps/app-2/')),
      (r) => void (r.headers['content-type'] = 'text/plain'),
    ];
    for (const tamper of changes) {
      const client = clientWith({ tamper });
      await expectSdkError(
        client.send(new UpdateEndpointsBatchCommand({ ApplicationId: APP, EndpointBatchRequest: { Item: [email('a')] } })),
        'InvalidSignatureException',
        403,
      );
      client.destroy();
    }
    assert.equal(h.emu.store.count(APP), 0);
    assert.equal(h.emu.store.count('app-2'), 0);
  });

  it('a request signed more than 5 minutes from its clock is refused, in the words AWS uses', async () => {
    const late = clientWith({ systemClockOffset: -6 * 60_000 });
    await expectSdkError(late.send(new GetEndpointCommand({ ApplicationId: APP, EndpointId: 'a' })), 'InvalidSignatureException', 403, 'Signature expired: ');
    late.destroy();
    const early = clientWith({ systemClockOffset: 6 * 60_000 });
    await expectSdkError(early.send(new GetEndpointCommand({ ApplicationId: APP, EndpointId: 'a' })), 'InvalidSignatureException', 403, 'Signature not yet current: ');
    early.destroy();
    // Within the window: the signature stands.
    const near = clientWith({ systemClockOffset: -3 * 60_000 });
    await expectSdkError(near.send(new GetEndpointCommand({ ApplicationId: APP, EndpointId: 'a' })), 'NotFoundException', 404);
    near.destroy();
  });

  it('signs repeated headers and header bytes beyond ASCII as SigV4 does', async () => {
    // Signed with the SDK's signer as `x-note: one,two`, sent as two `x-note` lines (which SigV4
    // joins with a comma), with latin-1 bytes in another header.
    const url = new URL(h.emu.url);
    const signed = await new SignatureV4({ credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, region: 'us-east-1', service: 'mobiletargeting', sha256: Sha256 }).sign({
      method: 'GET',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: `/v1/apps/${APP}/endpoints/a`,
      query: {},
      headers: { host: url.host, 'x-note': 'one,two', 'x-name': 'caf\u00e9\u00a0x  y' },
    });
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path: signed.path, method: 'GET' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      for (const [name, value] of Object.entries(signed.headers)) if (name !== 'x-note') req.setHeader(name, value);
      req.setHeader('x-note', ['one', 'two']);
      req.on('error', reject);
      req.end();
    });
    assert.equal(status, 404, 'the signature was accepted (the endpoint does not exist)');
  });

  it('a signature for another service is refused', async () => {
    const client = clientWith({
      tamper: (r) => void (r.headers['authorization'] = r.headers['authorization']!.replace('/mobiletargeting/', '/s3/')),
    });
    await expectSdkError(client.send(new GetEndpointCommand({ ApplicationId: APP, EndpointId: 'a' })), 'InvalidSignatureException', 403, "'mobiletargeting'");
    client.destroy();
  });
});

import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { startEmulator, type RunningEmulator } from '../../providers/emulator/index.js';
import { LeanHttpHandler } from '../../providers/pinpoint/http-handler.js';
import { toProviderError } from '../../providers/pinpoint/errors.js';
import { createPinpointProvider } from '../../providers/pinpoint/index.js';
import { isProviderError, type EndpointItem, type EndpointProvider, type ProviderErrorKind } from '../../providers/types.js';
import { emulatorEnv, runCli } from '../support/cli.js';
import { makeEndpoint, tempDir, writeManifest } from '../support/fixtures.js';

// pinsync's SDK client: its own signer and HTTP handler under the AWS SDK (providers/pinpoint),
// against an emulator that checks every signature as AWS does.

const APP = 'client';
const KEY = { accessKeyId: 'client-key', secretAccessKey: 'client-secret' };
const TLS_DIR = fileURLToPath(new URL('../../../test/support/tls/', import.meta.url));

async function kindOf(call: Promise<unknown>): Promise<ProviderErrorKind> {
  const error = await call.then(
    () => assert.fail('expected the call to fail'),
    (e: unknown) => e,
  );
  assert.ok(isProviderError(error), String(error));
  return error.kind;
}

describe('Pinpoint client: signing and transport', function () {
  this.timeout(30_000);
  let emu: RunningEmulator;
  let provider: EndpointProvider;

  before(async () => {
    emu = await startEmulator({ port: 0, credentials: { [KEY.accessKeyId]: KEY.secretAccessKey } });
    provider = await createPinpointProvider({ applicationId: APP, endpointUrl: emu.url, region: 'eu-central-1', credentials: KEY });
  });
  beforeEach(() => {
    emu.store.clear();
    emu.faults = {};
  });
  after(async () => {
    await provider.close();
    await emu.close();
  });

  it('every call is signed as AWS checks it, whatever the Ids hold, and reads back what it wrote', async () => {
    const ids = ['plain', 'with space', 'slash/inside', "quote'(paren)*!", 'ünï-çødé', 'a+b=c&d'];
    const items: EndpointItem[] = ids.map((id, n) => makeEndpoint(n, { Id: id, User: { UserId: `user ${id}` }, Attributes: { Note: ['é ✓ "quoted"'] } }));
    await provider.writeBatch(items);
    for (const id of ids) {
      assert.equal((await provider.getEndpoint(id))?.Id, id);
      assert.deepEqual((await provider.getUserEndpoints(`user ${id}`)).map((e) => e.Id), [id]);
    }
    assert.equal(await provider.deleteEndpoint('slash/inside'), true);
    assert.equal(await provider.deleteEndpoint('slash/inside'), false);
    assert.equal(await provider.getEndpoint('missing'), undefined);
    assert.deepEqual(await provider.getUserEndpoints('nobody'), []);
    assert.equal(emu.store.count(APP), ids.length - 1);
    assert.deepEqual(emu.requests.filter((r) => r.status === 403), [], 'no signature refused');
  });

  it('a wrong secret is refused by the server and reported as forbidden', async () => {
    const wrong = await createPinpointProvider({ applicationId: APP, endpointUrl: emu.url, region: 'eu-central-1', credentials: { ...KEY, secretAccessKey: 'guess' } });
    assert.equal(await kindOf(wrong.getEndpoint('a')), 'forbidden');
    await wrong.close();
  });

  it('reads an answer that arrives in many pieces whole', async () => {
    // 15 endpoints of one user, each near Pinpoint's 15 KB limit: one answer of about 200 KB.
    const big = Array.from({ length: 15 }, (_, n) =>
      makeEndpoint(n, { User: { UserId: 'heavy' }, Attributes: Object.fromEntries(Array.from({ length: 12 }, (_, k) => [`k${k}`, Array.from({ length: 10 }, (_, v) => `${n}-${k}-${v}-`.padEnd(95, 'x'))])) }),
    );
    await provider.writeBatch(big);
    const read = await provider.getUserEndpoints('heavy');
    assert.equal(read.length, 15);
    for (const e of read) assert.deepEqual(e.Attributes, big.find((b) => b.Id === e.Id)?.Attributes);
  });

  it('a connection reset is a network error, a refused connection unreachable', async () => {
    emu.faults = { resetRate: 1 };
    assert.equal(await kindOf(provider.getEndpoint('a')), 'network');
    emu.faults = {};
    const closed = await freePort();
    const nowhere = await createPinpointProvider({ applicationId: APP, endpointUrl: `http://127.0.0.1:${closed}`, region: 'eu-central-1', credentials: KEY });
    assert.equal(await kindOf(nowhere.getEndpoint('a')), 'unreachable');
    await nowhere.close();
  });

  it('an endpoint URL that is not an http:// or https:// URL is a configuration error before any call', async () => {
    for (const url of ['localhost 4566', 'localhost:4566', 'ftp://example.com']) {
      await assert.rejects(
        createPinpointProvider({ applicationId: APP, endpointUrl: url, region: 'eu-central-1', credentials: KEY }),
        (e: unknown) => isProviderError(e) && e.kind === 'config' && e.message.startsWith(`the endpoint URL "${url}" is not an http:// or https:// URL: give one such as`),
      );
    }
  });

  it("a request refused for its time is signed again with the server's clock, and goes through", async () => {
    // The emulator's clock runs 20 minutes ahead: the SDK learns the offset from the refusal's Date
    // header, and pinsync's retry signs the call again with it.
    const skewed = await startEmulator({ port: 0, credentials: { [KEY.accessKeyId]: KEY.secretAccessKey }, clockOffsetMs: 20 * 60_000 });
    const client = await createPinpointProvider({ applicationId: APP, endpointUrl: skewed.url, region: 'eu-central-1', credentials: KEY });
    try {
      assert.equal(await kindOf(client.getEndpoint('a')), 'network', 'the first refusal is worth another try');
      assert.equal(await client.getEndpoint('a'), undefined, 'the second call is signed with the corrected time');
      assert.deepEqual(skewed.requests.map((r) => r.status), [403, 404]);
    } finally {
      await client.close();
      await skewed.close();
    }
  });

  it('a TLS handshake cut short is a network error, worth another try; plain HTTP for https:// is not', () => {
    const cut = toProviderError(Object.assign(new Error('Client network socket disconnected before secure TLS connection was established'), { code: 'EPROTO' }), 'https://x');
    assert.equal(cut.kind, 'network');
    const plain = toProviderError(Object.assign(new Error('write EPROTO ...:ssl3_get_record:wrong version number:...'), { code: 'EPROTO' }), 'https://x');
    assert.equal(plain.kind, 'config');
    assert.match(plain.message, /did not answer in TLS: for a server that speaks plain HTTP, give an http:\/\/ URL/);
  });

  it('keeps connections alive: many calls, no more sockets than calls in flight', async () => {
    const server = await countingServer();
    const handler = new LeanHttpHandler();
    const { port } = server.address() as AddressInfo;
    const request = (n: number) => ({ protocol: 'http:', hostname: '127.0.0.1', port, method: 'GET', path: `/r/${n}`, query: { b: ['2', '1'], a: null, 'c d': 'e f' }, headers: { host: `127.0.0.1:${port}` } });
    for (let round = 0; round < 5; round++) {
      const answers = await Promise.all([0, 1, 2, 3].map((n) => handler.handle(request(n))));
      for (const { response } of answers) assert.equal(response.statusCode, 200);
    }
    assert.equal(server.connections, 4, 'four sockets for four calls in flight, reused over five rounds');
    assert.deepEqual(server.paths.slice(0, 1), ['/r/0?a&b=2&b=1&c%20d=e%20f'], 'the query as the SDK builds it');
    handler.destroy();
    server.close();
  });

  it('an abort signal stops a call in flight, and one already aborted sends nothing', async () => {
    const server = await countingServer(5_000);
    const { port } = server.address() as AddressInfo;
    const handler = new LeanHttpHandler();
    const request = { protocol: 'http:', hostname: '127.0.0.1', port, method: 'GET', path: '/slow', query: {}, headers: {} };
    const controller = new AbortController();
    const pending = handler.handle(request, { abortSignal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await assert.rejects(pending, { name: 'AbortError' });
    const before = server.paths.length;
    await assert.rejects(handler.handle(request, { abortSignal: AbortSignal.abort() }), { name: 'AbortError' });
    assert.equal(server.paths.length, before);
    handler.destroy();
    server.closeAllConnections();
    server.close();
  });
});

describe('Pinpoint client over HTTPS', function () {
  this.timeout(30_000);

  it('plans against an HTTPS endpoint whose certificate is trusted; an untrusted one, or plain HTTP, is one clear line, not retried', async () => {
    const [cert, key] = await Promise.all([readFile(`${TLS_DIR}cert.pem`), readFile(`${TLS_DIR}key.pem`)]);
    const emu = await startEmulator({ port: 0, tls: { cert, key }, credentials: { [KEY.accessKeyId]: KEY.secretAccessKey } });
    try {
      assert.match(emu.url, /^https:\/\/127\.0\.0\.1:\d+$/);
      const dir = await tempDir();
      await writeManifest(dir, 'm.yaml', [makeEndpoint(1)], { applicationId: APP });
      const env = (extra: Record<string, string>) => emulatorEnv(emu.url, { AWS_ACCESS_KEY_ID: KEY.accessKeyId, AWS_SECRET_ACCESS_KEY: KEY.secretAccessKey, ...extra });
      const trusted = await runCli(['plan', 'm.yaml', '--endpoint-url', emu.url], { cwd: dir, env: env({ NODE_EXTRA_CA_CERTS: `${TLS_DIR}cert.pem` }) });
      assert.equal(trusted.code, 0, trusted.stderr);
      assert.match(trusted.stdout, /Plan: 1 to create/);
      assert.ok(emu.requests.some((r) => r.operation === 'GetEndpoint' || r.operation === 'GetUserEndpoints'), 'read over TLS');

      const untrusted = await runCli(['plan', 'm.yaml', '--endpoint-url', emu.url], { cwd: dir, env: env({}) });
      assert.equal(untrusted.code, 1);
      assert.match(untrusted.stderr, /^Error: the TLS certificate of Pinpoint at https:\/\/127\.0\.0\.1:\d+ is not trusted: self[- ]signed certificate \(DEPTH_ZERO_SELF_SIGNED_CERT\)\. .*NODE_EXTRA_CA_CERTS/);
      assert.doesNotMatch(untrusted.stderr, /\n\s+at /, 'no stack trace');

      // https:// to a server that speaks plain HTTP.
      const plain = await startEmulator({ port: 0 });
      const wrongScheme = plain.url.replace('http:', 'https:');
      const https = await runCli(['plan', 'm.yaml', '--endpoint-url', wrongScheme], { cwd: dir, env: env({}) });
      await plain.close();
      assert.equal(https.code, 1);
      assert.match(https.stderr, /^Error: Pinpoint at https:\/\/127\.0\.0\.1:\d+ did not answer in TLS: for a server that speaks plain HTTP, give an http:\/\/ URL/);
    } finally {
      await emu.close();
    }
  });
});

/** An HTTP server that answers `{}` (after `delayMs`), counting connections and recording paths. */
async function countingServer(delayMs = 0): Promise<Server & { connections: number; paths: string[] }> {
  const server = Object.assign(
    createServer((req, res) => {
      server.paths.push(req.url ?? '');
      setTimeout(() => {
        res.setHeader('content-type', 'application/json');
        res.end('{}');
      }, delayMs).unref();
    }),
    { connections: 0, paths: [] as string[] },
  );
  server.on('connection', () => server.connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

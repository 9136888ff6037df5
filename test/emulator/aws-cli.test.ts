import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { APP, useEmulator } from './harness.js';

const run = promisify(execFile);

function hasAwsCli(): boolean {
  const probe = spawnSync('aws', ['--version'], { encoding: 'utf8' });
  return probe.error === undefined && probe.status === 0;
}

describe('emulator: AWS CLI', function () {
  this.timeout(60_000);
  // Signatures checked: botocore's signer is a second implementation the checker must agree with.
  const h = useEmulator({ credentials: { test: 'test' } });
  let dir: string;

  before(async function () {
    if (!hasAwsCli()) this.skip();
    dir = await mkdtemp(join(tmpdir(), 'pinsync-awscli-'));
  });
  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const env = () => ({
    ...process.env,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_CONFIG_FILE: join(dir, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
    AWS_PAGER: '',
  });
  const aws = (args: string[]) =>
    run('aws', ['pinpoint', ...args, '--endpoint-url', h.emu.url, '--region', 'us-east-1', '--output', 'json'], {
      env: env(),
    });

  it('update-endpoints-batch then get-endpoint work against the emulator', async () => {
    const request = join(dir, 'batch.json');
    await writeFile(
      request,
      JSON.stringify({
        Item: [{ Id: 'cli-1', ChannelType: 'SMS', Address: '+12065550100', Location: { Latitude: 47.61 } }],
      }),
    );
    const put = await aws(['update-endpoints-batch', '--application-id', APP, '--endpoint-batch-request', `file://${request}`]);
    assert.equal(JSON.parse(put.stdout).MessageBody.Message, 'Accepted');

    const get = await aws(['get-endpoint', '--application-id', APP, '--endpoint-id', 'CLI-1']);
    const endpoint = JSON.parse(get.stdout).EndpointResponse;
    assert.equal(endpoint.Id, 'cli-1');
    assert.equal(endpoint.Address, '+12065550100');
    assert.equal(endpoint.Location.Latitude, 47.6);
    assert.equal(endpoint.EndpointStatus, 'ACTIVE');
  });

  it("botocore's signatures pass the emulator's check for Ids that need encoding", async () => {
    const ids = ['with space', 'slash/inside', "quote'(paren)*!", 'ünï-çødé', 'a+b=c&d', 'tilde~percent%'];
    const request = join(dir, 'odd.json');
    await writeFile(request, JSON.stringify({ Item: ids.map((Id, n) => ({ Id, ChannelType: 'EMAIL', Address: `odd${n}@example.com`, User: { UserId: `user ${Id}` } })) }));
    await aws(['update-endpoints-batch', '--application-id', APP, '--endpoint-batch-request', `file://${request}`]);
    for (const id of ids) {
      const get = await aws(['get-endpoint', '--application-id', APP, '--endpoint-id', id]);
      assert.equal(JSON.parse(get.stdout).EndpointResponse.Id, id);
      const user = await aws(['get-user-endpoints', '--application-id', APP, '--user-id', `user ${id}`]);
      assert.deepEqual(JSON.parse(user.stdout).EndpointsResponse.Item.map((e: { Id: string }) => e.Id), [id]);
    }
    assert.deepEqual(h.emu.requests.filter((r) => r.status === 403), []);
  });

  it('the CLI reports NotFoundException for a missing endpoint', async () => {
    await assert.rejects(aws(['get-endpoint', '--application-id', APP, '--endpoint-id', 'missing']), (e: { stderr: string }) => {
      assert.match(e.stderr, /NotFoundException/);
      assert.match(e.stderr, /Resource not found/);
      return true;
    });
  });
});

// The floor of `plan --refresh live`: the same reads made by a plain AWS SDK script, with the
// client as the SDK configures it by default. Reads the manifest as JSON, then GetUserEndpoints
// once per user and GetEndpoint once per endpoint without a user (the reads a perfect tool
// makes), CONCURRENCY in flight. No manifest checks, no comparison, no output but a count.
//
//   node dist/bench/sdk-reads.js FILE.json ENDPOINT_URL [CONCURRENCY]
// (credentials and region from the environment, as for any SDK script)

import { GetEndpointCommand, GetUserEndpointsCommand, PinpointClient, type EndpointBatchItem } from '@aws-sdk/client-pinpoint';
import { readFileSync } from 'node:fs';
import { mapConcurrent } from '../core/util/pool.js';

async function main(): Promise<void> {
  const [file, endpoint, concurrencyArg] = process.argv.slice(2);
  if (file === undefined || endpoint === undefined) throw new Error('usage: sdk-reads.js FILE.json ENDPOINT_URL [CONCURRENCY]');
  const concurrency = Number(concurrencyArg ?? 8);
  const { applicationId, endpoints } = JSON.parse(readFileSync(file, 'utf8')) as { applicationId: string; endpoints: EndpointBatchItem[] };
  const users = [...new Set(endpoints.flatMap((e) => (e.User?.UserId ? [e.User.UserId] : [])))];
  const loose = endpoints.filter((e) => !e.User?.UserId).map((e) => e.Id as string);
  const client = new PinpointClient({ endpoint });
  const counts = [
    ...(await mapConcurrent(users, concurrency, async (UserId) => (await client.send(new GetUserEndpointsCommand({ ApplicationId: applicationId, UserId }))).EndpointsResponse?.Item?.length ?? 0)),
    ...(await mapConcurrent(loose, concurrency, async (EndpointId) => ((await client.send(new GetEndpointCommand({ ApplicationId: applicationId, EndpointId }))).EndpointResponse ? 1 : 0))),
  ];
  const read = counts.reduce<number>((sum, n) => sum + (n ?? 0), 0);
  client.destroy();
  process.stdout.write(`read ${read} endpoints in ${users.length + loose.length} requests\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exitCode = 1;
});

// The naive baseline: what a script that pushes the whole file on every run does (the seed's
// approach, `aws pinpoint update-endpoints-batch` with the whole file, cut into the 100-item
// batches Pinpoint allows). Reads the manifest as JSON and sends every endpoint through the AWS
// SDK, 100 items per UpdateEndpointsBatch request, 8 requests in flight. No read, no diff, no state.
//
//   node dist/bench/naive.js FILE.json ENDPOINT_URL [CONCURRENCY]
// (credentials and region from the environment, as for any SDK script)

import { PinpointClient, UpdateEndpointsBatchCommand, type EndpointBatchItem } from '@aws-sdk/client-pinpoint';
import { readFileSync } from 'node:fs';

async function main(): Promise<void> {
  const [file, endpoint, concurrencyArg] = process.argv.slice(2);
  if (file === undefined || endpoint === undefined) throw new Error('usage: naive.js FILE.json ENDPOINT_URL [CONCURRENCY]');
  const concurrency = Number(concurrencyArg ?? 8);
  const { applicationId, endpoints } = JSON.parse(readFileSync(file, 'utf8')) as { applicationId: string; endpoints: EndpointBatchItem[] };
  const client = new PinpointClient({ endpoint });
  const batches: EndpointBatchItem[][] = [];
  for (let i = 0; i < endpoints.length; i += 100) batches.push(endpoints.slice(i, i + 100));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++]!;
      await client.send(new UpdateEndpointsBatchCommand({ ApplicationId: applicationId, EndpointBatchRequest: { Item: batch } }));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, batches.length) }, worker));
  client.destroy();
  process.stdout.write(`sent ${endpoints.length} endpoints in ${batches.length} requests\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exitCode = 1;
});

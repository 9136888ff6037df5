// Shared test setup: one emulator per test file, talked to through the real AWS SDK client.

import assert from 'node:assert/strict';
import {
  DeleteEndpointCommand,
  GetEndpointCommand,
  GetUserEndpointsCommand,
  PinpointClient,
  UpdateEndpointCommand,
  UpdateEndpointsBatchCommand,
  type EndpointBatchItem,
  type EndpointRequest,
  type EndpointResponse,
} from '@aws-sdk/client-pinpoint';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../providers/emulator/index.js';
import type { EndpointItem } from '../../providers/types.js';

export const APP = 'app-1';

/** `maxAttempts: 1` turns off the SDK's own retries, so a test sees every injected fault. */
export function makeClient(url: string, options: { maxAttempts?: number } = {}): PinpointClient {
  // The SDK reads this when a client is constructed; set it before any client exists.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  return new PinpointClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    ...options,
  });
}

export interface Harness {
  emu: RunningEmulator;
  client: PinpointClient;
}

/**
 * Starts an emulator for the enclosing describe; state, recorded requests, stats and faults (back
 * to `options.faults`) reset before each test.
 */
export function useEmulator(options: EmulatorOptions = {}, clientOptions: { maxAttempts?: number } = {}): Harness {
  const harness = {} as Harness;
  before(async () => {
    harness.emu = await startEmulator({ port: 0, ...options });
    harness.client = makeClient(harness.emu.url, clientOptions);
  });
  beforeEach(() => {
    harness.emu.store.clear();
    harness.emu.requests.length = 0;
    harness.emu.faults = structuredClone(options.faults ?? {});
    harness.emu.resetStats();
  });
  after(async () => {
    harness.client?.destroy();
    await harness.emu?.close();
  });
  return harness;
}

export async function putBatch(client: PinpointClient, items: EndpointBatchItem[], app = APP): Promise<string> {
  const out = await client.send(
    new UpdateEndpointsBatchCommand({ ApplicationId: app, EndpointBatchRequest: { Item: items } }),
  );
  assert.equal(out.$metadata.httpStatusCode, 202);
  assert.equal(out.MessageBody?.Message, 'Accepted');
  return out.MessageBody!.RequestID!;
}

export async function putOne(client: PinpointClient, id: string, request: EndpointRequest, app = APP): Promise<string> {
  const out = await client.send(
    new UpdateEndpointCommand({ ApplicationId: app, EndpointId: id, EndpointRequest: request }),
  );
  assert.equal(out.$metadata.httpStatusCode, 202);
  return out.MessageBody!.RequestID!;
}

export async function getEndpoint(client: PinpointClient, id: string, app = APP): Promise<EndpointResponse> {
  const out = await client.send(new GetEndpointCommand({ ApplicationId: app, EndpointId: id }));
  assert.equal(out.$metadata.httpStatusCode, 200);
  return out.EndpointResponse!;
}

export async function getUser(client: PinpointClient, userId: string, app = APP): Promise<EndpointResponse[]> {
  const out = await client.send(new GetUserEndpointsCommand({ ApplicationId: app, UserId: userId }));
  return out.EndpointsResponse!.Item!;
}

export async function deleteEndpoint(client: PinpointClient, id: string, app = APP): Promise<EndpointResponse> {
  const out = await client.send(new DeleteEndpointCommand({ ApplicationId: app, EndpointId: id }));
  assert.equal(out.$metadata.httpStatusCode, 202);
  return out.EndpointResponse!;
}

interface SdkError {
  name: string;
  message: string;
  $metadata: { httpStatusCode?: number; requestId?: string };
}

/** Asserts that the SDK call fails with this exception name, status and (part of the) message. */
export async function expectSdkError(
  call: Promise<unknown>,
  name: string,
  status: number,
  messagePart?: string,
): Promise<SdkError> {
  const error = await call.then(
    () => assert.fail(`expected ${name}, the call succeeded`),
    (e: unknown) => e as SdkError,
  );
  assert.equal(error.name, name, `error name (message: ${error.message})`);
  assert.equal(error.$metadata.httpStatusCode, status);
  if (messagePart !== undefined) assert.ok(error.message.includes(messagePart), `message "${error.message}" lacks "${messagePart}"`);
  return error;
}

export function email(id: string, fields: Partial<EndpointBatchItem> = {}): EndpointBatchItem {
  return { Id: id, ChannelType: 'EMAIL', Address: `${id}@example.com`, ...fields };
}

/** The same endpoint as `email`, typed for EmulatorStore.putItems (the project's EndpointItem). */
export function emailItem(id: string, fields: Partial<EndpointItem> = {}): EndpointItem {
  return { Id: id, ChannelType: 'EMAIL', Address: `${id}@example.com`, ...fields };
}

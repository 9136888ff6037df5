import {
  DeleteEndpointCommand,
  GetEndpointCommand,
  GetUserEndpointsCommand,
  PinpointClient,
  UpdateEndpointsBatchCommand,
  type EndpointBatchItem,
  type EndpointResponse,
  type PinpointClientConfig,
} from '@aws-sdk/client-pinpoint';
import {
  ProviderError,
  type EndpointItem,
  type EndpointProvider,
  type LiveEndpoint,
  type ProviderStats,
  type WriteResult,
} from '../types.js';
import { credentialsHelp, regionHelp, toProviderError } from './errors.js';

export interface PinpointProviderOptions {
  readonly applicationId: string;
  /** Overrides AWS_ENDPOINT_URL_PINPOINT and the regional endpoint. */
  readonly endpointUrl?: string;
  readonly region?: string;
  readonly profile?: string;
  /** Static credentials (the embedded emulator); otherwise the SDK's default chain. */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** Shown in messages instead of the endpoint URL. */
  readonly description?: string;
  /** Added to the SDK's User-Agent (`name/version` pairs), so the server's logs name the tool. */
  readonly userAgent?: readonly (readonly [string, string?])[];
}

/**
 * Builds the SDK client and resolves its region and credentials up front, so a missing setting
 * is one clear line before any work starts rather than a failure half-way through a run.
 */
export async function createPinpointProvider(options: PinpointProviderOptions): Promise<EndpointProvider> {
  // The SDK prints a Node.js version support warning on Node 20; it would land in the middle of
  // pinsync's own output, which users read and parse.
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
  // pinsync paces and retries every call itself (core/calls), bounded and counted; an SDK retry
  // underneath would hide throttling from the pacing and retry twice over.
  // cacheMiddleware: resolve each command's middleware stack once, not on every call; profiled at
  // about a fifth of the SDK's CPU per request, which bounds how fast a plan can read.
  const config: PinpointClientConfig = { maxAttempts: 1, cacheMiddleware: true };
  if (options.endpointUrl !== undefined) config.endpoint = options.endpointUrl;
  if (options.region !== undefined) config.region = options.region;
  if (options.profile !== undefined) config.profile = options.profile;
  if (options.credentials !== undefined) config.credentials = { ...options.credentials };
  if (options.userAgent !== undefined) config.customUserAgent = options.userAgent.map(([name, version]) => (version === undefined ? [name] : [name, version]));
  const client = new PinpointClient(config);

  let region: string;
  try {
    region = await client.config.region();
  } catch {
    client.destroy();
    throw new ProviderError('config', regionHelp());
  }
  if (!region) {
    client.destroy();
    throw new ProviderError('config', regionHelp());
  }
  try {
    await client.config.credentials();
  } catch (error) {
    client.destroy();
    throw new ProviderError('config', credentialsHelp(), { cause: error });
  }
  const where = options.endpointUrl ?? process.env['AWS_ENDPOINT_URL_PINPOINT'] ?? `AWS ${region}`;
  return new PinpointProvider(client, options.applicationId, options.description ?? `Pinpoint at ${where}`, where);
}

class PinpointProvider implements EndpointProvider {
  private readonly counts: ProviderStats = { readCalls: 0, writeCalls: 0, deleteCalls: 0 };

  constructor(
    private readonly client: PinpointClient,
    private readonly applicationId: string,
    readonly description: string,
    private readonly where: string,
  ) {}

  async getEndpoint(id: string): Promise<LiveEndpoint | undefined> {
    this.counts.readCalls++;
    try {
      const out = await this.client.send(new GetEndpointCommand({ ApplicationId: this.applicationId, EndpointId: id }));
      return out.EndpointResponse === undefined ? undefined : toLive(out.EndpointResponse);
    } catch (error) {
      const e = toProviderError(error, this.where);
      if (e.kind === 'not-found') return undefined;
      throw e;
    }
  }

  async getUserEndpoints(userId: string): Promise<readonly LiveEndpoint[]> {
    this.counts.readCalls++;
    try {
      const out = await this.client.send(new GetUserEndpointsCommand({ ApplicationId: this.applicationId, UserId: userId }));
      return (out.EndpointsResponse?.Item ?? []).map(toLive);
    } catch (error) {
      const e = toProviderError(error, this.where);
      if (e.kind === 'not-found') return [];
      throw e;
    }
  }

  async writeBatch(items: readonly EndpointItem[]): Promise<WriteResult> {
    this.counts.writeCalls++;
    try {
      const out = await this.client.send(
        new UpdateEndpointsBatchCommand({
          ApplicationId: this.applicationId,
          EndpointBatchRequest: { Item: items as EndpointBatchItem[] },
        }),
      );
      return { requestId: out.MessageBody?.RequestID ?? out.$metadata.requestId };
    } catch (error) {
      throw toProviderError(error, this.where);
    }
  }

  async deleteEndpoint(id: string): Promise<boolean> {
    this.counts.deleteCalls++;
    try {
      await this.client.send(new DeleteEndpointCommand({ ApplicationId: this.applicationId, EndpointId: id }));
      return true;
    } catch (error) {
      const e = toProviderError(error, this.where);
      if (e.kind === 'not-found') return false;
      throw e;
    }
  }

  stats(): ProviderStats {
    return { ...this.counts };
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}

function toLive(r: EndpointResponse): LiveEndpoint {
  return r as LiveEndpoint;
}

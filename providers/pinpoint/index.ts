import {
  DeleteEndpointCommand,
  GetEndpointCommand,
  GetUserEndpointsCommand,
  PinpointClient,
  UpdateEndpointsBatchCommand,
  type EndpointBatchItem,
  type EndpointResponse,
  type PinpointClientConfig,
  type PinpointClientResolvedConfig,
} from '@aws-sdk/client-pinpoint';
import sdkPackage from '@aws-sdk/client-pinpoint/package.json' with { type: 'json' };
import { createDefaultUserAgentProvider } from '@aws-sdk/core/client';
import { loadConfigsForDefaultMode, type ResolvedDefaultsMode } from '@smithy/core/client';
import { SignatureV4 } from '@smithy/signature-v4';
import type { Endpoint } from '@smithy/types';
import {
  ProviderError,
  type EndpointItem,
  type EndpointProvider,
  type LiveEndpoint,
  type ProviderStats,
  type WriteResult,
} from '../types.js';
import { credentialsHelp, regionHelp, toProviderError } from './errors.js';
import { LeanHttpHandler } from './http-handler.js';

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
  if (options.endpointUrl !== undefined) config.endpoint = parseEndpoint(options.endpointUrl);
  if (options.region !== undefined) config.region = options.region;
  if (options.profile !== undefined) config.profile = options.profile;
  if (options.credentials !== undefined) config.credentials = { ...options.credentials };
  if (options.userAgent !== undefined) config.customUserAgent = options.userAgent.map(([name, version]) => (version === undefined ? [name] : [name, version]));
  const client: PinpointClient = new PinpointClient(withLeanCalls(config, () => client.config));
  // pinsync retries in core/calls; with maxAttempts 1 the SDK's retry step only stamps each request
  // with an invocation id and attempt count, so it is replaced by a step that passes the call on.
  client.middlewareStack.add((next) => (args) => next(args), { step: 'finalizeRequest', name: 'retryMiddleware', tags: ['RETRY'], priority: 'high', override: true });

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

/**
 * What the SDK's client does on every call that Pinpoint's calls never need, set aside through the
 * client's public options (a plan reads thousands of times: docs/benchmarks.md has the profile).
 * `resolved` is the client's configuration, asked for once the client exists.
 */
function withLeanCalls(config: PinpointClientConfig, resolved: () => PinpointClientResolvedConfig): PinpointClientConfig {
  // The default signer is a new SignatureV4 for every request, built by copying the whole client
  // configuration; every Pinpoint call signs for the same service, so one is enough (the region
  // and date of each signature are still the call's).
  let signer: SignatureV4 | undefined;
  const signingScope = (): SignatureV4 => {
    const c = resolved();
    return new SignatureV4({ credentials: c.credentials, region: c.region, service: 'mobiletargeting', sha256: c.sha256, uriEscapePath: c.signingEscapePath });
  };
  // The default User-Agent sections are asked for on every request (a uname system call among
  // them); they cannot change while pinsync runs.
  const defaultUserAgent = createDefaultUserAgentProvider({ serviceId: 'Pinpoint', clientVersion: sdkPackage.version });
  let userAgent: ReturnType<typeof defaultUserAgent> | undefined;
  return {
    ...config,
    signer: async () => (signer ??= signingScope()),
    // The connection timeout the SDK's defaults mode would give its own handler (none in "legacy").
    requestHandler: new LeanHttpHandler(async () => ({ connectionTimeout: loadConfigsForDefaultMode(await resolveMode(resolved().defaultsMode)).connectionTimeout })),
    // Asked without a configuration, as the SDK asks: its User-Agent step adds the app Id itself.
    defaultUserAgentProvider: () => (userAgent ??= defaultUserAgent()),
  };
}

/**
 * The endpoint URL as the SDK's endpoint object: given as a string, it is parsed again for every
 * request. A URL that does not parse is a configuration error, reported before any call.
 */
function parseEndpoint(text: string): Endpoint {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  // `localhost:4566` parses, as a URL of the scheme "localhost:" with no host.
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
    throw new ProviderError('config', `the endpoint URL "${text}" is not an http:// or https:// URL: give one such as https://pinpoint.us-east-1.amazonaws.com or http://127.0.0.1:4566`);
  }
  const endpoint: { -readonly [K in keyof Endpoint]: Endpoint[K] } = {
    protocol: url.protocol,
    hostname: url.hostname,
    path: url.pathname,
  };
  if (url.port !== '') endpoint.port = Number(url.port);
  if (url.search !== '') {
    const query: Record<string, string | string[]> = {};
    for (const [key, value] of url.searchParams) {
      const seen = query[key];
      query[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
    }
    endpoint.query = query;
  }
  return endpoint;
}

/** The defaults mode the client resolved ("auto" is resolved by the SDK's own provider). */
async function resolveMode(mode: PinpointClientResolvedConfig['defaultsMode']): Promise<ResolvedDefaultsMode> {
  return (typeof mode === 'function' ? await mode() : mode) as ResolvedDefaultsMode;
}

function toLive(r: EndpointResponse): LiveEndpoint {
  return r as LiveEndpoint;
}

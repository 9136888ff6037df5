import { join } from 'node:path';
import { pacedProvider, type PacingOptions } from '../core/calls/paced-provider.js';
import type { EndpointProvider } from '../providers/types.js';
import { VERSION } from './version.js';
import { UserError } from './errors.js';
import { parseMaxRps } from './pacing.js';

export interface ConnectionOptions {
  readonly local?: boolean;
  readonly endpointUrl?: string;
  readonly region?: string;
  readonly profile?: string;
}

/**
 * Where a run's calls go, as its flags and environment name it (the SDK's own fallbacks, such as
 * a profile's region, stay unnamed): bound into saved plans, so that applying one elsewhere is refused.
 */
export function connectionTarget(options: ConnectionOptions, env: NodeJS.ProcessEnv): string {
  if (options.local) return 'local';
  const url = options.endpointUrl ?? env['AWS_ENDPOINT_URL_PINPOINT'] ?? env['AWS_ENDPOINT_URL'];
  if (url !== undefined && url !== '') return `endpoint ${url.replace(/\/+$/, '')}`;
  const region = options.region ?? env['AWS_REGION'] ?? env['AWS_DEFAULT_REGION'];
  const profile = options.profile ?? env['AWS_PROFILE'];
  return `AWS ${region ?? "(the profile's region)"}${profile ? ` (profile ${profile})` : ''}`;
}

/** Where `--local` keeps the embedded emulator's data, relative to the working directory. */
export const LOCAL_DATA_DIR = join('.pinsync', 'local');

/**
 * The provider a command talks to. `--local` starts the embedded emulator on a loopback port and
 * goes through the same SDK client as AWS, so a local run exercises exactly the code a real one does.
 */
export async function openProvider(applicationId: string, options: ConnectionOptions, cwd: string): Promise<EndpointProvider> {
  // Loaded when a call is about to be made: a plan from the state, or a run stopped by a mistake in
  // the manifest, never loads the AWS SDK.
  const { createPinpointProvider } = await import('../providers/pinpoint/index.js');
  if (!options.local) {
    return createPinpointProvider({
      applicationId,
      endpointUrl: options.endpointUrl,
      region: options.region,
      profile: options.profile,
      userAgent: USER_AGENT,
    });
  }
  // Loaded only for --local: a run against AWS does not need the emulator's code.
  const { startEmulator } = await import('../providers/emulator/index.js');
  const emulator = await startEmulator({ host: '127.0.0.1', port: 0, dataFile: join(cwd, LOCAL_DATA_DIR, 'pinpoint.json') });
  const provider = await createPinpointProvider({
    applicationId,
    endpointUrl: emulator.url,
    region: options.region ?? 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    description: `the local emulator (${join(LOCAL_DATA_DIR, 'pinpoint.json')})`,
    userAgent: USER_AGENT,
  });
  return {
    description: provider.description,
    getEndpoint: (id) => provider.getEndpoint(id),
    getUserEndpoints: (userId) => provider.getUserEndpoints(userId),
    writeBatch: (items) => provider.writeBatch(items),
    deleteEndpoint: (id) => provider.deleteEndpoint(id),
    stats: () => provider.stats(),
    close: async () => {
      await provider.close();
      await emulator.close();
    },
  };
}

/** Added to the SDK's User-Agent, so that a server's logs (CloudTrail's among them) name pinsync. */
const USER_AGENT = [['pinsync', VERSION]] as const;

/** A provider opened on first use, so runs that make no call need no credentials or emulator. */
export interface LazyProvider {
  get(): Promise<EndpointProvider>;
  close(): Promise<void>;
}

export interface CallOptions {
  readonly maxRps?: readonly string[];
  readonly signal?: AbortSignal;
  readonly onRetry?: PacingOptions['onRetry'];
}

/** The provider every command uses: opened on first use, paced, retried. */
export function lazyProvider(applicationId: string, options: ConnectionOptions & CallOptions, cwd: string): LazyProvider {
  let opened: Promise<EndpointProvider> | undefined;
  const rates = parseMaxRps(options.maxRps, options.local === true);
  if (typeof rates === 'string') throw new UserError(rates);
  return {
    get: () =>
      (opened ??= openProvider(applicationId, options, cwd).then((inner) =>
        pacedProvider(inner, { ratePerOperation: rates, signal: options.signal, onRetry: options.onRetry }),
      )),
    close: async () => {
      if (opened !== undefined) await (await opened).close();
    },
  };
}

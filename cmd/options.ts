import type { Argv } from 'yargs';

/** Flags shared by every command that reads a manifest and talks to Pinpoint. */
export interface CommonArgs {
  paths: string[];
  appId?: string;
  local?: boolean;
  endpointUrl?: string;
  region?: string;
  profile?: string;
  format: 'text' | 'json';
  color?: boolean;
  concurrency: number;
  maxRps?: number;
}

export function withManifestPaths<T>(y: Argv<T>): Argv<T & { paths: string[] }> {
  return y.positional('paths', {
    describe: 'manifest files or folders (every *.yaml, *.yml and *.json below a folder)',
    type: 'string',
    array: true,
    default: [] as string[],
  }) as unknown as Argv<T & { paths: string[] }>;
}

export function withConnection<T>(y: Argv<T>): Argv<T & CommonArgs> {
  return y
    .option('app-id', { type: 'string', describe: 'Pinpoint application (project) id; else PINSYNC_APP_ID, else the manifest\'s applicationId' })
    .option('local', { type: 'boolean', describe: 'use the embedded emulator, with its data in .pinsync/local/ (no AWS account needed)' })
    .option('endpoint-url', { type: 'string', describe: 'Pinpoint endpoint URL (any Pinpoint-compatible server); else AWS_ENDPOINT_URL_PINPOINT' })
    .option('region', { type: 'string', describe: 'AWS region; else AWS_REGION or the profile\'s region' })
    .option('profile', { type: 'string', describe: 'AWS profile for credentials and region; else AWS_PROFILE' })
    .option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: 'output format' })
    .option('color', { type: 'boolean', describe: 'colour output (on by default on a terminal; --no-color or NO_COLOR turn it off)' })
    .option('concurrency', { type: 'number', default: 8, describe: 'requests in flight at once' })
    .option('max-rps', { type: 'number', describe: 'ceiling on requests per second (Pinpoint\'s quotas are shared with your app)' })
    .check((argv) => {
      const c = argv['concurrency'] as number;
      if (!Number.isInteger(c) || c < 1) throw new Error('--concurrency must be a whole number of at least 1');
      const r = argv['max-rps'] as number | undefined;
      if (r !== undefined && !(r > 0)) throw new Error('--max-rps must be a number above 0');
      return true;
    }) as unknown as Argv<T & CommonArgs>;
}

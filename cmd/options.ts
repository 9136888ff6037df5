import type { Argv } from 'yargs';
import type { PlanFormat } from '../core/render/index.js';

export const PLAN_FORMATS: readonly PlanFormat[] = ['text', 'json', 'markdown'];
import { parseMaxRps } from './pacing.js';

/** Flags shared by every command that reads a manifest and talks to Pinpoint. */
export interface CommonArgs {
  paths: string[];
  appId?: string;
  local?: boolean;
  endpointUrl?: string;
  region?: string;
  profile?: string;
  format: PlanFormat;
  color?: boolean;
  concurrency: number;
  maxRps?: string[];
}

export function withManifestPaths<T>(y: Argv<T>): Argv<T & { paths: string[] }> {
  return y.positional('paths', {
    describe: 'manifest files or folders (every *.yaml, *.yml and *.json below a folder)',
    type: 'string',
    array: true,
    default: [] as string[],
  }) as unknown as Argv<T & { paths: string[] }>;
}

export function withConnection<T>(y: Argv<T>, formats: readonly PlanFormat[] = ['text', 'json']): Argv<T & CommonArgs> {
  return y
    .option('app-id', { type: 'string', describe: 'Pinpoint application (project) id; else PINSYNC_APP_ID, else the manifest\'s applicationId' })
    .option('local', { type: 'boolean', describe: 'use the embedded emulator, with its data in .pinsync/local/ (no AWS account needed)' })
    .option('endpoint-url', { type: 'string', describe: 'Pinpoint endpoint URL (any Pinpoint-compatible server); else AWS_ENDPOINT_URL_PINPOINT' })
    .option('region', { type: 'string', describe: 'AWS region; else AWS_REGION or the profile\'s region' })
    .option('profile', { type: 'string', describe: 'AWS profile for credentials and region; else AWS_PROFILE' })
    .option('format', { choices: formats, default: 'text' as PlanFormat, describe: 'output format' })
    .option('color', { type: 'boolean', describe: 'colour output (on by default on a terminal; --no-color or NO_COLOR turn it off)' })
    .option('concurrency', { type: 'number', default: 8, describe: 'requests in flight at once' })
    .option('max-rps', {
      type: 'string',
      array: true,
      describe: 'requests per second: N for every operation, or OPERATION=N; 0 for none (default: Pinpoint\'s quotas against AWS, none with --local)',
    })
    .check((argv) => {
      const c = argv['concurrency'] as number;
      // A string returned is a usage mistake, reported as one (a thrown error would be a bug).
      if (!Number.isInteger(c) || c < 1) return '--concurrency must be a whole number of at least 1';
      const rates = parseMaxRps(argv['max-rps'] as string[] | undefined, false);
      return typeof rates === 'string' ? rates : true;
    }) as unknown as Argv<T & CommonArgs>;
}

/** Flags that shape a plan (plan and apply). */
export interface PlanningArgs {
  state?: string;
  refresh: 'live' | 'state';
  target?: string[];
  exclude?: string[];
  prune?: boolean;
  replaceOnRemoval?: boolean;
  maxDeletePercent?: number;
  safetyMinManaged?: number;
  allowResubscribe?: boolean;
}

export function withPlanning<T>(y: Argv<T>): Argv<T & PlanningArgs> {
  return y
    .option('state', { type: 'string', describe: 'state file (default: pinsync.state.json beside the first manifest path; with --local, in .pinsync/local/)' })
    .option('refresh', { choices: ['live', 'state'] as const, default: 'live' as const, describe: 'live: read Pinpoint; state: compare with the state file and make no call' })
    .option('target', { type: 'string', array: true, describe: 'only endpoints whose Id matches one of these globs (* and ?)' })
    .option('exclude', { type: 'string', array: true, describe: 'leave out endpoints whose Id matches one of these globs' })
    .option('prune', { type: 'boolean', describe: 'delete endpoints that pinsync applied and the manifest no longer declares (manifest: prune: true)' })
    .option('replace-on-removal', { type: 'boolean', describe: 'a removed metric, Demographic or Location field replaces the endpoint (manifest: removals: replace)' })
    .option('max-delete-percent', { type: 'number', describe: 'safety: most deletes plus replaces, as a percentage of managed endpoints (default 30)' })
    .option('safety-min-managed', { type: 'number', describe: 'safety: the percentage rule applies from this many managed endpoints (default 10)' })
    .option('allow-resubscribe', { type: 'boolean', describe: 'allow OptOut to change from ALL to NONE' }) as unknown as Argv<T & PlanningArgs>;
}

/** Where `state` subcommands find the state file. */
export function withStateFile<T>(y: Argv<T>): Argv<T & { state?: string; manifest?: string; local?: boolean; appId?: string }> {
  return y
    .option('state', { type: 'string', describe: 'state file' })
    .option('manifest', { type: 'string', describe: 'the manifest path given to plan: the state beside it' })
    .option('local', { type: 'boolean', describe: 'the state of --local runs (.pinsync/local/)' })
    .option('app-id', { type: 'string', describe: 'only this application' }) as unknown as Argv<T & { state?: string; manifest?: string; local?: boolean; appId?: string }>;
}

export interface RedactArgs {
  redact?: boolean;
  redactAttribute?: string[];
}

export function withRedaction<T>(y: Argv<T>): Argv<T & RedactArgs> {
  return y
    .option('redact', { type: 'boolean', describe: 'mask addresses, user Ids and the --redact-attribute attributes in what is printed (never in --out files)' })
    .option('redact-attribute', { type: 'string', array: true, describe: 'attribute names to mask too, in Attributes and User.UserAttributes (implies --redact)' }) as unknown as Argv<T & RedactArgs>;
}

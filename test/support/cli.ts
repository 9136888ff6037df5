import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The built CLI, started the way the `pinsync` bin starts it. */
export const CLI = fileURLToPath(new URL('../../../cmd/pinsync.js', import.meta.url));

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  readonly cwd?: string;
  /** Replaces the inherited AWS and pinsync variables; everything else comes from this process. */
  readonly env?: Record<string, string | undefined>;
  readonly input?: string;
  /** Run this command line instead of the CLI itself (a wrapper that starts it). */
  readonly command?: readonly string[];
}

/** Variables that would make a test depend on the machine it runs on. */
const SCRUBBED = /^(AWS_|PINSYNC_|NO_COLOR$|FORCE_COLOR$)/;

export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !SCRUBBED.test(k)) env[k] = v;
  for (const [k, v] of Object.entries(options.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return new Promise((resolve, reject) => {
    const [file, ...rest] = options.command ?? [process.execPath, CLI, ...args];
    const child = spawn(file as string, rest, { cwd: options.cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** The credentials of emulatorEnv(), which the emulators of useEmulator() check signatures with. */
export const TEST_CREDENTIALS = { accessKeyId: 'test-key', secretAccessKey: 'test-secret' } as const;

/** Credentials, region and endpoint for talking to the emulator at `url`, and no user AWS files. */
export function emulatorEnv(url: string, extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
    AWS_REGION: 'us-east-1',
    AWS_ENDPOINT_URL_PINPOINT: url,
    // Keep the SDK from reading the developer's own ~/.aws files.
    AWS_CONFIG_FILE: '/nonexistent/pinsync-test-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/pinsync-test-credentials',
    ...extra,
  };
}

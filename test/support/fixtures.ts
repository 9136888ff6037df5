import { mkdtemp, writeFile, mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import type { EndpointItem } from '../../providers/types.js';

export async function tempDir(prefix = 'pinsync-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export async function writeText(dir: string, name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
  return path;
}

export async function writeManifest(
  dir: string,
  name: string,
  endpoints: readonly EndpointItem[],
  extra: Record<string, unknown> = {},
): Promise<string> {
  return writeText(dir, name, stringify({ ...extra, endpoints }));
}

/** A realistic endpoint; `n` keeps Ids, addresses and users distinct. */
export function makeEndpoint(n: number, overrides: Partial<EndpointItem> = {}): EndpointItem {
  return {
    Id: `ep-${String(n).padStart(4, '0')}`,
    ChannelType: 'EMAIL',
    Address: `user${n}@example.com`,
    Attributes: { Plan: [n % 2 === 0 ? 'free' : 'pro'], Interests: ['Music', 'Books'] },
    Metrics: { sessions: n % 17 },
    User: { UserId: `user-${Math.floor(n / 2)}`, UserAttributes: { FirstName: [`Name${n}`] } },
    ...overrides,
  };
}

/** A loopback URL where nothing listens: a port the OS just handed out and that was closed again. */
export async function unusedLoopbackUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}`;
}

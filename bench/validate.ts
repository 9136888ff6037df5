// `pinsync validate` on generated manifests of 1,000 / 10,000 / 100,000 endpoints (about 25 MB of
// YAML at 100,000: a few attributes, a metric and a user each), as a child process the way a user
// runs it: wall time and peak memory, next to a child that only JSON.parses the same data, measured
// in the same run so that the ratio holds whatever the machine.
//
//   node dist/bench/validate.js [SIZES...]      (default 1000 10000 100000)

import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const CLI = fileURLToPath(new URL('../../cmd/pinsync.js', import.meta.url));

export interface ValidateBenchRow {
  readonly endpoints: number;
  /** Size of the YAML manifest. */
  readonly yamlBytes: number;
  /** `pinsync validate FILE.yaml`: median wall time of the runs, and the largest peak RSS. */
  readonly validateMs: number;
  readonly validatePeakRssBytes: number;
  /** A Node process that reads the same data as JSON and JSON.parses it. */
  readonly jsonParseMs: number;
  readonly jsonParsePeakRssBytes: number;
  /** validateMs / jsonParseMs. */
  readonly ratio: number;
}

export interface ValidateBenchOptions {
  readonly sizes: readonly number[];
  /** Runs of each command; the median time is reported. Default 3. */
  readonly runs?: number;
}

export async function benchValidate(options: ValidateBenchOptions): Promise<ValidateBenchRow[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pinsync-bench-'));
  try {
    const rssProbe = path.join(dir, 'rss-probe.mjs');
    await writeFile(rssProbe, RSS_PROBE);
    const rows: ValidateBenchRow[] = [];
    for (const size of options.sizes) {
      const { yaml, json } = generateManifest(size);
      const yamlFile = path.join(dir, `endpoints-${size}.yaml`);
      const jsonFile = path.join(dir, `endpoints-${size}.json`);
      await writeFile(yamlFile, yaml);
      await writeFile(jsonFile, json);
      const validate = await measure([CLI, 'validate', yamlFile], rssProbe, dir, options.runs ?? 3);
      const parse = await measure(['-e', `JSON.parse(require('node:fs').readFileSync(${JSON.stringify(jsonFile)}, 'utf8'))`], rssProbe, dir, options.runs ?? 3);
      rows.push({
        endpoints: size,
        yamlBytes: Buffer.byteLength(yaml),
        validateMs: validate.ms,
        validatePeakRssBytes: validate.rss,
        jsonParseMs: parse.ms,
        jsonParsePeakRssBytes: parse.rss,
        ratio: validate.ms / parse.ms,
      });
    }
    return rows;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Loaded into each child with --import: writes the process's peak RSS (bytes) where told on exit. */
const RSS_PROBE = `import { writeFileSync } from 'node:fs';
process.on('exit', () => writeFileSync(process.env.PINSYNC_BENCH_RSS_FILE, String(process.resourceUsage().maxRSS * 1024)));
`;

async function measure(args: readonly string[], probe: string, dir: string, runs: number): Promise<{ ms: number; rss: number }> {
  const times: number[] = [];
  let rss = 0;
  for (let i = 0; i < runs; i++) {
    const rssFile = path.join(dir, 'rss.txt');
    const started = performance.now();
    const { code, stderr } = await run(process.execPath, ['--import', pathToFileURL(probe).href, ...args], { PINSYNC_BENCH_RSS_FILE: rssFile });
    times.push(performance.now() - started);
    if (code !== 0) throw new Error(`${args.join(' ')} exited ${code}:\n${stderr}`);
    rss = Math.max(rss, Number(await readFile(rssFile, 'utf8')));
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)]!, rss };
}

function run(file: string, args: readonly string[], env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

/** `size` endpoints, each with a few attributes, a metric and a user: as YAML and as the same data in JSON. */
export function generateManifest(size: number): { yaml: string; json: string } {
  const parts = ['# yaml-language-server: $schema=../schema/manifest.schema.json', 'applicationId: 0123456789abcdef0123456789abcdef', 'defaults:', '  OptOut: NONE', 'endpoints:'];
  const items: unknown[] = [];
  for (let i = 0; i < size; i++) {
    const plan = i % 3 === 0 ? 'free' : i % 3 === 1 ? 'pro' : 'team';
    parts.push(
      `  - Id: endpoint-${i}`,
      '    ChannelType: EMAIL',
      `    Address: user${i}@example.com`,
      '    Attributes:',
      '      Interests: [Music, Books]',
      `      Plan: [${plan}]`,
      '    Metrics: {score: 3.5}',
      '    User:',
      `      UserId: user-${i}`,
      '      UserAttributes: {FirstName: [Richard]}',
    );
    items.push({
      Id: `endpoint-${i}`,
      ChannelType: 'EMAIL',
      Address: `user${i}@example.com`,
      Attributes: { Interests: ['Music', 'Books'], Plan: [plan] },
      Metrics: { score: 3.5 },
      User: { UserId: `user-${i}`, UserAttributes: { FirstName: ['Richard'] } },
    });
  }
  const json = JSON.stringify({ applicationId: '0123456789abcdef0123456789abcdef', defaults: { OptOut: 'NONE' }, endpoints: items });
  return { yaml: `${parts.join('\n')}\n`, json };
}

export function renderBenchTable(rows: readonly ValidateBenchRow[]): string {
  const header = ['endpoints', 'YAML', 'validate', 'peak RSS', 'JSON.parse', 'peak RSS', 'ratio'];
  const body = rows.map((r) => [
    r.endpoints.toLocaleString('en-US'),
    `${(r.yamlBytes / 1e6).toFixed(1)} MB`,
    `${(r.validateMs / 1000).toFixed(2)} s`,
    `${Math.round(r.validatePeakRssBytes / 1048576)} MB`,
    `${(r.jsonParseMs / 1000).toFixed(2)} s`,
    `${Math.round(r.jsonParsePeakRssBytes / 1048576)} MB`,
    `${r.ratio.toFixed(1)}x`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return `${[line(header), ...body.map(line)].join('\n')}\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  benchValidate({ sizes: sizes.length > 0 ? sizes : [1_000, 10_000, 100_000] }).then(
    (rows) => process.stdout.write(renderBenchTable(rows)),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}

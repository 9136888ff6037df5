// Runs one child process the way a user runs it and measures it from outside: wall time around the
// child, and the child's peak RSS, reported by a tiny preloaded CommonJS file
// (process.resourceUsage().maxRSS on 'exit', written to a file named in the environment).

import { spawn } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

const PROBE = `'use strict';
process.on('exit', () => {
  require('node:fs').writeFileSync(process.env.PINSYNC_BENCH_RSS_FILE, String(process.resourceUsage().maxRSS * 1024));
});
`;

export interface ChildRun {
  readonly ms: number;
  /** Peak resident set size of the child, bytes. */
  readonly rssBytes: number;
  readonly code: number | null;
  /** stdout and stderr, interleaved as written. */
  readonly output: string;
}

export interface RunOptions {
  readonly env?: Record<string, string>;
  /** Names the CPU profile of this run, when the runner profiles (`label.cpuprofile`). */
  readonly label?: string;
}

export class ChildRunner {
  private readonly probe: string;
  private runs = 0;

  constructor(
    private readonly dir: string,
    private readonly env: Record<string, string>,
    /** When set, every labelled run is profiled (`node --cpu-prof`) into this folder. */
    private readonly profileDir?: string,
  ) {
    this.probe = path.join(dir, 'rss-probe.cjs');
  }

  async init(): Promise<void> {
    await writeFile(this.probe, PROBE);
  }

  /** `node --require probe ...args`; output goes to a file so that the parent's loop stays idle. */
  async run(args: readonly string[], options: RunOptions = {}): Promise<ChildRun> {
    const n = ++this.runs;
    const nodeFlags =
      this.profileDir !== undefined && options.label !== undefined
        ? ['--cpu-prof', '--cpu-prof-dir', this.profileDir, '--cpu-prof-name', `${options.label.replace(/[^A-Za-z0-9.%-]+/g, '_')}-${n}.cpuprofile`]
        : [];
    const rssFile = path.join(this.dir, `rss-${n}.txt`);
    const outFile = path.join(this.dir, `out-${n}.txt`);
    const fd = openSync(outFile, 'w');
    const started = performance.now();
    let code: number | null;
    try {
      code = await new Promise<number | null>((resolve, reject) => {
        const child = spawn(process.execPath, [...nodeFlags, '--require', this.probe, ...args], {
          env: { ...this.env, ...options.env, PINSYNC_BENCH_RSS_FILE: rssFile },
          stdio: ['ignore', fd, fd],
        });
        child.on('error', reject);
        child.on('close', (c) => resolve(c));
      });
    } finally {
      closeSync(fd);
    }
    const ms = performance.now() - started;
    const rssBytes = Number(await readFile(rssFile, 'utf8').catch(() => '0'));
    const output = await readFile(outFile, 'utf8');
    await rm(outFile, { force: true });
    await rm(rssFile, { force: true });
    return { ms, rssBytes, code, output };
  }

  /** `runs` runs of the same command: the median time and the largest peak RSS. */
  async repeat(runs: number, args: readonly string[], options: RunOptions = {}): Promise<ChildRun> {
    const all: ChildRun[] = [];
    for (let i = 0; i < runs; i++) {
      const r = await this.run(args, options);
      all.push(r);
      if (r.code !== 0) return r;
    }
    const byTime = [...all].sort((a, b) => a.ms - b.ms);
    const median = byTime[Math.floor(byTime.length / 2)]!;
    return { ...median, rssBytes: Math.max(...all.map((r) => r.rssBytes)) };
  }
}

/** Variables that would make a run depend on the machine (the user's AWS profile, colours). */
const SCRUBBED = /^(AWS_|PINSYNC_|NO_COLOR$|FORCE_COLOR$|NODE_OPTIONS$)/;

/** The environment of every child: credentials the emulator accepts, and nothing of the user's AWS setup. */
export function childEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !SCRUBBED.test(k)) env[k] = v;
  return {
    ...env,
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_REGION: 'us-east-1',
    AWS_CONFIG_FILE: '/nonexistent/pinsync-bench-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/pinsync-bench-credentials',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    NO_COLOR: '1',
  };
}


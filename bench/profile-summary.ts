// Sums up a V8 CPU profile (`node --cpu-prof`, or `npm run bench -- --profile DIR`) as text: time
// per function (self), per file (self), and per function including what it calls.
//
//   node dist/bench/profile-summary.js FILE.cpuprofile [TOP]     (TOP rows per section, default 25)

import { readFileSync } from 'node:fs';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** `name path:line`, the path shortened to what follows node_modules/ or the project's dist/. */
function frameName(frame: CallFrame): string {
  const url = frame.url.replace(/^file:\/\//, '').replace(/^.*\/(node_modules\/|dist\/)/, '$1');
  return `${frame.functionName || '(anonymous)'} ${url}${url ? `:${frame.lineNumber + 1}` : ''}`;
}

/** The package (node_modules/@scope/name) or the file (dist/...), or the function for built-ins. */
function fileName(frame: CallFrame): string {
  const url = frame.url.replace(/^file:\/\//, '');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return `node_modules/${pkg[1]}`;
  const dist = /\/dist\/(.*)$/.exec(url);
  if (dist) return `dist/${dist[1]}`;
  return url || frame.functionName;
}

export function summarise(profile: CpuProfile, top = 25): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfTime = new Map<number, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    selfTime.set(id, (selfTime.get(id) ?? 0) + dt);
    total += dt;
  });
  const bySelf = new Map<string, number>();
  const byFile = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, t: number) => m.set(k, (m.get(k) ?? 0) + t);
  for (const [id, t] of selfTime) {
    const frame = byId.get(id)!.callFrame;
    add(bySelf, frameName(frame), t);
    add(byFile, fileName(frame), t);
    // Each function once per sample, however deep its recursion.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const name = frameName(byId.get(cur)!.callFrame);
      if (!seen.has(name)) {
        seen.add(name);
        add(inclusive, name, t);
      }
    }
  }
  const section = (title: string, m: Map<string, number>) => [
    `== ${title} (of ${(total / 1000).toFixed(0)} ms sampled)`,
    ...[...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, t]) => `${(t / 1000).toFixed(0).padStart(7)} ms ${((100 * t) / total).toFixed(1).padStart(5)} %  ${k}`),
    '',
  ];
  return [...section('self time by function', bySelf), ...section('self time by file or package', byFile), ...section('inclusive time by function', inclusive)].join('\n');
}

const [file, topArg] = process.argv.slice(2);
if (file === undefined) {
  process.stderr.write('usage: node dist/bench/profile-summary.js FILE.cpuprofile [TOP]\n');
  process.exitCode = 1;
} else {
  process.stdout.write(summarise(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, Number(topArg ?? 25)));
}

// Runs `pinsync validate` on every case of test/corpus/cases (see README.md there) and on a few
// generated ones too large to keep in the repository.

import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli, type CliResult } from '../support/cli.js';

const CASES = fileURLToPath(new URL('../../../test/corpus/cases/', import.meta.url));
const DIAGNOSTIC = /^([^\s]+:\d+:\d+: (?:error|warning) PS\d{3})\b/;

interface Case {
  readonly name: string;
  readonly dir: string;
  readonly files: readonly string[];
  readonly expected: readonly string[];
}

async function readCases(): Promise<Case[]> {
  const names = (await readdir(CASES, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const dir = path.join(CASES, name);
      const files = (await readdir(dir)).filter((f) => f !== 'expected.txt').sort();
      const expected = (await readFile(path.join(dir, 'expected.txt'), 'utf8')).split('\n').filter((l) => l !== '');
      return { name, dir, files, expected };
    }),
  );
}

function check(c: Case, result: CliResult): void {
  const printed = result.stderr.split('\n').flatMap((line) => DIAGNOSTIC.exec(line)?.[1] ?? []);
  assert.deepEqual(printed, c.expected, `${c.name}:\n${result.stderr}`);
  assert.doesNotMatch(result.stderr, /^\s+at |Internal error/m, `${c.name} printed a stack trace:\n${result.stderr}`);
  const hasError = c.expected.some((l) => l.includes(': error '));
  assert.equal(result.code, hasError ? 1 : 0, `${c.name}: exit code\n${result.stderr}`);
}

/** Runs `work` over `items`, `limit` at a time. */
async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

describe('corpus of bad manifests', function () {
  this.timeout(300_000);
  const generated: string[] = [];
  after(() => Promise.all(generated.map((d) => rm(d, { recursive: true, force: true }))));

  it('has at least 40 cases, each with its expected diagnostics', async () => {
    const cases = await readCases();
    assert.ok(cases.length + 3 >= 40, `${cases.length} cases`);
    for (const c of cases) {
      assert.ok(c.files.length > 0, c.name);
      assert.ok(c.expected.length > 0, c.name);
    }
  });

  it('reports every case at its exact line and column, with its code, and no stack trace', async () => {
    const cases = await readCases();
    await inParallel(cases, 3, async (c) => check(c, await runCli(['validate', ...c.files], { cwd: c.dir })));
  });

  async function generatedCase(name: string, file: string, text: string, expected: string[]): Promise<void> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'pinsync-corpus-'));
    generated.push(dir);
    await writeFile(path.join(dir, file), text);
    check({ name, dir, files: [file], expected }, await runCli(['validate', file], { cwd: dir }));
  }

  it('reads a 50 MB single line, reporting the value that is too long and the endpoint too large', async () => {
    const prefix = 'endpoints: [{Id: a, ChannelType: CUSTOM, Attributes: {Big: ["';
    const text = `${prefix}${'x'.repeat(50 * 1024 * 1024)}"]}}]\n`;
    await generatedCase('fifty-mb-line', 'big.yaml', text, ['big.yaml:1:13: error PS046', `big.yaml:1:${prefix.length}: error PS041`]);
  });

  it('reports input nested 100,000 levels deep, in flow and in block style, where it passes 100 levels', async () => {
    await generatedCase('deep-flow', 'deep.yaml', `${'['.repeat(100_000)}${']'.repeat(100_000)}\n`, ['deep.yaml:1:101: error PS001']);
    const block = Array.from({ length: 5000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
    await generatedCase('deep-block', 'deep.yaml', `${block}\n`, ['deep.yaml:101:101: error PS001']);
    await generatedCase('deep-json', 'deep.json', `${'['.repeat(100_000)}${']'.repeat(100_000)}\n`, ['deep.json:1:501: error PS002']);
  });
});

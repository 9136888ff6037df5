import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { runShow, type ShowArgs } from '../../cmd/commands/show.js';
import type { Io } from '../../cmd/io.js';
import { renderPlan, renderPlanJson } from '../../core/render/index.js';
import { STICKY_MARKER } from '../../core/render/markdown-sections.js';
import { planValidator } from '../core/render/plan-schema.js';
import { GOLDEN_CASES } from '../golden/plans.js';
import { emulatorEnv, runCli } from '../support/cli.js';
import { useEmulator } from '../support/emulator-fixture.js';
import { makeEndpoint, tempDir, writeManifest, writeText } from '../support/fixtures.js';

const STICKY = fileURLToPath(new URL('../../../examples/ci/sticky-comment.mjs', import.meta.url));
const APP = '0123456789abcdef0123456789abcdef';

function captureIo(cwd: string): Io & { stdout: string } {
  const io = {
    stdout: '',
    stdinIsTTY: false,
    stdoutIsTTY: false,
    stderrIsTTY: false,
    env: {},
    cwd,
    out: (t: string) => void (io.stdout += t),
    err: () => undefined,
  };
  return io;
}

async function show(dir: string, args: Partial<ShowArgs> & { planFile: string }): Promise<string> {
  const io = captureIo(dir);
  await runShow({ format: 'text', ...args }, io);
  return io.stdout;
}

describe('pinsync show', () => {
  const updates = GOLDEN_CASES.find((c) => c.name === 'updates')!.plan;
  let dir: string;
  beforeEach(async () => {
    dir = await tempDir();
    await writeText(dir, 'plan.json', renderPlanJson(updates));
  });

  it('prints a saved plan in every format, as the plan command would', async () => {
    assert.equal(await show(dir, { planFile: 'plan.json' }), await renderPlan(updates, 'text'));
    assert.equal(await show(dir, { planFile: 'plan.json', format: 'json' }), renderPlanJson(updates));
    const md = await show(dir, { planFile: 'plan.json', format: 'markdown' });
    assert.equal(md.split('\n')[0], STICKY_MARKER, 'the marker line first, for the sticky comment');
    assert.equal(md, await renderPlan(updates, 'markdown', { planFile: 'plan.json' }));
  });

  it('redacts what it prints, and --redact-attribute alone asks for it too', async () => {
    for (const args of [{ redact: true }, { redactAttribute: ['FirstName'] }]) {
      for (const format of ['text', 'json', 'markdown'] as const) {
        const out = await show(dir, { planFile: 'plan.json', format, ...args });
        assert.doesNotMatch(out, /jane_doe@example\.com|jane@example\.com/, `${format} ${JSON.stringify(args)}`);
        assert.match(out, /j\*\*\*@example\.com#e727/);
      }
    }
    assert.match(await show(dir, { planFile: 'plan.json', format: 'markdown', redactAttribute: ['firstname'] }), /FirstName: \[J\*\*\*#5ee8\]/);
  });

  it('refuses a plan file that was edited after it was written, with the reason', async () => {
    const text = (await readFile(`${dir}/plan.json`, 'utf8')).replace('"after": "ACTIVE"', '"after": "INACTIVE"');
    await writeText(dir, 'tampered.json', text);
    await assert.rejects(show(dir, { planFile: 'tampered.json' }), {
      name: 'UserError',
      message: 'tampered.json does not match its checksum: it was edited or damaged after `pinsync plan` wrote it; make a new plan',
    });
  });

  it('refuses a redacted rendering, which is for reading, not applying', async () => {
    await writeText(dir, 'redacted.json', await renderPlan(updates, 'json', { redact: { attributes: [] } }));
    await assert.rejects(show(dir, { planFile: 'redacted.json' }), { name: 'UserError' });
  });

  it('says so when the file is not there', async () => {
    await assert.rejects(show(dir, { planFile: 'nope.json' }), { name: 'UserError', message: /^nope\.json does not exist/ });
  });
});

describe('pinsync plan, then show, through the CLI', () => {
  const fixture = useEmulator();

  it('saves a real plan that the schema describes and shows it as a comment', async () => {
    const env = emulatorEnv(fixture.emu.url);
    await writeManifest(fixture.dir, 'endpoints/all.yaml', [makeEndpoint(1), makeEndpoint(2, { ChannelType: 'SMS', Address: '+12065550100' })]);
    const plan = await runCli(['plan', 'endpoints', '--app-id', APP, '--format', 'json'], { cwd: fixture.dir, env });
    assert.equal(plan.code, 0, plan.stderr);
    assert.deepEqual(planValidator()(JSON.parse(plan.stdout)), []);
    await writeText(fixture.dir, 'plan.json', plan.stdout);
    const shown = await runCli(['show', 'plan.json', '--format', 'markdown', '--redact'], { cwd: fixture.dir, env });
    assert.equal(shown.code, 0, shown.stderr);
    assert.equal(shown.stdout.split('\n')[0], STICKY_MARKER);
    assert.match(shown.stdout, /\| 2 \| 0 \| 0 \| 0 \| 0 \| 0 \|/);
    assert.match(shown.stdout, /^\+Address: "?\+1\*{6}0100#[0-9a-f]{4}"?$/m);
    assert.doesNotMatch(shown.stdout, /user1@example\.com/);
  });
});

interface FakeComment {
  id: number;
  body: string;
  user: string;
}

/** Just enough of GitHub's REST API for issue comments: list (paged), create, update. */
async function fakeGitHub(comments: FakeComment[]): Promise<{ url: string; calls: string[]; server: Server }> {
  const calls: string[] = [];
  let next = 1000;
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    calls.push(`${req.method} ${url.pathname}${url.search}`);
    const send = (status: number, data: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(data));
    if (req.headers.authorization !== 'Bearer test-token') return send(401, { message: 'Bad credentials' });
    const view = (c: FakeComment) => ({ id: c.id, body: c.body, user: { login: c.user }, html_url: `https://github.test/o/r/pull/7#issuecomment-${c.id}` });
    if (req.method === 'GET' && url.pathname === '/repos/o/r/issues/7/comments') {
      const per = Number(url.searchParams.get('per_page') ?? 30);
      const page = Number(url.searchParams.get('page') ?? 1);
      return send(200, comments.slice((page - 1) * per, page * per).map(view));
    }
    if (req.method === 'POST' && url.pathname === '/repos/o/r/issues/7/comments') {
      const comment = { id: next++, body: (await readJson(req)).body, user: 'github-actions[bot]' };
      comments.push(comment);
      return send(201, view(comment));
    }
    const patch = /^\/repos\/o\/r\/issues\/comments\/(\d+)$/.exec(url.pathname);
    const target = comments.find((c) => c.id === Number(patch?.[1]));
    if (req.method === 'PATCH' && target !== undefined) {
      target.body = (await readJson(req)).body;
      return send(200, view(target));
    }
    return send(404, { message: 'Not Found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls, server };
}

async function readJson(req: IncomingMessage): Promise<{ body: string }> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return JSON.parse(text) as { body: string };
}

function runSticky(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [STICKY, ...args], { env: { PATH: process.env['PATH'] ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += String(d)));
    child.stderr.on('data', (d: Buffer) => (stderr += String(d)));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('examples/ci/sticky-comment.mjs', () => {
  let github: Awaited<ReturnType<typeof fakeGitHub>>;
  let comments: FakeComment[];
  let dir: string;
  beforeEach(async () => {
    dir = await tempDir();
    // 150 comments already, so that the script must read a second page to find its own.
    comments = Array.from({ length: 150 }, (_, n) => ({ id: n + 1, body: `comment ${n + 1}`, user: 'someone' }));
    comments[3] = { id: 4, body: `> ${STICKY_MARKER}\n> quoting the plan`, user: 'reviewer' };
    github = await fakeGitHub(comments);
  });
  afterEach(() => new Promise<void>((resolve) => github.server.close(() => resolve())));

  it('posts the comment on the first run and edits that same comment on every later run', async () => {
    const env = { GITHUB_TOKEN: 'test-token', GITHUB_API_URL: github.url };
    const others = structuredClone(comments);
    const first = await writeText(dir, 'first.md', await renderPlan(GOLDEN_CASES[0]!.plan, 'markdown'));
    const r1 = await runSticky([first, 'o/r', '7'], env);
    assert.equal(r1.code, 0, r1.stderr);
    assert.equal(r1.stdout, 'created comment https://github.test/o/r/pull/7#issuecomment-1000\n');
    assert.deepEqual(github.calls.filter((c) => !c.startsWith('GET')), ['POST /repos/o/r/issues/7/comments']);

    github.calls.length = 0;
    const second = await writeText(dir, 'second.md', 'no marker here: the script adds it\n');
    const r2 = await runSticky([second, 'o/r', '7'], env);
    assert.equal(r2.code, 0, r2.stderr);
    assert.equal(r2.stdout, 'updated comment https://github.test/o/r/pull/7#issuecomment-1000\n');
    assert.deepEqual(github.calls, [
      'GET /repos/o/r/issues/7/comments?per_page=100&page=1',
      'GET /repos/o/r/issues/7/comments?per_page=100&page=2',
      'PATCH /repos/o/r/issues/comments/1000',
    ]);
    assert.equal(comments.length, 151, 'one comment of its own, never a second');
    assert.equal(comments[150]!.body, `${STICKY_MARKER}\nno marker here: the script adds it\n`);
    assert.deepEqual(comments.slice(0, 150), others, 'other comments, the quoting one too, untouched');
  });

  it('fails with GitHub\'s message and without a token, and sends nothing then', async () => {
    const body = await writeText(dir, 'body.md', `${STICKY_MARKER}\nplan\n`);
    const bad = await runSticky([body, 'o/r', '7'], { GITHUB_TOKEN: 'wrong', GITHUB_API_URL: github.url });
    assert.equal(bad.code, 1);
    assert.equal(bad.stderr, 'sticky-comment: GET /repos/o/r/issues/7/comments: 401 Bad credentials\n');
    const none = await runSticky([body, 'o/r', '7'], { GITHUB_API_URL: github.url });
    assert.equal(none.code, 1);
    assert.match(none.stderr, /GITHUB_TOKEN is not set/);
    assert.equal(comments.length, 150);
  });
});

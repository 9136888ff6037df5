#!/usr/bin/env node
// Creates or updates pinsync's one comment on a pull request, so the plan is always in the same
// place and the conversation is not buried under a new comment for every push.
//
//   GITHUB_TOKEN=... node sticky-comment.mjs BODY_FILE OWNER/REPO PR_NUMBER
//
// The comment is the one whose body starts with the hidden marker line that
// `pinsync show --format markdown` writes first; if the body lacks it, it is added. The token is
// read from GITHUB_TOKEN (never from the command line, where it would show in process lists and
// logs). GITHUB_API_URL (set by GitHub Actions, also on GitHub Enterprise) picks the API; default
// https://api.github.com. Needs Node.js 20 (fetch) and nothing else.

import { readFile } from 'node:fs/promises';

const MARKER = '<!-- pinsync-plan -->';
const LIMIT = 65536;
const PER_PAGE = 100;

async function main(argv, env) {
  const [bodyFile, repo, pr] = argv;
  if (bodyFile === undefined || repo === undefined || pr === undefined || argv.length !== 3) {
    throw new Error('usage: GITHUB_TOKEN=... node sticky-comment.mjs BODY_FILE OWNER/REPO PR_NUMBER');
  }
  if (!/^[\w.-]+\/[\w.-]+$/.test(repo)) throw new Error(`${repo} is not OWNER/REPO`);
  if (!/^[1-9][0-9]*$/.test(pr)) throw new Error(`${pr} is not a pull request number`);
  const token = env.GITHUB_TOKEN;
  if (!token) throw new Error('GITHUB_TOKEN is not set');

  let body = await readFile(bodyFile, 'utf8');
  if (!body.startsWith(MARKER)) body = `${MARKER}\n${body}`;
  if (body.length > LIMIT) throw new Error(`${bodyFile} has ${body.length} characters; GitHub takes at most ${LIMIT} in a comment`);

  const api = (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '');
  const github = (method, path, payload) => request(method, `${api}${path}`, token, payload);

  const existing = await findComment(github, repo, pr);
  if (existing === undefined) {
    const created = await github('POST', `/repos/${repo}/issues/${pr}/comments`, { body });
    return `created comment ${created.html_url ?? created.id}`;
  }
  const updated = await github('PATCH', `/repos/${repo}/issues/comments/${existing.id}`, { body });
  return `updated comment ${updated.html_url ?? updated.id}`;
}

/** The first comment (oldest) that starts with the marker; a reply quoting it starts with "> ". */
async function findComment(github, repo, pr) {
  for (let page = 1; ; page++) {
    const comments = await github('GET', `/repos/${repo}/issues/${pr}/comments?per_page=${PER_PAGE}&page=${page}`);
    const mine = comments.find((c) => typeof c.body === 'string' && c.body.trimStart().startsWith(MARKER));
    if (mine !== undefined) return mine;
    if (comments.length < PER_PAGE) return undefined;
  }
}

async function request(method, url, token, payload) {
  const response = await fetch(url, {
    method,
    headers: {
      Accept: 'application/vnd.github+json',
      Authorization: `Bearer ${token}`,
      'X-GitHub-Api-Version': '2022-11-28',
      'User-Agent': 'pinsync-sticky-comment',
      ...(payload !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    body: payload !== undefined ? JSON.stringify(payload) : undefined,
  });
  const text = await response.text();
  if (!response.ok) {
    let message = text;
    try {
      message = JSON.parse(text).message ?? text;
    } catch {
      // Not JSON: keep the text as it came.
    }
    throw new Error(`${method} ${new URL(url).pathname}: ${response.status} ${message}`);
  }
  return text === '' ? {} : JSON.parse(text);
}

main(process.argv.slice(2), process.env).then(
  (result) => process.stdout.write(`${result}\n`),
  (error) => {
    process.stderr.write(`sticky-comment: ${error.message}\n`);
    process.exitCode = 1;
  },
);

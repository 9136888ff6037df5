import { structuredPatch } from 'diff';
import type { Change } from '../plan/types.js';
import { changeYaml } from './endpoint-yaml.js';
import { fenced } from './markdown-escape.js';

/** Enough context to show the whole endpoint: it is small, and its unchanged fields orient the reader. */
const WHOLE = Number.MAX_SAFE_INTEGER;

/**
 * The change as a ```diff block: a unified diff of the endpoint's declared fields as YAML,
 * without file headers or hunk markers, which say nothing about one endpoint.
 */
export function changeDiffBlock(change: Change): string {
  const { before, after } = changeYaml(change);
  const patch = structuredPatch('before', 'after', before, after, '', '', { context: WHOLE });
  const lines = patch.hunks.flatMap((h) => h.lines).filter((l) => !l.startsWith('\\'));
  // A change whose fields resolve to the same YAML (a list reordered, say) still shows its endpoint.
  const text = lines.length > 0 ? lines.join('\n') : after.split('\n').filter((l) => l !== '').map((l) => ` ${l}`).join('\n');
  return fenced('diff', text);
}

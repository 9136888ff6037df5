// Bundles the compiled CLI (dist/cmd/main.js) and its dependencies into dist/bin/, which the
// `pinsync` bin (cmd/pinsync.js) runs: one module graph of a few files instead of several hundred
// small ones, so every command starts in about half the time (Node's module loader, not pinsync's
// work, dominated a small plan). Each command's own code, the AWS SDK and the emulator stay in
// chunks of their own, loaded by the commands that use them. Run by `npm run build` after tsc.

import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const dist = fileURLToPath(new URL('../../', import.meta.url));

// Chunk names carry a hash of their content: clear out the last build's.
rmSync(`${dist}bin`, { recursive: true, force: true });

await build({
  entryPoints: [`${dist}cmd/main.js`],
  outdir: `${dist}bin`,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // The ES module builds of dependencies that have one (the AWS SDK does): smaller, and
  // tree-shaken.
  mainFields: ['module', 'main'],
  // CommonJS dependencies call require() for Node's own modules.
  banner: { js: "import { createRequire as __pinsyncCreateRequire } from 'node:module'; const require = __pinsyncCreateRequire(import.meta.url);" },
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'none',
  // For a stack trace of the bundle read back against the sources: `node --enable-source-maps`.
  sourcemap: true,
  logLevel: 'warning',
});

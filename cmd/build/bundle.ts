// Bundles the compiled CLI (dist/cmd/main.js) and its dependencies into dist/bin/, which the
// `pinsync` bin (cmd/pinsync.js) runs: one module graph of a few files instead of several hundred
// small ones, so every command starts in about half the time (Node's module loader, not pinsync's
// work, dominated a small plan). Each command's own code, the AWS SDK and the emulator stay in
// chunks of their own, loaded by the commands that use them. Run by `npm run build` after tsc.

import { rmSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions, type Plugin } from 'esbuild';

const dist = fileURLToPath(new URL('../../', import.meta.url));
const root = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * yargs lays out help text with string-width (three copies, through cliui and wrap-ansi), whose
 * modules build an emoji regular expression and Intl segmenters as they load: about 40 ms of every
 * run, though only help text is ever measured. Each import of it gets a stand-in that loads the
 * real module on the first call (esbuild runs a require()d ES module's body only then).
 */
const lazyStringWidth: Plugin = {
  name: 'lazy-string-width',
  setup(b) {
    b.onResolve({ filter: /^string-width$/ }, async (args) => {
      if (args.pluginData === 'real') return undefined;
      const real = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'real' });
      if (real.errors.length > 0) return { errors: real.errors };
      // Named by its path in the project, so that no build machine's folders show in the bundle.
      return { path: relative(root, real.path), namespace: 'lazy-string-width', pluginData: real.path };
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-string-width' }, (args) => ({
      contents: `let width;\nexport default function stringWidth(text, options) {\n  width ??= require(${JSON.stringify(args.pluginData)}).default;\n  return width(text, options);\n}\n`,
      loader: 'js',
      resolveDir: dist,
    }));
  },
};

// Chunk names carry a hash of their content: clear out the last build's.
rmSync(`${dist}bin`, { recursive: true, force: true });

const shared: BuildOptions = {
  // Paths in the metafile are relative to the project.
  absWorkingDir: root,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // The ES module builds of dependencies that have one (the AWS SDK does): smaller, and
  // tree-shaken.
  mainFields: ['module', 'main'],
  // CommonJS dependencies call require() for Node's own modules.
  banner: { js: "import { createRequire as __pinsyncCreateRequire } from 'node:module'; const require = __pinsyncCreateRequire(import.meta.url);" },
  legalComments: 'none',
  // For a stack trace of the bundle read back against the sources: `node --enable-source-maps`.
  sourcemap: true,
  logLevel: 'warning',
};

const main = await build({
  ...shared,
  entryPoints: [`${dist}cmd/main.js`],
  outdir: `${dist}bin`,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  plugins: [lazyStringWidth],
  metafile: true,
});

// The state's digest worker (core/state/state-digests.ts) is started from a URL next to the module
// that starts it: it is bundled whole into the folder of the output that module landed in.
// The metafile names inputs with forward slashes on every system.
const starter = relative(root, `${dist}core/state/state-digests.js`).split(sep).join('/');
const output = Object.entries(main.metafile?.outputs ?? {}).find(([, o]) => Object.hasOwn(o.inputs, starter))?.[0];
if (output === undefined) throw new Error(`no bundle output holds ${starter}`);
await build({
  ...shared,
  entryPoints: [`${dist}core/state/state-digest-worker.js`],
  outfile: `${dirname(resolve(root, output))}/state-digest-worker.js`,
});

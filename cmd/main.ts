#!/usr/bin/env node
// The SDK prints a Node.js version support warning on Node 20 into stderr, mixed with pinsync's
// own output; set before anything loads the SDK.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';

import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { emulatorOptions } from './emulator-options.js';
import { describeFailure } from './errors.js';
import { processIo, type Io } from './io.js';
import { PLAN_FORMATS, withConnection, withManifestPaths, withPlanning, withRedaction, withStateFile } from './options.js';
import type { PlanFormat } from '../core/render/index.js';
import { VERSION } from './version.js';

class UsageError extends Error {}


async function main(argv: string[], io: Io): Promise<number> {
  let code = 0;
  // Each command's module is loaded by its handler: `validate` never loads the AWS SDK.
  const run = (action: () => Promise<void>) => async () => {
    try {
      await action();
    } catch (error) {
      const failure = describeFailure(error);
      if (failure.message) io.err(failure.message + '\n');
      code = failure.code;
    }
  };
  const parser = yargs(argv)
    .scriptName('pinsync')
    .usage('$0 <command> [options]\n\nDeclarative sync of Amazon Pinpoint endpoints: plan, review, apply.')
    .command(
      'plan [paths..]',
      'read Pinpoint, compare with the manifest, print what would change (no writes)',
      (y) =>
        withRedaction(withPlanning(withConnection(withManifestPaths(y), PLAN_FORMATS)))
          .option('detailed-exitcode', { type: 'boolean', describe: 'exit 0 when there is nothing to change, 2 when there are changes, 1 on error' })
          .option('out', { type: 'string', describe: 'also save the plan to this file, for `pinsync apply FILE` (it holds full values: treat it as sensitive)' }),
      (a) => run(async () => (await import('./commands/plan.js')).runPlan(a, io))(),
    )
    .command(
      'apply [paths..]',
      'plan, ask for approval, then send only the created and changed endpoints',
      (y) =>
        withPlanning(withConnection(withManifestPaths(y)))
          .option('auto-approve', { type: 'boolean', describe: 'apply without asking (required when there is no terminal)' })
          .option('force', { type: 'boolean', describe: 'apply even when the plan breaks a safety check' })
          .option('allow-stale', { type: 'boolean', describe: 'saved plan: apply the endpoints that did not change since the plan, skip those that did' })
          .option('verify', { type: 'boolean', describe: 'read back every written endpoint and report any that does not match' })
          .option('verify-timeout', { type: 'number', default: 60, describe: 'seconds to wait for writes to become visible (Pinpoint applies them asynchronously)' }),
      (a) => run(async () => (await import('./commands/apply.js')).runApply(a, io))(),
    )
    .command(
      'show <plan-file>',
      'print a saved plan in any format (reads nothing but the file)',
      (y) =>
        withRedaction(y)
          .positional('plan-file', { type: 'string', demandOption: true, describe: 'a plan saved by `pinsync plan --out`' })
          .option('format', { choices: PLAN_FORMATS, default: 'text' as PlanFormat, describe: 'output format' })
          .option('color', { type: 'boolean', describe: 'colour output (--no-color or NO_COLOR turn it off)' }),
      (a) => run(async () => (await import('./commands/show.js')).runShow({ ...a, planFile: a.planFile as string }, io))(),
    )
    .command(
      'validate [paths..]',
      'check the manifest against the schema and every Pinpoint rule; no network',
      (y) =>
        withManifestPaths(y)
          .option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: 'diagnostics as text or as JSON data' })
          .option('strict', { type: 'boolean', describe: 'warnings fail the run too' }),
      (a) => run(async () => (await import('./commands/validate.js')).runValidate(a, io))(),
    )
    .command(
      'fmt [paths..]',
      'rewrite manifests in the canonical form (field order, quoting, indentation), keeping comments',
      (y) =>
        withManifestPaths(y)
          .option('check', { type: 'boolean', describe: 'change nothing; list the files that would change and exit 1 if any (for CI)' })
          .option('sort', { type: 'boolean', describe: 'also order endpoints by Id' }),
      (a) => run(async () => (await import('./commands/fmt.js')).runFmt(a, io))(),
    )
    .command('emulator', 'serve the Pinpoint-compatible emulator', (y) => emulatorOptions(y), (a) => run(async () => (await import('./commands/emulator.js')).runEmulator(a, io))(),
    )
    .command('state', 'inspect and edit the state file', (y) =>
      withStateFile(y)
        .command(
          'list',
          'list the endpoints pinsync manages',
          (z) => z.option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: 'output format' }),
          (a) => run(async () => (await import('./commands/state.js')).runStateList(a, io))(),
        )
        .command(
          'rm <ids..>',
          'forget endpoints: later plans neither compare nor prune them (Pinpoint is not changed)',
          (z) => z.positional('ids', { type: 'string', array: true, demandOption: true, describe: 'endpoint Ids' }),
          (a) => run(async () => (await import('./commands/state.js')).runStateRm({ ...a, ids: a.ids as string[] }, io))(),
        )
        .command('unlock', 'remove the lock left by a run that died', (z) => z.option('force', { type: 'boolean', describe: 'remove the lock even though the run holding it is still running on this host' }), (a) => run(async () => (await import('./commands/state.js')).runStateUnlock(a, io))())
        .demandCommand(1, 'name a state command: list, rm or unlock'),
    )
    .command(
      'export',
      'write a manifest of endpoints that already exist, to adopt them',
      (y) =>
        withConnection(y)
          .option('ids', { type: 'string', array: true, describe: 'endpoint Ids (space- or comma-separated)' })
          .option('users', { type: 'string', array: true, describe: 'UserIds: every endpoint of each' })
          .option('output', { alias: 'o', type: 'string', describe: 'write the manifest to this file (default: stdout)' })
          .option('adopt', { type: 'boolean', describe: 'also record the endpoints in the state, as if pinsync had applied them' })
          .option('state', { type: 'string', describe: 'state file for --adopt (default: beside --output)' }),
      (a) => run(async () => (await import('./commands/export.js')).runExport(a, io))(),
    )
    .demandCommand(1, 'name a command: plan, apply, validate, fmt, show, export, state or emulator')
    .check((a, options: { array?: string[] }) => {
      // A flag of one value given twice reaches the command as a list (`--app-id a --app-id b`
      // became "a,b" in request paths): refused, whichever was meant.
      const lists = new Set<string>(options.array ?? []);
      const repeated = Object.keys(a).find((key) => key !== '_' && !lists.has(key) && /^[a-z][a-z-]*$/.test(key) && Array.isArray(a[key]));
      return repeated === undefined || `--${repeated} was given more than once; give it once`;
    })
    .strict()
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version(VERSION)
    .wrap(Math.min(110, process.stdout.columns ?? 110))
    .fail((message, error) => {
      // yargs reports usage mistakes here; anything else is a bug and goes to the top-level catch.
      // A check that returns a string (see options.ts) reports a usage mistake: yargs passes the string as the error too.
      if (error !== undefined && error !== null && typeof error !== 'string' && error.name !== 'YError') throw error;
      // Throwing is what stops yargs from running the command after a usage mistake.
      throw new UsageError(message ?? error?.message ?? 'invalid usage');
    });
  skipHelpCache(parser);
  try {
    await parser.parseAsync();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`Error: ${error.message}\nRun \`pinsync --help\` for usage.\n`);
    return 1;
  }
  return code;
}

/**
 * yargs renders a command's whole help text right after starting its handler, on every run, so
 * that a failure later in the handler can print it: about 80 ms before any work. pinsync reports
 * failures itself (see .fail above) and never prints help for them, so that rendering is skipped;
 * `--help` renders as before. It reaches into yargs' internal methods, so it is guarded: should
 * they change, runs only lose the saving.
 */
function skipHelpCache(parser: object): void {
  type Internals = { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } } };
  const usage = (parser as Internals).getInternalMethods?.().getUsageInstance?.();
  if (typeof usage?.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => {};
}

main(hideBin(process.argv), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const failure = describeFailure(error);
    process.stderr.write(failure.message + '\n');
    process.exitCode = failure.code;
  },
);

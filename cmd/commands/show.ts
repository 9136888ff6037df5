import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parsePlanFile } from '../../core/plan/plan-file.js';
import { redactionFrom, renderPlan, type PlanFormat } from '../../core/render/index.js';
import { UserError } from '../errors.js';
import { styleFor, type Io } from '../io.js';

export interface ShowArgs {
  planFile: string;
  format: PlanFormat;
  redact?: boolean;
  redactAttribute?: string[];
  color?: boolean;
}

/** `pinsync show PLANFILE`: print a saved plan in any format. Reads nothing but the file. */
export async function runShow(args: ShowArgs, io: Io): Promise<void> {
  let text: string;
  try {
    text = await readFile(resolve(io.cwd, args.planFile), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(code === 'ENOENT' ? `${args.planFile} does not exist; make a plan file with \`pinsync plan --out ${args.planFile}\`` : `cannot read ${args.planFile}: ${(error as Error).message}`);
  }
  const parsed = parsePlanFile(text, args.planFile);
  if (!parsed.ok) throw new UserError(parsed.message);
  io.out(
    await renderPlan(parsed.plan, args.format, {
      style: styleFor(io, args.color),
      redact: redactionFrom(args.redact, args.redactAttribute),
      planFile: args.planFile,
    }),
  );
}

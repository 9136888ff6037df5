import type { Plan } from '../plan/types.js';
import { renderPlanJson } from './json.js';
import { redactPlan, type Redaction } from './redact.js';
import type { Style } from './style.js';
import { renderPlanText } from './text.js';

export { renderPlanText, summaryLine } from './text.js';
export { formatValue } from './format.js';
export { renderPlanJson } from './json.js';
export { redactPlan, redactionFrom, type Redaction } from './redact.js';
export { PLAIN, COLOURED, type Style } from './style.js';

export type PlanFormat = 'text' | 'json' | 'markdown';

export const PLAN_FORMATS: readonly PlanFormat[] = ['text', 'json', 'markdown'];

export interface RenderOptions {
  /** Colours for text (default none). */
  readonly style?: Style;
  /**
   * Mask personal data in what is printed: Address, User.UserId and the attributes named. Only for
   * printing: the plan file written by `--out` keeps full values, or it could not be applied.
   */
  readonly redact?: Redaction;
  /** Ids of endpoints that changed in Pinpoint since a saved plan was made: warned about in text and markdown. */
  readonly stale?: readonly string[];
  /** Markdown: the most characters the comment may have (default 65,536, one GitHub comment). */
  readonly budget?: number;
  /** Markdown: the saved plan file, named where the comment says what it left out. */
  readonly planFile?: string;
}

/**
 * The one entry point cmd/ uses to print a plan in any format. The Markdown renderer (with the
 * yaml and diff libraries it uses) is loaded only for Markdown: every command would otherwise load
 * it at start.
 */
export async function renderPlan(plan: Plan, format: PlanFormat, options: RenderOptions = {}): Promise<string> {
  switch (format) {
    case 'json':
      // JSON masks its own copy, so that it can still carry the checksum of the plan it shows.
      return renderPlanJson(plan, options.redact);
    case 'text':
      return renderPlanText(shown(plan, options), { style: options.style, stale: options.stale });
    case 'markdown': {
      const { renderPlanMarkdown } = await import('./markdown.js');
      return renderPlanMarkdown(shown(plan, options), { stale: options.stale, budget: options.budget, planFile: options.planFile });
    }
  }
}

function shown(plan: Plan, options: RenderOptions): Plan {
  return options.redact === undefined ? plan : redactPlan(plan, options.redact);
}

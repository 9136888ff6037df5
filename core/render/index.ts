import type { Plan } from '../plan/types.js';
import { renderPlanJson } from './json.js';
import type { Style } from './style.js';
import { PLAIN } from './style.js';
import { renderPlanText } from './text.js';

export { renderPlanText, summaryLine, formatValue } from './text.js';
export { renderPlanJson } from './json.js';
export { PLAIN, COLOURED, type Style } from './style.js';

export type PlanFormat = 'text' | 'json' | 'markdown';

export interface RenderOptions {
  readonly style?: Style;
  /** Mask personal data in what is printed (never in a saved plan file). */
  readonly redact?: { readonly attributes: readonly string[] };
}

/** The one entry point cmd/ uses to print a plan in any format. */
export function renderPlan(plan: Plan, format: PlanFormat, options: RenderOptions = {}): string {
  switch (format) {
    case 'text':
      return renderPlanText(plan, options.style ?? PLAIN);
    case 'json':
      return renderPlanJson(plan);
    case 'markdown':
      throw new Error('markdown rendering is not built yet');
  }
}

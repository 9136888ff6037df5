import type { Change, SafetyViolation } from './types.js';

export interface SafetyOptions {
  /** Deletes plus replaces may be at most this share of managed endpoints, in percent. */
  readonly maxDeletePercent: number;
  /** The share rule applies once at least this many endpoints are managed. */
  readonly minManaged: number;
  /** `--allow-resubscribe`: OptOut may go from ALL to NONE on any endpoint. */
  readonly allowResubscribe: boolean;
}

export const DEFAULT_SAFETY: SafetyOptions = { maxDeletePercent: 30, minManaged: 10, allowResubscribe: false };

export interface SafetyInput {
  readonly changes: readonly Change[];
  /** Endpoints pinsync manages in this application (in the state), within the plan's targets. */
  readonly managed: number;
  /** Lowercased Ids declared or recorded with `protect: true`. */
  readonly protectedIds: ReadonlySet<string>;
  /** Lowercased Ids whose manifest entry says `allowResubscribe: true`. */
  readonly resubscribeAllowed: ReadonlySet<string>;
}

/** Every safety rule the plan breaks. The plan always renders; apply refuses unless forced. */
export function checkSafety(input: SafetyInput, options: SafetyOptions): SafetyViolation[] {
  const violations: SafetyViolation[] = [];
  const destructive = input.changes.filter((c) => c.action === 'delete' || c.action === 'replace');

  if (input.managed >= options.minManaged && input.managed > 0) {
    const percent = (destructive.length / input.managed) * 100;
    if (percent > options.maxDeletePercent) {
      violations.push({
        rule: 'destructive-share',
        ids: destructive.map((c) => c.id),
        message:
          `${destructive.length} of ${input.managed} managed endpoints (${percent.toFixed(1)} %) would be deleted or replaced, ` +
          `above the ${options.maxDeletePercent} % limit; check the manifest, or raise safety.maxDeletePercent, or pass --force`,
      });
    }
  }

  const protectedHit = destructive.filter((c) => input.protectedIds.has(c.id.toLowerCase()));
  if (protectedHit.length > 0) {
    violations.push({
      rule: 'protected',
      ids: protectedHit.map((c) => c.id),
      message: `protect: true forbids deleting or replacing ${list(protectedHit.map((c) => c.id))}; remove protect: true first, or pass --force`,
    });
  }

  if (!options.allowResubscribe) {
    const resubscribed = input.changes.filter(
      (c) =>
        c.action !== 'delete' &&
        !input.resubscribeAllowed.has(c.id.toLowerCase()) &&
        c.fields.some((f) => f.path === 'OptOut' && f.before === 'ALL' && f.after === 'NONE'),
    );
    if (resubscribed.length > 0) {
      violations.push({
        rule: 'resubscribe',
        ids: resubscribed.map((c) => c.id),
        message:
          `OptOut would change from ALL to NONE on ${list(resubscribed.map((c) => c.id))}, re-subscribing someone who opted out; ` +
          'if that is intended, set allowResubscribe: true on the endpoint or pass --allow-resubscribe',
      });
    }
  }
  return violations;
}

function list(ids: readonly string[]): string {
  const shown = ids.slice(0, 5).join(', ');
  return ids.length > 5 ? `${shown} and ${ids.length - 5} more` : shown;
}

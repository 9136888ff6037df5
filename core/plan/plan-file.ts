import { createHash } from 'node:crypto';
import { canonicalJson } from '../util/canonical-json.js';
import type { Plan } from './types.js';

/**
 * The part of a plan that a checksum covers: everything that decides what apply does. `refresh`
 * (how the state was read) is left out, since it does not change what the plan would do.
 */
export function planBody(plan: Plan): Record<string, unknown> {
  const body: Record<string, unknown> = {
    formatVersion: plan.formatVersion,
    applicationId: plan.applicationId,
    summary: plan.summary,
    changes: plan.changes,
    notes: plan.notes,
    safety: plan.safety,
    record: plan.record,
  };
  if (plan.fingerprints !== undefined) body['fingerprints'] = plan.fingerprints;
  if (plan.state !== undefined) body['state'] = plan.state;
  if (plan.target !== undefined) body['target'] = plan.target;
  return body;
}

/** sha256 of the canonical JSON of the plan's body, so any edit of a saved plan is detected. */
export function planChecksum(plan: Plan): string {
  return `sha256:${createHash('sha256').update(canonicalJson(planBody(plan))).digest('hex')}`;
}

/**
 * Whether a text starts as `plan --out` writes a plan (formatVersion first): enough to tell a plan,
 * even a truncated one, from a manifest without reading it whole.
 */
export function startsLikePlan(text: string): boolean {
  return /^\s*\{\s*"formatVersion"\s*:/.test(text.slice(0, 200));
}

export type PlanFileResult = { readonly ok: true; readonly plan: Plan } | { readonly ok: false; readonly message: string };

/**
 * Reads a saved plan (the output of `plan --out` or `plan --format json`), refusing one whose
 * checksum does not match its content: edited, truncated, or not a pinsync plan at all.
 */
export function parsePlanFile(text: string, name: string): PlanFileResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, message: `${name} is not a pinsync plan file: it is not valid JSON (truncated?); make a new one with \`pinsync plan --out\`` };
  }
  const p = data as Partial<Plan> & { checksum?: unknown };
  if (p === null || typeof p !== 'object' || Array.isArray(p) || p.formatVersion === undefined) {
    return { ok: false, message: `${name} is not a pinsync plan file (no formatVersion); make one with \`pinsync plan --out\`` };
  }
  if (p.formatVersion !== 1) {
    return { ok: false, message: `${name} has plan format version ${String(p.formatVersion)}; this pinsync reads version 1` };
  }
  if ((p as { redacted?: unknown }).redacted === true) {
    return { ok: false, message: `${name} is a redacted rendering of a plan, for reading only; apply the file written by \`pinsync plan --out\`` };
  }
  if (typeof p.checksum !== 'string') {
    return { ok: false, message: `${name} has no checksum; make a new plan with \`pinsync plan --out\`` };
  }
  if (!Array.isArray(p.changes) || typeof p.applicationId !== 'string' || typeof p.summary !== 'object') {
    return { ok: false, message: `${name} is missing parts of a plan (changes, applicationId, summary); make a new one with \`pinsync plan --out\`` };
  }
  const plan: Plan = { ...(p as Plan), notes: p.notes ?? [], safety: p.safety ?? [], record: p.record ?? [] };
  if (planChecksum(plan) !== p.checksum) {
    return { ok: false, message: `${name} does not match its checksum: it was edited or damaged after \`pinsync plan\` wrote it; make a new plan` };
  }
  return { ok: true, plan };
}

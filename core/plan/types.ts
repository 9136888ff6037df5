import type { EndpointItem } from '../../providers/types.js';

export type Action = 'create' | 'update' | 'replace' | 'delete';

/** Order in which changes are listed and applied: deletes first, then replaces, creates, updates. */
export const ACTION_ORDER: readonly Action[] = ['delete', 'replace', 'create', 'update'];

/** One declared field that differs. `before` is null when Pinpoint holds no value. */
export interface FieldChange {
  readonly path: string;
  readonly before: FieldValue | null;
  readonly after: FieldValue | null;
}

export type FieldValue = string | number | readonly string[];

interface ChangeBase {
  readonly id: string;
  readonly fields: readonly FieldChange[];
}

export interface UpsertChange extends ChangeBase {
  readonly action: 'create' | 'update';
  /** Exactly what apply sends for this endpoint in UpdateEndpointsBatch. */
  readonly item: EndpointItem;
}

export interface ReplaceChange extends ChangeBase {
  readonly action: 'replace';
  readonly item: EndpointItem;
  readonly reason: string;
}

export interface DeleteChange extends ChangeBase {
  readonly action: 'delete';
}

export type Change = UpsertChange | ReplaceChange | DeleteChange;

export interface PlanSummary {
  readonly create: number;
  readonly update: number;
  readonly replace: number;
  readonly delete: number;
  readonly unchanged: number;
}

/** How the current state was read, for the plan's footer. Not part of the checksum. */
export interface RefreshStats {
  readonly mode: 'live' | 'state';
  readonly readCalls: number;
  readonly durationMs: number;
}

export interface Plan {
  readonly formatVersion: 1;
  readonly applicationId: string;
  readonly summary: PlanSummary;
  /** Sorted once, by ACTION_ORDER then Id. Unchanged endpoints are counted, never listed. */
  readonly changes: readonly Change[];
  readonly refresh?: RefreshStats;
}

export function hasChanges(plan: Plan): boolean {
  return plan.changes.length > 0;
}

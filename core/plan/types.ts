import type { EndpointItem } from '../../providers/types.js';

export type Action = 'create' | 'update' | 'replace' | 'delete';

/** Order in which changes are listed and applied: deletes first, then replaces, creates, updates. */
export const ACTION_ORDER: readonly Action[] = ['delete', 'replace', 'create', 'update'];

export type FieldValue = string | number | readonly string[];

/**
 * One declared field that changes. `before` is what Pinpoint holds (null: no value), `after` what
 * the endpoint will hold (null: the value is removed, which only a replace can do). `drift` marks a
 * field the manifest did not change but someone changed outside pinsync since its last apply.
 */
export interface FieldChange {
  readonly path: string;
  readonly before: FieldValue | null;
  readonly after: FieldValue | null;
  readonly drift?: true;
}

interface ChangeBase {
  readonly id: string;
  readonly fields: readonly FieldChange[];
}

export interface UpsertChange extends ChangeBase {
  readonly action: 'create' | 'update';
  /**
   * Exactly what apply sends for this endpoint in UpdateEndpointsBatch: the changed fields, plus
   * ChannelType and Address, plus EndpointStatus and OptOut when declared.
   */
  readonly item: EndpointItem;
  /** The whole endpoint as declared: what the state records once the item is applied. */
  readonly declared: EndpointItem;
  /** `protect: true` in the manifest, recorded in the state so a later prune respects it. */
  readonly protect?: true;
}

export interface ReplaceChange extends ChangeBase {
  readonly action: 'replace';
  /** What apply creates after deleting the endpoint: the whole declared endpoint. */
  readonly item: EndpointItem;
  readonly declared: EndpointItem;
  readonly protect?: true;
  /** Why an update cannot do it, such as "Metrics.score was removed from the manifest". */
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
  /** Endpoints with at least one field changed outside pinsync (counted among the updates). */
  readonly drift: number;
}

/** Something the reader of a plan must know that is not a change. */
export interface PlanNote {
  readonly id: string;
  readonly kind: 'removal-left-in-place' | 'no-longer-managed';
  /** The field concerned, for removal notes. */
  readonly path?: string;
  readonly message: string;
}

export type SafetyRule = 'destructive-share' | 'resubscribe' | 'protected';

/** A safety check that fails: the plan renders, apply refuses unless forced. */
export interface SafetyViolation {
  readonly rule: SafetyRule;
  /** The endpoints concerned; empty for a rule about the plan as a whole. */
  readonly ids: readonly string[];
  readonly message: string;
}

/** How the current state was read. */
export interface RefreshStats {
  readonly mode: 'live' | 'state';
  readonly readCalls: number;
  readonly durationMs: number;
}

/**
 * An endpoint Pinpoint already holds as declared, whose state entry is missing or older than the
 * manifest: apply records it, sending nothing, so later plans know what was declared.
 */
export interface StateRecord {
  readonly id: string;
  readonly declared: EndpointItem;
  readonly protect?: true;
}

export interface Plan {
  readonly formatVersion: 1;
  readonly applicationId: string;
  readonly summary: PlanSummary;
  /** Sorted once, by ACTION_ORDER then Id. Unchanged endpoints are counted, never listed. */
  readonly changes: readonly Change[];
  /** Sorted by Id, then path. */
  readonly notes: readonly PlanNote[];
  readonly safety: readonly SafetyViolation[];
  /** Sorted by Id. */
  readonly record: readonly StateRecord[];
  readonly refresh?: RefreshStats;
  /**
   * For each endpoint the plan changes, a hash of what was read for it (absent: nothing existed),
   * so that applying a saved plan can tell whether the endpoint changed since.
   */
  readonly fingerprints?: Readonly<Record<string, string>>;
  /**
   * The state the plan was made against (saved plans): applying it with another state, or after
   * the state moved on, would not do what was reviewed.
   */
  readonly state?: { readonly path: string; readonly lineage: string; readonly serial: number };
  /**
   * Where the plan's calls went (saved plans): `local`, `endpoint URL`, or `AWS REGION` with the
   * profile, as the flags and environment gave them. Applying it anywhere else is refused: a plan
   * tried against the local emulator must not write to a real account.
   */
  readonly target?: string;
}

export function hasChanges(plan: Plan): boolean {
  return plan.changes.length > 0;
}

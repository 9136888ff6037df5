import type { EndpointItem, LiveEndpoint } from '../../providers/types.js';
import { declaredFields, fieldEquals, normaliseLive, valueAt } from './fields.js';
import type { Change, FieldChange, Plan } from './types.js';
import { ACTION_ORDER } from './types.js';

export interface PlanInput {
  readonly applicationId: string;
  /** The declared endpoints; Ids are unique case-insensitively (the loader guarantees it). */
  readonly desired: readonly EndpointItem[];
  /** What Pinpoint holds, keyed by lowercased Id; an Id absent from the map does not exist. */
  readonly live: ReadonlyMap<string, LiveEndpoint>;
}

/** Endpoint Ids are case-insensitive in Pinpoint; every map of endpoints is keyed by this. */
export function idKey(id: string): string {
  return id.toLowerCase();
}

/**
 * The pure planner: compares each declared endpoint's declared fields with what Pinpoint holds.
 * Never mutates its inputs; the result is sorted once, here.
 */
export function planChanges(input: PlanInput): Plan {
  const changes: Change[] = [];
  let unchanged = 0;
  for (const desired of input.desired) {
    const live = input.live.get(idKey(desired.Id));
    const fields = diffFields(desired, live);
    if (live === undefined) {
      changes.push({ action: 'create', id: desired.Id, fields, item: desired });
    } else if (fields.length > 0) {
      changes.push({ action: 'update', id: desired.Id, fields, item: desired });
    } else {
      unchanged++;
    }
  }
  changes.sort(compareChanges);
  const count = (action: Change['action']): number => changes.filter((c) => c.action === action).length;
  return {
    formatVersion: 1,
    applicationId: input.applicationId,
    summary: {
      create: count('create'),
      update: count('update'),
      replace: count('replace'),
      delete: count('delete'),
      unchanged,
    },
    changes,
  };
}

function diffFields(desired: EndpointItem, live: LiveEndpoint | undefined): FieldChange[] {
  const out: FieldChange[] = [];
  for (const field of declaredFields(desired)) {
    const before = live === undefined ? null : normaliseLive(field.kind, valueAt(live, field.segments));
    if (live !== undefined && fieldEquals(field.kind, field.value, before)) continue;
    out.push({ path: field.path, before, after: field.value });
  }
  return out;
}

function compareChanges(a: Change, b: Change): number {
  const byAction = ACTION_ORDER.indexOf(a.action) - ACTION_ORDER.indexOf(b.action);
  if (byAction !== 0) return byAction;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

import type { Change, DeleteChange, FieldChange, Plan, PlanNote, ReplaceChange, SafetyViolation, UpsertChange } from '../../../core/plan/types.js';
import { ACTION_ORDER } from '../../../core/plan/types.js';
import type { EndpointItem } from '../../../providers/types.js';

// Plans built by hand, the way the planner would build them, so renderers are tested on exactly
// the shapes they must handle without depending on the planner's logic.

export const APP = '0123456789abcdef0123456789abcdef';

export function endpoint(id: string, fields: Omit<EndpointItem, 'Id'> = {}): EndpointItem {
  return { Id: id, ChannelType: 'EMAIL', Address: `${id}@example.com`, ...fields };
}

export function create(declared: EndpointItem): UpsertChange {
  return { action: 'create', id: declared.Id, item: declared, declared, fields: leaves(declared).map(([path, after]) => ({ path, before: null, after })) };
}

export function update(declared: EndpointItem, fields: readonly FieldChange[]): UpsertChange {
  return { action: 'update', id: declared.Id, item: declared, declared, fields };
}

export function replace(declared: EndpointItem, fields: readonly FieldChange[], reason: string): ReplaceChange {
  return { action: 'replace', id: declared.Id, item: declared, declared, fields, reason };
}

/** A delete lists what the endpoint held of its last declared fields. */
export function remove(held: EndpointItem): DeleteChange {
  return { action: 'delete', id: held.Id, fields: leaves(held).map(([path, before]) => ({ path, before, after: null })) };
}

export interface PlanParts {
  readonly changes?: readonly Change[];
  readonly unchanged?: number;
  readonly notes?: readonly PlanNote[];
  readonly safety?: readonly SafetyViolation[];
  readonly applicationId?: string;
  readonly fingerprints?: Record<string, string>;
}

/** A plan sorted and counted as the planner does it. */
export function plan(parts: PlanParts = {}): Plan {
  const changes = [...(parts.changes ?? [])].sort(
    (a, b) => ACTION_ORDER.indexOf(a.action) - ACTION_ORDER.indexOf(b.action) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const count = (action: Change['action']) => changes.filter((c) => c.action === action).length;
  return {
    formatVersion: 1,
    applicationId: parts.applicationId ?? APP,
    summary: {
      create: count('create'),
      update: count('update'),
      replace: count('replace'),
      delete: count('delete'),
      unchanged: parts.unchanged ?? 0,
      drift: changes.filter((c) => c.fields.some((f) => f.drift === true)).length,
    },
    changes,
    notes: parts.notes ?? [],
    safety: parts.safety ?? [],
    record: [],
    ...(parts.fingerprints !== undefined ? { fingerprints: parts.fingerprints } : {}),
  };
}

/** Every declared leaf of an endpoint, as [path, value], in the order the planner lists them. */
function leaves(e: EndpointItem): [string, FieldChange['after'] & {}][] {
  const out: [string, FieldChange['after'] & {}][] = [];
  for (const k of ['ChannelType', 'Address', 'EndpointStatus', 'OptOut'] as const) if (e[k] !== undefined) out.push([k, e[k] as string]);
  for (const [k, v] of Object.entries(e.Attributes ?? {})) out.push([`Attributes.${k}`, v]);
  for (const [k, v] of Object.entries(e.Metrics ?? {})) out.push([`Metrics.${k}`, v]);
  if (e.User?.UserId !== undefined) out.push(['User.UserId', e.User.UserId]);
  for (const [k, v] of Object.entries(e.User?.UserAttributes ?? {})) out.push([`User.UserAttributes.${k}`, v]);
  for (const [k, v] of Object.entries(e.Demographic ?? {})) if (v !== undefined) out.push([`Demographic.${k}`, v]);
  for (const [k, v] of Object.entries(e.Location ?? {})) if (v !== undefined) out.push([`Location.${k}`, v]);
  return out;
}

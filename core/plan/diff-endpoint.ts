import type { EndpointFields } from '../../providers/types.js';
import { declaredFields, fieldEquals, normaliseLive, valueAt, type FieldEntry } from './fields.js';
import type { FieldChange } from './types.js';

/** A field that was declared at the last apply and no longer is, while Pinpoint still holds it. */
export interface Removal {
  readonly field: FieldEntry;
  readonly before: FieldChange['before'];
  /** Attribute keys can be cleared by update (`Key: []`); nothing else can be removed that way. */
  readonly clearable: boolean;
}

export interface EndpointDiff {
  /** Declared fields whose live value differs, in declared order. */
  readonly changed: readonly FieldChange[];
  readonly removals: readonly Removal[];
}

/**
 * Fields that stop being managed when undeclared, rather than being removed: every endpoint has
 * them and Pinpoint keeps a value, so there is nothing to clear and nothing to say.
 */
const RELEASED_WHEN_UNDECLARED = new Set(['ChannelType', 'Address', 'OptOut', 'EndpointStatus']);

/**
 * The three-way comparison of one endpoint: what is declared now, what pinsync last applied
 * (undefined: never applied; `declared` itself: applied as declared now), and what Pinpoint
 * holds. Only declared fields are compared, so a value written by anyone else into a field the
 * manifest never declared is never a change.
 */
export function diffEndpoint(
  declared: EndpointFields,
  lastApplied: EndpointFields | undefined,
  live: EndpointFields,
): EndpointDiff {
  const changed: FieldChange[] = [];
  const paths = new Set<string>();
  for (const field of declaredFields(declared)) {
    paths.add(field.path);
    const before = normaliseLive(field.kind, valueAt(live, field.segments));
    if (fieldEquals(field.kind, field.value, before)) continue;
    // Drift: the manifest asks for what was last applied, yet Pinpoint holds something else.
    const wasApplied = lastApplied === declared || (lastApplied !== undefined && sameDeclared(field, valueAt(lastApplied, field.segments)));
    changed.push(wasApplied ? { path: field.path, before, after: field.value, drift: true } : { path: field.path, before, after: field.value });
  }
  const removals: Removal[] = [];
  // `declared` itself as lastApplied: the caller found the two equal, so nothing was undeclared.
  for (const field of lastApplied === undefined || lastApplied === declared ? [] : declaredFields(lastApplied)) {
    if (paths.has(field.path) || RELEASED_WHEN_UNDECLARED.has(field.path)) continue;
    const before = normaliseLive(field.kind, valueAt(live, field.segments));
    if (before === null || (Array.isArray(before) && before.length === 0)) continue;
    removals.push({ field, before, clearable: field.kind === 'list' });
  }
  return { changed, removals };
}

function sameDeclared(field: FieldEntry, lastValue: unknown): boolean {
  if (lastValue === undefined) return false;
  return fieldEquals(field.kind, field.value, normaliseLive(field.kind, lastValue));
}

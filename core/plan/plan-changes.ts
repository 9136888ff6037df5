import type { EndpointItem, LiveEndpoint } from '../../providers/types.js';
import type { StateEndpoint } from '../state/types.js';
import { jsonEqual } from '../util/json-equal.js';
import { buildUpdateItem } from './build-item.js';
import { diffEndpoint, type EndpointDiff } from './diff-endpoint.js';
import { declaredFields, normaliseLive, valueAt } from './fields.js';
import { fingerprintEndpoint } from './fingerprint.js';
import { checkSafety, DEFAULT_SAFETY, type SafetyOptions } from './safety.js';
import type { Change, FieldChange, Plan, PlanNote, ReplaceChange, StateRecord, UpsertChange } from './types.js';
import { ACTION_ORDER } from './types.js';

/** A declared endpoint as the planner needs it (a ManifestEndpoint fits). */
export interface DesiredEndpoint {
  readonly endpoint: EndpointItem;
  readonly protect?: boolean;
  readonly allowResubscribe?: boolean;
}

export interface PlanOptions {
  /** What a removal that no update can express becomes (default: left in place, with a note). */
  readonly removals: 'leave' | 'replace';
  /** Delete endpoints in the state that are no longer declared. */
  readonly prune: boolean;
  readonly safety: SafetyOptions;
}

export const DEFAULT_PLAN_OPTIONS: PlanOptions = { removals: 'leave', prune: false, safety: DEFAULT_SAFETY };

export interface PlanInput {
  readonly applicationId: string;
  /** Declared endpoints; Ids are unique case-insensitively (the loader guarantees it). */
  readonly desired: readonly DesiredEndpoint[];
  /** What pinsync last applied, keyed by lowercased Id (this application, within the targets). */
  readonly lastApplied: LastApplied;
  /** What Pinpoint holds, by lowercased Id; an Id it does not find does not exist. */
  readonly live: LiveLookup;
  /**
   * `live` was made from `lastApplied` (`--refresh state`): an endpoint declared exactly as last
   * applied then has nothing to compare, and is counted unchanged without a field-by-field diff.
   */
  readonly liveIsLastApplied?: boolean;
  readonly options?: PlanOptions;
}

/**
 * The state's endpoints. A map that parses its entries on demand (the state store's) can give one
 * without keeping it (`peek`): the planner compares each entry once, and keeps only those it needs.
 */
export interface LastApplied extends ReadonlyMap<string, StateEndpoint> {
  peek?(key: string): StateEndpoint | undefined;
  /**
   * True when the entry is known to equal `declared` (Id aside) with the same `protect`, without
   * parsing it (the state store's digests); undefined when that is not known.
   */
  matchesApplied?(key: string, declared: EndpointItem, protect: true | undefined): true | undefined;
}

/** What the planner needs of the endpoints read: a lookup by lowercased Id (a Map will do). */
export interface LiveLookup {
  get(key: string): LiveEndpoint | undefined;
}

/** Endpoint Ids are case-insensitive in Pinpoint; every map of endpoints is keyed by this. */
export function idKey(id: string): string {
  return id.toLowerCase();
}

/**
 * The pure planner. Compares each declared endpoint with what Pinpoint holds and what pinsync last
 * applied; never mutates its inputs; sorts the result once, here.
 */
export function planChanges(input: PlanInput): Plan {
  const options = input.options ?? DEFAULT_PLAN_OPTIONS;
  const changes: Change[] = [];
  const notes: PlanNote[] = [];
  const record: StateRecord[] = [];
  const fingerprints: Record<string, string> = {};
  let unchanged = 0;
  // What was read is fingerprinted for saved plans; a plan from the state read nothing.
  const fingerprinted = input.liveIsLastApplied !== true;
  // Declared endpoints the state holds: when they are all of the state, nothing left it.
  let stillDeclared = 0;

  for (const d of input.desired) {
    const key = idKey(d.endpoint.Id);
    const protect = d.protect === true ? (true as const) : undefined;
    let last: StateEndpoint | undefined;
    if (input.liveIsLastApplied) {
      // Declared as last applied, and live is the last applied: the diff would be empty.
      if (input.lastApplied.matchesApplied?.(key, d.endpoint, protect)) {
        stillDeclared++;
        unchanged++;
        continue;
      }
      last = input.lastApplied.peek ? input.lastApplied.peek(key) : input.lastApplied.get(key);
      if (last !== undefined) stillDeclared++;
      if (stateMatches(last, d.endpoint, protect)) {
        unchanged++;
        continue;
      }
    } else {
      last = input.lastApplied.get(key);
      if (last !== undefined) stillDeclared++;
    }
    const live = input.live.get(key);
    if (live === undefined) {
      const create: UpsertChange = { action: 'create', id: d.endpoint.Id, fields: createFields(d.endpoint), item: d.endpoint, declared: d.endpoint };
      changes.push(withProtect(create, protect));
      if (fingerprinted) fingerprints[d.endpoint.Id] = fingerprintEndpoint(undefined);
      continue;
    }
    // Declared as last applied (the common case): the diff is told so, and skips the removals.
    const asApplied = stateMatches(last, d.endpoint, protect);
    const diff = diffEndpoint(d.endpoint, asApplied ? d.endpoint : last?.applied, live);
    const change = changeFor(d, diff, options, notes, protect);
    if (change === undefined) {
      unchanged++;
      if (!asApplied) record.push(withProtect({ id: d.endpoint.Id, declared: d.endpoint }, protect));
    } else {
      changes.push(change);
      if (fingerprinted) fingerprints[d.endpoint.Id] = fingerprintEndpoint(live);
    }
  }

  const undeclared = stillDeclared === input.lastApplied.size ? [] : undeclaredKeys(input);
  for (const key of undeclared) {
    const last = input.lastApplied.get(key) as StateEndpoint;
    const live = input.live.get(key);
    if (options.prune && live !== undefined) {
      changes.push({ action: 'delete', id: last.id, fields: deleteFields(last, live) });
      if (fingerprinted) fingerprints[last.id] = fingerprintEndpoint(live);
    } else {
      notes.push({
        id: last.id,
        kind: 'no-longer-managed',
        message: options.prune
          ? 'no longer in the manifest, nor in Pinpoint: apply removes it from the state'
          : 'no longer in the manifest: apply stops managing it and leaves it in Pinpoint (use --prune to delete it)',
      });
    }
  }

  changes.sort(compareChanges);
  notes.sort((a, b) => compareText(a.id, b.id) || compareText(a.path ?? '', b.path ?? ''));
  record.sort((a, b) => compareText(a.id, b.id));
  const protectedIds = new Set<string>();
  for (const d of input.desired) if (d.protect) protectedIds.add(idKey(d.endpoint.Id));
  for (const key of undeclared) if (input.lastApplied.get(key)?.protect) protectedIds.add(key);
  const safety = checkSafety(
    {
      changes,
      managed: input.lastApplied.size,
      protectedIds,
      resubscribeAllowed: new Set(input.desired.filter((d) => d.allowResubscribe).map((d) => idKey(d.endpoint.Id))),
    },
    options.safety,
  );
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
      drift: changes.filter((c) => c.fields.some((f) => f.drift)).length,
    },
    changes,
    notes,
    safety,
    record,
    fingerprints: sortedRecord(fingerprints),
  };
}

function changeFor(
  d: DesiredEndpoint,
  diff: EndpointDiff,
  options: PlanOptions,
  notes: PlanNote[],
  protect: true | undefined,
): Change | undefined {
  const id = d.endpoint.Id;
  const cleared = diff.removals.filter((r) => r.clearable);
  const stuck = diff.removals.filter((r) => !r.clearable);
  if (stuck.length > 0 && options.removals === 'replace') {
    const fields: FieldChange[] = [...diff.changed, ...stuck.map((r) => ({ path: r.field.path, before: r.before, after: null }))];
    const reason = `${stuck.map((r) => r.field.path).join(', ')} ${stuck.length === 1 ? 'was' : 'were'} removed from the manifest, and Pinpoint cannot remove ${stuck.length === 1 ? 'it' : 'them'} by update`;
    const replace: ReplaceChange = { action: 'replace', id, fields, item: d.endpoint, declared: d.endpoint, reason };
    return withProtect(replace, protect);
  }
  for (const r of stuck) {
    notes.push({
      id,
      kind: 'removal-left-in-place',
      path: r.field.path,
      message: `removed from the manifest, but Pinpoint cannot remove ${describeKind(r.field.path)} by update, so it keeps its value; set removals: replace (or pass --replace-on-removal) to delete and re-create the endpoint instead`,
    });
  }
  const fields: FieldChange[] = [...diff.changed, ...cleared.map((r) => ({ path: r.field.path, before: r.before, after: [] as string[] }))];
  if (fields.length === 0) return undefined;
  const item = buildUpdateItem(d.endpoint, diff.changed, cleared.map((r) => [...r.field.segments]));
  const update: UpsertChange = { action: 'update', id, fields, item, declared: d.endpoint };
  return withProtect(update, protect);
}

function describeKind(path: string): string {
  if (path.startsWith('Metrics.')) return 'a metric key';
  if (path.startsWith('Demographic.')) return 'a Demographic field';
  if (path.startsWith('Location.')) return 'a Location field';
  if (path === 'User.UserId') return 'a UserId';
  return 'this field';
}

function createFields(e: EndpointItem): FieldChange[] {
  return declaredFields(e).map((f) => ({ path: f.path, before: null, after: f.value }));
}

function deleteFields(last: StateEndpoint, live: LiveEndpoint): FieldChange[] {
  return declaredFields(last.applied).flatMap((f) => {
    const before = normaliseLive(f.kind, valueAt(live, f.segments));
    return before === null ? [] : [{ path: f.path, before, after: null }];
  });
}

/** The state's keys that no declared endpoint has, in the state's order; a declared entry needs no parsing here. */
function undeclaredKeys(input: PlanInput): string[] {
  const declared = new Set<string>();
  for (const d of input.desired) declared.add(idKey(d.endpoint.Id));
  const out: string[] = [];
  for (const key of input.lastApplied.keys()) if (!declared.has(key)) out.push(key);
  return out;
}

/** Whether the state already records `declared` as applied (compared key by key, Id aside). */
function stateMatches(last: StateEndpoint | undefined, declared: EndpointItem, protect: true | undefined): boolean {
  if (last === undefined || last.protect !== protect) return false;
  const applied = last.applied as Record<string, unknown>;
  let keys = 0;
  for (const key in declared) {
    if (key === 'Id') continue;
    const value = (declared as unknown as Record<string, unknown>)[key];
    if (value === undefined) continue;
    keys++;
    if (!jsonEqual(applied[key], value)) return false;
  }
  let appliedKeys = 0;
  for (const key in applied) if (applied[key] !== undefined) appliedKeys++;
  return keys === appliedKeys;
}

function withProtect<T extends object>(value: T, protect: true | undefined): T {
  return protect ? { ...value, protect } : value;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareChanges(a: Change, b: Change): number {
  return ACTION_ORDER.indexOf(a.action) - ACTION_ORDER.indexOf(b.action) || compareText(a.id, b.id);
}

function sortedRecord(r: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(r).sort()) out[k] = r[k] as string;
  return out;
}

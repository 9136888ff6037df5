import type { EndpointFields } from '../../providers/types.js';
import type { FieldValue } from './types.js';

// pinsync manages exactly the fields a manifest declares. These helpers turn an endpoint into the
// list of declared leaf fields (one per attribute key, metric key, sub-field) and compare leaves
// after Pinpoint's own normalisation, so that what Pinpoint reads back equals what was sent.

export type FieldKind = 'string' | 'list' | 'number' | 'coordinate' | 'optOut';

export interface FieldEntry {
  /** Segments, since attribute names may themselves contain dots. */
  readonly segments: readonly string[];
  readonly path: string;
  readonly kind: FieldKind;
  readonly value: FieldValue;
}

const SCALARS = ['ChannelType', 'Address', 'EndpointStatus', 'OptOut'] as const;
const DEMOGRAPHIC = ['AppVersion', 'Locale', 'Make', 'Model', 'ModelVersion', 'Platform', 'PlatformVersion', 'Timezone'] as const;
const LOCATION = ['City', 'Country', 'Latitude', 'Longitude', 'PostalCode', 'Region'] as const;

function entry(segments: string[], kind: FieldKind, value: FieldValue): FieldEntry {
  return { segments, path: segments.join('.'), kind, value };
}

/** Every declared leaf field, in a fixed order of sections and, within maps, in declared order. */
export function declaredFields(e: EndpointFields): FieldEntry[] {
  const out: FieldEntry[] = [];
  for (const name of SCALARS) {
    const v = e[name];
    if (v !== undefined) out.push(entry([name], name === 'OptOut' ? 'optOut' : 'string', v));
  }
  for (const [k, v] of Object.entries(e.Attributes ?? {})) out.push(entry(['Attributes', k], 'list', v));
  for (const [k, v] of Object.entries(e.Metrics ?? {})) out.push(entry(['Metrics', k], 'number', v));
  if (e.User?.UserId !== undefined) out.push(entry(['User', 'UserId'], 'string', e.User.UserId));
  for (const [k, v] of Object.entries(e.User?.UserAttributes ?? {})) {
    out.push(entry(['User', 'UserAttributes', k], 'list', v));
  }
  for (const name of DEMOGRAPHIC) {
    const v = e.Demographic?.[name];
    if (v !== undefined) out.push(entry(['Demographic', name], 'string', v));
  }
  for (const name of LOCATION) {
    const v = e.Location?.[name];
    if (v === undefined) continue;
    const kind: FieldKind = name === 'Latitude' || name === 'Longitude' ? 'coordinate' : 'string';
    out.push(entry(['Location', name], kind, v));
  }
  return out;
}

/** The value at `segments` in an endpoint as Pinpoint returns it, or undefined when absent. */
export function valueAt(e: EndpointFields | undefined, segments: readonly string[]): unknown {
  let node: unknown = e;
  for (const s of segments) {
    if (node === null || typeof node !== 'object') return undefined;
    node = Object.prototype.hasOwnProperty.call(node, s) ? (node as Record<string, unknown>)[s] : undefined;
  }
  return node;
}

/** Pinpoint rounds coordinates to one decimal; compare rounded values or the plan never converges. */
export function roundCoordinate(n: number): number {
  return Math.round(n * 10) / 10;
}

/**
 * The live value as the planner sees it: absent OptOut is NONE, absent lists are empty, and
 * coordinates are rounded. Returns null for absent.
 */
export function normaliseLive(kind: FieldKind, raw: unknown): FieldValue | null {
  switch (kind) {
    case 'optOut':
      return typeof raw === 'string' ? raw : 'NONE';
    case 'list':
      return Array.isArray(raw) ? (raw as string[]) : null;
    case 'coordinate':
      return typeof raw === 'number' ? roundCoordinate(raw) : null;
    case 'number':
      return typeof raw === 'number' ? raw : null;
    case 'string':
      return typeof raw === 'string' ? raw : null;
    default:
      return assertNever(kind);
  }
}

/** Whether a declared value equals the normalised live one. */
export function fieldEquals(kind: FieldKind, desired: FieldValue, live: FieldValue | null): boolean {
  switch (kind) {
    case 'list':
      // Values are compared as sets; absent and empty are the same.
      return sameSet(desired as readonly string[], (live as readonly string[] | null) ?? []);
    case 'coordinate':
      return live !== null && roundCoordinate(desired as number) === live;
    case 'number':
      return live === desired;
    case 'string':
      // Pinpoint blanks a string field sent as "": empty and absent read the same.
      return (live ?? '') === desired;
    case 'optOut':
      return live === desired;
    default:
      return assertNever(kind);
  }
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  if (sa.size !== sb.size) return false;
  for (const v of sa) if (!sb.has(v)) return false;
  return true;
}

export function assertNever(x: never): never {
  throw new Error(`unexpected value: ${String(x)}`);
}

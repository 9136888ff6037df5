import type { Change, FieldChange, FieldValue, Plan } from '../plan/types.js';
import type { AttributeMap, EndpointItem } from '../../providers/types.js';
import { attributeName } from './field-path.js';
import { createMasker, maskAddress, type Masker } from './mask.js';

/** What `--redact` masks: Address and User.UserId always, plus the attributes named. */
export interface Redaction {
  /** Attribute names (in Attributes and User.UserAttributes), matched without regard to case. */
  readonly attributes: readonly string[];
}

/**
 * The redaction the flags ask for: `--redact`, or any `--redact-attribute` (naming an attribute to
 * mask asks for redaction as plainly as --redact does). Undefined: print full values.
 */
export function redactionFrom(redact: boolean | undefined, attributes: readonly string[] | undefined): Redaction | undefined {
  // Space- or comma-separated, like the other list flags.
  const names = (attributes ?? []).flatMap((a) => a.split(',')).map((a) => a.trim()).filter((a) => a !== '');
  if (redact !== true && names.length === 0) return undefined;
  return { attributes: names };
}

interface Maskers {
  /** One masker for every value, so the same email in Address and in an attribute reads the same. */
  readonly mask: Masker;
  readonly attributes: ReadonlySet<string>;
}

/**
 * A copy of the plan with personal data masked, for printing only. Endpoint Ids stay as they are:
 * a reviewer needs them, and they are the keys of the plan. Free text (notes, reasons, safety
 * messages) is the planner's own wording and carries Ids and field names, not values.
 */
export function redactPlan(plan: Plan, redaction: Redaction): Plan {
  const m: Maskers = {
    mask: createMasker(plan.applicationId, maskAddress),
    attributes: new Set(redaction.attributes.map((a) => a.toLowerCase())),
  };
  return {
    ...plan,
    changes: plan.changes.map((c) => redactChange(c, m)),
    record: plan.record.map((r) => ({ ...r, declared: redactEndpoint(r.declared, m) })),
  };
}

function redactChange(change: Change, m: Maskers): Change {
  const fields = change.fields.map((f) => redactField(f, m));
  if (change.action === 'delete') return { ...change, fields };
  return { ...change, fields, item: redactEndpoint(change.item, m), declared: redactEndpoint(change.declared, m) };
}

function redactField(f: FieldChange, m: Maskers): FieldChange {
  const mask = fieldMasker(f.path, m);
  if (mask === undefined) return f;
  return { ...f, before: maskValue(f.before, mask), after: maskValue(f.after, mask) };
}

function fieldMasker(path: string, m: Maskers): Masker | undefined {
  if (path === 'Address' || path === 'User.UserId') return m.mask;
  const name = attributeName(path);
  return name !== undefined && m.attributes.has(name.toLowerCase()) ? m.mask : undefined;
}

function maskValue(v: FieldValue | null, mask: Masker): FieldValue | null {
  if (typeof v === 'string') return mask(v);
  if (Array.isArray(v)) return v.map((s: string) => mask(s));
  return v;
}

function redactEndpoint(e: EndpointItem, m: Maskers): EndpointItem {
  const out: { -readonly [K in keyof EndpointItem]: EndpointItem[K] } = { ...e };
  if (e.Address !== undefined) out.Address = m.mask(e.Address);
  if (e.Attributes !== undefined) out.Attributes = redactAttributes(e.Attributes, m);
  if (e.User !== undefined) {
    out.User = { ...e.User };
    if (e.User.UserId !== undefined) out.User = { ...out.User, UserId: m.mask(e.User.UserId) };
    if (e.User.UserAttributes !== undefined) out.User = { ...out.User, UserAttributes: redactAttributes(e.User.UserAttributes, m) };
  }
  return out;
}

function redactAttributes(attributes: AttributeMap, m: Maskers): AttributeMap {
  if (m.attributes.size === 0) return attributes;
  const out: Record<string, readonly string[]> = {};
  for (const [name, values] of Object.entries(attributes)) {
    out[name] = m.attributes.has(name.toLowerCase()) ? values.map((v) => m.mask(v)) : values;
  }
  return out;
}

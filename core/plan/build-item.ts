import type { EndpointItem } from '../../providers/types.js';
import type { FieldChange } from './types.js';

/**
 * What an update sends: the changed fields, plus ChannelType and Address (so Pinpoint never sees
 * an endpoint without them), plus EndpointStatus and OptOut when declared (every write resets
 * EndpointStatus to ACTIVE, so a declared INACTIVE must travel with each write). Attribute keys are
 * sent whole, since Pinpoint replaces a sent key's list; a cleared key is sent as `[]`.
 */
export function buildUpdateItem(declared: EndpointItem, changed: readonly FieldChange[], cleared: readonly string[][]): EndpointItem {
  const item: Record<string, unknown> = { Id: declared.Id };
  const copy = (name: keyof EndpointItem) => {
    if (declared[name] !== undefined) item[name] = declared[name];
  };
  copy('ChannelType');
  copy('Address');
  copy('EndpointStatus');
  copy('OptOut');
  for (const change of changed) setPath(item, splitPath(change.path), change.after);
  for (const segments of cleared) setPath(item, segments, []);
  return item as unknown as EndpointItem;
}

/** Field paths are `Section.key` or `User.UserAttributes.key`; a key may itself contain dots. */
export function splitPath(path: string): string[] {
  if (path.startsWith('User.UserAttributes.')) return ['User', 'UserAttributes', path.slice('User.UserAttributes.'.length)];
  const dot = path.indexOf('.');
  return dot < 0 ? [path] : [path.slice(0, dot), path.slice(dot + 1)];
}

function setPath(target: Record<string, unknown>, segments: readonly string[], value: unknown): void {
  let node = target;
  for (const s of segments.slice(0, -1)) {
    const next = node[s];
    if (next === undefined || next === null || typeof next !== 'object') node[s] = {};
    node = node[s] as Record<string, unknown>;
  }
  node[segments[segments.length - 1] as string] = value;
}

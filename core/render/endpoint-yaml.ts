import { Document, visit } from 'yaml';
import type { Change, FieldChange } from '../plan/types.js';
import type { EndpointItem } from '../../providers/types.js';
import { splitFieldPath } from './field-path.js';

type Tree = { [key: string]: unknown };

/** Sections in the order the manifest reference lists them, so every diff reads the same way. */
const ORDER = ['Id', 'ChannelType', 'Address', 'EndpointStatus', 'OptOut', 'Attributes', 'Metrics', 'User', 'Demographic', 'Location'];

/**
 * The endpoint's declared fields before and after the change, as YAML. Before is what the plan
 * says Pinpoint holds for each changed field, over the declared rest; a create has no before and a
 * delete no after (empty strings).
 */
export function changeYaml(change: Change): { readonly before: string; readonly after: string } {
  switch (change.action) {
    case 'create':
      return { before: '', after: endpointYaml(change.declared) };
    case 'update':
    case 'replace':
      return { before: endpointYaml(withValues(change.declared, change.fields, 'before')), after: endpointYaml(change.declared) };
    case 'delete':
      return { before: endpointYaml(withValues({ Id: change.id }, change.fields, 'before')), after: '' };
  }
}

/** A copy of `endpoint` with each field's `side` value put at its path (null removes the key). */
export function withValues(endpoint: EndpointItem, fields: readonly FieldChange[], side: 'before' | 'after'): EndpointItem {
  const tree = structuredClone(endpoint) as unknown as Tree;
  for (const f of fields) setAt(tree, splitFieldPath(f.path), f[side]);
  return tree as unknown as EndpointItem;
}

function setAt(tree: Tree, segments: readonly string[], value: unknown): void {
  let node = tree;
  for (const s of segments.slice(0, -1)) {
    const next = node[s];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) {
      if (value === null) return;
      node[s] = {};
    }
    node = node[s] as Tree;
  }
  const last = segments[segments.length - 1] as string;
  if (value === null) delete node[last];
  else node[last] = value;
}

/**
 * One field to a line: lists in flow style (`Plan: [free, pro]`) and no folding, so a changed
 * value is one `-` line and one `+` line in the diff.
 */
export function endpointYaml(endpoint: EndpointItem): string {
  const doc = new Document(ordered(endpoint as unknown as Tree));
  visit(doc, {
    Seq(_, node) {
      node.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

function ordered(tree: Tree): Tree {
  const out: Tree = {};
  const keys = Object.keys(tree).sort((a, b) => rank(a) - rank(b));
  for (const k of keys) {
    const raw = tree[k];
    const v = k === 'User' && isTree(raw) ? orderUser(raw) : raw;
    // Empty sections are noise in a diff; an absent and an empty map mean the same to Pinpoint.
    if (v === undefined || (isTree(v) && Object.keys(v).length === 0)) continue;
    out[k] = v;
  }
  return out;
}

function orderUser(user: Tree): Tree {
  const out: Tree = {};
  if (user['UserId'] !== undefined) out['UserId'] = user['UserId'];
  const attributes = user['UserAttributes'];
  if (isTree(attributes) && Object.keys(attributes).length > 0) out['UserAttributes'] = attributes;
  return out;
}

function rank(key: string): number {
  const i = ORDER.indexOf(key);
  return i < 0 ? ORDER.length : i;
}

function isTree(v: unknown): v is Tree {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

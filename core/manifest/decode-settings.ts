// The run settings a manifest file may set at its top level (removals:, prune:, safety:). Each
// value keeps its node, so that two files setting different values can both be named.

import type { RemovalPolicy } from './types.js';
import { newKeyIndex, type Decoder } from './decode-value.js';
import type { SourceNode } from './parse/index.js';
import { childPath } from './path.js';
import { didYouMean } from './suggest.js';

export interface Located<T> {
  readonly value: T;
  readonly node: SourceNode;
}

/** One file's settings, each with where it was written. */
export interface FileSettings {
  removals?: Located<RemovalPolicy>;
  prune?: Located<boolean>;
  maxDeletePercent?: Located<number>;
  minManaged?: Located<number>;
}

export const SETTING_KEYS = ['removals', 'prune', 'safety'] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

const REMOVAL_POLICIES: readonly RemovalPolicy[] = ['leave', 'replace'];
const SAFETY_KEYS = ['maxDeletePercent', 'minManaged'] as const;

export function readSetting(d: Decoder, key: SettingKey, node: SourceNode, out: FileSettings): void {
  switch (key) {
    case 'removals': {
      const value = d.decodeEnum(node, REMOVAL_POLICIES, 'removals') as RemovalPolicy | undefined;
      if (value !== undefined) out.removals = { value, node };
      return;
    }
    case 'prune': {
      const value = d.decodeBoolean(node, 'prune');
      if (value !== undefined) out.prune = { value, node };
      return;
    }
    case 'safety':
      readSafety(d, node, out);
      return;
    default: {
      const never: never = key;
      return never;
    }
  }
}

function readSafety(d: Decoder, node: SourceNode, out: FileSettings): void {
  if (node.kind !== 'map') {
    d.wrongType(node, 'safety', 'a mapping such as { maxDeletePercent: 30, minManaged: 10 }');
    return;
  }
  const seen = newKeyIndex(node);
  for (let i = 0; i < node.entries.length; i++) {
    const name = d.keyName(node, i, 'safety', 'field names', seen);
    if (name === undefined) continue;
    const { key, value } = node.entries[i]!;
    const path = childPath('safety', name);
    if (name === 'maxDeletePercent') {
      const v = d.decodeNumber(value, path, 0, 100);
      if (v !== undefined) out.maxDeletePercent = { value: v, node: value };
    } else if (name === 'minManaged') {
      const v = d.decodeNumber(value, path, 0);
      if (v === undefined) continue;
      if (!Number.isInteger(v)) {
        d.report(value, { code: 'WRONG_TYPE', message: `safety.minManaged must be a whole number, not ${v}`, path });
        continue;
      }
      out.minManaged = { value: v, node: value };
    } else {
      const hint = didYouMean(name, SAFETY_KEYS);
      d.report(key, {
        code: 'UNKNOWN_FIELD',
        message: `unknown field "${name}" in safety${hint || `; known fields: ${SAFETY_KEYS.join(', ')}`}`,
        path,
      });
    }
  }
}

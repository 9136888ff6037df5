import { isPlainMap } from '../describe.js';
import type { Finding } from '../finding.js';
import type { ManifestFile } from '../manifest-file.js';
import type { ManifestSettings, RemovalPolicy } from '../types.js';
import type { RuleInput } from './types.js';

/** The settings a file may write, as paths in its document. */
const SETTINGS: readonly (readonly string[])[] = [['removals'], ['prune'], ['safety', 'maxDeletePercent'], ['safety', 'minManaged']];

function settingIn(file: ManifestFile, path: readonly string[]): unknown {
  let v = file.root;
  for (const name of path) v = isPlainMap(v) && Object.hasOwn(v, name) ? v[name] : undefined;
  return v;
}

/** Settings may be written in any file, but a manifest has one value of each: files may not disagree. */
export function checkSettings({ files }: RuleInput): Finding[] {
  const out: Finding[] = [];
  for (const path of SETTINGS) {
    let first: { file: ManifestFile; value: unknown } | undefined;
    for (const file of files) {
      const value = settingIn(file, path);
      if (value === undefined || value === null || typeof value === 'object') continue;
      if (!first) {
        first = { file, value };
        continue;
      }
      if (value === first.value) continue;
      const label = path.join('.');
      const firstValue = first.value;
      out.push({
        file,
        path,
        code: 'CONFLICTING_SETTING',
        message: ({ related }) =>
          `${label}: ${JSON.stringify(value)} differs from ${JSON.stringify(firstValue)} set at ${related}; ` +
          'a manifest has one value: set the same in both files, or in one only',
        related: { file: first.file, path },
      });
    }
  }
  return out;
}

/** The manifest's settings, from the first file that sets each (only called when all is valid). */
export function settingsOf(files: readonly ManifestFile[]): ManifestSettings {
  const find = (path: readonly string[]): unknown => {
    for (const file of files) {
      const v = settingIn(file, path);
      if (v !== undefined) return v;
    }
    return undefined;
  };
  const removals = find(['removals']) as RemovalPolicy | undefined;
  const prune = find(['prune']) as boolean | undefined;
  const maxDeletePercent = find(['safety', 'maxDeletePercent']) as number | undefined;
  const minManaged = find(['safety', 'minManaged']) as number | undefined;
  const safety = {
    ...(maxDeletePercent !== undefined && { maxDeletePercent }),
    ...(minManaged !== undefined && { minManaged }),
  };
  return {
    ...(removals !== undefined && { removals }),
    ...(prune !== undefined && { prune }),
    ...(Object.keys(safety).length > 0 && { safety }),
  };
}

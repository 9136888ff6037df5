import type { Diagnostic } from '../../diagnostics/types.js';
import type { FileSettings, Located } from '../decode-settings.js';
import { diagnosticAt, formatPosition, positionOf, type SourceFile } from '../source-file.js';
import type { RuleInput } from './types.js';

type SettingName = keyof FileSettings;
const LABELS: Readonly<Record<SettingName, string>> = {
  removals: 'removals',
  prune: 'prune',
  maxDeletePercent: 'safety.maxDeletePercent',
  minManaged: 'safety.minManaged',
};

/** Settings may be written in any file, but a manifest has one value of each: files may not disagree. */
export function checkSettings({ files }: RuleInput): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const name of Object.keys(LABELS) as SettingName[]) {
    let first: { file: SourceFile; at: Located<unknown> } | undefined;
    for (const f of files) {
      const at = f.settings[name] as Located<unknown> | undefined;
      if (!at) continue;
      if (!first) {
        first = { file: f.file, at };
        continue;
      }
      if (at.value === first.at.value) continue;
      const label = LABELS[name];
      const there = formatPosition(positionOf(first.file, first.at.node.start));
      out.push(
        diagnosticAt(f.file, at.node.start, {
          code: 'CONFLICTING_SETTING',
          message:
            `${label}: ${JSON.stringify(at.value)} differs from ${JSON.stringify(first.at.value)} set at ${there}; ` +
            'a manifest has one value: set the same in both files, or in one only',
          path: label,
        }),
      );
    }
  }
  return out;
}

/** The manifest's settings: the first file's value of each (files that disagree are an error). */
export function mergeSettings(files: readonly { settings: FileSettings }[]): {
  removals?: FileSettings['removals'];
  prune?: FileSettings['prune'];
  maxDeletePercent?: FileSettings['maxDeletePercent'];
  minManaged?: FileSettings['minManaged'];
} {
  const out: FileSettings = {};
  for (const f of files) {
    for (const name of Object.keys(f.settings) as SettingName[]) {
      if (out[name] === undefined) (out as Record<SettingName, unknown>)[name] = f.settings[name];
    }
  }
  return out;
}

// The manifest-wide checks, run in this order over everything that decoded. Add a rule by writing
// a ManifestRule in its own file and listing it here (with a new code in codes.ts).

import { checkApplicationId } from './check-application-id.js';
import { checkIdCharacters } from './check-id-characters.js';
import { checkSettings } from './check-settings.js';
import { checkUniqueIds } from './check-unique-ids.js';
import { requireChannelType } from './require-channel-type.js';
import type { ManifestRule } from './types.js';

export type { ManifestRule, RuleInput } from './types.js';

export const MANIFEST_RULES: readonly ManifestRule[] = [
  requireChannelType,
  checkIdCharacters,
  checkUniqueIds,
  checkApplicationId,
  checkSettings,
];

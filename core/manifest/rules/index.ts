// The manifest-wide checks, run over everything that was read. Add a rule by writing a
// ManifestRule in its own file and listing it here (with a new code in codes.ts and a line in
// docs/diagnostics.md).

import { checkAddresses } from './check-addresses.js';
import { checkApplicationId } from './check-application-id.js';
import { checkEndpointSize } from './check-endpoint-size.js';
import { checkKeyBudget } from './check-key-budget.js';
import { checkSettings } from './check-settings.js';
import { checkUniqueAddresses } from './check-unique-addresses.js';
import { checkUniqueIds } from './check-unique-ids.js';
import { checkUserEndpoints } from './check-user-endpoints.js';
import { requireChannelType } from './require-channel-type.js';
import type { ManifestRule } from './types.js';

export type { ManifestRule, RuleInput } from './types.js';
export { settingsOf } from './check-settings.js';

export const MANIFEST_RULES: readonly ManifestRule[] = [
  requireChannelType,
  checkUniqueIds,
  checkApplicationId,
  checkSettings,
  checkAddresses,
  checkUniqueAddresses,
  checkKeyBudget,
  checkUserEndpoints,
  checkEndpointSize,
];

import type { Plan } from '../../core/plan/types.js';
import type { PlanFormat, RenderOptions } from '../../core/render/index.js';
import { create, endpoint, plan, remove, replace, update } from '../core/render/builders.js';
import { bulkPlan } from '../core/render/large-plans.js';

// The plans the golden files are made from: one per kind of thing a plan can say.

export interface GoldenCase {
  readonly name: string;
  readonly plan: Plan;
  readonly options?: RenderOptions;
  /** Default: all three. The 5,000-change plan is kept as markdown only: its text and JSON are megabytes. */
  readonly formats?: readonly PlanFormat[];
}

const full = endpoint('customer-1', {
  Address: 'richard_roe@example.com',
  OptOut: 'NONE',
  Attributes: { Interests: ['Music', 'Books'], 'plan.tier': ['gold'] },
  Metrics: { music_interest_level: 3.5 },
  User: { UserId: 'example_user_1', UserAttributes: { FirstName: ['Richard'], LastName: ['Roe'] } },
  Demographic: { Locale: 'en_US', Timezone: 'America/Los_Angeles' },
  Location: { City: 'Seattle', Country: 'US', Latitude: 47.6, Longitude: -122.3 },
});

const creates = plan({
  unchanged: 10,
  changes: [create(full), create(endpoint('phone-1', { ChannelType: 'SMS', Address: '+12065550100', User: { UserId: 'example_user_1' } }))],
});

const updated = endpoint('customer-2', {
  ChannelType: 'EMAIL',
  Address: 'jane_doe@example.com',
  OptOut: 'ALL',
  EndpointStatus: 'ACTIVE',
  Attributes: { Plan: ['pro'], Interests: ['Music', 'Books'], 'plan.tier': ['gold'] },
  Metrics: { score: 7, visits: 12 },
  User: { UserId: 'jane', UserAttributes: { FirstName: ['Jane'], 'name.nick': ['JD'] } },
  Demographic: { Locale: 'en_GB', Platform: 'ios' },
  Location: { City: 'London', Latitude: 51.5, Longitude: -0.1 },
});

const updates = plan({
  unchanged: 98,
  changes: [
    update(updated, [
      { path: 'Address', before: 'jane@example.com', after: 'jane_doe@example.com' },
      { path: 'EndpointStatus', before: 'INACTIVE', after: 'ACTIVE' },
      { path: 'OptOut', before: 'NONE', after: 'ALL' },
      { path: 'Attributes.Plan', before: ['free'], after: ['pro'] },
      { path: 'Attributes.Interests', before: ['Music'], after: ['Music', 'Books'] },
      { path: 'Attributes.plan.tier', before: null, after: ['gold'] },
      { path: 'Metrics.score', before: 5, after: 7 },
      { path: 'User.UserId', before: 'jane-old', after: 'jane' },
      { path: 'User.UserAttributes.name.nick', before: ['J'], after: ['JD'] },
      { path: 'Demographic.Locale', before: 'en_US', after: 'en_GB' },
      { path: 'Demographic.Platform', before: null, after: 'ios' },
      { path: 'Location.City', before: 'Paris', after: 'London' },
      { path: 'Location.Latitude', before: 48.9, after: 51.5 },
    ]),
    update(endpoint('long-1', { Attributes: { Bio: ['x'.repeat(120)] } }), [{ path: 'Attributes.Bio', before: ['short'], after: ['x'.repeat(120)] }]),
  ],
});

const clears = plan({
  unchanged: 4,
  changes: [
    update(endpoint('customer-3', { Attributes: { Interests: ['Books'] }, User: { UserId: 'u3' } }), [
      { path: 'Attributes.Legacy', before: ['old'], after: [] },
      { path: 'User.UserAttributes.Nickname', before: ['Bob'], after: [] },
    ]),
  ],
});

const replaced = endpoint('device-1', { ChannelType: 'GCM', Address: 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8ff9', Metrics: { sessions: 4 } });

const destructive = plan({
  unchanged: 20,
  changes: [
    replace(replaced, [{ path: 'Metrics.score', before: 3, after: null }], 'Metrics.score was removed from the manifest, and an update cannot remove a metric'),
    remove(endpoint('gone-1', { Attributes: { Plan: ['free'] } })),
    remove(endpoint('gone-2')),
  ],
  notes: [
    { id: 'kept-1', kind: 'removal-left-in-place', path: 'Metrics.level', message: 'Metrics.level was removed from the manifest; an update cannot remove a metric, so Pinpoint keeps it (set `removals: replace` to replace the endpoint instead)' },
    { id: 'old-9', kind: 'no-longer-managed', message: 'no longer in the manifest; apply forgets it and leaves it in Pinpoint (add --prune to delete it)' },
  ],
});

const drift = plan({
  unchanged: 7,
  changes: [
    update(endpoint('drifted-1', { Attributes: { Plan: ['free'], Interests: ['Music'] } }), [
      { path: 'Attributes.Interests', before: ['Books'], after: ['Music'] },
      { path: 'Attributes.Plan', before: ['pro'], after: ['free'], drift: true },
    ]),
    update(endpoint('drifted-2', { OptOut: 'NONE' }), [{ path: 'OptOut', before: 'ALL', after: 'NONE', drift: true }]),
  ],
});

const unsafe = plan({
  unchanged: 8,
  changes: [
    remove(endpoint('gone-1')),
    remove(endpoint('gone-2')),
    remove(endpoint('gone-3')),
    remove(endpoint('gone-4')),
    update(endpoint('opted-1', { OptOut: 'NONE' }), [{ path: 'OptOut', before: 'ALL', after: 'NONE' }]),
  ],
  safety: [
    { rule: 'destructive-share', ids: [], message: 'the plan deletes or replaces 4 of 13 managed endpoints (31 %), above the 30 % threshold' },
    { rule: 'resubscribe', ids: ['opted-1'], message: 'OptOut would change from ALL to NONE, re-subscribing someone who opted out' },
  ],
});

const staleBase = plan({
  unchanged: 1,
  changes: [update(endpoint('ep-1', { Attributes: { Plan: ['pro'] } }), [{ path: 'Attributes.Plan', before: ['free'], after: ['pro'] }])],
  fingerprints: { 'ep-1': 'sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0' },
});

/** As `plan --out` saves it: bound to the state it was made against. */
const saved = { ...staleBase, state: { path: 'endpoints/pinsync.state.json', lineage: '5f0c6a2e-2d4b-4d8e-9a51-0c1f1e2d3c4b', serial: 12 } };

export const GOLDEN_CASES: readonly GoldenCase[] = [
  { name: 'creates', plan: { ...creates, refresh: { mode: 'live', readCalls: 2, durationMs: 420 } } },
  { name: 'updates', plan: updates },
  { name: 'clears', plan: clears },
  { name: 'replace-delete', plan: destructive },
  { name: 'drift', plan: drift },
  { name: 'safety', plan: unsafe },
  { name: 'stale', plan: saved, options: { stale: ['ep-1'], planFile: 'plan.json' } },
  { name: 'empty', plan: plan({ unchanged: 3 }) },
  { name: 'redacted', plan: updates, options: { redact: { attributes: ['FirstName', 'name.nick'] } } },
  { name: 'bulk-5000', plan: bulkPlan(), options: { planFile: 'plan.json' }, formats: ['markdown'] },
];

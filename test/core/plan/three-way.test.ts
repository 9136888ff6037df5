import assert from 'node:assert/strict';
import { planChanges, DEFAULT_PLAN_OPTIONS, type DesiredEndpoint, type PlanOptions } from '../../../core/plan/index.js';
import type { StateEndpoint } from '../../../core/state/index.js';
import type { EndpointItem, LiveEndpoint } from '../../../providers/types.js';

const APP = 'app';
const byKey = <T extends { id?: string; Id?: string }>(items: T[]) => new Map(items.map((e) => [(e.id ?? e.Id ?? '').toLowerCase(), e]));

function plan(
  desired: DesiredEndpoint[],
  last: StateEndpoint[],
  live: LiveEndpoint[],
  options: Partial<PlanOptions> = {},
) {
  return planChanges({
    applicationId: APP,
    desired,
    lastApplied: byKey(last),
    live: byKey(live),
    options: { ...DEFAULT_PLAN_OPTIONS, ...options, safety: { ...DEFAULT_PLAN_OPTIONS.safety, ...options.safety } },
  });
}

const ep = (id: string, fields: Partial<EndpointItem> = {}): EndpointItem => ({ Id: id, ChannelType: 'EMAIL', Address: `${id}@example.com`, ...fields });
const applied = (e: EndpointItem, protect?: true): StateEndpoint => {
  const { Id, ...rest } = e;
  return protect ? { id: Id, applied: rest, protect } : { id: Id, applied: rest };
};

describe('planChanges: three-way (last applied, declared, live)', () => {
  it('shows a managed field changed outside pinsync as drift, and puts it back', () => {
    const declared = ep('a', { Attributes: { Plan: ['pro'] } });
    const p = plan([{ endpoint: declared }], [applied(declared)], [{ ...declared, Attributes: { Plan: ['free'] } }]);
    assert.equal(p.summary.drift, 1);
    assert.deepEqual(p.changes[0]?.fields, [{ path: 'Attributes.Plan', before: ['free'], after: ['pro'], drift: true }]);
    assert.equal(p.changes[0]?.action, 'update');
  });

  it('a field the manifest changed is a change, not drift, even when live differs from the state', () => {
    const before = ep('a', { Attributes: { Plan: ['pro'] } });
    const now = ep('a', { Attributes: { Plan: ['team'] } });
    const p = plan([{ endpoint: now }], [applied(before)], [{ ...before, Attributes: { Plan: ['free'] } }]);
    assert.equal(p.summary.drift, 0);
    assert.deepEqual(p.changes[0]?.fields, [{ path: 'Attributes.Plan', before: ['free'], after: ['team'] }]);
  });

  it('clears an attribute key that was declared and no longer is, sending Key: []', () => {
    const before = ep('a', { Attributes: { Plan: ['pro'], Tags: ['x'] }, User: { UserId: 'u', UserAttributes: { Name: ['Ann'] } } });
    const now = ep('a', { Attributes: { Plan: ['pro'] }, User: { UserId: 'u' } });
    const p = plan([{ endpoint: now }], [applied(before)], [before]);
    const change = p.changes[0];
    assert.equal(change?.action, 'update');
    assert.deepEqual(change?.fields, [
      { path: 'Attributes.Tags', before: ['x'], after: [] },
      { path: 'User.UserAttributes.Name', before: ['Ann'], after: [] },
    ]);
    assert.ok(change?.action === 'update');
    assert.deepEqual(change.item, {
      Id: 'a',
      ChannelType: 'EMAIL',
      Address: 'a@example.com',
      Attributes: { Tags: [] },
      User: { UserAttributes: { Name: [] } },
    });
  });

  it('a key already cleared in Pinpoint needs nothing', () => {
    const before = ep('a', { Attributes: { Tags: ['x'] } });
    const p = plan([{ endpoint: ep('a') }], [applied(before)], [{ ...ep('a'), Attributes: { Tags: [] } }]);
    assert.deepEqual(p.changes, []);
  });

  it('leaves a removed metric, Demographic or Location field in place with a note, by default', () => {
    const before = ep('a', { Metrics: { score: 3 }, Demographic: { Platform: 'iOS' }, Location: { City: 'Oslo' } });
    const p = plan([{ endpoint: ep('a') }], [applied(before)], [before]);
    assert.deepEqual(p.changes, []);
    assert.deepEqual(
      p.notes.map((n) => [n.kind, n.path]),
      [
        ['removal-left-in-place', 'Demographic.Platform'],
        ['removal-left-in-place', 'Location.City'],
        ['removal-left-in-place', 'Metrics.score'],
      ],
    );
    assert.match(p.notes[2]?.message ?? '', /Pinpoint cannot remove a metric key by update.*removals: replace/);
  });

  it('with removals: replace, such a removal replaces the endpoint with the whole declared one', () => {
    const before = ep('a', { Metrics: { score: 3, level: 1 } });
    const now = ep('a', { Metrics: { level: 2 } });
    const p = plan([{ endpoint: now }], [applied(before)], [before], { removals: 'replace' });
    const change = p.changes[0];
    assert.equal(change?.action, 'replace');
    assert.ok(change?.action === 'replace');
    assert.deepEqual(change.item, now);
    assert.match(change.reason, /Metrics\.score was removed from the manifest/);
    assert.deepEqual(change.fields, [
      { path: 'Metrics.level', before: 1, after: 2 },
      { path: 'Metrics.score', before: 3, after: null },
    ]);
  });

  it('stops managing OptOut, EndpointStatus, ChannelType and Address when undeclared, silently', () => {
    const before = ep('a', { OptOut: 'ALL', EndpointStatus: 'INACTIVE' });
    const now: EndpointItem = { Id: 'a', ChannelType: 'EMAIL' };
    const p = plan([{ endpoint: now }], [applied(before)], [before], { removals: 'replace' });
    assert.deepEqual(p.changes, []);
    assert.deepEqual(p.notes, []);
  });

  it('an update sends the changed fields, ChannelType and Address, and EndpointStatus and OptOut when declared; nothing undeclared', () => {
    const declared = ep('a', { OptOut: 'NONE', EndpointStatus: 'INACTIVE', Attributes: { Plan: ['pro'], Tags: ['x'] }, Metrics: { m: 1 } });
    const live: LiveEndpoint = { ...declared, Attributes: { Plan: ['free'], Tags: ['x'], Other: ['y'] }, Demographic: { Platform: 'iOS' } };
    const p = plan([{ endpoint: declared }], [], [live]);
    const change = p.changes[0];
    assert.ok(change?.action === 'update');
    assert.deepEqual(change.item, {
      Id: 'a',
      ChannelType: 'EMAIL',
      Address: 'a@example.com',
      EndpointStatus: 'INACTIVE',
      OptOut: 'NONE',
      Attributes: { Plan: ['pro'] },
    });
  });

  it('records an endpoint already as declared whose state is missing or older, sending nothing', () => {
    const declared = ep('a', { Attributes: { Plan: ['pro'] } });
    const p = plan([{ endpoint: declared }, { endpoint: ep('b') }], [applied(ep('b'))], [declared, ep('b')]);
    assert.deepEqual(p.changes, []);
    assert.deepEqual(p.record, [{ id: 'a', declared }]);
    assert.equal(p.summary.unchanged, 2);
  });
});

describe('planChanges: endpoints no longer declared', () => {
  const gone = ep('gone', { Attributes: { Plan: ['pro'] } });

  it('without prune: a note that apply stops managing it; nothing deleted', () => {
    const p = plan([], [applied(gone)], [gone]);
    assert.deepEqual(p.changes, []);
    assert.equal(p.notes[0]?.kind, 'no-longer-managed');
    assert.match(p.notes[0]?.message ?? '', /stops managing it.*--prune/);
  });

  it('with prune: a delete', () => {
    const p = plan([], [applied(gone)], [gone], { prune: true });
    assert.deepEqual(p.changes.map((c) => [c.action, c.id]), [['delete', 'gone']]);
    assert.deepEqual(p.changes[0]?.fields, [
      { path: 'ChannelType', before: 'EMAIL', after: null },
      { path: 'Address', before: 'gone@example.com', after: null },
      { path: 'Attributes.Plan', before: ['pro'], after: null },
    ]);
  });

  it('with prune, already gone from Pinpoint: only forgotten', () => {
    const p = plan([], [applied(gone)], [], { prune: true });
    assert.deepEqual(p.changes, []);
    assert.equal(p.notes[0]?.kind, 'no-longer-managed');
  });

  it('never deletes an endpoint pinsync never applied', () => {
    const p = plan([], [], [gone], { prune: true });
    assert.deepEqual(p.changes, []);
    assert.deepEqual(p.notes, []);
  });
});

describe('planChanges: safety', () => {
  const managed = Array.from({ length: 10 }, (_, i) => ep(`e${i}`));
  const keep = (n: number) => managed.slice(n).map((endpoint) => ({ endpoint }));
  const rules = (p: ReturnType<typeof plan>) => p.safety.map((v) => v.rule);

  it('allows deletes of exactly 30 % of managed endpoints, refuses one more', () => {
    assert.deepEqual(rules(plan(keep(3), managed.map((e) => applied(e)), managed, { prune: true })), []);
    const over = plan(keep(4), managed.map((e) => applied(e)), managed, { prune: true });
    assert.deepEqual(rules(over), ['destructive-share']);
    assert.match(over.safety[0]?.message ?? '', /4 of 10 managed endpoints \(40\.0 %\)/);
    assert.deepEqual(over.safety[0]?.ids, ['e0', 'e1', 'e2', 'e3']);
  });

  it('applies the share rule only from 10 managed endpoints, and takes its limits from options', () => {
    const nine = managed.slice(0, 9);
    assert.deepEqual(rules(plan([], nine.map((e) => applied(e)), nine, { prune: true })), []);
    const custom = { maxDeletePercent: 50, minManaged: 5, allowResubscribe: false };
    assert.deepEqual(rules(plan(keep(5), managed.map((e) => applied(e)), managed, { prune: true, safety: custom })), []);
    assert.deepEqual(rules(plan(keep(6), managed.map((e) => applied(e)), managed, { prune: true, safety: custom })), ['destructive-share']);
  });

  it('refuses OptOut from ALL to NONE unless the endpoint or the run allows it', () => {
    const live = ep('a', { OptOut: 'ALL' });
    const declared = ep('a', { OptOut: 'NONE' });
    assert.deepEqual(rules(plan([{ endpoint: declared }], [], [live])), ['resubscribe']);
    assert.deepEqual(rules(plan([{ endpoint: declared, allowResubscribe: true }], [], [live])), []);
    assert.deepEqual(rules(plan([{ endpoint: declared }], [], [live], { safety: { ...DEFAULT_PLAN_OPTIONS.safety, allowResubscribe: true } })), []);
    // NONE to ALL (unsubscribing) is always fine.
    assert.deepEqual(rules(plan([{ endpoint: live }], [], [declared])), []);
  });

  it('protect: true forbids a delete (recorded in the state) and a replace', () => {
    const p = plan([], [applied(ep('p'), true)], [ep('p')], { prune: true });
    assert.deepEqual(rules(p), ['protected']);
    const before = ep('q', { Metrics: { m: 1 } });
    const r = plan([{ endpoint: ep('q'), protect: true }], [applied(before)], [before], { removals: 'replace' });
    assert.equal(r.changes[0]?.action, 'replace');
    assert.deepEqual(rules(r), ['protected']);
  });
});

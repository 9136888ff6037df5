import assert from 'node:assert/strict';
import { planChanges } from '../../../core/plan/plan-changes.js';
import type { EndpointItem, LiveEndpoint } from '../../../providers/types.js';

const APP = 'app';

function live(...endpoints: LiveEndpoint[]): Map<string, LiveEndpoint> {
  return new Map(endpoints.map((e) => [e.Id.toLowerCase(), e]));
}

function plan(desired: EndpointItem[], current: Map<string, LiveEndpoint>) {
  return planChanges({ applicationId: APP, desired: desired.map((endpoint) => ({ endpoint })), lastApplied: new Map(), live: current });
}

const base: EndpointItem = {
  Id: 'a',
  ChannelType: 'EMAIL',
  Address: 'a@example.com',
  Attributes: { Interests: ['Music', 'Books'] },
  Metrics: { level: 3 },
  User: { UserId: 'u1', UserAttributes: { FirstName: ['Ann'] } },
  Location: { Latitude: 47.61, Longitude: -122.33 },
};

describe('planChanges', () => {
  it('creates what Pinpoint does not hold, listing every declared field', () => {
    const p = plan([base], live());
    assert.deepEqual(p.summary, { create: 1, update: 0, replace: 0, delete: 0, unchanged: 0, drift: 0 });
    const change = p.changes[0];
    assert.equal(change?.action, 'create');
    assert.deepEqual(
      change?.fields.map((f) => f.path),
      ['ChannelType', 'Address', 'Attributes.Interests', 'Metrics.level', 'User.UserId', 'User.UserAttributes.FirstName', 'Location.Latitude', 'Location.Longitude'],
    );
    assert.ok(change?.fields.every((f) => f.before === null));
  });

  it('treats what Pinpoint reads back after its own normalisation as unchanged', () => {
    const readBack: LiveEndpoint = {
      ...base,
      Id: 'A', // Ids are case-insensitive
      Attributes: { Interests: ['Books', 'Music'], Other: ['set by the app'] }, // a set; undeclared keys ignored
      Location: { Latitude: 47.6, Longitude: -122.3, City: 'Seattle' }, // rounded to one decimal
      Demographic: { Platform: 'iOS' }, // written by the mobile SDK, never declared
      OptOut: 'NONE',
      EndpointStatus: 'ACTIVE',
      CreationDate: '2026-01-01T00:00:00Z',
      CohortId: '42',
    };
    const p = plan([{ ...base, OptOut: 'NONE' }], live(readBack));
    assert.deepEqual(p.changes, []);
    assert.equal(p.summary.unchanged, 1);
  });

  it('reads an absent OptOut as NONE, and compares EndpointStatus only when declared', () => {
    const current = live({ Id: 'a', ChannelType: 'EMAIL', Address: 'a@example.com', EndpointStatus: 'INACTIVE' });
    assert.equal(plan([{ Id: 'a', ChannelType: 'EMAIL', Address: 'a@example.com', OptOut: 'NONE' }], current).changes.length, 0);
    const p = plan([{ Id: 'a', ChannelType: 'EMAIL', Address: 'a@example.com', EndpointStatus: 'ACTIVE' }], current);
    assert.deepEqual(p.changes[0]?.fields, [{ path: 'EndpointStatus', before: 'INACTIVE', after: 'ACTIVE' }]);
  });

  it('equates an empty declared attribute with an absent one', () => {
    const current = live({ Id: 'a', ChannelType: 'EMAIL' });
    assert.equal(plan([{ Id: 'a', ChannelType: 'EMAIL', Attributes: { Tags: [] } }], current).changes.length, 0);
  });

  it('lists only the fields that differ, with before and after', () => {
    const current = live({ ...base, Attributes: { Interests: ['Music'] }, Metrics: { level: 2 } });
    const p = plan([base], current);
    assert.equal(p.changes[0]?.action, 'update');
    assert.deepEqual(p.changes[0]?.fields, [
      { path: 'Attributes.Interests', before: ['Music'], after: ['Music', 'Books'] },
      { path: 'Metrics.level', before: 2, after: 3 },
    ]);
  });

  it('sorts creates before updates, then by Id, whatever the input order', () => {
    const current = live({ ...base, Id: 'm', Address: 'old@example.com' }, { ...base, Id: 'b', Address: 'old@example.com' });
    const p = plan(
      [
        { ...base, Id: 'z' },
        { ...base, Id: 'm' },
        { ...base, Id: 'c' },
        { ...base, Id: 'b' },
      ],
      current,
    );
    assert.deepEqual(
      p.changes.map((c) => `${c.action}:${c.id}`),
      ['create:c', 'create:z', 'update:b', 'update:m'],
    );
  });

  it('never mutates its inputs', () => {
    const desired = [structuredClone(base)];
    const current = live(structuredClone({ ...base, Location: { Latitude: 47.61, Longitude: -122.33 } }));
    const before = JSON.stringify([desired, [...current]]);
    plan(desired, current);
    assert.equal(JSON.stringify([desired, [...current]]), before);
  });
});

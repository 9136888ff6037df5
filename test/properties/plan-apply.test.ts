import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyPlan, type StateSink } from '../../core/apply/index.js';
import { declaredFields } from '../../core/plan/fields.js';
import { DEFAULT_PLAN_OPTIONS, planChanges, readLive, type Plan } from '../../core/plan/index.js';
import { updateState, emptyState, stateApplication, type State } from '../../core/state/index.js';
import { startEmulator, type RunningEmulator } from '../../providers/emulator/index.js';
import { createPinpointProvider } from '../../providers/pinpoint/index.js';
import type { EndpointItem, EndpointProvider } from '../../providers/types.js';

// Random manifests against random live states, planned and applied through the real SDK and the
// emulator: the properties a user relies on every day.

const APP = 'props';
const IDS = Array.from({ length: 12 }, (_, i) => `e${i}`);
const word = fc.constantFrom('a', 'b', 'c', 'd');
const attrs = (keys: string[]) => fc.dictionary(fc.constantFrom(...keys), fc.uniqueArray(word, { maxLength: 3 }), { maxKeys: 3 });

const endpointArb = (id: string): fc.Arbitrary<EndpointItem> =>
  fc.record(
    {
      Id: fc.constant(id),
      ChannelType: fc.constantFrom('EMAIL', 'SMS', 'GCM'),
      Address: fc.constant(`${id}-addr`),
      Attributes: attrs(['A0', 'A1', 'A2', 'A3']),
      Metrics: fc.dictionary(fc.constantFrom('M0', 'M1'), fc.integer({ min: -5, max: 5 }), { maxKeys: 2 }),
      User: fc.record({ UserId: fc.constantFrom('u0', 'u1', 'u2'), UserAttributes: attrs(['U0', 'U1']) }, { requiredKeys: [] }),
      Demographic: fc.record({ Platform: fc.constantFrom('iOS', 'Android'), Locale: fc.constantFrom('en-US', 'fr-FR') }, { requiredKeys: [] }),
      Location: fc.record({ Latitude: fc.double({ min: -89, max: 89, noNaN: true }), City: fc.constantFrom('Oslo', 'Lima') }, { requiredKeys: [] }),
      OptOut: fc.constantFrom('ALL', 'NONE'),
      EndpointStatus: fc.constantFrom('ACTIVE', 'INACTIVE'),
    },
    { requiredKeys: ['Id', 'ChannelType', 'Address'] },
  ) as fc.Arbitrary<EndpointItem>;

const endpointsArb = fc.subarray(IDS, { minLength: 1 }).chain((ids) => fc.tuple(...ids.map(endpointArb)));

describe('properties: plan and apply over random manifests and live states', function () {
  this.timeout(180_000);
  let emu: RunningEmulator;
  let provider: EndpointProvider;

  before(async () => {
    emu = await startEmulator({ port: 0, credentials: { t: 't' } });
    provider = await createPinpointProvider({ applicationId: APP, endpointUrl: emu.url, region: 'us-east-1', credentials: { accessKeyId: 't', secretAccessKey: 't' } });
  });
  after(async () => {
    await provider.close();
    await emu.close();
  });

  async function planFor(desired: readonly EndpointItem[], state: State): Promise<Plan> {
    const lastApplied = new Map(Object.entries(stateApplication(state, APP).endpoints));
    const targets = desired.map((e) => ({ id: e.Id, userIds: e.User?.UserId ? [e.User.UserId] : [], inState: lastApplied.has(e.Id.toLowerCase()) }));
    const { live } = await readLive(provider, targets, { concurrency: 4 });
    return planChanges({ applicationId: APP, desired: desired.map((endpoint) => ({ endpoint })), lastApplied, live, options: DEFAULT_PLAN_OPTIONS });
  }

  async function apply(plan: Plan, state: State): Promise<State> {
    let next = state;
    const sink: StateSink = { record: async (change) => void (next = updateState(next, APP, change)) };
    const result = await applyPlan(plan, async () => provider, { concurrency: 2, state: sink });
    assert.equal(result.counts.failed, 0, JSON.stringify(result.items.filter((i) => i.outcome === 'failed')));
    return next;
  }

  function reset(live: readonly EndpointItem[]): void {
    emu.store.clear();
    if (live.length > 0) emu.store.putItems(APP, [...live], 'seed');
    emu.requests.length = 0;
  }

  const writes = () => emu.requests.filter((r) => r.operation === 'UpdateEndpointsBatch' || r.operation === 'DeleteEndpoint');

  it('after apply, a plan is empty, and applying again sends nothing', async () => {
    await fc.assert(
      fc.asyncProperty(endpointsArb, endpointsArb, async (desired, live) => {
        reset(live);
        const state = await apply(await planFor(desired, emptyState()), emptyState());
        const again = await planFor(desired, state);
        assert.deepEqual(again.changes, [], 'converged');
        const sentBefore = writes().length;
        await apply(again, state);
        assert.equal(writes().length, sentBefore, 'idempotent: nothing sent');
      }),
      { numRuns: 40 },
    );
  });

  it('no undeclared field is ever sent', async () => {
    await fc.assert(
      fc.asyncProperty(endpointsArb, endpointsArb, async (desired, live) => {
        reset(live);
        await apply(await planFor(desired, emptyState()), emptyState());
        const declared = new Map(desired.map((e) => [e.Id, new Set(declaredFields(e).map((f) => f.path))]));
        for (const request of writes()) {
          for (const item of (request.body as { Item: EndpointItem[] }).Item) {
            const allowed = declared.get(item.Id);
            assert.ok(allowed, `${item.Id} was sent but is not declared`);
            for (const field of declaredFields(item)) assert.ok(allowed.has(field.path), `${item.Id}: ${field.path} sent but not declared`);
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('an attribute key dropped from the manifest is cleared in Pinpoint', async () => {
    const withKeys = endpointsArb.filter((eps) => eps.some((e) => Object.keys(e.Attributes ?? {}).length > 0 || Object.keys(e.User?.UserAttributes ?? {}).length > 0));
    await fc.assert(
      fc.asyncProperty(withKeys, async (desired) => {
        reset([]);
        let state = await apply(await planFor(desired, emptyState()), emptyState());
        const target = desired.find((e) => Object.keys(e.Attributes ?? {}).length > 0 || Object.keys(e.User?.UserAttributes ?? {}).length > 0) as EndpointItem;
        const dropAttribute = Object.keys(target.Attributes ?? {}).length > 0;
        const key = (dropAttribute ? Object.keys(target.Attributes ?? {}) : Object.keys(target.User?.UserAttributes ?? {}))[0] as string;
        const dropped: EndpointItem = dropAttribute
          ? { ...target, Attributes: Object.fromEntries(Object.entries(target.Attributes ?? {}).filter(([k]) => k !== key)) }
          : { ...target, User: { ...target.User, UserAttributes: Object.fromEntries(Object.entries(target.User?.UserAttributes ?? {}).filter(([k]) => k !== key)) } };
        const next = desired.map((e) => (e.Id === target.Id ? dropped : e));
        state = await apply(await planFor(next, state), state);
        const stored = emu.store.get(APP, target.Id);
        const values = dropAttribute ? stored?.Attributes?.[key] : stored?.User?.UserAttributes?.[key];
        assert.deepEqual(values ?? [], [], `${target.Id}: ${key} still holds values`);
        assert.deepEqual((await planFor(next, state)).changes, []);
      }),
      { numRuns: 30 },
    );
  });
});

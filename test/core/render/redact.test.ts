import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { parsePlanFile, planChecksum } from '../../../core/plan/plan-file.js';
import type { UpsertChange } from '../../../core/plan/types.js';
import { redactionFrom, redactPlan, renderPlan } from '../../../core/render/index.js';
import { createMasker, maskAddress, maskPhone, maskText } from '../../../core/render/mask.js';
import { APP, endpoint, plan, update } from './builders.js';

const TOKEN = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8ff9';

describe('masks', () => {
  const table: [string, string][] = [
    ['jane_doe@example.com', 'j***@example.com'],
    ['+12065550100', '+1******0100'],
    ['+447700900123', '+44******0123'],
    ['+79161234567', '+7******4567'],
    ['2065550100', '******0100'],
    [TOKEN, 'a1b2…f9 (64 chars)'],
    ['short-token', 's***'],
  ];
  for (const [address, masked] of table) {
    it(`masks the address ${address} as ${masked}`, () => assert.equal(maskAddress(address), masked));
  }

  it('masks other values by length: ends and length of a long one, first character of a short one', () => {
    assert.equal(maskText('example_user_1'), 'exam…_1 (14 chars)');
    assert.equal(maskText('jane'), 'j***');
    assert.equal(maskPhone('+12065550100'), '+1******0100');
  });

  it('adds a 4-digit hash keyed by the application: the same value masks the same way, per app', () => {
    const mask = createMasker(APP, maskAddress);
    const hash = createHmac('sha256', APP).update('jane_doe@example.com').digest('hex').slice(0, 4);
    assert.equal(mask('jane_doe@example.com'), `j***@example.com#${hash}`);
    assert.equal(mask('jane_doe@example.com'), 'j***@example.com#e727', 'stable from run to run');
    assert.notEqual(mask('jack@example.com'), mask('jane_doe@example.com'));
    assert.notEqual(createMasker('another-app', maskAddress)('jane_doe@example.com'), mask('jane_doe@example.com'));
  });
});

describe('redactPlan', () => {
  const declared = endpoint('ep-1', {
    Address: 'jane_doe@example.com',
    Attributes: { Email: ['jane_doe@example.com'], Plan: ['pro'] },
    User: { UserId: 'jane', UserAttributes: { email: ['jd@example.org'], FirstName: ['Jane'] } },
  });
  const original = plan({
    changes: [
      update(declared, [
        { path: 'Address', before: 'jane@example.com', after: 'jane_doe@example.com' },
        { path: 'Attributes.Email', before: null, after: ['jane_doe@example.com'] },
        { path: 'User.UserId', before: null, after: 'jane' },
        { path: 'User.UserAttributes.email', before: ['old@example.org'], after: ['jd@example.org'] },
        { path: 'Attributes.Plan', before: ['free'], after: ['pro'] },
      ]),
    ],
  });
  const snapshot = structuredClone(original);
  const redacted = redactPlan(original, { attributes: ['EMAIL'] });
  const change = redacted.changes[0] as UpsertChange;

  it('masks Address, User.UserId and the attributes named (in any case) everywhere they appear, each by its shape', () => {
    assert.deepEqual(change.fields, [
      { path: 'Address', before: 'j***@example.com#e54e', after: 'j***@example.com#e727' },
      { path: 'Attributes.Email', before: null, after: ['j***@example.com#e727'] },
      { path: 'User.UserId', before: null, after: 'j***#8bfd' },
      { path: 'User.UserAttributes.email', before: ['o***@example.org#a80b'], after: ['j***@example.org#7d44'] },
      { path: 'Attributes.Plan', before: ['free'], after: ['pro'] },
    ]);
    for (const e of [change.item, change.declared]) {
      assert.equal(e.Address, 'j***@example.com#e727');
      assert.deepEqual(e.Attributes, { Email: ['j***@example.com#e727'], Plan: ['pro'] });
      assert.deepEqual(e.User, { UserId: 'j***#8bfd', UserAttributes: { email: ['j***@example.org#7d44'], FirstName: ['Jane'] } });
    }
  });

  it('keeps endpoint Ids, which reviewers need, and leaves the plan it was given alone', () => {
    assert.equal(change.id, 'ep-1');
    assert.equal(change.declared.Id, 'ep-1');
    assert.deepEqual(original, snapshot);
  });

  it('leaves no personal value in any format', async () => {
    for (const format of ['text', 'markdown', 'json'] as const) {
      const out = await renderPlan(original, format, { redact: { attributes: ['email'] } });
      for (const secret of ['jane_doe@', 'jane@', 'jd@example.org', 'old@example.org', '"jane"', ': jane\n']) {
        assert.ok(!out.includes(secret), `${format} shows ${secret}`);
      }
    }
  });

  it('prints redacted JSON that names its plan by checksum and can never be applied', async () => {
    const json = await renderPlan(original, 'json', { redact: { attributes: [] } });
    const data = JSON.parse(json) as { redacted?: boolean; checksum: string };
    assert.equal(data.redacted, true);
    assert.equal(data.checksum, planChecksum(original));
    assert.equal(parsePlanFile(json, 'plan.json').ok, false);
    assert.equal(parsePlanFile(await renderPlan(original, 'json'), 'plan.json').ok, true, 'without --redact, the JSON is a plan file');
  });
});

describe('redactionFrom', () => {
  it('redacts for --redact or any --redact-attribute, names space- or comma-separated', () => {
    assert.equal(redactionFrom(undefined, undefined), undefined);
    assert.equal(redactionFrom(false, []), undefined);
    assert.deepEqual(redactionFrom(true, undefined), { attributes: [] });
    assert.deepEqual(redactionFrom(undefined, ['Email,FirstName', 'LastName']), { attributes: ['Email', 'FirstName', 'LastName'] });
  });
});

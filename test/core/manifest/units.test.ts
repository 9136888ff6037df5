import assert from 'node:assert/strict';
import { CODES, CODE_DESCRIPTIONS } from '../../../core/manifest/index.js';
import { mergeDefaults } from '../../../core/manifest/merge-defaults.js';
import { childPath, fieldLabel, indexPath } from '../../../core/manifest/path.js';
import { editDistance, suggestName } from '../../../core/manifest/suggest.js';

describe('manifest helpers', () => {
  it('suggests a case-insensitive match first, else the closest name within distance 2', () => {
    assert.equal(suggestName('channeltype', ['ChannelType', 'Address']), 'ChannelType');
    assert.equal(suggestName('Attribute', ['Attributes', 'Address']), 'Attributes');
    assert.equal(suggestName('Adress', ['Attributes', 'Address']), 'Address');
    assert.equal(suggestName('Colour', ['Attributes', 'Address']), undefined);
    assert.equal(suggestName('X', ['Id']), undefined);
    assert.equal(suggestName('Ix', ['Id']), 'Id');
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('kitten', 'sitting', 2), 2);
  });

  it('writes paths users can read', () => {
    assert.equal(childPath(indexPath('endpoints', 3), 'Attributes'), 'endpoints[3].Attributes');
    assert.equal(childPath('endpoints[3].Attributes', 'first name'), 'endpoints[3].Attributes["first name"]');
    assert.equal(childPath('', 'endpoints'), 'endpoints');
    assert.equal(fieldLabel('endpoints[3].Attributes.Plan'), 'Attributes.Plan');
    assert.equal(fieldLabel('Item[0].Id'), 'Id');
    assert.equal(fieldLabel('defaults.OptOut'), 'defaults.OptOut');
  });

  it('merges defaults without sharing or mutating either side, and keeps a __proto__ key as data', () => {
    const defaults = { Attributes: { Plan: ['free'] }, OptOut: 'NONE' };
    const own = JSON.parse('{"Id": "a", "Attributes": {"__proto__": ["x"]}}');
    const merged = mergeDefaults(own, defaults);
    assert.deepEqual(Object.keys(merged['Attributes'] as object), ['__proto__', 'Plan']);
    assert.deepEqual(defaults, { Attributes: { Plan: ['free'] }, OptOut: 'NONE' });
    assert.notEqual((merged['Attributes'] as Record<string, unknown>)['Plan'], defaults.Attributes.Plan);
  });

  it('gives every code a unique PSnnn value and a description', () => {
    const values = Object.values(CODES);
    assert.equal(new Set(values).size, values.length);
    for (const [name, code] of Object.entries(CODES)) {
      assert.match(code, /^PS\d{3}$/);
      assert.ok(CODE_DESCRIPTIONS[name as keyof typeof CODES].length > 10, name);
    }
  });
});

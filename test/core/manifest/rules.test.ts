import assert from 'node:assert/strict';
import type { Diagnostic } from '../../../core/diagnostics/types.js';
import { lines, loadTree, removeTrees } from './helpers.js';

/** `file:line:col severity code path | message` for every diagnostic. */
function full(ds: readonly Diagnostic[]): string[] {
  return ds.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.path ?? '-'} | ${d.message}`);
}

async function check(files: Record<string, string>): Promise<string[]> {
  return full((await loadTree(files, Object.keys(files))).diagnostics);
}

const ep = (id: string, channel: string, address: string, ...more: string[]): string[] => [
  `  - Id: ${id}`,
  `    ChannelType: ${channel}`,
  `    Address: ${JSON.stringify(address)}`,
  ...more,
];

describe('manifest: Pinpoint rules', () => {
  after(removeTrees);

  it('wants E.164 numbers for SMS and VOICE and email addresses for EMAIL, suggesting a fix', async () => {
    const out = await check({
      'a.yaml': lines(
        'endpoints:',
        ...ep('s1', 'SMS', '+12065550100'),
        ...ep('s2', 'SMS', '(206) 555-0101'),
        ...ep('s3', 'SMS', '+1 206 555 0102'),
        ...ep('v1', 'VOICE', '12065550103'),
        ...ep('v2', 'VOICE', 'call me'),
        ...ep('e1', 'EMAIL', 'ana.silva@example.com'),
        ...ep('e2', 'EMAIL', 'ana.silva@example'),
        ...ep('e3', 'EMAIL', 'two@@example.com'),
        ...ep('e4', 'EMAIL', ' padded@example.com'),
        ...ep('e5', 'EMAIL', ''),
        ...ep('c1', 'CUSTOM', 'https://hooks.example.com/x'),
      ),
    });
    assert.deepEqual(out, [
      'a.yaml:7:14 error PS032 endpoints[1].Address | Address "(206) 555-0101" is not an E.164 phone number, which an SMS endpoint needs (+ and the country code, then digits only: "+12065550100")',
      'a.yaml:10:14 error PS032 endpoints[2].Address | Address "+1 206 555 0102" is not an E.164 phone number, which an SMS endpoint needs: write "+12065550102"',
      'a.yaml:13:14 error PS032 endpoints[3].Address | Address "12065550103" is not an E.164 phone number, which a VOICE endpoint needs (+ and the country code, then digits only: "+12065550100")',
      'a.yaml:16:14 error PS032 endpoints[4].Address | Address "call me" is not an E.164 phone number, which a VOICE endpoint needs (+ and the country code, then digits only: "+12065550100")',
      'a.yaml:22:14 error PS032 endpoints[6].Address | Address "ana.silva@example" is not an email address (name@example.com), which an EMAIL endpoint needs',
      'a.yaml:25:14 error PS032 endpoints[7].Address | Address "two@@example.com" is not an email address (name@example.com), which an EMAIL endpoint needs',
      'a.yaml:28:14 error PS032 endpoints[8].Address | Address " padded@example.com" is not an email address (name@example.com), which an EMAIL endpoint needs',
    ]);
  });

  it('warns about push addresses that do not look like device tokens', async () => {
    const token = 'f'.repeat(64);
    const out = await check({
      'a.yaml': lines(
        'endpoints:',
        ...ep('i1', 'APNS', token),
        ...ep('i2', 'APNS_SANDBOX', 'not-a-token'),
        ...ep('g1', 'GCM', 'f73675debcd8a436be48ec:APA91bcc4b8681966824200a97403dcb08599b331a3bb63f61fba26a66458357fcaf4e'),
        ...ep('g2', 'GCM', 'ana@example.com'),
        ...ep('b1', 'BAIDU', '1234567890123456789'),
        ...ep('p1', 'PUSH', 'anything at all'),
      ),
    });
    assert.deepEqual(out, [
      'a.yaml:7:14 warning PS033 endpoints[1].Address | Address "not-a-token" does not look like an APNS_SANDBOX device token (APNs device tokens are hexadecimal, 64 characters or more)',
      'a.yaml:13:14 warning PS033 endpoints[3].Address | Address "ana@example.com" looks like an email address, not a GCM device token (registration tokens are long strings of letters, digits and - _ : .)',
    ]);
    // Warnings do not stop a load.
    assert.equal((await loadTree({ 'a.yaml': lines('endpoints:', ...ep('i2', 'APNS', 'x')) }, ['a.yaml'])).ok, true);
  });

  it('checks the channel and address an endpoint gets from defaults, at the place they are written', async () => {
    const out = await check({
      'a.yaml': lines('defaults:', '  ChannelType: SMS', '  Address: "555-0100"', 'endpoints:', '  - Id: a', '  - Id: b', '    Address: "+12065550100"'),
    });
    assert.deepEqual(out, [
      'a.yaml:3:12 error PS032 defaults.Address | Address "555-0100" is not an E.164 phone number, which an SMS endpoint needs (+ and the country code, then digits only: "+12065550100")',
    ]);
  });

  it('refuses the same Address on two endpoints of one channel, across files, naming the first', async () => {
    const out = await check({
      'a.yaml': lines('endpoints:', ...ep('a', 'SMS', '+12065550100'), ...ep('b', 'VOICE', '+12065550100')),
      'b.yaml': lines('endpoints:', ...ep('c', 'SMS', '+12065550100'), ...ep('d', 'EMAIL', 'x@example.com'), ...ep('e', 'EMAIL', 'X@example.com')),
    });
    assert.deepEqual(out, [
      'b.yaml:4:14 error PS034 endpoints[0].Address | endpoint "c" has the same SMS Address as endpoint "a" at a.yaml:4:14: Pinpoint sets every other endpoint of a channel with the Address just written INACTIVE, so the two would deactivate each other on every apply; give each its own Address, or declare it once',
    ]);
  });

  it('limits attribute names to 50 characters, values to 100 and lists to 50 values, counting UTF-16 units', async () => {
    const long = 'n'.repeat(51);
    const out = await check({
      'a.yaml': lines(
        'endpoints:',
        '  - Id: a',
        '    ChannelType: CUSTOM',
        '    Attributes:',
        `      ${long}: [x]`,
        `      ${'o'.repeat(50)}: ["${'v'.repeat(100)}"]`,
        `      Long: ["ok", "${'v'.repeat(101)}"]`,
        `      One: "${'w'.repeat(101)}"`,
        `      Emoji: ["${'🎉'.repeat(51)}"]`,
        `      Many: [${Array.from({ length: 51 }, (_, i) => `v${i}`).join(', ')}]`,
        `      Fifty: [${Array.from({ length: 50 }, (_, i) => `v${i}`).join(', ')}]`,
        '    User:',
        '      UserAttributes:',
        `        ${long}: x`,
      ),
    });
    assert.deepEqual(
      out.map((l) => l.replace(/"[nvw🎉]{20,}…?"/gu, '"…"')),
      [
        'a.yaml:5:7 error PS040 endpoints[0].Attributes.nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn | attribute name "…" in Attributes is 51 characters long; Pinpoint allows at most 50',
        'a.yaml:7:20 error PS041 endpoints[0].Attributes.Long[1] | Attributes.Long[1]: an attribute value may be at most 100 characters, and this one has 101: "…"',
        'a.yaml:8:12 error PS041 endpoints[0].Attributes.One | Attributes.One: an attribute value may be at most 100 characters, and this one has 101: "…"',
        'a.yaml:9:15 error PS041 endpoints[0].Attributes.Emoji[0] | Attributes.Emoji[0]: an attribute value may be at most 100 characters, and this one has 102: "…"',
        'a.yaml:10:13 error PS042 endpoints[0].Attributes.Many | Attributes.Many has 51 values; Pinpoint allows at most 50 per attribute',
        'a.yaml:14:9 error PS040 endpoints[0].User.UserAttributes.nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn | attribute name "…" in User.UserAttributes is 51 characters long; Pinpoint allows at most 50',
      ],
    );
  });

  it('counts 250 distinct keys across Attributes, Metrics and UserAttributes of the whole manifest', async () => {
    const attrs = (from: number, n: number): string => Array.from({ length: n }, (_, i) => `a${from + i}: [x]`).join(', ');
    const ok = await loadTree(
      {
        'a.yaml': lines('endpoints:', '  - Id: a', '    ChannelType: CUSTOM', `    Attributes: {${attrs(0, 100)}}`, `    Metrics: {Plan: 1, a0: 2}`),
        'b.yaml': lines('endpoints:', '  - Id: b', '    ChannelType: CUSTOM', `    Attributes: {${attrs(50, 100)}}`, `    User: {UserAttributes: {${attrs(0, 98)}}}`),
      },
      ['a.yaml', 'b.yaml'],
    );
    // 150 in Attributes + 2 in Metrics + 98 in UserAttributes = 250.
    assert.deepEqual(full(ok.diagnostics), []);
    const over = await check({
      'a.yaml': lines('endpoints:', '  - Id: a', '    ChannelType: CUSTOM', `    Attributes: {${attrs(0, 150)}}`, `    Metrics: {Plan: 1, a0: 2}`),
      'b.yaml': lines('defaults:', `  User: {UserAttributes: {${attrs(0, 99)}}}`, 'endpoints:', '  - Id: b', '    ChannelType: CUSTOM'),
    });
    assert.deepEqual(over, [
      'b.yaml:2:997 error PS043 defaults.User.UserAttributes.a98 | the manifest declares 251 distinct attribute keys (150 in Attributes, 2 in Metrics, 99 in UserAttributes); Pinpoint allows 250 per application across Attributes, Metrics and UserAttributes together, and this is key 251',
    ]);
  });

  it('allows 15 endpoints per UserId; a 16th is an error, or a warning where push endpoints evict each other', async () => {
    const user = (id: string, channel: string, address: string, userId: string): string[] => [
      ...ep(id, channel, address),
      `    User: {UserId: ${userId}}`,
    ];
    const sms = (n: number, userId: string, from = 0): string[] =>
      Array.from({ length: n }, (_, i) => user(`${userId}-s${from + i}`, 'SMS', `+1206555${String(1000 + from + i)}`, userId)).flat();
    const apns = (n: number, userId: string): string[] =>
      Array.from({ length: n }, (_, i) => user(`${userId}-p${i}`, 'APNS', `${String(i).padStart(2, '0')}${'a'.repeat(61)}${userId.length}`, userId)).flat();
    const out = await check({
      'a.yaml': lines('endpoints:', ...sms(15, 'full'), ...sms(16, 'over', 100), ...sms(15, 'mixed', 200), ...apns(1, 'mixed'), ...sms(14, 'push', 300), ...apns(2, 'push')),
    });
    assert.deepEqual(
      out.map((l) => l.replace(/ \| .*/, '')),
      [
        'a.yaml:125:20 error PS044 endpoints[30].User.UserId',
        'a.yaml:189:20 error PS044 endpoints[46].User.UserId',
        'a.yaml:253:20 warning PS045 endpoints[62].User.UserId',
      ],
    );
    assert.match(out[0]!, / \| user "over" has 16 endpoints by this one; Pinpoint allows 15 per UserId and refuses the 16th \("Exceeded maximum endpoint per user count: 15"\)/);
    assert.match(out[1]!, / \| user "mixed" has 16 endpoints by this one \(15 not push, 1 push\); .* a push endpoint can only make room by evicting another push endpoint/);
    assert.match(out[2]!, / \| user "push" has 16 endpoints by this one \(2 push\); Pinpoint keeps 15 per UserId by setting the push endpoint with the oldest EffectiveDate INACTIVE/);
  });

  it('refuses an endpoint over 15 KB as JSON, counting UTF-8 bytes', async () => {
    const values = (n: number, ch: string): string => `[${Array.from({ length: 50 }, () => `"${ch.repeat(n)}"`).join(', ')}]`;
    const out = await check({
      'a.yaml': lines(
        'endpoints:',
        '  - Id: small',
        '    ChannelType: CUSTOM',
        `    Attributes: {A: ${values(100, 'x')}, B: ${values(40, 'x')}}`,
        '  - Id: big',
        '    ChannelType: CUSTOM',
        `    Attributes: {A: ${values(100, 'é')}, B: ${values(50, 'é')}}`,
      ),
    });
    assert.deepEqual(out, [
      'a.yaml:5:5 error PS046 endpoints[1] | endpoint "big" is 15362 bytes as JSON, over the 15104 an endpoint may take: Pinpoint allows 15360 bytes (15 KB) per endpoint, of which about 256 go to fields it adds itself; shorten or remove attributes',
    ]);
  });

  it('reports non-finite numbers in Metrics and coordinates', async () => {
    const out = await check({
      'a.yaml': lines('endpoints:', '  - Id: a', '    ChannelType: CUSTOM', '    Metrics: {x: .nan, y: -.inf, z: 1e400}', '    Location: {Latitude: .NaN}'),
    });
    assert.deepEqual(out, [
      'a.yaml:4:18 error PS027 endpoints[0].Metrics.x | Metrics.x must be a finite number, not .nan',
      'a.yaml:4:27 error PS027 endpoints[0].Metrics.y | Metrics.y must be a finite number, not -.inf',
      'a.yaml:4:37 error PS027 endpoints[0].Metrics.z | Metrics.z must be a finite number, not 1e400',
      'a.yaml:5:26 error PS027 endpoints[0].Location.Latitude | Location.Latitude must be a finite number, not .NaN',
    ]);
  });
});

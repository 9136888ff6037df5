// Realistic, deterministic endpoint sets for the benchmark: the state Pinpoint holds now
// ("current") and manifests that differ from it in a given share of endpoints ("desired").
//
// Shape, per 10 users (N endpoints come with N/2 users): 5 users with one EMAIL endpoint, 2 with
// EMAIL + SMS, 3 with EMAIL + SMS + a push endpoint (GCM or APNS); plus anonymous endpoints without
// a user (push devices, newsletter addresses) making up 10 % of all endpoints. So 10,000 endpoints
// have 5,000 users and 1,000 endpoints without a user. Every endpoint has Attributes (Plan,
// Interests, Language) and Metrics (sessions, ltv); endpoints with a user have
// User.UserAttributes (FirstName, LastName); push endpoints have a Demographic; a third of the
// endpoints have a Location. Seven attribute keys in all (Pinpoint allows 250), at most 3 endpoints
// per user (Pinpoint allows 15), one Address per channel.

import type { ChannelType, EndpointItem } from '../providers/types.js';
import { seededRandom } from '../core/util/random.js';

export const BENCH_APP_ID = 'be9c4a5e2f1d4c3b8a7f6e5d4c3b2a10';

export interface EndpointSet {
  readonly endpoints: readonly EndpointItem[];
  /** Distinct UserIds. */
  readonly users: number;
  /** Endpoints declared without a UserId. */
  readonly withoutUser: number;
}

export interface Desired extends EndpointSet {
  /** Lowercased Ids of the endpoints that differ from the current set (all are updates). */
  readonly changed: ReadonlySet<string>;
}


const FIRST = ['Ana', 'Bruno', 'Chen', 'Dana', 'Emeka', 'Fatima', 'Greta', 'Hiro', 'Ines', 'Jonas', 'Kofi', 'Lea', 'Mateo', 'Nadia', 'Omar', 'Priya', 'Quinn', 'Rosa', 'Sven', 'Tariq', 'Uma', 'Viktor', 'Wen', 'Yara', 'Zoe'];
const LAST = ['Lopez', 'Silva', 'Wang', 'Novak', 'Okafor', 'Haddad', 'Berg', 'Tanaka', 'Costa', 'Meyer', 'Mensah', 'Roux', 'Garcia', 'Petrova', 'Aziz', 'Sharma', 'Kelly', 'Rossi', 'Lund', 'Khan'];
const PLANS = ['free', 'pro', 'team', 'enterprise'];
const INTERESTS = ['Music', 'Books', 'Travel', 'Cooking', 'Sports', 'Film', 'Gaming', 'Fitness', 'Photography', 'Science', 'Fashion', 'Gardening'];
const LANGUAGES = ['en', 'es', 'fr', 'de', 'pt', 'ja', 'it', 'nl'];
const CITIES: readonly (readonly [string, string, string, number, number])[] = [
  ['Seattle', 'US', 'WA', 47.61, -122.33],
  ['Austin', 'US', 'TX', 30.27, -97.74],
  ['London', 'GB', 'England', 51.51, -0.13],
  ['Berlin', 'DE', 'Berlin', 52.52, 13.4],
  ['Lyon', 'FR', 'Auvergne-Rhone-Alpes', 45.76, 4.84],
  ['Sao Paulo', 'BR', 'SP', -23.55, -46.63],
  ['Osaka', 'JP', 'Osaka', 34.69, 135.5],
  ['Toronto', 'CA', 'ON', 43.65, -79.38],
];
const DEVICES: readonly (readonly [ChannelType, string, string, string, string])[] = [
  ['GCM', 'Samsung', 'Galaxy S23', 'Android', '14'],
  ['GCM', 'Google', 'Pixel 8', 'Android', '14'],
  ['APNS', 'Apple', 'iPhone 15', 'iOS', '17.4'],
  ['APNS', 'Apple', 'iPhone 13', 'iOS', '16.7'],
];
const TIMEZONES = ['America/Los_Angeles', 'America/Chicago', 'Europe/London', 'Europe/Berlin', 'Europe/Paris', 'America/Sao_Paulo', 'Asia/Tokyo', 'America/Toronto'];

/** The endpoints Pinpoint (and pinsync's state) hold before the run: `size` of them, a multiple of 10. */
export function generateCurrent(size: number, seed = 7): EndpointSet {
  if (size % 10 !== 0) throw new Error('size must be a multiple of 10');
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const endpoints: EndpointItem[] = [];
  const anonymous = size / 10;
  const users = size / 2;
  let sms = 0;
  let push = 0;

  const attributes = () => {
    const interests = new Set<string>();
    const count = 1 + Math.floor(random() * 3);
    while (interests.size < count) interests.add(pick(INTERESTS));
    return { Plan: [pick(PLANS)], Interests: [...interests].sort(), Language: [pick(LANGUAGES)] };
  };
  const metrics = () => ({ sessions: Math.floor(random() * 500), ltv: Math.round(random() * 50000) / 100 });
  const location = () => {
    const [City, Country, Region, lat, lon] = pick(CITIES);
    return { City, Country, Region, PostalCode: String(10000 + Math.floor(random() * 89999)), Latitude: lat, Longitude: lon };
  };
  const token = (n: number) => {
    // A 64-hex-digit device token, unique per n.
    const r = seededRandom(n * 2654435761 + seed);
    let hex = '';
    for (let i = 0; i < 8; i++) hex += Math.floor(r() * 0x100000000).toString(16).padStart(8, '0');
    return hex;
  };
  const pushEndpoint = (id: string, extra: Partial<EndpointItem>): EndpointItem => {
    const [ChannelType, Make, Model, Platform, PlatformVersion] = pick(DEVICES);
    const n = push++;
    return {
      Id: id,
      ChannelType,
      Address: token(n),
      Attributes: attributes(),
      Metrics: metrics(),
      ...extra,
      Demographic: { AppVersion: `4.${n % 13}.${n % 5}`, Locale: 'en_US', Make, Model, Platform, PlatformVersion, Timezone: pick(TIMEZONES) },
    };
  };
  const withLocation = (e: EndpointItem): EndpointItem => (random() < 1 / 3 ? { ...e, Location: location() } : e);

  for (let u = 0; u < users; u++) {
    const userId = `user-${String(u).padStart(7, '0')}`;
    const first = pick(FIRST);
    const lastName = pick(LAST);
    const user = { UserId: userId, UserAttributes: { FirstName: [first], LastName: [lastName] } };
    const kind = u % 10;
    const count = kind < 5 ? 1 : kind < 7 ? 2 : 3;
    endpoints.push(
      withLocation({
        Id: `${userId}-email`,
        ChannelType: 'EMAIL',
        Address: `${first}.${lastName}.${u}@example.com`.toLowerCase(),
        OptOut: random() < 0.9 ? 'NONE' : 'ALL',
        Attributes: attributes(),
        Metrics: metrics(),
        User: user,
      }),
    );
    if (count >= 2) {
      const n = sms++;
      endpoints.push(
        withLocation({
          Id: `${userId}-sms`,
          ChannelType: 'SMS',
          Address: `+1${String(2_000_000_000 + n * 7).padStart(10, '0')}`,
          Attributes: attributes(),
          Metrics: metrics(),
          User: user,
        }),
      );
    }
    if (count >= 3) endpoints.push(withLocation(pushEndpoint(`${userId}-push`, { User: user })));
  }
  for (let a = 0; a < anonymous; a++) {
    const id = `anon-${String(a).padStart(7, '0')}`;
    if (a % 4 === 3) {
      endpoints.push({
        Id: `${id}-email`,
        ChannelType: 'EMAIL',
        Address: `newsletter.${a}@example.org`,
        Attributes: attributes(),
        Metrics: metrics(),
      });
    } else {
      endpoints.push(withLocation(pushEndpoint(`${id}-push`, {})));
    }
  }
  if (endpoints.length !== size) throw new Error(`generated ${endpoints.length} endpoints, expected ${size}`);
  return { endpoints, users, withoutUser: anonymous };
}

/**
 * `current` with exactly round(fraction × size) endpoints changed (chosen at random, seeded), one
 * field each, the way edits to a manifest look: a plan upgrade, a new interest, a metric, a last
 * name, a language, an opt-out or a city.
 */
export function deriveDesired(current: EndpointSet, fraction: number, seed = 11): Desired {
  const random = seededRandom(seed);
  const n = current.endpoints.length;
  const k = Math.round(fraction * n);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (n - i));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const endpoints = [...current.endpoints];
  const changed = new Set<string>();
  for (let j = 0; j < k; j++) {
    const index = order[j]!;
    const before = endpoints[index]!;
    endpoints[index] = mutate(before, j);
    changed.add(before.Id.toLowerCase());
  }
  return { endpoints, users: current.users, withoutUser: current.withoutUser, changed };
}

function mutate(e: EndpointItem, j: number): EndpointItem {
  const attributes = e.Attributes ?? {};
  const metrics = e.Metrics ?? {};
  const nextPlan = () => ({ ...e, Attributes: { ...attributes, Plan: [PLANS[(PLANS.indexOf(attributes['Plan']?.[0] ?? 'free') + 1) % PLANS.length]!] } });
  switch (j % 7) {
    case 0:
      return nextPlan();
    case 1: {
      const interests = attributes['Interests'] ?? [];
      const extra = INTERESTS.find((i) => !interests.includes(i))!;
      return { ...e, Attributes: { ...attributes, Interests: [...interests, extra].sort() } };
    }
    case 2:
      return { ...e, Metrics: { ...metrics, sessions: (metrics['sessions'] ?? 0) + 1 } };
    case 3:
      if (!e.User) return nextPlan();
      return { ...e, User: { ...e.User, UserAttributes: { ...e.User.UserAttributes, LastName: ['Changed'] } } };
    case 4: {
      const language = attributes['Language']?.[0] ?? 'en';
      return { ...e, Attributes: { ...attributes, Language: [LANGUAGES[(LANGUAGES.indexOf(language) + 1) % LANGUAGES.length]!] } };
    }
    case 5:
      return { ...e, Metrics: { ...metrics, ltv: Math.round(((metrics['ltv'] ?? 0) + 19.99) * 100) / 100 } };
    default:
      // Opting out; never back in (ALL to NONE is a safety check of its own).
      if (e.OptOut === 'NONE') return { ...e, OptOut: 'ALL' };
      if (e.Location) return { ...e, Location: { ...e.Location, City: `${e.Location.City ?? 'Nowhere'} Heights` } };
      return nextPlan();
  }
}

/** The manifest as a user would write it: block YAML, attribute lists in flow style. */
export function toYaml(endpoints: readonly EndpointItem[], applicationId = BENCH_APP_ID): string {
  const out: string[] = ['# Generated by bench/generate.ts', `applicationId: ${applicationId}`, 'endpoints:'];
  for (const e of endpoints) writeMapping(out, e as unknown as Record<string, unknown>, '    ', '  - ');
  out.push('');
  return out.join('\n');
}

/** The same data as JSON (what the JSON.parse floor reads, and what the naive script sends). */
export function toJson(endpoints: readonly EndpointItem[], applicationId = BENCH_APP_ID): string {
  return JSON.stringify({ applicationId, endpoints });
}

function writeMapping(out: string[], map: Record<string, unknown>, indent: string, firstPrefix?: string): void {
  let first = true;
  for (const [key, value] of Object.entries(map)) {
    if (value === undefined) continue;
    const prefix = first && firstPrefix !== undefined ? firstPrefix : indent;
    first = false;
    if (Array.isArray(value)) out.push(`${prefix}${key}: [${value.map(scalar).join(', ')}]`);
    else if (typeof value === 'object' && value !== null) {
      out.push(`${prefix}${key}:`);
      writeMapping(out, value as Record<string, unknown>, `${indent}  `);
    } else out.push(`${prefix}${key}: ${scalar(value)}`);
  }
}

const PLAIN = /^[A-Za-z_][A-Za-z0-9_.@/-]*( [A-Za-z0-9_.@/-]+)*$/;
const RESERVED = /^(true|false|null|yes|no|on|off|y|n|~)$/i;

function scalar(value: unknown): string {
  if (typeof value === 'number') return String(value);
  const s = String(value);
  return PLAIN.test(s) && !RESERVED.test(s) ? s : JSON.stringify(s);
}

import { fieldPlace, type DeclaredEndpoint } from '../check-document.js';
import type { Finding } from '../finding.js';
import type { RuleInput } from './types.js';

// E.164: +, a country code that does not start with 0, at most 15 digits in all.
const E164 = /^\+[1-9][0-9]{1,14}$/;
const APNS_TOKEN = /^(?:[0-9a-fA-F]{2}){32,100}$/;
const PUSH_TOKEN = /^[A-Za-z0-9_:.\-]+$/;

/**
 * Address shape per channel: phone numbers and email addresses have a syntax, and Pinpoint
 * refuses or silently cannot deliver to anything else (an error); device tokens only have
 * conventions, so a token that breaks them is a warning. An empty Address is no address (the
 * AWS guide's own batch example sends one) and is not checked.
 */
export function checkAddresses({ endpoints }: RuleInput): Finding[] {
  const out: Finding[] = [];
  for (const ep of endpoints) {
    const address = ep.endpoint['Address'];
    const channel = ep.endpoint['ChannelType'];
    if (typeof address !== 'string' || address === '' || typeof channel !== 'string') continue;
    const problem = addressProblem(channel, address);
    if (problem) out.push({ ...fieldPlace(ep, ['Address']), ...problem });
  }
  return out;
}

type Problem = Pick<Finding, 'code' | 'message' | 'severity'>;

export function addressProblem(channel: string, address: string): Problem | undefined {
  switch (channel) {
    case 'SMS':
    case 'VOICE':
      return E164.test(address) ? undefined : { code: 'INVALID_ADDRESS', message: phoneMessage(channel, address) };
    case 'EMAIL':
      return isEmailAddress(address)
        ? undefined
        : {
            code: 'INVALID_ADDRESS',
            message: `Address ${JSON.stringify(address)} is not an email address (name@example.com), which an EMAIL endpoint needs`,
          };
    case 'APNS':
    case 'APNS_SANDBOX':
    case 'APNS_VOIP':
    case 'APNS_VOIP_SANDBOX':
      return APNS_TOKEN.test(address) ? undefined : unlikely(address, channel, 'APNs device tokens are hexadecimal, 64 characters or more');
    case 'GCM':
    case 'ADM':
      return PUSH_TOKEN.test(address) && address.length >= 32
        ? undefined
        : unlikely(address, channel, 'registration tokens are long strings of letters, digits and - _ : .');
    case 'BAIDU':
      return PUSH_TOKEN.test(address) ? undefined : unlikely(address, channel, 'channel ids are letters and digits');
    default:
      return undefined;
  }
}

function phoneMessage(channel: string, address: string): string {
  // Only a number already written with its country code can be fixed without guessing.
  const digits = address.replace(/[\s().\-]/g, '');
  const hint = E164.test(digits) ? `: write ${JSON.stringify(digits)}` : ' (+ and the country code, then digits only: "+12065550100")';
  return `Address ${JSON.stringify(address)} is not an E.164 phone number, which ${article(channel)} ${channel} endpoint needs${hint}`;
}

function unlikely(address: string, channel: string, convention: string): Problem {
  const looksLike = isEmailAddress(address) ? 'an email address' : E164.test(address.replace(/[\s()\-]/g, '')) ? 'a phone number' : undefined;
  const token = `${article(channel)} ${channel} device token`;
  const what = looksLike ? `looks like ${looksLike}, not ${token}` : `does not look like ${token}`;
  return { code: 'UNLIKELY_ADDRESS', severity: 'warning', message: `Address ${JSON.stringify(address)} ${what} (${convention})` };
}

// The common case, decided by one regular expression; anything else takes the longer checks.
const SIMPLE_EMAIL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

/** As the name is read aloud: an APNS, an SMS, a GCM. */
function article(channel: string): string {
  return /^(?:[AEIOU]|SMS)/.test(channel) ? 'an' : 'a';
}

/** name@domain.tld: no spaces, one @, a domain of dot-separated labels. Not RFC 5322's full grammar. */
export function isEmailAddress(address: string): boolean {
  if (address.length <= 254 && SIMPLE_EMAIL.test(address) && address.indexOf('@') <= 64) return true;
  const at = address.lastIndexOf('@');
  if (at <= 0 || at > 64 || address.indexOf('@') !== at) return false;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (/[\s"(),:;<>[\]\\]/.test(local) || local.startsWith('.') || local.endsWith('.') || local.includes('..')) return false;
  const labels = domain.split('.');
  if (labels.length < 2 || domain.length > 253) return false;
  return labels.every((l) => l.length > 0 && l.length <= 63 && !/[\s"(),:;<>[\]\\@_]/.test(l) && !l.startsWith('-') && !l.endsWith('-'));
}

export type { DeclaredEndpoint };

import { createHmac } from 'node:crypto';

// Masks keep just enough of a value to recognise its kind (an email's domain, a phone number's
// country and last digits, a token's ends) and add a short hash, so a reviewer can match the same
// value across rows without seeing it. The hash is keyed by the plan's application, so it is stable
// from run to run of one app but cannot be compared across apps; 16 bits leave most of a value's
// space unknown, which is the point: it tells rows apart, it does not identify a person.

export type Masker = (value: string) => string;

/** Values at least this long read as tokens: their ends and their length are kept. */
const TOKEN_LENGTH = 12;

/** A masker for one plan: each distinct value is masked once and always the same way. */
export function createMasker(key: string, shape: (value: string) => string): Masker {
  const cache = new Map<string, string>();
  return (value) => {
    let masked = cache.get(value);
    if (masked === undefined) {
      masked = `${shape(value)}#${shortHash(key, value)}`;
      cache.set(value, masked);
    }
    return masked;
  };
}

export function shortHash(key: string, value: string): string {
  return createHmac('sha256', key).update(value).digest('hex').slice(0, 4);
}

/** A value by its shape: email, phone number, or anything else (a device token, a name). */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at > 0) return `${address.slice(0, 1)}***${address.slice(at)}`;
  if (/^\+?[0-9]{7,15}$/.test(address)) return maskPhone(address);
  return maskText(address);
}

/**
 * +12065550100 -> +1******0100: the country code's first digits (one for the +1 and +7 zones,
 * two otherwise) and the last four digits, which is what people compare by eye.
 */
export function maskPhone(phone: string): string {
  const plus = phone.startsWith('+');
  const digits = plus ? phone.slice(1) : phone;
  const head = plus ? (/^[17]/.test(digits) ? 1 : 2) : 0;
  const tail = 4;
  return `${plus ? '+' : ''}${digits.slice(0, head)}${'*'.repeat(digits.length - head - tail)}${digits.slice(-tail)}`;
}

/** Any other value: a long one keeps its ends and length, a short one its first character. */
export function maskText(text: string): string {
  const chars = Array.from(text);
  if (chars.length >= TOKEN_LENGTH) return `${chars.slice(0, 4).join('')}…${chars.slice(-2).join('')} (${chars.length} chars)`;
  return `${chars.slice(0, 1).join('')}***`;
}

import { AWS_RATE_QUOTAS, type OperationName } from '../providers/types.js';

const OPERATIONS = Object.keys(AWS_RATE_QUOTAS) as OperationName[];

/**
 * `--max-rps`: `N` sets every operation's ceiling, `Operation=N` one operation's (repeatable),
 * and 0 removes a ceiling. Against AWS the defaults are Pinpoint's quotas; against `--local`
 * there is none. Returns an error message for a value it cannot read.
 */
export function parseMaxRps(values: readonly string[] | undefined, local: boolean): Partial<Record<OperationName, number>> | string {
  const rates: Partial<Record<OperationName, number>> = local ? {} : { ...AWS_RATE_QUOTAS };
  for (const value of (values ?? []).flatMap((v) => v.split(','))) {
    const [name, number] = value.includes('=') ? value.split('=', 2) : [undefined, value];
    const rate = Number(number);
    if (number === undefined || number.trim() === '' || !Number.isFinite(rate) || rate < 0) {
      return `--max-rps takes a number of requests per second, or OPERATION=N (operations: ${OPERATIONS.join(', ')}); got "${value}"`;
    }
    const ops = name === undefined ? OPERATIONS : OPERATIONS.filter((op) => op.toLowerCase() === name.trim().toLowerCase());
    if (ops.length === 0) return `--max-rps: unknown operation "${name}"; use one of ${OPERATIONS.join(', ')}`;
    for (const op of ops) {
      if (rate === 0) delete rates[op];
      else rates[op] = rate;
    }
  }
  return rates;
}

import type { Finding } from '../finding.js';
import type { RuleInput } from './types.js';

export const MAX_ENDPOINT_BYTES = 15 * 1024;
/** Room for what Pinpoint adds when it stores an endpoint (ApplicationId, CohortId, dates, RequestId). */
export const SERVER_FIELDS_ALLOWANCE = 256;

/** One endpoint may be at most 15 KB, measured as UTF-8 bytes of its JSON as Pinpoint stores it. */
export function checkEndpointSize({ endpoints }: RuleInput): Finding[] {
  const out: Finding[] = [];
  const limit = MAX_ENDPOINT_BYTES - SERVER_FIELDS_ALLOWANCE;
  for (const ep of endpoints) {
    // UTF-8 takes at most 3 bytes per UTF-16 unit: most endpoints need no exact count.
    if (ep.jsonBound !== undefined && ep.jsonBound * 3 <= limit) continue;
    const json = JSON.stringify(ep.endpoint);
    if (json.length * 3 <= limit) continue;
    const bytes = Buffer.byteLength(json, 'utf8');
    if (bytes <= limit) continue;
    out.push({
      file: ep.file,
      path: ep.path,
      code: 'ENDPOINT_TOO_LARGE',
      message:
        `endpoint "${String(ep.endpoint['Id'])}" is ${bytes} bytes as JSON, over the ${limit} an endpoint may take: Pinpoint allows ` +
        `${MAX_ENDPOINT_BYTES} bytes (15 KB) per endpoint, of which about ${SERVER_FIELDS_ALLOWANCE} go to fields it adds itself; shorten or remove attributes`,
    });
  }
  return out;
}

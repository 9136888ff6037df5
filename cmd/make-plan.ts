import type { Manifest } from '../core/manifest/types.js';
import { planChanges, readLive, type Plan } from '../core/plan/index.js';
import type { RateLimiter } from '../core/util/rate-limiter.js';
import type { EndpointProvider } from '../providers/types.js';

/** Reads what Pinpoint holds for the declared endpoints and plans against it. */
export async function makePlan(
  manifest: Manifest,
  applicationId: string,
  provider: EndpointProvider,
  options: { concurrency: number; limiter: RateLimiter },
): Promise<Plan> {
  const desired = manifest.endpoints.map((e) => e.endpoint);
  const { live, stats } = await readLive(provider, desired, options);
  return { ...planChanges({ applicationId, desired, live }), refresh: stats };
}

import type { EndpointItem } from '../../providers/types.js';

/** Pinpoint's limits for one UpdateEndpointsBatch request. */
export const MAX_BATCH_ITEMS = 100;
export const MAX_BATCH_BYTES = 7 * 1024 * 1024;

/** `{"Item":[` + `]}` around the items, and one comma between two of them. */
const ENVELOPE_BYTES = '{"Item":[]}'.length;

/**
 * Splits items into requests of at most `maxItems` items and `maxBytes` bytes of JSON body,
 * keeping their order. An item too large for a request on its own still gets a request of its
 * own: Pinpoint, not pinsync, is the judge of that, and the rejection is reported per item.
 */
export function chunkItems(
  items: readonly EndpointItem[],
  maxItems: number = MAX_BATCH_ITEMS,
  maxBytes: number = MAX_BATCH_BYTES,
): EndpointItem[][] {
  const batches: EndpointItem[][] = [];
  let current: EndpointItem[] = [];
  let bytes = ENVELOPE_BYTES;
  for (const item of items) {
    const size = Buffer.byteLength(JSON.stringify(item));
    if (current.length > 0 && (current.length >= maxItems || bytes + 1 + size > maxBytes)) {
      batches.push(current);
      current = [];
      bytes = ENVELOPE_BYTES;
    }
    bytes += (current.length > 0 ? 1 : 0) + size;
    current.push(item);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

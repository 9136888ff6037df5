// The worker thread of state-digests.ts: decodes and splits its copy of the state file exactly as
// loadState does, then parses each entry and writes its digest, counting them off as it goes. It
// stops at the first entry it cannot parse; the main thread reports that one when it reaches it.

import { workerData } from 'node:worker_threads';
import { digestApplied } from './applied-digest.js';
import { decodeStateText, splitStateText } from './state-file.js';
import type { StateDigests } from './state-digests.js';

const { bytes, lanes, progress } = workerData as StateDigests & { bytes: Uint8Array };
const loaded = splitStateText(decodeStateText(bytes), 'the state file');
let n = 0;
try {
  for (const endpoints of loaded?.applications.values() ?? []) {
    for (let i = 0; i < endpoints.textCount; i++) {
      const entry = endpoints.parseText(i);
      digestApplied(entry.applied, entry.protect, undefined, lanes, 2 * n);
      Atomics.store(progress, 0, ++n);
    }
  }
} catch {
  // Left for the main thread, which parses this entry itself and says what is wrong with it.
}

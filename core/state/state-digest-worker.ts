// The worker thread of state-digests.ts. It digests each entry of its copy of the state file
// straight from the text, without building the entry (digestEntryText), counting them off as it
// goes, and stops at the first entry it cannot digest; the main thread compares that one and those
// after it in full, and reports what is wrong with it.
//
// Entries are numbered as the main thread numbers them: in a file laid out as renderState writes
// it (the only kind the main thread uses digests for), every line that starts with the entry
// indent and a quote is an entry, in order across applications, and the main thread (EntryIndex,
// or splitEntries in state-file.ts) takes its text from after the key's `": ` to the end of the
// line, less a trailing comma.

import { workerData } from 'node:worker_threads';
import { digestEntryText } from './applied-digest.js';
import { decodeStateText, ENTRY_INDENT } from './state-file.js';
import type { StateDigests } from './state-digests.js';

const { bytes, lanes, progress } = workerData as StateDigests & { bytes: Uint8Array };
const text = decodeStateText(bytes);
const ENTRY_START = `${ENTRY_INDENT}"`;
let n = 0;
for (let line = 0; line < text.length; ) {
  let stop = text.indexOf('\n', line);
  if (stop < 0) stop = text.length;
  if (text.startsWith(ENTRY_START, line)) {
    const value = valueStart(line + ENTRY_START.length, stop);
    const end = text.charCodeAt(stop - 1) === 0x2c ? stop - 1 : stop;
    if (value < 0 || !digestEntryText(text, value, end, lanes, 2 * n)) break;
    Atomics.store(progress, 0, ++n);
  }
  line = stop + 1;
}

/** Where the value starts on an entry line whose key starts at `from`: after the key's closing quote and `: `. */
function valueStart(from: number, stop: number): number {
  for (let p = from; p < stop; p++) {
    const c = text.charCodeAt(p);
    if (c === 0x5c) p++;
    else if (c === 0x22) return text.startsWith(': ', p + 1) ? p + 3 : -1;
  }
  return -1;
}

// A manifest file's text. Manifests are UTF-8 (a byte-order mark is dropped, as editors do): a file
// in any other encoding is refused, saying where it stops being UTF-8, rather than read with
// replacement characters that a plan would send and `fmt` would write back over the original bytes.

import { readFile } from 'node:fs/promises';
import { errorText } from './find-files.js';
import { LineIndex } from './parse/index.js';

export interface ReadFailure {
  readonly error: string;
  readonly line?: number;
  readonly column?: number;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

export async function readManifestText(path: string): Promise<string | ReadFailure> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    return { error: errorText(e) };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { error: 'it is UTF-16 text (its byte-order mark says so); save it as UTF-8', line: 1, column: 1 };
  }
  try {
    return UTF8.decode(bytes);
  } catch {
    const lossy = bytes.toString('utf8');
    const at = new LineIndex(lossy).position(Math.max(lossy.indexOf('\uFFFD'), 0));
    return {
      error: `it is not UTF-8 text: line ${at.line}, column ${at.column} holds bytes that are not UTF-8 (saved in another encoding, such as Latin-1?); save it as UTF-8`,
      ...at,
    };
  }
}

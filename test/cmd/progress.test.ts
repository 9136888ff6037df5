import assert from 'node:assert/strict';
import type { Io } from '../../cmd/io.js';
import { createProgress } from '../../cmd/progress.js';

function fakeIo(tty: boolean): Io & { errText: string[] } {
  const errText: string[] = [];
  return { out: () => undefined, err: (t) => void errText.push(t), stdinIsTTY: false, stdoutIsTTY: false, stderrIsTTY: tty, env: {}, cwd: '/', errText };
}

describe('apply progress', () => {
  it('without a terminal: a plain line every interval, with rate, ETA and retries', () => {
    const io = fakeIo(false);
    let now = 1_000;
    const p = createProgress(io, { now: () => now });
    p.update(0, 1000);
    now += 2_000;
    p.update(200, 1000);
    assert.deepEqual(io.errText, [], 'nothing before the interval');
    p.retried();
    now += 3_000;
    p.update(500, 1000);
    assert.deepEqual(io.errText, ['Applying: 500/1,000 endpoints, 100/s, ETA 5 s, 1 retry\n']);
    p.finish();
    assert.equal(io.errText.length, 1, 'nothing to clear');
  });

  it('on a terminal: a bar redrawn in place, cleared at the end', () => {
    const io = fakeIo(true);
    let now = 0;
    const p = createProgress(io, { now: () => now });
    p.update(0, 100);
    now += 1_000;
    p.update(50, 100);
    assert.equal(io.errText.at(-1), '\r\u001b[2K[############............] 50/100 endpoints, 50/s, ETA 1 s');
    p.finish();
    assert.equal(io.errText.at(-1), '\r\u001b[2K');
  });
});

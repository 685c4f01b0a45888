import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProgressBar, formatCount, formatDuration } from './progress.js';

function fakeStream(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, stream: { isTTY, write: (s: string) => (chunks.push(s), true) } as unknown as NodeJS.WriteStream };
}

test('shows done/total, rate, ETA and figures', () => {
  let t = 0;
  const { stream } = fakeStream(false);
  const bar = new ProgressBar({ total: 1000, label: 'train', stream, now: () => t });
  t = 2000;
  bar.update(250, { return: 21.5 });
  const line = bar.render();
  assert.match(line, /^train /);
  assert.match(line, / 25%/);
  assert.match(line, /250\/1000 steps/);
  assert.match(line, /125 steps\/s/);
  assert.match(line, /ETA 6s/);
  assert.match(line, /return 21\.5/);
});

test('off a terminal it logs at most every logEverySeconds, and always the final line', () => {
  let t = 0;
  const { stream, chunks } = fakeStream(false);
  const bar = new ProgressBar({ total: 100, stream, now: () => t, logEverySeconds: 10 });
  for (let i = 1; i <= 100; i++) {
    t = i * 200; // 0.2 s per step: 20 s in all
    bar.update(i);
  }
  bar.finish();
  assert.equal(chunks.length, 3); // at t = 0.2 s and 10.2 s, then the final line
  assert.match(chunks.at(-1)!, /100\/100 steps/);
  assert.ok(chunks.every((c) => !c.includes('\r')));
});

test('on a terminal it redraws in place', () => {
  let t = 0;
  const { stream, chunks } = fakeStream(true);
  const bar = new ProgressBar({ total: 10, stream, now: () => t });
  t = 1000;
  bar.update(5);
  bar.finish();
  assert.ok(chunks[0].startsWith('\r\x1b[2K'));
  assert.ok(chunks.at(-1)!.endsWith('\n'));
});

test('formats counts and durations', () => {
  assert.equal(formatCount(1234567), '1.23M');
  assert.equal(formatCount(45_600), '45.6k');
  assert.equal(formatDuration(75), '1m15s');
  assert.equal(formatDuration(Infinity), '—');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PlotError } from './errors.js';
import { linePlot, seriesFromRuns, writeSvg } from './svg.js';

/** A strict little XML checker: balanced tags, quoted attributes, escaped text; returns the element names. */
function checkXml(xml: string): string[] {
  const stack: string[] = [];
  const names: string[] = [];
  const token = /<!--[\s\S]*?-->|<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<&]*(?:&(?:amp|lt|gt|quot|apos);[^"<&]*)*")*)\s*(\/?)>|([^<]+)|(<)/g;
  let m: RegExpExecArray | null;
  while ((m = token.exec(xml)) !== null) {
    if (m[0].startsWith('<!--')) continue;
    if (m[6]) assert.fail(`malformed tag near: ${xml.slice(m.index, m.index + 60)}`);
    if (m[5] !== undefined) {
      assert.ok(!/&(?!(amp|lt|gt|quot|apos);)/.test(m[5]), `unescaped & in text: ${m[5]}`);
      continue;
    }
    const [, close, name, , selfClose] = m;
    if (close) assert.equal(stack.pop(), name, `</${name}> closes the wrong element`);
    else {
      names.push(name);
      if (!selfClose) stack.push(name);
    }
  }
  assert.deepEqual(stack, [], 'unclosed elements');
  return names;
}

const iters = [1, 10, 100, 1000];

test('draws one path per series, with title, labels, legend and a band', () => {
  const svg = linePlot(
    [
      { name: 'cfr', x: iters, y: [4.7, 1.2, 0.1, 0.005] },
      seriesFromRuns('xfp <seeds>', iters, [[4.7, 2, 0.5, 0.1], [4.7, 2.2, 0.7, 0.12]]),
    ],
    { title: 'Leduc & friends', xLabel: 'iterations', yLabel: 'NashConv', xScale: 'log', yScale: 'log' },
  );
  const names = checkXml(svg);
  assert.equal(names[0], 'svg');
  assert.equal((svg.match(/<path class="line"/g) ?? []).length, 2);
  assert.equal((svg.match(/<path class="band"/g) ?? []).length, 1);
  assert.match(svg, /data-series="xfp &lt;seeds&gt;"/);
  assert.match(svg, />Leduc &amp; friends</);
  assert.match(svg, />iterations</);
  assert.match(svg, />NashConv</);
  assert.match(svg, /class="legend"/);
  // Log ticks label the decades.
  for (const label of ['>1<', '>10<', '>100<', '>1000<', '>0.001<']) assert.ok(svg.includes(label), `missing tick ${label}`);
});

test('log axes refuse zeros and negatives unless told to clamp them', () => {
  const data = [{ name: 'cfr+', x: [1, 2, 3], y: [1, 0.1, 0] }];
  assert.throws(() => linePlot(data, { yScale: 'log' }), (e: unknown) => e instanceof PlotError && /series 'cfr\+'.*logFloor/.test(e.message));
  const svg = linePlot(data, { yScale: 'log', logFloor: 1e-4 });
  checkXml(svg);
  assert.ok(svg.includes('>1e-4<'), 'the clamped value sets the axis bottom');
  assert.throws(() => linePlot(data, { yScale: 'log', logFloor: 0 }), /logFloor must be/);
  // A band reaching below zero runs to the bottom edge instead of failing.
  checkXml(linePlot([seriesFromRuns('s', [1, 2], [[0.1, 0.01], [1, 0.5]])], { yScale: 'log' }));
});

test('non-finite points split a line into segments; bad input is named', () => {
  const svg = linePlot([{ name: 'gappy', x: [0, 1, 2, 3, 4], y: [1, 2, NaN, 3, 4] }]);
  const d = /class="line" data-series="gappy" d="([^"]+)"/.exec(svg)![1];
  assert.equal((d.match(/M/g) ?? []).length, 2);
  assert.throws(() => linePlot([{ name: 'short', x: [1, 2], y: [1] }]), /series 'short': x has 2 values but y has 1/);
  assert.throws(() => linePlot([]), PlotError);
  assert.throws(() => linePlot([{ name: 'empty', x: [NaN], y: [NaN] }]), /no finite x values/);
});

test('fixed ranges clip the data to the plot area', () => {
  const svg = linePlot([{ name: 'a', x: [0, 5, 10], y: [0, 50, 100] }], { yRange: [0, 10], width: 400, height: 300 });
  checkXml(svg);
  const id = /<clipPath id="([^"]+)"/.exec(svg)![1];
  assert.ok(svg.includes(`clip-path="url(#${id})"`));
  assert.ok(svg.includes('>10<') && !svg.includes('>100<'));
});

test('writes the file atomically, creating the directory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ludus-plot-'));
  try {
    const path = join(dir, 'nested', 'curve.svg');
    const svg = linePlot([{ name: 'a', x: [0, 1], y: [0, 1] }]);
    writeSvg(path, svg);
    writeSvg(path, svg);
    assert.equal(readFileSync(path, 'utf8'), svg);
    assert.deepEqual(readdirSync(join(dir, 'nested')), ['curve.svg']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

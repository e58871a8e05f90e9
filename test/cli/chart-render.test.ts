/**
 * The back-test chart, rendered: rsvg-convert (Debian's librsvg2-bin; .ci/run installs it) draws
 * the SVG on a canvas with a wide transparent border, and every pixel outside the chart's own
 * canvas must stay transparent — no title, label or tick text runs off the edge. Real back-tests of
 * demo clients and a corpus file, in both languages, with a long file name.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backtest } from '../../src/cli/backtest.js';
import { backtestChart } from '../../src/cli/backtest-chart.js';
import { CHART_HEIGHT, CHART_WIDTH, svgLineChart } from '../../src/cli/chart.js';
import { sayer } from '../../src/cli/messages.js';
import { DEFAULT_AUTO_BOOK_THRESHOLD } from '../../src/suggest/score.js';
import { readSie } from '../../src/sie/reader.js';
import { readPng } from '../support/png.js';
import { DEMO, ROOT, tempDir } from './helpers.js';

const BORDER = 200;
const rsvg = spawnSync('rsvg-convert', ['--version'], { encoding: 'utf8' });

/** Pixels drawn outside the canvas when the SVG is rendered with a transparent border around it. */
function outside(svg: string): number {
  const wide = svg.replace(
    /<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="(\d+)" height="(\d+)" viewBox="0 0 \d+ \d+"/,
    (_, w: string, h: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="${Number(w) + 2 * BORDER}" height="${Number(h) + 2 * BORDER}" viewBox="${-BORDER} ${-BORDER} ${Number(w) + 2 * BORDER} ${Number(h) + 2 * BORDER}"`,
  );
  expect(wide).not.toBe(svg);
  const dir = tempDir();
  writeFileSync(join(dir, 'chart.svg'), wide);
  execFileSync('rsvg-convert', ['-o', join(dir, 'chart.png'), join(dir, 'chart.svg')]);
  const png = readPng(readFileSync(join(dir, 'chart.png')));
  expect([png.width, png.height]).toEqual([CHART_WIDTH + 2 * BORDER, CHART_HEIGHT + 2 * BORDER]);
  let n = 0;
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      const inside = x >= BORDER && x < BORDER + CHART_WIDTH && y >= BORDER && y < BORDER + CHART_HEIGHT;
      if (!inside && (png.pixels[(y * png.width + x) * 4 + 3] as number) > 0) n++;
    }
  }
  return n;
}

describe.runIf(rsvg.status === 0 || process.env.CI !== undefined)('the back-test chart rendered with rsvg-convert', () => {
  it('rsvg-convert is installed (Debian: librsvg2-bin)', () => {
    expect(rsvg.status).toBe(0);
  });

  it('the check sees text that runs off the canvas', () => {
    const svg = svgLineChart({ title: 'x', xLabel: 'x', yLabel: 'y', series: [] }).replace('</svg>', '<text x="-40" y="100" font-size="14">off the edge</text></svg>');
    expect(outside(svg)).toBeGreaterThan(0);
  });

  const files = [
    ['ljusgard', join(DEMO, 'ljusgard', 'history-2025.se')],
    ['hedlunds-bygg', join(DEMO, 'hedlunds-bygg', 'history-2025.se')],
    ['SIE4_Exempelfil', join(ROOT, 'fixtures', 'sie', 'SIE4_Exempelfil.SE')],
  ] as const;
  for (const [name, file] of files) {
    for (const locale of ['sv', 'en'] as const) {
      it(`${name} (${locale}), with a long file name: every text inside the canvas`, () => {
        const r = backtest(readSie(readFileSync(file), { strict: false }), { train: 0.7 });
        expect(r.tested).toBeGreaterThan(0);
        const longName = `bokföring-${name}-räkenskapsår-2025-exporterad-från-ett-mycket-långt-programnamn-version-12.se`;
        const svg = backtestChart(r, longName, { say: sayer(locale), threshold: DEFAULT_AUTO_BOOK_THRESHOLD });
        expect(outside(svg)).toBe(0);
        // What a bookkeeper reads without the table: axis titles in the language, the 99 % line, the threshold marked.
        const say = sayer(locale);
        expect(svg).toContain(say('chart.xLabel'));
        expect(svg).toContain(say('chart.guide', { p: 99 }));
        if (r.autoBook.share > 0) expect(svg).toContain(say('chart.threshold', { c: DEFAULT_AUTO_BOOK_THRESHOLD }));
        // The file name gives way in its middle; what was replayed stays on the line.
        expect(svg).toContain(say('chart.subtitle', { name: 'X', n: r.tested, month: r.firstTestMonth ?? '?' }).slice(1));
        // One series: no legend.
        expect(svg).not.toContain(">kontera</text>");
      });
    }
  }
});

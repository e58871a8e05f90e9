/**
 * The back-test chart a bookkeeper reads without the table beside it: precision against the share
 * of lines booked automatically, the 99 % line, the client's threshold marked with what it books
 * and how often right, the confidence each share is reached at along the top, texts in the chosen
 * language. Pure: figures in, SVG out.
 *
 * @module
 */
import { TARGET_PRECISION } from './backtest.js';
import type { BacktestResult } from './backtest.js';
import { CHART_WIDTH, fitMiddle, svgLineChart, textWidth } from './chart.js';
import type { ChartMarker } from './chart.js';
import type { Say } from './messages.js';

function pct(x: number): string {
  return `${(x * 100).toFixed(1)} %`;
}

/**
 * The chart of `r` for the file `name`; `threshold` is the auto-book threshold the back-test's
 * `autoBook` figures were taken at.
 */
export function backtestChart(r: BacktestResult, name: string, options: { readonly say: Say; readonly threshold: number }): string {
  const { say } = options;
  const markers: ChartMarker[] = [];
  if (r.autoBook.share > 0) {
    markers.push({
      x: r.autoBook.share,
      lines: [say('chart.threshold', { c: options.threshold }), say('chart.thresholdBooks', { share: pct(r.autoBook.share), precision: r.autoBook.precision === null ? '—' : pct(r.autoBook.precision) })],
    });
  }
  const ticks = r.thresholds.filter((t) => t.answered > 0).map((t) => ({ x: t.share, label: t.threshold.toFixed(2) }));
  // A long file name gives way in its middle, so the rest of the line (lines, month) stays readable.
  const rest = say('chart.subtitle', { name: '', n: r.tested, month: r.firstTestMonth ?? '?' });
  const shownName = fitMiddle(name, Math.max(120, CHART_WIDTH - 32 - textWidth(rest)));
  return svgLineChart({
    title: say('chart.title'),
    subtitle: say('chart.subtitle', { name: shownName, n: r.tested, month: r.firstTestMonth ?? '?' }),
    xLabel: say('chart.xLabel'),
    yLabel: say('chart.yLabel'),
    yMin: 0.5,
    guide: { y: TARGET_PRECISION, label: say('chart.guide', { p: TARGET_PRECISION * 100 }) },
    markers,
    topAxis: ticks.length === 0 ? undefined : { label: say('chart.topAxis'), ticks },
    series: [{ label: 'kontera', points: r.curve.map((p) => ({ x: p.share, y: p.precision, note: say('chart.pointNote', { c: p.threshold.toFixed(3) }) })) }],
  });
}

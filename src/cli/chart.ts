/**
 * A small SVG line chart (no dependencies): precision against coverage for the back-test and the
 * benchmark report. Pure: data in, SVG text out.
 *
 * @module
 */

/** One point; `note` is shown as a tooltip (`<title>`). */
export interface ChartPoint {
  readonly x: number;
  readonly y: number;
  readonly note?: string | undefined;
}

/** One line of the chart. */
export interface ChartSeries {
  readonly label: string;
  readonly points: readonly ChartPoint[];
}

/** What {@link svgLineChart} draws. Axes run 0..1 and are labelled in per cent. */
export interface ChartInput {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly ChartSeries[];
  /** Lowest y shown (default 0). */
  readonly yMin?: number | undefined;
  /** A dashed horizontal guide line, e.g. at 99 % precision. */
  readonly guide?: { readonly y: number; readonly label: string } | undefined;
}

const WIDTH = 720;
const HEIGHT = 440;
const MARGIN = { left: 70, right: 200, top: 50, bottom: 60 } as const;
/** Colour-blind-safe palette (Okabe–Ito). */
const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9'] as const;

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function r1(n: number): string {
  return (Math.round(n * 10) / 10).toString();
}

/**
 * Draws the series as lines with points, on 0–100 % axes.
 *
 * ```ts
 * const svg = svgLineChart({ title: 'Back-test', xLabel: 'share auto-booked', yLabel: 'precision',
 *   series: [{ label: 'client', points: [{ x: 0.4, y: 1 }, { x: 0.8, y: 0.97 }] }] });
 * ```
 */
export function svgLineChart(input: ChartInput): string {
  const yMin = Math.max(0, Math.min(input.yMin ?? 0, 0.99));
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const px = (x: number): number => MARGIN.left + Math.min(1, Math.max(0, x)) * plotW;
  const py = (y: number): number => MARGIN.top + (1 - (Math.min(1, Math.max(yMin, y)) - yMin) / (1 - yMin)) * plotH;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`);
  out.push(`<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`);
  out.push(`<text x="${WIDTH / 2 - MARGIN.right / 2}" y="24" text-anchor="middle" font-size="15" font-weight="bold">${escapeXml(input.title)}</text>`);
  // Grid and axis ticks every 10 % (x) and every step of the y range.
  for (let i = 0; i <= 10; i++) {
    const x = px(i / 10);
    out.push(`<line x1="${r1(x)}" y1="${MARGIN.top}" x2="${r1(x)}" y2="${MARGIN.top + plotH}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${r1(x)}" y="${MARGIN.top + plotH + 18}" text-anchor="middle">${i * 10} %</text>`);
  }
  const ySteps = 10;
  for (let i = 0; i <= ySteps; i++) {
    const v = yMin + ((1 - yMin) * i) / ySteps;
    const y = py(v);
    out.push(`<line x1="${MARGIN.left}" y1="${r1(y)}" x2="${MARGIN.left + plotW}" y2="${r1(y)}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${MARGIN.left - 8}" y="${r1(y + 4)}" text-anchor="end">${r1(v * 100)} %</text>`);
  }
  out.push(`<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#333333"/>`);
  out.push(`<text x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 18}" text-anchor="middle">${escapeXml(input.xLabel)}</text>`);
  out.push(`<text transform="translate(18 ${MARGIN.top + plotH / 2}) rotate(-90)" text-anchor="middle">${escapeXml(input.yLabel)}</text>`);
  if (input.guide !== undefined && input.guide.y >= yMin) {
    const y = py(input.guide.y);
    out.push(`<line x1="${MARGIN.left}" y1="${r1(y)}" x2="${MARGIN.left + plotW}" y2="${r1(y)}" stroke="#999999" stroke-dasharray="6 4"/>`);
    out.push(`<text x="${MARGIN.left + plotW - 4}" y="${r1(y - 5)}" text-anchor="end" fill="#666666">${escapeXml(input.guide.label)}</text>`);
  }
  input.series.forEach((s, i) => {
    const colour = COLOURS[i % COLOURS.length] as string;
    const pts = [...s.points].sort((a, b) => a.x - b.x);
    if (pts.length > 1) {
      out.push(`<polyline fill="none" stroke="${colour}" stroke-width="2" points="${pts.map((p) => `${r1(px(p.x))},${r1(py(p.y))}`).join(' ')}"/>`);
    }
    for (const p of pts) {
      const tip = `${s.label}: ${(p.x * 100).toFixed(1)} % of lines, ${(p.y * 100).toFixed(1)} % right${p.note === undefined ? '' : ` (${p.note})`}`;
      out.push(`<circle cx="${r1(px(p.x))}" cy="${r1(py(p.y))}" r="3.5" fill="${colour}"><title>${escapeXml(tip)}</title></circle>`);
    }
    const ly = MARGIN.top + 10 + i * 20;
    const lx = MARGIN.left + plotW + 16;
    out.push(`<line x1="${lx}" y1="${ly}" x2="${lx + 20}" y2="${ly}" stroke="${colour}" stroke-width="3"/>`);
    out.push(`<text x="${lx + 26}" y="${ly + 4}">${escapeXml(s.label)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}

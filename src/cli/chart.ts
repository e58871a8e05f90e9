/**
 * A small SVG line chart (no dependencies): precision against coverage for the back-test and the
 * benchmark report. Pure: data in, SVG text out.
 *
 * Every text is placed from an estimate of its width (a generous average glyph width for a
 * sans-serif face), cut to fit the canvas, and labels inside the plot are put where no point of a
 * curve lies, on a white halo.
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

/** A vertical mark at `x` with a label of one or more lines, e.g. the client's threshold. */
export interface ChartMarker {
  readonly x: number;
  readonly lines: readonly string[];
}

/** What {@link svgLineChart} draws. Axes run 0..1 and are labelled in per cent. */
export interface ChartInput {
  readonly title: string;
  /** A second, smaller title line (e.g. the file), cut in the middle when too long. */
  readonly subtitle?: string | undefined;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly ChartSeries[];
  /** Lowest y shown (default 0). */
  readonly yMin?: number | undefined;
  /** A dashed horizontal guide line, e.g. at 99 % precision. */
  readonly guide?: { readonly y: number; readonly label: string } | undefined;
  readonly markers?: readonly ChartMarker[] | undefined;
  /** Labels along the top edge at x positions (e.g. the confidence a share is reached at), with a caption. */
  readonly topAxis?: { readonly label: string; readonly ticks: readonly { readonly x: number; readonly label: string }[] } | undefined;
}

export const CHART_WIDTH = 760;
export const CHART_HEIGHT = 500;
const FONT = 12;
/** Average glyph width of a sans-serif face as a share of the font size, rounded up so estimates err wide. */
const GLYPH = 0.62;
/** Colour-blind-safe palette (Okabe–Ito). */
const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9'] as const;

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function r1(n: number): string {
  return (Math.round(n * 10) / 10).toString();
}

/** Estimated width of `text` in pixels at `size`. */
export function textWidth(text: string, size = FONT): number {
  return [...text].length * size * GLYPH;
}

/** `text`, cut at the end with `…` to fit `width` pixels. */
function fitEnd(text: string, width: number, size = FONT): string {
  const max = Math.floor(width / (size * GLYPH));
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, Math.max(1, max - 1)).join('')}…`;
}

/** `text`, cut in the middle with `…` to fit `width` pixels (a file name keeps its start and its end). */
export function fitMiddle(text: string, width: number, size = FONT): string {
  const max = Math.floor(width / (size * GLYPH));
  const chars = [...text];
  if (chars.length <= max) return text;
  const head = Math.ceil((max - 1) / 2);
  const tail = Math.max(0, max - 1 - head);
  return `${chars.slice(0, head).join('')}…${tail === 0 ? '' : chars.slice(-tail).join('')}`;
}

interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** Text drawn on a white halo, so a grid line or curve under it does not hide it. */
function label(x: number, y: number, text: string, anchor: 'start' | 'end' | 'middle', options: { size?: number; fill?: string; weight?: string } = {}): string {
  const size = options.size ?? FONT;
  return `<text x="${r1(x)}" y="${r1(y)}" text-anchor="${anchor}" font-size="${size}"${options.fill === undefined ? '' : ` fill="${options.fill}"`}${options.weight === undefined ? '' : ` font-weight="${options.weight}"`} stroke="#ffffff" stroke-width="3" paint-order="stroke">${escapeXml(text)}</text>`;
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
  const legend = input.series.length > 1;
  const legendWidth = legend ? Math.min(200, 46 + Math.max(...input.series.map((s) => textWidth(s.label)))) : 0;
  const margin = { left: 78, right: 24 + legendWidth, top: input.topAxis === undefined ? 70 : 104, bottom: 62 };
  const W = CHART_WIDTH;
  const H = CHART_HEIGHT;
  const yMin = Math.max(0, Math.min(input.yMin ?? 0, 0.99));
  const plotW = W - margin.left - margin.right;
  const plotH = H - margin.top - margin.bottom;
  const px = (x: number): number => margin.left + Math.min(1, Math.max(0, x)) * plotW;
  const py = (y: number): number => margin.top + (1 - (Math.min(1, Math.max(yMin, y)) - yMin) / (1 - yMin)) * plotH;
  // Segments of the curves, sampled, so a label box that a line crosses between two points counts as covered.
  const sampled: { x: number; y: number }[] = [];
  for (const s of input.series) {
    const pts = [...s.points].sort((a, b) => a.x - b.x).map((p) => ({ x: px(p.x), y: py(p.y) }));
    for (let i = 0; i < pts.length; i++) {
      const a = pts[i] as { x: number; y: number };
      sampled.push(a);
      const b = pts[i + 1];
      if (b === undefined) continue;
      const steps = Math.ceil(Math.hypot(b.x - a.x, b.y - a.y) / 4);
      for (let k = 1; k < steps; k++) sampled.push({ x: a.x + ((b.x - a.x) * k) / steps, y: a.y + ((b.y - a.y) * k) / steps });
    }
  }
  const covered = (b: Box): number => sampled.filter((p) => p.x >= b.x - 4 && p.x <= b.x + b.w + 4 && p.y >= b.y - 4 && p.y <= b.y + b.h + 4).length;
  const placed: Box[] = [];
  const overlaps = (b: Box): boolean => placed.some((o) => b.x < o.x + o.w && o.x < b.x + b.w && b.y < o.y + o.h && o.y < b.y + b.h);
  /** The candidate box with the fewest curve points in it (and not on another label), the first on a tie. */
  const choose = (candidates: readonly Box[]): Box => {
    let best = candidates[0] as Box;
    let bestScore = Infinity;
    for (const c of candidates) {
      const inside = c.x >= margin.left && c.x + c.w <= margin.left + plotW && c.y >= margin.top && c.y + c.h <= margin.top + plotH;
      const score = covered(c) + (overlaps(c) ? 1000 : 0) + (inside ? 0 : 10_000);
      if (score < bestScore) [best, bestScore] = [c, score];
    }
    placed.push(best);
    return best;
  };
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="DejaVu Sans, Verdana, sans-serif" font-size="${FONT}">`);
  out.push(`<rect width="${W}" height="${H}" fill="#ffffff"/>`);
  out.push(`<text x="16" y="26" font-size="16" font-weight="bold">${escapeXml(fitEnd(input.title, W - 32, 16))}</text>`);
  if (input.subtitle !== undefined) out.push(`<text x="16" y="46" fill="#444444">${escapeXml(fitMiddle(input.subtitle, W - 32))}</text>`);
  // Grid and axis ticks every 10 % (x) and every step of the y range.
  for (let i = 0; i <= 10; i++) {
    const x = px(i / 10);
    out.push(`<line x1="${r1(x)}" y1="${margin.top}" x2="${r1(x)}" y2="${margin.top + plotH}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${r1(x)}" y="${margin.top + plotH + 18}" text-anchor="middle">${i * 10} %</text>`);
  }
  const ySteps = 10;
  for (let i = 0; i <= ySteps; i++) {
    const v = yMin + ((1 - yMin) * i) / ySteps;
    const y = py(v);
    out.push(`<line x1="${margin.left}" y1="${r1(y)}" x2="${margin.left + plotW}" y2="${r1(y)}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${margin.left - 8}" y="${r1(y + 4)}" text-anchor="end">${r1(v * 100)} %</text>`);
  }
  out.push(`<rect x="${margin.left}" y="${margin.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#333333"/>`);
  out.push(`<text x="${r1(margin.left + plotW / 2)}" y="${H - 18}" text-anchor="middle">${escapeXml(fitEnd(input.xLabel, W - 32))}</text>`);
  out.push(`<text transform="translate(20 ${r1(margin.top + plotH / 2)}) rotate(-90)" text-anchor="middle">${escapeXml(fitEnd(input.yLabel, plotH))}</text>`);
  if (input.topAxis !== undefined) {
    out.push(`<text x="${margin.left}" y="${margin.top - 26}" fill="#444444">${escapeXml(fitEnd(input.topAxis.label, plotW))}</text>`);
    let lastRight = -Infinity;
    for (const t of [...input.topAxis.ticks].sort((a, b) => a.x - b.x)) {
      const x = px(t.x);
      out.push(`<line x1="${r1(x)}" y1="${margin.top - 5}" x2="${r1(x)}" y2="${margin.top}" stroke="#333333"/>`);
      const w = textWidth(t.label);
      const cx = Math.min(Math.max(x, margin.left + w / 2), margin.left + plotW - w / 2);
      // Labels that would touch the previous one are left out; the tick stays.
      if (cx - w / 2 < lastRight + 6) continue;
      lastRight = cx + w / 2;
      out.push(`<text x="${r1(cx)}" y="${margin.top - 9}" text-anchor="middle" fill="#444444">${escapeXml(t.label)}</text>`);
    }
  }
  if (input.guide !== undefined && input.guide.y >= yMin) {
    const y = py(input.guide.y);
    out.push(`<line x1="${margin.left}" y1="${r1(y)}" x2="${margin.left + plotW}" y2="${r1(y)}" stroke="#999999" stroke-dasharray="6 4"/>`);
    const text = fitEnd(input.guide.label, plotW - 12);
    const w = textWidth(text);
    const h = FONT + 2;
    const left = margin.left + 6;
    const right = margin.left + plotW - 6 - w;
    const b = choose([
      { x: right, y: y + 4, w, h },
      { x: left, y: y + 4, w, h },
      { x: right, y: y - 4 - h, w, h },
      { x: left, y: y - 4 - h, w, h },
      { x: margin.left + plotW / 2 - w / 2, y: y + 4, w, h },
    ]);
    out.push(label(b.x, b.y + h - 3, text, 'start', { fill: '#555555' }));
  }
  for (const m of input.markers ?? []) {
    const x = px(m.x);
    out.push(`<line x1="${r1(x)}" y1="${margin.top}" x2="${r1(x)}" y2="${margin.top + plotH}" stroke="#D55E00" stroke-width="1.5" stroke-dasharray="4 3"/>`);
    const lines = m.lines.map((l) => fitEnd(l, plotW / 2 - 12));
    const w = Math.max(...lines.map((l) => textWidth(l)));
    const h = lines.length * (FONT + 3);
    const candidates: Box[] = [];
    for (const y of [margin.top + plotH - h - 8, margin.top + plotH / 2 - h / 2, margin.top + 8]) {
      candidates.push({ x: x + 6, y, w, h }, { x: x - 6 - w, y, w, h });
    }
    const b = choose(candidates);
    lines.forEach((l, i) => out.push(label(b.x, b.y + (i + 1) * (FONT + 3) - 4, l, 'start', { fill: '#A0410A' })));
  }
  input.series.forEach((s, i) => {
    const colour = COLOURS[i % COLOURS.length] as string;
    const pts = [...s.points].sort((a, b) => a.x - b.x);
    if (pts.length > 1) {
      out.push(`<polyline fill="none" stroke="${colour}" stroke-width="2" points="${pts.map((p) => `${r1(px(p.x))},${r1(py(p.y))}`).join(' ')}"/>`);
    }
    for (const p of pts) {
      const tip = `${s.label}: ${(p.x * 100).toFixed(1)} %, ${(p.y * 100).toFixed(1)} %${p.note === undefined ? '' : ` (${p.note})`}`;
      out.push(`<circle cx="${r1(px(p.x))}" cy="${r1(py(p.y))}" r="3" fill="${colour}"><title>${escapeXml(tip)}</title></circle>`);
    }
    if (legend) {
      const ly = margin.top + 10 + i * 20;
      const lx = margin.left + plotW + 16;
      out.push(`<line x1="${lx}" y1="${ly}" x2="${lx + 20}" y2="${ly}" stroke="${colour}" stroke-width="3"/>`);
      out.push(`<text x="${lx + 26}" y="${ly + 4}">${escapeXml(fitEnd(s.label, legendWidth - 46))}</text>`);
    }
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}

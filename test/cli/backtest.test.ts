/**
 * `kontera backtest`: replaying a client's own books month by month, on a real corpus SIE file and
 * a demo client's history; the figures must agree with each other and with the file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sieBookings } from '../../src/knowledge/cold-start.js';
import { readSie } from '../../src/sie/reader.js';
import { DEMO, ROOT, kontera, tempDir } from './helpers.js';

interface BacktestJson {
  readonly bookings: number;
  readonly tested: number;
  readonly firstTestMonth: string;
  readonly top1: number;
  readonly top3: number;
  readonly abstain: number;
  readonly thresholds: readonly { threshold: number; answered: number; share: number; precision: number | null }[];
  readonly autoBookAt99: { share: number; threshold: number | null };
  readonly curve: readonly { share: number; precision: number; threshold: number }[];
  readonly months: readonly { month: string; lines: number; top1: number; autoBooked: number; autoRight: number }[];
  readonly chart: string;
}

describe('kontera backtest BOOKS.se', () => {
  const dir = tempDir();

  it.each([
    ['fixtures/sie/SIE4_Exempelfil.SE', join(ROOT, 'fixtures', 'sie', 'SIE4_Exempelfil.SE')],
    ['fixtures/demo/ljusgard/history-2025.se', join(DEMO, 'ljusgard', 'history-2025.se')],
  ])('%s: replays whole months after the training share, and the figures add up', (_, file) => {
    const chart = join(dir, `${Math.random().toString(36).slice(2)}.svg`);
    const r = kontera(['backtest', file, '--train', '0.7', '--chart', chart, '--json'], dir);
    expect(r.code).toBe(0);
    const o = JSON.parse(r.stdout) as BacktestJson;
    const bookings = sieBookings(readSie(readFileSync(file), { strict: false }));
    expect(o.bookings).toBe(bookings.length);
    // Training ends at a month boundary near 70 %: everything replayed is from the first test month on.
    const trained = bookings.filter((b) => b.voucher.date.slice(0, 7) < o.firstTestMonth).length;
    expect(o.tested).toBe(bookings.length - trained);
    expect(trained / bookings.length).toBeLessThanOrEqual(0.7);
    expect(o.months.reduce((s, m) => s + m.lines, 0)).toBe(o.tested);
    expect(o.months.reduce((s, m) => s + m.top1, 0) / o.tested).toBeCloseTo(o.top1, 10);
    expect(o.top3).toBeGreaterThanOrEqual(o.top1);
    // Precision at a threshold is over the lines at or above it; higher thresholds cover fewer lines.
    for (let i = 1; i < o.thresholds.length; i++) expect(o.thresholds[i]?.answered).toBeLessThanOrEqual(o.thresholds[i - 1]?.answered ?? 0);
    expect(o.thresholds[0]?.answered ?? 0).toBeLessThanOrEqual(Math.round(o.tested * (1 - o.abstain)));
    // The ≥ 99 % point is on the curve, and the curve's precision there is at least 99 %.
    if (o.autoBookAt99.threshold !== null) {
      const p = o.curve.find((c) => c.threshold === o.autoBookAt99.threshold);
      expect(p?.share).toBe(o.autoBookAt99.share);
      expect(p?.precision).toBeGreaterThanOrEqual(0.99);
    }
    const svg = readFileSync(chart, 'utf8');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<circle /g)?.length).toBe(o.curve.length);
    expect(svg).toContain('99 % precision');
  });

  it('prints the tables and writes the chart next to the file by default', () => {
    const copy = join(dir, 'books.se');
    writeFileSync(copy, readFileSync(join(DEMO, 'hedlunds-bygg', 'history-2025.se')));
    const r = kontera(['backtest', copy], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Precision at each confidence threshold:');
    expect(r.stdout).toMatch(/^month\s+lines\s+top-1\s+auto-booked\s+auto right$/m);
    expect(r.stdout).toContain(`Chart: ${join(dir, 'books.backtest.svg')}`);
    expect(readFileSync(join(dir, 'books.backtest.svg'), 'utf8')).toContain('</svg>');
  });

  it('refuses a training share outside 0.1–0.95 (exit 2) and a non-SIE file (exit 3)', () => {
    expect(kontera(['backtest', join(DEMO, 'ljusgard', 'history-2025.se'), '--train', '1'], dir).code).toBe(2);
    const r = kontera(['backtest', join(ROOT, 'fixtures', 'statements', 'nordea', 'private-2020.csv')], dir);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^kontera: SIE_NOT_SIE: /);
  });
});

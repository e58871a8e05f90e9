/**
 * Detection on hostile input: a line of megabytes without a break is only looked at as far as
 * HEAD_LINE_CHARS by every detector, so detection answers in bounded time with the same result
 * (it took 1–1.9 s per 2 MB line before the bound).
 */
import { describe, expect, it } from 'vitest';
import { FormatDetectionError } from '../../src/core/errors.js';
import { detectStatementFormat, parseStatement } from '../../src/statements/index.js';

/** Shapes of one 2 MB line that each detector splits, normalises or parses in its own way. */
const LINES: Record<string, string> = {
  letters: 'a'.repeat(2_000_000),
  'date;amount cells': '2026-01-01;12,50;'.repeat(120_000),
  commas: 'x,'.repeat(1_000_000),
  'quoted cells': '"a";'.repeat(500_000),
  tabs: 'ab\t'.repeat(700_000),
  pipes: 'a|'.repeat(1_000_000),
  'a header over and over': 'Datum;Text;Belopp;Saldo;'.repeat(85_000),
  'space-separated words': 'Datum  Text  Belopp  '.repeat(95_000),
};

/** Best of three runs, in ms (the machine may be busy). */
function fastest(fn: () => void): number {
  let best = Infinity;
  for (let k = 0; k < 3; k++) {
    const t = performance.now();
    fn();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

function detectOrCode(text: string): string {
  try {
    return detectStatementFormat(text).format;
  } catch (e) {
    return e instanceof FormatDetectionError ? e.code : String(e);
  }
}

describe('detection time is bounded on a line without breaks', () => {
  for (const [name, line] of Object.entries(LINES)) {
    it(`${name}: refused as UNKNOWN_FORMAT, well within a second, and no slower than a 64 KB line by more than a small constant`, () => {
      expect(detectOrCode(line)).toBe('UNKNOWN_FORMAT');
      expect(() => parseStatement(line)).toThrow(FormatDetectionError);
      const big = fastest(() => detectOrCode(line));
      const small = fastest(() => detectOrCode(line.slice(0, 65_536)));
      // Generous bounds: bounded detection takes ~10–20 ms here; reading whole lines took 1–1.9 s.
      expect(big).toBeLessThan(1_000);
      // 30 times the input must not cost anything like 30 times the time.
      expect(big).toBeLessThan(8 * small + 150);
    });
  }
  it('a header below a long first line is still found', () => {
    const s = parseStatement(`${'x'.repeat(2_000_000)}\nDatum;Text;Belopp;Saldo\n2026-01-02;Kaffe;-45,00;955,00\n`);
    expect(s.format).toBe('generic-csv');
    expect(s.transactions.map((t) => [t.line, t.amount])).toEqual([[3, -4_500]]);
  });
});

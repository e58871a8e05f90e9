/** SIE amounts, dates and periods: digit-by-digit parsing and the writer's formatting. */
import { describe, expect, it } from 'vitest';
import { formatSieAmount, formatSieDate, formatSiePeriod, normalizeSieAmount, parseSieAmount, parseSieDate, parseSiePeriod } from '../../src/sie/values.js';
import { seededRandom as seeded } from '../support/random.js';

describe('SIE amounts', () => {
  it('parses the real shapes to öre without floats', () => {
    const cases: [string, number][] = [
      ['0', 0], ['-0', 0], ['9', 900], ['-9', -900], ['9.9', 990], ['9.99', 999], ['-212.5', -21250], ['-0.5', -50],
      ['0.01', 1], ['1063', 106300], ['12.340', 1234], ['12.', 1200], ['0.29', 29], ['1.13', 113], ['4.35', 435],
      ['90071992547409.91', Number.MAX_SAFE_INTEGER],
    ];
    for (const [raw, ore] of cases) expect(parseSieAmount(raw), raw).toEqual({ ore, repaired: false });
  });

  it('repairs a decimal comma and a leading plus, and says so', () => {
    expect(parseSieAmount('-1,50')).toEqual({ ore: -150, repaired: true });
    expect(parseSieAmount('+5')).toEqual({ ore: 500, repaired: true });
  });

  it('rejects what is not an amount in whole öre', () => {
    for (const raw of ['', '-', '.', 'abc', '1.234,00', '1 000', '12.345', '1e5', '--1', '1-', '0x10', '90071992547409.92', '1.2.3']) {
      expect(parseSieAmount(raw), raw).toBeUndefined();
    }
  });

  it("rewrites a spreadsheet's spelling (Unicode minus or dash, non-breaking spaces between groups of three) and nothing else", () => {
    const cases: [string, string][] = [
      ['\u22121234.50', '-1234.50'], ['\u2013100.00', '-100.00'], ['\u2014100', '-100'], ['\uff0d5,50', '-5,50'],
      ['1\u00a0234.50', '1234.50'], ['-12\u202f345\u202f678.00', '-12345678.00'], ['\u22121\u00a0000', '-1000'], ['1\u2009000,50', '1000,50'],
      // A run of group blanks is one group blank (CP437 0xFF 0xFF between groups).
      ['1\u00a0\u00a0234', '1234'], ['-12\u00a0\u00a0\u00a0345\u202f\u00a0678.50', '-12345678.50'],
    ];
    for (const [raw, sie] of cases) expect(normalizeSieAmount(raw), raw).toBe(sie);
    for (const raw of ['1234.50', '-5', '', '\u00a0100', '1\u00a023.00', '1234\u00a0567', '1\u00a0\u00a023', '1\u00a02345', '1\u00a0234\u00a0', '\u2212\u2212100', '1 234']) {
      expect(normalizeSieAmount(raw), JSON.stringify(raw)).toBeUndefined();
    }
  });

  it('formats with exactly two decimals', () => {
    expect([0, 1, -1, 10, 99, 100, -4500, 123456, -Number.MAX_SAFE_INTEGER].map(formatSieAmount)).toEqual([
      '0.00', '0.01', '-0.01', '0.10', '0.99', '1.00', '-45.00', '1234.56', '-90071992547409.91',
    ]);
  });

  it('round-trips random amounts (seeded)', () => {
    const rnd = seeded(42);
    for (let i = 0; i < 5000; i++) {
      const ore = Math.round((rnd() - 0.5) * 2 * 10 ** Math.floor(rnd() * 16));
      expect(parseSieAmount(formatSieAmount(ore))?.ore).toBe(ore === 0 ? 0 : ore);
    }
  });
});

describe('SIE dates and periods', () => {
  it('parses YYYYMMDD and repairs YYYY-MM-DD and YYMMDD', () => {
    expect(parseSieDate('20240229')).toEqual({ iso: '2024-02-29', repaired: false });
    expect(parseSieDate('2025-03-04')).toEqual({ iso: '2025-03-04', repaired: true });
    expect(parseSieDate('250304')).toEqual({ iso: '2025-03-04', repaired: true });
  });

  it('rejects impossible days and other spellings', () => {
    for (const raw of ['20250229', '20251301', '20250100', '2025011', '2025/01/01', '01.01.2025', 'abcdefgh', '']) {
      expect(parseSieDate(raw), raw).toBeUndefined();
    }
  });

  it('formats ISO dates and periods for writing, refusing invalid ones', () => {
    expect(formatSieDate('2025-11-21')).toBe('20251121');
    expect(formatSieDate('2025-02-29')).toBeUndefined();
    expect(formatSieDate('20251121')).toBeUndefined();
    expect(formatSiePeriod('2025-01')).toBe('202501');
    expect(formatSiePeriod('2025-13')).toBeUndefined();
    expect(parseSiePeriod('202512')).toBe('2025-12');
    expect(parseSiePeriod('202500')).toBeUndefined();
    expect(parseSiePeriod('2025-12')).toBe('2025-12');
    for (const raw of ['2025-13', '2025-00', '2025-1', '2025/12', '20251', '2025-12-01', '-202512', '202-512']) expect(parseSiePeriod(raw), raw).toBeUndefined();
  });
});

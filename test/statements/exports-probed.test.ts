/**
 * Exports written by hand in layouts real banks, payment services and spreadsheets produce, which
 * kontera refused or misread (fixtures/SOURCES.md: invented names and amounts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseStatement } from '../../src/statements/index.js';
import type { Statement } from '../../src/statements/types.js';

const fixture = (p: string): Uint8Array => readFileSync(new URL(`../../fixtures/statements/${p}`, import.meta.url));
const text = (p: string): string => new TextDecoder().decode(fixture(p));
const codes = (s: Statement): string[] => s.warnings.map((w) => w.code);

describe('thousands grouped by an apostrophe (a spreadsheet with a Swiss regional setting)', () => {
  it("reads 1'204.50 as 1 204,50 kr, with the balance chain holding", () => {
    const s = parseStatement(fixture('generic/excel-swiss-apostrophe-thousands.csv'));
    expect(s.transactions.map((t) => [t.date, t.amount, t.balance])).toEqual([
      ['2026-01-05', -120_450, 1_879_550],
      ['2026-01-04', 1_000_000, 2_000_000],
      ['2026-01-02', -1_250_000, 1_000_000],
      ['2026-01-02', -39_900, 2_250_000],
    ]);
    expect([s.openingBalance, s.closingBalance]).toEqual([2_289_900, 1_879_550]);
    expect(codes(s)).not.toContain('BALANCE_CHAIN_BROKEN');
  });

  it('the typographic apostrophe (U+2019) the same; an apostrophe elsewhere in the number is still refused', () => {
    const curly = parseStatement(text('generic/excel-swiss-apostrophe-thousands.csv').replace(/'/g, '\u2019'));
    expect(curly.transactions.map((t) => t.amount)).toEqual([-120_450, 1_000_000, -1_250_000, -39_900]);
    expect(() => parseStatement("Datum;Text;Belopp\n2026-01-05;Hyra;-12'50.00\n")).toThrow(/INVALID_AMOUNT|Invalid amount/);
  });
});

describe('currency codes in lower case (a payment service export: `sek`)', () => {
  it('are the ISO code: the statement is in SEK and no row is in another currency', () => {
    const s = parseStatement(fixture('generic/payment-service-lowercase-currency.csv'));
    expect(s.currency).toBe('SEK');
    expect(s.transactions.map((t) => t.currency)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
    expect(codes(s)).not.toContain('CURRENCY_MIXED');
    expect(s.transactions.map((t) => t.amount)).toEqual([125_000, -3_213, 49_900, -1_422, -49_900, -120_365]);
  });

  it('a row in another currency, written in lower case too, is that currency', () => {
    const s = parseStatement(text('generic/payment-service-lowercase-currency.csv').replace('-499.00,0.00,-499.00,sek', '-499.00,0.00,-499.00,eur'));
    expect(s.currency).toBe('SEK');
    expect(s.transactions.find((t) => t.line === 4)?.currency).toBe('EUR');
    expect(codes(s)).toContain('CURRENCY_MIXED');
  });
});

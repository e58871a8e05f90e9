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

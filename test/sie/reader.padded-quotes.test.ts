/**
 * Numbers and dates padded inside their quotes (`"1930 "`, `"  -2500.00"`, `"20240110 "`), as a
 * report writer that pads its columns and then quotes every field writes them. Before, strict
 * reading refused the file at the first such date (`#RAR`) and lenient reading dropped every
 * voucher, balance and account so written.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readSie } from '../../src/sie/reader.js';

const bytes = readFileSync(new URL('../../fixtures/sie/hand-written_padded-quotes_4E.se', import.meta.url));

describe('numbers and dates with blanks inside their quotes', () => {
  it('are read without the blanks, each noted as a repair with its line', () => {
    const doc = readSie(bytes, { fileName: 'nav.se' });
    expect(doc.header.generated).toEqual({ date: '2025-01-31' });
    expect(doc.header.fiscalYears).toEqual([{ yearIndex: 0, start: '2024-01-01', end: '2024-12-31' }]);
    expect(doc.accounts.map((a) => [a.number, a.name])).toEqual([['1930', 'Företagskonto'], ['5460', 'Förbrukningsmaterial'], ['2641', 'Debiterad ingående moms']]);
    expect(doc.balances.map((b) => [b.kind, b.account, b.amount])).toEqual([['IB', '1930', 4800000], ['UB', '1930', 4550000]]);
    expect(doc.periodBalances.map((b) => [b.period, b.account, b.amount])).toEqual([['2024-01', '1930', 4550000]]);
    const [v] = doc.vouchers;
    expect(v).toMatchObject({ series: 'A', number: '12', date: '2024-01-10', registrationDate: '2024-01-12' });
    expect(v?.transactions.map((t) => [t.account, t.amount, t.date, t.quantity])).toEqual([
      ['5460', 200000, '2024-01-10', 1.5],
      ['2641', 50000, undefined, undefined],
      ['1930', -250000, undefined, undefined],
    ]);
    expect(doc.issues.every((i) => i.severity === 'info' && i.code === 'SIE_REPAIRED')).toBe(true);
    expect(doc.issues.map((i) => i.line)).toEqual([4, 8, 8, 9, 10, 11, 12, 12, 13, 13, 14, 14, 14, 15, 15, 15, 17, 17, 17, 17, 18, 18, 19, 19]);
    expect(doc.issues.find((i) => i.line === 19 && i.message.includes('2500'))?.message).toBe('#TRANS: the quoted value "  -2500.00" in field 3 has blanks inside its quotes; read as "-2500.00"');
  });

  it('texts keep their blanks, and the program version (free text) too', () => {
    const doc = readSie(bytes);
    expect(doc.header.program).toEqual({ name: 'Dynamics NAV SIE-export', version: '2018 CU4 ' });
    expect(doc.vouchers[0]?.text).toBe('Ahlsell Luleå ');
    expect(doc.vouchers[0]?.transactions[0]?.text).toBe(' Skruv och plugg');
  });

  it('a quoted value with blanks inside that is still no number stays an error naming it', () => {
    const text = Buffer.from(bytes).toString('latin1').replace('"    500.00"', '" 500 kr "');
    expect(() => readSie(Buffer.from(text, 'latin1'))).toThrow(expect.objectContaining({ code: 'SIE_INVALID_VALUE', line: 18, column: 19 }));
  });
});

/**
 * Exports written by hand in layouts real banks, payment services and spreadsheets produce, which
 * kontera refused or misread (fixtures/SOURCES.md: invented names and amounts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDate } from '../../src/core/dates.js';
import { parseStatement } from '../../src/statements/index.js';
import { classifyKind } from '../../src/statements/kind.js';
import { looksLikeAccountNumber } from '../../src/statements/account-number.js';
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

describe('dates with the month by name first, or a weekday in front', () => {
  it('reads `Jan 5, 2026` (month name first, comma after the day)', () => {
    const s = parseStatement(fixture('generic/english-month-name-first-dates.csv'));
    expect(s.transactions.map((t) => [t.date, t.amount, t.balance])).toEqual([
      ['2026-01-05', -125_000, 1_875_000],
      ['2026-01-07', 450_000, 2_325_000],
      ['2026-01-12', -8_650, 2_316_350],
      ['2026-02-02', -9_900, 2_306_450],
    ]);
  });

  it('reads `mån 5 jan. 2026` (a Swedish weekday in front)', () => {
    const s = parseStatement(fixture('generic/weekday-before-date.csv'));
    expect(s.transactions.map((t) => t.date)).toEqual(['2026-01-05', '2026-01-06', '2026-01-16']);
  });

  it('refuses a weekday that is not the date’s (never guessed past), naming line and field', () => {
    const wrong = text('generic/weekday-before-date.csv').replace('tis 6 jan.', 'ons 6 jan.');
    expect(() => parseStatement(wrong, { fileName: 'w.csv' })).toThrow(/ons 6 jan\. 2026.*line 3.*Datum/);
  });

  it('parseDate: English and Swedish names, full and 3-letter, with or without a dot; a time of day after', () => {
    const read = (raw: string): string | undefined => parseDate(raw, 'MMM D YYYY') ?? parseDate(raw, 'D MMM YYYY');
    for (const raw of ['Jan 5 2026', 'Jan 5, 2026', 'January 5, 2026', 'Mon 05 Jan 2026', 'mån 5 jan 2026', 'Mon. Jan 5, 2026', 'måndag 5 januari 2026', '5 Jan 2026 14:32', 'Mon Jan 5 2026 10:00'])
      expect(read(raw), raw).toBe('2026-01-05');
    for (const raw of ['Tue 05 Jan 2026', 'Foo 5 Jan 2026', 'Jan 32, 2026', 'Jan 5 26', 'Mon 2026-01-05']) expect(read(raw), raw).toBeUndefined();
    // The longer abbreviations of Tuesday and Thursday, Swedish and English (8 January 2026 is a Thursday).
    for (const raw of ['tors 8 jan 2026', 'Thurs. Jan 8, 2026', 'Thur 08 Jan 2026']) expect(read(raw), raw).toBe('2026-01-08');
    expect(read('Tues 6 Jan 2026')).toBe('2026-01-06');
    // An e-mail-style timestamp: the zone after a blank, as an offset or a name (the day as written).
    for (const raw of ['Mon, 05 Jan 2026 14:32:00 +0100', '05 Jan 2026 14:32:00 GMT', '5 Jan 2026 14:32 UTC']) expect(read(raw), raw).toBe('2026-01-05');
    expect(parseDate('2026-01-05 14:32:00 +01:00', 'YYYY-MM-DD')).toBe('2026-01-05');
    for (const raw of ['05 Jan 2026 14:32:00 CET', '05 Jan 2026 14:32:00 +1']) expect(read(raw), raw).toBeUndefined();
    expect(read('tors 6 jan 2026')).toBeUndefined();
  });
});

describe('a generic payment word names no payment rail (`Allmän betalning`, a payment service in Swedish)', () => {
  it('rows typed `Allmän betalning` or `Betalning från webbplats` get no kind; fee and withdrawal keep theirs', () => {
    const s = parseStatement(fixture('generic/payment-service-swedish-general-payment.csv'));
    expect(s.transactions.map((t) => [t.amount, t.kind])).toEqual([
      [-120_000, undefined],
      [65_000, undefined],
      [-2_415, 'fee'],
      [-400_000, 'transfer'],
    ]);
  });

  it('the rail is still read where the text names it', () => {
    expect(classifyKind('Betalning', 'Allmän betalning')).toBeUndefined();
    expect(classifyKind('Betalning BG 5343-2795 Loopia')).toBe('bankgiro');
    expect(classifyKind('Betalning PG 4875503-7 Energikundse')).toBe('plusgiro');
    expect(classifyKind('Bankgirobetalning')).toBe('bankgiro');
    expect(classifyKind('Bg-bet. Hyra')).toBe('bankgiro');
  });
});

describe('a payment service’s balance and payout exports are dated by when the money is on the account', () => {
  it('balance transactions: `Available On`, not `Created` (kept as the other date)', () => {
    const s = parseStatement(fixture('generic/payment-service-lowercase-currency.csv'));
    expect(s.transactions.map((t) => [t.date, t.amount])).toEqual([
      ['2026-01-07', 125_000],
      ['2026-01-07', -3_213],
      ['2026-01-08', 49_900],
      ['2026-01-08', -1_422],
      ['2026-01-07', -49_900],
      ['2026-01-08', -120_365],
    ]);
    expect(s.transactions[0]?.valueDate).toBe('2026-01-05');
  });

  it('payouts: `Arrival Date`, the day the money reaches the bank account', () => {
    const s = parseStatement(fixture('generic/payment-service-payouts-arrival-date.csv'));
    expect(s.transactions.map((t) => [t.date, t.valueDate, t.amount])).toEqual([
      ['2026-01-13', '2026-01-09', 481_240],
      ['2026-01-12', '2026-01-08', 120_365],
      ['2026-01-07', '2026-01-05', 299_000],
    ]);
  });
});

describe('an `Account`/`Konto` column holding an account’s name, not its number', () => {
  it('keeps two named accounts’ rows apart, and reports the names as names, never as account numbers', () => {
    const s = parseStatement(fixture('generic/business-account-name-column.csv'));
    expect(s.accountNumber).toBeUndefined();
    expect(s.accountName).toBe('Main SEK');
    expect(s.transactions.map((t) => [t.amount, t.accountNumber, t.accountName])).toEqual([
      [-6_400, undefined, 'Main SEK'],
      [-200_000, undefined, 'Main SEK'],
      [200_000, undefined, 'Savings SEK'],
      [745_000, undefined, 'Main SEK'],
    ]);
    expect(codes(s)).toContain('ACCOUNTS_MIXED');
    // Each account's balance chain holds on its own.
    expect(codes(s)).not.toContain('BALANCE_CHAIN_BROKEN');
  });

  it('one named account (`Konto;Företagskonto`): its name, and no account number', () => {
    const s = parseStatement('Datum;Konto;Text;Belopp;Saldo\n2026-01-09;Företagskonto;Insättning;5 000,00;12 000,00\n2026-01-05;Företagskonto;Kortköp Bokhandeln;-250,00;7 000,00\n');
    expect([s.accountNumber, s.accountName]).toEqual([undefined, 'Företagskonto']);
    expect(s.transactions.map((t) => [t.accountNumber, t.accountName])).toEqual([
      [undefined, undefined],
      [undefined, undefined],
    ]);
  });

  it('a column of numbers is still the account number', () => {
    const s = parseStatement('Datum;Konto;Text;Belopp\n2026-01-09;9020 12 34567;Insättning;5 000,00\n2026-01-05;9020 12 34567;Kortköp;-250,00\n');
    expect([s.accountNumber, s.accountName]).toEqual(['9020 12 34567', undefined]);
    for (const n of ['8327-9, 123 456 789-0', '9020.12.34567', '5050-1055', '192 69 85-1', 'SE45 5000 0000 0583 9825 7466', '6123456789'])
      expect(looksLikeAccountNumber(n), n).toBe(true);
    for (const n of ['Main SEK', 'Företagskonto', 'Konto 1', 'SEK', '']) expect(looksLikeAccountNumber(n), n).toBe(false);
  });
});

describe('day or month first where every date reads both ways: the running balance proves the order', () => {
  const file = 'generic/payment-service-day-month-by-balance.csv';

  it('oldest first by the balance chain: only day first keeps the dates in that order', () => {
    const s = parseStatement(fixture(file));
    expect(s.transactions.filter((t) => t.kind !== 'fee').map((t) => [t.date, t.amount])).toEqual([
      ['2026-01-10', 85_000],
      ['2026-02-05', -40_000],
      ['2026-03-02', 120_000],
      ['2026-04-01', -300_000],
    ]);
    expect(codes(s)).not.toContain('BALANCE_CHAIN_BROKEN');
  });

  it('the same rows newest first: still day first', () => {
    const [head, ...rows] = text(file).trimEnd().split('\n');
    const s = parseStatement(`${[head, ...rows.reverse()].join('\n')}\n`);
    expect(s.transactions.map((t) => t.date)).toEqual(['2026-04-01', '2026-03-02', '2026-03-02', '2026-02-05', '2026-01-10', '2026-01-10']);
  });

  it('dates that only month first keeps in the chain’s order are read month first', () => {
    const swapped = text(file).replace('"10/01/2026"', '"A"').replace('"01/04/2026"', '"10/01/2026"').replace('"A"', '"01/04/2026"').replace('"05/02/2026"', '"B"').replace('"02/03/2026"', '"05/02/2026"').replace('"B"', '"02/03/2026"');
    const s = parseStatement(swapped);
    expect(s.transactions.filter((t) => t.kind !== 'fee').map((t) => t.date)).toEqual(['2026-01-04', '2026-02-03', '2026-05-02', '2026-10-01']);
  });

  it('no running balance, or one that proves no order: still refused as ambiguous, naming the column', () => {
    const noBalance = text(file).replace(/,"[\d,.-]+","([^"]+)"\n/g, ',"$1"\n').replace(',"Balance"', '');
    expect(() => parseStatement(noBalance, { fileName: 'p.csv' })).toThrow(expect.objectContaining({ code: 'AMBIGUOUS_FORMAT', field: 'Date' }));
    const broken = text(file).replace('"1,920.95"', '"1,900.00"').replace('"80.15"', '"99.00"');
    expect(() => parseStatement(broken)).toThrow(expect.objectContaining({ code: 'AMBIGUOUS_FORMAT' }));
  });
});

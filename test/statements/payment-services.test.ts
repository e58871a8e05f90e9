/**
 * Exports of payment services and business accounts beside the bank (fixtures/SOURCES.md: written
 * by hand from the general shape of such exports, invented names, ids and amounts; not copied).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseStatement } from '../../src/statements/index.js';
import { StatementParseError } from '../../src/core/errors.js';
import type { Statement } from '../../src/statements/types.js';

const fixture = (p: string): Uint8Array => readFileSync(new URL(`../../fixtures/statements/${p}`, import.meta.url));
const codes = (s: Statement): string[] => s.warnings.map((w) => w.code);

describe('an activity export with gross, fee and net, several currencies and row states', () => {
  const file = 'generic/payment-service-refund-fee-multi-currency.csv';

  it('a fee given back with a refund moves the balance up, not down', () => {
    const s = parseStatement(fixture(file));
    const refund = s.transactions.filter((t) => t.line === 7);
    expect(refund.map((t) => [t.amount, t.kind])).toEqual([
      [-145_000, undefined],
      [4_980, 'fee'],
    ]);
    // The sale's fee, written negative in the same file, is a cost.
    expect(s.transactions.filter((t) => t.line === 2).map((t) => t.amount)).toEqual([145_000, -4_980]);
  });

  it('each currency keeps its own running balance: no break, and the statement opens and closes in its own currency', () => {
    const s = parseStatement(fixture(file));
    expect(s.currency).toBe('SEK');
    expect(codes(s)).not.toContain('BALANCE_CHAIN_BROKEN');
    expect([s.openingBalance, s.closingBalance]).toEqual([0, 2_530]);
    expect(s.transactions.filter((t) => t.currency === 'EUR').map((t) => [t.line, t.amount])).toEqual([
      [4, 4_000],
      [4, -190],
      [5, -3_810],
    ]);
    expect(s.warnings.find((w) => w.code === 'CURRENCY_MIXED')?.lines).toContain(5);
  });

  it('a Denied payment never moved money: left out and named; a Pending one is kept out as pending', () => {
    const s = parseStatement(fixture(file));
    expect(s.transactions.some((t) => t.line === 9)).toBe(false);
    expect(s.warnings.find((w) => w.code === 'ROWS_VOID')?.lines).toEqual([9]);
    expect(s.warnings.find((w) => w.code === 'PENDING_EXCLUDED')?.lines).toContain(3);
  });

  it('a pending or foreign row with a fee is one line of the file: each warning names it once and counts it once', () => {
    const s = parseStatement(fixture(file));
    const pending = s.warnings.find((w) => w.code === 'PENDING_EXCLUDED');
    expect(pending?.lines).toEqual([3]);
    expect(pending?.message).toMatch(/^1 preliminary/);
    const foreign = s.warnings.find((w) => w.code === 'CURRENCY_MIXED');
    expect(foreign?.lines).toEqual([4, 5]);
    expect(foreign?.message).toMatch(/^2 row/);
  });

  it('as many fees of each sign: which are given back is unknown, refused naming the file, line and field', () => {
    const csv = ['Date,Name,Currency,Gross,Fee,Net', '2026-01-13,Kerstin Alm,SEK,1450.00,-49.80,1400.20', '2026-01-17,Kerstin Alm,SEK,-1450.00,49.80,-1400.20', ''].join('\n');
    let err: unknown;
    try {
      parseStatement(csv, { fileName: 'activity.csv' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StatementParseError);
    expect(err).toMatchObject({ code: 'AMBIGUOUS_FORMAT', file: 'activity.csv', line: 2, field: 'Fee' });
  });
});

describe('as many fees of each sign, with a running balance', () => {
  // One sale with its fee and one refund with its fee given back: two fees, one of each sign.
  const asMovement = [
    'Date,Name,Currency,Gross,Fee,Net,Balance',
    '2026-02-03,Vendela Strand,SEK,820.00,-27.40,792.60,1292.60',
    '2026-02-06,Vendela Strand,SEK,-820.00,27.40,-792.60,500.00',
    '',
  ].join('\n');
  // The same, with fees written as costs (positive) and the fee given back negative.
  const asCost = asMovement.replace('-27.40,792.60', '27.40,792.60').replace('27.40,-792.60', '-27.40,-792.60');
  const columns = { date: 'Date', amount: 'Gross', fee: 'Fee', balance: 'Balance', text: 'Name' } as const;
  const read = (s: Statement): number[][] => s.transactions.map((t) => [t.line, t.amount]);

  it('the balance chain says the fees are written as the movement: the refund gives its fee back', () => {
    const expected = [
      [2, 82_000],
      [2, -2_740],
      [3, -82_000],
      [3, 2_740],
    ];
    const s = parseStatement(asMovement, { fileName: 'sales.csv' });
    expect(read(s)).toEqual(expected);
    expect(codes(s)).not.toContain('BALANCE_CHAIN_BROKEN');
    expect(s.closingBalance).toBe(50_000);
    // The same reading where the caller names the columns (the table reader decides on its own).
    expect(read(parseStatement(asMovement, { fileName: 'sales.csv', columns }))).toEqual(expected);
  });

  it('the balance chain says the fees are written as costs: the negative one is given back', () => {
    const expected = [
      [2, 82_000],
      [2, -2_740],
      [3, -82_000],
      [3, 2_740],
    ];
    expect(read(parseStatement(asCost, { fileName: 'sales.csv' }))).toEqual(expected);
    expect(read(parseStatement(asCost, { fileName: 'sales.csv', columns }))).toEqual(expected);
  });

  it('a balance that fits neither reading does not decide: refused naming file, line and field', () => {
    const broken = asMovement.replace(',500.00', ',999.00');
    for (const options of [{ fileName: 'sales.csv' }, { fileName: 'sales.csv', columns }]) {
      let err: unknown;
      try {
        parseStatement(broken, options);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(StatementParseError);
      expect(err).toMatchObject({ code: 'AMBIGUOUS_FORMAT', file: 'sales.csv', line: 2, field: 'Fee' });
    }
  });
});

describe('gross, fee and net: the net is the amount and the fee together', () => {
  const payouts = (net: string): string =>
    ['Date,Name,Currency,Gross,Fee,Net', '2026-03-02,Saga Holm,SEK,640.00,-22.10,617.90', `2026-03-04,Saga Holm,SEK,1280.00,-40.20,${net}`, '2026-03-05,Saga Holm,SEK,-640.00,22.10,-617.90', ''].join('\n');
  const refused = (f: () => unknown): unknown => {
    try {
      f();
    } catch (e) {
      return e;
    }
    return undefined;
  };

  it('a row whose net adds up is read (a refund with its fee given back too)', () => {
    const s = parseStatement(payouts('1239.80'), { fileName: 'payouts.csv' });
    expect(s.transactions.map((t) => t.amount)).toEqual([64_000, -2_210, 128_000, -4_020, -64_000, 2_210]);
  });

  it('a row whose net does not is refused naming file, line and field, by header and by the caller\'s columns', () => {
    for (const options of [{ fileName: 'payouts.csv' }, { fileName: 'payouts.csv', columns: { date: 'Date', amount: 'Gross', fee: 'Fee', net: 'Net', text: 'Name' } }]) {
      const err = refused(() => parseStatement(payouts('1293.80'), options));
      expect(err).toBeInstanceOf(StatementParseError);
      expect(err).toMatchObject({ code: 'INVALID_AMOUNT', file: 'payouts.csv', line: 3, field: 'Net' });
    }
  });

  it('lenient: that row is left out and named, the others read', () => {
    const s = parseStatement(payouts('1293.80'), { fileName: 'payouts.csv', lenient: true });
    expect(s.transactions.map((t) => t.line)).toEqual([2, 2, 4, 4]);
    expect(s.warnings.find((w) => w.code === 'ROW_SKIPPED')?.lines).toEqual([3]);
  });

  it('where the balance shows the fee is inside the amount already, the amount is the net: nothing to add', () => {
    const csv = ['Date,Text,Amount,Fee,Net,Balance', '2026-03-02,Order 11,617.90,22.10,617.90,1617.90', '2026-03-05,Payout,-200.00,0.00,-200.00,1417.90', '2026-03-06,Order 12,1239.80,40.20,1239.80,2657.70', ''].join('\n');
    const s = parseStatement(csv, { fileName: 'payouts.csv' });
    expect(s.transactions.map((t) => t.amount)).toEqual([61_790, -20_000, 123_980]);
  });
});

describe('report headers in snake_case with the time zone after an underscore', () => {
  it('available_on_utc dates the row, created_utc is the other date, gross and fee are read', () => {
    const s = parseStatement(fixture('generic/payment-service-snake-case-utc.csv'));
    expect(s.transactions.map((t) => [t.line, t.date, t.valueDate, t.amount])).toEqual([
      [2, '2026-03-04', '2026-03-02', 125_000],
      [2, '2026-03-04', '2026-03-02', -3_213],
      [3, '2026-03-04', '2026-03-02', 249_000],
      [3, '2026-03-04', '2026-03-02', -6_020],
      [4, '2026-03-04', '2026-03-03', -49_900],
    ]);
    expect(s.transactions[2]?.text).toBe('Order 2002, gift wrap');
  });

  it('a settlement report dated by sale_date is read', () => {
    const csv = ['merchant_id,payment_reference,type,amount,currency,sale_date', 'K1,P1,SALE,1999.00,SEK,2026-05-01', 'K1,P2,RETURN,-499.00,SEK,2026-05-03', ''].join('\n');
    const s = parseStatement(csv);
    expect(s.transactions.map((t) => [t.date, t.amount])).toEqual([
      ['2026-05-01', 199_900],
      ['2026-05-03', -49_900],
    ]);
  });
});

describe('a balance-impact column: a memo row moved no money', () => {
  it('rows whose impact is Memo (an authorisation, an order) are left out as void; the running balance holds without them', () => {
    const s = parseStatement(fixture('generic/payment-service-balance-impact.csv'), { fileName: 'aktivitet.csv' });
    expect(s.transactions.map((t) => [t.line, t.date, t.amount, t.text])).toEqual([
      [2, '2026-03-09', -4_980, 'Fee: Anna Berg'],
      [2, '2026-03-09', 145_000, 'Anna Berg'],
      [4, '2026-03-07', -4_510, 'Fee: Lisa Ek'],
      [4, '2026-03-07', 129_000, 'Lisa Ek'],
      [6, '2026-03-04', -8_980, 'Frakt Direkt'],
    ]);
    expect([s.openingBalance, s.closingBalance]).toEqual([10_000, 265_530]);
    expect(s.warnings.find((w) => w.code === 'ROWS_VOID')?.lines).toEqual([3, 5]);
    expect(codes(s)).not.toContain('BALANCE_CHAIN_BROKEN');
  });
});

/**
 * Every real bank file from ../shared/corpus/bank (copied to fixtures/statements, see
 * fixtures/SOURCES.md): count, first and last row, total in öre and the balance chain. Sums and
 * counts were computed from the files with a separate script, not taken from kontera's output.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseStatement } from '../../src/statements/index.js';
import type { BankTransaction, StatementFormatId } from '../../src/statements/types.js';

const fixture = (p: string): Uint8Array => readFileSync(new URL(`../../fixtures/statements/${p}`, import.meta.url));

interface Expected {
  readonly file: string;
  readonly format: StatementFormatId;
  readonly encoding: string;
  readonly account?: string;
  readonly count: number;
  readonly sum: number;
  readonly first: Partial<BankTransaction>;
  readonly last: Partial<BankTransaction>;
  readonly opening?: number;
  readonly closing?: number;
  /** Lines where the running balance must be reported broken ([] = the chain holds). */
  readonly breaks?: readonly number[];
}

const CASES: readonly Expected[] = [
  {
    file: 'ica/kr-suffix-account-line.csv',
    format: 'ica',
    encoding: 'utf-8',
    account: '9274-261 123 8',
    count: 12,
    sum: -1_648_961,
    first: { line: 3, date: '2023-09-30', amount: -100_000, balance: 164_489, text: 'Överföring.s' },
    last: { line: 14, date: '2023-09-27', amount: -29_753, balance: 1_783_697, text: 'Trygg-Hansa', kind: 'bankgiro' },
    opening: 1_813_450,
    closing: 164_489,
    breaks: [],
  },
  {
    file: 'nordea/foretag-2022-iso-dates.csv',
    format: 'nordea-2022',
    encoding: 'utf-8',
    account: '192 69 56-2',
    count: 23,
    sum: -11_010_140,
    first: { line: 2, date: '2022-05-12', amount: -4_733_300, balance: 26_843_465, text: 'SKATTEVERKET', reference: '1655682368139', counterpartyAccount: '5050-1055', kind: 'tax-account' },
    last: { line: 24, date: '2022-01-03', amount: 2_693_300, balance: 40_546_905, text: 'BG INBETALNINGAR', counterpartyAccount: undefined },
    opening: 40_546_905 - 2_693_300,
    closing: 26_843_465,
    breaks: [],
  },
  {
    file: 'nordea/foretag-2022-plusgirokonto.csv',
    format: 'nordea-2022',
    encoding: 'utf-8',
    account: '192 69 85-1',
    count: 25,
    sum: -4_284_501,
    first: { line: 2, date: '2022-05-23', amount: -184_400, text: 'Lindesbergs Gummiverkstad AB', counterpartyAccount: '5995-4438', reference: '2261467464' },
    last: { line: 26, date: '2022-04-26', amount: 25_000_000, balance: undefined, text: 'Insättning', reference: 'FR DEPÅLIKVIDKONTO', counterpartyAccount: '37680566720' },
    closing: 32_986_652,
    breaks: [],
  },
  {
    file: 'swedbank/csv-2019-utf8.csv',
    format: 'swedbank-csv',
    encoding: 'utf-8',
    account: '12345-1234567890',
    count: 10,
    sum: -120_996,
    first: { line: 3, date: '2019-11-20', amount: -11_885, balance: 1_000_000, text: 'HEMKÖP' },
    last: { line: 12, date: '2019-11-18', valueDate: '2019-11-16', amount: -21_515, balance: 1_168_111, text: 'COOP' },
    // The sample's balances do not follow its amounts (it is a synthetic test file): every row but the oldest breaks.
    breaks: [3, 4, 5, 6, 7, 8, 9, 10, 11],
  },
  {
    file: 'swedbank/csv-2020-cp1252-crlf.csv',
    format: 'swedbank-csv',
    encoding: 'windows-1252',
    account: '12345-1234567890',
    count: 10,
    sum: -129_397,
    first: { line: 3, date: '2020-02-03', valueDate: '2020-02-02', amount: -1_485, balance: 1_000_000, text: 'COOP' },
    last: { line: 12, date: '2020-01-28', amount: -6_446, balance: 1_127_912, text: 'ICA SUPERMARKET' },
    breaks: [3, 4, 5, 6, 7, 8, 9, 10, 11],
  },
  {
    file: 'swedbank/tab-2015.txt',
    format: 'swedbank-tab-2015',
    encoding: 'utf-8',
    count: 7,
    sum: -39_155,
    first: { line: 1, date: '2015-01-05', valueDate: '2015-01-03', amount: -802, balance: 656_018, text: 'PATREON.COM' },
    last: { line: 7, date: '2014-12-29', valueDate: '2014-12-27', amount: -4_900, balance: 1_714_154, text: 'SPOTIFY Spotify' },
    // 2014-12-29 → 2015-01-02 skips rows; the newest row's balance is 95 kr off.
    breaks: [1, 5],
  },
  {
    file: 'swedbank/spaces-2015.txt',
    format: 'swedbank-tab-2015',
    encoding: 'utf-8',
    count: 7,
    sum: -39_155,
    first: { line: 1, date: '2015-01-05', amount: -802, balance: 656_018, text: 'PATREON.COM' },
    last: { line: 7, date: '2014-12-29', amount: -4_900, text: 'SPOTIFY Spotify' },
    breaks: [1, 5],
  },
  {
    file: 'swedbank/short-2017-headerless.csv',
    format: 'swedbank-short-2017',
    encoding: 'utf-8',
    count: 10,
    sum: -188_833,
    first: { line: 1, date: '2017-11-16', amount: -51_200, balance: 1_063_540, text: 'PRESSBYRÅN' },
    last: { line: 10, date: '2017-11-10', amount: -13_325, balance: 1_238_748, text: 'HEMKÖP' },
    breaks: [2],
  },
  {
    file: 'swedbank/fixed-2015-sokta-transaktioner.txt',
    format: 'swedbank-fixed-2015',
    encoding: 'utf-8',
    account: '12345-1234567890',
    count: 11,
    sum: -330_778,
    first: { line: 7, date: '2015-01-05', valueDate: '2015-01-03', amount: -802, text: 'Kortköp/uttag', counterparty: 'PATREON.COM', kind: 'card' },
    last: { line: 17, date: '2014-12-22', amount: -100_000, text: 'Kortköp/uttag', counterparty: undefined },
  },
];

/** The expected fields that must be present (undefined ones must be absent, checked separately). */
function defined(o: Partial<BankTransaction>): Partial<BankTransaction> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

describe('real bank exports from the corpus', () => {
  for (const c of CASES) {
    it(`${c.file}: ${c.count} rows, ${c.sum} öre`, () => {
      const s = parseStatement(fixture(c.file), { fileName: c.file });
      expect(s.format).toBe(c.format);
      expect(s.encoding).toBe(c.encoding);
      if (c.account !== undefined) expect(s.accountNumber).toBe(c.account);
      expect(s.currency).toBe('SEK');
      expect(s.transactions).toHaveLength(c.count);
      expect(s.transactions.reduce((a, t) => a + t.amount, 0)).toBe(c.sum);
      expect(s.transactions[0]).toMatchObject(defined(c.first));
      expect(s.transactions[s.transactions.length - 1]).toMatchObject(defined(c.last));
      for (const [k, v] of Object.entries(c.first)) if (v === undefined) expect(s.transactions[0]?.[k as keyof BankTransaction]).toBeUndefined();
      for (const [k, v] of Object.entries(c.last)) if (v === undefined) expect(s.transactions[s.transactions.length - 1]?.[k as keyof BankTransaction]).toBeUndefined();
      if (c.opening !== undefined) expect(s.openingBalance).toBe(c.opening);
      if (c.closing !== undefined) expect(s.closingBalance).toBe(c.closing);
      if (c.breaks !== undefined) {
        const chain = s.warnings.find((w) => w.code === 'BALANCE_CHAIN_BROKEN');
        if (c.breaks.length === 0) expect(chain).toBeUndefined();
        else expect(chain?.lines).toEqual(c.breaks);
      }
      for (const t of s.transactions) {
        expect(Number.isSafeInteger(t.amount)).toBe(true);
        expect(t.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(t.id).toMatch(/^[0-9a-f]{16}$/);
      }
    });
  }

  it('Swedbank "Sökta transaktioner" over three accounts keeps each row’s account and flags the USD rows', () => {
    const s = parseStatement(fixture('swedbank/fixed-2015-three-accounts-usd-rows.txt'));
    expect(s.transactions).toHaveLength(11);
    expect(s.warnings.find((w) => w.code === 'ACCOUNTS_MIXED')?.message).toContain('3 accounts');
    expect(s.warnings.find((w) => w.code === 'CURRENCY_MIXED')?.lines).toEqual([7, 12, 17]);
    expect(s.transactions.map((t) => t.accountNumber)).toEqual([
      '12345-1234567890',
      '12345-1234567890',
      '12345-1234567890',
      '12345-1234567890',
      '23456-2345678901',
      '23456-2345678901',
      '23456-2345678901',
      '23456-2345678901',
      '23456-2345678901',
      '23456-2345678901',
      '34567-3456789012',
    ]);
    expect(s.transactions[0]).toMatchObject({ currency: 'USD', amount: -802 });
    expect(s.transactions[1]?.currency).toBeUndefined();
    expect(s.transactions[3]).toMatchObject({ text: 'Bankomatuttag', kind: 'transfer' });
  });

  it('Nordea carries the running balance over rows whose Saldo is empty (one balance per day)', () => {
    const s = parseStatement(fixture('nordea/foretag-2022-iso-dates.csv'));
    const empty = s.transactions.filter((t) => t.balance === undefined);
    expect(empty.length).toBe(5);
    expect(s.warnings).toEqual([]);
  });
});

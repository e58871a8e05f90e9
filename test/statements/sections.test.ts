/**
 * Files in sections: one export holding several accounts or periods, each introduced by its own
 * heading lines and its own column header (hand-built fixtures with invented names and amounts,
 * fixtures/SOURCES.md). Every section's rows are read, each attributed to the account its
 * heading names, and each section's balance chain is checked on its own.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { StatementParseError } from '../../src/core/errors.js';
import { parseStatement } from '../../src/statements/index.js';
import type { Statement } from '../../src/statements/types.js';

const fixture = (p: string): Uint8Array => readFileSync(new URL(`../../fixtures/statements/${p}`, import.meta.url));
const rows = (s: Statement) => s.transactions.map((t) => [t.line, t.date, t.amount, t.balance, t.accountNumber]);
const codes = (s: Statement) => s.warnings.map((w) => w.code);

describe('two accounts in one export', () => {
  const s = parseStatement(fixture('sections/two-accounts-semicolon.csv'));
  it('reads every section, each row with its account', () => {
    expect(s.format).toBe('generic-csv');
    expect(rows(s)).toEqual([
      [5, '2026-03-28', -24_900, 1_243_100, '9123-4567801'],
      [6, '2026-03-25', -312_000, 1_268_000, '9123-4567801'],
      [7, '2026-03-20', 500_000, 1_580_000, '9123-4567801'],
      [8, '2026-03-02', -4_500, 1_080_000, '9123-4567801'],
      [14, '2026-03-31', 1_240, 5_001_240, '9123-4567819'],
      [15, '2026-03-15', 1_000_000, 5_000_000, '9123-4567819'],
      [16, '2026-03-01', -500_000, 4_000_000, '9123-4567819'],
    ]);
  });
  it('checks each account\'s balance chain on its own (no break where the accounts meet)', () => {
    expect(codes(s)).not.toContain('BALANCE_CHAIN_BROKEN');
    expect(s.sections).toEqual([
      {
        line: 1,
        heading: 'Kontoutdrag · Konto: Företagskonto 9123-4567801 · Period: 2026-03-01 – 2026-03-31',
        accountNumber: '9123-4567801',
        period: { from: '2026-03-01', to: '2026-03-31' },
        openingBalance: 1_084_500,
        closingBalance: 1_243_100,
        count: 4,
      },
      {
        line: 11,
        heading: 'Konto: Sparkonto 9123-4567819 · Period: 2026-03-01 – 2026-03-31',
        accountNumber: '9123-4567819',
        period: { from: '2026-03-01', to: '2026-03-31' },
        openingBalance: 4_500_000,
        closingBalance: 5_001_240,
        count: 3,
      },
    ]);
  });
  it('names the line where the second account starts; no statement-wide balances across two accounts', () => {
    const mixed = s.warnings.find((w) => w.code === 'ACCOUNTS_MIXED');
    expect(mixed?.lines).toEqual([11]);
    expect(mixed?.message).toContain('line(s) 11');
    expect(s.openingBalance).toBeUndefined();
    expect(s.closingBalance).toBeUndefined();
    expect(s.period).toEqual({ from: '2026-03-01', to: '2026-03-31' });
  });
  it('a wrong row breaks only its own section\'s chain, and a wrong closing line is named', () => {
    const text = new TextDecoder().decode(fixture('sections/two-accounts-semicolon.csv'));
    const broken = parseStatement(text.replace('2026-03-15;Överföring från 9123-4567801;10 000,00', '2026-03-15;Överföring från 9123-4567801;9 000,00'));
    expect(broken.warnings.find((w) => w.code === 'BALANCE_CHAIN_BROKEN')?.lines).toEqual([15]);
    const closing = parseStatement(text.replace(';Utgående saldo 2026-03-31;;12 431,00', ';Utgående saldo 2026-03-31;;12 432,00'));
    expect(closing.warnings.find((w) => w.code === 'BALANCE_CHAIN_BROKEN')?.lines).toEqual([9]);
  });
  it('the same rows under two accounts get different ids', () => {
    const one = 'Konto: Sparkonto 9123-4567819\nDatum;Text;Belopp;Saldo\n2026-03-01;Ränta;1,00;101,00\n\nKonto: Lönekonto 9123-4567827\nDatum;Text;Belopp;Saldo\n2026-03-01;Ränta;1,00;101,00\n';
    const [a, b] = parseStatement(one).transactions;
    expect(a?.accountNumber).toBe('9123-4567819');
    expect(b?.accountNumber).toBe('9123-4567827');
    expect(a?.id).not.toBe(b?.id);
  });
});

describe('one account, one section per period', () => {
  const s = parseStatement(fixture('sections/one-account-two-periods-tab.txt'));
  it('reads both periods as one account with one opening and one closing balance', () => {
    expect(s.accountNumber).toBe('8105-9 912 345 678-4');
    expect(s.transactions.map((t) => [t.line, t.amount])).toEqual([
      [6, 200_000],
      [7, -64_050],
      [8, -120_000],
      [12, 30_000],
      [13, -39_900],
    ]);
    expect(s.transactions.every((t) => t.accountNumber === undefined)).toBe(true);
    expect(s.openingBalance).toBe(50_000);
    expect(s.closingBalance).toBe(56_050);
    expect(s.sections?.map((x) => [x.line, x.period, x.openingBalance, x.closingBalance, x.count])).toEqual([
      [1, { from: '2026-01-01', to: '2026-01-31' }, 50_000, 65_950, 3],
      [10, { from: '2026-02-01', to: '2026-02-28' }, 65_950, 56_050, 2],
    ]);
    expect(codes(s)).toEqual(['COLUMNS_DETECTED']);
    expect(s.period).toEqual({ from: '2026-01-01', to: '2026-02-28' });
  });
  it('a gap between two periods (a missing row) is a break on the later section\'s header', () => {
    const text = new TextDecoder().decode(fixture('sections/one-account-two-periods-tab.txt'));
    const gap = parseStatement(text.replace('2026-02-04\tSwish Kalle\t300,00\t959,50', '2026-02-04\tSwish Kalle\t300,00\t1 059,50').replace('-399,00\t560,50', '-399,00\t660,50'));
    expect(gap.warnings.find((w) => w.code === 'BALANCE_CHAIN_BROKEN')?.lines).toEqual([11]);
  });
});

describe('what is not a file in sections', () => {
  it('a header repeated after a page break, with no heading, in a file with heading lines reads as one table as before', () => {
    // A file that starts with its header reads a bare repeated header as the next export's (joined.test.ts).
    const text = 'Kontoutdrag\nDatum;Text;Belopp;Saldo\n2026-01-02;A;-1,00;9,00\n2026-01-03;B;-1,00;8,00\n\nDatum;Text;Belopp;Saldo\n2026-01-04;C;-1,00;7,00\n';
    const s = parseStatement(text);
    expect(s.sections).toBeUndefined();
    expect(s.transactions.map((t) => t.line)).toEqual([3, 4, 7]);
    expect(codes(s)).toEqual(['COLUMNS_DETECTED']);
  });
  it('an account named by its kind of account (`Sparkonto 9123-…`, no `Konto:` label) is read', () => {
    const text = 'Lönekonto 9123-4567801\nDatum;Text;Belopp\n2026-01-02;A;-1,00\n\nSparkonto 9123-4567819\nDatum;Text;Belopp\n2026-01-03;B;2,00\n';
    const s = parseStatement(text);
    expect(s.transactions.map((t) => t.accountNumber)).toEqual(['9123-4567801', '9123-4567819']);
  });
  it('a first section with no account before sections that name one is refused, naming the line', () => {
    const text = 'Datum;Text;Belopp\n2026-01-02;A;-1,00\n\nKonto: Sparkonto 9123-4567819\nDatum;Text;Belopp\n2026-01-03;B;2,00\n';
    let error: unknown;
    try {
      parseStatement(text, { fileName: 'x.csv' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StatementParseError);
    expect(error).toMatchObject({ code: 'AMBIGUOUS_FORMAT', line: 1 });
    expect((error as Error).message).toContain('line 4');
  });
});

describe('section boundaries', () => {
  it('an opening balance under a heading belongs to the new section; trailing delimiters on a repeated header do not matter', () => {
    const text = [
      'Konto;Företagskonto 9123-4567801;;',
      'Datum;Text;Belopp;Saldo',
      '2026-01-02;A;-1,00;9,00',
      ';Utgående saldo;;9,00',
      '',
      'Konto;Sparkonto 9123-4567819;;',
      ';Ingående saldo;;100,00',
      'Datum;Text;Belopp;Saldo;;',
      '2026-01-03;B;2,00;102,00',
      '',
    ].join('\n');
    const s = parseStatement(text);
    expect(s.transactions.map((t) => [t.line, t.accountNumber])).toEqual([
      [3, '9123-4567801'],
      [9, '9123-4567819'],
    ]);
    expect(s.sections?.map((x) => [x.line, x.accountNumber, x.openingBalance, x.closingBalance])).toEqual([
      [1, '9123-4567801', 1_000, 900],
      [6, '9123-4567819', 10_000, 10_200],
    ]);
    expect(codes(s)).not.toContain('BALANCE_CHAIN_BROKEN');
    const wrong = parseStatement(text.replace(';Ingående saldo;;100,00', ';Ingående saldo;;101,00'));
    expect(wrong.warnings.find((w) => w.code === 'BALANCE_CHAIN_BROKEN')?.lines).toEqual([7]);
  });
});

describe('rows at a section\'s end', () => {
  it('a pending row without a date just above the next heading is a row, not part of the heading', () => {
    const text = [
      'Konto: Lönekonto 9123-4567801',
      'Datum;Text;Belopp',
      '2026-01-02;A;-1,00',
      'Reserverat;Kortköp B;-2,00',
      '',
      'Konto: Sparkonto 9123-4567819',
      'Datum;Text;Belopp',
      '2026-01-03;C;3,00',
    ].join('\n');
    const s = parseStatement(text, { includePending: true });
    expect(s.transactions.map((t) => [t.line, t.amount, t.pending, t.accountNumber])).toEqual([
      [3, -100, undefined, '9123-4567801'],
      [4, -200, true, '9123-4567801'],
      [8, 300, undefined, '9123-4567819'],
    ]);
    expect(s.sections?.map((x) => [x.line, x.count])).toEqual([
      [1, 2],
      [6, 1],
    ]);
  });
});

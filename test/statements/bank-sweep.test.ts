/**
 * A robustness sweep over statement exports no fixture had: each file under fixtures/statements
 * was written by hand in the layout a bank or payment app writes (invented names and numbers), and
 * each test holds what kontera read wrong or refused before.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseStatement } from '../../src/statements/index.js';
import { FormatDetectionError } from '../../src/core/errors.js';
import { ColumnAmbiguityError } from '../../src/statements/formats/header.js';
import type { Statement } from '../../src/statements/types.js';

const fixture = (path: string): Buffer => readFileSync(new URL(`../../fixtures/statements/${path}`, import.meta.url));
const read = (path: string, options: Parameters<typeof parseStatement>[1] = {}): Statement => parseStatement(fixture(path), { fileName: path, ...options });
const rows = (s: Statement) => s.transactions.map((t) => [t.line, t.date, t.amount, t.balance, t.text]);

describe('headers the synonym table did not hold', () => {
  it("a payment app's Swedish interface (`Startdatum`, `Datum slutfört`, `Tillstånd`) is read as its English one is", () => {
    const s = read('generic/revolut-personal-swedish-ui.csv');
    expect(s.format).toBe('generic-csv');
    // The booking date is the day the payment completed; the pending row (no completion date, `VÄNTANDE`) waits.
    expect(rows(s)).toEqual([
      [2, '2026-10-31', -37_450, 4_825_000, 'Clas Ohlson'],
      [3, '2026-10-15', -100_000, 4_862_450, 'Till Anna Ek'],
      [5, '2026-10-02', 500_000, 4_962_450, 'Påfyllning från 1234 56 78901'],
    ]);
    expect(s.transactions[0]?.valueDate).toBe('2026-10-30');
    expect(s.detected?.columns).toMatchObject({ date: 'Datum slutfört', valueDate: 'Startdatum', amount: 'Belopp', balance: 'Saldo', text: 'Beskrivning' });
    expect(s.warnings.find((w) => w.code === 'PENDING_EXCLUDED')?.lines).toEqual([4]);
    const all = read('generic/revolut-personal-swedish-ui.csv', { includePending: true });
    expect(all.transactions.find((t) => t.line === 4)).toMatchObject({ date: '2026-10-14', amount: -9_900, pending: true, text: 'Adobe' });
  });

  it('a text column named by a compound of `text` (`Verifikationstext`) is the text, not left out', () => {
    const s = read('generic/verifikationstext-kr-headers-cp1252.csv');
    expect(rows(s)).toEqual([
      [3, '2026-10-30', -1_250_000, 4_825_000, 'Hyra oktober'],
      [4, '2026-10-15', 312_500, 6_075_000, 'Kund AB faktura 1042'],
      [5, '2026-10-02', -37_450, 5_762_500, 'Clas Ohlson'],
    ]);
    expect(s.detected?.columns).toMatchObject({ text: 'Verifikationstext', amount: 'Belopp kr', balance: 'Saldo kr' });
  });

  it('a date named by a compound of `datum` and a text column of any name whose cells are words are read', () => {
    const s = read('generic/unnamed-text-column-registreringsdatum.csv');
    expect(rows(s)).toEqual([
      [2, '2026-10-30', -1_250_000, 4_825_000, 'Hyra oktober'],
      [3, '2026-10-15', 312_500, 6_075_000, 'Kund AB faktura 1042'],
      [4, '2026-10-02', -37_450, 5_762_500, 'Clas Ohlson'],
    ]);
    expect(s.detected?.columns).toMatchObject({ date: 'Registreringsdatum', text: 'Notering' });
    expect(s.warnings.find((w) => w.code === 'COLUMNS_DETECTED')?.message).toContain('"Notering" read as the text');
  });

  it('a second date named by a compound (`Förfallodatum`) beside a booking date stays unread, and a column of numbers is never the text', () => {
    const s = parseStatement('Bokföringsdag;Förfallodatum;Belopp;Ref nr\n2026-10-30;2026-10-31;-12500,00;12345\n');
    expect(s.transactions.map((t) => [t.date, t.valueDate, t.amount, t.text])).toEqual([['2026-10-30', undefined, -1_250_000, '']]);
  });
});

describe('the account number in a title row', () => {
  it("a Swedbank or Sparbank account (`8214-9 913 456 789-0`, a clearing number with its check digit) is read after `Kontoutdrag` and as a title row's only number", () => {
    const s = read('generic/sparbank-title-row-clearing-check-digit-cp1252.csv');
    expect(s.accountNumber).toBe('8214-9 913 456 789-0');
    expect(s.encoding).toBe('windows-1252');
    expect(rows(s)).toEqual([
      [5, '2026-10-30', -129_900, 2_370_100, 'Bg-bet. via internet TELIA'],
      [6, '2026-10-29', 500_000, 2_500_000, 'Bankgiro inbetalning 51234'],
      [7, '2026-10-28', -12_500, 2_000_000, 'PRIS NYCKELKUND'],
    ]);
  });

  it('every label of a title cell is tried: `Kontoutdrag Företagskonto <number>` names the account after the second', () => {
    expect(read('generic/verifikationstext-kr-headers-cp1252.csv').accountNumber).toBe('8327-9 913 456 789-0');
    expect(parseStatement('Kontoutdrag Företagskonto 91234567\nDatum;Text;Belopp\n2026-10-30;Hyra;-1,00\n').accountNumber).toBe('91234567');
    // A statement's serial number after `Kontoutdrag` alone is still no account.
    expect(parseStatement('Kontoutdrag 91234567\nDatum;Text;Belopp\n2026-10-30;Hyra;-1,00\n').accountNumber).toBeUndefined();
  });
});

describe('the period the title rows state', () => {
  it("is the statement's period: Swedbank's `* Transaktioner Period …` line, a `Period` row, day-first dates with dots", () => {
    expect(read('swedbank/csv-2020-cp1252-crlf.csv').period).toEqual({ from: '2020-01-01', to: '2020-02-02' });
    expect(read('generic/sparbank-title-row-clearing-check-digit-cp1252.csv').period).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    const s = read('generic/english-ui-iban-dotted-period.csv');
    expect(s.period).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(s.accountNumber).toBe('SE12 2300 0000 0001 2345 6789');
    // The export date below it is no period; rows are read as before.
    expect(rows(s)).toEqual([
      [6, '2026-10-30', -125_000, 4_825_000, 'Loopia AB'],
      [7, '2026-10-15', 312_500, 4_950_000, 'Kund AB'],
      [8, '2026-10-02', -37_450, 4_637_500, 'Clas Ohlson'],
    ]);
  });

  it('a file whose title rows state none has none, and a reversed pair of dates is no period', () => {
    expect(read('generic/unnamed-text-column-registreringsdatum.csv').period).toBeUndefined();
    expect(parseStatement('Period 2026-10-31 - 2026-10-01\nDatum;Text;Belopp\n2026-10-30;Hyra;-1,00\n').period).toBeUndefined();
  });

  it("in a file of sections, only the first of which states a period, that period is not the file's", () => {
    const s = parseStatement(
      'Konto: Sparkonto 9123-4567819\nPeriod: 2026-03-01 - 2026-03-31\nDatum;Text;Belopp;Saldo\n2026-03-02;Ränta;1,00;101,00\n\nKonto: Lönekonto 9123-4567827\nDatum;Text;Belopp;Saldo\n2026-04-02;Lön;5,00;105,00\n',
    );
    expect(s.sections?.map((x) => x.period)).toEqual([{ from: '2026-03-01', to: '2026-03-31' }, undefined]);
    expect(s.period).toBeUndefined();
  });
});

describe('a message and a reference column', () => {
  it('a row without a message keeps the reference (an OCR number in `Reference` beside an empty `Message`)', () => {
    const s = read('generic/english-ui-iban-dotted-period.csv');
    expect(s.transactions.map((t) => [t.line, t.reference])).toEqual([
      [6, '1234567890'],
      [7, 'Faktura 1042'],
      [8, undefined],
    ]);
    expect(s.warnings.find((w) => w.code === 'COLUMNS_DETECTED')?.message).toContain('A row without "Message" takes its reference from "Reference"');
  });
});

describe('a refusal of a table whose header lacks the date or the amount', () => {
  it('names the line of the header, what it understood and the names it did not', () => {
    let error: unknown;
    try {
      read('invalid/payment-app-unknown-date-headers.csv');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FormatDetectionError);
    const e = error as FormatDetectionError;
    expect(e.code).toBe('UNKNOWN_FORMAT');
    expect(e.file).toBe('invalid/payment-app-unknown-date-headers.csv');
    expect(e.line).toBe(1);
    expect(e.message).toContain('line 1 looks like the column header (');
    expect(e.message).toContain('"Belopp" amount');
    expect(e.message).toContain('but no column names a date; not understood: "Påbörjades", "Klar"');
    expect(e.message).toContain('(pass `columns` to read it as a generic CSV)');
  });

  it('says when the amount is what is missing, and nothing of the kind for a file with no header-like row', () => {
    expect(() => parseStatement('Kontoutdrag\nBokföringsdag;Text;Kronor och ören\n2026-10-30;Hyra;-1 250,00\n')).toThrow(/line 2 looks like the column header .* but no column names an amount/);
    expect(() => parseStatement('Hyra;-12500,00;48250,00\nKund AB;3125,00;60750,00\n')).toThrow(/^Unknown statement format: expected the header or layout of a known bank export; best candidates/);
  });
});

describe('money cells that name their currency', () => {
  it('a currency account saved with a spreadsheet currency format (`-1 250,00 €`) is read in that currency', () => {
    const s = read('generic/currency-account-euro-sign-cp1252.csv');
    expect(s.currency).toBe('EUR');
    expect(s.accountNumber).toBe('6123-123 456 789');
    expect(rows(s)).toEqual([
      [3, '2026-10-30', -125_000, 482_500, 'Hyra lager Hamburg'],
      [4, '2026-10-15', 312_500, 607_500, 'Kund GmbH'],
      [5, '2026-10-02', -1_250, 295_000, 'Bankavgift'],
    ]);
    expect(s.transactions.every((t) => t.currency === undefined)).toBe(true);
    expect(s.openingBalance).toBe(296_250);
  });

  it('`-$1,250.00`, `$4,825.00` and `($12.50)` are dollars', () => {
    const s = read('generic/english-dollar-sign-amounts.csv');
    expect(s.currency).toBe('USD');
    expect(rows(s)).toEqual([
      [2, '2026-10-30', -125_000, 482_500, 'Rent warehouse'],
      [3, '2026-10-15', 312_500, 607_500, 'Client Inc'],
      [4, '2026-10-02', -1_250, 295_000, 'Wire fee'],
    ]);
  });

  it('a word after the number is still no amount, and a SEK file with one foreign-marked row keeps that row in its currency', () => {
    expect(() => parseStatement('Datum;Text;Belopp\n2026-10-30;Hyra;-1 250,00 EURO\n')).toThrow(/Invalid amount.*"-1 250,00 EURO"/);
    const s = parseStatement('Datum;Text;Belopp;Valuta\n2026-10-30;Hyra;-1 250,00;SEK\n2026-10-29;Hotell;-99,00 EUR;\n2026-10-28;Kund;500,00;SEK\n');
    expect(s.currency).toBe('SEK');
    expect(s.transactions.map((t) => [t.amount, t.currency])).toEqual([[-125_000, undefined], [-9_900, 'EUR'], [50_000, undefined]]);
  });
});

describe('a totals row with a date', () => {
  it('a row named as a total whose amount is the sum of the rows above is a footer, not a transaction', () => {
    const s = read('generic/dated-totals-row-split-columns.csv');
    expect(rows(s)).toEqual([
      [5, '2026-10-02', -37_450, 5_762_500, 'Clas Ohlson'],
      [6, '2026-10-15', 312_500, 6_075_000, 'Kund AB faktura 1042'],
      [7, '2026-10-30', -1_250_000, 4_825_000, 'Hyra oktober'],
    ]);
    expect(s.closingBalance).toBe(4_825_000);
    expect(s.warnings.find((w) => w.code === 'FOOTER_IGNORED')?.lines).toEqual([8]);
  });

  it('a payee whose name starts like a total stays a transaction: not the sum, or the sum of one row only', () => {
    const texts = (csv: string) => parseStatement(csv).transactions.map((t) => [t.line, t.amount, t.text]);
    expect(texts('Datum;Text;Belopp\n2026-10-30;Hyra;-100,00\n2026-10-15;Summa Bygg AB;-100,00\n')).toEqual([
      [2, -10_000, 'Hyra'],
      [3, -10_000, 'Summa Bygg AB'],
    ]);
    expect(texts('Datum;Text;Belopp\n2026-10-30;Hyra;-100,00\n2026-10-20;Kaffe;-5,00\n2026-10-15;Summa Bygg AB;-50,00\n')).toEqual([
      [2, -10_000, 'Hyra'],
      [3, -500, 'Kaffe'],
      [4, -5_000, 'Summa Bygg AB'],
    ]);
    expect(texts('Datum;Text;Belopp\n2026-10-30;Hyra;-100,00\n2026-10-20;Summa Bygg AB;-105,00\n2026-10-15;Kaffe;-5,00\n')).toEqual([
      [2, -10_000, 'Hyra'],
      [3, -10_500, 'Summa Bygg AB'],
      [4, -500, 'Kaffe'],
    ]);
  });
});

describe('two columns with the same header', () => {
  it('the ambiguity names them by index, and its `columns` suggestion (a header two columns share is no name) reads the file', () => {
    let error: unknown;
    try {
      read('invalid/two-date-columns-same-name.csv');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ColumnAmbiguityError);
    const e = error as ColumnAmbiguityError;
    expect(e.code).toBe('AMBIGUOUS_FORMAT');
    expect(e.line).toBe(1);
    expect(e.candidates).toEqual({ date: ['Datum (index 0)', 'Datum (index 1)'] });
    expect(e.columns).toEqual({ amount: 'Belopp', date: 0, text: 'Text' });
    expect(read('invalid/two-date-columns-same-name.csv', { columns: e.columns }).transactions.map((t) => [t.date, t.amount])).toEqual([
      ['2026-10-30', -1_250_000],
      ['2026-10-15', 312_500],
    ]);
    const other = read('invalid/two-date-columns-same-name.csv', { columns: { ...e.columns, date: 1 } });
    expect(other.transactions.map((t) => t.date)).toEqual(['2026-10-29', '2026-10-15']);
  });
});

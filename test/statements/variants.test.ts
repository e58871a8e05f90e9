/**
 * Layouts and variants of real Swedish bank exports that kontera read wrongly before (hand-built
 * fixtures from the format descriptions in formats.md, invented names; fixtures/SOURCES.md).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectStatementFormat, parseStatement } from '../../src/statements/index.js';
import type { Statement } from '../../src/statements/types.js';

const fixture = (p: string): Uint8Array => readFileSync(new URL(`../../fixtures/statements/${p}`, import.meta.url));

describe('rows of several accounts in one file', () => {
  it("Swedbank's business Transaktionsrapport of two accounts: each account's balance chain on its own", () => {
    const s = parseStatement(fixture('swedbank/transaktionsrapport-two-accounts-cp1252.csv'));
    expect(s).toMatchObject({ format: 'swedbank-csv', encoding: 'windows-1252', accountNumber: '8327-9-9434567890' });
    expect(s.transactions.map((t) => [t.line, t.accountNumber, t.date, t.amount, t.balance, t.text, t.counterparty, t.kind])).toEqual([
      [3, '8327-9-9434567890', '2026-01-05', -125_000, 4_875_000, 'Kortköp', 'BJÖRKS FÄRG', 'card'],
      [4, '8327-9-9434567890', '2026-01-04', 1_000_000, 5_000_000, 'Bankgiro inbetalning', 'FAKTURA 1021', 'bankgiro'],
      [5, '8327-9-9434567890', '2026-01-02', -500_000, 4_000_000, 'Överföring via internet', 'LINDGRENS VVS AB', 'transfer'],
      [6, '8327-9-9434567891', '2026-01-31', 1_250, 20_001_250, 'Sparränta', undefined, 'interest'],
      [7, '8327-9-9434567891', '2026-01-15', 10_000_000, 20_000_000, 'Överföring', 'FRÅN 9434567890', 'transfer'],
    ]);
    // Before: the first account's last balance was followed by the second account's amount, a
    // "broken" chain at line 5, and an opening balance made of both accounts.
    expect(s.warnings.map((w) => w.code)).toEqual(['ACCOUNTS_MIXED']);
    expect(s.openingBalance).toBeUndefined();
    expect(s.closingBalance).toBeUndefined();
  });

  it('still reports a break inside one account', () => {
    const text = new TextDecoder('windows-1252').decode(fixture('swedbank/transaktionsrapport-two-accounts-cp1252.csv')).replace('100000.00,200000.00', '100000.00,200100.00');
    const s = parseStatement(text);
    expect(s.warnings.find((w) => w.code === 'BALANCE_CHAIN_BROKEN')?.lines).toEqual([6]);
  });
});

describe('the account number in a title row', () => {
  it('is the number beside the label, not the whole cell with the account name (lower-cased)', () => {
    const s = parseStatement(fixture('generic/english-debit-credit-account-name-preamble.csv'));
    expect(s).toMatchObject({ format: 'generic-csv', accountNumber: '6123-123 456 789', openingBalance: 10_000_000, closingBalance: 10_625_000 });
    expect(s.transactions.map((t) => [t.line, t.date, t.valueDate, t.amount, t.balance, t.text, t.reference, t.kind])).toEqual([
      [6, '2026-01-02', undefined, 1_250_000, 11_250_000, 'Bankgiro inbetalning', 'Faktura 1001', 'bankgiro'],
      [7, '2026-01-05', '2026-01-04', -125_000, 11_125_000, 'Kortköp', 'BJÖRKS FÄRG', 'card'],
      [8, '2026-01-07', undefined, -500_000, 10_625_000, 'Överföring', 'LINDGRENS VVS AB', 'transfer'],
    ]);
    expect(s.warnings.map((w) => [w.code, w.lines])).toEqual([['COLUMNS_DETECTED', []], ['FOOTER_IGNORED', [9]]]);
  });

  it('keeps a cell that is only the number as written, an IBAN included, and finds the number in the cell below the label', () => {
    const table = 'Datum;Text;Belopp;Saldo\n2026-01-05;Kortköp;-1 250,00;8 750,00\n';
    expect(parseStatement(`Konto;SE45 5000 0000 0583 9825 7466\n${table}`).accountNumber).toBe('SE45 5000 0000 0583 9825 7466');
    expect(parseStatement(`Kontonummer\nFöretagskonto 6123-123 456 789\n${table}`).accountNumber).toBe('6123-123 456 789');
    expect(parseStatement(`Kontonummer;6123-123 456 789\n${table}`).accountNumber).toBe('6123-123 456 789');
  });
});

describe("Nordea's netbank in English", () => {
  it('reads the 2024 layout with English headers as Nordea: "Additional details" is the text', () => {
    const s = parseStatement(fixture('nordea/business-2024-english-ui.csv'));
    expect(s).toMatchObject({ format: 'nordea-2024', bank: 'Nordea', accountNumber: '3300 12 34567', openingBalance: 10_050_000, closingBalance: 10_625_000 });
    // Before: read by the header reader, the card and Swish rows had an empty text and the
    // counterparty's account was the account's own (the Sender column on money out).
    expect(s.transactions.map((t) => [t.line, t.date, t.amount, t.balance, t.text, t.reference, t.counterparty, t.counterpartyAccount, t.kind])).toEqual([
      [2, '2026-01-07', -500_000, 10_625_000, 'Betalning BG 5343-2795 Lindgrens', '7712345', 'LINDGRENS VVS AB', '5343-2795', 'bankgiro'],
      [3, '2026-01-05', -125_000, 11_125_000, 'Kortköp 260104 BJÖRKS FÄRG', undefined, undefined, undefined, 'card'],
      [4, '2026-01-03', -25_000, 11_250_000, 'Swish betalning ANNA SVENSSON', undefined, undefined, undefined, 'swish'],
      [5, '2026-01-03', -25_000, undefined, 'Swish betalning ANNA SVENSSON', undefined, undefined, undefined, 'swish'],
      [6, '2026-01-02', 1_250_000, 11_300_000, 'Bg-inbetalning', 'Faktura 1001', 'KAFFEHUSET AB', '5566-1234', 'bankgiro'],
    ]);
    expect(s.warnings.map((w) => [w.code, w.lines])).toEqual([['PENDING_EXCLUDED', [7]]]);
  });
});

describe('sender and recipient columns in a table read by its header', () => {
  it('a Nordea export re-saved without its currency column: Namn is the counterparty, the account not our own is theirs', () => {
    const s = parseStatement(fixture('nordea/excel-resave-no-currency-cp1252.csv'));
    expect(s).toMatchObject({ format: 'generic-csv', encoding: 'windows-1252', accountNumber: '3300 12 34567', openingBalance: 10_080_000, closingBalance: 10_625_000 });
    // Before: "Avsändare" (our own account on money out) was every row's counterparty account, and
    // "Namn" was never read because a column of numbers stood before it.
    expect(s.transactions.map((t) => [t.line, t.amount, t.text, t.counterparty, t.counterpartyAccount, t.kind])).toEqual([
      [2, -500_000, 'Betalning BG 5343-2795 Lindgrens', 'LINDGRENS VVS AB', '5343-2795', 'bankgiro'],
      [3, -125_000, 'Kortköp 260104 BJÖRKS FÄRG', undefined, undefined, 'card'],
      [4, -80_000, 'Betalning PG 1234567-8 Elverket', 'ELVERKET I BYN', '123 45 67-8', 'plusgiro'],
      [5, 1_250_000, 'Bg-inbetalning', 'KAFFEHUSET AB', '5566-1234', 'bankgiro'],
    ]);
    expect(s.detected?.columns).toMatchObject({ counterparty: 'Namn', text: 'Rubrik' });
  });

  it('one column of numbers and one of names: the names are the counterparty, the numbers its account', () => {
    const s = parseStatement('Datum;Avsändare;Namn;Belopp\n2026-01-05;5566-1234;KAFFEHUSET AB;12 500,00\n2026-01-06;123 45 67-8;ELVERKET I BYN;1 000,00\n');
    expect(s.transactions.map((t) => [t.text, t.counterparty, t.counterpartyAccount])).toEqual([
      ['KAFFEHUSET AB', undefined, '5566-1234'],
      ['ELVERKET I BYN', undefined, '123 45 67-8'],
    ]);
  });
});

describe('a balance column a known layout does not name', () => {
  it('Länsförsäkringar with a Saldo column after Belopp: the balance is read and its chain checked', () => {
    const bytes = fixture('lansforsakringar/foretag-with-saldo-column.csv');
    const s = parseStatement(bytes);
    expect(s).toMatchObject({ format: 'lansforsakringar', accountNumber: '9020 12 34567', openingBalance: 5_000_000, closingBalance: 4_825_000 });
    expect(s.transactions.map((t) => [t.line, t.date, t.valueDate, t.amount, t.balance, t.text, t.kind])).toEqual([
      [5, '2026-01-09', undefined, -1_000_000, 4_825_000, '9020.12.345.68', 'transfer'],
      [6, '2026-01-07', undefined, -500_000, 5_825_000, 'Lindgrens VVS AB', undefined],
      [7, '2026-01-05', '2026-01-04', -175_000, 6_325_000, 'BJÖRKS FÄRG', 'card'],
      [8, '2026-01-02', undefined, 1_500_000, 6_500_000, 'Kaffehuset AB', 'transfer'],
    ]);
    expect(s.warnings).toEqual([]);
    // A wrong balance is now caught.
    const broken = new TextDecoder().decode(bytes).replace('"58 250,00"', '"58 200,00"');
    expect(parseStatement(broken).warnings.map((w) => w.code)).toEqual(['BALANCE_CHAIN_BROKEN']);
  });
});

describe('summary lines below the table', () => {
  it('a count and an export stamp after the rows are footer lines, not rows with the wrong number of fields', () => {
    const s = parseStatement(fixture('generic/summary-lines-after-table.csv'));
    expect(s).toMatchObject({ accountNumber: '9150-123 456 7', openingBalance: 10_000_000, closingBalance: 10_600_000 });
    expect(s.transactions.map((t) => [t.line, t.amount, t.balance])).toEqual([
      [5, 1_250_000, 11_250_000],
      [6, -150_000, 11_100_000],
      [7, -500_000, 10_600_000],
    ]);
    // Before: COLUMN_COUNT at line 9 ("Antal transaktioner: 3" has a digit where the date goes).
    expect(s.warnings.find((w) => w.code === 'FOOTER_IGNORED')?.lines).toEqual([9, 10, 11, 12]);
  });

  it('in a known format too (ICA Banken), and a row with money and no date is still an error', () => {
    const ica = 'Datum;Text;Typ;Budgetgrupp;Belopp;Saldo\n2026-01-07;Lindgrens VVS AB;E-faktura;Boende;-5 000,00 kr;54 000,00 kr\n2026-01-05;BJÖRKS FÄRG;Korttransaktion;Övrigt;-1 000,00 kr;59 000,00 kr\n';
    const s = parseStatement(`${ica}\nAntal transaktioner: 2\n`);
    expect(s.format).toBe('ica');
    expect(s.transactions).toHaveLength(2);
    expect(s.warnings.map((w) => [w.code, w.lines])).toEqual([['FOOTER_IGNORED', [5]]]);
    expect(() => parseStatement(`${ica}Exporterad 2026-02-01;;;;-5,00 kr;\n`)).toThrow(expect.objectContaining({ code: 'INVALID_DATE', line: 4 }));
  });
});

describe('opening and closing balance rows inside a known layout', () => {
  it('SEB "Transaktioner" with Ingående/Utgående saldo rows: balance marks, not rows without an amount', () => {
    const bytes = fixture('seb/transaktioner-2026-opening-closing-rows.csv');
    const s = parseStatement(bytes);
    expect(s).toMatchObject({ format: 'seb-transaktioner', openingBalance: 6_000_000, closingBalance: 6_650_000 });
    // Before: INVALID_AMOUNT at line 2 ("Insättningar" and "Uttag" both empty).
    expect(s.transactions.map((t) => [t.line, t.date, t.amount, t.balance, t.text, t.kind])).toEqual([
      [3, '2026-01-05', -100_000, 5_900_000, 'BJORKS FARG', 'card'],
      [4, '2026-01-07', -500_000, 5_400_000, 'LINDGRENS VVS', undefined],
      [5, '2026-01-09', 1_250_000, 6_650_000, 'KAFFEHUSET AB', 'transfer'],
    ]);
    expect(s.warnings).toEqual([]);
    // The marks are checked against the rows.
    const wrong = new TextDecoder().decode(bytes).replace(';;;;60000.00', ';;;;61000.00');
    expect(parseStatement(wrong).warnings.map((w) => [w.code, w.lines])).toEqual([['BALANCE_CHAIN_BROKEN', [2]]]);
  });

  it('a row with an amount is a transaction whatever its text', () => {
    const s = parseStatement('Bokföringsdatum;Valutadatum;Verifikationsnummer;Text;Belopp;Saldo\n2026-01-07;2026-01-07;1;Utgående saldo överfört;-5000.000;54000.000\n');
    expect(s.transactions.map((t) => [t.amount, t.text])).toEqual([[-500_000, 'Utgående saldo överfört']]);
  });
});

describe('transaction kinds from type words written as one compound or in English', () => {
  it('a bank type column (Kortbetalning, Bankgirobetalning, Direct debit, Kreditränta …) gives the kind', () => {
    const rows: [string, string][] = [
      ['Kortbetalning', 'card'],
      ['Card payment', 'card'],
      ['Bankgiroinbetalning', 'bankgiro'],
      ['Bankgirobetalning', 'bankgiro'],
      ['Plusgirobetalning', 'plusgiro'],
      ['Autogirobetalning', 'autogiro'],
      ['Direct debit', 'autogiro'],
      ['Swishbetalning', 'swish'],
      ['Kreditränta', 'interest'],
      ['Inlåningsränta', 'interest'],
      ['Skatteåterbäring', 'tax-account'],
    ];
    const csv = `Datum;Typ;Text;Belopp\n${rows.map(([type], i) => `2026-01-${String(i + 1).padStart(2, '0')};${type};LINDGRENS VVS AB;-100,00`).join('\n')}\n`;
    const s = parseStatement(csv);
    expect(s.transactions.map((t) => t.kind)).toEqual(rows.map(([, kind]) => kind));
  });
});

describe('English labels of a business export with one signed in/out column', () => {
  it('reads "Deposit/Withdrawal" as the amount, "Reference Swish" as the message, and leaves the current balance and the Swish sender alone', () => {
    const s = parseStatement(fixture('generic/business-english-deposit-withdrawal.csv'));
    // Before: UNKNOWN_FORMAT (no column the synonym table took for the amount).
    expect(s).toMatchObject({ format: 'generic-csv', accountNumber: '123 456 789', currency: 'SEK', closingBalance: 1_452_050 });
    expect(s.transactions.map((t) => [t.line, t.date, t.amount, t.balance, t.text, t.reference, t.kind])).toEqual([
      [4, '2020-05-08', 120_000, 1_452_050, 'SWISH INBETALNING', 'Faktura 1043', 'swish'],
      [5, '2020-05-08', -200, 1_332_050, 'SWISH AVGIFT', undefined, 'fee'],
      [6, '2020-05-04', -800_000, 1_332_250, 'BG 5050-1055 SKATTEVERKET', undefined, 'tax-account'],
      [7, '2020-02-03', 2_132_250, 2_132_250, 'BG INBETALNING 1234-5678', undefined, 'bankgiro'],
    ]);
    expect(s.detected?.columns).toMatchObject({ amount: 'Deposit/Withdrawal', balance: 'Booked balance', reference: 'Reference Swish' });
    expect(JSON.stringify(s)).not.toContain('46701234567');
  });
});

describe("a bank's export re-saved by a spreadsheet in another locale", () => {
  const bytes = fixture('swedbank/csv-excel-resave-uk-dates-cp1252.csv');
  const expected = [
    [3, '2026-01-28', '2026-01-27', 1_250_000, 6_137_050],
    [4, '2026-01-19', '2026-01-18', -112_950, 4_887_050],
    [5, '2026-01-14', undefined, -500_000, 5_000_000],
    [6, '2026-01-09', undefined, -2_000_000, 5_500_000],
    [7, '2026-01-05', '2026-01-03', -25_000, 7_500_000],
    [8, '2026-01-02', undefined, -7_500, 7_525_000],
  ];
  const read = (s: ReturnType<typeof parseStatement>) => s.transactions.map((t) => [t.line, t.date, t.valueDate, t.amount, t.balance]);

  it('Swedbank CSV with day-first dates (English UK Excel): read as Swedbank, dates ISO', () => {
    // Before: INVALID_DATE ("expected a date like YYYY-MM-DD, got \"27/01/2026\"").
    const s = parseStatement(bytes);
    expect(s).toMatchObject({ format: 'swedbank-csv', encoding: 'windows-1252', openingBalance: 7_532_500, closingBalance: 6_137_050 });
    expect(read(s)).toEqual(expected);
    expect(s.warnings).toEqual([]);
  });

  it('month-first dates (US Excel) read the same; dates that read both ways are refused', () => {
    const text = new TextDecoder('windows-1252').decode(bytes);
    expect(read(parseStatement(text.replace(/(\d{2})\/01\/2026/g, (_, d: string) => `1/${Number(d)}/2026`)))).toEqual(expected);
    const early = text.replace(/(\d{2})\/01\/2026/g, (_, d: string) => `${String(Math.min(Number(d), 12)).padStart(2, '0')}/01/2026`);
    expect(() => parseStatement(early)).toThrow(expect.objectContaining({ code: 'AMBIGUOUS_FORMAT', line: 3 }));
  });
});

describe('a row the bank has not booked yet, marked in the date cell, in any layout', () => {
  it('ICA Banken with a "Reserverat" row: pending (left out, or kept with includePending), not INVALID_DATE', () => {
    const bytes = fixture('ica/reserverat-row-first.csv');
    const s = parseStatement(bytes);
    expect(s).toMatchObject({ format: 'ica', openingBalance: 4_750_000, closingBalance: 5_400_000 });
    expect(s.transactions.map((t) => [t.line, t.date, t.amount, t.balance])).toEqual([
      [3, '2026-01-07', -500_000, 5_400_000],
      [4, '2026-01-05', -100_000, 5_900_000],
      [5, '2026-01-02', 1_250_000, 6_000_000],
    ]);
    expect(s.warnings.map((w) => [w.code, w.lines])).toEqual([['PENDING_EXCLUDED', [2]]]);
    expect(parseStatement(bytes, { includePending: true }).transactions[0]).toMatchObject({ line: 2, amount: -9_900, balance: undefined, pending: true, text: 'CAFE SOLEN' });
  });
});

describe('a known layout with a column more than it names', () => {
  it('a message or counterparty column beside Handelsbanken\'s five is read, not dropped', () => {
    const csv = 'Konto: 6789-123 456 789\nReskontradatum;Transaktionsdatum;Text;Belopp;Saldo;Meddelande;Mottagare\n2026-01-07;2026-01-06;BG 5343-2795;-5 000,00;54 000,00;Faktura 77;LINDGRENS VVS AB\n2026-01-05;2026-01-05;KORTKÖP;-1 000,00;59 000,00;;BJÖRKS FÄRG\n';
    const s = parseStatement(csv);
    expect(s.format).toBe('handelsbanken');
    // Before: both columns were dropped (the header still matched Handelsbanken's, scored as having extra columns).
    expect(s.transactions.map((t) => [t.text, t.reference, t.counterparty, t.kind])).toEqual([
      ['BG 5343-2795', 'Faktura 77', 'LINDGRENS VVS AB', 'bankgiro'],
      ['KORTKÖP', undefined, 'BJÖRKS FÄRG', 'card'],
    ]);
  });
});

describe('corporate spellings of the value date and the payment type', () => {
  it('"Värdedag" is the value date and "Betalningstyp" the type (and gives the kind)', () => {
    const s = parseStatement('Bokföringsdag;Värdedag;Betalningstyp;Motpart;Meddelande;Belopp;Valuta;Saldo\n2026-01-07;2026-01-07;Bankgiro;LINDGRENS VVS AB;7712345;-5 000,00;SEK;106 000,00\n2026-01-05;2026-01-04;Kortköp;BJÖRKS FÄRG;;-1 500,00;SEK;111 000,00\n');
    // Before: both columns "Not used": no value date, no kind on the card row.
    expect(s.detected?.columns).toMatchObject({ valueDate: 'Värdedag' });
    expect(s.transactions.map((t) => [t.valueDate, t.text, t.kind])).toEqual([
      [undefined, 'LINDGRENS VVS AB', 'bankgiro'],
      ['2026-01-04', 'BJÖRKS FÄRG', 'card'],
    ]);
  });
});

describe("Swedbank's business Transaktionsrapport preamble", () => {
  it('is Swedbank\'s own preamble: the file is detected with full confidence', () => {
    // Before: 0.9 (a preamble Swedbank's CSV layout did not know).
    expect(detectStatementFormat(fixture('swedbank/transaktionsrapport-two-accounts-cp1252.csv'))).toMatchObject({ format: 'swedbank-csv', score: 1 });
  });
});

describe('dates with a two-digit year', () => {
  const rows = (p: string): unknown[] => parseStatement(fixture(p)).transactions.map((t) => [t.line, t.date, t.amount, t.balance]);

  it('dd.mm.yy with dots (05.01.26) is read day first, 20xx', () => {
    expect(rows('generic/short-dates-dotted.csv')).toEqual([
      [3, '2026-01-02', 1_250_000, 11_250_000],
      [4, '2026-01-05', -125_000, 11_125_000],
      [5, '2026-01-13', -500_000, 10_625_000],
    ]);
  });

  it('m/d/yy of a US Excel re-save is read month first when a part above 12 says so', () => {
    expect(rows('generic/short-dates-us-excel.csv')).toEqual([
      [2, '2026-01-02', 1_250_000, 11_250_000],
      [3, '2026-01-05', -125_000, 11_125_000],
      [4, '2026-01-13', -500_000, 10_625_000],
    ]);
  });

  it('dd/mm/yy stays day first, and short slashed dates that read both ways in order are refused', () => {
    const table = (a: string, b: string): string => `Datum;Text;Belopp;Saldo\n${a};Kortköp;-250,00;10 750,00\n${b};Hyra;-5 000,00;5 750,00\n`;
    expect(parseStatement(table('05/01/26', '13/01/26')).transactions.map((t) => t.date)).toEqual(['2026-01-05', '2026-01-13']);
    // Without a running balance nothing tells; with one, the chain proves the rows oldest first and
    // only day first keeps 02/01/26 before 01/03/26 (month first puts 1 February before 3 January).
    const noBalance = (a: string, b: string): string => `Datum;Text;Belopp\n${a};Kortköp;-250,00\n${b};Hyra;-5 000,00\n`;
    expect(() => parseStatement(noBalance('02/01/26', '01/03/26'))).toThrow(expect.objectContaining({ code: 'AMBIGUOUS_FORMAT' }));
    expect(parseStatement(table('02/01/26', '01/03/26')).transactions.map((t) => t.date)).toEqual(['2026-01-02', '2026-03-01']);
  });

  describe('hyphenated two-digit dates: YY-MM-DD or DD-MM-YY, decided column-wide', () => {
    const table = (...dates: string[]): string =>
      `Datum;Text;Belopp\n${dates.map((d, k) => `${d};Rad ${k};-${k + 1},00`).join('\n')}\n`;
    const dates = (t: string, options = {}): string[] => parseStatement(t, options).transactions.map((x) => x.date);

    it('a part that can only be a year or a day settles it', () => {
      // 95: no day; the year part of 1995.
      expect(dates(table('05-01-95', '13-01-95'))).toEqual(['1995-01-05', '1995-01-13']);
      expect(dates(table('95-01-05', '95-01-13'))).toEqual(['1995-01-05', '1995-01-13']);
      // 30-02-26: no 30 February, so 2030-02-26; the other cell reads both ways and follows the column.
      expect(dates(table('30-02-26', '26-01-05'))).toEqual(['2030-02-26', '2026-01-05']);
      // 05-02-30: no 30 February, so 5 February 2030; and 26-01-05 is then 26 January 2005.
      expect(dates(table('05-02-30', '26-01-05'))).toEqual(['2030-02-05', '2005-01-26']);
    });

    it('else the reading that keeps the rows in date order', () => {
      expect(dates(table('28-01-26', '03-02-26', '17-02-26'))).toEqual(['2026-01-28', '2026-02-03', '2026-02-17']);
      expect(dates(table('26-01-28', '26-02-03', '26-02-17'))).toEqual(['2026-01-28', '2026-02-03', '2026-02-17']);
    });

    it('else the reading whose dates lie within a year, when the other spreads them over years', () => {
      // One month of 2026 in either spelling: the other reading is 26 January of 2005 and 2013 (or 5 and 13 January 2026 vs 2005 and 2013).
      expect(dates(table('26-01-05', '26-01-13'))).toEqual(['2026-01-05', '2026-01-13']);
      expect(dates(table('05-01-26', '13-01-26'))).toEqual(['2026-01-05', '2026-01-13']);
      expect(dates(table('26-01-05', '26-01-13'), { columns: { date: 'Datum', amount: 'Belopp', text: 'Text' } })).toEqual(['2026-01-05', '2026-01-13']);
    });

    it('cells that read both ways, in date order and within a year both ways, are refused naming the column', () => {
      // 26-01-05, 26-01-06: 5 and 6 January 2026, or 26 January 2005 and 2006 (365 days apart).
      let error: unknown;
      try {
        parseStatement(table('26-01-05', '26-01-06'), { fileName: 'kort.csv' });
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({ code: 'AMBIGUOUS_FORMAT', file: 'kort.csv', field: 'Datum' });
      expect((error as Error).message).toContain('in column "Datum"');
      expect((error as Error).message).toContain('2026-01-05 as YY-MM-DD, 2005-01-26 as DD-MM-YY');
      expect(() => parseStatement(table('05-01-26', '06-01-26'))).toThrow(expect.objectContaining({ code: 'AMBIGUOUS_FORMAT', field: 'Datum' }));
      // The same with the columns option (any date pattern allowed).
      expect(() => parseStatement(table('26-01-05', '26-01-06'), { columns: { date: 'Datum', amount: 'Belopp', text: 'Text' } })).toThrow(
        expect.objectContaining({ code: 'AMBIGUOUS_FORMAT', field: 'Datum' }),
      );
      expect(dates(table('28-01-26', '03-02-26', '17-02-26'), { columns: { date: 'Datum', amount: 'Belopp', text: 'Text' } })).toEqual(['2026-01-28', '2026-02-03', '2026-02-17']);
    });

    it('every cell of the column decides, not only the first rows; a long undecided column is refused in bounded time', () => {
      // 600 rows that read both ways, in order both ways; the last one only as DD-MM-YY (no 2005-02-30).
      const many = Array.from({ length: 600 }, () => '05-01-26');
      expect(dates(table(...many, '05-02-30')).slice(-2)).toEqual(['2026-01-05', '2030-02-05']);
      const t0 = performance.now();
      expect(() => parseStatement(table(...Array.from({ length: 100_000 }, (_, k) => (k < 50_000 ? '05-01-26' : '06-01-26'))))).toThrow(expect.objectContaining({ code: 'AMBIGUOUS_FORMAT' }));
      expect(performance.now() - t0).toBeLessThan(10_000);
    });
  });
});

describe('a file of lines in two encodings', () => {
  it('an ICA Banken UTF-8 export with rows appended in Windows-1252: Å Ä Ö read right in both parts', () => {
    const s = parseStatement(fixture('mixed-encoding/ica-utf8-bom-cp1252-rows-appended.csv'));
    expect(s).toMatchObject({ format: 'ica', encoding: 'utf-8' });
    expect(s.transactions.map((t) => [t.line, t.amount, t.balance, t.text])).toEqual([
      [2, -45_000, 5_355_000, 'ÅHLÉNS CITY'],
      [3, -500_000, 5_400_000, 'Lindgrens VVS AB'],
      [4, -100_000, 5_900_000, 'BJÖRKS FÄRG'],
      [5, 1_250_000, 6_000_000, 'KAFFEHUSET ÖSTRA AB'],
    ]);
    // The user is told the file was re-saved in part: how many lines, and the first.
    const mixed = s.warnings.find((w) => w.code === 'ENCODING_MIXED');
    expect(mixed?.lines).toEqual([4]);
    expect(mixed?.message).toContain('2 line(s) are Windows-1252, the first on line 4');
  });

  it('a Swedbank Windows-1252 export with rows pasted in as UTF-8: read as Windows-1252, the pasted rows as UTF-8', () => {
    const s = parseStatement(fixture('mixed-encoding/swedbank-cp1252-utf8-rows-pasted.csv'));
    expect(s).toMatchObject({ format: 'swedbank-csv', encoding: 'windows-1252' });
    expect(s.transactions.map((t) => [t.line, t.amount, t.counterparty])).toEqual([
      [3, -45_000, 'ÅHLÉNS CITY'],
      [4, -25_000, 'SKÄRHOLMENS EL'],
      [5, -125_000, 'BJÖRKS FÄRG'],
      [6, 1_000_000, 'LINDGRENS VVS AB'],
    ]);
    const mixed = s.warnings.find((w) => w.code === 'ENCODING_MIXED');
    expect(mixed?.lines).toEqual([3]);
    expect(mixed?.message).toContain('2 line(s) are UTF-8, the first on line 3');
  });

  it('a whole Windows-1252 or UTF-8 file reads as before, and a long mixed file in linear time', () => {
    const one = 'Datum;Text;Belopp\n2026-01-05;Kortköp;-1,00\n';
    expect(parseStatement(new TextEncoder().encode(one)).encoding).toBe('utf-8');
    expect(parseStatement(Uint8Array.from([...one].map((c) => c.charCodeAt(0)))).encoding).toBe('windows-1252');
    // One encoding throughout: no ENCODING_MIXED warning.
    expect(parseStatement(new TextEncoder().encode(one)).warnings.map((w) => w.code)).not.toContain('ENCODING_MIXED');
    expect(parseStatement(Uint8Array.from([...one].map((c) => c.charCodeAt(0)))).warnings.map((w) => w.code)).not.toContain('ENCODING_MIXED');
    const line = (k: number): string => `2026-01-05;Kortköp ${k};-1,00\n`;
    const utf8 = new TextEncoder().encode(`Datum;Text;Belopp\n${Array.from({ length: 50_000 }, (_, k) => line(k)).join('')}`);
    const latin = Uint8Array.from([...Array.from({ length: 50_000 }, (_, k) => line(k)).join('')].map((c) => c.charCodeAt(0)));
    const big = new Uint8Array(utf8.length + latin.length);
    big.set(utf8);
    big.set(latin, utf8.length);
    const t0 = performance.now();
    const s = parseStatement(big);
    expect(performance.now() - t0).toBeLessThan(10_000);
    expect(s.transactions).toHaveLength(100_000);
    expect(new Set(s.transactions.map((t) => t.text.slice(0, 7)))).toEqual(new Set(['Kortköp']));
    expect(s.warnings.find((w) => w.code === 'ENCODING_MIXED')?.message).toContain('50000 line(s) are Windows-1252, the first on line 50002');
  });
});

describe('an unsigned amount beside a direction column', () => {
  it('"In/Ut" holding In and Ut signs the amount, as a type column of Insättning/Uttag or a D/K column does', () => {
    const amounts = (t: string): number[] => parseStatement(t).transactions.map((x) => x.amount);
    expect(amounts('Datum;Text;In/Ut;Belopp\n2026-01-02;Inbetalning;In;1 000,00\n2026-01-05;Kortköp;Ut;250,00\n')).toEqual([100_000, -25_000]);
    expect(amounts('Date;Text;Debit/Credit;Amount\n2026-01-02;Deposit;Credit;1000.00\n2026-01-05;Card;Debit;250.00\n')).toEqual([100_000, -25_000]);
    expect(amounts('Datum;Text;Typ;Belopp\n2026-01-02;Lön;Insättning;1 000,00\n2026-01-05;Bankomat;Uttag;250,00\n')).toEqual([100_000, -25_000]);
  });
});

describe('amounts without a sign beside a running balance', () => {
  it('each row is signed by its balance less the one before; the oldest row, with none before it, is named', () => {
    const s = parseStatement(fixture('generic/unsigned-amounts-balance.csv'));
    expect(s.transactions.map((t) => [t.line, t.date, t.amount, t.balance])).toEqual([
      [3, '2026-01-02', 1_250_000, 11_250_000],
      [4, '2026-01-05', -125_000, 11_125_000],
      [5, '2026-01-07', -500_000, 10_625_000],
      [6, '2026-01-12', 300_000, 10_925_000],
    ]);
    expect(s.warnings.map((w) => [w.code, w.lines])).toEqual([
      ['COLUMNS_DETECTED', []],
      ['SIGNS_FROM_BALANCE', []],
      ['SIGN_UNKNOWN', [3]],
    ]);
    // The ids are those of the signed rows: the same rows written with their signs get the same ids.
    const signed = new TextDecoder().decode(fixture('generic/unsigned-amounts-balance.csv')).replace(';1 250,00;', ';-1 250,00;').replace(';5 000,00;', ';-5 000,00;');
    expect(parseStatement(signed).transactions.slice(1).map((t) => t.id)).toEqual(s.transactions.slice(1).map((t) => t.id));
  });

  it('newest first too; a row whose balance difference is not its amount is named, not guessed', () => {
    const s = parseStatement('Datum;Text;Belopp;Saldo\n2026-01-12;Swish;3 000,00;109 250,00\n2026-01-07;Hyra;5 000,00;106 250,00\n2026-01-05;Kortköp;1 300,00;111 250,00\n2026-01-02;Inbetalning;12 500,00;112 500,00\n');
    expect(s.transactions.map((t) => t.amount)).toEqual([300_000, -500_000, 130_000, 1_250_000]);
    expect(s.warnings.find((w) => w.code === 'SIGN_UNKNOWN')?.lines).toEqual([4, 5]);
    expect(s.warnings.find((w) => w.code === 'BALANCE_CHAIN_BROKEN')).toBeDefined();
  });

  describe('the oldest row, which has no balance before it', () => {
    const unknown = (s: Statement): readonly number[] | undefined => s.warnings.find((w) => w.code === 'SIGN_UNKNOWN')?.lines;

    it('is signed by an opening-balance line: its balance less the opening one is its amount', () => {
      const text = new TextDecoder().decode(fixture('generic/unsigned-amounts-balance.csv'));
      // The fixture's first row is 12 500,00 in to 112 500,00; an opening balance of 125 000,00 makes it money out.
      const header = text.split('\n').findIndex((l) => l.startsWith('Bokföringsdag'));
      const lines = text.split('\n');
      const withOpening = [...lines.slice(0, header + 1), 'Ingående saldo;;;125 000,00', ...lines.slice(header + 1)].join('\n');
      const s = parseStatement(withOpening);
      expect(s.transactions.map((t) => t.amount)).toEqual([-1_250_000, -125_000, -500_000, 300_000]);
      expect(unknown(s)).toBeUndefined();
      expect(s.openingBalance).toBe(12_500_000);
      expect(s.warnings.map((w) => w.code)).not.toContain('BALANCE_CHAIN_BROKEN');
      // An opening balance the row fits neither way decides nothing: named, as before.
      const off = parseStatement(withOpening.replace('Ingående saldo;;;125 000,00', 'Ingående saldo;;;90 000,00'));
      expect(unknown(off)).toEqual([4]);
    });

    it('newest first, the opening balance written last', () => {
      const s = parseStatement('Datum;Text;Belopp;Saldo\n2026-01-12;Swish;3 000,00;109 250,00\n2026-01-07;Hyra;5 000,00;106 250,00\n2026-01-05;Kortköp;1 250,00;111 250,00\n2026-01-02;Inbetalning;12 500,00;112 500,00\nIngående saldo;;;100 000,00\n');
      expect(s.transactions.map((t) => t.amount)).toEqual([300_000, -500_000, -125_000, 1_250_000]);
      expect(unknown(s)).toBeUndefined();
    });

    it('with nothing before it (no opening balance, no earlier export) the warning stays', () => {
      const s = parseStatement('Datum;Text;Belopp;Saldo\n2026-01-02;Inbetalning;12 500,00;112 500,00\n2026-01-05;Kortköp;1 250,00;111 250,00\nUtgående saldo;;;111 250,00\n');
      expect(unknown(s)).toEqual([2]);
    });

    it('of a later export joined after an earlier one: the earlier export\'s closing balance is the balance before it', () => {
      const H = 'Datum;Text;Belopp;Saldo\n';
      const jan = `${H}2026-01-02;Inbetalning;12 500,00;112 500,00\n2026-01-20;Kortköp;1 250,00;111 250,00\n`;
      const feb = `${H}2026-02-03;Hyra;5 000,00;106 250,00\n2026-02-12;Swish;3 000,00;109 250,00\n`;
      const s = parseStatement(jan + feb);
      expect(s.sections).toHaveLength(2);
      expect(s.transactions.map((t) => [t.line, t.amount])).toEqual([
        [2, 1_250_000],
        [3, -125_000],
        [5, -500_000],
        [6, 300_000],
      ]);
      expect(unknown(s)).toEqual([2]);
    });

    it('of a later export that overlaps the earlier one: the same line, signed there, is signed alike and read once', () => {
      const H = 'Datum;Text;Belopp;Saldo\n';
      const jan = `${H}2026-01-02;Inbetalning;12 500,00;112 500,00\n2026-01-20;Kortköp;1 250,00;111 250,00\n2026-02-03;Hyra;5 000,00;106 250,00\n`;
      const feb = `${H}2026-01-20;Kortköp;1 250,00;111 250,00\n2026-02-03;Hyra;5 000,00;106 250,00\n2026-02-12;Swish;3 000,00;109 250,00\n`;
      const s = parseStatement(jan + feb);
      expect(s.transactions.map((t) => [t.line, t.amount])).toEqual([
        [2, 1_250_000],
        [3, -125_000],
        [4, -500_000],
        [8, 300_000],
      ]);
      expect(s.warnings.find((w) => w.code === 'SECTIONS_OVERLAP')?.lines).toEqual([6, 7]);
      expect(unknown(s)).toEqual([2]);
    });
  });

  describe('a balance on some rows only (once a day, blank on some rows)', () => {
    const H = 'Datum;Text;Belopp;Saldo\n';
    const amounts = (s: Statement): number[] => s.transactions.map((t) => t.amount);
    const unknown = (s: Statement): readonly number[] | undefined => s.warnings.find((w) => w.code === 'SIGN_UNKNOWN')?.lines;

    it('signed amounts with the day\'s balance on one row: the chain holds, oldest or newest first', () => {
      const oldest = parseStatement(`${H}2026-01-02;Lön;10 000,00;\n2026-01-02;Kortköp;-250,00;19 750,00\n2026-01-03;Hyra;-5 000,00;\n2026-01-03;Swish;100,00;14 850,00\n`);
      expect(oldest.warnings.map((w) => w.code)).toEqual(['COLUMNS_DETECTED']);
      expect([oldest.openingBalance, oldest.closingBalance]).toEqual([1_000_000, 1_485_000]);
      const newest = parseStatement(`${H}2026-01-03;Swish;100,00;14 850,00\n2026-01-03;Hyra;-5 000,00;\n2026-01-02;Kortköp;-250,00;19 750,00\n2026-01-02;Lön;10 000,00;\n`);
      expect(newest.warnings.map((w) => w.code)).toEqual(['COLUMNS_DETECTED']);
      expect([newest.openingBalance, newest.closingBalance]).toEqual([1_000_000, 1_485_000]);
    });

    it('unsigned amounts: the rows between two balances take the only signs that sum to their difference', () => {
      const s = parseStatement(`${H}2026-01-02;Lön;10 000,00;20 000,00\n2026-01-03;Kortköp;250,00;\n2026-01-03;Hyra;5 000,00;14 750,00\n2026-01-05;Swish;100,00;14 850,00\n2026-01-06;Kortköp;40,00;\n2026-01-07;Ränta;10,00;14 820,00\n`);
      expect(amounts(s)).toEqual([1_000_000, -25_000, -500_000, 10_000, -4_000, 1_000]);
      expect(s.warnings.map((w) => w.code)).toEqual(['COLUMNS_DETECTED', 'SIGNS_FROM_BALANCE', 'SIGN_UNKNOWN']);
      expect(unknown(s)).toEqual([2]);
      // Newest first, the same rows: the same signs.
      const rows = s.transactions.map((t) => t.line);
      expect(rows).toHaveLength(6);
      const text = `${H}2026-01-07;Ränta;10,00;14 820,00\n2026-01-06;Kortköp;40,00;\n2026-01-05;Swish;100,00;14 850,00\n2026-01-03;Hyra;5 000,00;14 750,00\n2026-01-03;Kortköp;250,00;\n2026-01-02;Lön;10 000,00;20 000,00\n`;
      expect(amounts(parseStatement(text))).toEqual([1_000, -4_000, 10_000, -500_000, -25_000, 1_000_000]);
    });

    it('rows between two balances that more than one choice of signs fits are named, not guessed; rows after the last balance too', () => {
      // 100 in and 100 out, or 100 out and 100 in: the balance does not tell which.
      const s = parseStatement(`${H}2026-01-02;Lön;10 000,00;20 000,00\n2026-01-03;Swish A;100,00;\n2026-01-03;Swish B;100,00;20 000,00\n2026-01-04;Hyra;5 000,00;15 000,00\n2026-01-05;Kortköp;45,00;\n`);
      expect(amounts(s)).toEqual([1_000_000, 10_000, 10_000, -500_000, 4_500]);
      expect(unknown(s)).toEqual([2, 3, 4, 6]);
    });

    it('joined exports with a balance on some rows only: the overlap is still read once', () => {
      const jan = `${H}2026-01-02;Lön;10 000,00;\n2026-01-02;Kortköp;-250,00;19 750,00\n2026-01-03;Hyra;-5 000,00;\n2026-01-03;Swish;100,00;14 850,00\n`;
      const feb = `${H}2026-01-03;Hyra;-5 000,00;\n2026-01-03;Swish;100,00;14 850,00\n2026-01-09;Ränta;10,00;\n2026-01-10;Kortköp;-40,00;14 820,00\n`;
      const s = parseStatement(jan + feb);
      expect(s.transactions.map((t) => t.line)).toEqual([2, 3, 4, 5, 9, 10]);
      expect(s.warnings.find((w) => w.code === 'SECTIONS_OVERLAP')?.lines).toEqual([7, 8]);
      expect(s.warnings.map((w) => w.code)).not.toContain('BALANCE_CHAIN_BROKEN');
      expect([s.openingBalance, s.closingBalance]).toEqual([1_000_000, 1_482_000]);
    });
  });

  it('leaves alone a file of deposits whose chain holds as written, and signed amounts', () => {
    const deposits = parseStatement('Datum;Text;Belopp;Saldo\n2026-01-02;Inbetalning;1 000,00;11 000,00\n2026-01-05;Swish;250,00;11 250,00\n');
    expect(deposits.warnings.map((w) => w.code)).toEqual(['COLUMNS_DETECTED']);
    expect(deposits.transactions.map((t) => t.amount)).toEqual([100_000, 25_000]);
  });
});

describe('two exports joined end to end (two months cat-ed together)', () => {
  it('Länsförsäkringar: the second export\'s account block is its preamble, not rows; each export is a section', () => {
    const s = parseStatement(fixture('joined/lansforsakringar-two-months-cat.csv'));
    expect(s).toMatchObject({ format: 'lansforsakringar', accountNumber: '9020 12 34567' });
    expect(s.transactions.map((t) => [t.line, t.date, t.amount])).toEqual([
      [5, '2026-02-10', -125_000],
      [6, '2026-02-03', 1_250_000],
      [11, '2026-01-28', -500_000],
      [12, '2026-01-05', -45_000],
    ]);
    expect(s.sections?.map((x) => [x.line, x.accountNumber, x.count])).toEqual([
      [1, '9020 12 34567', 2],
      [7, '9020 12 34567', 2],
    ]);
    expect(s.warnings).toEqual([]);
  });

  it('Swedbank: the second preamble starts a section (its chain checked on its own), not a footer line', () => {
    const s = parseStatement(fixture('joined/swedbank-two-months-cat-cp1252.csv'));
    expect(s).toMatchObject({ format: 'swedbank-csv', openingBalance: 4_000_000, closingBalance: 4_375_000 });
    expect(s.transactions.map((t) => [t.line, t.date, t.amount, t.balance])).toEqual([
      [3, '2026-01-28', -500_000, 4_500_000],
      [4, '2026-01-05', 1_000_000, 5_000_000],
      [7, '2026-02-10', -125_000, 4_375_000],
    ]);
    expect(s.sections?.map((x) => [x.line, x.heading.slice(0, 40), x.openingBalance, x.closingBalance])).toEqual([
      [1, '* Transaktioner Period 2026-01-01–2026-0', 4_000_000, 4_500_000],
      [5, '* Transaktioner Period 2026-02-01–2026-0', 4_500_000, 4_375_000],
    ]);
    expect(s.warnings).toEqual([]);
  });
});

/**
 * Layout facts of Swedish bank exports documented in formats.md §3 that no other fixture covers,
 * each in a hand-written fixture (invented names and amounts; fixtures/SOURCES.md).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseStatement } from '../../src/statements/index.js';

const fixture = (p: string): Uint8Array => readFileSync(new URL(`../../fixtures/statements/${p}`, import.meta.url));

describe('Nordea netbank', () => {
  it('the 10-column layout with `Referensnummer` where `Saldo` is (a 2021 export) reads as Nordea 2022, no balance', () => {
    const s = parseStatement(fixture('nordea/business-2021-referensnummer.csv'));
    // Before: nordea-2022 and nordea-2020 both fitted it with one column too many, AMBIGUOUS_FORMAT.
    expect(s).toMatchObject({ format: 'nordea-2022', bank: 'Nordea', encoding: 'utf-8', currency: 'SEK', accountNumber: '3300 45 67890' });
    expect(s.openingBalance).toBeUndefined();
    expect(s.closingBalance).toBeUndefined();
    expect(s.transactions.map((t) => [t.line, t.date, t.amount, t.balance, t.text, t.counterparty, t.counterpartyAccount, t.reference, t.kind])).toEqual([
      [3, '2021-06-11', -245_000, undefined, 'Betalning BG 5050-1055 Skatteverket', 'SKATTEVERKET', '5050-1055', '1655912345678', 'tax-account'],
      [4, '2021-06-10', -34_900, undefined, 'Kortköp 210609 BAUHAUS SKARHOLMEN', undefined, undefined, undefined, 'card'],
      [5, '2021-06-09', 187_500, undefined, 'Swish inbetalning ELIN BERGQVIST', 'ELIN BERGQVIST', undefined, 'Trädgård juni', 'swish'],
      [6, '2021-06-01', -4_500, undefined, 'PRIS ENL SPEC', undefined, undefined, undefined, 'fee'],
    ]);
    expect(s.warnings.map((w) => [w.code, w.lines])).toEqual([['PENDING_EXCLUDED', [2]]]);
    const all = parseStatement(fixture('nordea/business-2021-referensnummer.csv'), { includePending: true });
    expect(all.transactions[0]).toMatchObject({ line: 2, date: '', amount: -8_900, pending: true, text: 'Kortköp 210612 PIZZERIA ROMA' });
  });
});

describe('ISO 20022 camt.053.001.08', () => {
  const camt = (): string => new TextDecoder().decode(fixture('camt/camt053-001-08-batch-reversal-overdraft.xml'));

  it('a bankgiro deposit booked as one entry of three payments names no one payer; a reversal names the merchant it undoes', () => {
    const s = parseStatement(fixture('camt/camt053-001-08-batch-reversal-overdraft.xml'));
    // An overdrawn opening balance (OPBD, DBIT) is negative; CLAV is not a closing balance.
    expect(s).toMatchObject({ format: 'camt053', encoding: 'utf-8', currency: 'SEK', accountNumber: 'SE7160000000000123456789', openingBalance: -250_000, closingBalance: 1_169_200 });
    // Before: the deposit of 18 750 kr took the first payment's payer, account and OCR as its
    // own (BRF EKBACKEN, 5264-1187, 10234005), and the reversed card purchase had no counterparty.
    expect(s.transactions.map((t) => [t.line, t.date, t.valueDate, t.amount, t.text, t.counterparty, t.counterpartyAccount, t.reference, t.kind])).toEqual([
      [39, '2026-03-02', undefined, 1_875_000, 'BG INBETALNINGAR 5781-0023', undefined, undefined, undefined, 'bankgiro'],
      [81, '2026-03-02', '2026-02-27', 34_900, 'KORTKÖP 260226 BYGGMAX ÄLVSJÖ ÅTERFÖRD', 'BYGGMAX ÄLVSJÖ', undefined, undefined, 'card'],
      [98, '2026-03-03', undefined, -481_200, 'BG 5050-1055 SKATTEVERKET', 'SKATTEVERKET', '5050-1055', '1655998877660', 'tax-account'],
      [127, '2026-03-03', undefined, -9_500, 'AVGIFT BANKGIRO MARS', undefined, undefined, undefined, 'fee'],
    ]);
    expect(s.transactions.every((t) => t.balance === undefined)).toBe(true);
    expect(s.warnings.map((w) => [w.code, w.lines])).toEqual([['PENDING_EXCLUDED', [119]]]);
  });

  it('a batch without a text of its own is named by its payers; what all its payments share is kept', () => {
    const noInfo = camt().replace('<AddtlNtryInf>BG INBETALNINGAR 5781-0023</AddtlNtryInf>', '');
    expect(parseStatement(noInfo).transactions[0]).toMatchObject({ text: 'BRF EKBACKEN, VIKSTRÖMS FASTIGHETER AB, Faktura 10236 köksluckor', counterparty: undefined, reference: undefined });
    const onePayer = camt().replaceAll(/<Nm>(VIKSTRÖMS FASTIGHETER AB|MARIA ÖHMAN)<\/Nm>/g, '<Nm>BRF EKBACKEN</Nm>');
    expect(parseStatement(onePayer).transactions[0]).toMatchObject({ text: 'BG INBETALNINGAR 5781-0023', counterparty: 'BRF EKBACKEN', counterpartyAccount: undefined, reference: undefined });
  });

  it('a reversal whose bank names the parties of the reversal itself is read too', () => {
    const own = camt().replace('<Cdtr><Pty><Nm>BYGGMAX ÄLVSJÖ</Nm></Pty></Cdtr>', '<Dbtr><Pty><Nm>BYGGMAX ÄLVSJÖ</Nm></Pty></Dbtr>');
    expect(parseStatement(own).transactions[1]).toMatchObject({ amount: 34_900, counterparty: 'BYGGMAX ÄLVSJÖ' });
  });
});

describe('a header in two rows (merged cells of a spreadsheet)', () => {
  const rows = (s: ReturnType<typeof parseStatement>) => s.transactions.map((t) => [t.line, t.date, t.valueDate, t.amount, t.balance, t.text, t.kind]);

  it('a CSV: `Belopp` over `Ut`/`In`, `Datum` over `Bokförd`/`Valutadag`, the currency under `Saldo`', () => {
    const s = parseStatement(fixture('generic/two-row-header-merged-in-out.csv'));
    // Before: the lower header row was the first data row, INVALID_AMOUNT "Ut" at line 6.
    expect(s).toMatchObject({ format: 'generic-csv', encoding: 'utf-8', currency: 'SEK', accountNumber: '9150-012 345 678', openingBalance: 2_500_000, closingBalance: 880_600 });
    expect(s.detected?.columns).toEqual({ date: 'Bokförd', valueDate: 'Valutadag', credit: 'In', debit: 'Ut', balance: 'Saldo SEK', text: 'Text' });
    expect(rows(s)).toEqual([
      [8, '2026-04-02', undefined, 1_250_000, 3_750_000, 'Bankgiro inbetalning F1043', 'bankgiro'],
      [9, '2026-04-06', '2026-04-03', -134_900, 3_615_100, 'Kortköp BYGGMAX ÄLVSJÖ', 'card'],
      [10, '2026-04-10', undefined, -2_800_000, 815_100, 'Lön april', 'salary'],
      [11, '2026-04-15', undefined, 75_000, 890_100, 'Swish FRIDA NORÉN', 'swish'],
      [12, '2026-04-30', undefined, -9_500, 880_600, 'Pris kontopaket', undefined],
    ]);
    expect(s.warnings.map((w) => [w.code, w.lines])).toEqual([['COLUMNS_DETECTED', []], ['FOOTER_IGNORED', [13]]]);
  });

  it('an XLSX sheet whose title and header cells are merged reads the same rows', () => {
    const s = parseStatement(fixture('generic/two-row-header-merged-cells.xlsx'));
    expect(s).toMatchObject({ format: 'generic-csv', currency: 'SEK', openingBalance: 2_500_000, closingBalance: 880_600 });
    expect(s.detected?.columns).toEqual({ date: 'Datum', credit: 'In', debit: 'Ut', balance: 'Saldo', text: 'Text' });
    expect(rows(s)).toEqual([
      [5, '2026-04-02', undefined, 1_250_000, 3_750_000, 'Bankgiro inbetalning F1043', 'bankgiro'],
      [6, '2026-04-06', undefined, -134_900, 3_615_100, 'Kortköp BYGGMAX ÄLVSJÖ', 'card'],
      [7, '2026-04-10', undefined, -2_800_000, 815_100, 'Lön april', 'salary'],
      [8, '2026-04-15', undefined, 75_000, 890_100, 'Swish FRIDA NORÉN', 'swish'],
      [9, '2026-04-30', undefined, -9_500, 880_600, 'Pris kontopaket', undefined],
    ]);
    expect(s.warnings.map((w) => [w.code, w.lines])).toEqual([['COLUMNS_DETECTED', []]]);
  });

  it('the two header rows repeated at a page break are skipped like a repeated header', () => {
    const csv = new TextDecoder().decode(fixture('generic/two-row-header-merged-in-out.csv'));
    const paged = csv.replace('2026-04-10;', 'Datum;;Text;Belopp;;Saldo\r\nBokförd;Valutadag;;Ut;In;SEK\r\n2026-04-10;');
    const s = parseStatement(paged);
    expect(s.transactions.map((t) => [t.line, t.amount, t.balance])).toEqual([
      [8, 1_250_000, 3_750_000],
      [9, -134_900, 3_615_100],
      [12, -2_800_000, 815_100],
      [13, 75_000, 890_100],
      [14, -9_500, 880_600],
    ]);
    expect(s.warnings.map((w) => w.code)).not.toContain('BALANCE_CHAIN_BROKEN');
  });

  it('a row under the header that is not all column names is not taken for a second header row', () => {
    const csv = 'Datum;Text;Belopp;;Saldo\n;Kortköp;Ut;In;\n2026-04-06;BYGGMAX;-1 349,00;;36 151,00\n';
    expect(() => parseStatement(csv)).toThrow(expect.objectContaining({ code: 'INVALID_AMOUNT', line: 2 }));
  });
});

describe('documented variants that read correctly (fixtures no other test covers)', () => {
  const rows = (s: ReturnType<typeof parseStatement>) => s.transactions.map((t) => [t.line, t.date, t.valueDate, t.amount, t.balance, t.text, t.counterparty, t.kind]);

  it("Swedbank's header-less 2019 export.csv: text, two dates, decimal comma and space thousands, Windows-1252", () => {
    const s = parseStatement(fixture('swedbank/export-2019-headerless-two-dates-cp1252.csv'));
    expect(s).toMatchObject({ format: 'swedbank-short-2017', bank: 'Swedbank', encoding: 'windows-1252', currency: 'SEK', openingBalance: 1_760_640, closingBalance: 2_420_740 });
    expect(s.accountNumber).toBeUndefined();
    expect(rows(s)).toEqual([
      [1, '2019-03-05', '2019-03-04', -124_900, 2_420_740, 'Kortköp BJÖRKS FÄRG', undefined, 'card'],
      [2, '2019-03-04', undefined, 35_000, 2_545_640, 'Swish SARA LIND', undefined, 'swish'],
      [3, '2019-03-01', undefined, -500_000, 2_510_640, 'Överföring via internet', undefined, 'transfer'],
      [4, '2019-02-28', undefined, 1_250_000, 3_010_640, 'Bankgiro inbetalning', undefined, 'bankgiro'],
    ]);
    expect(s.warnings).toEqual([]);
  });

  it('a Swedbank CSV from before `Bokfört saldo`: no balance; Referens the party unless it repeats Beskrivning', () => {
    const s = parseStatement(fixture('swedbank/csv-2018-no-bokfort-saldo-cp1252.csv'));
    expect(s).toMatchObject({ format: 'swedbank-csv', encoding: 'windows-1252', currency: 'SEK', accountNumber: '84525-0123456789' });
    expect([s.openingBalance, s.closingBalance]).toEqual([undefined, undefined]);
    expect(rows(s)).toEqual([
      [3, '2018-10-29', '2018-10-27', -41_250, undefined, 'Kortköp/uttag', 'HEMKÖP BORÅS', 'card'],
      [4, '2018-10-25', undefined, 2_315_000, undefined, 'Lön', 'LÖN', 'salary'],
      [5, '2018-10-25', undefined, -22_000, undefined, 'Swish', 'SARA LIND', 'swish'],
      [6, '2018-10-01', undefined, -2_500, undefined, 'PRIS NYCKELKUND', undefined, 'fee'],
    ]);
    expect(s.warnings).toEqual([]);
  });

  it('SEB kontohändelser with decimal comma (and space thousands) instead of three-decimal dots', () => {
    const s = parseStatement(fixture('seb/kontohandelser-decimal-comma.csv'));
    expect(s).toMatchObject({ format: 'seb-kontohandelser', bank: 'SEB', encoding: 'utf-8', currency: 'SEK', openingBalance: 999_952, closingBalance: 968_648 });
    expect(rows(s)).toEqual([
      [2, '2026-02-06', undefined, -6_400, 968_648, 'PRESSBYRÅN  /26-02-05', undefined, 'card'],
      [3, '2026-02-04', undefined, 125_000, 975_048, '46701234567', undefined, 'swish'],
      [4, '2026-02-02', undefined, 48, 850_048, 'RÄNTA', undefined, 'interest'],
      [5, '2026-02-01', undefined, -149_952, 850_000, 'VATTENFALL AB', undefined, undefined],
    ]);
    expect(s.warnings).toEqual([]);
  });

  it('Nordea 2024 with `Datum` as the first column instead of `Bokföringsdag`', () => {
    const s = parseStatement(fixture('nordea/business-2024-datum-first-column.csv'));
    expect(s).toMatchObject({ format: 'nordea-2024', encoding: 'utf-8', currency: 'SEK', accountNumber: '3300 23 45678', openingBalance: 800_000, closingBalance: 1_425_100 });
    expect(s.transactions.map((t) => [t.line, t.date, t.amount, t.balance, t.text, t.counterparty, t.counterpartyAccount, t.reference, t.kind])).toEqual([
      [2, '2026-03-09', -124_900, 1_425_100, 'KORT             CLAS OHLSON VAST 09', undefined, undefined, undefined, 'card'],
      [3, '2026-03-06', -481_200, 1_550_000, 'Betalning BG 5050-1055 Skatteverket', 'SKATTEVERKET', '5050-1055', '1655998877660', 'tax-account'],
      [4, '2026-03-06', -18_800, undefined, 'Autogiro TELIA SVERIGE', undefined, undefined, undefined, 'autogiro'],
      [5, '2026-03-02', 1_250_000, 2_050_000, 'Bg-inbetalning', 'BRF EKBACKEN', '5781-0023', '10234005', 'bankgiro'],
    ]);
    expect(s.warnings).toEqual([]);
  });

  it('Danske Bank with `Kategori`/`Underkategori` columns: read as Danske, only `Utförd` rows booked', () => {
    const s = parseStatement(fixture('danske/kategori-underkategori-cp1252.csv'));
    expect(s).toMatchObject({ format: 'danske', bank: 'Danske Bank', encoding: 'windows-1252', currency: 'SEK', openingBalance: 1_752_300, closingBalance: 4_804_525 });
    expect(rows(s)).toEqual([
      [3, '2026-05-27', undefined, -64_275, 4_804_525, 'Kortköp COOP KONSUM ORSA', undefined, 'card'],
      [4, '2026-05-25', undefined, 3_120_000, 4_868_800, 'LÖN MAJ', undefined, 'salary'],
      [5, '2026-05-20', undefined, -3_500, 1_748_800, 'Danske Konto avgift', undefined, 'fee'],
    ]);
    expect(s.warnings.map((w) => [w.code, w.lines])).toEqual([['PENDING_EXCLUDED', [2]]]);
  });

  it('Lunar with the English interface header (`Date,Time,Title,Amount,Balance,Transaction ID`)', () => {
    const s = parseStatement(fixture('lunar/english-ui-header.csv'));
    expect(s).toMatchObject({ format: 'lunar', bank: 'Lunar', encoding: 'utf-8', currency: 'SEK', openingBalance: 1_010_350, closingBalance: 2_130_550 });
    expect(s.transactions.map((t) => [t.line, t.date, t.amount, t.balance, t.text, t.reference, t.kind])).toEqual([
      [2, '2026-07-03', -124_900, 2_130_550, 'Card purchase', '5f0c1e2a-0003', 'card'],
      [3, '2026-07-02', -4_900, 2_255_450, 'Fee', '5f0c1e2a-0002', 'fee'],
      [4, '2026-07-01', 1_250_000, 2_260_350, 'Incoming payment', '5f0c1e2a-0001', 'transfer'],
    ]);
    expect(s.warnings).toEqual([]);
  });
});

describe('dates a spreadsheet wrote as serial day numbers', () => {
  it('a CSV whose date columns lost their date format: `46267` is 2026-09-02, a fraction is the time of day', () => {
    const s = parseStatement(fixture('generic/excel-serial-dates-cp1252.csv'));
    // Before: refused, INVALID_DATE "46267" at line 2.
    expect(s).toMatchObject({ format: 'generic-csv', encoding: 'windows-1252', currency: 'SEK', openingBalance: 1_850_000, closingBalance: 3_001_250 });
    expect(s.detected?.columns).toEqual({ date: 'Bokföringsdag', valueDate: 'Transaktionsdag', amount: 'Belopp', balance: 'Saldo', text: 'Text' });
    expect(s.transactions.map((t) => [t.line, t.date, t.valueDate, t.amount, t.balance, t.text, t.kind])).toEqual([
      [2, '2026-09-02', undefined, 1_250_000, 3_100_000, 'BG INBET BRF EKBACKEN', 'bankgiro'],
      [3, '2026-09-04', '2026-09-03', -124_900, 2_975_100, 'KORTKÖP JULA SKÄRHOLMEN', 'card'],
      [4, '2026-09-07', undefined, 75_000, 3_050_100, 'SWISH FRÅN FRIDA NORÉN', 'swish'],
      [5, '2026-09-08', '2026-09-07', -8_950, 3_041_150, 'KORTKÖP PRESSBYRÅN T-CENTR', 'card'],
      [6, '2026-09-10', undefined, -39_900, 3_001_250, 'AUTOGIRO TELIA', 'autogiro'],
    ]);
    expect(s.warnings.map((w) => [w.code, w.lines])).toEqual([['COLUMNS_DETECTED', []]]);
    expect(s.warnings[0]?.message).toContain('dates as Excel serial day');
  });

  it("a known bank's layout re-saved so: Handelsbanken with serial dates", () => {
    const s = parseStatement('Reskontradatum;Transaktionsdatum;Text;Belopp;Saldo\n46269;46268;JULA SKÄRHOLMEN;-1 249,00;29 751,00\n46267;46267;LÖN;12 500,00;31 000,00\n');
    expect(s.format).toBe('handelsbanken');
    expect(s.transactions.map((t) => [t.date, t.valueDate, t.amount])).toEqual([
      ['2026-09-04', '2026-09-03', -124_900],
      ['2026-09-02', undefined, 1_250_000],
    ]);
  });

  it('only a column of five-digit serials, none of which another date spelling reads, is taken so', () => {
    const table = (a: string, b: string): string => `Datum;Text;Belopp;Saldo\n${a};ICA NÄRA;-1250,00;8750,00\n${b};LÖN;10000,00;10000,00\n`;
    for (const [a, b] of [['4627', '4624'], ['46027', '2026-01-02'], ['460270', '460240']] as const) {
      expect(() => parseStatement(table(a, b)), `${a}, ${b}`).toThrow(expect.objectContaining({ code: 'INVALID_DATE' }));
    }
  });
});

describe('more documented variants that read correctly', () => {
  it("SEB's legacy Export.xlsx: summary block, account and period rows above `Text/mottagare`, date cells", () => {
    const s = parseStatement(fixture('seb/export-legacy-preamble.xlsx'));
    expect(s).toMatchObject({ format: 'seb-legacy', bank: 'SEB', currency: 'SEK', accountNumber: '5357-10 987 65', openingBalance: 1_399_900, closingBalance: 1_410_550 });
    expect(s.transactions.map((t) => [t.line, t.date, t.valueDate, t.amount, t.balance, t.text, t.kind])).toEqual([
      [7, '2018-03-06', undefined, -89_450, 1_410_550, 'ÖRNSBERGS JÄ/18-03-04', 'card'],
      [8, '2018-03-05', undefined, 150_000, 1_500_000, '46709876543', 'swish'],
      [9, '2018-03-02', '2018-03-01', 25, 1_350_000, 'RÄNTA', 'interest'],
      [10, '2018-03-01', undefined, -49_925, 1_349_975, 'FORTNOX AB', undefined],
    ]);
    expect(s.warnings).toEqual([]);
  });

  it('Nordea in the Finnish interface: `Kirjauspäivä;Määrä;…`, `D.M.YYYY` dates, a `Varaus` (pending) row, EUR', () => {
    const s = parseStatement(fixture('nordea/finnish-ui-ddmmyyyy-varaus.csv'));
    expect(s).toMatchObject({ format: 'nordea-2020', bank: 'Nordea', encoding: 'utf-8', currency: 'EUR', accountNumber: 'FI49 1234 5600 0007 85', openingBalance: 0, closingBalance: 237_110 });
    expect(s.transactions.map((t) => [t.line, t.date, t.amount, t.balance, t.text, t.counterparty, t.counterpartyAccount])).toEqual([
      [3, '2026-10-14', -12_900, 237_110, 'Korttiosto 261013 VERKKOKAUPPA.COM', undefined, undefined],
      [4, '2026-10-12', -60_000, 250_010, 'Tilisiirto', 'KIINTEISTÖ OY KOIVU', 'FI21 1234 5600 0009 93'],
      [5, '2026-10-01', 310_010, 310_010, 'Palkka', 'PUUSEPPÄ VIRTANEN', 'FI80 1234 5600 0001 11'],
    ]);
    expect(s.warnings.map((w) => [w.code, w.lines])).toEqual([['PENDING_EXCLUDED', [2]]]);
  });

  it("Swedbank's CSV re-exported TAB-separated, its preamble's zone written `+02:00`", () => {
    const s = parseStatement(fixture('swedbank/csv-tab-reexport-cp1252.txt'));
    expect(s).toMatchObject({ format: 'swedbank-csv', encoding: 'windows-1252', currency: 'SEK', accountNumber: '8327-9-9434567890', openingBalance: 1_007_500, closingBalance: 2_115_100 });
    expect(s.transactions.map((t) => [t.line, t.date, t.valueDate, t.amount, t.balance, t.text, t.counterparty, t.kind])).toEqual([
      [3, '2026-03-30', '2026-03-28', -134_900, 2_115_100, 'Kortköp/uttag', 'BYGGMAX ÄLVSJÖ', 'card'],
      [4, '2026-03-25', undefined, -600_000, 2_250_000, 'Preliminär skatt', 'PRELSKATT 03', 'tax-account'],
      [5, '2026-03-16', undefined, 1_850_000, 2_850_000, 'Bankgiro inbetalning', 'FAKTURA 2031', 'bankgiro'],
      [6, '2026-03-01', undefined, -7_500, 1_000_000, 'PRIS NYCKELKUND', undefined, 'fee'],
    ]);
    expect(s.warnings).toEqual([]);
  });

  it("Lunar's legacy `Date,Text,Amount,Balance` with dot thousands: read by its header (the header names no bank)", () => {
    const s = parseStatement(fixture('lunar/legacy-dot-thousands.csv'));
    expect(s).toMatchObject({ format: 'generic-csv', encoding: 'utf-8', currency: 'SEK', openingBalance: 114_367, closingBalance: 1_234_567 });
    expect(s.transactions.map((t) => [t.line, t.date, t.amount, t.balance, t.text, t.kind])).toEqual([
      [2, '2019-11-08', -124_900, 1_234_567, 'Card purchase', 'card'],
      [3, '2019-11-06', -4_900, 1_359_467, 'Fee', 'fee'],
      [4, '2019-11-01', 1_250_000, 1_364_367, 'Incoming payment', 'transfer'],
    ]);
    expect(s.warnings.map((w) => [w.code, w.lines])).toEqual([['COLUMNS_DETECTED', []]]);
  });
});

describe('SEB texts that are numbers', () => {
  it('Swish is 46… (11 digits) or 123… (10 digits); an own transfer is the other account\'s number, trailing space or grouped', () => {
    const s = parseStatement(fixture('seb/kontohandelser-own-transfer-swish-numbers.csv'));
    expect(s).toMatchObject({ format: 'seb-kontohandelser', encoding: 'utf-8', currency: 'SEK', openingBalance: 875_000, closingBalance: 1_475_050 });
    // Before: any 10 or 11 digits were Swish, so a transfer to the account 5357 10 987 65 written
    // `53571098765 ` was a Swish payment, and the same number grouped had no kind.
    expect(s.transactions.map((t) => [t.line, t.date, t.amount, t.balance, t.text, t.kind])).toEqual([
      [2, '2026-11-06', -500_000, 1_475_050, '53571098765', 'transfer'],
      [3, '2026-11-05', -15_000, 1_975_050, '46731234567', 'swish'],
      [4, '2026-11-04', 240_000, 1_990_050, '1236543210', 'swish'],
      [5, '2026-11-03', 1_000_000, 1_750_050, '5357 10 987 65', 'transfer'],
      [6, '2026-11-02', -124_950, 750_050, 'ELLEVIO AB', undefined],
    ]);
    expect(s.warnings).toEqual([]);
  });
});

describe("Skatteverket's bankgiro numbers", () => {
  it('a refund from the tax account (`BG KONTOINS`, message `5050-1030 SK<orgnr>`) is a tax-account row, not a bankgiro deposit', () => {
    const s = parseStatement(fixture('nordea/business-2022-skatteverket-refund-kontoins.csv'));
    expect(s).toMatchObject({ format: 'nordea-2022', encoding: 'utf-8', currency: 'SEK', accountNumber: '3300 34 56789', openingBalance: 3_125_000, closingBalance: 2_768_800 });
    // Before: the refund at line 2 was 'bankgiro', as the text says only BG KONTOINS.
    expect(s.transactions.map((t) => [t.line, t.date, t.amount, t.balance, t.text, t.counterparty, t.counterpartyAccount, t.reference, t.kind])).toEqual([
      [2, '2026-02-12', 318_800, 2_768_800, 'BG KONTOINS', undefined, undefined, '5050-1030 SK5569876543', 'tax-account'],
      [3, '2026-02-12', -125_000, undefined, 'Betalning BG 5343-2795 Loopia', 'LOOPIA AB', '5343-2795', '22114455', 'bankgiro'],
      [4, '2026-02-10', -1_800_000, 2_575_000, 'Betalning BG 5050-1055 Skatteverket', 'SKATTEVERKET', '5050-1055', '1655698765432', 'tax-account'],
      [5, '2026-02-03', 1_250_000, 4_375_000, 'BG INBETALNINGAR', 'BRF EKBACKEN', '5781-0023', '10234005', 'bankgiro'],
    ]);
    expect(s.warnings).toEqual([]);
  });

  it("a payment whose other party's account is 5050-1055 goes to the tax account whatever its text says", () => {
    const csv = 'Datum;Text;Mottagarkonto;Belopp;Saldo\n2026-02-10;Betalning;5050-1055;-18 000,00;25 750,00\n2026-02-09;Betalning;50501055;-2 000,00;43 750,00\n2026-02-08;Betalning;5343-2795;-1 250,00;45 750,00\n';
    expect(parseStatement(csv).transactions.map((t) => [t.counterpartyAccount, t.kind])).toEqual([
      ['5050-1055', 'tax-account'],
      ['50501055', 'tax-account'],
      ['5343-2795', 'bankgiro'],
    ]);
  });
});

describe('negative amounts as spreadsheets and business systems write them', () => {
  const rows = (s: ReturnType<typeof parseStatement>) => s.transactions.map((t) => [t.date, t.amount, t.balance, t.text, t.kind]);
  const expected = [
    ['2026-06-03', -300_000, -85_000, 'BG 5343-2795 LOOPIA AB', 'bankgiro'],
    ['2026-06-05', -24_950, -109_950, 'Kortköp CLAS OHLSON', 'card'],
    ['2026-06-09', 1_250_000, 1_140_050, 'BG INBET FAKTURA 2044', 'bankgiro'],
    ['2026-06-30', -9_500, 1_130_550, 'Avgift företagspaket', 'fee'],
  ];

  it('a trailing minus (`3 000,00-`), an overdrawn balance written so too, an `Ingående saldo` row', () => {
    const s = parseStatement(fixture('generic/trailing-minus-overdraft-cp1252.csv'));
    expect(s).toMatchObject({ format: 'generic-csv', encoding: 'windows-1252', currency: 'SEK', accountNumber: '6123-123 456 780', openingBalance: 215_000, closingBalance: 1_130_550 });
    expect(s.transactions.map((t) => t.line)).toEqual([6, 7, 8, 9]);
    expect(rows(s)).toEqual(expected);
    expect(s.warnings.map((w) => [w.code, w.lines])).toEqual([['COLUMNS_DETECTED', []]]);
  });

  it("Excel's accounting format: `(3 000,00 kr)` with no-break spaces, Windows-1252, a `Summa` row", () => {
    const s = parseStatement(fixture('generic/excel-accounting-parentheses-kr-cp1252.csv'));
    expect(s).toMatchObject({ format: 'generic-csv', encoding: 'windows-1252', currency: 'SEK', openingBalance: 215_000, closingBalance: 1_130_550 });
    expect(s.transactions.map((t) => t.line)).toEqual([2, 3, 4, 5]);
    expect(rows(s)).toEqual(expected);
    expect(s.warnings.map((w) => [w.code, w.lines])).toEqual([['COLUMNS_DETECTED', []], ['FOOTER_IGNORED', [6]]]);
  });
});

describe('Handelsbanken XLSX with every cell text', () => {
  it('dates and `1 234,56` amounts (no-break space) as strings, a `Prel` row without booking date', () => {
    const s = parseStatement(fixture('handelsbanken/kontoutdrag-text-cells.xlsx'));
    expect(s).toMatchObject({ format: 'handelsbanken', bank: 'Handelsbanken', currency: 'SEK', accountNumber: '6789-234 567 890', openingBalance: 480_000, closingBalance: 2_340_650 });
    expect(s.transactions.map((t) => [t.line, t.date, t.valueDate, t.amount, t.balance, t.text, t.kind])).toEqual([
      [10, '2026-05-29', '2026-05-28', -59_350, 2_340_650, 'CLAS OHLSON ÄLVSJÖ', undefined],
      [11, '2026-05-25', undefined, -1_200_000, 2_400_000, 'Bg 5050-1055 SKV', 'tax-account'],
      [12, '2026-05-20', undefined, 3_125_000, 3_600_000, 'BG INBET 5781-0023', 'bankgiro'],
      [13, '2026-05-01', undefined, -5_000, 475_000, 'Månadsavgift', 'fee'],
    ]);
    expect(s.warnings.map((w) => [w.code, w.lines])).toEqual([['PENDING_EXCLUDED', [9]]]);
    const all = parseStatement(fixture('handelsbanken/kontoutdrag-text-cells.xlsx'), { includePending: true });
    expect(all.transactions[0]).toMatchObject({ line: 9, date: '2026-05-31', amount: -219_900, pending: true, text: 'Prel BAUHAUS SKÄRHOLM' });
  });
});

describe('an export re-saved by Excel for Mac ("CSV (Macintosh)")', () => {
  it('Mac Roman letters (ö at 0x9A), CR alone ending the lines, amounts in the General format', () => {
    const s = parseStatement(fixture('nordea/excel-mac-resave-macroman-cr.csv'));
    // Before: read as Windows-1252 ("Bokfšringsdag"), no header was understood: UNKNOWN_FORMAT.
    expect(s).toMatchObject({ format: 'nordea-2022', encoding: 'macintosh', currency: 'SEK', accountNumber: '3300 23 45678', openingBalance: 800_050, closingBalance: 1_425_100 });
    expect(s.transactions.map((t) => [t.line, t.date, t.amount, t.balance, t.text, t.counterparty, t.counterpartyAccount, t.reference, t.kind])).toEqual([
      [2, '2026-03-09', -124_900, 1_425_100, 'Kortköp 260307 BJÖRKS FÄRG ÅRE', undefined, undefined, undefined, 'card'],
      [3, '2026-03-06', -481_200, 1_550_000, 'Betalning BG 5050-1055 Skatteverket', 'SKATTEVERKET', '5050-1055', 'Moms januari', 'tax-account'],
      [4, '2026-03-06', -18_850, undefined, 'Autogiro TELIA SVERIGE', undefined, undefined, undefined, 'autogiro'],
      [5, '2026-03-02', 1_250_000, 2_050_050, 'Bg-inbetalning', 'BRF EKBACKEN', '5781-0023', 'Faktura 2044 trädgård', 'bankgiro'],
    ]);
    expect(s.warnings).toEqual([]);
  });

  it('a DOS code page file stays CP850/437, and Windows-1252 letters anywhere keep a file Windows-1252', () => {
    const text = 'Bokföringsdag;Text;Belopp;Saldo\r\n2026-01-05;Kortköp BJÖRKS FÄRG;-1250,00;8750,00\r\n';
    const bytes = (table: Record<string, number>): Uint8Array => Uint8Array.from([...text].map((c) => table[c] ?? c.charCodeAt(0)));
    expect(parseStatement(bytes({ ö: 0x94, Ö: 0x99, Ä: 0x8e })).encoding).toBe('cp437');
    expect(parseStatement(bytes({ ö: 0x9a, Ö: 0x85, Ä: 0x80 })).transactions[0]?.text).toBe('Kortköp BJÖRKS FÄRG');
    expect(parseStatement(bytes({ ö: 0xf6, Ö: 0xd6, Ä: 0xc4 })).encoding).toBe('windows-1252');
  });
});

describe("a bank export a spreadsheet saved as tab-delimited text ('Unicode Text', 'Text (Tab delimited)')", () => {
  it('a skattekontoutdrag saved by Excel as Unicode Text (UTF-16 LE, TAB, quotes gone, whole kronor unspaced) reads as Skatteverket', () => {
    const s = parseStatement(fixture('skatteverket/excel-unicode-text-tab-utf16le.txt'));
    // Before: no format claimed the TAB-separated text, UNKNOWN_FORMAT.
    expect(s).toMatchObject({ format: 'skattekonto', encoding: 'utf-16le', currency: 'SEK', accountNumber: '556677-8899', openingBalance: 153_800, closingBalance: 154_200 });
    expect(s.transactions.map((t) => [t.line, t.date, t.amount, t.balance, t.text, t.kind])).toEqual([
      [4, '2026-01-12', -1_200_000, -1_046_200, 'Debiterad preliminärskatt', 'tax-account'],
      [5, '2026-01-12', 1_200_000, 153_800, 'Inbetalning bokförd 260110', 'tax-account'],
      [6, '2026-01-26', -825_000, -671_200, 'Moms nov 2025 - dec 2025', 'tax-account'],
      [7, '2026-01-28', 825_000, 153_800, 'Inbetalning bokförd 260127', 'tax-account'],
      [8, '2026-02-03', 400, 154_200, 'Intäktsränta', 'tax-account'],
    ]);
    expect(s.warnings).toEqual([]);
  });

  it('a TAB-separated table the header reader reads is read by its header as before', () => {
    const s = parseStatement('Datum\tText\tBelopp\tSaldo\n2026-01-05\tICA NÄRA\t-1 250,00\t8 750,00\n');
    expect(s.format).toBe('generic-csv');
  });
});

/**
 * The formats a bureau receives that kontera did not read before (hand-built fixtures in the
 * exact layouts, invented names; fixtures/SOURCES.md), and the header reader that reads any
 * other bank table by what its header says.
 */
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { MIN_SCORE, detectStatementFormat } from '../../src/statements/detect.js';
import { ColumnAmbiguityError } from '../../src/statements/formats/header.js';
import { parseStatement } from '../../src/statements/index.js';
import { HEADER_MEANINGS, HEADER_SYNONYMS, foldHeader, headerMeaning } from '../../src/statements/synonyms.js';
import type { Statement } from '../../src/statements/types.js';

const fixture = (p: string): Uint8Array => readFileSync(new URL(`../../fixtures/statements/${p}`, import.meta.url));
const rows = (s: Statement) => s.transactions.map((t) => [t.line, t.date, t.amount, t.balance, t.text]);

describe('Handelsbanken business "Transaktioner_<account>_<date>.txt"', () => {
  for (const file of ['handelsbanken/business-transaktioner-semicolon.txt', 'handelsbanken/business-transaktioner-tab.txt']) {
    it(`${file}: metadata from the rows, the balance row, PREL pending, no Swish sender id`, () => {
      const bytes = fixture(file);
      const s = parseStatement(bytes);
      expect(s).toMatchObject({ format: 'handelsbanken-business', bank: 'Handelsbanken', encoding: 'windows-1252', accountNumber: '123 456 789', currency: 'SEK' });
      expect(s.period).toEqual({ from: '2020-02-01', to: '2020-05-10' });
      expect(rows(s)).toEqual([
        [4, '2020-05-08', 120_000, 1_452_050, 'SWISH INBETALNING'],
        [5, '2020-05-08', -200, 1_332_050, 'SWISH AVGIFT'],
        [6, '2020-05-04', -800_000, 1_332_250, 'BG 5050-1055 SKATTEVERKET'],
        [7, '2020-02-03', 2_132_250, 2_132_250, 'BG INBETALNING 1234-5678'],
      ]);
      expect(s.transactions[0]?.reference).toBe('Faktura 1043');
      // The balance-only first row is the closing balance and agrees with the rows.
      expect(s.closingBalance).toBe(1_452_050);
      expect(s.openingBalance).toBe(0);
      expect(s.warnings.map((w) => [w.code, w.lines])).toEqual([['PENDING_EXCLUDED', [3]]]);
      // The sender's phone number is personal data: nowhere in what kontera returns.
      expect(JSON.stringify(s)).not.toContain('46701234567');
      const all = parseStatement(bytes, { includePending: true });
      expect(all.transactions[0]).toMatchObject({ line: 3, date: '2020-05-09', amount: -50_000, balance: undefined, pending: true });
      expect(JSON.stringify(all)).not.toContain('46701234567');
      const d = detectStatementFormat(bytes, { fileName: 'Transaktioner_123456789_2020-05-10.txt' });
      expect(d.format).toBe('handelsbanken-business');
      expect(d.candidates.filter((c) => c.format !== 'handelsbanken-business' && c.score >= MIN_SCORE)).toEqual([]);
    });
  }
});

describe('Nordea TAB export with Till/från columns', () => {
  it('right-padded fields, one-decimal amounts, the currency from the amount header', () => {
    const s = parseStatement(fixture('nordea/tab-till-fran-latin1.txt'));
    expect(s).toMatchObject({ format: 'nordea-tab', bank: 'Nordea', encoding: 'windows-1252', currency: 'SEK' });
    expect(s.transactions.map((t) => [t.date, t.amount, t.balance, t.text, t.counterpartyAccount, t.reference])).toEqual([
      ['2023-06-30', -449_550, 2_050_450, 'Skatteverket', '5050-1055', '16555123456789'],
      ['2023-06-28', -31_225, 2_500_000, 'Lindqvist Kontorsvaror', undefined, 'Kortköp 230627'],
      ['2023-06-27', 1_250_000, 2_531_225, 'Hagström Bygg AB', '3300 12 34567', 'Faktura 2291'],
      ['2023-06-26', -118_775, 1_281_225, 'Northwind Software Ltd', undefined, 'Kortköp 230624'],
    ]);
    expect(s.warnings).toEqual([]);
    const eur = iconv.decode(Buffer.from(fixture('nordea/tab-till-fran-latin1.txt')), 'latin1').replace('(SEK)', '(EUR)');
    expect(parseStatement(iconv.encode(eur, 'latin1')).currency).toBe('EUR');
  });
});

describe('an Excel re-save: columns cut, trailing empty columns, space thousands', () => {
  it('reads the cut-down Swedbank export by its header and says what it took for what', () => {
    const s = parseStatement(fixture('swedbank/excel-resave-cut-columns-latin1.csv'));
    expect(s.format).toBe('generic-csv');
    expect(s.encoding).toBe('windows-1252');
    expect(rows(s)).toEqual([
      [2, '2024-03-05', -125_000, 5_713_870, 'ICA NÄRA TORSBY'],
      [3, '2024-03-04', 2_500_000, 5_838_870, 'LÖN MARS'],
      [4, '2024-03-01', -61_130, 3_338_870, 'SHELL TORSBY'],
    ]);
    expect(s.transactions[0]?.valueDate).toBe('2024-03-04');
    expect(s.detected?.columns).toEqual({ date: 'Bokföringsdatum', valueDate: 'Transaktionsdatum', amount: 'Belopp', balance: 'Bokfört saldo', text: 'Referens' });
    expect(s.detected?.why).toMatch(/newest first: the balance chain holds/);
    expect(s.warnings.map((w) => w.code)).toEqual(['COLUMNS_DETECTED']);
    expect(s.warnings[0]?.message).toContain('date ← "Bokföringsdatum"');
    // Passing the detected mapping back as `columns` reads the same rows.
    const again = parseStatement(fixture('swedbank/excel-resave-cut-columns-latin1.csv'), { columns: s.detected?.columns });
    expect(rows(again)).toEqual(rows(s));
    const d = detectStatementFormat(fixture('swedbank/excel-resave-cut-columns-latin1.csv'));
    expect(d.candidates.filter((c) => c.format !== 'generic-csv' && c.score >= MIN_SCORE)).toEqual([]);
  });
});

describe('the header reader', () => {
  it('understands the spellings banks use: abbreviated, without å/ä/ö, upper case, English', () => {
    for (const [header, meaning] of [
      ['Bokf. datum', 'bookingDate'],
      ['Bokfdag', 'bookingDate'],
      ['BOKFORINGSDAG', 'bookingDate'],
      ['Bokföringsdatum', 'bookingDate'],
      ['Insattning/Uttag', 'amount'],
      ['Belopp (SEK)', 'amount'],
      ['Amount EUR', 'amount'],
      ['Utgaende saldo', 'balance'],
      ['Transaction date', 'transactionDate'],
      ['Avsändar-id Swish', 'ignore'],
    ] as const) {
      expect(headerMeaning(header)?.meaning, header).toBe(meaning);
    }
    expect(headerMeaning('Belopp (SEK)')?.currency).toBe('SEK');
    expect(headerMeaning('Kundnummer')).toBeUndefined();
  });

  it('reads a header of names joined by a slash by the one part that means something a row needs', () => {
    for (const [header, meaning] of [
      ['Värdepapper/beskrivning', 'text'],
      ['Datum/tid', 'date'],
      ['Kontonamn/kontonummer', 'account'],
    ] as const) {
      expect(headerMeaning(header)?.meaning, header).toBe(meaning);
    }
    // Two parts that mean different things, or none that means anything: the column is not read.
    expect(headerMeaning('Saldo/Belopp')).toBeUndefined();
    expect(headerMeaning('Kundnummer/Projekt')).toBeUndefined();
    // An export whose description sits in such a column, and whose kind is `Typ av transaktion`
    // (a broker's business cash account; layout written by hand, invented rows).
    const csv = [
      'Datum;Konto;Typ av transaktion;Värdepapper/beskrivning;Antal;Kurs;Belopp;Courtage;Valuta;ISIN',
      '2026-10-05;Företagskonto;Insättning;Insättning från Kundbolaget Norr AB;-;-;50 000,00;-;SEK;-',
      '2026-10-06;Företagskonto;Utdelning;Utdelning Bolaget Exempel B;40;3,50;140,00;-;SEK;SE0000000001',
    ].join('\n');
    const s = parseStatement(csv);
    expect(s.transactions.map((t) => [t.date, t.amount, t.text])).toEqual([
      ['2026-10-05', 5_000_000, 'Insättning från Kundbolaget Norr AB'],
      ['2026-10-06', 14_000, 'Utdelning Bolaget Exempel B'],
    ]);
    expect(s.detected?.columns).toMatchObject({ text: 'Värdepapper/beskrivning' });
  });

  it("reads a Swedish bank's export from its English interface: the Swedbank layout with English labels, by its header", () => {
    // The columns of Swedbank's export (formats.md §3.2), labelled as the bank's English pages name them; invented rows.
    const csv = [
      '* Transactions Period 2026-11-01 – 2026-11-30 Created 2026-12-01 08:00 CET',
      'Row number,Clearing number,Account number,Product,Currency,Booking day,Transaction day,Value day,Reference,Description,Amount,Booked balance',
      '1,8327-9,123456789,Företagskonto,SEK,2026-11-03,2026-11-02,2026-11-03,CLAS OHLSON,CARD PURCHASE,-189.00,10311.00',
      '2,8327-9,123456789,Företagskonto,SEK,2026-11-02,2026-11-02,2026-11-02,KUNDEN AB,BANKGIRO DEPOSIT,12500.00,10500.00',
    ].join('\n');
    const s = parseStatement(csv);
    expect(s.format).toBe('generic-csv');
    expect(s.transactions.map((t) => [t.date, t.valueDate, t.amount, t.balance, t.text, t.reference])).toEqual([
      // The purchase day is kept beside the booking day, as Swedbank's own reader keeps it.
      ['2026-11-03', '2026-11-02', -18_900, 1_031_100, 'CARD PURCHASE', 'CLAS OHLSON'],
      ['2026-11-02', undefined, 1_250_000, 1_050_000, 'BANKGIRO DEPOSIT', 'KUNDEN AB'],
    ]);
    expect(s.warnings.filter((w) => w.code !== 'COLUMNS_DETECTED')).toEqual([]);
    for (const [header, meaning] of [
      ['Booking day', 'bookingDate'],
      ['Ledger date', 'ledgerDate'],
      ['Transaction day', 'transactionDate'],
      ['Value day', 'valueDate'],
      ['Booked balance', 'balance'],
      ['Row number', 'ignore'],
      ['Product', 'ignore'],
      ['Clearing number', 'clearing'],
    ] as const) {
      expect(headerMeaning(header)?.meaning, header).toBe(meaning);
    }
  });

  it('has no spelling that means two things', () => {
    const seen = new Map<string, string>();
    for (const m of HEADER_MEANINGS) {
      for (const name of HEADER_SYNONYMS[m]) {
        const k = foldHeader(name);
        expect(seen.get(k) ?? m, name).toBe(m);
        seen.set(k, m);
      }
    }
  });

  it('reads split deposit/withdrawal columns, a comma-thousands English export, oldest first', () => {
    const text = 'Posting date,Description,Money in,Money out,Balance\n2026-01-02,"Customer, Inc",1,200.00,,11,200.00\n2026-01-03,Rent,,500.00,10,700.00\n';
    // Unquoted thousands commas split cells: the row does not fit the header.
    expect(() => parseStatement(text)).toThrow(/Wrong number of fields/);
    const quoted = 'Posting date,Description,Money in,Money out,Balance\n2026-01-02,"Customer, Inc","1,200.00",,"11,200.00"\n2026-01-03,Rent,,"500.00","10,700.00"\n';
    const s = parseStatement(quoted);
    expect(s.transactions.map((t) => [t.date, t.amount, t.balance, t.text])).toEqual([
      ['2026-01-02', 120_000, 1_120_000, 'Customer, Inc'],
      ['2026-01-03', -50_000, 1_070_000, 'Rent'],
    ]);
    expect(s.openingBalance).toBe(1_000_000);
    expect(s.closingBalance).toBe(1_070_000);
  });

  it('uses the balance chain to decide the order of same-day rows', () => {
    // All rows on one day: only the chain says which way the file runs.
    const text = 'Datum;Text;Belopp;Saldo\n2026-02-10;C;-100,00;700,00\n2026-02-10;B;-200,00;800,00\n2026-02-10;A;1 000,00;1 000,00\n';
    const s = parseStatement(text);
    expect(s.detected?.why).toMatch(/newest first/);
    expect(s.openingBalance).toBe(0);
    expect(s.closingBalance).toBe(70_000);
    expect(s.warnings.map((w) => w.code)).toEqual(['COLUMNS_DETECTED']);
  });

  it('refuses two amount columns the data cannot tell apart, naming both and the columns option', () => {
    const text = 'Datum;Text;Belopp;Summa\n2026-03-02;Hyra;-8 000,00;-7 000,00\n2026-03-01;Kund;12 000,00;11 000,00\n';
    let error: unknown;
    try {
      parseStatement(text, { fileName: 'export.csv' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ColumnAmbiguityError);
    const e = error as ColumnAmbiguityError;
    expect(e.code).toBe('AMBIGUOUS_FORMAT');
    expect(e.candidates).toEqual({ amount: ['Belopp', 'Summa'] });
    expect(e.columns).toEqual({ date: 'Datum', amount: 'Belopp', text: 'Text' });
    expect(e.message).toContain('"Belopp" and "Summa"');
    expect(e.message).toContain('columns: {');
    // The suggested option settles it.
    expect(parseStatement(text, { columns: e.columns }).transactions.map((t) => t.amount)).toEqual([-800_000, 1_200_000]);
  });

  it('lets the balance chain pick between two amount columns', () => {
    const text = 'Datum;Text;Belopp;Summa;Saldo\n2026-03-02;Hyra;-8 000,00;-7 000,00;4 000,00\n2026-03-01;Kund;12 000,00;11 000,00;12 000,00\n';
    const s = parseStatement(text);
    expect(s.transactions.map((t) => t.amount)).toEqual([-800_000, 1_200_000]);
    expect(s.detected?.columns.amount).toBe('Belopp');
    expect(s.detected?.why).toMatch(/"Belopp" rather than "Summa" as the amount/);
  });

  it('refuses two booking dates that differ, and takes the one that holds dates when the other does not', () => {
    const two = 'Bokföringsdag;Bokf. datum;Text;Belopp\n2026-03-02;2026-03-03;Hyra;-8 000,00\n2026-03-01;2026-03-01;Kund;12 000,00\n';
    expect(() => parseStatement(two)).toThrow(ColumnAmbiguityError);
    const oneEmpty = 'Bokföringsdag;Bokf. datum;Text;Belopp\n2026-03-02;;Hyra;-8 000,00\n2026-03-01;;Kund;12 000,00\n';
    expect(parseStatement(oneEmpty).transactions.map((t) => t.date)).toEqual(['2026-03-02', '2026-03-01']);
  });

  it('reads an XLSX sheet of an unknown bank: title row above the header, Ut/In columns, Excel dates', () => {
    const s = parseStatement(fixture('generic/unknown-bank-sheet.xlsx'));
    expect(s.format).toBe('generic-csv');
    expect(s.transactions.map((t) => [t.line, t.date, t.valueDate, t.amount, t.balance, t.text])).toEqual([
      [4, '2026-05-04', '2026-05-02', -34_950, 1_815_050, 'KORTKÖP JÄRNIA TORSBY'],
      [5, '2026-05-02', undefined, 1_250_000, 1_850_000, 'BG 5555-1234 MÅLARFIRMAN'],
      [6, '2026-04-30', undefined, -600_000, 600_000, 'HYRA MAJ'],
    ]);
    expect(s.detected?.columns).toMatchObject({ date: 'Bokf.dag', credit: 'In', debit: 'Ut', balance: 'Saldo' });
    expect(s.warnings.map((w) => w.code)).toEqual(['COLUMNS_DETECTED']);
    // The title row `Kontoutdrag Företagskonto 8105-9 123 456 789-0` names the account.
    expect(s.accountNumber).toBe('8105-9 123 456 789-0');
  });

  it('reads an HTML table of an unknown bank', () => {
    const html = '<html><body><table><tr><th>Datum</th><th>Beskrivning</th><th>Belopp</th><th>Saldo</th></tr>' +
      '<tr><td>2026-04-02</td><td>Elräkning</td><td>-1 250,00</td><td>3 750,00</td></tr>' +
      '<tr><td>2026-04-01</td><td>Insättning</td><td>5 000,00</td><td>5 000,00</td></tr></table></body></html>';
    const s = parseStatement(new TextEncoder().encode(html));
    expect(s.format).toBe('generic-csv');
    expect(s.transactions.map((t) => [t.date, t.amount, t.text])).toEqual([
      ['2026-04-02', -125_000, 'Elräkning'],
      ['2026-04-01', 500_000, 'Insättning'],
    ]);
  });

  it('reads dates that an Excel re-save wrote with a time of day, and timestamps', () => {
    const csv =
      'Kontoutdrag\r\nKonto: 1234-5 678 901 2\r\n\r\nDatum;Transaktion;Uttag;Insättning;Saldo\r\n' +
      '2026-11-02 00:00:00;Kortköp BAUHAUS;459,00;;12 540,50\r\n2026-11-03 0:00;Lön;;25 000,00;37 540,50\r\n' +
      '2026-11-06T14:33:05+01:00;Överföring 5678;1 000,00;;36 540,50\r\n';
    const s = parseStatement(new TextEncoder().encode(csv));
    expect(s.format).toBe('generic-csv');
    expect(s.transactions.map((t) => [t.line, t.date, t.amount, t.text])).toEqual([
      [5, '2026-11-02', -45_900, 'Kortköp BAUHAUS'],
      [6, '2026-11-03', 2_500_000, 'Lön'],
      [7, '2026-11-06', -100_000, 'Överföring 5678'],
    ]);
    // A day that does not exist is still refused, time or not, naming line and field.
    expect(() => parseStatement(new TextEncoder().encode(csv.replace('2026-11-03 0:00', '2026-11-31 0:00')))).toThrow(/line 6.*Datum/);
  });

  it('a Mottagare/Avsändare column is the counterparty when it holds names, its account when it holds numbers', () => {
    const names = parseStatement('Datum\tMeddelande\tMottagare/Avsändare\tBelopp\n2026-11-02\tFaktura 7781\tVattenfall AB\t-1 245,00\n2026-11-05\t\tLinnea Holm\t500,00\n');
    expect(names.transactions.map((t) => [t.amount, t.text, t.reference, t.counterpartyAccount])).toEqual([
      [-124_500, 'Vattenfall AB', 'Faktura 7781', undefined],
      [50_000, 'Linnea Holm', undefined, undefined],
    ]);
    const numbers = parseStatement('Datum;Text;Mottagare;Belopp;Saldo\n2026-11-02;Betalning;5050-1055;-1 245,00;10 000,00\n2026-11-05;Betalning;123-4567;-500,00;9 500,00\n');
    expect(numbers.transactions.map((t) => [t.amount, t.text, t.counterparty, t.counterpartyAccount])).toEqual([
      [-124_500, 'Betalning', undefined, '5050-1055'],
      [-50_000, 'Betalning', undefined, '123-4567'],
    ]);
  });

  it('looks past a qualifier in parentheses, and reads English completed/started dates and accounting negatives', () => {
    const csv =
      'Date started (UTC),Date completed (UTC),ID,Type,Description,Reference,Orig amount,Amount,Balance (SEK)\n' +
      '2026-11-02 08:14:11,2026-11-03 08:14:12,a1b2,CARD_PAYMENT,Verktygsboden,,-459.00,(459.00),9541.00\n' +
      '2026-11-03 10:00:00,2026-11-03 10:00:02,c3d4,TRANSFER,Payment from Norrbygg AB,Faktura 1043,12500.00,12500.00,22041.00\n';
    const s = parseStatement(csv);
    expect(s.format).toBe('generic-csv');
    expect(s.currency).toBe('SEK');
    expect(s.transactions.map((t) => [t.date, t.valueDate, t.amount, t.balance, t.text, t.reference])).toEqual([
      ['2026-11-03', '2026-11-02', -45_900, 954_100, 'Verktygsboden', undefined],
      // The same day twice is one date.
      ['2026-11-03', undefined, 1_250_000, 2_204_100, 'Payment from Norrbygg AB', 'Faktura 1043'],
    ]);
    expect(s.detected?.columns).toMatchObject({ date: 'Date completed (UTC)', amount: 'Amount' });
  });

  it("a currency column beside an original-currency amount is the original's, unless its header names the account's currency (a EUR business account)", () => {
    const head = 'Date completed (UTC),Type,Description,Orig currency,Orig amount,Payment currency,Amount,Balance\n';
    const eur = parseStatement(head + '2026-11-03 08:14:12,CARD_PAYMENT,Verktygsboden,SEK,-459.00,EUR,-40.12,959.88\n2026-11-04 10:00:02,TRANSFER,Payment from Norrbygg AB,EUR,1250.00,EUR,1250.00,2209.88\n');
    // The lines are euro cents, not öre: the statement says so, and the import marks its rows.
    expect(eur.currency).toBe('EUR');
    expect(eur.transactions.map((t) => t.amount)).toEqual([-4_012, 125_000]);
    expect(eur.detected?.columns).toMatchObject({ amount: 'Amount' });
    // A bare currency column beside an original amount stays that amount's: the statement keeps SEK.
    const bare = parseStatement('Date,Description,Currency,Original amount,Amount (SEK),Balance\n2026-11-03,Hotel Berlin,EUR,-100.00,-1150.00,8850.00\n');
    expect(bare.currency).toBe('SEK');
  });

  it("reads payment services' exports: gross amount with its fee as a row of its own, a net column left alone, the payer's e-mail and the card holder never carried", () => {
    // A wallet's activity export (Swedish UI): every field quoted, the fee negative, a pending row.
    const wallet = parseStatement(
      [
        '"Datum","Tid","Tidszon","Namn","Typ","Status","Valuta","Brutto","Avgift","Netto","Från e-postadress","Till e-postadress","Transaktions-ID","Objekttitel","Saldo"',
        '"2026-01-12","08:00:00","CET","Kund Två AB","Betalning mottagen","Slutförd","SEK","1 000,00","-34,90","965,10","kund@kund.example","info@foretaget.example","2BC34567DE890123F","","965,10"',
        '"2026-01-14","10:12:01","CET","Webbutik Exempel AB","Expresscheckoutbetalning","Slutförd","SEK","-349,00","0,00","-349,00","info@foretaget.example","order@webbutik.example","1AB23456CD789012E","Kablar","616,10"',
        '"2026-01-15","11:30:00","CET","Kund Tre AB","Betalning mottagen","Väntande","SEK","200,00","-7,00","193,00","tre@kund.example","info@foretaget.example","3CD45678EF901234G","","616,10"',
      ].join('\r\n') + '\r\n',
    );
    expect(wallet.format).toBe('generic-csv');
    expect(wallet.transactions.map((t) => [t.line, t.date, t.amount, t.balance, t.text])).toEqual([
      [2, '2026-01-12', 100_000, undefined, 'Kund Två AB'],
      [2, '2026-01-12', -3_490, 96_510, 'Avgift: Kund Två AB'],
      [3, '2026-01-14', -34_900, 61_610, 'Webbutik Exempel AB'],
    ]);
    expect(wallet.detected?.columns).toMatchObject({ date: 'Datum', amount: 'Brutto', fee: 'Avgift', balance: 'Saldo' });
    expect(JSON.stringify(wallet)).not.toContain('@');

    // A card acquirer's balance export: the fee positive, no balance, the payment date and the date the money is available.
    const acquirer = parseStatement(
      'id,Type,Source,Amount,Fee,Net,Currency,Created (UTC),Available On (UTC),Description\n' +
        'txn_1,charge,ch_1,499.00,9.73,489.27,sek,2026-01-14 10:12,2026-01-21 00:00,Order 1001\n' +
        'txn_2,charge,ch_2,1250.00,19.00,1231.00,sek,2026-01-15 09:00,2026-01-22 00:00,Order 1002\n' +
        'txn_3,payout,po_1,-1720.27,0.00,-1720.27,sek,2026-01-22 02:00,2026-01-22 02:00,STRIPE PAYOUT\n',
    );
    expect(acquirer.transactions.map((t) => [t.date, t.valueDate, t.amount, t.text])).toEqual([
      // Dated by when the money is available in the balance (what a payout can pay out), the payment date kept.
      ['2026-01-21', '2026-01-14', 49_900, 'Order 1001'],
      ['2026-01-21', '2026-01-14', -973, 'Fee: Order 1001'],
      ['2026-01-22', '2026-01-15', 125_000, 'Order 1002'],
      ['2026-01-22', '2026-01-15', -1_900, 'Fee: Order 1002'],
      ['2026-01-22', undefined, -172_027, 'STRIPE PAYOUT'],
    ]);
    // Gross and fees net out to the payout.
    expect(acquirer.transactions.reduce((sum, t) => sum + t.amount, 0)).toBe(0);
  });

  it('takes the counterparty from the next column that names the other party when the first is empty (payer on money in, payee on money out, merchant on card rows)', () => {
    const s = parseStatement(
      [
        '"TransferWise ID","Date","Amount","Currency","Description","Payment Reference","Running Balance","Exchange From","Exchange To","Exchange Rate","Payer Name","Payee Name","Payee Account Number","Merchant","Card Last Four Digits","Card Holder Full Name","Attachment","Note","Total fees"',
        '"CARD-3","14-01-2026","-249.00","SEK","Card transaction of 249.00 SEK issued by Adobe Systems","","10245.55","","","","","","","Adobe Systems","4321","Eva Exempel","","","0.00"',
        '"TRANSFER-2","12-01-2026","-5005.00","SEK","Sent money to Kontorshyra AB","Faktura 1234","10494.55","","","","","Kontorshyra AB","5050-1055","","","","","","5.00"',
        '"TRANSFER-1","10-01-2026","15499.55","SEK","Received money from Kund Ett AB with reference 2026-001","2026-001","15499.55","","","","Kund Ett AB","","","","","","","","0.00"',
      ].join('\n') + '\n',
    );
    expect(s.transactions.map((t) => [t.date, t.amount, t.balance, t.counterparty, t.reference, t.counterpartyAccount])).toEqual([
      ['2026-01-14', -24_900, 1_024_555, 'Adobe Systems', undefined, undefined],
      // The fee is inside the amount (the balance chain says so): no row of its own.
      ['2026-01-12', -500_500, 1_049_455, 'Kontorshyra AB', 'Faktura 1234', '5050-1055'],
      ['2026-01-10', 1_549_955, 1_549_955, 'Kund Ett AB', '2026-001', undefined],
    ]);
    expect(s.detected?.why).toContain('A row without "Payer Name" takes its counterparty from "Payee Name", then "Merchant"');
    expect(JSON.stringify(s)).not.toContain('Eva Exempel');
    // One counterparty column: as before, nothing is borrowed from elsewhere.
    const one = parseStatement('Datum;Text;Namn;Belopp\n2026-01-10;Kortköp;;-100,00\n2026-01-11;Swish;Kund AB;200,00\n');
    expect(one.transactions.map((t) => t.counterparty)).toEqual([undefined, 'Kund AB']);
  });

  it("takes the text from the column that names the other party, not from one holding phone or account numbers (a Swish report's payer number)", () => {
    const s = parseStatement(
      'Swish-rapport\nFöretag: Kaféet i Byn AB\nPeriod: 2026-01-01 - 2026-01-31\n\n' +
        'Bokföringsdag;Transaktionsdag;Tid;Betalningsreferens;Avsändare;Namn;Meddelande;Belopp\n' +
        '2026-01-02;2026-01-02;08:15:02;7A1B2C3D4E5F;46701234567;ANNA ANDERSSON;Kaffe och bulle;45,00\n' +
        '2026-01-02;2026-01-02;09:01:44;8B2C3D4E5F6A;46709876543;PER PERSSON;;120,00\n' +
        '2026-01-03;2026-01-03;10:22:10;9C3D4E5F6A7B;46701112233;KARIN KARLSSON;Lunch;-95,00\n',
    );
    expect(s.transactions.map((t) => [t.line, t.amount, t.text, t.reference, t.counterpartyAccount])).toEqual([
      [6, 4_500, 'ANNA ANDERSSON', 'Kaffe och bulle', '46701234567'],
      // No message: the payment's reference (`Betalningsreferens`) is the row's reference.
      [7, 12_000, 'PER PERSSON', '8B2C3D4E5F6A', '46709876543'],
      [8, -9_500, 'KARIN KARLSSON', 'Lunch', '46701112233'],
    ]);
  });

  it('still refuses a table whose header names no date or no amount', () => {
    expect(() => parseStatement('Kund;Fakturanr;Förfaller\nAB;1001;2026-01-31\nCD;1002;2026-02-28\n')).toThrow(/Unknown statement format/);
  });
});

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

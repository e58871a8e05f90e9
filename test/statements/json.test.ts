/**
 * Transactions as JSON (open-banking APIs and the services on them): found by content, read by
 * their fields, errors placed in the document. Fixtures in fixtures/statements/json are hand-built
 * from the published field names (NextGenPSD2, its snake_case relatives, unscaled amounts), with
 * invented names.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { StatementParseError, counterpartyKey, detectStatementFormat, parseStatement } from '../../src/index.js';
import { COLUMNS, COLUMN_MEANINGS, MAX_JSON_VALUES, parseJson, JsonNumber, JsonObject } from '../../src/statements/json.js';
import { headerMeaning } from '../../src/statements/synonyms.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`../../fixtures/statements/json/${name}`, import.meta.url));

function caught(f: () => unknown): StatementParseError {
  try {
    f();
  } catch (e) {
    if (e instanceof StatementParseError) return e;
    throw e;
  }
  throw new Error('expected a StatementParseError');
}

describe('JSON transactions', () => {
  it('every column the table is written with reads back as its meaning', () => {
    COLUMNS.forEach((name, i) => expect(headerMeaning(name)?.meaning, name).toBe(COLUMN_MEANINGS[i]));
  });

  it('reads NextGenPSD2 booked transactions: amounts, balances, the party by direction, the account, lines of the file', () => {
    const s = parseStatement(fixture('nextgenpsd2.json'), { fileName: 'nextgenpsd2.json' });
    expect(s.accountNumber).toBe('SE4550000000058398257466');
    expect(s.transactions.map((t) => [t.line, t.date, t.amount, t.balance, t.text, t.counterparty])).toEqual([
      [5, '2026-01-02', -124_900, 4_875_100, 'Faktura 88412', 'Kontorsgrossisten AB'],
      // Money in: the debtor paid; the creditor named beside it is the account's own holder.
      [15, '2026-01-05', 1_250_000, 6_125_100, 'Kundbet 1042', 'Fjällbergs Måleri AB'],
    ]);
    expect(s.transactions[0]?.counterpartyAccount).toBe('SE3550000000054910000003');
    expect(s.warnings.find((w) => w.code === 'COLUMNS_DETECTED')?.message).toMatch(/^JSON: the transactions of transactions\.booked and transactions\.pending, read by their fields\. Columns: date ← "Booking date"/);
    // The pending array is read, marked, and left out unless asked for.
    expect(s.warnings.map((w) => w.code)).toContain('PENDING_EXCLUDED');
    const all = parseStatement(fixture('nextgenpsd2.json'), { includePending: true });
    expect(all.transactions.map((t) => [t.line, t.amount, t.pending])).toEqual([
      [5, -124_900, undefined],
      [15, 1_250_000, undefined],
      [27, -8_900, true],
    ]);
  });

  it('reads snake_case fields with a credit/debit indicator, text in pieces and ISO status codes, minified', () => {
    const s = parseStatement(fixture('snake-case-minified.json'), { includePending: true });
    expect(s.transactions.map((t) => [t.line, t.date, t.amount, t.text, t.counterparty, t.pending])).toEqual([
      [1, '2026-02-03', -14_900, 'KORTKÖP 260202 ICA NÄRA HÖGSBO', 'ICA NARA HOGSBO', undefined],
      [1, '2026-02-04', 875_000, 'Faktura 2044', 'Lindqvists Trädgård AB', undefined],
      [1, '2026-02-05', -3_500, 'Avgift', undefined, true],
    ]);
  });

  it('reads an amount given as an unscaled integer and a scale, exactly', () => {
    const s = parseStatement(fixture('unscaled-amounts.json'));
    expect(s.transactions.map((t) => [t.date, t.amount, t.text])).toEqual([
      ['2026-03-01', -12_900, 'SPOTIFY P2F91C'],
      ['2026-03-02', -500, 'Avgift kort'],
    ]);
  });

  it('reads an array of objects keyed by a bank export\'s column headers, in its number style', () => {
    const s = parseStatement(fixture('column-keys.json'));
    expect(s.transactions.map((t) => [t.line, t.date, t.amount, t.balance, t.text])).toEqual([
      [2, '2026-01-03', -123_450, 1_000_000, 'Hyra januari'],
      [3, '2026-01-09', 250_000, 1_250_000, 'Swish Berglund'],
    ]);
  });

  it('reads objects printed over many lines each (the table is detected by its first rows, not the file\'s first lines)', () => {
    let balance = 1_000_000;
    const booked = Array.from({ length: 3 }, (_, i) => {
      balance -= 10_000 + i * 100;
      return {
        transactionId: `t${i}`,
        bookingDate: `2026-04-0${i + 1}`,
        valueDate: `2026-04-0${i + 1}`,
        transactionAmount: { currency: 'SEK', amount: `-${100 + i}.00` },
        creditorName: `Leverantör ${i} AB`,
        remittanceInformationUnstructured: `Faktura ${5000 + i}`,
        balanceAfterTransaction: { balanceAmount: { currency: 'SEK', amount: (balance / 100).toFixed(2) } },
      };
    });
    const text = JSON.stringify({ account: { iban: 'SE4550000000058398257466' }, transactions: { booked } }, null, 1);
    const starts = text.split('\n').flatMap((l, i) => (l === '   {' ? [i + 1] : []));
    expect(starts[1]! - starts[0]!).toBeGreaterThan(15);
    const s = parseStatement(text);
    expect(s.transactions.map((t) => [t.line, t.amount, t.balance, t.counterparty])).toEqual(booked.map((b, i) => [starts[i], -(10_000 + i * 100), Math.round(Number(b.balanceAfterTransaction.balanceAmount.amount) * 100), b.creditorName]));
  });

  it('is detected by content, whatever the file is called', () => {
    expect(detectStatementFormat(fixture('nextgenpsd2.json'), { fileName: 'export.csv' }).format).toBe('generic-csv');
  });

  it('names the line and the transaction of a bad amount, in a printed and in a minified file', () => {
    const printed = fixture('nextgenpsd2.json').toString('utf8').replace('"12500.00"', '"12500.0.0"');
    const e = caught(() => parseStatement(printed, { fileName: 'p.json' }));
    expect(e.code).toBe('INVALID_AMOUNT');
    expect(e.line).toBe(15);
    expect(e.message).toContain('transactions.booked[1]');
    const minified = fixture('snake-case-minified.json').toString('utf8').replace('"8750.00"', '"8750.0.0"');
    const m = caught(() => parseStatement(minified, { fileName: 'm.json' }));
    expect(m.code).toBe('INVALID_AMOUNT');
    expect(m.line).toBe(1);
    expect(m.message).toContain('transactions[1]');
  });

  it('reads a table written as arrays: its header row first (a spreadsheet range), or its column names beside it (a data frame)', () => {
    const sheet = parseStatement(fixture('sheet-values.json'), { fileName: 'sheet-values.json' });
    expect(sheet.transactions.map((t) => [t.line, t.date, t.amount, t.balance, t.text, t.reference])).toEqual([
      [6, '2026-03-02', -12_050, 1_087_950, 'Kortköp', 'ICA NÄRA LINDVÄGEN'],
      [7, '2026-03-03', 200_000, 1_287_950, 'Swish inbetalning', 'Fakt 1042'],
      [8, '2026-03-05', -49_900, 1_238_050, 'Bankgiro', 'TELIA SVERIGE AB'],
      [9, '2026-03-06', -850_000, 388_050, 'Överföring', 'Hyra mars'],
    ]);
    // The type column is a type, not the party: the card purchase keys on the merchant.
    expect(counterpartyKey(sheet.transactions[0]?.text ?? '', { reference: sheet.transactions[0]?.reference }).key).toBe('ICA NÄRA LINDVÄGEN');
    const frame = parseStatement(fixture('split-columns-data.json'), { fileName: 'split-columns-data.json' });
    expect(frame.transactions.map((t) => [t.line, t.date, t.amount, t.balance, t.text])).toEqual([
      [1, '2026-03-02', -118_900, 4_881_100, 'CLAS OHLSON 0412'],
      [2, '2026-03-04', 1_250_000, 6_131_100, 'BG 5402-1234 KUNDEN I NORR AB'],
      [3, '2026-03-09', -7_500, 6_123_600, 'AVGIFT BANKGIRO'],
    ]);
    expect(frame.warnings.map((w) => w.code)).not.toContain('BALANCE_CHAIN_BROKEN');
    // A bad amount names the row's line and its place in the document.
    const bad = fixture('sheet-values.json').toString('utf8').replace('"-499,00"', '"-499,0,0"');
    const e = caught(() => parseStatement(bad, { fileName: 's.json' }));
    expect([e.code, e.line]).toEqual(['INVALID_AMOUNT', 8]);
    expect(e.message).toContain('values[3]');
    // Arrays that are no table (no names for their columns) are still no transactions.
    expect(caught(() => parseStatement('{"data": [["2026-03-02", -1.5], ["2026-03-03", 2.5]]}')).code).toBe('UNKNOWN_FORMAT');
  });

  it('refuses broken JSON with its line, and JSON that holds no transactions', () => {
    const broken = '{\n  "transactions": [\n    { "bookingDate": "2026-01-02", "amount": "-1.00" },\n    { "bookingDate": "2026-01-03" "amount": "-2.00" }\n  ]\n}';
    const e = caught(() => parseStatement(broken, { fileName: 'b.json' }));
    expect(e.code).toBe('INVALID_ROW');
    expect(e.line).toBe(4);
    expect(caught(() => parseStatement('{"accounts": [{"iban": "SE4550000000058398257466", "name": "Företagskonto"}]}')).code).toBe('UNKNOWN_FORMAT');
    expect(caught(() => parseStatement('{"transactions": [{"bookingDate": "2026-01-02", "amount": "-1.00"}]')).code).toBe('INVALID_ROW');
  });

  it('refuses nesting past limits.maxJsonDepth in bounded time, without a stack overflow', () => {
    const deep = '['.repeat(1_000_000) + ']'.repeat(1_000_000);
    const t0 = performance.now();
    const e = caught(() => parseStatement(deep));
    expect(e.code).toBe('INPUT_TOO_LARGE');
    expect(e.message).toContain('limits.maxJsonDepth');
    expect(performance.now() - t0).toBeLessThan(5_000);
    const nested = `{"a":${'{"b":'.repeat(40)}{"transactions":[{"bookingDate":"2026-01-02","amount":"-1.00"}]}${'}'.repeat(40)}}`;
    expect(caught(() => parseStatement(nested, { limits: { maxJsonDepth: 20 } })).code).toBe('INPUT_TOO_LARGE');
    expect(parseStatement(nested).transactions).toHaveLength(1);
  });

  it('refuses a document of more values than any statement has, in bounded time', () => {
    const many = `[${'{},'.repeat(MAX_JSON_VALUES)}{}]`;
    const t0 = performance.now();
    const e = caught(() => parseStatement(many));
    expect(e.code).toBe('INPUT_TOO_LARGE');
    expect(performance.now() - t0).toBeLessThan(20_000);
  });

  it('keeps numbers as written and strings with their escapes', () => {
    const v = parseJson('{"a": -1234.50, "b": "r\\u00e4kna \\"x\\"\\n", "c": [true, null, 1e3]}', undefined, 10) as JsonObject;
    expect((v.fields.get('a') as JsonNumber).raw).toBe('-1234.50');
    expect(v.fields.get('b')).toBe('räkna "x"\n');
    const c = v.fields.get('c') as unknown[];
    expect([c[0], c[1], (c[2] as JsonNumber).raw]).toEqual([true, null, '1e3']);
  });
});

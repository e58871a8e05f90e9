/**
 * Column-aligned text exports from banks no known format claims (hand-built fixtures with
 * invented names and amounts, fixtures/SOURCES.md): columns found from the header labels and the
 * blank columns of the rows, then read by the header reader like any other table.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FormatDetectionError, StatementParseError } from '../../src/core/errors.js';
import { detectStatementFormat, parseStatement } from '../../src/statements/index.js';
import type { Statement } from '../../src/statements/types.js';
import { caught as caughtAny } from '../support/errors.js';

/** The typed error a call throws (the statement reader's). */
const caught = (fn: () => unknown): StatementParseError => caughtAny(fn, StatementParseError);

const fixture = (p: string): Uint8Array => readFileSync(new URL(`../../fixtures/statements/${p}`, import.meta.url));
const rows = (s: Statement) => s.transactions.map((t) => [t.line, t.date, t.amount, t.balance, t.text]);
const codes = (s: Statement) => s.warnings.map((w) => w.code);

/** A line of cells, each left- (`<`) or right-aligned (`>`) in its width. */
const row = (cells: readonly [string, number, '<' | '>'][]): string => cells.map(([c, w, a]) => (a === '<' ? c.padEnd(w) : c.padStart(w))).join('');

describe('a column-aligned statement', () => {
  const s = parseStatement(fixture('fixed/kontoutdrag-space-aligned.txt'));
  it('is read by its header: single spaces inside texts and amounts, right-aligned amounts', () => {
    expect(detectStatementFormat(fixture('fixed/kontoutdrag-space-aligned.txt')).format).toBe('generic-csv');
    expect(s.accountNumber).toBe('9123-4567801');
    expect(rows(s)).toEqual([
      [7, '2026-04-30', -31_250, 1_840_275, 'Kortköp ICA Nära Berga'],
      [8, '2026-04-28', -412_000, 1_871_525, 'Bg 5050-1055 Skatteverket'],
      [9, '2026-04-15', 65_000, 2_283_525, 'Swish inbetalning Anna Berg'],
      [10, '2026-04-15', 65_000, 2_218_525, 'Swish inbetalning Anna Berg'],
      [11, '2026-04-02', -1_800_000, 2_153_525, 'Överföring 9123-4567819'],
    ]);
    expect(s.detected?.columns).toEqual({ date: 'Datum', amount: 'Belopp', balance: 'Saldo', text: 'Text' });
  });
  it('the rule under the header is no row, the closing-balance line agrees with the chain, twin rows get two ids', () => {
    expect(codes(s)).toEqual(['COLUMNS_DETECTED']);
    expect(s.closingBalance).toBe(1_840_275);
    expect(s.openingBalance).toBe(3_953_525);
    const text = new TextDecoder().decode(fixture('fixed/kontoutdrag-space-aligned.txt'));
    const wrong = parseStatement(text.replace('Utgående saldo                                               18 402,75', 'Utgående saldo                                               18 402,70'));
    expect(wrong.warnings.find((w) => w.code === 'BALANCE_CHAIN_BROKEN')?.lines).toEqual([13]);
    expect(new Set(s.transactions.map((t) => t.id)).size).toBe(5);
  });
  it('split out/in columns, day-first dates, Windows-1252, and padded texts whose inner blanks are no column', () => {
    const b = parseStatement(fixture('fixed/split-in-out-latin1.txt'));
    expect(b.encoding).toBe('windows-1252');
    expect(b.accountNumber).toBe('8105-9 912 345 678-4');
    expect(b.transactions.map((t) => [t.line, t.date, t.valueDate, t.amount, t.balance, t.text])).toEqual([
      [5, '2026-01-02', '2025-12-31', -8_900, 491_100, 'KORT        CAFE SOLEN 31'],
      [6, '2026-01-05', undefined, 1_250_000, 1_741_100, 'INSÄTTNING  KUND 1043'],
      [7, '2026-01-09', '2026-01-08', -124_590, 1_616_510, 'KORT        BYGGVAROR AB'],
      [8, '2026-01-14', undefined, -61_200, 1_555_310, 'AUTOGIRO    FÖRSÄKRING'],
    ]);
    expect(codes(b)).toEqual(['COLUMNS_DETECTED']);
  });
  it('a `columns` mapping by header names reads it too', () => {
    const m = parseStatement(fixture('fixed/kontoutdrag-space-aligned.txt'), { columns: { date: 'Datum', amount: 'Belopp', text: 'Text' } });
    expect(m.transactions.map((t) => [t.line, t.amount, t.balance])).toEqual([
      [7, -31_250, undefined],
      [8, -412_000, undefined],
      [9, 65_000, undefined],
      [10, 65_000, undefined],
      [11, -1_800_000, undefined],
    ]);
  });
  it('sections of two accounts in a column-aligned file keep their accounts apart', () => {
    const head = row([['Datum', 12, '<'], ['Text', 24, '<'], ['Belopp', 12, '>'], ['Saldo', 12, '>']]);
    const text = [
      'Konto: Lönekonto 9123-4567801',
      head,
      row([['2026-02-03', 12, '<'], ['Hyra', 24, '<'], ['-9 500,00', 12, '>'], ['1 500,00', 12, '>']]),
      '',
      'Konto: Sparkonto 9123-4567819',
      head,
      row([['2026-02-03', 12, '<'], ['Ränta', 24, '<'], ['3,10', 12, '>'], ['2 003,10', 12, '>']]),
      '',
    ].join('\n');
    const t = parseStatement(text);
    expect(t.transactions.map((x) => [x.line, x.amount, x.accountNumber])).toEqual([
      [3, -950_000, '9123-4567801'],
      [7, 310, '9123-4567819'],
    ]);
    expect(codes(t)).not.toContain('BALANCE_CHAIN_BROKEN');
  });
});

describe('a column-aligned table the rows do not settle', () => {
  const head = row([['Datum', 12, '<'], ['Text', 24, '<'], ['Belopp', 12, '>']]);
  const line = (d: string, t: string, a: string): string => row([[d, 12, '<'], [t, 24, '<'], [a, 12, '>']]);
  it('a row whose text runs across a boundary is named, with the column', () => {
    const rowsText = [line('2026-01-02', 'Kaffe', '-45,00'), line('2026-01-03', 'Hyra', '-9 000,00'), line('2026-01-04', 'Swish', '200,00')];
    const crossing = `${'2026-01-05'.padEnd(12)}${'Betalning till Leverantören i Norrby AB'}   -1,00`;
    const e = caught(() => parseStatement([head, ...rowsText, crossing, line('2026-01-06', 'Lön', '100,00')].join('\n'), { fileName: 'utdrag.txt' }));
    expect(e.code).toBe('AMBIGUOUS_FORMAT');
    expect(e.line).toBe(5);
    expect(e.field).toBe('Belopp');
    expect(e.message).toContain('utdrag.txt');
  });
  it('a row with no blank at all between two columns is named too', () => {
    const ok = [line('2026-01-02', 'Kaffe', '-45,00'), line('2026-01-03', 'Hyra', '-9 000,00'), line('2026-01-04', 'Swish', '200,00')];
    const solid = `${'2026-01-07'.padEnd(12)}${'BetalningTillLeverantorenINorrbyAB'} -1,00`;
    const e = caught(() => parseStatement([head, ...ok, solid].join('\n')));
    expect(e).toMatchObject({ code: 'AMBIGUOUS_FORMAT', line: 5, field: 'Belopp' });
  });
  it('two equally good boundaries between two text columns are refused, naming the header line and the column', () => {
    const h = row([['Datum', 12, '<'], ['Text', 16, '<'], ['Referens', 10, '<'], ['Belopp', 10, '>']]);
    // Between "Text" and "Referens" every row has a short word in the middle of the gap, five blanks on either side: which column is it?
    const r = (d: string, a: string): string => `${d.padEnd(12)}AB${' '.repeat(7)}MM${' '.repeat(5)}${'RR'.padEnd(10)}${a.padStart(10)}`;
    const e = caught(() => parseStatement([h, r('2026-01-02', '-1,00'), r('2026-01-03', '-2,00')].join('\n')));
    expect(e.code).toBe('AMBIGUOUS_FORMAT');
    expect(e.line).toBe(1);
    expect(e.field).toBe('Referens');
  });
  it('a header that does not line up with its rows is no column-aligned table (unknown format, as before)', () => {
    const e = caught(() => parseStatement(fixture('invalid/swedbank-fixed-2015-unknown-header.txt')));
    expect(e).toBeInstanceOf(FormatDetectionError);
    expect(e.code).toBe('UNKNOWN_FORMAT');
  });
});

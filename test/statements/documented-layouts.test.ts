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

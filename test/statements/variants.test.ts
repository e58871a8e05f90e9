/**
 * Layouts and variants of real Swedish bank exports that kontera read wrongly before (hand-built
 * fixtures from the format descriptions in formats.md, invented names; fixtures/SOURCES.md).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseStatement } from '../../src/statements/index.js';

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

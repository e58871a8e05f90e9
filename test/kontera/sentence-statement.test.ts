/**
 * A payment-service export without a name column, through the facade on every store: each line is
 * a sentence around the other party ("Card transaction of 612.50 SEK issued by Björks Färg Lund",
 * "Sent money to Ekdahls Måleri AB", "Received money from Kundbolaget Norr AB with reference
 * Faktura 2031"). Once the bookkeeper has booked a party's first line, its later lines get that
 * party's account as an exact match. Before sentence keys, every card line of the file had one key
 * (TRANSACTION OF ISSUED BY) and every transfer out another, so the engine could not tell the
 * merchants apart. Fixture: fixtures/statements/generic/payment-service-sentences-no-name-column.csv
 * (hand-written, invented names; see fixtures/SOURCES.md).
 */
import { describe, expect, it } from 'vitest';
import type { Booking, ImportedTransaction } from '../../src/kontera.js';
import { fixture, konteraOn, STORE_KINDS } from './helpers.js';

const FILE = 'statements/generic/payment-service-sentences-no-name-column.csv';

/** The account each party is booked to (the other side is the bank account 1930). */
const ACCOUNTS: Readonly<Record<string, string>> = {
  'Björks Färg': '5410',
  Webhallen: '5420',
  'Kafé Grönstedt': '6071',
  'Ekdahls Måleri': '4600',
  'Kundbolaget Norr': '1510',
};

function partyOf(text: string): string | undefined {
  return Object.keys(ACCOUNTS).find((p) => text.includes(p));
}

function booking(tx: ImportedTransaction, account: string): Booking {
  return {
    transaction: tx,
    voucher: { date: tx.date, text: tx.text, rows: [{ account: '1930', amount: tx.amount }, { account, amount: -tx.amount }] },
  };
}

for (const kind of STORE_KINDS) {
  describe(`a sentence export without a name column on ${kind}`, () => {
    const open = konteraOn(kind, '2026-12-01T09:00:00Z', { c1: 'Målarfirman AB' });

    it("learns each party from its first line and suggests its later lines' account as an exact match", async () => {
      const k = await open();
      const imported = await k.importStatement('c1', fixture(FILE), { fileName: 'statement.csv' });
      const lines = [...imported.transactions].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
      // The file's texts are built from templates: the name slot is each line's counterparty.
      expect(lines.find((t) => t.text.startsWith('Card transaction') && t.text.includes('Björks'))?.counterparty).toBe('Björks Färg Lund');

      // The bookkeeper books September: each party's first line.
      const first = lines.filter((t) => t.date < '2026-10-01' && partyOf(t.text) !== undefined);
      expect(new Set(first.map((t) => partyOf(t.text))).size).toBe(Object.keys(ACCOUNTS).length);
      await k.confirm('c1', first.map((t) => booking(t, ACCOUNTS[partyOf(t.text) as string] as string)));

      // October and November: every line of a booked party gets its account, as an exact match.
      const later = lines.filter((t) => t.date >= '2026-10-01' && partyOf(t.text) !== undefined);
      expect(later.length).toBeGreaterThanOrEqual(10);
      const got = await k.suggest('c1', later);
      expect(got.map((s, i) => `${partyOf(later[i]!.text)} ${s.account} ${s.match}`)).toEqual(later.map((t) => `${partyOf(t.text)} ${ACCOUNTS[partyOf(t.text) as string]} exact`));
    });
  });
}

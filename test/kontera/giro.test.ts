/**
 * The counterparty's bankgiro from the bank's account column, end to end through the facade on
 * every store: imported and stored with the line, learned on confirm, and found again by the giro
 * tier when the same bankgiro comes under another name (two real Nordea exports: the 2022
 * PlusGirokonto export names the payee "FORDONSSKATT TRANSPORTSTYRELSEN" and gives its bankgiro
 * only in `Mottagare`; the 2024 business export writes "Betalning BG 5051-6822 Fordonsskatt").
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKontera } from '../../src/kontera.js';
import type { ImportedTransaction, Kontera } from '../../src/kontera.js';
import { readSie } from '../../src/sie/reader.js';
import { fixture, openStore, STORE_KINDS } from './helpers.js';
import type { OpenedStore } from './helpers.js';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const PLUSGIRO_2022 = 'statements/nordea/foretag-2022-plusgirokonto.csv';
const BUSINESS_2024 = 'statements/nordea/business-2024-trailing-semicolon.csv';
const FORDONSSKATT_BG = '5051-6822';

/** The vehicle tax line of an import. */
function vehicleTax(transactions: readonly ImportedTransaction[]): ImportedTransaction {
  const t = transactions.find((x) => /fordonsskatt/i.test(x.text));
  if (t === undefined) throw new Error('no vehicle tax line in the fixture');
  return t;
}

/** Vehicle tax booked to 5616 (no VAT) from the line's own bank account. */
function bookVehicleTax(t: ImportedTransaction, transaction: ImportedTransaction | Omit<ImportedTransaction, 'counterpartyAccount'> = t) {
  return { transaction, voucher: { date: t.date, text: t.text, rows: [{ account: t.bankAccount, amount: t.amount }, { account: '5616', amount: -t.amount }] } };
}

for (const kind of STORE_KINDS) {
  describe(`the counterparty's bankgiro column through the facade on the ${kind} store`, () => {
    let opened: OpenedStore;
    let k: Kontera;

    beforeEach(async () => {
      opened = await openStore(kind);
      k = await createKontera({ store: opened.store, now: () => NOW });
      await k.addBureau({ id: 'byra', name: 'Byrå Ett' });
      await k.addClient({
        bureauId: 'byra',
        id: 'akeri',
        name: 'Åkeriet AB',
        bankAccounts: [
          { account: '1920', number: '192 69 85-1' },
          { account: '1930', number: '3300 12 34567' },
        ],
      });
    });
    afterEach(async () => {
      await opened.dispose();
    });

    it('stores the account column with each imported line and returns it again', async () => {
      const first = await k.importStatement('akeri', fixture(PLUSGIRO_2022));
      expect(first.bankAccount).toBe('1920');
      const tax = vehicleTax(first.transactions);
      expect(tax).toMatchObject({ text: 'FORDONSSKATT TRANSPORTSTYRELSEN', counterpartyAccount: FORDONSSKATT_BG });
      // A foreign IBAN and an ordinary account number are kept as the bank gave them (only the engine ignores them).
      expect(first.transactions.map((t) => t.counterpartyAccount)).toEqual(expect.arrayContaining(['GB38NWBK60303039723976', '1896  7173032', '474 70 02-6']));
      // Lines without a counterparty account have none.
      expect(first.transactions.find((t) => t.text === 'PRIS ENL SPEC')?.counterpartyAccount).toBeUndefined();
      // Importing again returns the stored lines, the account included.
      const again = await k.importStatement('akeri', fixture(PLUSGIRO_2022));
      expect(again.duplicates).toBe(first.transactions.length);
      expect(again.transactions).toEqual(first.transactions);
      const data = await k.exportClientData('akeri');
      expect(data.transactions.find((t) => t.id === tax.id)?.counterpartyAccount).toBe(FORDONSSKATT_BG);
    });

    it('finds a line whose bankgiro was learned under another name (bankgiro only in the column when learned)', async () => {
      const old = await k.importStatement('akeri', fixture(PLUSGIRO_2022));
      const learned = await k.confirm('akeri', [bookVehicleTax(vehicleTax(old.transactions))]);
      expect(learned.learned).toBe(1);
      const fresh = await k.importStatement('akeri', fixture(BUSINESS_2024));
      expect(fresh.bankAccount).toBe('1930');
      const line = vehicleTax(fresh.transactions);
      expect(line.text).toBe('Betalning BG 5051-6822 Fordonsskatt');
      const [s] = await k.suggest('akeri', [line]);
      expect(s).toMatchObject({ match: 'giro', source: 'client', account: '5616' });
      expect(s?.reason).toContain('same giro number');
    });

    it('finds a learned counterparty through the bankgiro column of a new line whose text has no giro number', async () => {
      const learnedFrom = await k.importStatement('akeri', fixture(BUSINESS_2024));
      await k.confirm('akeri', [bookVehicleTax(vehicleTax(learnedFrom.transactions))]);
      const next = await k.importStatement('akeri', fixture(PLUSGIRO_2022));
      const line = vehicleTax(next.transactions);
      expect(line.text).not.toMatch(/\d/);
      const [withColumn, withoutColumn] = await k.suggest('akeri', [line, { date: line.date, amount: line.amount, text: line.text, bankAccount: line.bankAccount }]);
      expect(withColumn).toMatchObject({ match: 'giro', source: 'client', account: '5616' });
      // The same text without the column is only similar to what was learned.
      expect(withoutColumn?.match).not.toBe('giro');
    });

    it('learns the stored bankgiro when a booking of an imported line leaves the column out', async () => {
      const old = await k.importStatement('akeri', fixture(PLUSGIRO_2022));
      const tax = vehicleTax(old.transactions);
      const { counterpartyAccount, ...withoutColumn } = tax;
      expect(counterpartyAccount).toBe(FORDONSSKATT_BG);
      await k.confirm('akeri', [bookVehicleTax(tax, withoutColumn)]);
      const line = vehicleTax((await k.importStatement('akeri', fixture(BUSINESS_2024))).transactions);
      const [s] = await k.suggest('akeri', [line]);
      expect(s?.match).toBe('giro');
      // The voucher exports as SIE 4 as before.
      const sie = readSie(await k.exportSie('akeri'));
      expect(sie.vouchers).toHaveLength(1);
    });

    it('refuses a counterparty account that is not a string', async () => {
      const bad = { date: '2026-01-05', amount: -100, text: 'X', counterpartyAccount: 50501055 as unknown as string };
      await expect(k.suggest('akeri', [bad])).rejects.toMatchObject({ code: 'VALIDATION' });
      await expect(k.confirm('akeri', [{ transaction: bad, voucher: { date: '2026-01-05', text: 'X', rows: [{ account: '1930', amount: -100 }, { account: '6570', amount: 100 }] } }])).rejects.toMatchObject({
        code: 'VALIDATION',
      });
    });
  });
}

/**
 * A bank export and the same export opened in a spreadsheet and saved again, imported into one
 * client: the re-save may write the account number without its separators (Handelsbanken's
 * "123 456 789" becomes 123456789), yet its lines are the lines imported before and must not be
 * stored, and booked, twice. On every store.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKontera } from '../../src/kontera.js';
import type { Kontera } from '../../src/kontera.js';
import { parseStatement } from '../../src/statements/index.js';
import { fixture, openStore, STORE_KINDS, swedbankCsv } from './helpers.js';
import type { OpenedStore } from './helpers.js';
import { rejectedCode } from '../support/errors.js';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const CSV = 'statements/handelsbanken/business-transaktioner-semicolon.txt';
const RESAVES = ['xlsx', 'xls', 'ods'].map((ext) => `statements/resave/handelsbanken--business-transaktioner-semicolon.${ext}`);
/** The export's lines (its preliminary row is not imported). */
const LINES = parseStatement(fixture(CSV)).transactions.length;
const SECTIONS = 'statements/sections/two-accounts-semicolon.csv';

/** The several-account fixture with its headings' account numbers written without hyphens, as a re-save may. */
function sectionsWithoutHyphens(): string {
  const text = new TextDecoder().decode(fixture(SECTIONS));
  return text.replace(/^Konto:.*$/gm, (heading) => heading.replace(/(\d)-(\d)/g, '$1$2'));
}

for (const kind of STORE_KINDS) {
  describe(`a re-saved export imported after the export, on the ${kind} store`, () => {
    let opened: OpenedStore;
    let k: Kontera;

    beforeEach(async () => {
      opened = await openStore(kind);
      k = await createKontera({ store: opened.store, now: () => NOW });
      await k.addBureau({ id: 'byra', name: 'Byrå Ett' });
    });
    afterEach(async () => {
      await opened.dispose();
    });

    for (const resave of RESAVES) {
      it(`${resave.slice(resave.lastIndexOf('.'))}: its lines are duplicates of the export's, stored once`, async () => {
        await k.addClient({ bureauId: 'byra', id: 'hb', name: 'Ekbackens Snickeri AB', bankAccounts: [{ account: '1930', number: '123 456 789' }] });
        const first = await k.importStatement('hb', fixture(CSV), { fileName: 'transaktioner-mars.txt' });
        expect(first).toMatchObject({ bankAccount: '1930', added: LINES, duplicates: 0 });
        const second = await k.importStatement('hb', fixture(resave), { fileName: resave });
        expect(second).toMatchObject({ bankAccount: '1930', added: 0, duplicates: LINES });
        // The duplicates are the lines stored the first time; the same lines are the same statement.
        expect(second.transactions.map((t) => [t.id, t.statementId])).toEqual(first.transactions.map((t) => [t.id, first.statementId]));
        expect(second.statementId).toBe(first.statementId);
        const data = await k.exportClientData('hb');
        expect(data.transactions).toHaveLength(LINES);
        expect(data.statements.map((s) => [s.id, s.accountNumber])).toEqual([[first.statementId, '123 456 789']]);
        // The export's ids are the ones the parser has always given it.
        expect(data.transactions.map((t) => t.id).sort()).toEqual(parseStatement(fixture(CSV)).transactions.map((t) => t.id).sort());
      });
    }

    it('the export after its re-save: the re-save\'s spelling decides, the lines are stored once', async () => {
      await k.addClient({ bureauId: 'byra', id: 'hb', name: 'Ekbackens Snickeri AB' });
      const first = await k.importStatement('hb', fixture(RESAVES[0] as string));
      expect(first).toMatchObject({ added: LINES, duplicates: 0 });
      const second = await k.importStatement('hb', fixture(CSV));
      expect(second).toMatchObject({ added: 0, duplicates: LINES });
      for (const resave of RESAVES) expect(await k.importStatement('hb', fixture(resave))).toMatchObject({ added: 0, duplicates: LINES });
      expect((await k.exportClientData('hb')).transactions).toHaveLength(LINES);
    });

    it('a re-save that lost the leading zero of an all-digit account number adds nothing; another number still adds its lines', async () => {
      await k.addClient({ bureauId: 'byra', id: 'sb', name: 'Nollans Bygg AB' });
      const first = await k.importStatement('sb', swedbankCsv(12, 0, '0123456789'));
      expect(first).toMatchObject({ bankAccount: '1930', added: 12, duplicates: 0 });
      // A spreadsheet read the number column as a number: 0123456789 became 123456789.
      const resaved = await k.importStatement('sb', swedbankCsv(12, 0, '123456789'));
      expect(resaved).toMatchObject({ added: 0, duplicates: 12 });
      expect(resaved.transactions.map((t) => t.id)).toEqual(first.transactions.map((t) => t.id));
      // A digit other than a leading zero is another number: its lines are new.
      expect(await k.importStatement('sb', swedbankCsv(12, 0, '1123456789'))).toMatchObject({ added: 12, duplicates: 0 });
    });

    it('keeps the ids of lines imported before: the bureau\'s own spelling of the number never goes into them', async () => {
      // The number as the bureau typed it, without spaces: a statement still gets the ids of its file's spelling.
      await k.addClient({ bureauId: 'byra', id: 'hb', name: 'Ekbackens Snickeri AB', bankAccounts: [{ account: '1930', number: '123456789' }] });
      const first = await k.importStatement('hb', fixture(CSV));
      expect(first.transactions.map((t) => t.id)).toEqual(parseStatement(fixture(CSV)).transactions.map((t) => t.id));
      expect(await k.importStatement('hb', fixture(CSV))).toMatchObject({ statementId: first.statementId, added: 0, duplicates: LINES });
      expect(await k.importStatement('hb', fixture(RESAVES[1] as string))).toMatchObject({ bankAccount: '1930', added: 0, duplicates: LINES });
    });

    it('still finds the lines of both spellings stored before the fix, each file by its own spelling', async () => {
      await k.addClient({ bureauId: 'byra', id: 'hb', name: 'Ekbackens Snickeri AB' });
      const csv = await k.importStatement('hb', fixture(CSV));
      // What an import of the re-save stored before: its lines under ids made with "123456789".
      const resaved = parseStatement(fixture(RESAVES[0] as string));
      const ref = { bureauId: 'byra', clientId: 'hb' };
      await opened.store.transaction(async (tx) => {
        await tx.putStatement(ref, { id: 'st-before-the-fix', clientId: 'hb', bankAccount: '1930', format: resaved.format, bank: resaved.bank, accountNumber: '123456789', currency: 'SEK', transactionCount: LINES, importedAt: NOW.toISOString() });
        await tx.addTransactions(ref, resaved.transactions.map((t) => ({ id: t.id, clientId: 'hb', bankAccount: '1930', statementId: 'st-before-the-fix', line: t.line, date: t.date, amount: t.amount, text: t.text })));
      });
      expect(await k.importStatement('hb', fixture(CSV))).toMatchObject({ statementId: csv.statementId, added: 0, duplicates: LINES });
      const again = await k.importStatement('hb', fixture(RESAVES[0] as string));
      expect(again).toMatchObject({ added: 0, duplicates: LINES });
      expect(again.transactions.map((t) => t.statementId)).toEqual(resaved.transactions.map(() => 'st-before-the-fix'));
      expect((await k.exportClientData('hb')).transactions).toHaveLength(2 * LINES);
    });

    it('puts the re-save on the bank account with the number, and refuses it for another', async () => {
      await k.addClient({ bureauId: 'byra', id: 'hb', name: 'Ekbackens Snickeri AB', bankAccounts: [{ account: '1930', number: '123 456 789' }, { account: '1940', number: '9123-4567819' }] });
      await k.importStatement('hb', fixture(CSV));
      expect(await rejectedCode(k.importStatement('hb', fixture(RESAVES[0] as string), { bankAccount: '1940' }))).toBe('VALIDATION');
      expect(await k.importStatement('hb', fixture(RESAVES[0] as string), { bankAccount: '1930' })).toMatchObject({ bankAccount: '1930', added: 0, duplicates: LINES });
      expect(await k.importStatement('hb', fixture(RESAVES[2] as string))).toMatchObject({ bankAccount: '1930', added: 0, duplicates: LINES });
    });

    it('one account of a several-account file: its re-save without hyphens adds nothing, for each account', async () => {
      await k.addClient({ bureauId: 'byra', id: 'c2', name: 'C2', bankAccounts: [{ account: '1930', number: '9123-4567801' }, { account: '1940', number: '9123-4567819' }] });
      const original = fixture(SECTIONS);
      const firsts = [
        await k.importStatement('c2', original, { accountNumber: '9123-4567801' }),
        await k.importStatement('c2', original, { accountNumber: '9123-4567819' }),
      ];
      const resaved = sectionsWithoutHyphens();
      const seconds = [
        await k.importStatement('c2', resaved, { accountNumber: '91234567801' }),
        await k.importStatement('c2', resaved, { accountNumber: '9123-4567819' }),
      ];
      expect(seconds.map((s) => [s.bankAccount, s.added, s.duplicates])).toEqual(firsts.map((f) => [f.bankAccount, 0, f.added]));
      expect((await k.exportClientData('c2')).transactions).toHaveLength(parseStatement(original).transactions.length);
    });
  });
}

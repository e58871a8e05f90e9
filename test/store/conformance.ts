/**
 * The store contract as one test suite. Every store runs it: `describeStore(name, harness)`.
 * The memory store is the reference; a behaviour that differs between stores is a bug in one of
 * them unless `capabilities` declares it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KonteraError } from '../../src/core/errors.js';
import type { ClientRef, LedgerVoucher, Store, TransactionRow } from '../../src/store/store.js';
import { bureauRecord, changes, clientRow, networkRecord, NO_BASE, openItem, pendingSettlement, profile, statementRow, txRow, voucher } from './fixtures.js';

/** Opens stores on one storage location (a file, or nothing for memory); `open` may be called again after close. */
export interface StoreHarness {
  open(): Promise<Store>;
  /** Removes the location; called after each test. */
  dispose(): Promise<void>;
}

/** Extra tests a store adds on top of the contract. */
export type AdditionalTests = (ctx: { harness: () => StoreHarness; store: () => Store }) => void;

const A: ClientRef = { bureauId: 'b1', clientId: 'c1' };
const B: ClientRef = { bureauId: 'b1', clientId: 'c2' };
const OTHER: ClientRef = { bureauId: 'b2', clientId: 'x1' };

async function expectCode(promise: Promise<unknown>, code: string): Promise<KonteraError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(KonteraError);
    expect((error as KonteraError).code).toBe(code);
    return error as KonteraError;
  }
  throw new Error(`expected a ${code} error, the call succeeded`);
}

async function seed(store: Store): Promise<void> {
  await store.createBureau({ id: 'b1', name: 'Byrå Ett' });
  await store.createBureau({ id: 'b2', name: 'Byrå Två' });
  await store.createClient(clientRow('c1', 'b1'));
  await store.createClient(clientRow('c2', 'b1'));
  await store.createClient(clientRow('x1', 'b2'));
}

function rows(clientId: string, statementId: string, n: number, from = 0): TransactionRow[] {
  return Array.from({ length: n }, (_, i) =>
    txRow(clientId, statementId, `t${from + i}`, { line: i + 2, date: `2026-01-${String(1 + ((from + i) % 28)).padStart(2, '0')}`, amount: -(100 + from + i) }),
  );
}

function ledger(id: string, overrides: Partial<LedgerVoucher> = {}): LedgerVoucher {
  const [series = 'A', number = '1'] = id.split(' ').slice(1);
  return {
    id,
    series,
    number,
    date: '2025-03-04',
    text: 'Telia faktura',
    rows: [
      { account: '1930', amount: -49900 },
      { account: '6212', amount: 39920 },
      { account: '2641', amount: 9980 },
    ],
    fingerprint: `fp-${id}`,
    bankAccounts: ['1930'],
    learned: true,
    ...overrides,
  };
}

/** Runs the whole store contract against the stores `makeHarness` opens. */
export function describeStore(name: string, makeHarness: () => Promise<StoreHarness>, additionalTests?: AdditionalTests): void {
  describe(`store contract: ${name}`, () => {
    let harness: StoreHarness;
    let store: Store;
    const opened: Store[] = [];

    beforeEach(async () => {
      harness = await makeHarness();
      store = await harness.open();
      opened.push(store);
      await seed(store);
    });

    afterEach(async () => {
      for (const s of opened.splice(0)) await s.close();
      await harness.dispose();
    });

    const openAnother = async (): Promise<Store> => {
      const s = await harness.open();
      opened.push(s);
      return s;
    };

    describe('capabilities', () => {
      it('declares its behaviour as data', () => {
        const c = store.capabilities;
        expect(typeof c.kind).toBe('string');
        expect(typeof c.durable).toBe('boolean');
        expect(typeof c.multiProcess).toBe('boolean');
        expect(typeof c.browserSafe).toBe('boolean');
      });
    });

    describe('bureaus and clients', () => {
      it('stores and returns a bureau; unknown ids are undefined', async () => {
        expect(await store.getBureau('b1')).toEqual({ id: 'b1', name: 'Byrå Ett' });
        expect(await store.getBureau('nope')).toBeUndefined();
      });

      it('lists every bureau by id (code point order), and none once deleted', async () => {
        expect((await store.listBureaus()).map((b) => b.id)).toEqual(['b1', 'b2']);
        await store.createBureau({ id: 'B0', name: 'Byrå Noll' });
        await store.createBureau({ id: 'ä1', name: 'Byrå Ä' });
        expect(await store.listBureaus()).toEqual([
          { id: 'B0', name: 'Byrå Noll' },
          { id: 'b1', name: 'Byrå Ett' },
          { id: 'b2', name: (await store.getBureau('b2'))?.name },
          { id: 'ä1', name: 'Byrå Ä' },
        ]);
        await store.deleteBureau('B0');
        expect((await store.listBureaus()).map((b) => b.id)).toEqual(['b1', 'b2', 'ä1']);
      });

      it('refuses a bureau id twice with CONFLICT', async () => {
        await expectCode(store.createBureau({ id: 'b1', name: 'again' }), 'CONFLICT');
        expect((await store.getBureau('b1'))?.name).toBe('Byrå Ett');
      });

      it('refuses a client of an unknown bureau with NOT_FOUND', async () => {
        await expectCode(store.createClient(clientRow('c9', 'nope')), 'NOT_FOUND');
        expect(await store.findClients('c9')).toEqual([]);
      });

      it('refuses a client id that exists in the same bureau with CONFLICT', async () => {
        await expectCode(store.createClient(clientRow('c1', 'b1', { name: 'again' })), 'CONFLICT');
        expect((await store.findClients('c1')).map((c) => [c.bureauId, c.name])).toEqual([['b1', 'Client c1']]);
      });

      it('scopes client ids by bureau: two bureaus each have a client with one id, and their data stays apart', async () => {
        // x1 is b2's; b1 adds its own x1.
        await store.createClient(clientRow('x1', 'b1', { name: 'Byrå ett:s x1' }));
        expect((await store.findClients('x1')).map((c) => [c.bureauId, c.name])).toEqual([
          ['b1', 'Byrå ett:s x1'],
          ['b2', 'Client x1'],
        ]);
        const mine: ClientRef = { bureauId: 'b1', clientId: 'x1' };
        await store.putStatement(mine, statementRow('x1', 's1'));
        await store.addTransactions(mine, rows('x1', 's1', 2));
        await store.addVoucher(mine, voucher({ bankAccount: '1930', transactionId: 't0' }));
        await store.applyKnowledge('b1', changes({ putProfiles: [profile('b1', 'x1', 'telia')] }), NO_BASE);
        await store.putOpenItems(mine, [openItem('i1')]);
        await store.putLedgerVouchers(mine, [ledger('2025-01-01 A 1')]);
        // Nothing of b1's x1 is b2's x1, and the numbering is per client.
        expect(await store.listStatements(OTHER)).toEqual([]);
        expect(await store.listTransactions(OTHER)).toEqual([]);
        expect(await store.listVouchers(OTHER)).toEqual([]);
        expect(await store.getProfiles(OTHER)).toEqual([]);
        expect(await store.listOpenItems(OTHER)).toEqual([]);
        expect(await store.listLedgerVouchers(OTHER)).toEqual([]);
        expect((await store.addVoucher(OTHER, voucher())).number).toBe(1);
        expect(await store.getBureauProfiles('b2', ['telia'])).toEqual([]);
        expect(await store.getBureauProfiles('b1', ['telia'])).toEqual([profile('b1', 'x1', 'telia')]);
        // Deleting b2's x1 leaves b1's whole.
        await store.deleteClient(OTHER);
        expect((await store.findClients('x1')).map((c) => c.bureauId)).toEqual(['b1']);
        const left = await store.exportClient(mine);
        expect([left.statements.length, left.transactions.length, left.vouchers.length, left.profiles.length, left.openItems.length, left.ledgerVouchers.length]).toEqual([1, 2, 1, 1, 1, 1]);
        // And the other way round.
        await store.createClient(clientRow('x1', 'b2'));
        await store.putStatement(OTHER, statementRow('x1', 's1'));
        await store.deleteBureau('b1');
        expect((await store.findClients('x1')).map((c) => c.bureauId)).toEqual(['b2']);
        expect(await store.listStatements(OTHER)).toHaveLength(1);
      });

      it('refuses a client without bank accounts or series with VALIDATION', async () => {
        await expectCode(store.createClient(clientRow('c8', 'b1', { bankAccounts: [] })), 'VALIDATION');
        await expectCode(store.createClient(clientRow('c8', 'b1', { bankAccounts: ['1930', '1940'] })), 'VALIDATION');
        expect(await store.findClients('c8')).toEqual([]);
      });

      it('round-trips every client setting', async () => {
        const full = clientRow('c5', 'b1', {
          orgNr: '556677-8899',
          bankAccounts: ['1930', '1940'],
          series: { '1930': 'B', '1940': 'C' },
          accountNumbers: { '1930': '8327-9, 123 456 789-0' },
          vatRegistered: false,
          chart: ['1930', '1940', '6212', '2641'],
          accountNames: { '1930': 'Företagskonto', '6212': 'Mobiltelefon' },
          suspenseAccount: '2999',
          review: { accounts: ['6212'], counterparties: ['telia'] },
          autoBookThreshold: 0.97,
          autoBookShared: true,
          network: false,
        });
        await store.createClient(full);
        expect(await store.getClient({ bureauId: 'b1', clientId: 'c5' })).toEqual(full);
        expect(await store.findClients('c5')).toEqual([full]);
      });

      it('finds a client only through its own bureau', async () => {
        expect((await store.getClient(A)).name).toBe('Client c1');
        await expectCode(store.getClient({ bureauId: 'b2', clientId: 'c1' }), 'NOT_FOUND');
        await expectCode(store.getClient({ bureauId: 'b1', clientId: 'nope' }), 'NOT_FOUND');
      });

      it('lists a bureau’s clients by id, and refuses an unknown bureau', async () => {
        expect((await store.listClients('b1')).map((c) => c.id)).toEqual(['c1', 'c2']);
        expect((await store.listClients('b2')).map((c) => c.id)).toEqual(['x1']);
        await expectCode(store.listClients('nope'), 'NOT_FOUND');
      });

      it('updates a client’s settings but never moves it to another bureau', async () => {
        await store.updateClient({ ...clientRow('c1', 'b1'), name: 'Renamed', vatRegistered: false });
        expect(await store.getClient(A)).toMatchObject({ name: 'Renamed', vatRegistered: false });
        await expectCode(store.updateClient(clientRow('c1', 'b2')), 'NOT_FOUND');
        expect((await store.getClient(A)).bureauId).toBe('b1');
      });

      it('returns copies: changing a returned record changes nothing stored', async () => {
        const c = await store.getClient(A);
        (c.bankAccounts as string[]).push('1940');
        expect((await store.getClient(A)).bankAccounts).toEqual(['1930']);
      });
    });

    describe('statements and transactions', () => {
      it('stores a statement once per id', async () => {
        expect(await store.putStatement(A, statementRow('c1', 's1', { fileName: 'a.csv', from: '2026-01-01', to: '2026-01-31' }))).toBe(true);
        expect(await store.putStatement(A, statementRow('c1', 's1', { fileName: 'other.csv' }))).toBe(false);
        expect(await store.getStatement(A, 's1')).toMatchObject({ fileName: 'a.csv', from: '2026-01-01' });
        expect(await store.getStatement(A, 'nope')).toBeUndefined();
        expect((await store.listStatements(A)).map((s) => s.id)).toEqual(['s1']);
      });

      it('adds each transaction once: repeated and overlapping imports report duplicates', async () => {
        await store.putStatement(A, statementRow('c1', 's1'));
        const first = await store.addTransactions(A, rows('c1', 's1', 10));
        expect(first.added).toHaveLength(10);
        expect(first.duplicates).toEqual([]);
        const again = await store.addTransactions(A, rows('c1', 's1', 15, 5));
        expect(again.added).toEqual(['t10', 't11', 't12', 't13', 't14', 't15', 't16', 't17', 't18', 't19']);
        expect(again.duplicates).toEqual(['t5', 't6', 't7', 't8', 't9']);
        const within = await store.addTransactions(A, [txRow('c1', 's1', 'dup'), txRow('c1', 's1', 'dup')]);
        expect(within).toEqual({ added: ['dup'], duplicates: ['dup'] });
        expect(await store.listTransactions(A)).toHaveLength(21);
      });

      it('keys transactions by bank account: the same id on two accounts is two lines', async () => {
        await store.putStatement(A, statementRow('c1', 's1'));
        await store.putStatement(A, statementRow('c1', 's2', { bankAccount: '1940' }));
        await store.addTransactions(A, [txRow('c1', 's1', 'same')]);
        const r = await store.addTransactions(A, [txRow('c1', 's2', 'same', { bankAccount: '1940' })]);
        expect(r.added).toEqual(['same']);
        expect(await store.listTransactions(A, { bankAccount: '1940' })).toHaveLength(1);
      });

      it('round-trips optional fields and leaves absent ones absent', async () => {
        await store.putStatement(A, statementRow('c1', 's1'));
        const full = txRow('c1', 's1', 'full', {
          valueDate: '2026-01-14',
          balance: 1234567,
          reference: 'OCR 123',
          counterparty: 'Telia Sverige AB',
          counterpartyAccount: '5014-1100',
          kind: 'bankgiro',
          currency: 'EUR',
          pending: true,
        });
        const bare = txRow('c1', 's1', 'bare', { line: 3 });
        await store.addTransactions(A, [full, bare]);
        expect(await store.getTransactions(A, [{ bankAccount: '1930', id: 'bare' }, { bankAccount: '1930', id: 'full' }])).toEqual([bare, full]);
        expect(await store.getTransactions(A, [{ bankAccount: '1930', id: 'nope' }])).toEqual([]);
      });

      it('lists by date, then bank account, then file order, and filters', async () => {
        await store.putStatement(A, statementRow('c1', 's1'));
        await store.putStatement(A, statementRow('c1', 's2', { bankAccount: '1940' }));
        await store.addTransactions(A, [
          txRow('c1', 's1', 'late', { date: '2026-02-01' }),
          txRow('c1', 's1', 'early-2', { date: '2026-01-01', line: 2 }),
          txRow('c1', 's1', 'early-3', { date: '2026-01-01', line: 3 }),
        ]);
        await store.addTransactions(A, [txRow('c1', 's2', 'other', { date: '2026-01-01', bankAccount: '1940' })]);
        expect((await store.listTransactions(A)).map((t) => t.id)).toEqual(['early-2', 'early-3', 'other', 'late']);
        expect((await store.listTransactions(A, { statementId: 's2' })).map((t) => t.id)).toEqual(['other']);
        expect((await store.listTransactions(A, { from: '2026-01-02' })).map((t) => t.id)).toEqual(['late']);
        expect((await store.listTransactions(A, { to: '2026-01-01', bankAccount: '1930' })).map((t) => t.id)).toEqual(['early-2', 'early-3']);
      });

      it('is all-or-nothing per call: one bad row in a batch writes none of it', async () => {
        await store.putStatement(A, statementRow('c1', 's1'));
        const batch = rows('c1', 's1', 5);
        await expectCode(store.addTransactions(A, [...batch, txRow('c1', 's1', 'bad', { amount: 1.5 })]), 'VALIDATION');
        await expectCode(store.addTransactions(A, [...batch, txRow('c1', 'no-such-statement', 'orphan')]), 'VALIDATION');
        await expectCode(store.addTransactions(A, [...batch, txRow('c2', 's1', 'foreign')]), 'VALIDATION');
        expect(await store.listTransactions(A)).toEqual([]);
      });
    });

    describe('vouchers', () => {
      it('numbers vouchers 1, 2, … per client and series', async () => {
        const a1 = await store.addVoucher(A, voucher());
        const a2 = await store.addVoucher(A, voucher({ date: '2026-01-16' }));
        const b1 = await store.addVoucher(A, voucher({ series: 'B' }));
        const other = await store.addVoucher(B, voucher());
        expect([a1.number, a2.number, b1.number, other.number]).toEqual([1, 2, 1, 1]);
        expect(a1).toMatchObject({ clientId: 'c1', series: 'A', text: 'Telia' });
        expect((await store.listVouchers(A)).map((v) => `${v.series}${v.number}`)).toEqual(['A1', 'A2', 'B1']);
      });

      it('filters by series and inclusive dates', async () => {
        await store.addVoucher(A, voucher({ date: '2026-01-01' }));
        await store.addVoucher(A, voucher({ date: '2026-01-31' }));
        await store.addVoucher(A, voucher({ date: '2026-02-01', series: 'B' }));
        expect((await store.listVouchers(A, { from: '2026-01-01', to: '2026-01-31' })).map((v) => v.date)).toEqual(['2026-01-01', '2026-01-31']);
        expect((await store.listVouchers(A, { series: 'B' })).map((v) => v.date)).toEqual(['2026-02-01']);
      });

      it('books a transaction at most once', async () => {
        const v = await store.addVoucher(A, voucher({ bankAccount: '1930', transactionId: 't1' }));
        expect(await store.getVoucherForTransaction(A, { bankAccount: '1930', id: 't1' })).toEqual(v);
        expect(await store.getVoucherForTransaction(A, { bankAccount: '1930', id: 't2' })).toBeUndefined();
        await expectCode(store.addVoucher(A, voucher({ bankAccount: '1930', transactionId: 't1' })), 'CONFLICT');
        expect(await store.listVouchers(A)).toHaveLength(1);
      });

      it('finds the vouchers booking many transactions in one call, in their order, however dated', async () => {
        const t3 = await store.addVoucher(A, voucher({ date: '2026-06-30', bankAccount: '1930', transactionId: 't3' }));
        await store.addVoucher(A, voucher());
        const t1 = await store.addVoucher(A, voucher({ date: '2025-01-02', bankAccount: '1930', transactionId: 't1' }));
        await store.addVoucher(B, voucher({ bankAccount: '1930', transactionId: 't2' }));
        const keys = [
          { bankAccount: '1930', id: 't1' },
          { bankAccount: '1930', id: 't2' },
          { bankAccount: '1940', id: 't3' },
          { bankAccount: '1930', id: 't3' },
        ];
        expect(await store.getVouchersForTransactions(A, keys)).toEqual([t1, t3]);
        expect(await store.getVouchersForTransactions(A, [])).toEqual([]);
        for (const k of keys) expect(await store.getVoucherForTransaction(A, k)).toEqual(k.bankAccount === '1930' && k.id !== 't2' ? (k.id === 't1' ? t1 : t3) : undefined);
      });

      it('refuses unbalanced, fractional or badly dated vouchers with VALIDATION', async () => {
        await expectCode(store.addVoucher(A, voucher({ rows: [{ account: '1930', amount: -100 }, { account: '6212', amount: 99 }] })), 'VALIDATION');
        await expectCode(store.addVoucher(A, voucher({ rows: [{ account: '1930', amount: -0.5 }, { account: '6212', amount: 0.5 }] })), 'VALIDATION');
        await expectCode(store.addVoucher(A, voucher({ date: '2026-1-5' })), 'VALIDATION');
        expect(await store.listVouchers(A)).toEqual([]);
      });

      it('keeps row texts and leaves absent ones absent', async () => {
        const v = await store.addVoucher(A, voucher({ rows: [{ account: '1930', amount: -100, text: 'bank' }, { account: '6212', amount: 100 }] }));
        expect((await store.listVouchers(A))[0]).toEqual(v);
        expect(v.rows).toEqual([{ account: '1930', amount: -100, text: 'bank' }, { account: '6212', amount: 100 }]);
      });

      it('keeps what a voucher was learned from (for relearn), and leaves it absent when not given', async () => {
        const [taught, plain] = await store.addVouchers(A, [
          voucher({ learnedFrom: { text: 'Kundbet 1042', counterparty: 'Ekdahls Måleri AB', reference: undefined, correction: true } }),
          voucher({ date: '2026-03-06' }),
        ]);
        expect(taught?.learnedFrom).toEqual({ text: 'Kundbet 1042', counterparty: 'Ekdahls Måleri AB', correction: true });
        expect(plain).not.toHaveProperty('learnedFrom');
        expect(await store.listVouchers(A)).toEqual([taught, plain]);
        expect((await store.exportClient(A)).vouchers).toEqual([taught, plain]);
      });

      it('replaces what vouchers were learned from (unlearn marks them forgotten); an unknown voucher is NOT_FOUND and nothing is written', async () => {
        const [taught, plain] = await store.addVouchers(A, [
          voucher({ learnedFrom: { text: 'Kundbet 1042', counterparty: 'Ekdahls Måleri AB' }, bankAccount: '1930', transactionId: 't1' }),
          voucher({ date: '2026-03-06' }),
        ]);
        if (taught === undefined || plain === undefined) throw new Error('two vouchers');
        await expectCode(store.setLearnedFrom(A, [{ series: taught.series, number: taught.number, learnedFrom: { text: 'x', forgotten: true } }, { series: 'A', number: 99, learnedFrom: { text: 'y' } }]), 'NOT_FOUND');
        expect(await store.listVouchers(A)).toEqual([taught, plain]);
        await store.setLearnedFrom(A, [
          { series: taught.series, number: taught.number, learnedFrom: { text: 'Kundbet 1042', counterparty: 'Ekdahls Måleri AB', reference: undefined, forgotten: true } },
          { series: plain.series, number: plain.number, learnedFrom: { text: 'Telikom Sverige', forgotten: true } },
        ]);
        const forgottenTaught = { ...taught, learnedFrom: { text: 'Kundbet 1042', counterparty: 'Ekdahls Måleri AB', forgotten: true } };
        const forgottenPlain = { ...plain, learnedFrom: { text: 'Telikom Sverige', forgotten: true } };
        expect(await store.listVouchers(A)).toEqual([forgottenTaught, forgottenPlain]);
        expect(await store.getVoucherForTransaction(A, { bankAccount: '1930', id: 't1' })).toEqual(forgottenTaught);
        expect((await store.exportClient(A)).vouchers).toEqual([forgottenTaught, forgottenPlain]);
      });

      it('replaces a voucher in place: new date, text, rows, confirmedAt and learnedFrom; series, number and bank line stay', async () => {
        const [first, second] = await store.addVouchers(A, [
          voucher({ learnedFrom: { text: 'Telikom Sverige' }, bankAccount: '1930', transactionId: 't1' }),
          voucher({ date: '2026-03-06' }),
        ]);
        const [otherClients] = await store.addVouchers(B, [voucher({ bankAccount: '1930', transactionId: 't1' })]);
        if (first === undefined || second === undefined || otherClients === undefined) throw new Error('three vouchers');
        const replaced = await store.replaceVoucher(A, {
          series: first.series,
          number: first.number,
          date: '2026-03-04',
          text: 'Telikom rättad',
          rows: [{ account: '1930', amount: -100, text: 'bank' }, { account: '6211', amount: 80 }, { account: '2641', amount: 20 }],
          confirmedAt: '2026-03-09T08:00:00.000Z',
          learnedFrom: { text: 'Telikom Sverige', reference: undefined, correction: true },
        });
        const expected = {
          ...first,
          date: '2026-03-04',
          text: 'Telikom rättad',
          rows: [{ account: '1930', amount: -100, text: 'bank' }, { account: '6211', amount: 80 }, { account: '2641', amount: 20 }],
          confirmedAt: '2026-03-09T08:00:00.000Z',
          learnedFrom: { text: 'Telikom Sverige', correction: true },
        };
        expect(replaced).toEqual(expected);
        expect(await store.listVouchers(A)).toEqual([expected, second]);
        expect(await store.getVoucherForTransaction(A, { bankAccount: '1930', id: 't1' })).toEqual(expected);
        expect(await store.getVouchersForTransactions(A, [{ bankAccount: '1930', id: 't1' }])).toEqual([expected]);
        expect((await store.exportClient(A)).vouchers).toEqual([expected, second]);
        // The other client's voucher with the same series and number is not touched.
        expect(await store.listVouchers(B)).toEqual([otherClients]);
        // Without learnedFrom: none kept.
        const plain = await store.replaceVoucher(A, { series: second.series, number: second.number, date: second.date, text: 'x', rows: second.rows, confirmedAt: second.confirmedAt });
        expect(plain).toEqual({ ...second, text: 'x' });
        expect(plain).not.toHaveProperty('learnedFrom');
        // A booked line is still booked: another voucher for it is a CONFLICT.
        await expectCode(store.addVoucher(A, voucher({ bankAccount: '1930', transactionId: 't1' })), 'CONFLICT');
      });

      it('refuses to replace an unknown voucher (NOT_FOUND) or with unbalanced, fractional or badly dated content (VALIDATION), and writes nothing', async () => {
        const v = await store.addVoucher(A, voucher({ learnedFrom: { text: 'Telikom Sverige' }, bankAccount: '1930', transactionId: 't1' }));
        const good = { series: v.series, number: v.number, date: v.date, text: v.text, rows: v.rows, confirmedAt: v.confirmedAt };
        await expectCode(store.replaceVoucher(A, { ...good, number: v.number + 1 }), 'NOT_FOUND');
        await expectCode(store.replaceVoucher(OTHER, good), 'NOT_FOUND');
        await expectCode(store.replaceVoucher(A, { ...good, rows: [{ account: '1930', amount: -100 }, { account: '6211', amount: 99 }] }), 'VALIDATION');
        await expectCode(store.replaceVoucher(A, { ...good, rows: [{ account: '1930', amount: -0.5 }, { account: '6211', amount: 0.5 }] }), 'VALIDATION');
        await expectCode(store.replaceVoucher(A, { ...good, rows: [{ account: '1930', amount: 0 }] }), 'VALIDATION');
        await expectCode(store.replaceVoucher(A, { ...good, date: '2026-3-5' }), 'VALIDATION');
        await expectCode(store.replaceVoucher(A, { ...good, confirmedAt: 'yesterday' }), 'VALIDATION');
        expect(await store.listVouchers(A)).toEqual([v]);
      });

      it('keeps the key rules a client was learned under', async () => {
        const client = await store.getClient(A);
        await store.updateClient({ ...client, keyRules: '0123456789abcdef' });
        expect((await store.getClient(A)).keyRules).toBe('0123456789abcdef');
        const { keyRules: _, ...without } = client;
        await store.updateClient(without);
        expect(await store.getClient(A)).not.toHaveProperty('keyRules');
      });

      it('numbers a batch in input order per series, after what is stored, as one call at a time would', async () => {
        await store.addVoucher(A, voucher());
        const batch = [
          voucher({ text: 'a' }),
          voucher({ series: 'B', text: 'b' }),
          voucher({ text: 'c', bankAccount: '1930', transactionId: 't1' }),
          voucher({ text: 'd', rows: [{ account: '1930', amount: -100, text: 'bank' }, { account: '6212', amount: 100 }] }),
          voucher({ series: 'B', text: 'e', date: '2026-01-01' }),
        ];
        const added = await store.addVouchers(A, batch);
        expect(added.map((v) => `${v.series}${v.number} ${v.text}`)).toEqual(['A2 a', 'B1 b', 'A3 c', 'A4 d', 'B2 e']);
        expect(added[2]).toMatchObject({ clientId: 'c1', bankAccount: '1930', transactionId: 't1' });
        expect(await store.getVoucherForTransaction(A, { bankAccount: '1930', id: 't1' })).toEqual(added[2]);
        const stored = await store.listVouchers(A);
        expect(stored.filter((v) => v.number > 1 || v.series === 'B')).toEqual([added[0], added[2], added[3], added[1], added[4]]);
        // The same vouchers one by one for another client: the same records.
        await store.addVoucher(B, voucher());
        const single = [];
        for (const v of batch) single.push(await store.addVoucher(B, v));
        expect(single.map((v) => ({ ...v, clientId: 'c1' }))).toEqual(added);
        expect(await store.addVouchers(A, [])).toEqual([]);
      });

      it('stores a batch all or nothing: a booked transaction, one booked twice in the call or an invalid voucher writes none', async () => {
        const booked = await store.addVoucher(A, voucher({ bankAccount: '1930', transactionId: 't1' }));
        const fine = [voucher({ text: 'x' }), voucher({ series: 'B', bankAccount: '1930', transactionId: 't2' })];
        const e = await expectCode(store.addVouchers(A, [...fine, voucher({ bankAccount: '1930', transactionId: 't1' })]), 'CONFLICT');
        expect(e.message).toContain('"t1" on 1930 is booked as A1');
        await expectCode(store.addVouchers(A, [...fine, voucher({ bankAccount: '1930', transactionId: 't2' })]), 'CONFLICT');
        await expectCode(store.addVouchers(A, [...fine, voucher({ rows: [{ account: '1930', amount: -100 }, { account: '6212', amount: 99 }] })]), 'VALIDATION');
        // Inside a transaction that goes on after the error, too.
        await store.transaction(async (tx) => {
          await expectCode(tx.addVouchers(A, [...fine, voucher({ bankAccount: '1930', transactionId: 't1' })]), 'CONFLICT');
        });
        expect(await store.listVouchers(A)).toEqual([booked]);
        expect(await store.getVoucherForTransaction(A, { bankAccount: '1930', id: 't2' })).toBeUndefined();
        // The same transaction id on another bank account is another line.
        const other = await store.addVouchers(A, [voucher({ bankAccount: '1940', transactionId: 't1' })]);
        expect(other.map((v) => v.number)).toEqual([2]);
      });
    });

    describe('knowledge', () => {
      it('puts, reads and deletes profile, bureau and network records', async () => {
        // Sharing from one bureau on (minBureaus 1), so the bureau's candidates are shared as they are.
        await store.applyKnowledge(
          'b1',
          changes({
            putProfiles: [profile('b1', 'c1', 'telia'), profile('b1', 'c1', 'easypark', '5800'), profile('b1', 'c2', 'telia')],
            putBureau: [bureauRecord('b1', 'telia', ['c1', 'c2'])],
            putNetwork: [networkRecord('telia', '6212', 1, 2), networkRecord('easypark', '5800', 1, 1)],
          }),
          NO_BASE,
          1,
        );
        expect((await store.getProfiles(A)).map((p) => p.key)).toEqual(['easypark', 'telia']);
        expect(await store.getProfiles(A, ['telia', 'nope'])).toEqual([profile('b1', 'c1', 'telia')]);
        expect(await store.getBureauRecords('b1', ['telia'])).toEqual([bureauRecord('b1', 'telia', ['c1', 'c2'])]);
        expect(await store.getBureauProfiles('b1', ['telia', 'easypark', 'telia'])).toEqual([
          profile('b1', 'c1', 'easypark', '5800'),
          profile('b1', 'c1', 'telia'),
          profile('b1', 'c2', 'telia'),
        ]);
        expect(await store.getBureauProfiles('b2', ['telia'])).toEqual([]);
        await expectCode(store.getBureauProfiles('nope', ['telia']), 'NOT_FOUND');
        expect(await store.getBureauRecords('b2')).toEqual([]);
        expect(await store.getNetworkRecords(['telia'])).toEqual([networkRecord('telia', '6212', 1, 2)]);
        expect((await store.listNetworkRecords()).map((n) => n.key)).toEqual(['easypark', 'telia']);
        expect(await store.getNetworkCandidates('b1', ['telia', 'easypark'])).toEqual([networkRecord('easypark', '5800', 1, 1), networkRecord('telia', '6212', 1, 2)]);
        expect(await store.getNetworkCandidates('b2', ['telia'])).toEqual([]);
        await expectCode(store.getNetworkCandidates('nope', ['telia']), 'NOT_FOUND');

        await store.applyKnowledge(
          'b1',
          changes({
            deleteProfiles: [{ clientId: 'c1', key: 'telia' }],
            putBureau: [bureauRecord('b1', 'telia', ['c2'])],
            deleteNetwork: [networkRecord('easypark', '5800', 1, 1)],
            putNetwork: [networkRecord('telia', '6212', 1, 1)],
          }),
          { bureauRecords: [bureauRecord('b1', 'telia', ['c1', 'c2'])], network: [networkRecord('telia', '6212', 1, 2), networkRecord('easypark', '5800', 1, 1)] },
          1,
        );
        expect((await store.getProfiles(A)).map((p) => p.key)).toEqual(['easypark']);
        expect(await store.getBureauRecords('b1')).toEqual([bureauRecord('b1', 'telia', ['c2'])]);
        expect(await store.listNetworkRecords()).toEqual([networkRecord('telia', '6212', 1, 1)]);
        expect(await store.getNetworkCandidates('b1', ['telia', 'easypark'])).toEqual([networkRecord('telia', '6212', 1, 1)]);
        await store.applyKnowledge('b1', changes({ deleteBureau: [{ bureauId: 'b1', key: 'telia', templateId: 'out|standard25|6212' }] }), {
          bureauRecords: [bureauRecord('b1', 'telia', ['c2'])],
          network: [],
        });
        expect(await store.getBureauRecords('b1')).toEqual([]);
      });

      it('applies aggregates relative to their base: two writers that read the same counts both count', async () => {
        // Writer 1 and writer 2 of bureau b1 both read "telia → 6212: 1 client" and each adds a client.
        const read = networkRecord('telia', '6212', 1, 1);
        await store.applyKnowledge('b1', changes({ putNetwork: [read], putBureau: [bureauRecord('b1', 'telia', ['c1'])] }), NO_BASE, 1);
        const readBureau = bureauRecord('b1', 'telia', ['c1']);
        for (let writer = 0; writer < 2; writer++) {
          await store.applyKnowledge('b1', changes({ putNetwork: [networkRecord('telia', '6212', 1, 2)], putBureau: [bureauRecord('b1', 'telia', ['c1', 'c2'])] }), {
            bureauRecords: [readBureau],
            network: [read],
          }, 1);
        }
        expect(await store.getNetworkCandidates('b1', ['telia'])).toEqual([networkRecord('telia', '6212', 1, 3)]);
        await store.applyKnowledge('b2', changes({ putNetwork: [read] }), NO_BASE, 1);
        expect(await store.getNetworkRecords(['telia'])).toEqual([networkRecord('telia', '6212', 2, 4)]);
        // A removal relative to an old base keeps what others added since.
        await store.applyKnowledge('b1', changes({ deleteBureau: [{ bureauId: 'b1', key: 'telia', templateId: readBureau.templateId }], deleteNetwork: [read] }), {
          bureauRecords: [readBureau],
          network: [read],
        }, 1);
        expect(await store.getBureauRecords('b1')).toEqual([bureauRecord('b1', 'telia', ['c2'])]);
        expect(await store.getNetworkRecords(['telia'])).toEqual([networkRecord('telia', '6212', 2, 3)]);
        // Counts that reach zero remove the candidate, and the network record with the last one.
        await store.applyKnowledge('b1', changes({ deleteNetwork: [read], deleteBureau: [{ bureauId: 'b1', key: 'telia', templateId: readBureau.templateId }] }), {
          bureauRecords: [bureauRecord('b1', 'telia', ['c2'])],
          network: [networkRecord('telia', '6212', 1, 2)],
        }, 1);
        expect(await store.getNetworkCandidates('b1', ['telia'])).toEqual([]);
        expect(await store.getNetworkRecords(['telia'])).toEqual([networkRecord('telia', '6212', 1, 1)]);
        await store.applyKnowledge('b2', changes({ deleteNetwork: [read] }), { bureauRecords: [], network: [read] }, 1);
        expect(await store.listNetworkRecords()).toEqual([]);
        expect(await store.getBureauRecords('b1')).toEqual([]);
      });

      it('shares a mapping only while minBureaus bureaus hold it; below that it is the bureaus\' own candidate only', async () => {
        await store.createBureau({ id: 'b3', name: 'Byrå Tre' });
        await store.createBureau({ id: 'b4', name: 'Byrå Fyra' });
        const one = networkRecord('easypark', '5800', 1, 1);
        const add = (bureauId: string, base: readonly typeof one[] = []): Promise<void> =>
          store.applyKnowledge(bureauId, changes({ putNetwork: [networkRecord('easypark', '5800', 1, (base[0]?.clients ?? 0) + 1)] }), { bureauRecords: [], network: base });
        // One bureau, then two (one with two clients): nothing in the shared network (default minBureaus 3).
        await add('b1');
        expect(await store.listNetworkRecords()).toEqual([]);
        expect(await store.getNetworkRecords(['easypark'])).toEqual([]);
        expect(await store.getNetworkCandidates('b1', ['easypark'])).toEqual([one]);
        await add('b2');
        await add('b2', [one]);
        expect(await store.listNetworkRecords()).toEqual([]);
        expect(await store.getNetworkCandidates('b2', ['easypark'])).toEqual([networkRecord('easypark', '5800', 1, 2)]);
        // The third bureau shares it, with every bureau's clients counted.
        await add('b3');
        expect(await store.listNetworkRecords()).toEqual([networkRecord('easypark', '5800', 3, 4)]);
        await add('b4');
        expect(await store.getNetworkRecords(['easypark'])).toEqual([networkRecord('easypark', '5800', 4, 5)]);
        // A bureau that withdraws: counted out; below the threshold the shared record is gone.
        await store.applyKnowledge('b4', changes({ deleteNetwork: [one] }), { bureauRecords: [], network: [one] });
        expect(await store.getNetworkRecords(['easypark'])).toEqual([networkRecord('easypark', '5800', 3, 4)]);
        expect(await store.getNetworkCandidates('b4', ['easypark'])).toEqual([]);
        await store.applyKnowledge('b3', changes({ deleteNetwork: [one] }), { bureauRecords: [], network: [one] });
        expect(await store.listNetworkRecords()).toEqual([]);
        expect(await store.getNetworkCandidates('b1', ['easypark'])).toEqual([one]);
        // A writer with a lower threshold shares what the remaining bureaus hold.
        await store.applyKnowledge('b3', changes({ putNetwork: [one] }), NO_BASE, 2);
        expect(await store.listNetworkRecords()).toEqual([networkRecord('easypark', '5800', 3, 4)]);
        // Deleting a bureau removes its candidates (the facade withdraws them from the network first).
        await store.applyKnowledge('b3', changes({ deleteNetwork: [one] }), { bureauRecords: [], network: [one] }, 2);
        expect(await store.listNetworkRecords()).toEqual([networkRecord('easypark', '5800', 2, 3)]);
        await store.deleteBureau('b2');
        await expectCode(store.getNetworkCandidates('b2', ['easypark']), 'NOT_FOUND');
        await store.createBureau({ id: 'b2', name: 'Byrå Två igen' });
        expect(await store.getNetworkCandidates('b2', ['easypark'])).toEqual([]);
        await expectCode(store.applyKnowledge('b1', changes({}), NO_BASE, 0), 'VALIDATION');
      });

      it('keeps weights and amounts exactly', async () => {
        const p = profile('b1', 'c1', 'telia');
        const exact = { ...p, templates: [{ ...p.templates[0]!, weight: 0.1 + 0.2, lastAmount: 9007199254740991 }] };
        await store.applyKnowledge('b1', changes({ putProfiles: [exact] }), NO_BASE);
        expect(await store.getProfiles(A, ['telia'])).toEqual([exact]);
      });

      it('refuses records of another bureau or its clients, and writes nothing', async () => {
        const bad = [
          changes({ putProfiles: [profile('b1', 'c1', 'ok'), profile('b1', 'x1', 'telia')] }),
          changes({ putProfiles: [profile('b2', 'c1', 'telia')] }),
          changes({ putBureau: [bureauRecord('b2', 'telia', ['x1'])] }),
          changes({ putBureau: [bureauRecord('b1', 'telia', ['c1', 'x1'])] }),
          changes({ deleteProfiles: [{ clientId: 'x1', key: 'telia' }] }),
          changes({ putNetwork: [networkRecord('telia', '6212', 2, 1)] }),
        ];
        for (const c of bad) await expectCode(store.applyKnowledge('b1', c, NO_BASE), 'VALIDATION');
        await expectCode(store.applyKnowledge('b1', changes({}), { bureauRecords: [bureauRecord('b2', 'telia', ['x1'])], network: [] }), 'VALIDATION');
        expect(await store.getProfiles(A)).toEqual([]);
        expect(await store.getBureauRecords('b1')).toEqual([]);
        expect(await store.listNetworkRecords()).toEqual([]);
        await expectCode(store.applyKnowledge('nope', changes({}), NO_BASE), 'NOT_FOUND');
      });
    });

    describe('open items', () => {
      it('puts, replaces, lists by date then id, filters the open ones and deletes', async () => {
        const paid = openItem('sie:A:2:2440:0', { date: '2026-01-05', settled: 124900 });
        const later = openItem('sie:A:9:2440:0', { date: '2026-02-01' });
        const first = openItem('sie:A:1:2440:0', { date: '2026-01-05', amount: 5000 });
        await store.putOpenItems(A, [later, paid, first]);
        expect(await store.listOpenItems(A)).toEqual([first, paid, later]);
        expect(await store.listOpenItems(A, { open: true })).toEqual([first, later]);
        const partly = openItem('sie:A:9:2440:0', { date: '2026-02-01', settled: 100 });
        await store.putOpenItems(A, [partly]);
        expect((await store.listOpenItems(A)).find((i) => i.id === partly.id)).toEqual(partly);
        expect(await store.listOpenItems(B)).toEqual([]);
        expect(await store.deleteOpenItems(A, [first.id, first.id, 'unknown'])).toBe(1);
        expect((await store.listOpenItems(A)).map((i) => i.id)).toEqual([paid.id, partly.id]);
      });

      it('keeps every field exactly, öre and texts included', async () => {
        const item = { ...openItem('x', { amount: 9_007_199_254_740_991, settled: 1 }), text: 'Åbergs Fönster & Dörr "AB"', name: 'Åbergs Fönster & Dörr' };
        await store.putOpenItems(A, [item]);
        expect(await store.listOpenItems(A)).toEqual([item]);
      });

      it('refuses a malformed item with VALIDATION and writes none of the batch', async () => {
        const good = openItem('good');
        for (const bad of [
          { ...openItem('b'), open: 124901 },
          { ...openItem('b'), amount: 1.5 },
          { ...openItem('b'), date: '12/01/2026' },
          { ...openItem('b', { settled: 100 }), open: 124900 },
          { ...openItem('b'), kind: 'vendor' },
          openItem('good'),
        ]) {
          await expectCode(store.putOpenItems(A, [good, bad as ReturnType<typeof openItem>]), 'VALIDATION');
        }
        expect(await store.listOpenItems(A)).toEqual([]);
      });

      it('scopes items to the client and its bureau, exports them, and erases them with the client', async () => {
        await store.putOpenItems(A, [openItem('i1')]);
        await store.putOpenItems(OTHER, [openItem('i1', { amount: 7 })]);
        await expectCode(store.listOpenItems({ bureauId: 'b1', clientId: 'x1' }), 'NOT_FOUND');
        await expectCode(store.putOpenItems({ bureauId: 'b1', clientId: 'x1' }, [openItem('i2')]), 'NOT_FOUND');
        await expectCode(store.deleteOpenItems({ bureauId: 'b1', clientId: 'x1' }, ['i1']), 'NOT_FOUND');
        expect((await store.exportClient(A)).openItems).toEqual([openItem('i1')]);
        await store.deleteClient(A);
        await store.createClient(clientRow('c1', 'b1'));
        expect(await store.listOpenItems(A)).toEqual([]);
        expect((await store.listOpenItems(OTHER)).map((i) => i.amount)).toEqual([7]);
      });

      it('rolls back item writes of a transaction that throws', async () => {
        await store.putOpenItems(A, [openItem('i1')]);
        await expect(
          store.transaction(async (tx) => {
            await tx.putOpenItems(A, [openItem('i1', { settled: 124900 }), openItem('i2')]);
            await tx.deleteOpenItems(A, ['i1']);
            throw new Error('boom');
          }),
        ).rejects.toThrow('boom');
        expect(await store.listOpenItems(A)).toEqual([openItem('i1')]);
      });
    });

    describe('known fiscal years', () => {
      const rar = { start: '2024-07-01', end: '2025-06-30', source: 'rar' } as const;
      const guess = { start: '2025-07-01', end: '2026-06-30', source: 'inferred' } as const;
      const stated = { start: '2023-05-10', end: '2024-06-30', source: 'stated' } as const;

      it('puts, replaces by start, lists by start and deletes', async () => {
        await store.putFiscalYears(A, [guess, rar, stated]);
        expect(await store.listFiscalYears(A)).toEqual([stated, rar, guess]);
        const revised = { start: guess.start, end: '2025-12-31', source: 'stated' } as const;
        await store.putFiscalYears(A, [revised]);
        expect(await store.listFiscalYears(A)).toEqual([stated, rar, revised]);
        expect(await store.listFiscalYears(B)).toEqual([]);
        expect(await store.deleteFiscalYears(A, [stated.start, stated.start, '1999-01-01'])).toBe(1);
        expect(await store.listFiscalYears(A)).toEqual([rar, revised]);
      });

      it('refuses a malformed one with VALIDATION and writes none of the batch', async () => {
        for (const bad of [
          { ...guess, source: 'guessed' },
          { ...guess, end: '2025-06-30' },
          { ...guess, start: '2025-7-1' },
          { start: guess.start, source: 'inferred' },
          rar,
        ]) {
          await expectCode(store.putFiscalYears(A, [rar, bad as typeof rar]), 'VALIDATION');
        }
        expect(await store.listFiscalYears(A)).toEqual([]);
      });

      it('scopes them to the client, exports them, erases them with the client and rolls them back', async () => {
        await store.putFiscalYears(A, [rar]);
        await store.putFiscalYears(OTHER, [guess]);
        await expectCode(store.listFiscalYears({ bureauId: 'b1', clientId: 'x1' }), 'NOT_FOUND');
        await expectCode(store.putFiscalYears({ bureauId: 'b1', clientId: 'x1' }, [rar]), 'NOT_FOUND');
        expect((await store.exportClient(A)).fiscalYears).toEqual([rar]);
        await expect(
          store.transaction(async (tx) => {
            await tx.putFiscalYears(A, [guess]);
            await tx.deleteFiscalYears(A, [rar.start]);
            throw new Error('boom');
          }),
        ).rejects.toThrow('boom');
        expect(await store.listFiscalYears(A)).toEqual([rar]);
        await store.deleteClient(A);
        await store.createClient(clientRow('c1', 'b1'));
        expect(await store.listFiscalYears(A)).toEqual([]);
        expect(await store.listFiscalYears(OTHER)).toEqual([guess]);
      });
    });

    describe('pending settlements', () => {
      it('puts, replaces, lists by voucher date then id, keeps every field and deletes', async () => {
        const late = pendingSettlement('7', { date: '2026-03-01' });
        const early = pendingSettlement('9', { date: '2026-01-20', amount: 9_007_199_254_740_991, text: 'Kreditfaktura 101 Åbergs "Fönster"' });
        const sameDay = pendingSettlement('8', { date: '2026-01-20' });
        await store.putPendingSettlements(A, [late, early, sameDay]);
        expect(await store.listPendingSettlements(A)).toEqual([sameDay, early, late]);
        const less = { ...late, amount: 100 };
        await store.putPendingSettlements(A, [less]);
        expect((await store.listPendingSettlements(A)).find((p) => p.id === late.id)).toEqual(less);
        expect(await store.listPendingSettlements(B)).toEqual([]);
        expect(await store.deletePendingSettlements(A, [early.id, early.id, 'unknown'])).toBe(1);
        expect((await store.listPendingSettlements(A)).map((p) => p.id)).toEqual([sameDay.id, late.id]);
      });

      it('refuses a malformed one with VALIDATION and writes none of the batch', async () => {
        const good = pendingSettlement('1');
        for (const bad of [
          { ...pendingSettlement('2'), amount: 0 },
          { ...pendingSettlement('2'), amount: 1.5 },
          { ...pendingSettlement('2'), v: 2 },
          { ...pendingSettlement('2'), group: -1 },
          { ...pendingSettlement('2'), voucher: { ...pendingSettlement('2').voucher, date: '10/02/2026' } },
          { ...pendingSettlement('2'), voucher: { ...pendingSettlement('2').voucher, origin: 'bank' } },
          { ...pendingSettlement('2'), id: '' },
          pendingSettlement('1'),
        ]) {
          await expectCode(store.putPendingSettlements(A, [good, bad as ReturnType<typeof pendingSettlement>]), 'VALIDATION');
        }
        expect(await store.listPendingSettlements(A)).toEqual([]);
      });

      it('scopes them to the client and its bureau, exports them, and erases them with the client and with the bureau', async () => {
        await store.putPendingSettlements(A, [pendingSettlement('1')]);
        await store.putPendingSettlements(OTHER, [pendingSettlement('1', { amount: 7 })]);
        await expectCode(store.listPendingSettlements({ bureauId: 'b1', clientId: 'x1' }), 'NOT_FOUND');
        await expectCode(store.putPendingSettlements({ bureauId: 'b1', clientId: 'x1' }, [pendingSettlement('2')]), 'NOT_FOUND');
        await expectCode(store.deletePendingSettlements({ bureauId: 'b1', clientId: 'x1' }, ['1']), 'NOT_FOUND');
        expect((await store.exportClient(A)).pendingSettlements).toEqual([pendingSettlement('1')]);
        await store.deleteClient(A);
        await store.createClient(clientRow('c1', 'b1'));
        expect(await store.listPendingSettlements(A)).toEqual([]);
        expect((await store.listPendingSettlements(OTHER)).map((p) => p.amount)).toEqual([7]);
        await store.deleteBureau(OTHER.bureauId);
        await store.createBureau({ id: OTHER.bureauId, name: 'again' });
        await store.createClient(clientRow(OTHER.clientId, OTHER.bureauId));
        expect(await store.listPendingSettlements(OTHER)).toEqual([]);
      });

      it('rolls back pending writes of a transaction that throws', async () => {
        await store.putPendingSettlements(A, [pendingSettlement('1')]);
        await expect(
          store.transaction(async (tx) => {
            await tx.putPendingSettlements(A, [{ ...pendingSettlement('1'), amount: 5 }, pendingSettlement('2')]);
            await tx.deletePendingSettlements(A, ['1']);
            throw new Error('boom');
          }),
        ).rejects.toThrow('boom');
        expect(await store.listPendingSettlements(A)).toEqual([pendingSettlement('1')]);
      });
    });

    describe('transactions (all-or-nothing)', () => {
      it('keeps every write of a transaction that resolves, and returns its value', async () => {
        const result = await store.transaction(async (tx) => {
          await tx.putStatement(A, statementRow('c1', 's1'));
          await tx.addTransactions(A, rows('c1', 's1', 3));
          const v = await tx.addVoucher(A, voucher({ bankAccount: '1930', transactionId: 't0' }));
          return v.number;
        });
        expect(result).toBe(1);
        expect(await store.listTransactions(A)).toHaveLength(3);
        expect(await store.listVouchers(A)).toHaveLength(1);
      });

      it('rolls back every write of a transaction that throws, and rethrows the error', async () => {
        await store.addVoucher(A, voucher());
        const boom = new Error('boom');
        await expect(
          store.transaction(async (tx) => {
            await tx.putStatement(A, statementRow('c1', 's1'));
            await tx.addTransactions(A, rows('c1', 's1', 50));
            await tx.addVoucher(A, voucher());
            await tx.applyKnowledge('b1', changes({ putProfiles: [profile('b1', 'c1', 'telia')], putNetwork: [networkRecord('telia', '6212', 1, 1)] }), NO_BASE);
            await tx.updateClient({ ...clientRow('c1', 'b1'), name: 'changed' });
            await tx.createClient(clientRow('c7', 'b1'));
            await tx.deleteClient(B);
            await new Promise((resolve) => setTimeout(resolve, 5));
            throw boom;
          }),
        ).rejects.toBe(boom);
        expect(await store.listStatements(A)).toEqual([]);
        expect(await store.listTransactions(A)).toEqual([]);
        expect(await store.listVouchers(A)).toHaveLength(1);
        expect(await store.getProfiles(A)).toEqual([]);
        expect(await store.listNetworkRecords()).toEqual([]);
        expect((await store.getClient(A)).name).toBe('Client c1');
        expect(await store.findClients('c7')).toEqual([]);
        expect((await store.getClient(B)).id).toBe('c2');
        // The rolled-back voucher number is free again.
        expect((await store.addVoucher(A, voucher())).number).toBe(2);
      });

      it('rolls back when a store call inside fails', async () => {
        await expectCode(
          store.transaction(async (tx) => {
            await tx.addVoucher(A, voucher({ bankAccount: '1930', transactionId: 't1' }));
            await tx.addVoucher(A, voucher({ bankAccount: '1930', transactionId: 't1' }));
          }),
          'CONFLICT',
        );
        expect(await store.listVouchers(A)).toEqual([]);
      });

      it('runs a read-only transaction that sees everything and refuses every write', async () => {
        await store.putStatement(A, statementRow('c1', 's1'));
        const seen = await store.transaction(async (tx) => (await tx.listStatements(A)).length, { readOnly: true });
        expect(seen).toBe(1);
        const writes: ((tx: Parameters<Parameters<Store['transaction']>[0]>[0]) => Promise<unknown>)[] = [
          (tx) => tx.createBureau({ id: 'b9', name: 'x' }),
          (tx) => tx.createClient(clientRow('c9', 'b1')),
          (tx) => tx.updateClient(clientRow('c1', 'b1')),
          (tx) => tx.putStatement(A, statementRow('c1', 's2')),
          (tx) => tx.addTransactions(A, [txRow('c1', 's1', 't1')]),
          (tx) => tx.addVoucher(A, voucher()),
          (tx) => tx.applyKnowledge('b1', changes({}), NO_BASE),
          (tx) => tx.deleteClient(B),
          (tx) => tx.deleteBureau('b2'),
        ];
        for (const write of writes) await expectCode(store.transaction(write, { readOnly: true }), 'STORE');
        expect(await store.listTransactions(A)).toEqual([]);
        expect(await store.listVouchers(A)).toEqual([]);
        expect(await store.getBureau('b9')).toBeUndefined();
        expect((await store.listClients('b1')).map((c) => c.id)).toEqual(['c1', 'c2']);
      });

      it('refuses use of a transaction session after it ended', async () => {
        let leaked: Parameters<Parameters<Store['transaction']>[0]>[0] | undefined;
        await store.transaction(async (tx) => {
          leaked = tx;
        });
        await expectCode(leaked!.getClient(A), 'STORE');
      });

      it('lets outside calls wait until a transaction ends, so they never see it half-way', async () => {
        let seen: number | undefined;
        const running = store.transaction(async (tx) => {
          await tx.putStatement(A, statementRow('c1', 's1'));
          await tx.addTransactions(A, rows('c1', 's1', 5));
          await new Promise((resolve) => setTimeout(resolve, 20));
          await tx.addTransactions(A, rows('c1', 's1', 5, 5));
        });
        const reading = store.listTransactions(A).then((t) => {
          seen = t.length;
        });
        await Promise.all([running, reading]);
        expect([0, 10]).toContain(seen);
      });

      it('serialises two concurrent writers: no lost or doubled row, numbers without gaps', async () => {
        await store.putStatement(A, statementRow('c1', 's1'));
        const writer = (offset: number) =>
          store.transaction(async (tx) => {
            for (let i = 0; i < 20; i++) {
              await tx.addTransactions(A, rows('c1', 's1', 3, offset + i * 2));
              await tx.addVoucher(A, voucher());
              if (i % 5 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
            }
          });
        await Promise.all([writer(0), writer(1), store.addVoucher(A, voucher())]);
        const ids = (await store.listTransactions(A)).map((t) => t.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids).toHaveLength(42);
        expect((await store.listVouchers(A)).map((v) => v.number)).toEqual(Array.from({ length: 41 }, (_, i) => i + 1));
      });

      it('serialises concurrent batches: numbers without gaps, each batch consecutive', async () => {
        const batch = (text: string) => Array.from({ length: 7 }, () => voucher({ text }));
        const results = await Promise.all([
          store.addVouchers(A, batch('x')),
          store.transaction((tx) => tx.addVouchers(A, batch('y'))),
          store.addVoucher(A, voucher({ text: 'z' })),
          store.addVouchers(A, batch('w')),
        ]);
        const numbers = (await store.listVouchers(A)).map((v) => v.number);
        expect(numbers).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
        for (const r of [results[0], results[1], results[3]]) {
          const n = r.map((v) => v.number);
          expect(n).toEqual(Array.from({ length: 7 }, (_, i) => (n[0] ?? 0) + i));
        }
      });
    });

    describe('ledger vouchers and booked lines', () => {
      it('keeps ledger vouchers by id, replaces one put again, lists them by date then id', async () => {
        expect(await store.listLedgerVouchers(A)).toEqual([]);
        const a2 = ledger('2025-01-01 A 2', { date: '2025-02-01' });
        const a1 = ledger('2025-01-01 A 1', { date: '2025-02-01', learnedAt: '2025-03-01T09:30:00.000Z' });
        const b7 = ledger('2025-01-01 B 7', { date: '2025-01-15', learned: false, bankAccounts: ['1920', '1930'] });
        await store.putLedgerVouchers(A, [a2, a1, b7]);
        expect(await store.listLedgerVouchers(A)).toEqual([b7, a1, a2]);
        const changed = ledger('2025-01-01 A 2', { date: '2025-01-31', fingerprint: 'other', rows: [{ account: '1930', amount: -100 }, { account: '6110', amount: 100 }] });
        await store.putLedgerVouchers(A, [changed]);
        expect(await store.listLedgerVouchers(A)).toEqual([b7, changed, a1]);
        expect(await store.listLedgerVouchers(B)).toEqual([]);
      });

      it('refuses a malformed ledger voucher with VALIDATION and writes none of the call', async () => {
        await expectCode(store.putLedgerVouchers(A, [ledger('2025-01-01 A 1'), ledger('2025-01-01 A 2', { date: '4 mars' })]), 'VALIDATION');
        await expectCode(store.putLedgerVouchers(A, [ledger('2025-01-01 A 1'), ledger('2025-01-01 A 3', { rows: [{ account: '1930', amount: 1.5 }] })]), 'VALIDATION');
        await expectCode(store.putLedgerVouchers(A, [ledger('2025-01-01 A 1'), ledger('2025-01-01 A 4', { learnedAt: 'i morse' })]), 'VALIDATION');
        expect(await store.listLedgerVouchers(A)).toEqual([]);
      });

      it('stores a line with its ledger mark, and sets and clears marks; an unknown line is NOT_FOUND and nothing is marked', async () => {
        await store.putStatement(A, statementRow('c1', 's1'));
        const mark = { voucher: '2025-01-01 A 1', series: 'A', number: '1' };
        const marked = txRow('c1', 's1', 'm', { booked: mark });
        await store.addTransactions(A, [marked, txRow('c1', 's1', 'u', { line: 3 })]);
        expect(await store.getTransactions(A, [{ bankAccount: '1930', id: 'm' }])).toEqual([marked]);
        const other = { voucher: '2025-01-01 B 12', series: 'B', number: '12' };
        await store.markTransactions(A, [
          { bankAccount: '1930', id: 'u', booked: other },
          { bankAccount: '1930', id: 'm', booked: undefined },
        ]);
        const after = await store.listTransactions(A);
        expect(after.find((t) => t.id === 'u')?.booked).toEqual(other);
        expect(after.find((t) => t.id === 'm')).toEqual(txRow('c1', 's1', 'm'));
        await expectCode(store.markTransactions(A, [{ bankAccount: '1930', id: 'm', booked: mark }, { bankAccount: '1930', id: 'nope', booked: mark }]), 'NOT_FOUND');
        await expectCode(store.transaction((tx) => tx.markTransactions(A, [{ bankAccount: '1940', id: 'u', booked: undefined }])), 'NOT_FOUND');
        expect(await store.listTransactions(A)).toEqual(after);
      });

      it('refuses another bureau’s ref and exports and erases ledger vouchers with the client', async () => {
        await store.putLedgerVouchers(OTHER, [ledger('2025-01-01 A 1')]);
        const wrong: ClientRef = { bureauId: 'b1', clientId: 'x1' };
        await expectCode(store.listLedgerVouchers(wrong), 'NOT_FOUND');
        await expectCode(store.putLedgerVouchers(wrong, [ledger('2025-01-01 A 2')]), 'NOT_FOUND');
        await expectCode(store.markTransactions(wrong, []), 'NOT_FOUND');
        await store.putLedgerVouchers(A, [ledger('2025-01-01 A 1'), ledger('2025-01-01 A 2')]);
        expect((await store.exportClient(A)).ledgerVouchers.map((v) => v.id)).toEqual(['2025-01-01 A 1', '2025-01-01 A 2']);
        await store.deleteClient(A);
        await store.createClient(clientRow('c1', 'b1'));
        expect(await store.listLedgerVouchers(A)).toEqual([]);
        await store.deleteBureau('b2');
        await store.createBureau({ id: 'b2', name: 'Byrå Två' });
        await store.createClient(clientRow('x1', 'b2'));
        expect(await store.listLedgerVouchers(OTHER)).toEqual([]);
      });
    });

    describe('tenancy', () => {
      it('refuses every client method with another bureau’s ref, and reads nothing of it', async () => {
        await store.putStatement(OTHER, statementRow('x1', 's1'));
        await store.addTransactions(OTHER, [txRow('x1', 's1', 't1')]);
        await store.addVoucher(OTHER, voucher());
        await store.applyKnowledge('b2', changes({ putProfiles: [profile('b2', 'x1', 'telia')], putBureau: [bureauRecord('b2', 'telia', ['x1'])] }), NO_BASE);
        const wrong: ClientRef = { bureauId: 'b1', clientId: 'x1' };
        // Thunks: a store that runs calls in parallel must not reject one before the test awaits it.
        const calls: (() => Promise<unknown>)[] = [
          () => store.getClient(wrong),
          () => store.deleteClient(wrong),
          () => store.putStatement(wrong, statementRow('x1', 's2')),
          () => store.getStatement(wrong, 's1'),
          () => store.listStatements(wrong),
          () => store.addTransactions(wrong, [txRow('x1', 's1', 't2')]),
          () => store.getTransactions(wrong, [{ bankAccount: '1930', id: 't1' }]),
          () => store.listTransactions(wrong),
          () => store.addVoucher(wrong, voucher()),
          () => store.listVouchers(wrong),
          () => store.getVoucherForTransaction(wrong, { bankAccount: '1930', id: 't1' }),
          () => store.getVouchersForTransactions(wrong, [{ bankAccount: '1930', id: 't1' }]),
          () => store.getProfiles(wrong),
          () => store.exportClient(wrong),
          () => store.updateClient(clientRow('x1', 'b1')),
        ];
        for (const call of calls) await expectCode(call(), 'NOT_FOUND');
        expect((await store.getBureauRecords('b1')).length).toBe(0);
        const data = await store.exportClient(OTHER);
        expect(data.transactions).toHaveLength(1);
        expect(data.vouchers).toHaveLength(1);
        expect(data.statements).toHaveLength(1);
      });
    });

    describe('erasure and export', () => {
      const fill = async (s: Store, ref: ClientRef): Promise<void> => {
        await s.putStatement(ref, statementRow(ref.clientId, 's1'));
        await s.addTransactions(ref, rows(ref.clientId, 's1', 4));
        await s.addVoucher(ref, voucher({ bankAccount: '1930', transactionId: 't0' }));
      };

      it('exports everything about a client and nothing of others', async () => {
        await fill(store, A);
        await fill(store, B);
        await store.applyKnowledge(
          'b1',
          changes({
            putProfiles: [profile('b1', 'c1', 'telia'), profile('b1', 'c2', 'telia')],
            putBureau: [bureauRecord('b1', 'telia', ['c1', 'c2']), bureauRecord('b1', 'only-c2', ['c2'])],
          }),
          NO_BASE,
        );
        const data = await store.exportClient(A);
        expect(data.client.id).toBe('c1');
        expect(data.statements.map((s) => s.clientId)).toEqual(['c1']);
        expect(data.transactions).toHaveLength(4);
        expect(data.transactions.every((t) => t.clientId === 'c1')).toBe(true);
        expect(data.vouchers).toHaveLength(1);
        expect(data.profiles).toEqual([profile('b1', 'c1', 'telia')]);
        expect(data.bureauRecords.map((r) => r.key)).toEqual(['telia']);
        expect(JSON.parse(JSON.stringify(data))).toEqual(data);
      });

      it('deletes a client completely and leaves the others alone', async () => {
        await fill(store, A);
        await fill(store, B);
        await store.applyKnowledge(
          'b1',
          changes({
            putProfiles: [profile('b1', 'c1', 'telia'), profile('b1', 'c2', 'telia')],
            putBureau: [bureauRecord('b1', 'telia', ['c1', 'c2']), bureauRecord('b1', 'only-c1', ['c1'])],
          }),
          NO_BASE,
        );
        const counts = await store.deleteClient(A);
        expect(counts).toEqual({ clients: 1, statements: 1, transactions: 4, vouchers: 1, profiles: 1, bureauRecords: 2 });
        expect(await store.findClients('c1')).toEqual([]);
        await expectCode(store.listTransactions(A), 'NOT_FOUND');
        expect(await store.getBureauRecords('b1')).toEqual([bureauRecord('b1', 'telia', ['c2'])]);
        expect(await store.listTransactions(B)).toHaveLength(4);
        expect(await store.getProfiles(B)).toHaveLength(1);
        // The id can be used again, and starts empty.
        await store.createClient(clientRow('c1', 'b1'));
        expect(await store.exportClient(A)).toMatchObject({ statements: [], transactions: [], vouchers: [], profiles: [], bureauRecords: [] });
      });

      it('deletes a bureau with all its clients and records, and nothing of other bureaus', async () => {
        await fill(store, A);
        await fill(store, OTHER);
        await store.applyKnowledge('b1', changes({ putBureau: [bureauRecord('b1', 'telia', ['c1'])] }), NO_BASE);
        const counts = await store.deleteBureau('b1');
        expect(counts).toMatchObject({ clients: 2, statements: 1, transactions: 4, vouchers: 1, bureauRecords: 1 });
        expect(await store.getBureau('b1')).toBeUndefined();
        expect(await store.findClients('c2')).toEqual([]);
        await expectCode(store.deleteBureau('b1'), 'NOT_FOUND');
        expect(await store.listTransactions(OTHER)).toHaveLength(4);
      });

      it('refuses to delete an unknown client with NOT_FOUND', async () => {
        await expectCode(store.deleteClient({ bureauId: 'b1', clientId: 'nope' }), 'NOT_FOUND');
      });
    });

    describe('lifecycle', () => {
      it('refuses calls after close with STORE; close is idempotent', async () => {
        await store.close();
        await store.close();
        await expectCode(store.getBureau('b1'), 'STORE');
        await expectCode(store.transaction(async () => 1), 'STORE');
      });

      it('waits for a running transaction before closing', async () => {
        let done = false;
        const running = store.transaction(async (tx) => {
          await new Promise((resolve) => setTimeout(resolve, 20));
          await tx.addVoucher(A, voucher());
          done = true;
        });
        await store.close();
        expect(done).toBe(true);
        await running;
      });

      it('reopens after close: a durable store has everything, another one starts empty', async () => {
        await store.putStatement(A, statementRow('c1', 's1'));
        await store.addTransactions(A, rows('c1', 's1', 7));
        await store.addVoucher(A, voucher());
        await store.close();
        const again = await openAnother();
        if (again.capabilities.durable) {
          expect(await again.listTransactions(A)).toHaveLength(7);
          expect((await again.addVoucher(A, voucher())).number).toBe(2);
        } else {
          expect(await again.getBureau('b1')).toBeUndefined();
        }
      });

      it('lets two open stores of one location write at once when it is multi-process', async () => {
        if (!store.capabilities.multiProcess) return;
        const second = await openAnother();
        await store.putStatement(A, statementRow('c1', 's1'));
        await Promise.all([
          store.transaction(async (tx) => {
            for (let i = 0; i < 30; i++) await tx.addTransactions(A, rows('c1', 's1', 2, i));
          }),
          second.transaction(async (tx) => {
            for (let i = 0; i < 30; i++) await tx.addTransactions(A, rows('c1', 's1', 2, 100 + i));
          }),
          ...Array.from({ length: 10 }, () => second.addVoucher(A, voucher())),
          ...Array.from({ length: 10 }, () => store.addVoucher(A, voucher())),
        ]);
        expect(await second.listTransactions(A)).toHaveLength(62);
        expect((await store.listVouchers(A)).map((v) => v.number)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      });
    });

    additionalTests?.({ harness: () => harness, store: () => store });
  });
}

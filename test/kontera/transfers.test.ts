/**
 * Transfers between a client's own bank accounts, end to end on every store: one transfer is a line
 * on each account's statement, and one voucher books both. Fixtures: fixtures/statements/transfers
 * (written by hand in the Nordea and Swedbank layouts, invented names and numbers).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKontera } from '../../src/kontera.js';
import type { Kontera } from '../../src/kontera.js';
import type { Suggestion } from '../../src/suggest/types.js';
import { readSie } from '../../src/sie/reader.js';
import { fixture, openStore, STORE_KINDS } from './helpers.js';
import type { OpenedStore } from './helpers.js';
import { rejectedCode } from '../support/errors.js';

const NOW = new Date('2026-04-02T09:00:00.000Z');
const dir = 'statements/transfers';

/** The suggestion's voucher, which the test expects it to have. */
function voucherOf(s: Suggestion | undefined): NonNullable<Suggestion['voucher']> {
  if (s?.voucher == null) throw new Error(`expected a voucher, got ${JSON.stringify(s)}`);
  return s.voucher;
}

/** The vouchers an export holds, as `series number: account amount, …` lines. */
function vouchersOf(bytes: Uint8Array): string[] {
  return readSie(bytes).vouchers.map((v) => `${v.series} ${v.number}: ${v.transactions.map((t) => `${t.account} ${t.amount}`).join(', ')}`);
}

for (const kind of STORE_KINDS) {
  describe(`transfers between a client's own accounts, ${kind} store`, () => {
    let opened: OpenedStore;
    let k: Kontera;

    beforeEach(async () => {
      opened = await openStore(kind);
      k = await createKontera({ store: opened.store, now: () => NOW });
      await k.addBureau({ id: 'byra', name: 'Byrå' });
      await k.addClient({ bureauId: 'byra', id: 'n', name: 'Nordkust AB', bankAccounts: [{ account: '1930', number: '1111 22 33333' }, { account: '1940', number: '5555 66 77777' }] });
      await k.addClient({ bureauId: 'byra', id: 's', name: 'Sydkust AB', bankAccounts: [{ account: '1930', number: '8327-9, 123 456 789-0' }, { account: '1940', number: '8327-9, 987 654 321-0' }] });
    });
    afterEach(async () => {
      await opened.dispose();
    });

    it('a line whose counterparty account is the client\'s other account is suggested as the transfer, and one voucher books both lines', async () => {
      const a = await k.importStatement('n', fixture(`${dir}/nordea-foretagskonto.csv`), { fileName: 'nordea-foretagskonto.csv' });
      const b = await k.importStatement('n', fixture(`${dir}/nordea-sparkonto.csv`), { fileName: 'nordea-sparkonto.csv' });
      expect([a.bankAccount, b.bankAccount]).toEqual(['1930', '1940']);
      const out = a.transactions.find((t) => t.amount === -1_000_000);
      const into = b.transactions.find((t) => t.amount === 1_000_000);
      if (out === undefined || into === undefined) throw new Error('fixture lines missing');
      const [sOut, sInto, sCard] = await k.suggest('n', [out, into, a.transactions.find((t) => t.amount === -45_000) as typeof out]);
      expect(sOut).toMatchObject({ account: '1940', match: 'transfer', review: true, autoBook: false, confidence: 0 });
      expect(sOut?.voucher?.rows).toEqual([{ account: '1930', amount: -1_000_000 }, { account: '1940', amount: 1_000_000 }]);
      expect(sOut?.reason).toContain("its counterparty account 5555 66 77777 is the client's own 1940");
      expect(sInto).toMatchObject({ account: '1930', match: 'transfer' });
      expect(sInto?.voucher?.rows).toEqual([{ account: '1940', amount: 1_000_000 }, { account: '1930', amount: -1_000_000 }]);
      // A line on the client's own account number only (a card purchase) is no transfer.
      expect(sCard?.match).not.toBe('transfer');

      await k.confirm('n', [{ transaction: out, voucher: voucherOf(sOut) }]);
      // The other side is booked by that voucher: refused, and the export holds the transfer once.
      expect(await rejectedCode(k.confirm('n', [{ transaction: into, voucher: voucherOf(sInto) }]))).toBe('CONFLICT');
      await expect(k.confirm('n', [{ transaction: into, voucher: voucherOf(sInto) }])).rejects.toThrow(/the other side of a transfer between the client's own accounts that voucher A 1 books/);
      expect(vouchersOf(await k.exportSie('n'))).toEqual(['A 1: 1930 -1000000, 1940 1000000']);
      // Suggested again, the booked side says so and is never auto-booked.
      const [again] = await k.suggest('n', [into]);
      expect(again).toMatchObject({ review: true, autoBook: false });
      expect(again?.booked).toEqual({ series: 'A', number: '1', from: 'confirmed' });
      expect(again?.reviewReasons).toContain("Booked already, as A 1, a voucher confirmed in kontera, as the other side of a transfer between the client's own accounts: do not book it again.");
    });

    it('a statement imported after its transfer was confirmed has that line marked booked', async () => {
      const a = await k.importStatement('n', fixture(`${dir}/nordea-foretagskonto.csv`), { fileName: 'nordea-foretagskonto.csv' });
      const out = a.transactions.find((t) => t.amount === -1_000_000) as (typeof a.transactions)[number];
      const [s] = await k.suggest('n', [out]);
      await k.confirm('n', [{ transaction: out, voucher: voucherOf(s) }]);
      const b = await k.importStatement('n', fixture(`${dir}/nordea-sparkonto.csv`), { fileName: 'nordea-sparkonto.csv' });
      expect(b.booked).toBe(1);
      expect(b.transactions.find((t) => t.amount === 1_000_000)?.booked).toMatchObject({ series: 'A', number: '1' });
      expect(b.transactions.find((t) => t.amount === 1_240)?.booked).toBeUndefined();
    });

    it('both sides confirmed as transfers in one call is refused, and nothing is written', async () => {
      const a = await k.importStatement('n', fixture(`${dir}/nordea-foretagskonto.csv`), { fileName: 'nordea-foretagskonto.csv' });
      const b = await k.importStatement('n', fixture(`${dir}/nordea-sparkonto.csv`), { fileName: 'nordea-sparkonto.csv' });
      const lines = [a.transactions.find((t) => t.amount === -1_000_000), b.transactions.find((t) => t.amount === 1_000_000)] as (typeof a.transactions)[number][];
      const suggestions = await k.suggest('n', lines);
      const both = lines.map((transaction, i) => ({ transaction, voucher: voucherOf(suggestions[i]) }));
      await expect(k.confirm('n', both)).rejects.toThrow(/Transfer booked twice: voucher A 1 .* is booked as the same transfer by voucher B 1 of this call/);
      expect(vouchersOf(await k.exportSie('n'))).toEqual([]);
      // One side alone goes through.
      await k.confirm('n', [both[1] as (typeof both)[number]]);
      expect(vouchersOf(await k.exportSie('n'))).toEqual(['B 1: 1940 1000000, 1930 -1000000']);
    });

    it('the tax account: the bank line paying Skatteverket books the tax account statement\'s deposit line too, and the rest of that statement is booked against what it settles', async () => {
      await k.addClient({ bureauId: 'byra', id: 't', name: 'Skattefast AB', bankAccounts: [{ account: '1930', number: '8327-9, 123 456 789-0' }, { account: '1630' }] });
      const bank = await k.importStatement('t', fixture(`${dir}/swedbank-skatteverket.csv`), { fileName: 'swedbank-skatteverket.csv' });
      const tax = await k.importStatement('t', fixture('statements/skatteverket/skattekonto-quoted.csv'), { fileName: 'skattekonto-quoted.csv', bankAccount: '1630' });
      const [pay] = await k.suggest('t', bank.transactions);
      // Against another of the client's bank accounts: for review, never auto-booked, whatever the confidence.
      expect(pay).toMatchObject({ account: '1630', review: true, autoBook: false });
      expect(pay?.reviewReasons).toContain("A transfer between the client's own accounts: one voucher books both of its lines, so confirm it for one side only (the other is then marked booked).");
      const before = await k.suggest('t', tax.transactions);
      expect(before.map((s) => s.account)).toEqual(['2650', '1930', '8314']);
      await k.confirm('t', [{ transaction: bank.transactions[0] as (typeof bank.transactions)[number], voucher: voucherOf(pay) }]);
      const after = await k.suggest('t', tax.transactions);
      expect(after.map((s) => s.reviewReasons.some((r) => r.startsWith('Booked already')))).toEqual([false, true, false]);
      expect(await rejectedCode(k.confirm('t', [{ transaction: tax.transactions[1] as (typeof tax.transactions)[number], voucher: voucherOf(after[1]) }]))).toBe('CONFLICT');
      await k.confirm('t', [{ transaction: tax.transactions[0] as (typeof tax.transactions)[number], voucher: voucherOf(after[0]) }]);
      expect(vouchersOf(await k.exportSie('t'))).toEqual(['A 1: 1930 -1254000, 1630 1254000', 'B 1: 1630 -1254000, 2650 1254000']);
    });

    it('two transfers of one amount in one week are two: confirming the second after the first\'s other side is no conflict, and each side meets its own line', async () => {
      const head = 'Bokföringsdag;Belopp;Avsändare;Mottagare;Namn;Rubrik;Saldo;Valuta\r\n';
      const business = `${head}2026/03/04;-10000,00;1111 22 33333;5555 66 77777;;Överföring till sparkonto;30000,00;SEK\r\n2026/03/02;-10000,00;1111 22 33333;5555 66 77777;;Överföring till sparkonto;40000,00;SEK\r\n`;
      const savings = `${head}2026/03/04;10000,00;1111 22 33333;5555 66 77777;;Överföring från företagskonto;70000,00;SEK\r\n2026/03/02;10000,00;1111 22 33333;5555 66 77777;;Överföring från företagskonto;60000,00;SEK\r\n`;
      const a = await k.importStatement('n', new TextEncoder().encode(business), { fileName: 'foretag.csv' });
      const b = await k.importStatement('n', new TextEncoder().encode(savings), { fileName: 'spar.csv' });
      const on = (lines: typeof a.transactions, date: string) => lines.find((t) => t.date === date) as (typeof a.transactions)[number];
      const [intoMar2] = await k.suggest('n', [on(b.transactions, '2026-03-02')]);
      await k.confirm('n', [{ transaction: on(b.transactions, '2026-03-02'), voucher: voucherOf(intoMar2) }]);
      const [outMar4] = await k.suggest('n', [on(a.transactions, '2026-03-04')]);
      await k.confirm('n', [{ transaction: on(a.transactions, '2026-03-04'), voucher: voucherOf(outMar4) }]);
      // Each voucher marked the other side of its own day: both remaining lines are booked, none twice.
      const left = await k.suggest('n', [on(a.transactions, '2026-03-02'), on(b.transactions, '2026-03-04')]);
      expect(left.map((s) => s.booked)).toEqual([
        { series: 'B', number: '1', from: 'confirmed' },
        { series: 'A', number: '1', from: 'confirmed' },
      ]);
      expect(vouchersOf(await k.exportSie('n'))).toHaveLength(2);
    });

    it('a transfer line that another export of the same account holds too keeps both review reasons', async () => {
      await k.importStatement('n', fixture(`${dir}/nordea-foretagskonto.csv`), { fileName: 'nordea-foretagskonto.csv' });
      // The same month of the business account from another program: another format, other line ids.
      const other = 'Datum;Text;Motkonto;Belopp;Saldo\r\n2026-03-02;Överföring till sparkonto;5555 66 77777;-10000,00;40000,00\r\n2026-03-05;Kortköp Pressbyrån;;-450,00;39550,00\r\n2026-03-09;Lindqvist Snickeri AB;;12500,00;52050,00\r\n';
      const b = await k.importStatement('n', new TextEncoder().encode(other), { fileName: 'annat-program.csv', bankAccount: '1930' });
      expect(b.warnings.map((w) => w.code)).toContain('OVERLAPS_OTHER_EXPORT');
      const [s] = await k.suggest('n', [b.transactions.find((t) => t.amount === -1_000_000) as (typeof b.transactions)[number]]);
      expect(s).toMatchObject({ account: '1940', match: 'transfer', review: true, autoBook: false });
      expect(s?.reviewReasons[0]).toMatch(/^A transfer between the client's own accounts/);
      expect(s?.reviewReasons[1]).toMatch(/^Line \d+ of another export of this bank account \(nordea-2020, nordea-foretagskonto\.csv\) has the same date and amount/);
    });

    it('without counterparty accounts, a transfer line whose other side is on the other account\'s statement is suggested as the transfer', async () => {
      const a = await k.importStatement('s', fixture(`${dir}/swedbank-foretagskonto.csv`), { fileName: 'swedbank-foretagskonto.csv' });
      expect(a.bankAccount).toBe('1930');
      const out = a.transactions.find((t) => t.amount === -2_500_000) as (typeof a.transactions)[number];
      // Before the other statement is in, nothing says where the money went.
      expect((await k.suggest('s', [out]))[0]?.match).not.toBe('transfer');
      const b = await k.importStatement('s', fixture(`${dir}/swedbank-placeringskonto.csv`), { fileName: 'swedbank-placeringskonto.csv' });
      expect(b.bankAccount).toBe('1940');
      const [sOut, sInto, sCard] = await k.suggest('s', [out, b.transactions[0] as typeof out, a.transactions.find((t) => t.amount === -89_900) as typeof out]);
      expect(sOut).toMatchObject({ account: '1940', match: 'transfer', autoBook: false });
      expect(sOut?.reason).toContain('the other side is on the statement of 1940: 2026-03-16, 25 000');
      expect(sInto).toMatchObject({ account: '1930', match: 'transfer' });
      expect(sCard?.match).not.toBe('transfer');
      await k.confirm('s', [{ transaction: out, voucher: voucherOf(sOut) }]);
      expect(await rejectedCode(k.confirm('s', [{ transaction: b.transactions[0] as typeof out, voucher: voucherOf(sInto) }]))).toBe('CONFLICT');
    });
  });
}

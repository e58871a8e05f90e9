/**
 * Issue 13, the books: a line the client's learned books already hold is never booked again,
 * learning is idempotent per voucher, and bank accounts are found from the books, not assumed.
 * Every test runs on every store.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { KonteraError } from '../../src/core/errors.js';
import { createKontera } from '../../src/kontera.js';
import type { Booking, ImportedTransaction, Kontera } from '../../src/kontera.js';
import { readSie } from '../../src/sie/reader.js';
import { bankLines, bookVouchers, JANUARY_2026, sieFile, swedbankFile } from './books.fixtures.js';
import type { BookVoucher } from './books.fixtures.js';
import { openStore, STORE_KINDS } from './helpers.js';
import type { OpenedStore } from './helpers.js';

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (error) {
    expect(error).toBeInstanceOf(KonteraError);
    return (error as KonteraError).code;
  }
  return 'resolved';
}

/** Books every open line as kontera suggests it (a line without a suggestion goes to 2999). */
async function confirmAll(k: Kontera, clientId: string, lines: readonly ImportedTransaction[]): Promise<number> {
  const open = lines.filter((t) => t.booked === undefined);
  const suggestions = await k.suggest(clientId, open);
  const bookings: Booking[] = open.map((t, i) => ({
    transaction: t,
    voucher: suggestions[i]?.voucher ?? { date: t.date, text: t.text, rows: [{ account: t.bankAccount, amount: t.amount }, { account: '2999', amount: -t.amount }] },
  }));
  return (await k.confirm(clientId, bookings)).vouchers.length;
}

/** Template counts of a client's profiles: key → template id → count. */
async function counts(k: Kontera, clientId: string): Promise<Record<string, Record<string, number>>> {
  const data = await k.exportClientData(clientId);
  return Object.fromEntries(data.profiles.map((p) => [p.key, Object.fromEntries(p.templates.map((t) => [t.id, t.count]))]));
}

async function weights(k: Kontera, clientId: string): Promise<number[]> {
  const data = await k.exportClientData(clientId);
  return data.profiles.flatMap((p) => p.templates.map((t) => t.weight));
}

for (const kind of STORE_KINDS) {
  describe(`the books on ${kind}`, () => {
    const opened: OpenedStore[] = [];
    afterEach(async () => {
      for (const o of opened.splice(0)) await o.dispose();
    });

    const kontera = async (): Promise<Kontera> => {
      const o = await openStore(kind);
      opened.push(o);
      const k = await createKontera({ store: o.store, now: () => new Date('2026-02-02T09:00:00Z') });
      await k.addBureau({ id: 'b1', name: 'Byrå Ett' });
      return k;
    };

    const books = bookVouchers();
    const inBank = books.filter((v) => v.rows[0]?.[0] === '1930');
    const sie = sieFile(books);
    const bank = swedbankFile(bankLines(books, JANUARY_2026));

    it('learn, then import: the lines the books hold are marked booked with series and number, and never confirmed or exported again', async () => {
      const k = await kontera();
      await k.addClient({ bureauId: 'b1', id: 'fjall', name: 'Fjällbryggan AB', bankAccounts: [{ account: '1930' }, { account: '1920' }] });
      const learned = await k.learnFromSie('fjall', sie, { fileName: 'fjall-2025.se' });
      expect(learned.booked).toBe(0);
      const imported = await k.importStatement('fjall', bank, { fileName: 'swedbank.csv', bankAccount: '1930' });
      expect(imported.added).toBe(inBank.length + JANUARY_2026.length);
      expect(imported.booked).toBe(inBank.length);
      // Each held line carries the voucher that books it: same amount, within days, the right one of two same-amount payments.
      for (const t of imported.transactions.filter((x) => x.booked !== undefined)) {
        const v = inBank.find((b) => b.series === t.booked?.series && String(b.number) === t.booked?.number) as BookVoucher;
        expect(v.rows[0]?.[1], t.text).toBe(t.amount);
        expect(v.bankText, `${t.date} ${t.text}`).toBe(t.text);
      }
      expect(new Set(imported.transactions.flatMap((t) => (t.booked ? [t.booked.voucher] : []))).size).toBe(inBank.length);
      const held = imported.transactions.find((t) => t.booked !== undefined) as ImportedTransaction;
      const [s] = await k.suggest('fjall', [held]);
      expect(await code(k.confirm('fjall', [{ transaction: held, voucher: s?.voucher ?? { date: held.date, text: 'x', rows: [{ account: '1930', amount: held.amount }, { account: '2999', amount: -held.amount }] } }]))).toBe('CONFLICT');
      expect(await confirmAll(k, 'fjall', imported.transactions)).toBe(JANUARY_2026.length);
      const exported = readSie(await k.exportSie('fjall'));
      expect(exported.vouchers.map((v) => v.date).sort()).toEqual(JANUARY_2026.map((l) => l.date));
      // Importing the same file again marks nothing new and still reports what the books hold.
      const again = await k.importStatement('fjall', bank, { fileName: 'swedbank.csv', bankAccount: '1930' });
      expect(again).toMatchObject({ added: 0, booked: inBank.length });
    });

    it('import, then learn: the same lines are found when the books come second, and a voucher is used once', async () => {
      const k = await kontera();
      await k.addClient({ bureauId: 'b1', id: 'fjall', name: 'Fjällbryggan AB', bankAccounts: ['1930', '1920'] });
      // A third payment of the Spotify/Easypark amount on the same day: the books have two vouchers for it.
      const extra = { date: '2025-06-11', text: 'PRESSBYRAN', amount: -20000 };
      const imported = await k.importStatement('fjall', swedbankFile(bankLines(books, [extra, ...JANUARY_2026])), { bankAccount: '1930' });
      expect(imported.booked).toBe(0);
      const learned = await k.learnFromSie('fjall', sie);
      expect(learned.booked).toBe(inBank.length);
      const lines = (await k.exportClientData('fjall')).transactions;
      const open = lines.filter((t) => t.booked === undefined);
      expect(open.map((t) => t.text).sort()).toEqual([...JANUARY_2026.map((l) => l.text), 'PRESSBYRAN'].sort());
      expect(lines.find((t) => t.text === 'SPOTIFY P3A2B1')?.booked?.voucher).toBe(`2025-01-01 A ${inBank.find((v) => v.text === 'Spotify AB')?.number}`);
      expect(lines.find((t) => t.text === 'EASYPARK STHLM')?.booked?.voucher).toBe(`2025-01-01 A ${inBank.find((v) => v.text === 'Easypark parkering')?.number}`);
      // Learning the file again finds nothing new to mark.
      expect((await k.learnFromSie('fjall', sie)).booked).toBe(0);
    });

    it('a line confirmed in kontera and later found in the learned books is not exported again, nor learned twice', async () => {
      const k = await kontera();
      await k.addClient({ bureauId: 'b1', id: 'fjall', name: 'Fjällbryggan AB', bankAccounts: ['1930', '1920'] });
      const first = books.filter((v) => v.date < '2025-07-01');
      await k.learnFromSie('fjall', sieFile(first));
      const imported = await k.importStatement('fjall', swedbankFile(bankLines(books)), { bankAccount: '1930' });
      const open = imported.transactions.filter((t) => t.booked === undefined);
      expect(open.length).toBe(inBank.filter((v) => v.date >= '2025-07-01').length);
      await confirmAll(k, 'fjall', imported.transactions);
      const before = await counts(k, 'fjall');
      expect(readSie(await k.exportSie('fjall')).vouchers.length).toBe(open.length);
      // The bureau imported kontera's vouchers into its program; the year's export now holds them.
      const r = await k.learnFromSie('fjall', sie);
      expect(r.booked).toBe(open.length);
      expect(readSie(await k.exportSie('fjall')).vouchers.length).toBe(0);
      // Their evidence came with the confirmation; the books' copies add only the 1920 vouchers of the second half.
      const after = await counts(k, 'fjall');
      const grew = Object.entries(after).filter(([key, ts]) => JSON.stringify(ts) !== JSON.stringify(before[key]));
      expect(grew.map(([key]) => key)).toEqual(['VATTENFALL EL']);
    });

    it('learning the same file twice changes nothing; a growing year adds only its new vouchers', async () => {
      const k = await kontera();
      await k.addClient({ bureauId: 'b1', id: 'once', name: 'Once AB', bankAccounts: ['1930', '1920'] });
      await k.addClient({ bureauId: 'b1', id: 'twice', name: 'Twice AB', bankAccounts: ['1930', '1920'] });
      await k.addClient({ bureauId: 'b1', id: 'grow', name: 'Grow AB', bankAccounts: ['1930', '1920'] });
      const one = await k.learnFromSie('once', sie);
      expect(one.learned).toBeGreaterThan(40);
      await k.learnFromSie('twice', sie);
      const second = await k.learnFromSie('twice', sie);
      expect(second).toMatchObject({ learned: 0, unchanged: one.learned + one.skipped, replaced: 0 });
      expect(await counts(k, 'twice')).toEqual(await counts(k, 'once'));
      expect(await weights(k, 'twice')).toEqual(await weights(k, 'once'));
      const telia = (await k.exportClientData('twice')).profiles.find((p) => p.key.includes('TELIA'));
      expect(telia?.templates[0]?.count).toBe(12);
      // Bookkeeping programs re-export the growing year: March, then June, then the whole year.
      for (const until of ['2025-04-01', '2025-07-01']) await k.learnFromSie('grow', sieFile(books.filter((v) => v.date < until)));
      const last = await k.learnFromSie('grow', sie);
      expect(last.learned).toBe(books.filter((v) => v.date >= '2025-07-01').length);
      expect(await counts(k, 'grow')).toEqual(await counts(k, 'once'));
      const [w1, w2] = [await weights(k, 'grow'), await weights(k, 'once')];
      w1.forEach((w, i) => expect(w).toBeCloseTo(w2[i] as number, 9));
    });

    it('a voucher whose rows changed replaces its earlier evidence', async () => {
      const k = await kontera();
      await k.addClient({ bureauId: 'b1', id: 'edited', name: 'Edited AB', bankAccounts: ['1930', '1920'] });
      await k.addClient({ bureauId: 'b1', id: 'fresh', name: 'Fresh AB', bankAccounts: ['1930', '1920'] });
      // In the first export three Telia invoices were booked to 6211 (fast telefoni); the bookkeeper moved them to 6212.
      const wrong = books.map((v) => (v.text === 'Telia faktura' && v.date < '2025-04-01' ? { ...v, rows: v.rows.map(([a, n]) => [a === '6212' ? '6211' : a, n] as const) } : v));
      await k.learnFromSie('edited', sieFile(wrong));
      const telia = (c: Record<string, Record<string, number>>): number[] => Object.values(Object.entries(c).find(([key]) => key.includes('TELIA'))?.[1] ?? {}).sort();
      expect(telia(await counts(k, 'edited'))).toEqual([3, 9]);
      const r = await k.learnFromSie('edited', sie);
      expect(r).toMatchObject({ learned: 3, replaced: 3 });
      await k.learnFromSie('fresh', sie);
      expect(await counts(k, 'edited')).toEqual(await counts(k, 'fresh'));
      expect(telia(await counts(k, 'edited'))).toEqual([12]);
    });

    it('a correction voucher in a later export takes back what the voucher it reverses taught; a voucher exported twice is learned once', async () => {
      const k = await kontera();
      for (const id of ['corrected', 'fresh', 'twice']) await k.addClient({ bureauId: 'b1', id, name: `${id} AB`, bankAccounts: ['1930', '1920'] });
      const v = (number: number, date: string, text: string, rows: (readonly [string, number])[]): BookVoucher => ({ series: 'A', number, date, text, rows, bankText: text, lag: 0 });
      const wrong = v(100, '2025-12-10', 'Clas Ohlson', [['1930', -30000], ['5010', 30000]]);
      const fixes = [
        v(101, '2025-12-12', 'Korrigering av ver A100', [['1930', 30000], ['5010', -30000]]),
        v(102, '2025-12-12', 'Clas Ohlson', [['1930', -30000], ['5410', 24000], ['2641', 6000]]),
      ];
      await k.learnFromSie('corrected', sieFile([...books, wrong]));
      const r = await k.learnFromSie('corrected', sieFile([...books, wrong, ...fixes]));
      expect(r).toMatchObject({ learned: 1, replaced: 1 });
      const fresh = await k.learnFromSie('fresh', sieFile([...books, wrong, ...fixes]));
      expect(await counts(k, 'corrected')).toEqual(await counts(k, 'fresh'));
      const clas = (await k.exportClientData('corrected')).profiles.find((p) => p.key.includes('CLAS OHLSON'));
      expect(clas?.templates.map((t) => t.count)).toEqual([1]);
      expect(clas?.templates[0]?.template.lines.map((l) => l.account)).toEqual(['5410']);
      expect((await k.learnFromSie('corrected', sieFile([...books, wrong, ...fixes]))).replaced).toBe(0);
      // The same export with one voucher written twice (two exports pasted together) teaches the same.
      const doubled = await k.learnFromSie('twice', sieFile([...books, wrong, ...fixes, books[0] as BookVoucher]));
      expect(doubled.learned).toBe(fresh.learned);
      expect(await counts(k, 'twice')).toEqual(await counts(k, 'fresh'));
    });

    it('bank accounts come from the books: a client added without them gets 1920 and 1930 with a warning, and a statement that names none is refused', async () => {
      const k = await kontera();
      await k.addClient({ bureauId: 'b1', id: 'pg', name: 'Plusgiro AB' });
      const r = await k.learnFromSie('pg', sie);
      expect([...r.bankAccounts].sort()).toEqual(['1920', '1930']);
      expect(r.warnings.map((w) => w.code)).toEqual(['BANK_ACCOUNTS_FROM_SIE']);
      expect(r.warnings[0]?.message).toContain('1920 PlusGiro (12 vouchers)');
      // Every bank voucher was learned, the 1920 ones too.
      expect(r.learned + r.skipped).toBe(books.length);
      expect(Object.keys(await counts(k, 'pg')).some((key) => key.includes('VATTENFALL'))).toBe(true);
      expect([...(await k.getClient('pg')).bankAccounts].sort()).toEqual(['1920', '1930']);
      expect(await code(k.importStatement('pg', bank))).toBe('VALIDATION');
      const ok = await k.importStatement('pg', bank, { bankAccount: '1930' });
      expect(ok.booked).toBe(inBank.length);
      expect(ok.warnings.filter((w) => w.code === 'BANK_ACCOUNT_GUESSED')).toEqual([]);
    });

    it('warns on every guess: a statement put on the only (default) account, a book account that is not learned', async () => {
      const k = await kontera();
      await k.addClient({ bureauId: 'b1', id: 'guess', name: 'Guess AB' });
      const imported = await k.importStatement('guess', bank);
      expect(imported.bankAccount).toBe('1930');
      expect(imported.warnings.map((w) => w.code)).toContain('BANK_ACCOUNT_GUESSED');
      await k.addClient({ bureauId: 'b1', id: 'only1930', name: 'Only AB', bankAccounts: ['1930'] });
      const r = await k.learnFromSie('only1930', sie);
      expect(r.warnings.map((w) => w.code)).toEqual(['BANK_ACCOUNT_NOT_LEARNED']);
      expect(r.warnings[0]?.message).toContain('1920 PlusGiro (12 vouchers)');
    });
  });
}

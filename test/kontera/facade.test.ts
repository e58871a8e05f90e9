/**
 * The facade, end to end and through its public methods only, on every store.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KonteraError } from '../../src/core/errors.js';
import { createKontera } from '../../src/kontera.js';
import type { Booking, ImportedTransaction, Kontera } from '../../src/kontera.js';
import { readSie } from '../../src/sie/reader.js';
import { parseStatement } from '../../src/statements/index.js';
import { fixture, openStore, STORE_KINDS, swedbankCsv } from './helpers.js';
import type { OpenedStore } from './helpers.js';
import { rejectedCode } from '../support/errors.js';

const NOW = new Date('2026-03-01T12:00:00.000Z');

for (const kind of STORE_KINDS) {
  describe(`kontera facade on the ${kind} store`, () => {
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

    it('learns a real SIE file, imports a real bank export, suggests, confirms, exports SIE that reads back', async () => {
      await k.addClient({
        bureauId: 'byra',
        id: 'ovning',
        name: 'Övningsbolaget AB',
        orgNr: '555555-5555',
        bankAccounts: [{ account: '1930', number: '192 69 56-2' }],
      });
      const learned = await k.learnFromSie('ovning', fixture('sie/SIE4_Exempelfil.SE'), { fileName: 'SIE4_Exempelfil.SE' });
      expect(learned.vouchers).toBe(295);
      expect(learned.learned).toBeGreaterThan(100);
      expect(learned.learned + learned.skipped).toBeGreaterThanOrEqual(learned.learned);

      const imported = await k.importStatement('ovning', fixture('statements/nordea/foretag-2022-iso-dates.csv'), { fileName: 'nordea.csv' });
      expect(imported).toMatchObject({ bankAccount: '1930', added: 23, duplicates: 0 });
      expect(imported.transactions).toHaveLength(23);

      const suggestions = await k.suggest('ovning', imported.transactions);
      expect(suggestions).toHaveLength(23);
      // Skatteverket's bankgiro 5050-1055 is a built-in rule: the tax account.
      expect(suggestions[0]).toMatchObject({ account: '1630' });
      for (const s of suggestions) {
        if (s.voucher !== null) expect(s.voucher.rows.reduce((sum, r) => sum + r.amount, 0)).toBe(0);
      }

      // Accept every voucher kontera proposes; book the rest to the suspense account as a correction.
      const bookings: Booking[] = imported.transactions.map((t, i) => {
        const s = suggestions[i];
        if (s?.voucher) return { transaction: t, voucher: s.voucher };
        return {
          transaction: t,
          voucher: { date: t.date, text: t.text, rows: [{ account: '1930', amount: t.amount }, { account: '2999', amount: -t.amount }] },
          correction: true,
        };
      });
      const confirmed = await k.confirm('ovning', bookings);
      expect(confirmed.vouchers.map((v) => v.number)).toEqual(Array.from({ length: 23 }, (_, i) => i + 1));
      expect(confirmed.vouchers.every((v) => v.series === 'A')).toBe(true);

      const bytes = await k.exportSie('ovning');
      expect(await k.exportSie('ovning')).toEqual(bytes);
      const doc = readSie(bytes);
      expect(doc.header.orgNumber?.number).toBe('555555-5555');
      expect(doc.vouchers).toHaveLength(23);
      doc.vouchers.forEach((v, i) => {
        expect(v.transactions.reduce((s, t) => s + t.amount, 0)).toBe(0);
        expect(v.series).toBe('A');
        expect(v.number).toBe(String(i + 1));
        const booked = bookings[i]?.voucher.rows.map((r) => [r.account, r.amount]);
        expect(v.transactions.map((t) => [t.account, t.amount])).toEqual(booked);
      });
      // #KONTO names come from the SIE file the client was learned from.
      expect(doc.accounts.find((a) => a.number === '1930')?.name).toBe('Bank, checkräkningskonto');

      // What was confirmed is now the client's own history.
      const again = await k.suggest('ovning', [{ date: '2022-06-04', amount: -246263_00, text: 'GARANTITAK I KUMLA AB' }]);
      expect(again[0]).toMatchObject({ source: 'client', account: bookings[2]?.voucher.rows[1]?.account });
    });

    it('imports idempotently: the same file twice and overlapping exports store each line once', async () => {
      await k.addClient({ bureauId: 'byra', id: 'c1', name: 'C1' });
      const first = await k.importStatement('c1', swedbankCsv(30, 0));
      expect(first).toMatchObject({ added: 30, duplicates: 0 });
      const same = await k.importStatement('c1', swedbankCsv(30, 0));
      expect(same).toMatchObject({ statementId: first.statementId, added: 0, duplicates: 30 });
      const overlap = await k.importStatement('c1', swedbankCsv(30, 20));
      expect(overlap).toMatchObject({ added: 20, duplicates: 10 });
      expect(overlap.statementId).not.toBe(first.statementId);
      // The duplicates come back as the lines stored the first time.
      const dup = overlap.transactions.filter((t) => t.statementId === first.statementId);
      expect(dup).toHaveLength(10);
      const data = await k.exportClientData('c1');
      expect(data.transactions).toHaveLength(50);
      expect(data.statements).toHaveLength(2);
    });

    it('matches a statement to the client’s bank account and refuses one for an account it lacks', async () => {
      await k.addClient({ bureauId: 'byra', id: 'c1', name: 'C1', bankAccounts: [{ account: '1930', number: '12345-1234567890' }, '1940'] });
      const ok = await k.importStatement('c1', swedbankCsv(3, 0, '1234567890'));
      expect(ok.bankAccount).toBe('1930');
      expect(await rejectedCode(k.importStatement('c1', swedbankCsv(3, 0, '9999999999')))).toBe('VALIDATION');
      expect(await rejectedCode(k.importStatement('c1', swedbankCsv(3, 0, '1234567890'), { bankAccount: '1940' }))).toBe('VALIDATION');
      expect(await rejectedCode(k.importStatement('c1', swedbankCsv(3, 0, '9999999999'), { bankAccount: '1941' }))).toBe('VALIDATION');
      // A known ledger account whose registered number differs from the file's is refused too.
      expect(await rejectedCode(k.importStatement('c1', swedbankCsv(3, 0, '9999999999'), { bankAccount: '1930' }))).toBe('VALIDATION');
      // allowNewAccount still needs to be told which ledger account the new bank account is.
      expect(await rejectedCode(k.importStatement('c1', swedbankCsv(3, 0, '9999999999'), { allowNewAccount: true }))).toBe('VALIDATION');
      const added = await k.importStatement('c1', swedbankCsv(3, 0, '9999999999'), { bankAccount: '1941', allowNewAccount: true });
      expect(added.bankAccount).toBe('1941');
      const client = await k.getClient('c1');
      expect(client.bankAccounts).toEqual(['1930', '1940', '1941']);
      expect(client.series).toEqual({ '1930': 'A', '1940': 'B', '1941': 'C' });
      // The new account's number is remembered: its next statement finds it alone.
      expect((await k.importStatement('c1', swedbankCsv(4, 0, '9999999999'))).bankAccount).toBe('1941');
      expect(await k.exportClientData('c1')).toMatchObject({ statements: [{}, {}, {}] });
    });

    it('refuses a statement holding rows of several accounts instead of booking both on one bank account', async () => {
      await k.addClient({ bureauId: 'byra', id: 'c2', name: 'C2', bankAccounts: [{ account: '1930', number: '9123-4567801' }, { account: '1940', number: '9123-4567819' }] });
      const twoAccounts = fixture('statements/sections/two-accounts-semicolon.csv');
      const error = await k.importStatement('c2', twoAccounts, { fileName: 'konton.csv' }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(KonteraError);
      expect(error).toMatchObject({ code: 'VALIDATION', line: 11 });
      expect((error as Error).message).toContain('9123-4567801, 9123-4567819');
      expect(await k.exportClientData('c2')).toMatchObject({ statements: [] });
    });

    it('refuses a file of several accounts it names rather than numbers (`Main SEK`, `Savings SEK`), and imports one by its name', async () => {
      await k.addClient({ bureauId: 'byra', id: 'c3', name: 'C3', bankAccounts: [{ account: '1930' }, { account: '1940' }] });
      const named = fixture('statements/generic/business-account-name-column.csv');
      const error = await k.importStatement('c3', named, { fileName: 'revolut.csv', bankAccount: '1930' }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ code: 'VALIDATION' });
      expect((error as Error).message).toContain('Main SEK, Savings SEK');
      const savings = await k.importStatement('c3', named, { fileName: 'revolut.csv', bankAccount: '1940', accountNumber: 'Savings SEK' });
      expect(savings.transactions.map((t) => t.amount)).toEqual([200_000]);
    });

    it('imports one account of a several-account file when asked, each to its own bank account with its own balances', async () => {
      await k.addClient({ bureauId: 'byra', id: 'c2', name: 'C2', bankAccounts: [{ account: '1930', number: '9123-4567801' }, { account: '1940', number: '9123-4567819' }] });
      const twoAccounts = fixture('statements/sections/two-accounts-semicolon.csv');
      const parsed = parseStatement(twoAccounts);
      const first = await k.importStatement('c2', twoAccounts, { fileName: 'konton.csv', accountNumber: '9123-4567801' });
      // By its digits too: the second account goes to the bank account that has its number.
      const second = await k.importStatement('c2', twoAccounts, { fileName: 'konton.csv', accountNumber: '91234567819' });
      expect([first.bankAccount, second.bankAccount]).toEqual(['1930', '1940']);
      const lines = (account: string): number[] => parsed.transactions.filter((t) => t.accountNumber === account).map((t) => t.line);
      expect(first.transactions.map((t) => t.line)).toEqual(lines('9123-4567801'));
      expect(second.transactions.map((t) => t.line)).toEqual(lines('9123-4567819'));
      expect(first.added + second.added).toBe(parsed.transactions.length);
      const sections = parsed.sections ?? [];
      const statements = (await k.exportClientData('c2')).statements;
      expect(statements.map((s) => [s.bankAccount, s.accountNumber, s.openingBalance, s.closingBalance]).sort()).toEqual([
        ['1930', '9123-4567801', sections[0]?.openingBalance, sections[0]?.closingBalance],
        ['1940', '9123-4567819', sections[1]?.openingBalance, sections[1]?.closingBalance],
      ]);
      // An account the file does not hold is refused, naming the ones it does.
      await expect(k.importStatement('c2', twoAccounts, { accountNumber: '9999-1111111' })).rejects.toThrow(/not in the file: expected one of 9123-4567801, 9123-4567819/);
    });

    it('is all-or-nothing: an aborted import leaves nothing, and reports progress before', async () => {
      await k.addClient({ bureauId: 'byra', id: 'c1', name: 'C1' });
      const controller = new AbortController();
      const seen: number[] = [];
      const aborted = k.importStatement('c1', swedbankCsv(3500), {
        signal: controller.signal,
        onProgress: (p) => {
          seen.push(p.done);
          if (p.done >= 2000) controller.abort();
        },
      });
      expect(await rejectedCode(aborted)).toBe('ABORTED');
      expect(seen).toEqual([1000, 2000]);
      const data = await k.exportClientData('c1');
      expect(data.transactions).toEqual([]);
      expect(data.statements).toEqual([]);
      // An abort before the start writes nothing either.
      expect(await rejectedCode(k.importStatement('c1', swedbankCsv(5), { signal: AbortSignal.abort() }))).toBe('ABORTED');
      const full = await k.importStatement('c1', swedbankCsv(3500));
      expect(full.added).toBe(3500);
    });

    it('refuses bad bookings before writing anything', async () => {
      await k.addClient({ bureauId: 'byra', id: 'c1', name: 'C1', chart: ['1930', '6212', '2641', '5800'] });
      await k.addClient({ bureauId: 'byra', id: 'c2', name: 'C2' });
      const { transactions } = await k.importStatement('c1', swedbankCsv(3));
      const [t0, t1] = transactions as [ImportedTransaction, ImportedTransaction];
      const good = (t: ImportedTransaction): Booking => ({
        transaction: t,
        voucher: { date: t.date, text: t.text, rows: [{ account: '1930', amount: t.amount }, { account: '5800', amount: -t.amount }] },
      });
      const cases: [Booking, string][] = [
        [{ ...good(t1), voucher: { ...good(t1).voucher, rows: [{ account: '1930', amount: t1.amount }, { account: '5800', amount: 1 - t1.amount }] } }, 'VALIDATION'],
        [{ ...good(t1), voucher: { ...good(t1).voucher, rows: [{ account: '1930', amount: t1.amount }, { account: '6540', amount: -t1.amount }] } }, 'VALIDATION'],
        [{ ...good(t1), voucher: { ...good(t1).voucher, rows: [{ account: '1930', amount: t1.amount * 2 }, { account: '5800', amount: -t1.amount * 2 }] } }, 'VALIDATION'],
        [{ ...good(t1), transaction: { ...t1, id: 'not-imported' } }, 'NOT_FOUND'],
        [{ ...good(t1), transaction: { ...t1, amount: t1.amount - 1 }, voucher: { ...good(t1).voucher, rows: [{ account: '1930', amount: t1.amount - 1 }, { account: '5800', amount: 1 - t1.amount }] } }, 'VALIDATION'],
      ];
      for (const [bad, expected] of cases) expect(await rejectedCode(k.confirm('c1', [good(t0), bad]))).toBe(expected);
      // Another client's transaction is not this client's.
      expect(await rejectedCode(k.confirm('c2', [good(t0)]))).toBe('NOT_FOUND');
      expect(await rejectedCode(k.confirm('c1', [good(t0), good(t0)]))).toBe('VALIDATION');
      let data = await k.exportClientData('c1');
      expect(data.vouchers).toEqual([]);
      expect(data.profiles).toEqual([]);
      await k.confirm('c1', [good(t0)]);
      expect(await rejectedCode(k.confirm('c1', [good(t0)]))).toBe('CONFLICT');
      data = await k.exportClientData('c1');
      expect(data.vouchers).toHaveLength(1);
    });

    it('numbers vouchers per bank account series and exports a period', async () => {
      await k.addClient({ bureauId: 'byra', id: 'c1', name: 'C1', bankAccounts: ['1930', { account: '1940', series: 'K' }] });
      const feed = (date: string, amount: number, text: string, bankAccount: string) => ({ date, amount, text, bankAccount });
      const booking = (t: ReturnType<typeof feed>): Booking => ({
        transaction: t,
        voucher: { date: t.date, text: t.text, rows: [{ account: t.bankAccount, amount: t.amount }, { account: '6570', amount: -t.amount }] },
      });
      const r = await k.confirm('c1', [
        booking(feed('2026-01-05', -4500, 'AVGIFT', '1930')),
        booking(feed('2026-01-06', -4500, 'AVGIFT', '1940')),
        booking(feed('2026-02-05', -4500, 'AVGIFT', '1930')),
      ]);
      expect(r.vouchers.map((v) => `${v.series}${v.number}`)).toEqual(['A1', 'K1', 'A2']);
      const jan = readSie(await k.exportSie('c1', { from: '2026-01-01', to: '2026-01-31' }));
      expect(jan.vouchers.map((v) => `${v.series}${v.number}`)).toEqual(['A1', 'K1']);
      const k1 = readSie(await k.exportSie('c1', { series: 'K' }));
      expect(k1.vouchers.map((v) => v.date)).toEqual(['2026-01-06']);
      // A client learned from no books: #KONTO names are BAS 2025's (an importer compares them with its chart), not "Konto 6570".
      expect(jan.accounts.map((a) => [a.number, a.name])).toEqual([
        ['1930', 'Företagskonto/checkkonto/affärskonto'],
        ['1940', 'Övriga bankkonton'],
        ['6570', 'Bankkostnader'],
      ]);
    });

    it('answers unknown ids with NOT_FOUND, never with an empty result', async () => {
      const calls: Promise<unknown>[] = [
        k.getClient('nope'),
        k.learnFromSie('nope', fixture('sie/SIE4_Exempelfil.SE')),
        k.importStatement('nope', swedbankCsv(2)),
        k.suggest('nope', []),
        k.confirm('nope', []),
        k.exportSie('nope'),
        k.deleteClient('nope'),
        k.deleteBureau('nope'),
        k.exportClientData('nope'),
        k.unlearn('nope', 'TELIA'),
        k.addClient({ bureauId: 'nope', id: 'x', name: 'X' }),
      ];
      // The calls run at once on a server store; each rejection is checked below, in order.
      for (const c of calls) c.catch(() => {});
      for (const c of calls) expect(await rejectedCode(c)).toBe('NOT_FOUND');
    });

    it('validates client settings before storing them', async () => {
      const bad = [
        { bureauId: 'byra', id: '', name: 'X' },
        { bureauId: 'byra', id: 'x', name: 'X', bankAccounts: ['193'] },
        { bureauId: 'byra', id: 'x', name: 'X', bankAccounts: ['1930', '1930'] },
        { bureauId: 'byra', id: 'x', name: 'X', chart: ['1930', '6212'], bankAccounts: ['1940'] },
        { bureauId: 'byra', id: 'x', name: 'X', orgNr: '55-5' },
        { bureauId: 'byra', id: 'x', name: 'X', autoBookThreshold: 1.5 },
        { bureauId: 'byra', id: 'x', name: 'X', autoBookShared: 'yes' as unknown as boolean },
        { bureauId: 'byra', id: 'x', name: 'X', suspenseAccount: 'OBS' },
      ];
      for (const input of bad) expect(await rejectedCode(k.addClient(input))).toBe('VALIDATION');
      expect(await rejectedCode(k.getClient('x'))).toBe('NOT_FOUND');
      await k.addClient({ bureauId: 'byra', id: 'x', name: 'X' });
      expect(await rejectedCode(k.addClient({ bureauId: 'byra', id: 'x', name: 'X' }))).toBe('CONFLICT');
      expect(await rejectedCode(k.addBureau({ id: 'byra', name: 'again' }))).toBe('CONFLICT');
      expect(await k.getClient('x')).toMatchObject({ bankAccounts: ['1930'], series: { '1930': 'A' }, vatRegistered: true, network: true });
    });

    it('keeps bureaus apart: a bureau-scoped instance cannot see or touch another bureau', async () => {
      await k.addBureau({ id: 'other', name: 'Byrå Två' });
      await k.addClient({ bureauId: 'other', id: 'secret', name: 'Secret AB' });
      await k.importStatement('secret', swedbankCsv(5));
      const scoped = await createKontera({ store: opened.store, bureauId: 'byra' });
      const calls: Promise<unknown>[] = [
        scoped.getClient('secret'),
        scoped.importStatement('secret', swedbankCsv(5)),
        scoped.suggest('secret', [{ date: '2026-01-01', amount: -100, text: 'COOP' }]),
        scoped.exportSie('secret'),
        scoped.exportClientData('secret'),
        scoped.deleteClient('secret'),
        scoped.deleteBureau('other'),
        scoped.addClient({ bureauId: 'other', id: 'sneaky', name: 'S' }),
      ];
      // The calls run at once on a server store; each rejection is checked below, in order.
      for (const c of calls) c.catch(() => {});
      for (const c of calls) expect(await rejectedCode(c)).toBe('NOT_FOUND');
      expect((await k.exportClientData('secret')).transactions).toHaveLength(5);
    });

    it('learns from SIE with progress, and an abort leaves no knowledge behind', async () => {
      await k.addClient({ bureauId: 'byra', id: 'c1', name: 'C1' });
      const controller = new AbortController();
      const result = k.learnFromSie('c1', fixture('sie/SIE4_Exempelfil.SE'), {
        signal: controller.signal,
        onProgress: () => controller.abort(),
      });
      expect(await rejectedCode(result)).toBe('ABORTED');
      expect((await k.exportClientData('c1')).profiles).toEqual([]);
      const progress: number[] = [];
      const ok = await k.learnFromSie('c1', fixture('sie/SIE4_Exempelfil.SE'), { onProgress: (p) => progress.push(p.done) });
      expect(progress.at(-1)).toBe(ok.learned + ok.skipped);
      expect((await k.exportClientData('c1')).profiles.length).toBeGreaterThan(10);
    });

    it('reports what the SIE reader tolerated, and refuses what is not SIE or not a bank file, storing nothing', async () => {
      await k.addClient({ bureauId: 'byra', id: 'c1', name: 'C1', bankAccounts: ['1930', '1920'] });
      const r = await k.learnFromSie('c1', fixture('sie/transaktioner_ovnbolag-bad-balance.se'), { bankAccounts: ['1930', '1920', '1910'] });
      expect(r.issues.some((i) => i.code === 'SIE_UNBALANCED_VOUCHER')).toBe(true);
      expect(r.learned).toBeGreaterThan(0);
      const profiles = (await k.exportClientData('c1')).profiles.length;
      expect(await rejectedCode(k.learnFromSie('c1', fixture('sie/BokSald.SE')))).toBe('SIE_NOT_SIE');
      expect(await rejectedCode(k.importStatement('c1', fixture('statements/invalid/html-error-page.csv'), { bankAccount: '1930' }))).toBe('HTML_INPUT');
      const data = await k.exportClientData('c1');
      expect(data.profiles).toHaveLength(profiles);
      expect(data.statements).toEqual([]);
    });

    it('passes the statement\'s transaction kind to the engine as evidence', async () => {
      await k.addClient({ bureauId: 'byra', id: 'c1', name: 'C1' });
      const [plain, typed] = await k.suggest('c1', [
        { date: '2026-03-31', amount: 12300, text: 'KREDITERING 2026-03' },
        { date: '2026-03-31', amount: 12300, text: 'KREDITERING 2026-03', kind: 'interest' },
      ]);
      expect(plain?.source).toBeNull();
      expect(typed).toMatchObject({ source: 'rule', account: '8310' });
    });

    it('unlearns one counterparty at once, and says when there was nothing to forget', async () => {
      await k.addClient({ bureauId: 'byra', id: 'c1', name: 'C1' });
      const telia = (date: string): Booking => ({
        transaction: { date, amount: -49900, text: 'AUTOGIRO TELIA SVERIGE AB' },
        voucher: { date, text: 'Telia', rows: [{ account: '1930', amount: -49900 }, { account: '6212', amount: 39920 }, { account: '2641', amount: 9980 }] },
      });
      await k.confirm('c1', [telia('2026-01-02'), telia('2026-02-02')]);
      const [before] = await k.suggest('c1', [{ date: '2026-03-02', amount: -49900, text: 'AUTOGIRO TELIA SVERIGE AB' }]);
      expect(before).toMatchObject({ source: 'client', account: '6212' });
      expect(await k.unlearn('c1', before?.key ?? '')).toEqual({ changed: true });
      const [after] = await k.suggest('c1', [{ date: '2026-03-02', amount: -49900, text: 'AUTOGIRO TELIA SVERIGE AB' }]);
      expect(after?.source).not.toBe('client');
      expect(await k.unlearn('c1', before?.key ?? '')).toEqual({ changed: false });
      expect((await k.exportClientData('c1')).profiles).toEqual([]);
    });

    it('shares only anonymous counts across bureaus, and erasure withdraws a client’s share', async () => {
      const bureaus = ['b1', 'b2', 'b3'];
      for (const b of bureaus) {
        await k.addBureau({ id: b, name: b });
        await k.addClient({ bureauId: b, id: `${b}-c`, name: `${b} client` });
        await k.confirm(`${b}-c`, [
          {
            transaction: { date: '2026-01-10', amount: -5000, text: 'EASYPARK' },
            voucher: { date: '2026-01-10', text: 'EASYPARK', rows: [{ account: '1930', amount: -5000 }, { account: '5800', amount: 4000 }, { account: '2641', amount: 1000 }] },
          },
        ]);
      }
      await k.addBureau({ id: 'new', name: 'new' });
      await k.addClient({ bureauId: 'new', id: 'fresh', name: 'Fresh' });
      const [s] = await k.suggest('fresh', [{ date: '2026-02-10', amount: -6000, text: 'EASYPARK' }]);
      expect(s).toMatchObject({ source: 'network', account: '5800' });
      expect(s?.reason).toContain('3 bureaus');
      await k.deleteClient('b3-c');
      const [after] = await k.suggest('fresh', [{ date: '2026-02-10', amount: -6000, text: 'EASYPARK' }]);
      expect(after?.source).not.toBe('network');
    });
  });
}

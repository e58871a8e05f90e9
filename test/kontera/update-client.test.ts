/**
 * updateClient takes every setting addClient takes but the ids, checks it as addClient does, and
 * what depends on a setting follows it: the network counts when the client joins or leaves the
 * network (as if it had always had the setting, persisted, on every store), and the next suggestion
 * for VAT, chart, bank accounts and threshold. `undefined` keeps a setting, `null` removes it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { KonteraError } from '../../src/core/errors.js';
import { createKontera } from '../../src/kontera.js';
import type { Kontera, TransactionLike } from '../../src/kontera.js';
import { DEFAULT_AUTO_BOOK_THRESHOLD } from '../../src/suggest/score.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/store.js';
import { bookGenerated, konteraOn, openStore, STORE_KINDS, swedbankCsv } from './helpers.js';
import type { OpenedStore } from './helpers.js';

const NOW = '2026-02-02T08:00:00.000Z';

/** Where each kind of line is booked, the same for every client. */
const ACCOUNT: Record<string, string> = { EASYPARK: '5800', TELIA: '6212', SPOTIFY: '6540', 'CLAS OHLSON': '5410', COOP: '4010' };

function accountFor(text: string): string {
  for (const [word, account] of Object.entries(ACCOUNT)) if (text.startsWith(word)) return account;
  return '6990';
}

/** Imports `rows` lines of the generated statement for the client and confirms each as `accountFor` books it. */
async function books(k: Kontera, clientId: string, rows: number): Promise<void> {
  await bookGenerated(k, clientId, rows, accountFor);
}

/** A Swish line to a private person: a key with personal data, never in the network. */
const PRIVATE: TransactionLike = { date: '2020-01-03', amount: -25_000, text: 'SWISH 46701234567 JOHAN' };

/**
 * Two bureaus, minBureaus 2: client `c` (whose network setting is `cNetwork`) and `d` in b1, `x` in
 * b2. c and x book the same 18 lines, d the first 6 of them; c also pays a private person.
 */
async function world(store: Store, cNetwork: boolean): Promise<Kontera> {
  const k = await createKontera({ store, now: () => new Date(NOW), minBureaus: 2 });
  await k.addBureau({ id: 'b1', name: 'Byrå Ett' });
  await k.addBureau({ id: 'b2', name: 'Byrå Två' });
  await k.addClient({ bureauId: 'b1', id: 'c', name: 'Cee AB', network: cNetwork });
  await k.addClient({ bureauId: 'b1', id: 'd', name: 'Dee AB' });
  await k.addClient({ bureauId: 'b2', id: 'x', name: 'Ex AB' });
  await books(k, 'c', 18);
  await books(k, 'd', 6);
  await books(k, 'x', 18);
  await k.confirm('c', [{ transaction: PRIVATE, voucher: { date: PRIVATE.date, text: 'Swish', rows: [{ account: '1930', amount: -25_000 }, { account: '2893', amount: 25_000 }] } }]);
  return k;
}

const sorted = <T>(list: readonly T[]): T[] => [...list].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));

/** What the store holds of c's knowledge and the aggregates it counts in. */
async function knowledgeOf(store: Store): Promise<unknown> {
  const profiles = sorted(await store.getProfiles({ bureauId: 'b1', clientId: 'c' }));
  const keys = [...new Set([...profiles.map((p) => p.key), ...(await store.getProfiles({ bureauId: 'b2', clientId: 'x' })).map((p) => p.key)])].sort();
  return {
    profiles,
    bureau: sorted(await store.getBureauRecords('b1')),
    network: sorted(await store.listNetworkRecords()),
    candidates: { b1: sorted(await store.getNetworkCandidates('b1', keys)), b2: sorted(await store.getNetworkCandidates('b2', keys)) },
  };
}

describe('updateClient network: the counts as if the client had always had the setting', () => {
  const opened: OpenedStore[] = [];
  afterEach(async () => {
    for (const o of opened.splice(0)) await o.dispose();
  });

  for (const kind of STORE_KINDS) {
    for (const [from, to] of [
      [true, false],
      [false, true],
    ] as const) {
      it(`network ${from} → ${to} (${kind})`, async () => {
        const switched = await openStore(kind);
        const fresh = await openStore(kind);
        opened.push(switched, fresh);
        const k = await world(switched.store, from);
        await world(fresh.store, to);
        const expected = await knowledgeOf(fresh.store);
        const before = await knowledgeOf(switched.store);
        expect(before).not.toEqual(expected);

        const updated = await k.updateClient('c', { network: to });
        expect(updated.network).toBe(to);
        expect(await knowledgeOf(switched.store)).toEqual(expected);
        // The shared network: with c, EASYPARK is held by both bureaus; without, by b2 only (below minBureaus 2).
        const easypark = (await switched.store.listNetworkRecords()).filter((r) => r.key === 'EASYPARK');
        expect(easypark.map((r) => [r.account, r.bureaus, r.clients])).toEqual(to ? [['5800', 2, 2]] : []);
        // The private payee never enters it, however c's setting goes.
        expect((await switched.store.getNetworkCandidates('b1', ['SWISH 46701234567 JOHAN', 'JOHAN'])).length).toBe(0);

        if (switched.sqlite !== undefined) {
          const path = (switched.sqlite.database as unknown as { name: string }).name;
          await switched.store.close();
          const reopened = await openSqliteStore({ path });
          try {
            expect(await knowledgeOf(reopened)).toEqual(expected);
          } finally {
            await reopened.close();
          }
        }
      });
    }
  }

  it('switching back and forth leaves the counts where they started', async () => {
    const o = await openStore('memory');
    opened.push(o);
    const k = await world(o.store, true);
    const start = await knowledgeOf(o.store);
    await k.updateClient('c', { network: false });
    await k.updateClient('c', { network: null });
    expect(await knowledgeOf(o.store)).toEqual(start);
  });
});

/** A Telia invoice paid from the bank: 499 kr with 25 % VAT. */
const TELIA = (day: number): TransactionLike => ({ date: `2026-01-${String(day).padStart(2, '0')}`, amount: -49_900, text: 'TELIA SVERIGE AB' });
const TELIA_ROWS = [
  { account: '1930', amount: -49_900 },
  { account: '6212', amount: 39_920 },
  { account: '2641', amount: 9_980 },
];

describe('updateClient: the next suggestion reads the new settings', () => {
  for (const kind of STORE_KINDS) {
    describe(kind, () => {
      const open = konteraOn(kind, NOW, { acme: 'Acme AB' });

      async function telia(k: Kontera): Promise<void> {
        for (const day of [5, 12, 19]) await k.confirm('acme', [{ transaction: TELIA(day), voucher: { date: TELIA(day).date, text: 'Telia', rows: TELIA_ROWS } }]);
      }

      it('vatRegistered false: no VAT rows; true again: the VAT row is back', async () => {
        const k = await open();
        await telia(k);
        const [before] = await k.suggest('acme', [TELIA(26)]);
        expect(before?.voucher?.rows.map((r) => r.account)).toContain('2641');
        expect((await k.updateClient('acme', { vatRegistered: false })).vatRegistered).toBe(false);
        const [after] = await k.suggest('acme', [TELIA(26)]);
        expect(after?.account).toBe('6212');
        expect(after?.voucher?.rows.map((r) => r.account)).not.toContain('2641');
        expect(after?.voucher?.rows.find((r) => r.account === '6212')?.amount).toBe(49_900);
        await k.updateClient('acme', { vatRegistered: null });
        expect((await k.suggest('acme', [TELIA(26)]))[0]?.voucher?.rows.map((r) => r.account)).toContain('2641');
      });

      it('chart: the suggestion keeps within the new chart, and null lifts it', async () => {
        const k = await open();
        await telia(k);
        expect((await k.suggest('acme', [TELIA(26)]))[0]?.account).toBe('6212');
        const chart = ['1930', '2641', '6211'];
        expect((await k.updateClient('acme', { chart })).chart).toEqual(chart);
        expect((await k.suggest('acme', [TELIA(26)]))[0]?.account).toBe('6211');
        const lifted = await k.updateClient('acme', { chart: null });
        expect(lifted.chart).toBeUndefined();
        expect((await k.suggest('acme', [TELIA(26)]))[0]?.account).toBe('6212');
      });

      it('bankAccounts: a second account takes the next series, the first keeps its own; one with imported lines stays', async () => {
        const k = await open();
        await expect(k.suggest('acme', [{ ...TELIA(26), bankAccount: '1940' }])).rejects.toMatchObject({ code: 'VALIDATION' });
        const two = await k.updateClient('acme', { bankAccounts: ['1930', { account: '1940', number: '8327-9, 943 456 789-0' }] });
        expect([two.bankAccounts, two.series, two.accountNumbers]).toEqual([['1930', '1940'], { '1930': 'A', '1940': 'B' }, { '1940': '8327-9, 943 456 789-0' }]);
        expect(await k.suggest('acme', [{ ...TELIA(26), bankAccount: '1940' }])).toHaveLength(1);
        // Given again without its number and in another order: it keeps its number and series.
        const again = await k.updateClient('acme', { bankAccounts: ['1940', '1930'] });
        expect([again.series, again.accountNumbers]).toEqual([{ '1930': 'A', '1940': 'B' }, { '1940': '8327-9, 943 456 789-0' }]);
        await k.importStatement('acme', swedbankCsv(3), { bankAccount: '1930' });
        const error = await k.updateClient('acme', { bankAccounts: ['1940'] }).catch((e: unknown) => e);
        expect(error).toMatchObject({ code: 'VALIDATION', field: 'bankAccounts' });
        expect((error as Error).message).toContain('1930');
        expect((await k.getClient('acme')).bankAccounts).toEqual(['1940', '1930']);
      });

      it('autoBookThreshold: raised, the line is reviewed; null, the default applies again', async () => {
        const k = await open();
        await telia(k);
        const [before] = await k.suggest('acme', [TELIA(26)]);
        expect(before?.confidence).toBeGreaterThanOrEqual(DEFAULT_AUTO_BOOK_THRESHOLD);
        expect(before?.confidence).toBeLessThan(1);
        expect(before?.autoBook).toBe(true);
        await k.updateClient('acme', { autoBookThreshold: 1 });
        expect((await k.suggest('acme', [TELIA(26)]))[0]?.autoBook).toBe(false);
        expect((await k.updateClient('acme', { autoBookThreshold: null })).autoBookThreshold).toBeUndefined();
        expect((await k.suggest('acme', [TELIA(26)]))[0]?.autoBook).toBe(true);
      });
    });
  }
});

describe('updateClient checks as addClient does, and keeps what it is not given', () => {
  const open = konteraOn('sqlite', NOW, {});

  async function acme(k: Kontera): Promise<void> {
    await k.addClient({ bureauId: 'b1', id: 'acme', name: 'Acme AB', orgNr: '559123-4567', chart: ['1930', '2641', '6212', '2893'], suspenseAccount: '2893', review: { counterparties: ['ACME'] }, autoBookThreshold: 0.9 });
  }

  const BAD: readonly [string, Record<string, unknown>][] = [
    ['vatRegistered', { vatRegistered: 'false' }],
    ['network', { network: 0 }],
    ['autoBookThreshold', { autoBookThreshold: 2 }],
    ['review counterparty', { review: { counterparties: ['ACME', 5] } }],
    ['bank account', { bankAccounts: ['1940'] }],
    ['suspense account', { suspenseAccount: '2890' }],
    ['bank account', { chart: ['2641', '6212'] }],
    ['name', { name: null }],
    ['name', { name: ' ' }],
    ['orgNr', { orgNr: 5591234567 }],
    ['id', { id: 'other' }],
    ['bureauId', { bureauId: 'b2' }],
  ];

  for (const [what, changes] of BAD) {
    it(`${what}: ${JSON.stringify(changes)} is VALIDATION, nothing written`, async () => {
      const k = await open();
      await acme(k);
      const before = await k.getClient('acme');
      const error = await k.updateClient('acme', { name: 'Changed AB', ...changes }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(KonteraError);
      expect((error as KonteraError).code).toBe('VALIDATION');
      expect((error as KonteraError).message).toContain(what);
      expect(await k.getClient('acme')).toEqual(before);
    });
  }

  it('the ids may be given as they are (a client passed back), and changes nothing else', async () => {
    const k = await open();
    await acme(k);
    const before = await k.getClient('acme');
    expect(await k.updateClient('acme', before)).toEqual(before);
    expect(await k.updateClient('acme', {})).toEqual(before);
    const error = await k.updateClient('acme', { id: 'other' } as never).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'VALIDATION', field: 'id' });
  });

  it('undefined keeps a setting, null removes it, a value replaces it; key rules and export marks stay', async () => {
    const k = await open();
    await acme(k);
    await k.confirm('acme', [{ transaction: TELIA(5), voucher: { date: TELIA(5).date, text: 'Telia', rows: TELIA_ROWS } }]);
    await k.exportSie('acme', { record: true });
    const before = await k.getClient('acme');
    expect(before.exported?.through).toEqual({ A: 1 });
    const renamed = await k.updateClient('acme', { name: 'Acme Holding AB', orgNr: undefined, suspenseAccount: null, review: null, autoBookShared: true });
    expect(renamed).toEqual({
      ...Object.fromEntries(Object.entries(before).filter(([key]) => key !== 'suspenseAccount' && key !== 'review')),
      name: 'Acme Holding AB',
      autoBookShared: true,
    });
    expect(await k.getClient('acme')).toEqual(renamed);
    const bare = await k.updateClient('acme', { orgNr: null, chart: null, autoBookThreshold: null, autoBookShared: null, bankAccounts: null, accountNames: { '6212': 'Telefon' } });
    expect(bare).toEqual({
      id: 'acme',
      bureauId: 'b1',
      name: 'Acme Holding AB',
      bankAccounts: ['1930'],
      bankAccountsFrom: 'default',
      series: { '1930': 'A' },
      vatRegistered: true,
      network: true,
      accountNames: { '6212': 'Telefon' },
      keyRules: before.keyRules,
      exported: before.exported,
    });
    expect(await k.getClient('acme')).toEqual(bare);
  });
});

/**
 * `relearn`: a client's knowledge learned under older key rules (profiles under keys the current
 * rules no longer give, as an earlier kontera left them) is rebuilt from its SIE history and its
 * confirmed bookings, and equals a fresh learn of the same data; suggestions say when a client
 * needs it. Invented companies and counterparties.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createKontera } from '../../src/kontera.js';
import type { Booking, Kontera } from '../../src/kontera.js';
import { removeClient } from '../../src/knowledge/learn.js';
import { rebuildAggregates } from '../../src/knowledge/network.js';
import { ChangeAccumulator, engineClient, knowledgeForLearning } from '../../src/facade/shared.js';
import { keyRulesFingerprint } from '../../src/normalize/key-fingerprint.js';
import type { Store, StoreSession } from '../../src/store/store.js';
import { sieFile } from './ledger-sie.js';
import type { Ver } from './ledger-sie.js';
import { openStore, STORE_KINDS } from './helpers.js';
import type { OpenedStore, StoreKind } from './helpers.js';

const C1 = { bureauId: 'b1', clientId: 'c1' };

/** The SIE history: an office supplier booked to 6110, a telecom operator to 6212, a landlord to 5010. */
const HISTORY: Ver[] = [
  ['A', '1', '2026-01-10', 'Kontorslagret AB', [['1930', -500], ['6110', 400], ['2641', 100]]],
  ['A', '2', '2026-01-15', 'Telikom Sverige', [['1930', -375], ['6212', 300], ['2641', 75]]],
  ['A', '3', '2026-01-31', 'Hyresvärden Öster', [['1930', -10000], ['5010', 10000]]],
  ['A', '4', '2026-02-10', 'Kontorslagret AB', [['1930', -250], ['6110', 200], ['2641', 50]]],
  ['A', '5', '2026-02-15', 'Telikom Sverige', [['1930', -375], ['6212', 300], ['2641', 75]]],
  ['A', '6', '2026-02-28', 'Hyresvärden Öster', [['1930', -10000], ['5010', 10000]]],
  ['A', '7', '2026-03-10', 'Kontorslagret AB', [['1930', -625], ['6110', 500], ['2641', 125]]],
];

const booking = (date: string, amount: number, text: string, rows: [string, number][], extra: Partial<Booking['transaction']> = {}, correction?: boolean): Booking => ({
  transaction: { date, amount, text, ...extra },
  voucher: { date, text, rows: rows.map(([account, a]) => ({ account, amount: a })) },
  ...(correction === true ? { correction: true } : {}),
});

/** Confirmed bookings: two customers paying under one type-only text (keyed on the name column), and a correction. */
const CONFIRMED: readonly Booking[] = [
  booking('2026-04-02', 125000, 'Kundbet 1042', [['1930', 125000], ['1510', -125000]], { counterparty: 'Ekdahls Måleri AB' }),
  booking('2026-04-03', 50000, 'Kundbet 1043', [['1930', 50000], ['3001', -40000], ['2611', -10000]], { counterparty: 'Sandvikens Cykel' }),
  booking('2026-04-05', -80000, 'Kontorslagret AB', [['1930', -80000], ['5410', 64000], ['2641', 16000]], {}, true),
];
const LATER: readonly Booking[] = [booking('2026-04-20', -37500, 'Telikom Sverige', [['1930', -37500], ['6212', 30000], ['2641', 7500]])];

const LINES = [
  { date: '2026-05-02', amount: -70000, text: 'Kontorslagret AB' },
  { date: '2026-05-03', amount: 90000, text: 'Kundbet 1077', counterparty: 'Ekdahls Måleri AB' },
  { date: '2026-05-04', amount: -37500, text: 'Telikom Sverige' },
];

/**
 * Leaves client c1's knowledge as a kontera with other key rules would have: every profile under
 * another key (`OLD …`), with the bureau and network aggregates that go with it, and the client's
 * fingerprint `keyRules` (undefined: not kept, as before fingerprints existed).
 */
async function makeStale(store: Store, keyRules: string | undefined): Promise<void> {
  await store.transaction(async (tx) => {
    const client = await tx.getClient(C1);
    const profiles = await tx.getProfiles(C1);
    const { k, base } = await knowledgeForLearning(tx, client, profiles.map((p) => p.key));
    const changes = new ChangeAccumulator();
    changes.add(removeClient(k, engineClient(client)));
    const renamed = profiles.map((p) => ({ ...p, key: `OLD ${p.key}` }));
    const { bureaus, network } = rebuildAggregates(renamed);
    changes.add({ putProfiles: renamed, deleteProfiles: [], putBureau: bureaus, deleteBureau: [], putNetwork: network, deleteNetwork: [] });
    await tx.applyKnowledge('b1', changes.result(), base, 1);
    const { keyRules: _, ...rest } = client;
    await tx.updateClient(keyRules === undefined ? rest : { ...rest, keyRules });
  });
}

/** Everything knowledge-related the store holds, for comparing two stores. */
async function knowledgeOf(store: Store): Promise<unknown> {
  const profiles = await store.getProfiles(C1);
  const keys = [...new Set([...profiles.map((p) => p.key), ...(await store.getBureauRecords('b1')).map((r) => r.key), ...(await store.getBureauRecords('b2')).map((r) => r.key)])].sort();
  return {
    profiles,
    otherBureauClient: await store.getProfiles({ bureauId: 'b2', clientId: 'd1' }),
    bureau1: await store.getBureauRecords('b1'),
    bureau2: await store.getBureauRecords('b2'),
    network: await store.listNetworkRecords(),
    candidates1: await store.getNetworkCandidates('b1', keys),
    candidates2: await store.getNetworkCandidates('b2', keys),
  };
}

describe.each(STORE_KINDS)('relearn (%s)', (kind: StoreKind) => {
  const opened: OpenedStore[] = [];
  afterEach(async () => {
    for (const o of opened.splice(0)) await o.dispose();
  });

  /** A store with bureau b1 (client c1) and b2 (client d1, the same history), c1 learned from SIE and confirmed bookings. */
  async function learned(): Promise<{ o: OpenedStore; k: Kontera }> {
    const o = await openStore(kind);
    opened.push(o);
    let clock = Date.parse('2026-04-10T08:00:00Z');
    const k = await createKontera({ store: o.store, minBureaus: 1, now: () => new Date((clock += 60_000)) });
    await k.addBureau({ id: 'b1', name: 'Byrå Ett' });
    await k.addBureau({ id: 'b2', name: 'Byrå Två' });
    await k.addClient({ bureauId: 'b1', id: 'c1', name: 'Norrbackens Verkstad AB', bankAccounts: ['1930'] });
    await k.addClient({ bureauId: 'b2', id: 'd1', name: 'Åsens Snickeri AB', bankAccounts: ['1930'] });
    await k.learnFromSie('c1', sieFile('20260401', HISTORY));
    await k.learnFromSie('d1', sieFile('20260401', HISTORY));
    await k.confirm('c1', CONFIRMED);
    await k.confirm('c1', LATER);
    return { o, k };
  }

  it('flags a client learned under other key rules, and rebuilds exactly what a fresh learn gives', async () => {
    const fresh = await learned();
    const { o, k } = await learned();
    await makeStale(o.store, '0123456789abcdef');

    const flagged = await k.suggest('c1', LINES);
    expect(flagged.every((s) => s.keyRulesOutdated === true)).toBe(true);
    // The stale keys do not match the lines: the known counterparties look new.
    expect(flagged[1]?.match).not.toBe('exact');
    expect((await fresh.k.suggest('c1', LINES)).some((s) => s.keyRulesOutdated === true)).toBe(false);

    const result = await k.relearn('c1');
    expect(result).toEqual({
      profilesBefore: 5,
      profilesAfter: 5,
      replayed: { sie: HISTORY.length, confirmed: CONFIRMED.length + LATER.length },
      fromImportedLine: 0,
      notReplayable: 0,
      notReplayableVouchers: [],
      forgotten: 0,
      wasOutdated: true,
    });
    expect(await knowledgeOf(o.store)).toEqual(await knowledgeOf(fresh.o.store));
    expect((await o.store.getClient(C1)).keyRules).toBe(keyRulesFingerprint());

    const after = await k.suggest('c1', LINES);
    expect(after.some((s) => s.keyRulesOutdated === true)).toBe(false);
    expect(after).toEqual(await fresh.k.suggest('c1', LINES));
    // The correction stands: the office supplier goes to 5410 now, not to its history's 6110.
    expect(after[0]?.account).toBe('5410');
    // The customer paying under a type-only text is known by its name.
    expect(after[1]?.key).toBe('EKDAHLS MÅLERI');
    expect(after[1]?.account).toBe('1510');

    // Nothing of the old keys is left, in any table.
    const all = JSON.stringify(await knowledgeOf(o.store));
    expect(all).not.toContain('OLD ');
    expect(JSON.stringify(await o.store.getNetworkCandidates('b1', ['OLD KONTORSLAGRET AB', 'OLD TELIKOM SVERIGE', 'OLD EKDAHLS MÅLERI AB']))).toBe('[]');
    if (o.sqlite !== undefined) {
      for (const [table, column] of [['profiles', 'key'], ['bureau_records', 'key'], ['network_records', 'key'], ['network_candidates', 'key']] as const) {
        expect(o.sqlite.database.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${column} LIKE 'OLD %'`).get([]), table).toEqual({ n: 0 });
      }
    }
    if (o.postgres !== undefined) {
      const db = await o.postgres.pool.connect();
      try {
        for (const table of ['profiles', 'bureau_records', 'bureau_record_clients', 'network_records', 'network_candidates']) {
          const r = await db.query(`SELECT count(*)::int AS n FROM "${o.postgres.schema}".${table} WHERE key LIKE 'OLD %'`);
          expect(r.rows, table).toEqual([{ n: 0 }]);
        }
      } finally {
        db.release();
      }
    }
    // Relearning again changes nothing.
    await k.relearn('c1');
    expect(await knowledgeOf(o.store)).toEqual(await knowledgeOf(fresh.o.store));
  });

  it('auto-books nothing on knowledge learned under other key rules, until relearn', async () => {
    const { o, k } = await learned();
    const current = await k.suggest('c1', LINES);
    const auto = current.flatMap((s, i) => (s.autoBook ? [i] : []));
    expect(auto.length).toBeGreaterThan(0);
    // The same profiles, but the client's key rules are an earlier version's: its keys still match.
    const client = await o.store.getClient(C1);
    await o.store.updateClient({ ...client, keyRules: '0123456789abcdef' });
    const stale = await k.suggest('c1', LINES);
    for (const i of auto) {
      expect(stale[i]?.account).toBe(current[i]?.account);
      expect(stale[i]).toMatchObject({ keyRulesOutdated: true, autoBook: false, review: true });
      expect(stale[i]?.reviewReasons.at(-1)).toMatch(/earlier kontera.*relearn/);
    }
    await k.relearn('c1');
    expect(await k.suggest('c1', LINES)).toEqual(current);
  });

  it('flags knowledge learned before fingerprints were kept', async () => {
    const { o, k } = await learned();
    await makeStale(o.store, undefined);
    expect((await k.suggest('c1', LINES))[0]?.keyRulesOutdated).toBe(true);
    expect((await k.relearn('c1')).wasOutdated).toBe(true);
    expect((await k.suggest('c1', LINES))[0]?.keyRulesOutdated).toBeUndefined();
  });

  it('keeps the old knowledge when it fails halfway', async () => {
    const { o, k } = await learned();
    await makeStale(o.store, 'stale');
    const before = await knowledgeOf(o.store);
    // A store whose write of the client row (after the knowledge is applied) fails.
    const target = o.store;
    const failing = new Proxy({} as Store, {
      get(_, p) {
        if (p === 'transaction') {
          return <T>(fn: (tx: StoreSession) => Promise<T>, options?: { readOnly?: boolean }) =>
            target.transaction(
              (tx) =>
                fn(
                  new Proxy({} as StoreSession, {
                    get(_t, q) {
                      const t = tx;
                      if (q === 'updateClient') return async () => Promise.reject(new Error('disk full'));
                      const v = Reflect.get(t, q) as unknown;
                      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(t) : v;
                    },
                  }),
                ),
              options,
            );
        }
        const v = Reflect.get(target, p) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    const broken = await createKontera({ store: failing, minBureaus: 1 });
    await expect(broken.relearn('c1')).rejects.toThrow('disk full');
    expect(await knowledgeOf(o.store)).toEqual(before);
    expect((await k.suggest('c1', LINES))[0]?.keyRulesOutdated).toBe(true);
  });

  it('learns SIE files and confirmed vouchers again in the order they were learned (SIE, confirm, SIE again)', async () => {
    const o = await openStore(kind);
    opened.push(o);
    let clock = Date.parse('2026-04-10T08:00:00Z');
    const k = await createKontera({ store: o.store, now: () => new Date((clock += 60_000)) });
    await k.addBureau({ id: 'b1', name: 'Byrå Ett' });
    await k.addBureau({ id: 'b2', name: 'Byrå Två' });
    await k.addClient({ bureauId: 'b1', id: 'c1', name: 'Norrbackens Verkstad AB', bankAccounts: ['1930'] });
    await k.addClient({ bureauId: 'b2', id: 'd1', name: 'Åsens Snickeri AB', bankAccounts: ['1930'] });
    await k.learnFromSie('c1', sieFile('20260401', HISTORY));
    // The accountant corrects the office supplier to 5410 (and confirms a customer payment) …
    await k.confirm('c1', CONFIRMED);
    // … then a newer export of the books comes in, with the supplier booked to 6110 again in April–June
    // (the bureau's own bookkeeper kept booking it the old way) and a new landlord text.
    const NEWER: Ver[] = [
      ...HISTORY,
      ['A', '8', '2026-04-15', 'Kontorslagret AB', [['1930', -300], ['6110', 240], ['2641', 60]]],
      ['A', '9', '2026-05-12', 'Kontorslagret AB', [['1930', -450], ['6110', 360], ['2641', 90]]],
      ['A', '10', '2026-06-10', 'Kontorslagret AB', [['1930', -200], ['6110', 160], ['2641', 40]]],
      ['A', '11', '2026-06-20', 'Telikom Sverige AB', [['1930', -375], ['6212', 300], ['2641', 75]]],
    ];
    expect((await k.learnFromSie('c1', sieFile('20260701', NEWER))).learned).toBe(4);
    await k.confirm('c1', LATER);
    const live = await knowledgeOf(o.store);
    const lines = [{ date: '2026-07-02', amount: -70000, text: 'Kontorslagret AB' }, ...LINES.slice(1)];
    const liveSuggestions = await k.suggest('c1', lines);
    // As learned: the later bookings to 6110 outweigh the earlier correction.
    expect(liveSuggestions[0]?.account).toBe('6110');

    const r = await k.relearn('c1');
    expect(r.replayed).toEqual({ sie: NEWER.length, confirmed: CONFIRMED.length + LATER.length });
    expect(await knowledgeOf(o.store)).toEqual(live);
    expect(await k.suggest('c1', lines)).toEqual(liveSuggestions);
  });

  it('does not learn again what unlearn forgot, and learns what was booked after it', async () => {
    const { o, k } = await learned();
    const telikom = (await k.suggest('c1', [LINES[2] as (typeof LINES)[number]]))[0]?.key as string;
    expect(telikom).toBeTruthy();
    // Forgotten: three SIE vouchers and a confirmed one taught it.
    expect((await k.unlearn('c1', telikom)).changed).toBe(true);
    // Then booked again, another way: what it teaches from now on stands.
    await k.confirm('c1', [booking('2026-05-04', -37500, 'Telikom Sverige', [['1930', -37500], ['6250', 30000], ['2641', 7500]])]);
    // One way of booking the office supplier forgotten (its history's 6110), the correction's 5410 kept.
    const kontor = (await o.store.getProfiles(C1)).find((p) => p.display.toUpperCase().startsWith('KONTORSLAGRET'));
    const t6110 = kontor?.templates.find((t) => t.template.lines.some((l) => l.account === '6110'));
    if (kontor === undefined || t6110 === undefined) throw new Error('the office supplier booked to 6110');
    await k.unlearn('c1', kontor.key, t6110.id);
    const live = await knowledgeOf(o.store);
    const liveSuggestions = await k.suggest('c1', LINES);
    expect(liveSuggestions[2]?.account).toBe('6250');

    await makeStale(o.store, 'stale');
    const r = await k.relearn('c1');
    expect(r).toMatchObject({ replayed: { sie: HISTORY.length - 5, confirmed: CONFIRMED.length + 1 }, forgotten: 6, notReplayable: 0 });
    const after = await o.store.getProfiles(C1);
    expect(after.find((p) => p.key === telikom)?.templates.map((t) => t.count)).toEqual([1]);
    expect(after.find((p) => p.key === kontor.key)?.templates.map((t) => t.id)).not.toContain(t6110.id);
    // The counterparty forgotten whole is exactly as live learning left it.
    const profileOf = (x: unknown, key: string): unknown => (x as { profiles: { key: string }[] }).profiles.find((p) => p.key === key);
    expect(profileOf(await knowledgeOf(o.store), telikom)).toEqual(profileOf(live, telikom));
    // One way of booking forgotten: the same templates, counts and suggestions; the correction's lead
    // over the forgotten 6110 bookings (its weight) is not kept, as they are not learned again.
    const tops = (x: unknown): unknown => (x as { profiles: { key: string; templates: { id: string; count: number }[] }[] }).profiles.map((p) => [p.key, p.templates.map((t) => [t.id, t.count])]);
    expect(tops(await knowledgeOf(o.store))).toEqual(tops(live));
    expect((await k.suggest('c1', LINES)).map((x) => [x.key, x.account, x.source])).toEqual(liveSuggestions.map((x) => [x.key, x.account, x.source]));
    // The forgotten vouchers stay forgotten through a second relearn.
    expect((await k.relearn('c1')).forgotten).toBe(6);
  });

  it('learns vouchers confirmed before their texts were kept from the lines they book', async () => {
    const o = await openStore(kind);
    opened.push(o);
    const k = await createKontera({ store: o.store, now: () => new Date('2026-04-10T08:00:00Z') });
    await k.addBureau({ id: 'b1', name: 'Byrå Ett' });
    await k.addClient({ bureauId: 'b1', id: 'c1', name: 'Norrbackens Verkstad AB', bankAccounts: ['1930'] });
    const csv = ['Bokföringsdag;Belopp;Rubrik', '2026-04-02;-375,00;Telikom Sverige', '2026-04-03;-500,00;Kontorslagret AB'].join('\n');
    const { transactions } = await k.importStatement('c1', csv, { fileName: 'april.csv' });
    expect(transactions).toHaveLength(2);
    // As an earlier kontera stored them: no learnedFrom, one booking an imported line, one not.
    await o.store.addVouchers(C1, [
      { series: 'A', date: '2026-04-02', text: 'Telikom', rows: [{ account: '1930', amount: -37500 }, { account: '6212', amount: 30000 }, { account: '2641', amount: 7500 }], bankAccount: '1930', transactionId: transactions[0]?.id, confirmedAt: '2026-04-10T08:00:00.000Z' },
      { series: 'A', date: '2026-04-04', text: 'Kassa', rows: [{ account: '1930', amount: -10000 }, { account: '4010', amount: 10000 }], confirmedAt: '2026-04-10T08:00:00.000Z' },
    ]);
    const r = await k.relearn('c1');
    expect(r).toMatchObject({ profilesBefore: 0, profilesAfter: 1, replayed: { sie: 0, confirmed: 1 }, fromImportedLine: 1, notReplayable: 1, forgotten: 0 });
    // The one that could not be learned again is named, so that nothing is lost unsaid.
    expect(r.notReplayableVouchers).toEqual([{ series: 'A', number: 2, date: '2026-04-04', text: 'Kassa' }]);
    expect((await o.store.getProfiles(C1)).map((p) => p.key)).toEqual(['TELIKOM SVERIGE']);
  });
});

describe('key-rules fingerprint', () => {
  it('is computed once, the same every time, and covers the sample texts', async () => {
    const { KEY_FINGERPRINT_SAMPLES } = await import('../../src/normalize/key-fingerprint.js');
    expect(keyRulesFingerprint()).toMatch(/^[0-9a-f]{16}$/);
    expect(keyRulesFingerprint()).toBe(keyRulesFingerprint());
    expect(KEY_FINGERPRINT_SAMPLES).toBeGreaterThanOrEqual(100);
    expect(KEY_FINGERPRINT_SAMPLES).toBeLessThanOrEqual(200);
  });

  it('is what a new client is learned under', async () => {
    const k = await createKontera();
    await k.addBureau({ id: 'b1', name: 'Byrå Ett' });
    expect((await k.addClient({ bureauId: 'b1', id: 'c1', name: 'Norrbackens Verkstad AB' })).keyRules).toBe(keyRulesFingerprint());
  });
});

import { describe, expect, test } from 'vitest';
import { createKnowledge, knowledgeSnapshot } from '../../src/knowledge/base.js';
import { learn, removeClient } from '../../src/knowledge/learn.js';
import { bureauVotes, networkVotes } from '../../src/knowledge/network.js';
import type { ClientSettings } from '../../src/knowledge/types.js';
import { suggest } from '../../src/suggest/suggest.js';
import { booking, purchase25 } from './helpers.js';

function clients(bureaus: number, perBureau: number): ClientSettings[] {
  const out: ClientSettings[] = [];
  for (let b = 0; b < bureaus; b++) for (let c = 0; c < perBureau; c++) out.push({ id: `b${b}c${c}`, bureauId: `b${b}` });
  return out;
}

describe('network knowledge', () => {
  test('is not used until three bureaus agree', () => {
    const k = createKnowledge();
    const newcomer: ClientSettings = { id: 'new', bureauId: 'other' };
    const tx = { date: '2026-05-02', amount: -4500, text: 'EASYPARK /26-05-01' };
    for (const c of clients(2, 5)) learn(k, c, booking('2026-04-01', 'EASYPARK /26-04-01', [{ account: '5800', amount: 3600 }, { account: '2641', amount: 900 }]));
    expect(suggest(tx, k, newcomer).source).toBeNull();
    learn(k, { id: 'x', bureauId: 'b9' }, booking('2026-04-01', 'EASYPARK', [{ account: '5800', amount: 3600 }, { account: '2641', amount: 900 }]));
    const s = suggest(tx, k, newcomer);
    expect(s.source).toBe('network');
    expect(s.account).toBe('5800');
    expect(s.reason).toBe('11 clients at 3 bureaus book EASYPARK to 5800 with 25 % VAT.');
    expect(s.voucher?.rows).toEqual([
      { account: '1930', amount: -4500 },
      { account: '5800', amount: 3600 },
      { account: '2641', amount: 900 },
    ]);
  });

  test('counts a bureau once however many of its clients agree', () => {
    const k = createKnowledge();
    for (const c of clients(2, 4)) learn(k, c, purchase25('2026-04-01', 'TELIA', '6212', 10000));
    expect(k.network.get('TELIA')?.values().next().value).toMatchObject({ bureaus: 2, clients: 8 });
  });

  test('stores nothing but the key, the account, the VAT and two counts', () => {
    const k = createKnowledge();
    for (const c of clients(3, 1)) learn(k, c, purchase25('2026-04-01', 'KORTKÖP 260401 CLAS OHLSON STOCKHOLM', '5410', 12345 * 5));
    const records = knowledgeSnapshot(k).network;
    expect(records).toHaveLength(1);
    expect(Object.keys(records[0] ?? {}).sort()).toEqual(['account', 'bureaus', 'clients', 'direction', 'key', 'v', 'vatMode', 'vatRate']);
    expect(JSON.stringify(records)).not.toMatch(/b0|c0|2026|12345|KORTKÖP/);
  });

  test('never takes in a key with personal data', () => {
    const k = createKnowledge();
    for (const c of clients(4, 1)) learn(k, c, booking('2026-04-01', 'Swish 46701234567 JOHAN', [{ account: '2013', amount: 50000 }]));
    expect(knowledgeSnapshot(k).network).toEqual([]);
  });

  test('keeps a client out that has opted out of the network', () => {
    const k = createKnowledge();
    for (const c of clients(3, 1)) learn(k, { ...c, network: false }, purchase25('2026-04-01', 'TELIA', '6212', 10000));
    expect(knowledgeSnapshot(k).network).toEqual([]);
  });

  test('removing a client removes its contribution, down to nothing', () => {
    const k = createKnowledge();
    const cs = clients(3, 2);
    for (const c of cs) learn(k, c, purchase25('2026-04-01', 'TELIA', '6212', 10000));
    expect(networkVotes(k, 'TELIA', 'out')[0]).toMatchObject({ bureaus: 3, clients: 6 });
    const first = cs[0] as ClientSettings;
    removeClient(k, first);
    expect(networkVotes(k, 'TELIA', 'out')[0]).toMatchObject({ bureaus: 3, clients: 5 });
    const second = cs[1] as ClientSettings;
    const changes = removeClient(k, second);
    expect(networkVotes(k, 'TELIA', 'out')).toEqual([]);
    expect(changes.putNetwork[0]).toMatchObject({ bureaus: 2, clients: 4 });
    for (const c of cs.slice(2)) removeClient(k, c);
    expect(knowledgeSnapshot(k)).toEqual({ v: 1, profiles: [], bureaus: [], network: [] });
  });

  test('moves a client\'s vote when its own habit changes', () => {
    const k = createKnowledge();
    const c: ClientSettings = { id: 'c', bureauId: 'b' };
    learn(k, c, purchase25('2026-01-01', 'TELIA', '6211', 10000));
    learn(k, c, purchase25('2026-02-01', 'TELIA', '6212', 10000, 'correction'));
    expect(knowledgeSnapshot(k).network.map((r) => [r.account, r.clients])).toEqual([['6212', 1]]);
  });
});

describe('bureau knowledge', () => {
  test('suggests what the bureau\'s other clients do, and says so', () => {
    const k = createKnowledge();
    learn(k, { id: 'a', bureauId: 'b' }, purchase25('2026-01-01', 'FORTNOX AB', '6540', 50000));
    learn(k, { id: 'c', bureauId: 'b' }, purchase25('2026-01-01', 'AUTOGIRO FORTNOX', '6540', 50000));
    const s = suggest({ date: '2026-02-01', amount: -60000, text: 'FORTNOX' }, k, { id: 'new', bureauId: 'b' });
    expect(s.source).toBe('bureau');
    expect(s.reason).toBe('2 other clients of this bureau book FORTNOX to 6540 with 25 % VAT.');
  });

  test('does not leak one bureau\'s clients into another bureau\'s suggestions', () => {
    const k = createKnowledge();
    learn(k, { id: 'a', bureauId: 'b1' }, purchase25('2026-01-01', 'FORTNOX', '6540', 50000));
    expect(suggest({ date: '2026-02-01', amount: -60000, text: 'FORTNOX' }, k, { id: 'z', bureauId: 'b2' }).source).toBeNull();
  });
});

describe("auto-booking on other clients' bookings", () => {
  // The threshold is low so that only the source of the evidence decides.
  const tx = { date: '2026-05-02', amount: -4500, text: 'EASYPARK /26-05-01' };
  const withNetwork = () => {
    const k = createKnowledge();
    for (const c of clients(5, 4)) learn(k, c, purchase25('2026-04-01', 'EASYPARK', '5800', 5000));
    return k;
  };

  test('a line only the network backs is proposed for review, unless the client allows it', () => {
    const k = withNetwork();
    const s = suggest(tx, k, { id: 'new', bureauId: 'other', autoBookThreshold: 0.5 });
    expect(s.source).toBe('network');
    expect(s.voucher).not.toBeNull();
    expect(s.autoBook).toBe(false);
    expect(s.review).toBe(true);
    expect(s.reviewReasons).toEqual(["Only other clients' bookings back 5800 (the network's); this client has not booked EASYPARK so most often. Once confirmed it is this client's own habit."]);
    const allowed = suggest(tx, k, { id: 'new', bureauId: 'other', autoBookThreshold: 0.5, autoBookShared: true });
    expect(allowed.confidence).toBe(s.confidence);
    expect(allowed.autoBook).toBe(true);
    expect(allowed.reviewReasons).toEqual([]);
  });

  test("a line only the bureau's other clients back is proposed for review, unless the client allows it", () => {
    const k = createKnowledge();
    for (let c = 0; c < 6; c++) learn(k, { id: `c${c}`, bureauId: 'b' }, purchase25('2026-01-01', 'FORTNOX AB', '6540', 50000));
    const line = { date: '2026-02-01', amount: -60000, text: 'FORTNOX AB' };
    const s = suggest(line, k, { id: 'new', bureauId: 'b', autoBookThreshold: 0.5 });
    expect(s.source).toBe('bureau');
    expect(s.autoBook).toBe(false);
    expect(s.reviewReasons[0]).toMatch(/^Only other clients' bookings back 6540 \(the bureau's\)/);
    expect(suggest(line, k, { id: 'new', bureauId: 'b', autoBookThreshold: 0.5, autoBookShared: true }).autoBook).toBe(true);
  });

  test("once the client has booked the counterparty so itself, the line auto-books without the network's say", () => {
    const k = withNetwork();
    const me: ClientSettings = { id: 'new', bureauId: 'other', autoBookThreshold: 0.5 };
    learn(k, me, purchase25('2026-04-20', 'EASYPARK', '5800', 4000));
    const s = suggest(tx, k, me);
    expect(s.account).toBe('5800');
    expect(s.autoBook).toBe(true);
  });

  test("the client's own habit beats the network's and auto-books; the network's account is the alternative", () => {
    const k = withNetwork();
    const me: ClientSettings = { id: 'new', bureauId: 'other', autoBookThreshold: 0.5 };
    learn(k, me, purchase25('2026-04-20', 'EASYPARK', '5611', 4000));
    const s = suggest(tx, k, me);
    expect([s.account, s.source, s.autoBook]).toEqual(['5611', 'client', true]);
    expect(s.alternatives[0]).toMatchObject({ account: '5800', source: 'network' });
  });
});

describe('bureau records', () => {
  test('keep their clients sorted, whatever order they are learned or loaded in, and count the others exactly', () => {
    const k = createKnowledge();
    for (const id of ['c5', 'c1', 'c3', 'c10']) learn(k, { id, bureauId: 'b' }, purchase25('2026-04-01', 'TELIA', '6212', 10000));
    const learned = k.bureaus.get('b')?.get('TELIA')?.[0];
    expect(learned?.clients).toEqual(['c1', 'c10', 'c3', 'c5']);
    expect(bureauVotes(k, 'b', 'TELIA', 'c3', 'out')[0]?.clients).toBe(3);
    expect(bureauVotes(k, 'b', 'TELIA', 'new', 'out')[0]?.clients).toBe(4);

    // A record from a store written before lists were kept sorted (or by another implementation).
    const loaded = createKnowledge({ ...knowledgeSnapshot(k), bureaus: [{ ...(learned as NonNullable<typeof learned>), clients: ['c5', 'c3', 'c10', 'c1'] }] });
    expect(loaded.bureaus.get('b')?.get('TELIA')?.[0]?.clients).toEqual(['c1', 'c10', 'c3', 'c5']);
    for (const [asking, others] of [['c1', 3], ['c5', 3], ['c0', 4], ['c9', 4]] as const) expect(bureauVotes(loaded, 'b', 'TELIA', asking, 'out')[0]?.clients).toBe(others);
    learn(loaded, { id: 'c4', bureauId: 'b' }, purchase25('2026-04-02', 'TELIA', '6212', 10000));
    expect(loaded.bureaus.get('b')?.get('TELIA')?.[0]?.clients).toEqual(['c1', 'c10', 'c3', 'c4', 'c5']);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { bureauTextModel, clientTextModel, createKnowledge, knowledgeSnapshot } from '../../src/knowledge/base.js';
import { learn, removeClient, unlearn } from '../../src/knowledge/learn.js';
import type { ClientSettings, ConfirmedBooking } from '../../src/knowledge/types.js';
import { counterpartyKey } from '../../src/normalize/counterparty.js';
import { parseStatement } from '../../src/statements/index.js';
import { confidenceFor, plattConfidence, RANKER_FEATURES } from '../../src/suggest/ranker.js';
import { CONFIDENCE, CONFIDENCE_BY_SOURCE, RANKER, RANKER_NOTE } from '../../src/suggest/ranker-weights.js';
import { suggest } from '../../src/suggest/suggest.js';
import { featureId, TextModel, textFeatures } from '../../src/knowledge/text-model.js';
import { seededRandom } from '../support/random.js';

const client: ClientSettings = { id: 'c1', bureauId: 'b1' };

function paidIn(date: string, text: string, account: string, amount: number, extra: Partial<ConfirmedBooking['transaction']> = {}): ConfirmedBooking {
  return { transaction: { date, amount, text, ...extra }, voucher: { date, text, rows: [{ account: '1930', amount }, { account, amount: -amount }] } };
}

function paidOut(date: string, text: string, account: string, gross: number, extra: Partial<ConfirmedBooking['transaction']> = {}): ConfirmedBooking {
  const vat = Math.round(gross / 5);
  return {
    transaction: { date, amount: -gross, text, ...extra },
    voucher: { date, text, rows: [{ account: '1930', amount: -gross }, { account, amount: gross - vat }, { account: '2641', amount: vat }] },
  };
}

const CUSTOMERS = ['Norrbygg', 'Ekdahls Måleri', 'Vikström El', 'Sjöberg Konsult', 'Lundins Bageri', 'Hedlund Transport', 'Berg & Dal', 'Almgren Data'];
const SHOPS = ['CLAS OHLSON', 'BAUHAUS', 'JULA', 'BILTEMA', 'K-RAUTA', 'BYGGMAX', 'HORNBACH'];

describe('text model', () => {
  test("a new customer's payment follows the word every earlier one shares", () => {
    const k = createKnowledge();
    CUSTOMERS.forEach((c, i) => learn(k, client, paidIn(`2026-01-${String(10 + i).padStart(2, '0')}`, `Kundbet ${c} (${4100 + i})`, '1510', 125000 + i * 1000)));
    learn(k, client, paidOut('2026-01-20', 'TELIA', '6212', 49900));
    const s = suggest({ date: '2026-02-03', amount: 98000, text: 'Kundbet Gransson Fastigheter (4177)' }, k, client);
    expect(s.account).toBe('1510');
    expect(s.match).toBe('words');
    expect(s.reason).toMatch(/KUNDBET: 8 of 8 earlier counterparties with it were booked to 1510/);
  });

  test('a new card merchant follows the card purchases of the same kind', () => {
    const k = createKnowledge();
    SHOPS.forEach((shop, i) => learn(k, client, paidOut(`2026-01-${String(10 + i).padStart(2, '0')}`, `KORTKÖP 2601${10 + i} ${shop}`, '5410', 39900 + i * 100)));
    for (let i = 0; i < 6; i++) learn(k, client, paidOut(`2026-0${1 + (i % 5)}-25`, `BG 5050-1055 SKATTEVERKET`, '1630', 1200000));
    const s = suggest({ date: '2026-02-11', amount: -45900, text: 'KORTKÖP 260211 VERKTYGSBODEN' }, k, client);
    expect(s.account).toBe('5410');
    expect(s.reason).toMatch(/type KORT/);
  });

  test('a line without text follows the exact amount a fee or subscription repeats, not the account most money goes to', () => {
    const k = createKnowledge();
    // Card purchases are most of the money out; the monthly bank fee is always 125 kr.
    SHOPS.forEach((shop, i) => learn(k, client, paidOut(`2026-01-${String(10 + i).padStart(2, '0')}`, `KORTKÖP 2601${10 + i} ${shop}`, '5460', 12000 + i * 1000)));
    for (let m = 1; m <= 3; m++) learn(k, client, paidIn(`2026-0${m}-28`, 'Bankavgift', '6570', -12500));
    const fee = suggest({ date: '2026-04-28', amount: -12500, text: '' }, k, client);
    expect(fee.account).toBe('6570');
    expect(fee.reason).toMatch(/amount 125,00: 1 of 1 earlier counterparties with it were booked to 6570/);
    // Another amount in the same band has no such evidence: the client's usual account stays first.
    expect(suggest({ date: '2026-04-28', amount: -13300, text: '' }, k, client).account).toBe('5460');
  });

  test('always a ranked answer: an unknown line at a client with history gets a guess but no voucher', () => {
    const k = createKnowledge();
    learn(k, client, paidOut('2026-01-10', 'TELIA', '6212', 49900));
    const s = suggest({ date: '2026-02-10', amount: -1000, text: 'XQZ' }, k, client);
    expect(s.account).toBe('6212');
    expect(s.voucher).toBeNull();
    expect(s.autoBook).toBe(false);
    expect(s.reason).toMatch(/Only a guess/);
  });

  test('is updated on every booking exactly as a model rebuilt from the stored profiles', () => {
    const k = createKnowledge();
    clientTextModel(k, 'c1'); // built empty, then kept in step
    CUSTOMERS.forEach((c, i) => learn(k, client, paidIn(`2026-02-${String(1 + i).padStart(2, '0')}`, `Kundbet ${c}`, '1510', 1000 + i)));
    SHOPS.forEach((shop, i) => learn(k, client, paidOut(`2026-03-${String(1 + i).padStart(2, '0')}`, `KORT ${shop} 26`, i % 2 === 0 ? '5410' : '4010', 2000 + i)));
    learn(k, client, { ...paidOut('2026-04-01', 'KORT JULA 26', '5460', 2000), origin: 'correction' });
    const rebuilt = createKnowledge(knowledgeSnapshot(k));
    expect(clientTextModel(k, 'c1').dump()).toBe(clientTextModel(rebuilt, 'c1').dump());
  });

  test('unlearn and erasure remove a contribution exactly', () => {
    const k = createKnowledge();
    const other: ClientSettings = { id: 'c2', bureauId: 'b1' };
    CUSTOMERS.slice(0, 4).forEach((c, i) => learn(k, client, paidIn(`2026-02-0${1 + i}`, `Kundbet ${c}`, '1510', 1000 + i)));
    SHOPS.slice(0, 3).forEach((shop, i) => learn(k, other, paidOut(`2026-02-0${1 + i}`, `KORT ${shop}`, '5410', 1000 + i)));
    const before = clientTextModel(k, 'c1').dump();
    const bureauBefore = bureauTextModel(k, 'b1').dump();
    learn(k, client, paidOut('2026-03-01', 'KORT BAUHAUS', '5410', 5000));
    expect(clientTextModel(k, 'c1').dump()).not.toBe(before);
    unlearn(k, client, counterpartyKey('KORT BAUHAUS').key as string);
    expect(clientTextModel(k, 'c1').dump()).toBe(before);
    expect(bureauTextModel(k, 'b1').dump()).toBe(bureauBefore);
    removeClient(k, client);
    expect(clientTextModel(k, 'c1').dump()).toBe(new TextModel().dump());
    // The bureau's model now holds only the other client, as if c1 had never been there.
    const onlyOther = createKnowledge();
    SHOPS.slice(0, 3).forEach((shop, i) => learn(onlyOther, other, paidOut(`2026-02-0${1 + i}`, `KORT ${shop}`, '5410', 1000 + i)));
    expect(bureauTextModel(k, 'b1').dump()).toBe(bureauTextModel(onlyOther, 'b1').dump());
  });

  test("the bureau's text model books a new counterparty like the bureau's other clients, without the asking client's own share", () => {
    const k = createKnowledge();
    const clients = ['a', 'b', 'c'].map((id): ClientSettings => ({ id, bureauId: 'b9' }));
    clients.forEach((c, j) => SHOPS.forEach((shop, i) => learn(k, c, paidOut(`2026-01-${String(10 + i).padStart(2, '0')}`, `${shop} BYGGVAROR ${j}`, '4010', 10000 + i))));
    const fresh: ClientSettings = { id: 'new', bureauId: 'b9' };
    const s = suggest({ date: '2026-02-01', amount: -30000, text: 'NYA BYGGVAROR I NORR' }, k, fresh);
    expect(s.account).toBe('4010');
    expect(s.source).toBe('bureau');
  });
});

describe('the key comes from the field that names the counterparty', () => {
  test('a type-only text takes the counterparty from the reference or name column', () => {
    expect(counterpartyKey('Kortköp', { counterparty: 'ICA NARA LUND' }).key).toBe('ICA NARA');
    expect(counterpartyKey('Kortköp', { reference: 'ICA NARA LUND' }).signals.type).toBe('KORT');
    expect(counterpartyKey('Överföring via internet', { reference: 'Hyra lokal mars' }).key).toBe('HYRA LOKAL');
    expect(counterpartyKey('Bankgiro inbetalning', { reference: 'Ekdahls Måleri AB' }).key).toBe('EKDAHLS MÅLERI');
    // A text that names someone keeps its own key.
    expect(counterpartyKey('KORTKÖP 230415 ICA NARA ORMINGE', { reference: 'Kvitto 55' }).key).toBe('ICA NARA');
  });

  test('a customer or supplier payment with its invoice number is the kind of payment; the party is in the other field', () => {
    const k = counterpartyKey('Kundbet 1042', { counterparty: 'Fjällbergs Måleri AB' });
    expect([k.key, k.signals.type]).toEqual(['FJÄLLBERGS MÅLERI', 'KUNDBET']);
    // The spelled-out forms are the same kind of line.
    expect(counterpartyKey('Kundinbetalning 1042', { counterparty: 'Fjällbergs Måleri AB' }).signals.type).toBe('KUNDBET');
    expect(counterpartyKey('Leverantörsbetalning 88412', { reference: 'Kontorsgrossisten AB' }).key).toBe('KONTORSGROSSISTEN');
    expect(counterpartyKey('Levbet', { reference: 'Kontorsgrossisten AB' }).signals.type).toBe('LEVBET');
    // With no other field, the text is all there is.
    expect(counterpartyKey('Kundbet Fjällbergs Måleri AB').key).toBe('FJÄLLBERGS MÅLERI');
  });

  test('type words written as one compound, or in English, are type-only too', () => {
    for (const type of ['Bankgiroinbetalning', 'Bankgirobetalning', 'Kontoinsättning', 'Överföring mobil', 'Incoming payment', 'Outgoing transfer', 'Swishbetalning', 'Internetbetalning']) {
      const k = counterpartyKey(type, { reference: 'Ekdahls Måleri AB' });
      expect(k.key, type).toBe('EKDAHLS MÅLERI');
    }
    expect(counterpartyKey('Bankgiroinbetalning', { reference: 'Ekdahls Måleri AB' }).signals.type).toBe('BG');
    expect(counterpartyKey('Swishbetalning', { counterparty: 'Ekdahls Måleri AB' }).signals.type).toBe('SWISH');
    // A word that only starts with a type word names someone: the text keeps its own key.
    expect(counterpartyKey('Kontorshyra', { reference: 'Ekdahls Måleri AB' }).key).toBe('KONTORSHYRA');
    expect(counterpartyKey('Viaplay', { reference: 'Faktura 55' }).key).toBe('VIAPLAY');
  });

  test('card purchases of a year in a type-only layout do not share one key', () => {
    const keys = new Set(SHOPS.map((s) => counterpartyKey('Kortköp', { reference: s }).key));
    expect(keys.size).toBe(SHOPS.length);
  });

  test('a text that opens with the kind of transaction keys on the name after it, as the name alone does', () => {
    const pairs: [string, string][] = [
      ['Överföring till Ekdahls Måleri AB', 'Ekdahls Måleri AB'],
      ['Inbetalning Kundbolaget Norr AB', 'Kundbolaget Norr AB'],
      ['Insättning från Vikström El', 'Vikström El'],
      ['Payment from Sjöberg Konsult AB', 'Sjöberg Konsult AB'],
      ['Transfer to Lundins Bageri', 'Lundins Bageri'],
      ['Card payment Almgren Data', 'Almgren Data'],
      ['Overforing fran Hedlund Transport', 'Hedlund Transport'],
    ];
    for (const [bank, name] of pairs) expect(counterpartyKey(bank).key, bank).toBe(counterpartyKey(name).key);
    // The kind stays a signal of its own.
    expect(counterpartyKey('Överföring till Ekdahls Måleri AB').signals.type).toBe('ÖVERFÖRING');
    // Type words alone are all the text says: they stay its key.
    expect(counterpartyKey('Överföring via internet').key).toBe('ÖVERFÖRING VIA INTERNET');
    expect(counterpartyKey('Insättning').key).toBe('INSÄTTNING');
  });

  test("a sentence around the name column's name keys on the name; a text that opens with a name keeps its own", () => {
    // A payment service writes a sentence, and the merchant or payer in a column of its own.
    expect(counterpartyKey('Card transaction of 612.50 SEK issued by Björks Färg Lund', { counterparty: 'Björks Färg' }).key).toBe('BJÖRKS FÄRG');
    expect(counterpartyKey('Received money from Kundbolaget Norr AB with reference Faktura 2031', { counterparty: 'Kundbolaget Norr AB', reference: 'Faktura 2031' }).key).toBe('KUNDBOLAGET NORR');
    expect(counterpartyKey('Card transaction of 612.50 SEK issued by Björks Färg Lund', { counterparty: 'Björks Färg' }).signals.type).toBe('KORT');
    // A text that opens with the name keeps what follows it; a name the text does not hold is another fact.
    expect(counterpartyKey('KORTKÖP 230415 ICA NARA ORMINGE', { counterparty: 'ICA' }).key).toBe('ICA NARA');
    expect(counterpartyKey('Lön', { counterparty: 'Acme Verkstad AB' }).key).toBe('LÖN');
    expect(counterpartyKey('Betalning BG 5343-2795 Lindgrens', { counterparty: 'LINDGRENS VVS AB' }).key).toBe('LINDGRENS');
  });

  test("a payment service's export of sentences finds the counterparties the client booked under their names", () => {
    const k = createKnowledge();
    // The client's earlier books: the bookkeeper wrote the names.
    learn(k, client, paidOut('2026-09-03', 'Björks Färg', '5410', 48000));
    learn(k, client, paidIn('2026-09-05', 'Kundbolaget Norr AB', '1510', 1500000));
    learn(k, client, paidOut('2026-09-07', 'Ekdahls Måleri AB', '4600', 420000));
    learn(k, client, paidOut('2026-09-12', 'Webhallen Sverige', '5420', 12900));
    const st = parseStatement(readFileSync(new URL('../../fixtures/statements/generic/payment-service-english-sentences.csv', import.meta.url)));
    const lines = st.transactions;
    expect(lines).toHaveLength(5);
    const got = lines.slice(0, 4).map((l) => {
      const s = suggest({ date: l.date, amount: l.amount, text: l.text, reference: l.reference, counterparty: l.counterparty, counterpartyAccount: l.counterpartyAccount }, k, client);
      return [s.account, s.match];
    });
    expect(got).toEqual([
      ['5410', 'exact'],
      ['1510', 'exact'],
      ['4600', 'exact'],
      ['5420', 'exact'],
    ]);
  });
});

describe('the ranker as data', () => {
  test('every feature has a fitted weight, with provenance, and the confidence is monotone', () => {
    for (const f of RANKER_FEATURES) expect(Number.isFinite(RANKER.weights[f])).toBe(true);
    expect(RANKER_NOTE).toMatch(/bench\/fit-ranker\.ts/);
    expect(CONFIDENCE.a).toBeGreaterThan(0);
  });

  test("bureau and network evidence use their own fitted curves, every other path the real books' curve", () => {
    expect(RANKER_NOTE).toMatch(/bureau \d+ of \d+ right, network \d+ of \d+ right/);
    for (const path of ['bureau', 'network'] as const) {
      const own = CONFIDENCE_BY_SOURCE[path];
      expect(own, path).toBeDefined();
      expect(own!.a).toBeGreaterThan(0);
      for (const p of [0.2, 0.6, 0.9]) expect(confidenceFor(path, p)).toBeCloseTo(plattConfidence(p, own!), 12);
    }
    for (const path of ['client-exact', 'client-words', 'rule', 'ranker'] as const) expect(confidenceFor(path, 0.6)).toBeCloseTo(plattConfidence(0.6, CONFIDENCE), 12);
    // A path without a curve of its own falls back to the base curve.
    expect(confidenceFor('network', 0.6, CONFIDENCE, {})).toBeCloseTo(plattConfidence(0.6, CONFIDENCE), 12);
  });

  test("alternatives never show more confidence than the account above them, nor more than is left", () => {
    const other: ClientSettings = { id: 'c2', bureauId: 'b1' };
    const k = createKnowledge();
    // A mixed habit at the client, and bureau evidence at its neighbour, so that the ranked
    // accounts come from paths with different curves.
    const split = ['5410', '5410', '5410', '5460', '5460', '6110', '4010'];
    split.forEach((acc, i) => learn(k, client, paidOut(`2026-01-${String(10 + i).padStart(2, '0')}`, 'KORTKÖP BAUHAUS', acc, 39900 + i * 100)));
    ['5410', '5460', '6110', '5410'].forEach((acc, i) => learn(k, other, paidOut(`2026-02-${String(10 + i).padStart(2, '0')}`, 'KORTKÖP JULA', acc, 29900)));
    let checked = 0;
    for (const [c, text] of [[client, 'KORTKÖP BAUHAUS'], [client, 'KORTKÖP JULA'], [other, 'KORTKÖP BAUHAUS'], [other, 'KORTKÖP BILTEMA']] as const) {
      const s = suggest({ date: '2026-03-02', amount: -41900, text }, k, c);
      if (s.account === null || s.alternatives.length === 0) continue;
      checked++;
      let above = s.confidence;
      let sum = s.confidence;
      for (const a of s.alternatives) {
        expect(a.confidence, `${c.id} ${text} ${a.account}`).toBeLessThanOrEqual(above);
        expect(a.confidence).toBeGreaterThanOrEqual(0);
        above = a.confidence;
        sum += a.confidence;
      }
      expect(sum, `${c.id} ${text}`).toBeLessThanOrEqual(1 + 1e-9);
    }
    expect(checked).toBeGreaterThanOrEqual(3);
  });
});

describe('text model storage', () => {
  test('any number of classes: counts beyond the packed range add, score and remove exactly', () => {
    const m = new TextModel();
    const n = 33_000; // more (direction, account) classes than pack into one number
    for (let i = 0; i < n; i++) m.update(['w:SHARED', `w:ONLY${i}`], 'out', `A${i}`, 1, 1, 1);
    const withoutLast = m.dump();
    m.update(['w:SHARED', 'w:EXTRA'], 'out', `A${n - 1}`, 2, 2, 1);
    const top = m.score(['w:EXTRA'], 'out')[0];
    expect(top?.account).toBe(`A${n - 1}`);
    expect(top?.hits).toBe(2);
    m.update(['w:SHARED', 'w:EXTRA'], 'out', `A${n - 1}`, 2, 2, -1);
    expect(m.dump()).toBe(withoutLast);
  });
});

describe('text model scoring with a part taken out', () => {
  /** A copy of `m` made from scratch by the same updates: its class ids and caches are fresh. */
  function build(updates: readonly [string[], 'in' | 'out', string, number][]): TextModel {
    const m = new TextModel();
    for (const [f, d, a, w] of updates) m.update(f, d, a, w, w, 1);
    return m;
  }

  test('stays exact when the part taken out gains a class after a first score', () => {
    const whole = build([
      [['w:KUNDBET', 'w:NORR'], 'in', '1510', 3],
      [['w:KUNDBET', 'w:HYRA'], 'in', '3910', 2],
      [['w:TELIA'], 'out', '6212', 4],
    ]);
    const part = build([[['w:KUNDBET', 'w:NORR'], 'in', '1510', 1]]);
    const line = ['w:KUNDBET', 'w:HYRA', 'w:NY'];
    expect(whole.score(line, 'in', part)).toEqual(whole.score(line, 'in', build([[['w:KUNDBET', 'w:NORR'], 'in', '1510', 1]])));
    // A class the part had no id for when the mapping was first made.
    part.update(['w:KUNDBET', 'w:HYRA'], 'in', '3910', 1, 1, 1);
    const fresh = build([
      [['w:KUNDBET', 'w:NORR'], 'in', '1510', 1],
      [['w:KUNDBET', 'w:HYRA'], 'in', '3910', 1],
    ]);
    expect(whole.score(line, 'in', part)).toEqual(whole.score(line, 'in', fresh));
    expect(whole.score(line, 'in', part)[0]?.hits).toBe(2);
    // And when the whole model changes (a new class view).
    whole.update(['w:HYRA'], 'in', '3911', 5, 5, 1);
    expect(whole.score(line, 'in', part)).toEqual(whole.score(line, 'in', fresh));
    expect(whole.explain(line, 'in', '3911')).toEqual({ feature: 'w:HYRA', n: 5, of: 7 });
    expect(whole.priorShare('in', '3911')).toBe(5 / 10);
  });
});

describe('feature ids hashed from their parts', () => {
  test('are the ids of the feature strings, for keys of every kind', () => {
    const r = seededRandom(17);
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖÉÜ0123456789-&.';
    const word = (): string => Array.from({ length: 1 + Math.floor(r() * 12) }, () => letters[Math.floor(r() * letters.length)]).join('');
    const keys: (string | null)[] = [null, 'KUNDBET', 'BG 5050-1055', 'TELIA SVERIGE AB', 'försäkringar folksam', 'CAFÉ   NÄRA  ', 'ÖSTERMALMSHALLEN'];
    for (let i = 0; i < 300; i++) keys.push(Array.from({ length: 1 + Math.floor(r() * 4) }, word).join(' '));
    for (const key of keys) {
      for (const [types, amount] of [[undefined, undefined], [['KORT'], 12_300], [['SWISH', 'BG'], 99.5], [[], 0]] as const) {
        const ids: number[] = [];
        const features = textFeatures(key, types, amount, ids);
        expect(features).toEqual(textFeatures(key, types, amount));
        expect(ids).toEqual(features.map(featureId));
      }
    }
  });

  test('score and explain the same with them as without', () => {
    const m = new TextModel();
    const part = new TextModel();
    for (const [key, account] of [['KUNDBET NORRBYGG', '1510'], ['KUNDBET EKDAHLS MÅLERI', '1510'], ['BANKGIRO INBETALNING', '1510'], ['RÄNTA', '8310']] as const) {
      m.update(textFeatures(key, ['BG'], 50_000), 'in', account, 1, 2, 1);
      part.update(textFeatures(key, ['BG'], 50_000), 'in', account, 1, 1, 1);
    }
    const ids: number[] = [];
    const line = textFeatures('KUNDBET VIKSTRÖM EL', ['BG'], 50_000, ids);
    expect(m.score(line, 'in', undefined, ids)).toEqual(m.score(line, 'in'));
    expect(m.score(line, 'in', part, ids)).toEqual(m.score(line, 'in', part));
    expect(m.explainer(line, 'in', ids)('1510')).toEqual(m.explain(line, 'in', '1510'));
    expect(m.explain(line, 'in', '1510')?.feature).toBe('w:KUNDBET');
  });

  test("a score's prior is the account's prior share (of what is left with a part taken out)", () => {
    const m = new TextModel();
    const part = new TextModel();
    for (const [key, account, bookings] of [['KUNDBET NORRBYGG', '1510', 3], ['RÄNTA', '8310', 1], ['SWISH ANNA', '2893', 2]] as const) {
      m.update(textFeatures(key, undefined, undefined), 'in', account, 1, bookings, 1);
      if (account !== '8310') part.update(textFeatures(key, undefined, undefined), 'in', account, 1, 1, 1);
    }
    const line = textFeatures('KUNDBET VIKSTRÖM EL', undefined, undefined);
    const scores = m.score(line, 'in');
    expect(scores).toHaveLength(3);
    for (const t of scores) expect(t.prior).toBe(m.priorShare('in', t.account));
    const less = Object.fromEntries(m.score(line, 'in', part).map((t) => [t.account, t.prior]));
    expect(less).toEqual({ '1510': 2 / 4, '8310': 1 / 4, '2893': 1 / 4 });
  });
});

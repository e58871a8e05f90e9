import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { readSie } from '../../src/sie/reader.js';
import { createKnowledge } from '../../src/knowledge/base.js';
import { learnFromSieDocument, sieBookings, unlearnedVouchers } from '../../src/knowledge/cold-start.js';
import type { SieDocument, SieVoucher } from '../../src/sie/types.js';
import { suggest } from '../../src/suggest/suggest.js';

function ver(date: string, text: string, rows: [string, number, string?][]): SieVoucher {
  return {
    series: 'A',
    number: '1',
    date,
    text,
    transactions: rows.map(([account, amount, t]) => ({ account, amount, objects: [], ...(t !== undefined ? { text: t } : {}) })),
    removed: [],
  };
}

function doc(vouchers: SieVoucher[]): SieDocument {
  return {
    header: { flag: 0, fiscalYears: [] },
    accounts: [],
    dimensions: [],
    objects: [],
    balances: [],
    objectBalances: [],
    periodBalances: [],
    vouchers,
    unknownRecords: [],
    encoding: 'cp437',
    checksum: { status: 'absent' },
    issues: [],
  };
}

// Shapes taken from the official SIE4 example file (Övningsbolaget AB) in the corpus.
const history = doc([
  ver('2021-01-05', 'Kaffebröd', [['1910', -19500], ['2641', 2088], ['7690', 17412]]),
  ver('2021-01-07', 'Överföring', [['1930', 35000000], ['1920', -35000000]]),
  ver('2021-01-09', 'Strömqvist Järnhandel', [['1910', -44500], ['2641', 8900], ['5090', 35600]]),
  ver('2021-01-20', '', [['1930', -63500, 'Banktjänster'], ['6570', 63500, 'Banktjänster']]),
  ver('2021-02-09', 'Strömqvist Järnhandel', [['1910', -20000], ['2641', 4000], ['5090', 16000]]),
  ver('2021-02-10', 'Avskrivning', [['1229', -13300], ['7830', 13300]]),
]);

describe('cold start from SIE history', () => {
  test('takes every voucher that touches a 19xx account, except pure transfers', () => {
    const b = sieBookings(history);
    expect(b.map((x) => x.transaction.text)).toEqual(['Kaffebröd', 'Strömqvist Järnhandel', 'Banktjänster', 'Strömqvist Järnhandel']);
    expect(b[0]?.transaction.amount).toBe(-19500);
  });

  test('leaves out a voucher whose rows do not sum to zero (an error in the books, not a booking)', () => {
    const withError = doc([
      ...history.vouchers,
      ver('2021-02-11', 'Övriga personalkostnader', [['1910', -1289900], ['7690', 10000], ['2641', 2800]]),
    ]);
    expect(sieBookings(withError).map((x) => x.transaction.text)).not.toContain('Övriga personalkostnader');
    expect(sieBookings(withError)).toHaveLength(4);
  });

  test('drops rows on non-account markers (SoftOne FEL/DIFF) and keeps the voucher only if the rest balances', () => {
    const marked = doc([
      ver('2021-03-01', 'Telia', [['1930', -12500], ['6212', 10000], ['2641', 2500], ['DIFF', 0]]),
      ver('2021-03-02', 'Elbolaget', [['1930', -10000], ['5020', 9000], ['FEL', 1000]]),
    ]);
    const b = sieBookings(marked);
    expect(b.map((x) => x.transaction.text)).toEqual(['Telia']);
    expect(b[0]?.voucher.rows.map((r) => r.account)).toEqual(['1930', '6212', '2641']);
  });

  test('leaves out a transfer between two bank accounts whose sides differ (an exchange difference, a fee): its text names no counterparty', () => {
    const books = doc([
      ver('2025-03-03', 'Överföring valutakonto', [['1930', -1000000], ['1940', 995000], ['7960', 5000]]),
      ver('2025-03-04', 'Överföring sparkonto', [['1930', -500000], ['1940', 500000], ['1930', -2500], ['6570', 2500]]),
      // Paid partly from the cash box and partly from the bank: money out of both, a booking.
      ver('2025-03-05', 'Clas Ohlson', [['1910', -20000], ['1930', -30000], ['5410', 40000], ['2641', 10000]]),
    ]);
    expect(sieBookings(books).map((b) => b.transaction.text)).toEqual(['Clas Ohlson']);
    const k = createKnowledge();
    learnFromSieDocument(k, { id: 'c', bureauId: 'b' }, books);
    const s = suggest({ date: '2025-04-03', amount: -1000000, text: 'Överföring valutakonto' }, k, { id: 'c', bureauId: 'b', bankAccounts: ['1930', '1940'] });
    expect(s.account).not.toBe('7960');
  });

  test('uses the row text when the voucher text is empty', () => {
    expect(sieBookings(history)[2]?.voucher.text).toBe('Banktjänster');
  });

  test('respects the client\'s configured bank accounts (a transfer to 1920 is then a booking)', () => {
    expect(sieBookings(history, { bankAccounts: ['1930'] }).map((x) => x.transaction.text)).toEqual(['Överföring', 'Banktjänster']);
  });

  test('learns whole templates so a new client gets suggestions from its own history', () => {
    const k = createKnowledge();
    const client = { id: 'c', bureauId: 'b' };
    const r = learnFromSieDocument(k, client, history);
    expect(r).toMatchObject({ vouchers: 6, learned: 4, skipped: 0 });
    const s = suggest({ date: '2021-03-01', amount: -50000, text: 'STRÖMQVIST JÄRNHANDEL' }, k, { ...client, bankAccounts: ['1910'] });
    expect(s.source).toBe('client');
    expect(s.voucher?.rows).toEqual([
      { account: '1910', amount: -50000 },
      { account: '5090', amount: 40000 },
      { account: '2641', amount: 10000 },
    ]);
    expect(s.reason).toBe('Booked to 5090 the last 2 times with 25 % VAT for STRÖMQVIST JÄRNHANDEL (this client).');
  });
});

describe('cold start from the real corpus', () => {
  // The official SIE4 example (Övningsbolaget AB): 295 vouchers, 192 of them touch 1910/1920/1930.
  test('learns every bank voucher of the SIE4 example file and suggests from it', () => {
    const doc = readSie(readFileSync(new URL('../../fixtures/sie/SIE4_Exempelfil.SE', import.meta.url)));
    const k = createKnowledge();
    const client = { id: 'ovn', bureauId: 'b' };
    const r = learnFromSieDocument(k, client, doc);
    expect(r).toMatchObject({ vouchers: 295, learned: 192, skipped: 0 });
    expect(r.changes.putProfiles.length).toBe(k.profiles.get('ovn')?.size);
    const s = suggest({ date: '2022-01-10', amount: -19500, text: 'Kaffebröd' }, k, { ...client, bankAccounts: ['1910'] });
    expect(s.account).toBe('7690');
    expect(s.voucher?.rows).toEqual([
      { account: '1910', amount: -19500 },
      { account: '7690', amount: 17411 },
      { account: '2641', amount: 2089 },
    ]);
  });
});

describe('cold start learns only what stands in the books', () => {
  const numbered = (series: string, number: string, date: string, text: string, rows: [string, number][]): SieVoucher => ({ ...ver(date, text, rows), series, number });
  const telia: [string, number][] = [['1930', -49900], ['6212', 39920], ['2641', 9980]];
  const minus = (rows: [string, number][]): [string, number][] => rows.map(([a, n]) => [a, -n]);

  test('a voucher and the correction that reverses it exactly teach nothing; the re-booking does', () => {
    const books = doc([
      numbered('A', '5', '2025-03-05', 'Telia', [['1930', -49900], ['5010', 49900]]),
      numbered('A', '6', '2025-03-07', 'Korrigering av ver A5', [['1930', 49900], ['5010', -49900]]),
      numbered('A', '7', '2025-03-07', 'Telia', telia),
    ]);
    expect(sieBookings(books).map((b) => `${b.transaction.text} ${b.voucher.rows.map((r) => r.account).join(',')}`)).toEqual(['Telia 1930,6212,2641']);
    const k = createKnowledge();
    expect(learnFromSieDocument(k, { id: 'c', bureauId: 'b' }, books)).toMatchObject({ vouchers: 3, learned: 1 });
    const s = suggest({ date: '2025-04-05', amount: -49900, text: 'TELIA' }, k, { id: 'c', bureauId: 'b', bankAccounts: ['1930'] });
    expect(s.account).toBe('6212');
  });

  test('a correction is known by its words or by naming the voucher it reverses, in any series and order of the file', () => {
    const cases: [string, string][] = [
      ['Makulering', 'K'],
      ['Rättelse av verifikation A 5', 'K'],
      ['Återföring', 'A'],
      ['Storno felaktig betalning', 'A'],
      ['Avser A5', 'K'],
      ['Korr. hyra', 'A'],
    ];
    for (const [text, series] of cases) {
      const books = doc([
        numbered(series, '1', '2025-03-09', text, minus(telia)),
        numbered('A', '5', '2025-03-05', 'Telia', telia),
      ]);
      expect([text, sieBookings(books).length]).toEqual([text, 0]);
    }
  });

  test('money back that is an exact negative but no correction is learned (a refund), as is a negative of a later voucher', () => {
    const refund = doc([numbered('A', '5', '2025-03-05', 'Telia', telia), numbered('A', '6', '2025-03-20', 'Telia återbetalning', minus(telia))]);
    expect(sieBookings(refund)).toHaveLength(2);
    // Without a series, a bare number in the text names no voucher; "ver 5" does.
    expect(sieBookings(doc([numbered('', '5', '2025-03-05', 'Telia', telia), numbered('', '6', '2025-03-20', 'Telia 5 st', minus(telia))]))).toHaveLength(2);
    expect(sieBookings(doc([numbered('', '5', '2025-03-05', 'Telia', telia), numbered('', '6', '2025-03-20', 'Avser ver 5', minus(telia))]))).toHaveLength(0);
    // Names that begin like a correction word are names.
    for (const name of ['Återförsäljarna AB', 'Stornäs Bygg', 'Korrekt Redovisning']) {
      expect(sieBookings(doc([numbered('A', '5', '2025-03-05', name, telia), numbered('A', '6', '2025-03-20', name, minus(telia))]))).toHaveLength(2);
    }
    // "Korrigering" dated before the voucher it would reverse reverses nothing.
    const before = doc([numbered('A', '5', '2025-03-01', 'Korrigering', minus(telia)), numbered('A', '6', '2025-03-05', 'Telia', telia)]);
    expect(sieBookings(before)).toHaveLength(2);
    // Each correction cancels one voucher: two equal payments, one reversed.
    const two = doc([
      numbered('A', '5', '2025-03-05', 'Telia', telia),
      numbered('A', '6', '2025-03-05', 'Telia', telia),
      numbered('A', '7', '2025-03-06', 'Korrigering dubbelbetalning', minus(telia)),
    ]);
    expect(sieBookings(two).map((b) => b.transaction.date)).toEqual(['2025-03-05']);
  });

  test('a till\'s thousands of equal sales and their corrections are paired in bounded time', () => {
    const sale: [string, number][] = [['1930', 4500], ['3010', -3600], ['2611', -900]];
    const vouchers: SieVoucher[] = [];
    for (let i = 1; i <= 20_000; i++) vouchers.push(numbered('A', String(i), '2025-03-05', `Kvitto ${i}`, sale));
    for (let i = 1; i <= 20_000; i++) vouchers.push(numbered('K', String(i), '2025-03-06', i % 2 === 0 ? 'Korrigering' : `Retur kvitto ${i}`, minus(sale)));
    const t = performance.now();
    const left = unlearnedVouchers(doc(vouchers));
    expect(performance.now() - t).toBeLessThan(3000);
    expect(left.size).toBeGreaterThan(0);
  });

  test('a numbered voucher the file holds twice, identical, is learned once; unnumbered equal payments are two', () => {
    const twice = doc([numbered('A', '5', '2025-03-05', 'Telia', telia), numbered('A', '5', '2025-03-05', 'Telia', telia)]);
    expect(unlearnedVouchers(twice).get(twice.vouchers[1] as SieVoucher)).toBe('repeat');
    expect(sieBookings(twice)).toHaveLength(1);
    const k = createKnowledge();
    learnFromSieDocument(k, { id: 'c', bureauId: 'b' }, twice);
    expect([...(k.profiles.get('c')?.values() ?? [])].map((p) => p.templates[0]?.count)).toEqual([1]);
    // Same number, other rows: a broken export's two vouchers, both kept.
    const clash = doc([numbered('A', '5', '2025-03-05', 'Telia', telia), numbered('A', '5', '2025-03-05', 'Telia', [['1930', -10000], ['6570', 10000]])]);
    expect(sieBookings(clash)).toHaveLength(2);
    const swish = doc([numbered('', '', '2025-03-05', 'Swish Kaffe', [['1930', -4500], ['7690', 4500]]), numbered('', '', '2025-03-05', 'Swish Kaffe', [['1930', -4500], ['7690', 4500]])]);
    expect(sieBookings(swish)).toHaveLength(2);
    const seriesOnly = doc([numbered('B', '', '2025-03-05', 'Swish Kaffe', [['1930', -4500], ['7690', 4500]]), numbered('B', '', '2025-03-05', 'Swish Kaffe', [['1930', -4500], ['7690', 4500]])]);
    expect(sieBookings(seriesOnly)).toHaveLength(2);
  });
});

describe('cold start from a Fortnox-shaped export with corrections', () => {
  test('learns only what stands: the re-booking once, not the corrected voucher, its correction, the transfer or the repeat', () => {
    const doc = readSie(readFileSync(new URL('../../fixtures/sie/hand-written_corrections_4E.se', import.meta.url)));
    expect(doc.issues).toEqual([]);
    const b = sieBookings(doc);
    expect(b.map((x) => `${x.transaction.text}: ${x.voucher.rows.map((r) => `${r.account} ${r.amount}`).join(', ')}`)).toEqual([
      'Clas Ohlson: 1930 -30000, 5410 24000, 2641 6000',
      'Hyra "Lokalen" februari: 1930 -800000, 5010 800000',
    ]);
    const k = createKnowledge();
    expect(learnFromSieDocument(k, { id: 'c', bureauId: 'b' }, doc)).toMatchObject({ vouchers: 6, learned: 2 });
    const profiles = [...(k.profiles.get('c')?.values() ?? [])];
    expect(profiles.map((p) => p.templates.map((t) => t.count))).toEqual([[1], [1]]);
  });
});


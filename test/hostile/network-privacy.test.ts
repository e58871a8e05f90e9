/**
 * Issue 13 item 5 (the key rule): no person is a network key. Hostile bank lines that hold a
 * personal name, an e-mail address or its user part, a street address or a date-like number
 * (whatever its check digit) give keys that are never shareable; organisation markers, bankgiro
 * keys and known merchants stay shareable. And through the facade on every store: such a key never
 * reaches the network records, even when three bureaus book it the same way.
 */
import { describe, expect, it } from 'vitest';
import { counterpartyKey } from '../../src/normalize/counterparty.js';
import { createKontera } from '../../src/kontera.js';
import type { ImportedTransaction } from '../../src/kontera.js';
import { openStore, STORE_KINDS, swedbankCsv } from '../kontera/helpers.js';

/** Lines a private person's data hides in (invented names and numbers). */
const HOSTILE = [
  'LÖN ERIK SVENSSON',
  'ÖVERFÖRING ANNA ANDERSSON',
  'PAYPAL ANNA ANDERSSON GMAIL',
  'PAYPAL *ANNA.ANDERSSON',
  'HYRA LGH STORGATAN',
  'HYRA BJÖRKVÄGEN 12',
  'BIDRAG LISA 850709-1235',
  'BIDRAG 850709-1235',
  'ÅTERBETALNING 198507091235',
  'INSÄTTNING 8507091235',
  'BETALNING KARIN',
  'GÅVA TILL MORMOR INGRID',
  'LÅN JOHANSSONS',
  'KARLSSON M',
  'UTLÄGG PETTERSSON',
  'FAKTURA anna.berg@example.se',
  'TACK FÖR LÅNET LARS',
  'HYRA GARAGE KUNGSGATAN 5',
  'ERSÄTTNING OLOF',
  'STUDIERESA MAJA OCH ELSA',
  'PRESENT TILL SVEN',
  'INBETALNING 19850709-1234',
  'KVITTO 850709+1230',
  'MEDLEMSAVGIFT NILSSON',
  'OMBUD c/o LUNDGREN',
  'REFERENS ANNA GUSTAFSSON HOTMAIL',
  'STORGATAN 12',
  'BJÖRKBACKEN 4',
  'ÄPPELALLÉN 3 LGH 1101',
  'HYRA EKLIDEN 12B',
  'FÖRRÅD KVARNBACKEN UPPG B 223 51 LUND',
  'ÖVERFÖRING TALLSTIGEN SOLBACKEN',
  'PAKET C/O TALLBACKEN',
  'ANNA ANDERSSON BJÖRKBACKEN 4',
  'TOVE LINDQVIST ÄPPELALLÉN 3',
];

/**
 * Words with an ending streets share with shops and places (-HALLEN, -BACKEN, -PLAN): without
 * address evidence in the line (a house number after the word, a postcode, lgh or c/o, another
 * street word) they are merchants (invented names beside the well-known WEBHALLEN).
 */
const MERCHANT_LIKE = [
  'WEBHALLEN',
  'KORTKÖP 260105 MATHALLEN',
  'KRONOBACKEN',
  'TRYCKERIET EKBACKEN',
  'SOLBACKEN BAGERI /26-01-05',
  'KORTKÖP 260212 FLYGPLAN LEKSAKER',
  'LINDLEDEN CATERING',
  'Card transaction of 612,50 SEK issued by Mathallen',
];

/** Businesses and organisations, including ones whose names contain a person's name. */
const SHAREABLE = [
  'KORTKÖP 230415 ICA NARA ORMINGE',
  'TELIA SVERIGE AB',
  'ANDERSSONS BYGG AB',
  'BRF STORGATAN 12',
  'STOCKHOLMS KOMMUN',
  'CLAS OHLSON',
  'BG 5050-1055',
  'SPOTIFY',
  'EASYPARK /25-04-29',
  'SKATTEVERKET',
  'FOLKSAM LIV',
  'VATTENFALL STRÖM',
  'LUNDS KOMMUN',
];

describe('no person is a network key', () => {
  it('every hostile line gives a key that is not shareable', () => {
    const leaks = HOSTILE.map((line) => ({ line, cp: counterpartyKey(line) })).filter(({ cp }) => cp.key !== null && cp.shareable);
    expect(leaks.map((l) => `${l.line} → ${l.cp.key}`)).toEqual([]);
  });

  it('organisations, bankgiro keys and known merchants stay shareable', () => {
    const lost = SHAREABLE.map((line) => ({ line, cp: counterpartyKey(line) })).filter(({ cp }) => !cp.shareable);
    expect(lost.map((l) => `${l.line} → ${l.cp.key}`)).toEqual([]);
  });

  it('a word with a street ending shops share is shareable without address evidence', () => {
    const lost = MERCHANT_LIKE.map((line) => ({ line, cp: counterpartyKey(line) })).filter(({ cp }) => cp.key === null || !cp.shareable);
    expect(lost.map((l) => `${l.line} → ${l.cp.key}`)).toEqual([]);
  });

  it('without the rule (the old behaviour) most hostile keys were shareable', () => {
    const old = HOSTILE.filter((line) => counterpartyKey(line, {}, { personalRule: false }).shareable).length;
    expect(old).toBeGreaterThan(HOSTILE.length / 2);
  });

  for (const kind of STORE_KINDS) {
    it(`a personal key booked alike by three bureaus never enters the network records (${kind})`, async () => {
      const opened = await openStore(kind);
      try {
        const k = await createKontera({ store: opened.store, minBureaus: 1 });
        for (const b of ['b1', 'b2', 'b3']) {
          await k.addBureau({ id: b, name: b });
          await k.addClient({ bureauId: b, id: `${b}-c`, name: 'Klient AB' });
          const csv = swedbankCsv(18).replace(/COOP/g, 'LÖN ERIK SVENSSON');
          const { transactions } = await k.importStatement(`${b}-c`, csv);
          await k.confirm(
            `${b}-c`,
            transactions.map((t: ImportedTransaction) => ({
              transaction: t,
              voucher: { date: t.date, text: t.text, rows: [{ account: '1930', amount: t.amount }, { account: t.text.includes('SVENSSON') ? '7010' : '6212', amount: -t.amount }] },
            })),
          );
        }
        const keys = (await opened.store.listNetworkRecords()).map((r) => r.key);
        expect(keys.length).toBeGreaterThan(0);
        expect(keys.filter((key) => /ERIK|SVENSSON/.test(key))).toEqual([]);
      } finally {
        await opened.dispose();
      }
    });
  }
});

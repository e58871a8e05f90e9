/**
 * Two exports of one account whose periods overlap, joined end to end (`cat jan.csv feb.csv`) and
 * imported: the overlap's lines are stored, and booked, once; the exports imported on their own
 * before or after find the same lines. Two identical purchases on one day stay two lines. On every
 * store. Hand-written exports with invented names and amounts.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKontera } from '../../src/kontera.js';
import type { Kontera } from '../../src/kontera.js';
import { openStore, STORE_KINDS } from './helpers.js';
import type { OpenedStore } from './helpers.js';

const NOW = new Date('2026-03-01T12:00:00.000Z');

/** A Nordea business export (it starts with its header, newest first): 1 January – 10 February. */
const HEADER = 'Bokföringsdag;Belopp;Avsändare;Mottagare;Namn;Rubrik;Meddelande;Egna anteckningar;Saldo;Valuta';
const JAN = [
  HEADER,
  '2026-02-10;-1000,00;1234 56 78901;5050-1055;Fastighets AB Ek;Hyra;;;1480,00;SEK',
  '2026-02-02;50,00;;1234 56 78901;Kalle Ek;Swish Kalle Ek;;;2480,00;SEK',
  '2026-01-17;-35,00;1234 56 78901;;;Kortköp Pressbyrån;;;2430,00;SEK',
  '2026-01-17;-35,00;1234 56 78901;;;Kortköp Pressbyrån;;;2465,00;SEK',
  '2026-01-03;2000,00;;1234 56 78901;Lindqvist Snickeri AB;Insättning;;;2500,00;SEK',
].join('\n');
/** The next export, 1 – 28 February: its two older lines are the January export's two newest. */
const FEB = [
  HEADER,
  '2026-02-20;-399,00;1234 56 78901;5320-2560;Telia;Autogiro Telia;;;1081,00;SEK',
  '2026-02-10;-1000,00;1234 56 78901;5050-1055;Fastighets AB Ek;Hyra;;;1480,00;SEK',
  '2026-02-02;50,00;;1234 56 78901;Kalle Ek;Swish Kalle Ek;;;2480,00;SEK',
].join('\n');
const JOINED = `${JAN}\n${FEB}\n`;

for (const kind of STORE_KINDS) {
  describe(`overlapping exports joined end to end, imported on the ${kind} store`, () => {
    let opened: OpenedStore;
    let k: Kontera;

    beforeEach(async () => {
      opened = await openStore(kind);
      k = await createKontera({ store: opened.store, now: () => NOW });
      await k.addBureau({ id: 'byra', name: 'Byrå Ett' });
      await k.addClient({ bureauId: 'byra', id: 'ls', name: 'Lindqvist Snickeri AB' });
    });
    afterEach(async () => {
      await opened.dispose();
    });

    it('stores each line once (the two identical purchases of 17 January stay two), and either export alone adds nothing after it', async () => {
      const joined = await k.importStatement('ls', JOINED, { fileName: 'jan-feb.csv' });
      expect(joined).toMatchObject({ added: 6, duplicates: 0 });
      expect(joined.warnings.find((w) => w.code === 'SECTIONS_OVERLAP')?.lines).toEqual([9, 10]);
      expect(joined.transactions.filter((t) => t.date === '2026-01-17')).toHaveLength(2);
      expect(await k.importStatement('ls', `${JAN}\n`, { fileName: 'jan.csv' })).toMatchObject({ added: 0, duplicates: 5 });
      expect(await k.importStatement('ls', `${FEB}\n`, { fileName: 'feb.csv' })).toMatchObject({ added: 0, duplicates: 3 });
      const data = await k.exportClientData('ls');
      expect(data.transactions).toHaveLength(6);
      expect(data.transactions.reduce((s, t) => s + t.amount, 0)).toBe(200_000 - 3_500 - 3_500 + 5_000 - 100_000 - 39_900);
    });

    it('after the two exports imported one by one, the joined file adds nothing', async () => {
      expect(await k.importStatement('ls', `${JAN}\n`)).toMatchObject({ added: 5, duplicates: 0 });
      expect(await k.importStatement('ls', `${FEB}\n`)).toMatchObject({ added: 1, duplicates: 2 });
      expect(await k.importStatement('ls', JOINED)).toMatchObject({ added: 0, duplicates: 6 });
      expect((await k.exportClientData('ls')).transactions).toHaveLength(6);
    });
  });
}

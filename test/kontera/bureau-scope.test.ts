/**
 * Issue 13 item 7: bureaus cannot probe each other. Client ids are scoped by bureau, so `addClient`
 * of an id another bureau uses succeeds instead of answering `CONFLICT "Client exists"`; a
 * bureau's view (`forBureau`) answers `NOT_FOUND` for another bureau's client exactly as for an id
 * nobody uses; an id-only call on an instance for all bureaus that matches clients of two bureaus
 * is `AMBIGUOUS_CLIENT`, never a guess. On every store.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { AmbiguousClientError, KonteraError } from '../../src/core/errors.js';
import { createKontera } from '../../src/kontera.js';
import type { Kontera } from '../../src/kontera.js';
import { bookGenerated, openStore, STORE_KINDS, swedbankCsv } from './helpers.js';
import type { OpenedStore } from './helpers.js';

async function failure(p: Promise<unknown> | (() => unknown)): Promise<KonteraError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (error) {
    expect(error).toBeInstanceOf(KonteraError);
    return error as KonteraError;
  }
  throw new Error('expected the call to fail');
}

/** Books a statement of `rows` lines for the client of `k`'s bureau, every line on 6212. */
async function books(k: Kontera, clientId: string, rows: number): Promise<void> {
  await bookGenerated(k, clientId, rows, () => '6212');
}

describe('client ids are scoped by bureau', () => {
  const opened: OpenedStore[] = [];
  afterEach(async () => {
    for (const o of opened.splice(0)) await o.dispose();
  });

  for (const kind of STORE_KINDS) {
    it(`a second bureau adds a client id the first uses; neither view reads or erases the other's (${kind})`, async () => {
      const o = await openStore(kind);
      opened.push(o);
      const k = await createKontera({ store: o.store });
      await k.addBureau({ id: 'b1', name: 'Byrå Ett' });
      await k.addBureau({ id: 'b2', name: 'Byrå Två' });
      const one = k.forBureau('b1');
      const two = k.forBureau('b2');
      await one.addClient({ bureauId: 'b1', id: 'acme', name: 'Acme Ett AB' });
      await one.addClient({ bureauId: 'b1', id: 'solo', name: 'Solo AB' });
      // Before scoping this was CONFLICT "Client exists": it told b2 that the id was taken.
      const theirs = await two.addClient({ bureauId: 'b2', id: 'acme', name: 'Acme Två AB' });
      expect(theirs).toMatchObject({ id: 'acme', bureauId: 'b2', name: 'Acme Två AB' });
      expect((await failure(two.addClient({ bureauId: 'b2', id: 'acme', name: 'igen' }))).code).toBe('CONFLICT');
      expect((await one.getClient('acme')).name).toBe('Acme Ett AB');
      expect((await two.getClient('acme')).name).toBe('Acme Två AB');

      await books(one, 'acme', 12);
      await books(two, 'acme', 4);
      expect((await one.exportClientData('acme')).transactions).toHaveLength(12);
      const twoData = await two.exportClientData('acme');
      expect(twoData.transactions).toHaveLength(4);
      expect(twoData.vouchers.map((v) => v.number)).toEqual([1, 2, 3, 4]);
      expect(twoData.bureau).toEqual({ id: 'b2', name: 'Byrå Två' });

      // b2 erases its acme: b1's is whole.
      await two.deleteClient('acme');
      expect((await failure(two.getClient('acme'))).code).toBe('NOT_FOUND');
      const oneData = await one.exportClientData('acme');
      expect([oneData.transactions.length, oneData.vouchers.length]).toEqual([12, 12]);
      expect(oneData.profiles.length).toBeGreaterThan(0);
    });

    it(`a bureau's view answers another bureau's client exactly as an unknown id, for every method (${kind})`, async () => {
      const o = await openStore(kind);
      opened.push(o);
      const k = await createKontera({ store: o.store });
      await k.addBureau({ id: 'b1', name: 'Byrå Ett' });
      await k.addBureau({ id: 'b2', name: 'Byrå Två' });
      await k.addClient({ bureauId: 'b1', id: 'solo', name: 'Solo AB' });
      await books(k, 'solo', 6);
      const two = k.forBureau('b2');
      const line = { date: '2020-01-02', amount: -1000, text: 'TELIA' };
      const calls: [string, (id: string) => Promise<unknown>][] = [
        ['getClient', (id) => two.getClient(id)],
        ['learnFromSie', (id) => two.learnFromSie(id, '#FLAGGA 0\n#SIETYP 4\n#FNAMN "X"\n')],
        ['importStatement', (id) => two.importStatement(id, swedbankCsv(2))],
        ['suggest', (id) => two.suggest(id, [line])],
        ['confirm', (id) => two.confirm(id, [])],
        ['exportSie', (id) => two.exportSie(id)],
        ['exportClientData', (id) => two.exportClientData(id)],
        ['unlearn', (id) => two.unlearn(id, 'TELIA')],
        ['openItems', (id) => two.openItems(id)],
        ['deleteClient', (id) => two.deleteClient(id)],
      ];
      for (const [name, call] of calls) {
        const foreign = await failure(call('solo'));
        const unknown = await failure(call('nobody'));
        expect([name, foreign.code]).toEqual([name, 'NOT_FOUND']);
        // Nothing tells "another bureau has it" from "nobody has it".
        expect(foreign.message.replace('"solo"', '"?"')).toBe(unknown.message.replace('"nobody"', '"?"'));
      }
      expect((await failure(two.deleteBureau('b1'))).code).toBe('NOT_FOUND');
      expect((await failure(two.addClient({ bureauId: 'b1', id: 'x', name: 'X' }))).code).toBe('NOT_FOUND');
      expect((await failure(() => two.forBureau('b1'))).code).toBe('NOT_FOUND');
      expect(two.forBureau('b2')).toBeDefined();
      // And b1's client is untouched.
      expect((await k.exportClientData('solo')).vouchers).toHaveLength(6);
    });

    it(`an id-only call matching clients of two bureaus is AMBIGUOUS_CLIENT and changes nothing (${kind})`, async () => {
      const o = await openStore(kind);
      opened.push(o);
      const k = await createKontera({ store: o.store });
      await k.addBureau({ id: 'b1', name: 'Byrå Ett' });
      await k.addBureau({ id: 'b2', name: 'Byrå Två' });
      await k.addClient({ bureauId: 'b1', id: 'acme', name: 'Acme Ett AB' });
      await books(k, 'acme', 3);
      // The instance for all bureaus adds the same id to another bureau (addClient names its bureau).
      await k.addClient({ bureauId: 'b2', id: 'acme', name: 'Acme Två AB' });
      for (const call of [
        () => k.getClient('acme'),
        () => k.importStatement('acme', swedbankCsv(2)),
        () => k.suggest('acme', [{ date: '2020-01-02', amount: -1000, text: 'TELIA' }]),
        () => k.exportSie('acme'),
        () => k.deleteClient('acme'),
        () => k.unlearn('acme', 'TELIA'),
      ]) {
        const e = await failure(call());
        expect(e).toBeInstanceOf(AmbiguousClientError);
        expect(e.code).toBe('AMBIGUOUS_CLIENT');
        expect((e as AmbiguousClientError).bureauIds).toEqual(['b1', 'b2']);
        expect(e.message).toMatch(/forBureau/);
      }
      expect((await k.forBureau('b1').exportClientData('acme')).vouchers).toHaveLength(3);
      expect((await k.forBureau('b2').exportClientData('acme')).transactions).toEqual([]);
      // Once only one bureau has the id, the id-only call finds it again.
      await k.forBureau('b2').deleteClient('acme');
      expect((await k.getClient('acme')).bureauId).toBe('b1');
      // An instance created for one bureau is the same as its view.
      const created = await createKontera({ store: o.store, bureauId: 'b2' });
      await created.addClient({ bureauId: 'b2', id: 'acme', name: 'Acme Två AB' });
      expect((await created.getClient('acme')).bureauId).toBe('b2');
    });
  }
});

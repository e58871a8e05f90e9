/**
 * An export of one account that names it (`Konto: Företagskonto`) rather than numbering it, and
 * preambles whose number is on another labelled line or in a spelling banks use (`8327-9, 123 456
 * 789-0`, `123 456 789-0`). Layouts written by hand as internet banks and spreadsheets lay out
 * an account block above the table; names and amounts invented.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKontera } from '../../src/kontera.js';
import type { Kontera } from '../../src/kontera.js';
import { ValidationError } from '../../src/core/errors.js';
import { parseStatement } from '../../src/statements/index.js';
import { openStore } from '../kontera/helpers.js';
import type { OpenedStore } from '../kontera/helpers.js';

const ROWS = 'Datum;Text;Belopp;Saldo\n2026-01-05;Kortköp Järnia;-100,00;900,00\n2026-01-04;Insättning;1 000,00;1 000,00\n';
const file = (preamble: string): Uint8Array => new TextEncoder().encode(`${preamble}\n${ROWS}`);

describe('the account a preamble names', () => {
  it('a label naming the account without a number: reported as the account name, no number invented', () => {
    const s = parseStatement(file('Kontoutdrag\nKonto: Företagskonto\n'));
    expect([s.accountNumber, s.accountName]).toEqual([undefined, 'Företagskonto']);
  });

  it('a number on a later labelled line, in the spellings banks write, is the account number', () => {
    expect(parseStatement(file('Konto: Företagskonto\nKontonummer: 8327-9, 123 456 789-0\n')).accountNumber).toBe('8327-9, 123 456 789-0');
    expect(parseStatement(file('Kontonamn;Företagskonto\nClearingnummer;8327-9\nKontonummer;123 456 789-0\n')).accountNumber).toBe('123 456 789-0');
    expect(parseStatement(file('Account name;Business account\nAccount number;SE45 5000 0000 0583 9825 7466\n')).accountNumber).toBe('SE45 5000 0000 0583 9825 7466');
  });

  it('a line id does not depend on the name (ids of such files are as before)', () => {
    const named = parseStatement(file('Konto: Företagskonto\n'));
    const bare = parseStatement(file('Kontoutdrag\n'));
    expect(named.transactions.map((t) => t.id)).toEqual(bare.transactions.map((t) => t.id));
  });
});

describe('importing an export that names its account without a number', () => {
  let opened: OpenedStore;
  let k: Kontera;
  beforeEach(async () => {
    opened = await openStore('sqlite');
    k = await createKontera({ store: opened.store, now: () => new Date('2026-02-01T09:00:00Z') });
    await k.addBureau({ id: 'byra', name: 'Byrå' });
    await k.addClient({ bureauId: 'byra', id: 'c', name: 'Kund AB', bankAccounts: [{ account: '1930' }, { account: '1940' }] });
  });
  afterEach(async () => {
    await opened.dispose();
  });

  it('is refused with a typed error naming the file, the account name, the lack of a number and the bankAccount option', async () => {
    const error = await k.importStatement('c', file('Konto: Företagskonto\n'), { fileName: 'foretagskonto.csv' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    const e = error as ValidationError;
    expect(e.code).toBe('VALIDATION');
    expect(e.file).toBe('foretagskonto.csv');
    expect(e.message).toMatch(/names its account "Företagskonto" but gives no account number/);
    expect(e.message).toMatch(/1930, 1940.*pass bankAccount/);
  });

  it('imports onto the bank account given, and onto the one a later header line numbers', async () => {
    expect(await k.importStatement('c', file('Konto: Företagskonto\n'), { bankAccount: '1940' })).toMatchObject({ bankAccount: '1940', added: 2 });
    await k.addClient({ bureauId: 'byra', id: 'n', name: 'Numrerad AB', bankAccounts: [{ account: '1930', number: '8327-9, 111 222 333-4' }, { account: '1940', number: '8327-9, 123 456 789-0' }] });
    expect(await k.importStatement('n', file('Konto: Företagskonto\nKontonummer: 8327-9, 123 456 789-0\n'))).toMatchObject({ bankAccount: '1940', added: 2 });
  });
});

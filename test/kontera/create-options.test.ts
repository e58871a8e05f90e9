/**
 * createKontera's options, as an app's wiring passes them (typed or not). A `now` that is not a
 * function, or a store that is not a Store, was taken and failed later deep inside the first call
 * that used it ('now is not a function', 'session.findClients is not a function'); a clock that
 * returns an invalid Date (`new Date(process.env.FAKE_NOW)` with the variable unset) failed in
 * confirm and importStatement with a bare RangeError 'Invalid time value'. Each is now a VALIDATION
 * error saying what was expected, the first two at createKontera, and nothing is written.
 */
import { describe, expect, it } from 'vitest';
import { KonteraError } from '../../src/core/errors.js';
import { createKontera } from '../../src/kontera.js';
import type { KonteraOptions } from '../../src/kontera.js';
import { fixture } from './helpers.js';

async function rejected(p: Promise<unknown>): Promise<KonteraError> {
  const e = await p.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(e).toBeInstanceOf(KonteraError);
  return e as KonteraError;
}

describe('createKontera options', () => {
  it('refuses a now that is not a function and a store that is not a Store', async () => {
    const now = await rejected(createKontera({ now: '2026-01-01' } as unknown as KonteraOptions));
    expect(now.code).toBe('VALIDATION');
    expect(now.message).toContain('now');
    const store = await rejected(createKontera({ store: {} } as unknown as KonteraOptions));
    expect(store.code).toBe('VALIDATION');
    expect(store.message).toContain('store');
  });

  it('a clock that returns an invalid Date is refused, typed, where it is used, and nothing is written', async () => {
    let fake: string | undefined = '2026-02-02T08:00:00.000Z';
    const k = await createKontera({ now: () => new Date(fake as string) });
    await k.addBureau({ id: 'b1', name: 'Byrå Ett' });
    await k.addClient({ bureauId: 'b1', id: 'c', name: 'C AB' });
    fake = undefined;
    const before = await k.exportClientData('c');
    const line = { date: '2026-01-15', amount: -12_500, text: 'KONTORSVAROR AB' };
    const confirm = await rejected(k.confirm('c', [{ transaction: line, voucher: { date: line.date, text: line.text, rows: [{ account: '1930', amount: -12_500 }, { account: '6110', amount: 12_500 }] } }]));
    expect(confirm.code).toBe('VALIDATION');
    expect(confirm.message).toContain('Invalid Date');
    const imported = await rejected(k.importStatement('c', fixture('demo/kaffebryggeriet/Transaktioner_2026-02-01_07-42-10.csv')));
    expect(imported.code).toBe('VALIDATION');
    expect(await k.exportClientData('c')).toEqual(before);
  });
});

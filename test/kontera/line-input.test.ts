/**
 * Bank lines and vouchers as an app hands them to suggest, confirm and settleDeposit (from its own
 * database or a bank feed, typed or not): a field of the wrong type is a VALIDATION error naming the
 * line and the field, never a TypeError from deep inside, and nothing is written.
 */
import { describe, expect, it } from 'vitest';
import { KonteraError } from '../../src/core/errors.js';
import type { Booking, TransactionLike } from '../../src/kontera.js';
import { fixture, konteraOn } from './helpers.js';

const NOW = '2026-02-02T08:00:00.000Z';
const LINE: TransactionLike = { date: '2026-01-15', amount: -12_500, text: 'KONTORSVAROR AB' };
const VOUCHER = { date: '2026-01-15', text: 'KONTORSVAROR AB', rows: [{ account: '1930', amount: -12_500 }, { account: '6110', amount: 12_500 }] };

/** `line` with `field` set to `value`, as untyped code would pass it. */
function withField(field: string, value: unknown): TransactionLike {
  return { ...LINE, [field]: value } as unknown as TransactionLike;
}

async function rejection(p: Promise<unknown>): Promise<KonteraError> {
  const e = await p.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(e).toBeInstanceOf(KonteraError);
  return e as KonteraError;
}

describe('bank lines of the wrong shape', () => {
  const open = konteraOn('memory', NOW, { acme: 'Acme AB' });
  const BAD: readonly [string, unknown][] = [
    ['text', undefined],
    ['text', null],
    ['reference', 5],
    ['counterparty', 5],
    ['counterpartyAccount', 50501055],
    ['kind', 3],
    ['currency', 978],
  ];

  it('suggest names the line and the field', async () => {
    const k = await open();
    for (const [field, value] of BAD) {
      const e = await rejection(k.suggest('acme', [LINE, withField(field, value)]));
      expect(e.code, `${field}: ${String(value)}`).toBe('VALIDATION');
      expect(e.field).toBe(field);
      expect(e.message).toContain('transaction 2');
    }
  });

  it('confirm names the booking and the field, and writes nothing', async () => {
    const k = await open();
    const before = await k.exportClientData('acme');
    for (const [field, value] of BAD) {
      const bookings: Booking[] = [{ transaction: LINE, voucher: VOUCHER }, { transaction: withField(field, value), voucher: VOUCHER }];
      const e = await rejection(k.confirm('acme', bookings));
      expect(e.code, `${field}: ${String(value)}`).toBe('VALIDATION');
      expect(e.field).toBe(field);
      expect(e.message).toContain('booking 2');
    }
    expect(await k.exportClientData('acme')).toEqual(before);
  });

  it('confirm refuses a voucher row that is not an object, naming it', async () => {
    const k = await open();
    const rows = [null, ...VOUCHER.rows] as unknown as Booking['voucher']['rows'];
    const e = await rejection(k.confirm('acme', [{ transaction: LINE, voucher: { ...VOUCHER, rows } }]));
    expect(e.code).toBe('VALIDATION');
    expect(e.message).toContain('row 1');
    expect((await k.exportClientData('acme')).vouchers).toHaveLength(0);
  });

  it('settleDeposit names the field', async () => {
    const k = await open();
    const e = await rejection(k.settleDeposit('acme', withField('reference', 5), fixture('bgmax/bgc-example-ocr.txt')));
    expect(e.code).toBe('VALIDATION');
    expect(e.field).toBe('reference');
  });
});

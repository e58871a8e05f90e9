/**
 * exportSie's period: from after to (swapped arguments, a month picker's end before its start) held
 * no day, and the call returned a valid SIE file without vouchers, as if the client had booked
 * nothing: imported into Fortnox it says nothing went wrong. It is a VALIDATION error naming both
 * dates; a one-day period (from = to) is a period.
 */
import { describe, expect, it } from 'vitest';
import { KonteraError } from '../../src/core/errors.js';
import { readSie } from '../../src/sie/reader.js';
import { konteraOn } from './helpers.js';

const NOW = '2026-02-02T08:00:00.000Z';

describe('exportSie from and to', () => {
  const open = konteraOn('memory', NOW, { acme: 'Acme AB' });

  it('refuses from after to, naming both, and exports a one-day period', async () => {
    const k = await open();
    const line = { date: '2026-01-15', amount: -12_500, text: 'KONTORSVAROR AB' };
    await k.confirm('acme', [{ transaction: line, voucher: { date: line.date, text: line.text, rows: [{ account: '1930', amount: -12_500 }, { account: '6110', amount: 12_500 }] } }]);

    const error = await k.exportSie('acme', { from: '2026-01-31', to: '2026-01-01' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KonteraError);
    expect((error as KonteraError).code).toBe('VALIDATION');
    expect((error as KonteraError).message).toContain('2026-01-31');
    expect((error as KonteraError).message).toContain('2026-01-01');

    expect(readSie(await k.exportSie('acme', { from: '2026-01-15', to: '2026-01-15' })).vouchers).toHaveLength(1);
    expect(readSie(await k.exportSie('acme', { from: '2026-01-01', to: '2026-01-31' })).vouchers).toHaveLength(1);
  });
});

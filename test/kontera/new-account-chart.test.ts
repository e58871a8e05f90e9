/**
 * importStatement with allowNewAccount adds the bank account it is given. For a client with a chart
 * it added an account the chart does not have, which addClient refuses as a bank account: the lines
 * were stored on it, and every confirm of them was refused ("expected accounts in the client's
 * chart"), so the import half-worked. Such an account is refused, naming the option, and nothing
 * is written; one the chart has is added as before.
 */
import { describe, expect, it } from 'vitest';
import { KonteraError } from '../../src/core/errors.js';
import { fixture, konteraOn, STORE_KINDS } from './helpers.js';

const STATEMENT = 'demo/kaffebryggeriet/Transaktioner_2026-02-01_07-42-10.csv';
const NOW = '2026-02-02T08:00:00.000Z';
const CHART = ['1930', '1940', '2641', '6110', '6570'];

for (const kind of STORE_KINDS) {
  describe(`importStatement allowNewAccount and the client's chart (${kind})`, () => {
    const open = konteraOn(kind, NOW, {});

    it('refuses a new bank account outside the chart and writes nothing', async () => {
      const k = await open();
      await k.addClient({ bureauId: 'b1', id: 'c', name: 'C AB', chart: CHART, bankAccounts: ['1930'] });
      const before = await k.exportClientData('c');
      const error = await k.importStatement('c', fixture(STATEMENT), { bankAccount: '1950', allowNewAccount: true }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(KonteraError);
      expect((error as KonteraError).code).toBe('VALIDATION');
      expect((error as KonteraError).field).toBe('bankAccount');
      expect((error as KonteraError).message).toContain('1950');
      expect(await k.exportClientData('c')).toEqual(before);
    });

    it('adds one the chart has, and its lines can be confirmed', async () => {
      const k = await open();
      await k.addClient({ bureauId: 'b1', id: 'c', name: 'C AB', chart: CHART, bankAccounts: ['1930'] });
      const r = await k.importStatement('c', fixture(STATEMENT), { bankAccount: '1940', allowNewAccount: true });
      expect((await k.getClient('c')).bankAccounts).toEqual(['1930', '1940']);
      const t = r.transactions.find((x) => x.amount < 0);
      expect(t).toBeDefined();
      const line = t as NonNullable<typeof t>;
      const done = await k.confirm('c', [{ transaction: line, voucher: { date: line.date, text: line.text, rows: [{ account: '1940', amount: line.amount }, { account: '6570', amount: -line.amount }] } }]);
      expect(done.vouchers).toHaveLength(1);
    });
  });
}

/**
 * addClient's settings as an app passes them from a form or a JSON config, typed or not. A value of
 * the wrong type was kept as given: vatRegistered "false" (a string, truthy) made a client that is
 * not VAT-registered get VAT rows, a threshold "0.9" was stored as text, and review settings that
 * are not lists either threw a TypeError or were stored and broke every later suggest. Each is a
 * VALIDATION error naming the client and the setting, and no client is added.
 */
import { describe, expect, it } from 'vitest';
import { KonteraError } from '../../src/core/errors.js';
import type { AddClientInput } from '../../src/kontera.js';
import { konteraOn } from './helpers.js';

const NOW = '2026-02-02T08:00:00.000Z';

describe('addClient refuses settings of the wrong type', () => {
  const open = konteraOn('memory', NOW, {});
  const BAD: readonly [string, Record<string, unknown>][] = [
    ['vatRegistered', { vatRegistered: 'false' }],
    ['network', { network: 0 }],
    ['autoBookThreshold', { autoBookThreshold: '0.9' }],
    ['review', { review: 'always' }],
    ['review accounts', { review: { accounts: '6071' } }],
    ['review counterparty', { review: { counterparties: ['ACME', 5] } }],
    ['chart', { chart: '1930' }],
    ['bankAccounts', { bankAccounts: '1930' }],
    ['bank account', { bankAccounts: [null] }],
    ['number for bank account', { bankAccounts: [{ account: '1930', number: 83279943456789 }] }],
    ['accountNames', { accountNames: ['Bank'] }],
    ['orgNr', { orgNr: 5591234567 }],
  ];

  for (const [what, settings] of BAD) {
    it(`${what}: ${JSON.stringify(settings)}`, async () => {
      const k = await open();
      const input = { bureauId: 'b1', id: 'acme', name: 'Acme AB', ...settings } as unknown as AddClientInput;
      const error = await k.addClient(input).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(KonteraError);
      expect((error as KonteraError).code).toBe('VALIDATION');
      expect((error as KonteraError).message).toContain(what);
      await expect(k.getClient('acme')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  }

  it('takes the same settings of the right type', async () => {
    const k = await open();
    const client = await k.addClient({
      bureauId: 'b1',
      id: 'acme',
      name: 'Acme AB',
      orgNr: '559123-4567',
      vatRegistered: false,
      network: false,
      autoBookThreshold: 0.9,
      review: { accounts: ['6071'], counterparties: ['ACME'] },
      bankAccounts: [{ account: '1930', number: '8327-9, 943 456 789-0' }],
      accountNames: { '1930': 'Bank' },
    });
    expect(client).toMatchObject({ vatRegistered: false, network: false, autoBookThreshold: 0.9, review: { accounts: ['6071'], counterparties: ['ACME'] } });
    const [s] = await k.suggest('acme', [{ date: '2026-01-15', amount: -12_500, text: 'ACME KONTOR' }]);
    expect(s?.review).toBe(true);
  });
});

/**
 * learnFromSie's bankAccounts option names the accounts that are the bank side of a voucher. Given
 * accounts the books do not use (a typo, 1940 for 1930), the file taught nothing (learned 0,
 * skipped 0) and the result said nothing either. The books' 19xx accounts that are not among the
 * option's are now said (BANK_ACCOUNT_NOT_LEARNED), as they are for a client's stated accounts.
 */
import { describe, expect, it } from 'vitest';
import { fixture, konteraOn } from './helpers.js';

const HISTORY = 'demo/kaffebryggeriet/history-2025.se'; // its bank account: 1930 (263 vouchers)
const NOW = '2026-02-02T08:00:00.000Z';

describe('learnFromSie with the bankAccounts option', () => {
  const open = konteraOn('memory', NOW, {});

  it('says which accounts of the books were not learned when the option leaves them out', async () => {
    const k = await open();
    await k.addClient({ bureauId: 'b1', id: 'c', name: 'C AB', bankAccounts: ['1930', '1940'] });
    const r = await k.learnFromSie('c', fixture(HISTORY), { bankAccounts: ['1940'] });
    expect(r.learned).toBe(0);
    expect(r.warnings.map((w) => w.code)).toEqual(['BANK_ACCOUNT_NOT_LEARNED']);
    expect(r.warnings[0]?.message).toContain('1930');
    expect(r.warnings[0]?.message).toContain('263 vouchers');
    expect(r.warnings[0]?.message).toContain('accounts of the bankAccounts option (1940)');
  });

  it('says nothing when the option names the accounts the books use', async () => {
    const k = await open();
    await k.addClient({ bureauId: 'b1', id: 'c', name: 'C AB', bankAccounts: ['1930', '1940'] });
    const r = await k.learnFromSie('c', fixture(HISTORY), { bankAccounts: ['1930'] });
    expect(r.learned).toBeGreaterThan(0);
    expect(r.warnings).toEqual([]);
  });
});

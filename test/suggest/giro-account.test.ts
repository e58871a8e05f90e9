/**
 * The engine's giro tier fed from the counterparty account column (TransactionInput.counterpartyAccount).
 */
import { describe, expect, test } from 'vitest';
import { createKnowledge } from '../../src/knowledge/base.js';
import { learn } from '../../src/knowledge/learn.js';
import type { ClientSettings, ConfirmedBooking } from '../../src/knowledge/types.js';
import { suggest } from '../../src/suggest/suggest.js';

const client: ClientSettings = { id: 'c1', bureauId: 'b1' };

/** A 25 % VAT purchase of `gross` öre paid from 1930, with the bank's account column. */
function paid(date: string, text: string, counterpartyAccount: string | undefined, account: string, gross: number): ConfirmedBooking {
  const vat = gross / 5;
  return {
    transaction: { date, amount: -gross, text, ...(counterpartyAccount !== undefined ? { counterpartyAccount } : {}) },
    voucher: { date, text, rows: [{ account: '1930', amount: -gross }, { account, amount: gross - vat }, { account: '2641', amount: vat }] },
  };
}

describe('suggest by the bankgiro of the account column', () => {
  test('finds a counterparty learned under another name through the same bankgiro column', () => {
    const k = createKnowledge();
    const r = learn(k, client, paid('2026-01-10', 'GARANTITAK I KUMLA AB', '5320-2560', '5170', 50000));
    expect(r.learned).toBe(true);
    expect(k.profiles.get('c1')?.get('GARANTITAK')?.giro).toBe('BG 5320-2560');
    const s = suggest({ date: '2026-03-10', amount: -20000, text: 'GTK TAKSERVICE', counterpartyAccount: '5320-2560' }, k, client);
    expect(s.account).toBe('5170');
    expect(s.match).toBe('giro');
    // The same line without the column is a stranger: at most a guess from the client's habits, no voucher.
    const without = suggest({ date: '2026-03-10', amount: -20000, text: 'GTK TAKSERVICE' }, k, client);
    expect(without.match).not.toBe('giro');
    expect(without.voucher).toBeNull();
    expect(without.confidence).toBeLessThan(s.confidence);
  });

  test('learns a giro from the column and finds it again when the text carries it', () => {
    const k = createKnowledge();
    learn(k, client, paid('2026-01-10', 'LOOPIA AB', '5343-2795', '6230', 10000));
    const s = suggest({ date: '2026-02-10', amount: -10000, text: 'Betalning BG 5343-2795 Webbhotell' }, k, client);
    expect(s.match).toBe('giro');
    expect(s.account).toBe('6230');
  });

  test('never matches on a private account number in the column', () => {
    const k = createKnowledge();
    learn(k, client, paid('2026-01-10', 'ANNA SVENSSON', '1234 56 78901', '7699', 10000));
    expect(k.profiles.get('c1')?.get('ANNA SVENSSON')?.giro).toBeUndefined();
    const s = suggest({ date: '2026-02-10', amount: -10000, text: 'KARL JOHANSSON', counterpartyAccount: '1234 56 78901' }, k, client);
    expect(s.match).not.toBe('giro');
  });
});

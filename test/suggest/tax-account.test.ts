/**
 * Lines of the tax account's own statement (skattekontoutdrag): what Skatteverket charged or
 * credited, booked against the liability or income it settles — never the tax account against
 * itself. Fixtures: fixtures/statements/skatteverket (real layouts, see fixtures/SOURCES.md).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createKnowledge } from '../../src/knowledge/base.js';
import type { ClientSettings } from '../../src/knowledge/types.js';
import { parseStatement } from '../../src/statements/index.js';
import { suggest } from '../../src/suggest/suggest.js';

const DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'statements', 'skatteverket');
const client: ClientSettings = { id: 'c', bureauId: 'b', bankAccounts: ['1930', '1630'] };

/** Counter-account per line text of a skattekonto file, suggested on the tax account. */
function counterAccounts(file: string): Record<string, string | null> {
  const statement = parseStatement(readFileSync(join(DIR, file)), { fileName: file });
  const k = createKnowledge();
  const out: Record<string, string | null> = {};
  for (const t of statement.transactions) {
    const s = suggest({ date: t.date, amount: t.amount, text: t.text, kind: t.kind }, k, client, { bankAccount: '1630' });
    out[t.text] = s.account;
    // Whatever it proposes, the bank row is the tax account and no other row is.
    if (s.voucher !== null) expect(s.voucher.rows.filter((r) => r.account === '1630')).toHaveLength(1);
  }
  return out;
}

describe('suggest on the tax account statement', () => {
  test('VAT charged, interest credited and money paid in are booked against 2650, 8314 and the bank', () => {
    expect(counterAccounts('skattekonto-quoted.csv')).toEqual({ 'Moms jan 2025 - mar 2025': '2650', 'Inbetalning bokförd 250414': '1930', Intäktsränta: '8314' });
  });

  test('preliminary tax charged is booked against 2518 (the older layout)', () => {
    expect(counterAccounts('skattekonto-old-latin1.csv')).toEqual({ 'Debiterad preliminärskatt': '2518', 'Inbetalning bokförd 250412': '1930' });
  });

  test('interest charged, employer contributions and a refund paid out, each in its direction', () => {
    const k = createKnowledge();
    const on1630 = (text: string, amount: number) => suggest({ date: '2026-02-12', amount, text, kind: 'tax-account' }, k, client, { bankAccount: '1630' }).account;
    expect(on1630('Kostnadsränta', -1_200)).toBe('8423');
    expect(on1630('Arbetsgivaravgift jan 2026', -940_000)).toBe('2731');
    expect(on1630('Avdragen skatt jan 2026', -610_000)).toBe('2710');
    expect(on1630('Moms okt 2025 - dec 2025', 1_520_000)).toBe('1650');
    expect(on1630('Utbetalning', -1_520_000)).toBe('1930');
  });

  test('a rule word with a hyphen matches as written: F-skatt charged on the tax account is preliminary tax (2518)', () => {
    const k = createKnowledge();
    const s = suggest({ date: '2026-02-12', amount: -2_500_000, text: 'F-skatt feb 2026' }, k, client, { bankAccount: '1630' });
    expect(s.account).toBe('2518');
    expect(s.reason).toContain('The text says F-SKATT.');
  });

  test('the same words on the bank account\'s statement are a payment to the tax account, not these rules', () => {
    const k = createKnowledge();
    const s = suggest({ date: '2026-02-12', amount: -1_254_000, text: 'Skatteverket moms', kind: 'tax-account' }, k, client, { bankAccount: '1930' });
    expect(s.account).toBe('1630');
    const interest = suggest({ date: '2026-02-28', amount: 1_240, text: 'Ränta', kind: 'interest' }, k, client, { bankAccount: '1930' });
    expect(interest.account).toBe('8310');
  });
});

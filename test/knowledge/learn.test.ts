import { describe, expect, test } from 'vitest';
import { createKnowledge, knowledgeSnapshot } from '../../src/knowledge/base.js';
import { learn, unlearn } from '../../src/knowledge/learn.js';
import { applyTemplate, readTemplate } from '../../src/knowledge/template.js';
import type { ClientSettings, KnowledgeSnapshot } from '../../src/knowledge/types.js';
import { suggest } from '../../src/suggest/suggest.js';
import { booking, purchase25 } from './helpers.js';

const client: ClientSettings = { id: 'c1', bureauId: 'b1' };

function top(k: ReturnType<typeof createKnowledge>, key: string) {
  return k.profiles.get('c1')?.get(key)?.templates[0];
}

describe('reading a voucher as a template', () => {
  test('learns the VAT account and rate, not just the counter-account', () => {
    const r = readTemplate([{ account: '1930', amount: -12500 }, { account: '6212', amount: 10000 }, { account: '2641', amount: 2500 }], ['1930']);
    expect(r.ok && r.template).toEqual({
      direction: 'out',
      vat: { mode: 'standard', rate: 25, accounts: ['2641'] },
      lines: [{ account: '6212', rule: 'rest', lastAmount: 0, ppm: 0 }],
    });
  });

  test('recognises half VAT on leasing', () => {
    const r = readTemplate([{ account: '1930', amount: -450000 }, { account: '5615', amount: 405000 }, { account: '2641', amount: 45000 }], ['1930']);
    expect(r.ok && r.template.vat).toEqual({ mode: 'half', rate: 25, accounts: ['2641'] });
  });

  test('recognises reverse charge on an EU service and keeps the whole amount on the cost', () => {
    const r = readTemplate(
      [{ account: '1930', amount: -100000 }, { account: '6540', amount: 100000 }, { account: '2645', amount: 25000 }, { account: '2614', amount: -25000 }],
      ['1930'],
    );
    expect(r.ok && r.template.vat).toEqual({ mode: 'reverse-eu-services', rate: 25, accounts: ['2645', '2614'] });
    expect(r.ok && r.template.lines.map((l) => l.account)).toEqual(['6540']);
  });

  test('recognises domestic reverse charge (construction) by 2647', () => {
    const r = readTemplate(
      [{ account: '1930', amount: -80000 }, { account: '4425', amount: 80000 }, { account: '2647', amount: 20000 }, { account: '2614', amount: -20000 }],
      ['1930'],
    );
    expect(r.ok && r.template.vat.mode).toBe('reverse-domestic');
  });

  test('skips a voucher that does not touch the bank account', () => {
    expect(readTemplate([{ account: '2440', amount: -100 }, { account: '4000', amount: 100 }], ['1930'])).toEqual({ ok: false, reason: 'no-bank-row' });
  });
});

describe('learning templates', () => {
  test('learns a loan: fixed amortisation, the rest is interest', () => {
    const k = createKnowledge();
    learn(k, client, booking('2026-01-25', 'SWEDBANK LÅN 1234', [{ account: '2350', amount: 500000 }, { account: '8410', amount: 123400 }]));
    learn(k, client, booking('2026-02-25', 'SWEDBANK LÅN 1234', [{ account: '2350', amount: 500000 }, { account: '8410', amount: 122000 }]));
    const t = top(k, 'SWEDBANK LÅN');
    expect(t?.template.lines).toEqual([
      { account: '2350', rule: 'fixed', lastAmount: 500000, ppm: expect.any(Number) as number },
      { account: '8410', rule: 'rest', lastAmount: 122000, ppm: expect.any(Number) as number },
    ]);
    const applied = t === undefined ? undefined : applyTemplate(t.template, -620500);
    expect(applied).toEqual({ ok: true, rows: [{ account: '8410', amount: 120500 }, { account: '2350', amount: 500000 }] });
  });

  test('learns a fixed fee plus a variable part', () => {
    const k = createKnowledge();
    learn(k, client, booking('2026-01-05', 'KLARNA', [{ account: '6570', amount: 2500 }, { account: '4000', amount: 97500 }]));
    learn(k, client, booking('2026-02-05', 'KLARNA', [{ account: '6570', amount: 2500 }, { account: '4000', amount: 150000 }]));
    const t = top(k, 'KLARNA');
    expect(t?.template.lines.find((l) => l.account === '6570')?.rule).toBe('fixed');
    expect(t?.template.lines.find((l) => l.account === '4000')?.rule).toBe('rest');
  });

  test('lets later evidence outweigh older evidence', () => {
    const k = createKnowledge();
    for (const d of ['2023-01-10', '2023-02-10', '2023-03-10', '2023-04-10']) learn(k, client, purchase25(d, 'TELIA', '6211', 50000));
    for (const d of ['2026-01-10', '2026-02-10', '2026-03-10']) learn(k, client, purchase25(d, 'TELIA', '6212', 50000));
    expect(top(k, 'TELIA')?.template.lines[0]?.account).toBe('6212');
  });

  test('makes a correction take effect at once', () => {
    const k = createKnowledge();
    for (const d of ['2026-01-10', '2026-02-10', '2026-03-10', '2026-04-10', '2026-05-10']) learn(k, client, purchase25(d, 'TELIA', '6211', 50000));
    learn(k, client, purchase25('2026-06-10', 'TELIA', '6212', 50000, 'correction'));
    const s = suggest({ date: '2026-07-10', amount: -50000, text: 'TELIA' }, k, client);
    expect(s.account).toBe('6212');
    expect(s.voucher).not.toBeNull();
  });

  test('counts a plain confirmation of a new account as just one more booking', () => {
    const k = createKnowledge();
    for (const d of ['2026-01-10', '2026-02-10', '2026-03-10', '2026-04-10', '2026-05-10']) learn(k, client, purchase25(d, 'TELIA', '6211', 50000));
    learn(k, client, purchase25('2026-06-10', 'TELIA', '6212', 50000));
    expect(top(k, 'TELIA')?.template.lines[0]?.account).toBe('6211');
  });

  test('unlearns one mapping and keeps the others', () => {
    const k = createKnowledge();
    learn(k, client, purchase25('2026-01-10', 'TELIA', '6211', 50000));
    const r = learn(k, client, purchase25('2026-02-10', 'TELIA', '6212', 50000));
    const changes = r.learned ? unlearn(k, client, 'TELIA', r.templateId) : undefined;
    expect(changes?.putProfiles).toHaveLength(1);
    expect(k.profiles.get('c1')?.get('TELIA')?.templates.map((t) => t.template.lines[0]?.account)).toEqual(['6211']);
    const all = unlearn(k, client, 'TELIA');
    expect(all.deleteProfiles).toEqual([{ clientId: 'c1', key: 'TELIA' }]);
    expect(suggest({ date: '2026-03-10', amount: -50000, text: 'TELIA' }, k, client).source).not.toBe('client');
  });

  test('returns the changed records so a store can persist per (client, key)', () => {
    const k = createKnowledge();
    const r = learn(k, client, purchase25('2026-01-10', 'AUTOGIRO TELIA', '6212', 50000));
    expect(r.learned).toBe(true);
    expect(r.changes.putProfiles.map((p) => [p.clientId, p.key])).toEqual([['c1', 'TELIA']]);
    expect(r.changes.putBureau).toHaveLength(1);
  });

  test('round-trips through plain JSON and suggests the same afterwards', () => {
    const k = createKnowledge();
    for (const d of ['2026-01-10', '2026-02-10']) learn(k, client, purchase25(d, 'TELIA', '6212', 50000));
    const json = JSON.stringify(knowledgeSnapshot(k));
    const restored = createKnowledge(JSON.parse(json) as KnowledgeSnapshot);
    const tx = { date: '2026-03-10', amount: -50000, text: 'TELIA' };
    expect(suggest(tx, restored, client)).toEqual(suggest(tx, k, client));
  });

  test('skips a booking whose text has no counterparty', () => {
    const k = createKnowledge();
    const r = learn(k, client, purchase25('2026-01-10', '12345678', '6212', 50000));
    expect(r).toMatchObject({ learned: false, reason: 'no-key' });
  });
});

describe('guarding what is learned', () => {
  test('refuses to learn from an unbalanced voucher', () => {
    const k = createKnowledge();
    const r = learn(k, client, {
      transaction: { date: '2026-01-10', amount: -500, text: 'TELIA' },
      voucher: { date: '2026-01-10', text: 'TELIA', rows: [{ account: '1930', amount: -500 }, { account: '6212', amount: 400 }] },
    });
    expect(r).toMatchObject({ learned: false, reason: 'unbalanced' });
    expect(k.profiles.size).toBe(0);
  });

});

/**
 * The counterparty's account column (Nordea Mottagare/Avsändare, camt.053 CdtrAcct) as a source of
 * bankgiro/plusgiro signals, and the privacy rule: a private bank account never reaches a key.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { counterpartyKey } from '../../src/normalize/counterparty.js';
import { parseStatement } from '../../src/statements/index.js';

const CORPUS = new URL('../../fixtures/statements', import.meta.url).pathname;

describe('counterpartyKey with the counterparty account column', () => {
  test('turns a bankgiro column into the bankgiro signal and keeps keying on the name', () => {
    const r = counterpartyKey('LOOPIA AB', { counterpartyAccount: '5343-2795' });
    expect(r.key).toBe('LOOPIA');
    expect(r.signals.bankgiro).toBe('5343-2795');
    expect(r.shareable).toBe(true);
    // Without the column, the same text has no giro.
    expect(counterpartyKey('LOOPIA AB').signals.bankgiro).toBeUndefined();
  });

  test('turns a plusgiro column, grouped or not, into the plusgiro signal (digits with check digit)', () => {
    expect(counterpartyKey('Nordea Bank Abp, filial i Sverige F', { counterpartyAccount: '474 70 02-6' }).signals.plusgiro).toBe('47470026');
    expect(counterpartyKey('Energikundse', { counterpartyAccount: '4875503-7' }).signals.plusgiro).toBe('48755037');
  });

  test('keeps the giro number the text carries over the column’s', () => {
    const bg = counterpartyKey('Betalning BG 5051-6822 Fordonsskatt', { counterpartyAccount: '5343-2795' });
    expect(bg.signals.bankgiro).toBe('5051-6822');
    const pg = counterpartyKey('Betalning PG 4875503-7 Energikundse', { counterpartyAccount: '5343-2795' });
    expect(pg.signals.plusgiro).toBe('48755037');
    expect(pg.signals.bankgiro).toBeUndefined();
  });

  test('ignores private bank accounts, IBANs, internal ids and numbers with a wrong check digit', () => {
    const plain = counterpartyKey('Insättning');
    for (const account of [
      '1234 56 78901', // Nordea personal account
      '3300 12 34567',
      '37680566720',
      '1896  7173032',
      '8327-9 123 456 789-0', // Swedbank clearing with check digit + account
      '8327-9, 123 456 789-0',
      '3300 920117-1221', // Nordea personkonto: clearing + personnummer
      '920117-1221',
      'GB38NWBK60303039723976',
      'SE4550000000058398257466',
      'NAID-SE-SEK-12345678',
      '5402-1234', // bankgiro shape, check digit wrong
      '5343-2796',
      '474 70 02-7',
      '',
      '   ',
    ]) {
      const r = counterpartyKey('Insättning', { counterpartyAccount: account });
      expect(r, account).toEqual(plain);
    }
  });

  test('names a line by the column’s giro number only when nothing else does; a plusgiro key is never shared', () => {
    const bg = counterpartyKey('', { counterpartyAccount: '5343-2795' });
    expect(bg).toMatchObject({ key: 'BG 5343-2795', shareable: true, signals: { bankgiro: '5343-2795' } });
    const pg = counterpartyKey('123456', { counterpartyAccount: '192 69 81-0' });
    expect(pg).toMatchObject({ key: 'PG 19269810', shareable: false, signals: { plusgiro: '19269810' } });
    // A separate name column still comes first, and keeps the giro signal.
    const named = counterpartyKey('123456', { counterparty: 'LOOPIA AB', counterpartyAccount: '5343-2795' });
    expect(named).toMatchObject({ key: 'LOOPIA', shareable: true, signals: { bankgiro: '5343-2795' } });
    // No text and no giro: the no-text key, as before.
    expect(counterpartyKey('', { counterpartyAccount: '1234 56 78901' }).key).toBe('(NO TEXT)');
  });

  test('on the real Nordea exports: giro signals come only from giro columns, and no private account number reaches a key', () => {
    const files = ['foretag-2022-plusgirokonto.csv', 'foretag-2022-iso-dates.csv', 'business-2022-slash-dates.csv', 'business-2024-trailing-semicolon.csv', 'private-2020.csv'];
    let giros = 0;
    for (const f of files) {
      const st = parseStatement(readFileSync(`${CORPUS}/nordea/${f}`));
      for (const t of st.transactions) {
        const r = counterpartyKey(t.text, { reference: t.reference, counterparty: t.counterparty, counterpartyAccount: t.counterpartyAccount });
        const account = t.counterpartyAccount ?? '';
        const giroShaped = /^\d{3,4}-\d{4}$|^(?:\d{1,7}|\d{1,3}(?: \d{2}){1,3})-\d$/.test(account);
        if (!giroShaped && !/\b(?:BG|PG)\b/.test(t.text)) {
          expect(r.signals.bankgiro, `${f} ${t.text}`).toBeUndefined();
          expect(r.signals.plusgiro, `${f} ${t.text}`).toBeUndefined();
        }
        if (/^\d{3,4}-\d{4}$/.test(account) && !/\b(?:BG|PG)\b/.test(t.text)) {
          expect(r.signals.bankgiro, `${f} ${t.text}`).toBe(account);
          giros++;
        }
        const digits = account.replace(/\D/g, '');
        if (!giroShaped && digits.length >= 7) expect(r.key ?? '', `${f} ${t.text}`).not.toContain(digits.slice(-7));
      }
    }
    // The corpus has many bankgiro payments (Skatteverket, Loopia, Telia, …).
    expect(giros).toBeGreaterThan(15);
  });
});

/**
 * Stable ids: the same or an overlapping export gives the same ids; identical purchases on one
 * day stay two transactions.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseStatement } from '../../src/statements/index.js';

const fixture = (p: string): Uint8Array => readFileSync(new URL(`../../fixtures/statements/${p}`, import.meta.url));

describe('transaction ids', () => {
  it('re-parsing the same file gives the same ids', () => {
    const a = parseStatement(fixture('nordea/foretag-2022-plusgirokonto.csv'));
    const b = parseStatement(fixture('nordea/foretag-2022-plusgirokonto.csv'));
    expect(b.transactions.map((t) => t.id)).toEqual(a.transactions.map((t) => t.id));
    expect(new Set(a.transactions.map((t) => t.id)).size).toBe(a.transactions.length);
  });

  it('two overlapping exports give the same ids for the rows they share', () => {
    const text = new TextDecoder().decode(fixture('nordea/foretag-2022-iso-dates.csv'));
    const [header, ...rows] = text.split('\n').filter((l) => l !== '');
    // Cut at day boundaries, as a bank's date-range export does.
    const newer = [header, ...rows.slice(0, 15)].join('\n'); // 2022-05-12 … 2022-02-14
    const older = [header, ...rows.slice(8)].join('\n'); //    2022-03-31 … 2022-01-03
    const a = parseStatement(newer);
    const b = parseStatement(older);
    const shared = a.transactions.filter((t) => t.date <= '2022-03-31' && t.date >= '2022-02-14');
    expect(shared.length).toBe(7);
    const byId = new Map(b.transactions.map((t) => [t.id, t]));
    for (const t of shared) {
      expect(byId.get(t.id), `${t.date} ${t.text}`).toMatchObject({ date: t.date, amount: t.amount, text: t.text });
    }
  });

  it('identical purchases on the same day stay two transactions with different ids', () => {
    const text = [
      'Datum;Text;Typ;Budgetgrupp;Belopp;Saldo',
      '2026-03-02;PRESSBYRÅN;Korttransaktion;Övrigt;-35,00 kr;930,00 kr',
      '2026-03-02;PRESSBYRÅN;Korttransaktion;Övrigt;-35,00 kr;965,00 kr',
      '2026-03-01;PRESSBYRÅN;Korttransaktion;Övrigt;-35,00 kr;1 000,00 kr',
    ].join('\n');
    const noBalance = text.replace(/;[\d ]+,00 kr$/gm, ';');
    for (const t of [text, noBalance]) {
      const s = parseStatement(t, { format: 'ica' });
      expect(s.transactions).toHaveLength(3);
      expect(new Set(s.transactions.map((x) => x.id)).size).toBe(3);
    }
    // Without balances the two rows of 2026-03-02 differ only by their place among identical rows.
    const again = parseStatement(noBalance, { format: 'ica' });
    expect(again.transactions.map((x) => x.id)).toEqual(parseStatement(noBalance, { format: 'ica' }).transactions.map((x) => x.id));
  });

  it('an id depends on account, date, amount and text', () => {
    const base = 'Datum;Text;Typ;Budgetgrupp;Belopp;Saldo\n2026-03-02;COOP;Korttransaktion;Övrigt;-35,00 kr;930,00 kr\n';
    const id = (t: string): string | undefined => parseStatement(t, { format: 'ica' }).transactions[0]?.id;
    const original = id(base);
    expect(id(base.replace('COOP', 'ICA'))).not.toBe(original);
    expect(id(base.replace('2026-03-02', '2026-03-03'))).not.toBe(original);
    expect(id(base.replace('-35,00', '-36,00'))).not.toBe(original);
    expect(id(`9274-261 123 8\n${base}`)).not.toBe(original);
    expect(id(base.replace('\n', '\r\n'))).toBe(original);
  });
});

/**
 * Stable ids: the same or an overlapping export gives the same ids; identical purchases on one
 * day stay two transactions.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../../src/core/errors.js';
import { parseStatement } from '../../src/statements/index.js';
import type { Statement } from '../../src/statements/types.js';
import { caught } from '../support/errors.js';

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

  describe('idAccountNumbers: the account-number spelling the ids are made with', () => {
    const ids = (s: Statement): string[] => s.transactions.map((t) => t.id);
    // Handelsbanken's business export ("123 456 789") and LibreOffice's XLSX re-save of it, where
    // the account number became the number 123456789 (fixtures/make-resave-fixtures.py).
    const csv = parseStatement(fixture('handelsbanken/business-transaktioner-semicolon.txt'));
    const resave = fixture('resave/handelsbanken--business-transaktioner-semicolon.xlsx');

    it('a re-save whose account number lost its spaces gets the export\'s ids with the export\'s spelling, and keeps its own accountNumber', () => {
      expect([csv.accountNumber, parseStatement(resave).accountNumber]).toEqual(['123 456 789', '123456789']);
      // Without the option the spelling as written goes into the ids: the same rows, other ids.
      expect(ids(parseStatement(resave)).filter((id) => ids(csv).includes(id))).toEqual([]);
      const unified = parseStatement(resave, { idAccountNumbers: ['123 456 789'] });
      expect(ids(unified)).toEqual(ids(csv));
      expect(unified.accountNumber).toBe('123456789');
      // Either way round: the export parsed with the re-save's spelling gets the re-save's ids.
      expect(ids(parseStatement(fixture('handelsbanken/business-transaktioner-semicolon.txt'), { idAccountNumbers: ['123456789'] }))).toEqual(ids(parseStatement(resave)));
    });

    it('changes no id of a spelling the list holds as written, or of one it has no equivalent of', () => {
      const source = fixture('handelsbanken/business-transaktioner-semicolon.txt');
      // The file's own spelling wins over an equivalent listed before it.
      expect(ids(parseStatement(source, { idAccountNumbers: ['123456789', '123 456 789'] }))).toEqual(ids(csv));
      // Only separators and leading zeros are ignored: another digit or a missing clearing number is another account.
      for (const other of ['123 456 780', '6000-123 456 789', '1123 456 789', '123 4056 789', '', '  ']) {
        expect(ids(parseStatement(source, { idAccountNumbers: [other] }))).toEqual(ids(csv));
      }
      // A leading zero is one a spreadsheet drops (the cell read as a number): the same account.
      expect(ids(parseStatement(source, { idAccountNumbers: ['0123 456 789'] }))).not.toEqual(ids(csv));
      expect(ids(parseStatement(source, { idAccountNumbers: ['0123 456 789'] }))).toEqual(ids(parseStatement(resave, { idAccountNumbers: ['0123 456 789'] })));
      // Hyphens, dots and no-break spaces are separators as spaces are.
      for (const equivalent of ['123-456-789', '123.456.789', '123\u00a0456\u00a0789']) {
        expect(ids(parseStatement(source, { idAccountNumbers: [equivalent] }))).toEqual(ids(parseStatement(resave, { idAccountNumbers: [equivalent] })));
        expect(ids(parseStatement(source, { idAccountNumbers: [equivalent] }))).not.toEqual(ids(csv));
      }
    });

    it('applies to each row\'s own account in a file of several accounts', () => {
      const original = parseStatement(fixture('sections/two-accounts-semicolon.csv'));
      // The same file with its headings' account numbers written without separators.
      const text = new TextDecoder().decode(fixture('sections/two-accounts-semicolon.csv'));
      const resaved = text.replace(/^Konto:.*$/gm, (heading) => heading.replace(/(\d)-(\d)/g, '$1$2'));
      expect([...new Set(parseStatement(resaved).transactions.map((t) => t.accountNumber))]).toEqual(['91234567801', '91234567819']);
      expect(ids(parseStatement(resaved)).filter((id) => ids(original).includes(id))).toEqual([]);
      const unified = parseStatement(resaved, { idAccountNumbers: ['9123-4567801', '9123-4567819'] });
      expect(ids(unified)).toEqual(ids(original));
      expect(unified.transactions.map((t) => t.accountNumber)).toEqual(parseStatement(resaved).transactions.map((t) => t.accountNumber));
      // One account's spelling leaves the other account's ids as they were.
      const one = parseStatement(resaved, { idAccountNumbers: ['9123-4567819'] });
      const isSecond = (s: Statement) => s.transactions.map((t) => t.accountNumber === '91234567819');
      expect(ids(one).filter((_, i) => isSecond(one)[i])).toEqual(ids(original).filter((_, i) => isSecond(one)[i]));
      expect(ids(one).filter((_, i) => !isSecond(one)[i])).toEqual(ids(parseStatement(resaved)).filter((_, i) => !isSecond(one)[i]));
    });

    it('refuses a list that is not of strings', () => {
      const bad = { idAccountNumbers: [123456789] } as unknown as Parameters<typeof parseStatement>[1];
      expect(caught(() => parseStatement(fixture('handelsbanken/business-transaktioner-semicolon.txt'), bad), InvalidOptionError).code).toBe('INVALID_OPTION');
    });
  });
});

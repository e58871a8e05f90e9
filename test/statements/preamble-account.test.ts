/**
 * The account number in the title rows above a statement's header (src/statements/preamble-account.ts):
 * read after any label that names the account (`Företagskonto`, `Saldo/Konto:`, `Transaktioner för
 * konto`, `IBAN`, …) or as the only number of a title row, whatever format reads the table; never a
 * date, a period, an amount, an organisation number or a bankgiro number.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseStatement } from '../../src/statements/index.js';

const fixture = (p: string): Uint8Array => readFileSync(new URL(`../../fixtures/statements/${p}`, import.meta.url));

/** A header-read table (no bank's layout): the preamble rows above it are the test's. */
const BODY = ['Datum;Text;Belopp;Saldo', '2026-01-05;Överföring 5357-12 345 67;-5 000,00;10 000,00', '2026-01-03;Lön;15 000,00;15 000,00'];
const withPreamble = (pre: readonly string[], delimiter: string): string => [...pre, '', ...BODY].join('\r\n').replace(/;/g, delimiter);

describe('the account number in a preamble row', () => {
  const read: [string, string[], string][] = [
    ['a Swedbank number after "Konto:"', ['Konto: 8327-9, 123 456 789-0'], '8327-9, 123 456 789-0'],
    ['the cell after "Kontonummer"', ['Kontonummer;5357-12 345 67'], '5357-12 345 67'],
    ['a word ending in -konto', ['Företagskonto 1234 56 78901'], '1234 56 78901'],
    ['"Bankkonto:"', ['Bankkonto: 3300 12 34567'], '3300 12 34567'],
    ['a label after a slash', ['Saldo/Konto: 6789-123 456 789'], '6789-123 456 789'],
    ['"konto" inside a title sentence', ['Transaktioner för konto 9023 123 456 7'], '9023 123 456 7'],
    ['a Kontoutdrag title with the number and the period', ['Kontoutdrag 6789-123 456 789 2026-01-01 - 2026-01-31'], '6789-123 456 789'],
    ['an IBAN', ['IBAN: SE45 5000 0000 0583 9825 7466'], 'SE45 5000 0000 0583 9825 7466'],
    ['the only number of an unlabelled title row', ['Byggfirma Nord AB', '1234-5 678 901'], '1234-5 678 901'],
    ['the account row under an organisation number', ['Org.nr 556677-8899', 'Konto 6789-123 456 789'], '6789-123 456 789'],
    ['an account row whose cells also hold the period', ['Konto;9020.12.34567;Period;2026-01-01 - 2026-01-31'], '9020.12.34567'],
  ];
  for (const [what, pre, account] of read) {
    for (const delimiter of [';', '\t']) {
      it(`${what} (${delimiter === ';' ? 'semicolon' : 'TAB'})`, () => {
        const s = parseStatement(withPreamble(pre, delimiter), { fileName: 'kontoutdrag.csv' });
        expect(s.transactions).toHaveLength(2);
        expect(s.accountNumber).toBe(account);
        expect(s.transactions.every((t) => t.accountNumber === undefined || t.accountNumber === account)).toBe(true);
      });
    }
  }

  const notRead: [string, string[]][] = [
    ['a period after Kontoutdrag', ['Kontoutdrag 2026-01-01 - 2026-01-31']],
    ['a period of bare dates', ['Kontoutdrag 20260101-20260131']],
    ['an organisation number', ['Org.nr 556677-8899', 'Kontoutdrag 2026-01-01 - 2026-01-31']],
    ['an organisation number alone beside the name', ['Byggfirma Nord AB 556677-8899']],
    ['a personal number', ['Kontohavare: Eva Lind 19800101-1234']],
    ['a bankgiro number', ['Bankgiro 5050-1055']],
    ['a bankgiro number after Konto', ['Konto: 5050-1055']],
    ['an amount', ['Saldo: 12 345,67']],
    ['a customer number of an account number\'s length', ['Kundnummer 1234 567 8901']],
    ['a statement serial number after Kontoutdrag', ['Kontoutdrag nr 2026014']],
  ];
  for (const [what, pre] of notRead) {
    it(`is not ${what}`, () => {
      const s = parseStatement(withPreamble(pre, ';'), { fileName: 'kontoutdrag.csv' });
      expect(s.transactions).toHaveLength(2);
      expect(s.accountNumber).toBeUndefined();
    });
  }

  it('is never a number in a transaction row', () => {
    // The first row's text holds an account number; without a preamble the file names no account.
    const s = parseStatement(BODY.join('\r\n'), { fileName: 'kontoutdrag.csv' });
    expect(s.accountNumber).toBeUndefined();
  });

  it('is read for a bank format that reads no preamble of its own (a title row above a Danske export)', () => {
    const csv = new TextDecoder('windows-1252').decode(fixture('danske/quoted-cp1252-dot-thousands-status.csv'));
    const plain = parseStatement(csv);
    const titled = parseStatement(`"Kontoutdrag";"Företagskonto 1234-5 678 901"\r\n${csv}`);
    expect([plain.format, titled.format]).toEqual(['danske', 'danske']);
    expect(plain.accountNumber).toBeUndefined();
    expect(titled.accountNumber).toBe('1234-5 678 901');
    expect(titled.transactions.map((t) => [t.date, t.amount, t.text])).toEqual(plain.transactions.map((t) => [t.date, t.amount, t.text]));
  });

  it('is read from a workbook title cell (Kontoutdrag Företagskonto … merged across the sheet)', () => {
    const s = parseStatement(fixture('generic/two-row-header-merged-cells.xlsx'), { fileName: 'two-row-header-merged-cells.xlsx' });
    expect(s.accountNumber).toBe('9150-012 345 678');
  });
});

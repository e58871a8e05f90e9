/**
 * A bank export opened in a spreadsheet and saved as a workbook (XLSX or Excel 97–2003) reads as
 * the export did: the same format, rows, amounts, dates, texts and account. The workbooks are
 * LibreOffice 7.4 re-saves of the CSV fixtures in the Swedish locale (fixtures/make-resave-fixtures.py):
 * amounts became numeric cells (`-1.204,50` → -1204.5), dates date cells, the bank's `;` is gone and
 * a row's trailing empty cells are left out.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseStatement } from '../../src/statements/index.js';
import type { BankTransaction } from '../../src/statements/types.js';

const fixture = (p: string): Uint8Array => readFileSync(new URL(`../../fixtures/statements/${p}`, import.meta.url));
const row = (t: BankTransaction) => [t.line, t.date, t.valueDate, t.amount, t.balance, t.text, t.counterparty, t.reference, t.counterpartyAccount, t.kind, t.pending];

const SOURCES = [
  'danske/quoted-cp1252-dot-thousands-status.csv',
  'handelsbanken/business-transaktioner-semicolon.txt',
  'ica/kr-suffix-account-line.csv',
  'lansforsakringar/2021-ddmmyy-dates.csv',
  'lunar/swedish-quoted-amounts.csv',
  'nordea/business-2022-slash-dates.csv',
  'skatteverket/skattekonto-quoted.csv',
  // Header-less layouts, told by the shape of their rows: ISO date cells and numbers in a workbook.
  'swedbank/tab-2015.txt',
  'swedbank/short-2017-headerless.csv',
];

describe('an export re-saved as a workbook', () => {
  for (const source of SOURCES) {
    for (const ext of ['xlsx', 'xls', 'ods']) {
      it(`${source} saved as .${ext} reads as the export does`, () => {
        const csv = parseStatement(fixture(source));
        const name = `resave/${source.replace('/', '--').replace(/\.[a-z]+$/, '')}.${ext}`;
        const book = parseStatement(fixture(name), { fileName: name });
        expect(book.format).toBe(csv.format);
        expect(book.transactions.map(row)).toEqual(csv.transactions.map(row));
        expect([book.openingBalance, book.closingBalance, book.currency]).toEqual([csv.openingBalance, csv.closingBalance, csv.currency]);
        // A spreadsheet turns an all-digit account number ("123 456 789") into a number: the digits stay.
        expect(book.accountNumber?.replace(/\D/g, '')).toBe(csv.accountNumber?.replace(/\D/g, ''));
        // Where the account number kept its spelling, the lines keep their ids (a re-save is not new lines);
        // where it lost its separators, they get them when parsed with the export's spelling.
        if (book.accountNumber === csv.accountNumber) expect(book.transactions.map((t) => t.id)).toEqual(csv.transactions.map((t) => t.id));
        const spelled = parseStatement(fixture(name), { fileName: name, idAccountNumbers: csv.accountNumber === undefined ? [] : [csv.accountNumber] });
        expect(spelled.transactions.map((t) => t.id)).toEqual(csv.transactions.map((t) => t.id));
      });
    }
  }
});

describe('an export re-saved by Excel as tab-delimited text', () => {
  it('ICA Banken: the account line, the rows and their ids read as the export does', () => {
    // Excel's "Text (Tab delimited)" of ica/kr-suffix-account-line.csv: Windows-1252, CRLF, cells as
    // shown (`-1 000,00 kr` with a no-break space), the account line padded with TABs.
    const csv = parseStatement(fixture('ica/kr-suffix-account-line.csv'));
    const name = 'resave/ica--kr-suffix-account-line-excel-tab.txt';
    const txt = parseStatement(fixture(name), { fileName: 'Kontoutdrag.txt' });
    expect(txt.format).toBe('ica');
    expect(txt.accountNumber).toBe('9274-261 123 8');
    expect(txt.transactions.map(row)).toEqual(csv.transactions.map(row));
    expect(txt.transactions.map((t) => t.id)).toEqual(csv.transactions.map((t) => t.id));
  });
});

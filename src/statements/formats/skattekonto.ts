/**
 * Skatteverket's skattekontoutdrag (real files in kjelloh/cratchit, formats.md §3.2):
 * - current: `;`, all quoted, `"<FÖRETAG>";"<orgnr>";"";""`, a blank row,
 *   `"";"Ingående saldo YYYY-MM-DD";"";"<saldo>"`, rows `"YYYY-MM-DD";"<text>";"<belopp>";"<saldo>"`
 *   (whole kronor, space thousands), closing `"";"Utgående saldo YYYY-MM-DD";"";"<saldo>"`.
 * - older: unquoted, `;Ingående saldo 2025-04-01;656;0;`, transaction rows with empty balance.
 * Oldest first.
 *
 * Two exports joined end to end (`cat`) are read in sections: each export starts with its company
 * line, or, without one, with an `Ingående saldo` line after rows or an `Utgående saldo`. Each
 * section's balance is checked on its own, and the lines two exports of overlapping periods both
 * hold are read once (`finish.ts`).
 */
import { StatementParseError } from '../../core/errors.js';
import { parseDate } from '../../core/dates.js';
import { AmountFormatError } from '../../core/money.js';
import { forEachRecord } from '../csv.js';
import { type BalanceMark, type Head, type ParseContext, type RawStatement, type RowProblem, type StatementFormat, STYLE, WORKBOOK_DELIMITER, readAmount } from '../format.js';
import { splitCells } from '../csv.js';
import { findHeaderRow } from './header.js';

const ORGNR = /^(\d{6}|\d{8})-?\d{4}$/;
const IB = /^ingående saldo\b/i;
const UB = /^utgående saldo\b/i;

export const skattekonto: StatementFormat = {
  id: 'skattekonto',
  bank: 'Skatteverket',
  detect(head: Head): number {
    const lines = head.lines.filter((l) => l.trim() !== '');
    const first = lines[0];
    if (first === undefined) return 0;
    // A workbook sheet (the export opened in Excel and saved) has TABs where the export has `;`.
    const delimiter = head.workbook === true ? WORKBOOK_DELIMITER : ';';
    const cells = splitCells(first, delimiter).map((c) => c.trim());
    const hasOrg = ORGNR.test(cells[1] ?? '');
    // Both layouts put `Ingående saldo` in the second cell (the first is empty), as the parser reads it.
    const ib = lines.slice(0, 6).findIndex((l) => IB.test((splitCells(l, delimiter)[1] ?? '').trim()));
    const hasIb = ib >= 0;
    if (hasOrg && hasIb) return 1;
    if (!hasIb) return 0;
    // The skattekontoutdrag has no header row: an `Ingående saldo` row under a header that names a
    // date and an amount is another bank's table opening with its balance.
    const header = findHeaderRow(lines.slice(0, ib + 1));
    return header === undefined ? 0.7 : 0;
  },
  parse(text: string, ctx: ParseContext): RawStatement {
    const marks: BalanceMark[] = [];
    const skipped: RowProblem[] = [];
    let accountNumber: string | undefined;
    /** One per export: `cat` of two exports holds two. */
    const sections: { line: number; headerLine: number; heading: string; accountNumber?: string | undefined }[] = [];
    /** Whether the current export has rows or balance lines yet (a company or opening line after them starts the next). */
    let filled = false;
    const current = (line: number, next: boolean): (typeof sections)[number] => {
      const last = sections[sections.length - 1];
      if (last !== undefined && !next) return last;
      // An export without a company line is of the tax account above it.
      const s = { line, headerLine: line, heading: '', accountNumber: last?.accountNumber };
      sections.push(s);
      filled = false;
      return s;
    };
    const money = (raw: string, line: number, field: string): number => {
      try {
        return readAmount(raw, STYLE.comma, ctx.workbook === true);
      } catch (e) {
        const expected = e instanceof AmountFormatError ? e.expected : 'an amount';
        throw new StatementParseError('INVALID_AMOUNT', `Invalid amount: expected ${expected}, got ${JSON.stringify(raw)}`, { file: ctx.file, line, field });
      }
    };
    forEachRecord(text, ctx.workbook === true ? WORKBOOK_DELIMITER : ';', 1, ctx.file, (raw, line) => {
      const r = { cells: raw, line };
      const cells = r.cells.map((c) => c.trim());
      const [c0 = '', c1 = '', c2 = '', c3 = ''] = cells;
      try {
        if (ORGNR.test(c1) && !/\d{4}-\d{2}-\d{2}/.test(c0)) {
          const section = current(r.line, filled);
          section.heading = `${c0} ${c1}`.trim();
          section.accountNumber = c1;
          accountNumber ??= c1;
          return;
        }
        if (IB.test(c1) || UB.test(c1)) {
          current(r.line, filled && IB.test(c1));
          filled = true;
          const value = c2 !== '' ? c2 : c3;
          marks.push({ line: r.line, balance: money(value, r.line, 'saldo'), position: IB.test(c1) ? 'start' : 'end', role: IB.test(c1) ? 'opening' : 'closing' });
          return;
        }
        if (cells.every((c) => c === '')) return;
        current(r.line, false);
        filled = true;
        const date = parseDate(c0, 'YYYY-MM-DD');
        if (date === undefined) {
          throw new StatementParseError('INVALID_DATE', `Invalid date: expected YYYY-MM-DD, got ${JSON.stringify(c0)}`, { file: ctx.file, line: r.line, field: 'datum' });
        }
        ctx.sink.add({
          line: r.line,
          date,
          text: c1,
          amount: money(c2, r.line, 'belopp'),
          balance: c3 === '' ? undefined : money(c3, r.line, 'saldo'),
          kind: 'tax-account',
        });
      } catch (e) {
        if (ctx.lenient && e instanceof StatementParseError) skipped.push({ line: r.line, error: e });
        else throw e;
      }
    });
    return { marks, skipped, accountNumber, ...(sections.length > 1 && { sections }) };
  },
};

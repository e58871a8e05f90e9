/**
 * Files in sections: one export holding several accounts or periods, each section introduced by
 * heading lines of its own (account name and number, period) and its own copy of the column
 * header, often with a closing-balance or totals line and a blank line before the next heading.
 *
 * The table itself is still read by the header reader, once: this module finds the sections,
 * blanks their heading lines and repeated headers (lines keep their numbers), gives every row the
 * account its section's heading names, and hands the sections to `finish.ts`, which checks each
 * section's balance chain on its own — two accounts' chains are never joined into one.
 *
 * A header repeated with nothing but blank lines above it is a page break, not a section, in a
 * file whose header has heading lines above it; in a file that starts with its header, it is where
 * the next of two exports joined end to end starts, a section (see `finish.ts` for the lines two
 * such exports of overlapping periods both hold).
 */
import { StatementParseError } from '../core/errors.js';
import { DATE_PATTERNS, parseDate } from '../core/dates.js';
import { tryParseAmount } from '../core/money.js';
import { headLines, splitCells, splitLines } from './csv.js';
import { isNewestFirst } from './finish.js';
import { GENERIC_STYLES } from './format.js';
import type { ParseContext, RawRow, RawSection, RawStatement, RowSink } from './format.js';
import { MAX_PREAMBLE, balanceRowOf, findHeaderRow, readByHeader } from './formats/header.js';
import { preambleAccount, preamblePeriod } from './preamble-account.js';
import { DATE_MEANINGS, type HeaderMeaning } from './synonyms.js';
import { TOTALS } from './table.js';

/** The money columns whose amount makes a line a row, not a heading. */
const ROW_MONEY_MEANINGS: readonly HeaderMeaning[] = ['amount', 'credit', 'debit', 'balance'];
/** An account number after a word naming an account (`Sparkonto 9123-4567819`, `Account: 1234 56 78901`). */
const NAMED_ACCOUNT = /(?:konto|account)[a-zåäö]*\b[^\d\n]{0,40}?(\d{4,5}(?:[ .-]?\d{1,3}){2,5})(?!\d)/i;
/** Longest heading text kept per section. */
const MAX_HEADING = 200;

function cellText(c: string): string {
  return c.trim().replace(/^"(.*)"$/, '$1').trim();
}

/** The account number a section's heading lines name, if any. */
export function headingAccount(heading: readonly string[], delimiter: string): string | undefined {
  const labelled = preambleAccount(heading, delimiter).accountNumber;
  if (labelled !== undefined) return labelled;
  for (const line of heading) {
    const m = NAMED_ACCOUNT.exec(splitCells(line, delimiter).map(cellText).join(' '));
    if (m?.[1] !== undefined) return m[1];
  }
  return undefined;
}


/** Reads a table by its header, in sections when the file has them (see the module comment). */
export function readInSections(text: string, ctx: ParseContext, bank: string): RawStatement {
  const head = headLines(text, MAX_PREAMBLE + 6);
  const header = findHeaderRow(head);
  if (header === undefined) return readByHeader(text, ctx, bank);
  const d = header.delimiter;
  // The header as written, without the empty cells some writers put after it (`Datum;Text;Belopp;;`).
  const bare = (line: string): string => {
    let end = line.length;
    while (end > 0 && (line.charAt(end - 1) === d || /\s/.test(line.charAt(end - 1)))) end--;
    return line.slice(0, end);
  };
  const headerText = bare(head[header.index] ?? '');
  // Cheap test first: a file whose header line occurs once is read as before, without splitting it.
  if (headerText.length < 4 || text.indexOf(headerText, text.indexOf(headerText) + headerText.length) < 0) return readByHeader(text, ctx, bank);

  const lines = splitLines(text);
  const dateCols = header.meanings.flatMap((m, i) => (m !== undefined && DATE_MEANINGS.includes(m) ? [i] : []));
  const moneyCols = header.meanings.flatMap((m, i) => (m !== undefined && ROW_MONEY_MEANINGS.includes(m) ? [i] : []));
  /** A line a section's heading may hold: no date in a date column, no amount in a money column, no balance or totals row. */
  const isHeading = (line: string): boolean => {
    const cells = splitCells(line, d);
    if (balanceRowOf(cells) !== undefined) return false;
    // A totals word starting a cell (`Summa`, `Totalt:`): such a line closes the section above it.
    if (cells.some((c) => TOTALS.test(cellText(c)))) return false;
    const dated = dateCols.some((i) => {
      const c = cellText(cells[i] ?? '');
      return /\d/.test(c) && DATE_PATTERNS.some((p) => parseDate(c, p) !== undefined);
    });
    // An amount in a money column makes it a row (a pending one may have no date), never a heading.
    const money = moneyCols.some((i) => {
      const c = cellText(cells[i] ?? '');
      return /\d/.test(c) && GENERIC_STYLES.some((st) => typeof tryParseAmount(c, st) === 'number');
    });
    return !dated && !money;
  };

  const repeats: number[] = [];
  for (let i = header.index + 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.startsWith(headerText) && bare(line) === headerText) repeats.push(i);
  }
  const sections: { start: number; header: number; headingLines: number[]; heading: string[] }[] = [
    { start: 0, header: header.index, headingLines: [], heading: lines.slice(0, header.index).filter((l) => l.trim() !== '') },
  ];
  let previous = header.index;
  for (const r of repeats) {
    // Upwards from the repeated header: its heading lines, and an opening balance of the new
    // section (`Ingående saldo`); a closing balance, a totals line or a row ends the section above.
    const heading: number[] = [];
    let start = r;
    for (let j = r - 1; j > previous; j--) {
      const line = lines[j] as string;
      if (line.trim() === '') continue;
      if (heading.length === 0 && balanceRowOf(splitCells(line, d)) === 'opening') {
        start = j;
        continue;
      }
      if (!isHeading(line)) break;
      heading.unshift(j);
      start = j;
    }
    sections.push({ start, header: r, headingLines: heading, heading: heading.map((j) => lines[j] as string) });
    previous = r;
  }
  // A file that starts with its header (no heading lines above it): a bare copy of that header
  // further down is where the next export of the same layout starts (two exports joined end to
  // end, each starting with its header), a section of its own. In a file with heading lines, a
  // bare repeated header is a page break: only repeated headers, and the table is read as before.
  const bareStart = (sections[0] as (typeof sections)[number]).heading.length === 0;
  if (!bareStart && sections.slice(1).every((s) => s.heading.length === 0)) return readByHeader(text, ctx, bank);

  // Sections without a heading of their own (a page break inside a section) belong to the one above.
  const kept = sections.filter((s, k) => k === 0 || bareStart || s.heading.length > 0);
  const raw: { line: number; headerLine: number; heading: string; accountNumber?: string; period?: { from: string; to: string } }[] = [];
  let account: string | undefined;
  for (const s of kept) {
    const own = headingAccount(s.heading, d);
    // A section whose heading names no account (a new period) continues the account above it.
    if (own !== undefined) account = own;
    const period = preamblePeriod(s.heading);
    const heading = s.heading.map((l) => splitCells(l, d).map(cellText).filter((c) => c !== '').join(' ')).filter((l) => l !== '').join(' · ');
    raw.push({
      line: s.start + 1,
      headerLine: s.header + 1,
      heading: heading.length > MAX_HEADING ? `${heading.slice(0, MAX_HEADING - 1)}…` : heading,
      ...(account !== undefined && { accountNumber: account }),
      ...(period !== undefined && { period }),
    });
  }
  const accounts = new Set(raw.map((s) => s.accountNumber).filter((a): a is string => a !== undefined));
  const unnamed = raw.find((s) => s.accountNumber === undefined);
  if (accounts.size > 0 && unnamed !== undefined) {
    const named = raw.find((s) => s.accountNumber !== undefined) as (typeof raw)[number];
    throw new StatementParseError(
      'AMBIGUOUS_FORMAT',
      `Ambiguous sections: the section starting on line ${named.line} is for account ${named.accountNumber ?? ''}, but the section starting on line ${unnamed.line} names no account; its rows cannot be told from another account's`,
      { file: ctx.file, line: unnamed.line },
    );
  }

  // The heading lines and repeated headers go; every other line keeps its place and number.
  const blank = new Set<number>();
  for (const s of kept.slice(1)) for (const j of s.headingLines) blank.add(j);
  for (const r of repeats) blank.add(r);
  const body = lines.map((l, i) => (blank.has(i) ? '' : l)).join('\n');

  // Each row gets its section's account (rows arrive in line order).
  const starts = raw.map((s) => s.line);
  let k = 0;
  const sink: RowSink =
    accounts.size === 0
      ? ctx.sink
      : {
          add(row: RawRow): void {
            while (k + 1 < starts.length && (starts[k + 1] as number) <= row.line) k++;
            ctx.sink.add({ ...row, account: raw[k]?.accountNumber });
          },
        };
  const read = readByHeader(body, { ...ctx, sink }, bank);
  const sectionList: RawSection[] = raw.map((s) => ({ line: s.line, headerLine: s.headerLine, heading: s.heading, accountNumber: s.accountNumber, period: s.period }));
  // Every section states its period: the file covers them all.
  const periods = raw.map((s) => s.period).filter((p): p is { from: string; to: string } => p !== undefined);
  const first = periods[0];
  // Else the period the rows give (a column), not the one the first section's heading states alone.
  const period =
    first !== undefined && periods.length === raw.length
      ? { from: periods.reduce((m, p) => (p.from < m ? p.from : m), first.from), to: periods.reduce((m, p) => (p.to > m ? p.to : m), first.to) }
      : raw[0]?.period === undefined
        ? read.period
        : undefined;
  return {
    ...read,
    period,
    // With several accounts the statement's account is the most common one (finish.ts).
    accountNumber: accounts.size > 1 ? undefined : (raw[0]?.accountNumber ?? read.accountNumber),
    sections: sectionList,
  };
}

/**
 * Reads a layout without a column header to repeat (rows from the first line on: Swedbank's 2015
 * tab and 2017 header-less exports) in sections when it is two or more exports joined end to end
 * (`cat a b`). Such a file has no line that says where the next export starts; its rows do: the
 * balance chain breaks there, and the row either goes against the file's date order (the next
 * export starts over at its newest, or oldest, row) or is a line the file already holds, balance
 * included (exports of overlapping periods). A chain break alone is a missing row, and a date out
 * of order or an identical row alone happens within one export; both together is a join. Each
 * export found is a section, and `finish.ts` reads the lines two of them hold once, as for files
 * whose header repeats. `read` parses the text into the sink it is given; the rows are kept until
 * the sections are known, then handed on in file order.
 */
export function readJoinedRows(ctx: ParseContext, read: (ctx: ParseContext) => RawStatement): RawStatement {
  const rows: RawRow[] = [];
  const raw = read({ ...ctx, sink: { add: (r: RawRow) => rows.push(r) } });
  for (const r of rows) ctx.sink.add(r);
  const starts = joinStarts(rows);
  if (starts.length === 0) return raw;
  const first = rows[0] as RawRow;
  return { ...raw, sections: [first.line, ...starts].map((line) => ({ line, headerLine: line, heading: '' })) };
}

/** The content of a row that tells it from every other line of its account: date, amount, text and balance. */
function rowKey(r: RawRow): string {
  return `${r.date}\u001f${r.amount}\u001f${r.text}\u001f${r.balance ?? ''}`;
}

/** Whether `b`'s balance follows from `a`'s by one of their amounts (either row order; unsigned amounts too). */
function chainHolds(a: RawRow, b: RawRow): boolean {
  if (a.balance === undefined || b.balance === undefined) return false;
  const d = Math.abs(b.balance - a.balance);
  return d === Math.abs(a.amount) || d === Math.abs(b.amount);
}

/** Lines where a further export starts among rows read from the first line on (see {@link readJoinedRows}). */
function joinStarts(rows: readonly RawRow[]): number[] {
  const newestFirst = isNewestFirst(rows);
  const starts = new Set<number>();
  /** Rows after a chain break, in order, that start an export if an earlier row has their content. */
  const candidates = new Map<string, number[]>();
  for (let i = 1; i < rows.length; i++) {
    const a = rows[i - 1] as RawRow;
    const b = rows[i] as RawRow;
    if (chainHolds(a, b) || b.date === '' || a.date === '') continue;
    const against = newestFirst !== undefined && (newestFirst ? b.date > a.date : b.date < a.date);
    if (against) starts.add(i);
    else if (b.balance !== undefined) {
      const k = rowKey(b);
      const list = candidates.get(k);
      if (list === undefined) candidates.set(k, [i]);
      else list.push(i);
    }
  }
  // Second pass, only for the candidates' contents: the first row holding each. A candidate whose
  // row before it is also the row before that first one continues a repeated run (a break the
  // first copy has too), it does not start one.
  if (candidates.size > 0) {
    for (let i = 0; i < rows.length; i++) {
      const k = rowKey(rows[i] as RawRow);
      const list = candidates.get(k);
      if (list === undefined) continue;
      const before = i === 0 ? undefined : rowKey(rows[i - 1] as RawRow);
      for (const c of list) if (c > i && rowKey(rows[c - 1] as RawRow) !== before) starts.add(c);
      candidates.delete(k);
    }
  }
  return [...starts].sort((x, y) => x - y).map((i) => (rows[i] as RawRow).line);
}

/**
 * Whether two of the periods of one account overlap: statements of a file that holds the same
 * statement twice (sent again, or two files joined), where statements one after another never do.
 * A period is `from`–`to` in any form that sorts as text (ISO dates, date-times); one that ends
 * where the next begins does not overlap it, the same period twice does. Sorted once: O(n log n).
 */
export function overlappingPeriods(periods: readonly { readonly account: string; readonly from: string; readonly to: string }[]): boolean {
  const byAccount = new Map<string, { from: string; to: string }[]>();
  for (const p of periods) {
    const list = byAccount.get(p.account);
    if (list === undefined) byAccount.set(p.account, [p]);
    else list.push(p);
  }
  for (const list of byAccount.values()) {
    list.sort((x, y) => (x.from < y.from ? -1 : x.from > y.from ? 1 : x.to < y.to ? -1 : x.to > y.to ? 1 : 0));
    let end = '';
    let previous: { from: string; to: string } | undefined;
    for (const p of list) {
      // Opens before the latest close so far, or is the same period again (one opening and closing on one day).
      if (p.from < end || (previous !== undefined && previous.from === p.from && previous.to === p.to)) return true;
      if (p.to > end) end = p.to;
      previous = p;
    }
  }
  return false;
}

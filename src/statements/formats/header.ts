/**
 * The header reader: any delimited bank table (CSV, TXT, an XLSX sheet, an HTML table) that no
 * known format claims is read by what its header says. Each header cell is looked up in the
 * synonym table (`../synonyms.ts`); the number and date styles come from the data; when two
 * columns could be the date or the amount, the data decides (which parses, which keeps the
 * balance chain) or the file is refused with the candidates and the `columns` option that settles
 * it. The balance chain also decides the row order. What was taken for what is returned in
 * `Statement.detected` and as a `COLUMNS_DETECTED` warning.
 */
import { StatementParseError } from '../../core/errors.js';
import { DATE_PATTERNS, type DatePattern, parseDate } from '../../core/dates.js';
import { type AmountStyle, currencyMark, tryParseAmount } from '../../core/money.js';
import { forEachRecord, headLines, lineOffset, splitCells } from '../csv.js';
import { GENERIC_STYLES, type ParseContext, type RawStatement } from '../format.js';
import { htmlTableRows } from '../markup.js';
import { DATE_MEANINGS, type HeaderMeaning, compoundMeaning, headerMeaning, namesAccountCurrency, partyDirection } from '../synonyms.js';
import { type ColumnRole, type HeaderMatch, type TableSpec, balanceRowOf, feeDirection, feeMovement, parseTable, signOf, unformula } from '../table.js';
import { chainBreaks, depositLessWithdrawal, readingByBalance } from '../balance-chain.js';
import { bestOf, datePatternOf, pairedWith } from '../date-pattern.js';

export { balanceRowOf };
import type { ColumnMapping } from '../types.js';
import { preambleAccount } from '../preamble-account.js';

const DELIMITERS = [';', '\t', ',', '|'] as const;
/** Lines that may precede the header (account blocks, titles, a summary of the period). */
export const MAX_PREAMBLE = 24;
/** Rows sampled to settle ambiguous columns, the number style and the row order. */
const SAMPLE_ROWS = 400;
export const HEADER_STYLES: readonly AmountStyle[] = GENERIC_STYLES;
/** Where the description comes from when there is no text column: the counterparty, the bank's reference, a message. */
const TEXT_RANK = ['text', 'counterparty', 'reference', 'message', 'type'] as const;
const PENDING = /^(prel|reserv|pending|preliminär|väntande)/i;
/** A status that says the row is not booked yet (kept only with `includePending`). */
const STATUS_PENDING = /^(prel|reserv|pending|preliminär|väntande|ej bokförd|ej genomförd|under behandling|behandlas|authori[sz]ed|in progress|processing)/i;
/**
 * A balance-impact cell that says the row moved no money (`Memo`, `None`, `Ingen`): a note of a
 * payment service's (an authorisation, an order) beside its movements, left out as a void row is.
 */
const NO_IMPACT = /^(memo|none|no impact|ingen|ingen påverkan)$/i;
/** A status that says the money never moved: the row is left out. */
const STATUS_VOID = /^(declined|denied|refused|voided|expired|reverted|reversed|failed|cancell?ed|rejected|avvisad|avslagen|nekad|misslyckad|makulerad|annullerad|avbruten|återkallad|återförd|stoppad)/i;

/** A row that moved no money: declined, reverted or cancelled by its status, or no balance impact. */
function voidRow(status: string, impact: string): boolean {
  return STATUS_VOID.test(status) || NO_IMPACT.test(impact.trim());
}

/** A header row the synonym table understands: a date column and an amount (or in/out) column. */
export interface HeaderCandidate {
  readonly index: number;
  readonly delimiter: string;
  readonly names: readonly string[];
  readonly meanings: readonly (HeaderMeaning | undefined)[];
  readonly currency?: string | undefined;
  readonly recognised: number;
}

/** Refusal when two columns could be the date or the amount and the data does not settle it. */
export class ColumnAmbiguityError extends StatementParseError {
  /** The header names that compete, per role. */
  readonly candidates: Readonly<Record<string, readonly string[]>>;
  /** A `columns` option that reads the file (with the first candidate; change it as needed). */
  readonly columns: ColumnMapping;
  constructor(role: string, names: readonly string[], columns: ColumnMapping, file: string | undefined, line: number) {
    super(
      'AMBIGUOUS_FORMAT',
      `Ambiguous columns: ${names.map((n) => `"${n}"`).join(' and ')} could each be the ${role === 'date' ? 'booking date' : role} and the data does not settle it; pass \`columns: ${JSON.stringify(columns)}\` (with the ${role} you mean) to choose`,
      { file, line, field: names[0] },
    );
    this.candidates = { [role]: names };
    this.columns = columns;
  }
}

/** Turns an HTML table page into TAB-separated lines (one per table row), else returns the text. */
export function htmlAsTable(text: string): string {
  const start = text.slice(0, 2048).trimStart();
  if (!start.startsWith('<') || !/<table/i.test(text.slice(0, 1 << 16))) return text;
  // A cell that opens with a double quote is written quoted, as CSV would (the lines are read as delimited text).
  return htmlTableRows(text).map((r) => r.cells.map((c) => (c.startsWith('"') ? `"${c.replace(/"/g, '""')}"` : c)).join('\t')).join('\n');
}

function trimTrailing(cells: string[]): string[] {
  let n = cells.length;
  while (n > 0 && (cells[n - 1] ?? '').trim() === '') n--;
  return cells.slice(0, n);
}

/** The header rows of the first lines under each delimiter, with what each cell means (in line order). */
function* headerRows(lines: readonly string[]): Generator<HeaderCandidate> {
  const max = Math.min(lines.length, MAX_PREAMBLE + 1);
  for (let i = 0; i < max; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    for (const d of DELIMITERS) {
      if (!line.includes(d)) continue;
      const names = trimTrailing(splitCells(line, d)).map((c) => c.trim().replace(/^"(.*)"$/, '$1').trim());
      if (names.length < 2) continue;
      let currency: string | undefined;
      const meanings = names.map((n) => {
        const m = headerMeaning(n);
        if (m?.currency !== undefined && (m.meaning === 'amount' || m.meaning === 'credit' || m.meaning === 'debit')) currency = m.currency;
        return m?.meaning;
      });
      const has = (...ms: HeaderMeaning[]): boolean => meanings.some((m) => m !== undefined && ms.includes(m));
      // A header that names no date, or no text, by the table: a name built on `datum`/`date` or
      // `text` (`Startdatum`, `Verifikationstext`) is one.
      const lacksDate = !has(...DATE_MEANINGS);
      const lacksText = !has('text');
      if (lacksDate || lacksText) {
        names.forEach((n, k) => {
          if (meanings[k] !== undefined) return;
          const c = compoundMeaning(n);
          if ((c === 'date' && lacksDate) || (c === 'text' && lacksText)) meanings[k] = c;
        });
      }
      // A data row below must split the same way.
      if (!lines.slice(i + 1, i + 6).some((l) => splitCells(l, d).length >= 2)) continue;
      yield { index: i, delimiter: d, names, meanings, currency, recognised: meanings.filter((m) => m !== undefined && m !== 'ignore').length };
    }
  }
}

const MONEY_ROW_MEANINGS: readonly HeaderMeaning[] = ['amount', 'credit', 'debit'];

/** The best header row in the first lines, or undefined when none names a date and an amount. */
export function findHeaderRow(lines: readonly string[]): HeaderCandidate | undefined {
  let best: HeaderCandidate | undefined;
  for (const c of headerRows(lines)) {
    if (!c.meanings.some((m) => m !== undefined && DATE_MEANINGS.includes(m)) || !c.meanings.some((m) => m !== undefined && MONEY_ROW_MEANINGS.includes(m))) continue;
    const recognised = c.meanings.filter((m) => m !== undefined).length;
    if (!best || recognised > best.recognised) best = { ...c, recognised };
  }
  return best;
}

/**
 * Why no header row was found, where a row looks like one: a row of the first lines that names an
 * amount (or a date) and at least one other column the table knows, but no date (or no amount).
 * Says which line, what it understood and which names it did not, for the refusal. Undefined when
 * no row comes close.
 */
export function nearHeaderRow(lines: readonly string[]): { line: number; message: string } | undefined {
  let best: HeaderCandidate | undefined;
  for (const c of headerRows(lines)) {
    const date = c.meanings.some((m) => m !== undefined && DATE_MEANINGS.includes(m));
    const money = c.meanings.some((m) => m !== undefined && MONEY_ROW_MEANINGS.includes(m));
    if (date === money || c.recognised < 2) continue;
    if (!best || c.recognised > best.recognised) best = c;
  }
  if (best === undefined) return undefined;
  const missing = best.meanings.some((m) => m !== undefined && DATE_MEANINGS.includes(m)) ? 'an amount (or a deposit and a withdrawal)' : 'a date';
  const known = best.names.flatMap((n, k) => (best.meanings[k] === undefined || best.meanings[k] === 'ignore' ? [] : [`"${n}" ${best.meanings[k]}`]));
  const unknown = best.names.filter((n, k) => best.meanings[k] === undefined && n !== '').map((n) => `"${n}"`);
  return {
    line: best.index + 1,
    message: `line ${best.index + 1} looks like the column header (${known.join(', ')}) but no column names ${missing}${unknown.length > 0 ? `; not understood: ${unknown.join(', ')}` : ''}`,
  };
}

/**
 * A header in two rows, as a spreadsheet writes one with merged cells: group titles above
 * (`Belopp` over two columns, a title spanning the rows left in the upper one) and the column names
 * or their currency under them (`Ut`, `In`; `SEK`). When the row right below the header row holds
 * nothing but header names and currency codes, and at least one of them stands under an empty cell
 * of the upper row (the rest of a merged cell) or is a currency, the two rows are one header: a
 * name below replaces the one above, a currency is put after it (`Saldo SEK`). The lower row is
 * left blank, so lines keep their numbers; wherever the same two rows recur (a page break, the next
 * section) they are joined the same way. Any other text is returned as it is.
 */
export function joinTwoRowHeader(text: string): string {
  const lines = headLines(text, MAX_PREAMBLE + 6);
  const header = findHeaderRow(lines);
  if (header === undefined) return text;
  const top = lines[header.index] ?? '';
  const below = lines[header.index + 1] ?? '';
  if (below.trim() === '') return text;
  const d = header.delimiter;
  const unquote = (c: string): string => c.trim().replace(/^"(.*)"$/, '$1').trim();
  const upper = splitCells(top, d).map(unquote);
  const lower = trimTrailing(splitCells(below, d)).map(unquote);
  let underMerged = false;
  const names: string[] = [];
  for (let k = 0; k < Math.max(upper.length, lower.length); k++) {
    const up = upper[k] ?? '';
    const low = lower[k] ?? '';
    if (low === '') {
      names.push(up);
      continue;
    }
    const withCurrency = `${up} ${low}`;
    if (up !== '' && /^[A-Za-z]{3}$/.test(low) && headerMeaning(withCurrency)?.currency === low.toUpperCase()) {
      names.push(withCurrency);
      underMerged = true;
    } else if (headerMeaning(low) !== undefined) {
      names.push(low);
      if (up === '') underMerged = true;
    } else {
      return text;
    }
  }
  if (!underMerged) return text;
  const joined = names.map((n) => (n.includes(d) || n.includes('"') ? `"${n.replace(/"/g, '""')}"` : n)).join(d);
  const after = findHeaderRow([joined, ...lines.slice(header.index + 2)]);
  if (after?.index !== 0 || after.delimiter !== d) return text;
  let out = text;
  for (const nl of ['\r\n', '\n', '\r']) out = out.split(`${top}${nl}${below}`).join(`${joined}${nl}`);
  return out;
}

function columnsOf(c: HeaderCandidate, meaning: HeaderMeaning): number[] {
  const out: number[] = [];
  c.meanings.forEach((m, i) => {
    if (m === meaning) out.push(i);
  });
  return out;
}

/** An account, bankgiro or plusgiro number as banks write one: digits with dashes, blanks or dots. */
const ACCOUNT_NUMBER = /^[\d][\d \-.]{3,30}[\d]$/;

/** True when most non-empty cells of column `i` in the sample are account or giro numbers. */
function holdsAccountNumbers(sample: readonly (readonly string[])[], i: number): boolean {
  let filled = 0;
  let numbers = 0;
  for (const r of sample) {
    const c = cell(r, i).trim();
    if (c === '') continue;
    filled++;
    if (ACCOUNT_NUMBER.test(c)) numbers++;
  }
  return filled > 0 && numbers * 2 > filled;
}

function cell(row: readonly string[], i: number | undefined): string {
  return i === undefined || i < 0 ? '' : unformula((row[i] ?? '').trim());
}

/** A cell that holds words: a letter, and neither a date nor an amount. */
function isWords(c: string, pattern: DatePattern, amountOf: (s: string) => number | undefined): boolean {
  return /\p{L}/u.test(c) && parseDate(c, pattern) === undefined && amountOf(c) === undefined;
}

function describeStyle(s: AmountStyle): string {
  const thousands = s.thousands === 'none' ? '' : s.thousands === 'space' ? ', space between thousands' : `, "${s.thousands}" between thousands`;
  return `decimal "${s.decimal}"${thousands}`;
}



/**
 * Reads a table by its header. `text` is the decoded file (HTML tables already turned into
 * lines); `ctx.columns` is not used here.
 */
export function readByHeader(text: string, ctx: ParseContext, bank: string): RawStatement {
  const header = findHeaderRow(headLines(text, MAX_PREAMBLE + 6));
  if (!header) {
    throw new StatementParseError('UNKNOWN_FORMAT', 'Unknown statement format: no header row names a date and an amount column (pass `columns` to say which they are)', { file: ctx.file });
  }
  const names = header.names;
  const headerLine = header.index + 1;
  // A sample of the rows below the header.
  const body = text.slice(lineOffset(text, headerLine + 1));
  const sample: string[][] = [];
  const sampleLines: number[] = [];
  forEachRecord(
    body,
    header.delimiter,
    headerLine + 1,
    ctx.file,
    (cells, line) => {
      if (cells.some((c) => c.trim() !== '')) {
        sample.push(cells);
        sampleLines.push(line);
      }
      return sample.length < SAMPLE_ROWS;
    },
    names.length,
  );

  const moneyCols = [...columnsOf(header, 'amount'), ...columnsOf(header, 'credit'), ...columnsOf(header, 'debit'), ...columnsOf(header, 'balance'), ...columnsOf(header, 'fee')];
  // A currency beside the number (`-1 250,00 EUR`, a currency account's cells in a spreadsheet's currency format) is no part of it.
  const unmarked = (s: string): string => currencyMark(s)?.rest ?? s;
  const moneySamples = sample.flatMap((r) => moneyCols.map((i) => unmarked(cell(r, i)))).filter((s) => /\d/.test(s));
  const style = bestOf(HEADER_STYLES, moneySamples, (st, s) => typeof tryParseAmount(s, st) === 'number');
  const amountOf = (s: string): number | undefined => {
    const v = tryParseAmount(unmarked(s), style);
    return typeof v === 'number' ? v : undefined;
  };
  const dateCols = DATE_MEANINGS.flatMap((m) => columnsOf(header, m));
  // How the fee column is written (a cost, or the movement), from the rows that moved money; where
  // as many fees are of each sign, the running balance of the booked rows decides (the amount as
  // the day/month tie-break below reads it: the first amount column, or deposit less withdrawal).
  const feeColumn = columnsOf(header, 'fee')[0];
  const statusCol = columnsOf(header, 'status')[0];
  const impactCol = columnsOf(header, 'impact')[0];
  const isPendingRow = (r: readonly string[]): boolean => PENDING.test(cell(r, dateCols[0])) || STATUS_PENDING.test(cell(r, statusCol));
  const isVoidRow = (r: readonly string[]): boolean => voidRow(cell(r, statusCol), cell(r, impactCol));
  /** A row that moved the balance: the rows a balance chain links. */
  const isBookedRow = (r: readonly string[]): boolean => !isPendingRow(r) && !isVoidRow(r);
  const firstAmount = columnsOf(header, 'amount')[0];
  const firstBalance = columnsOf(header, 'balance')[0];
  const movedBeforeFee = (r: readonly string[]): number | undefined => {
    if (isPendingRow(r)) return undefined;
    if (firstAmount !== undefined) return amountOf(cell(r, firstAmount));
    return depositLessWithdrawal(amountOf(cell(r, columnsOf(header, 'credit')[0])), amountOf(cell(r, columnsOf(header, 'debit')[0])));
  };
  const feeDir =
    feeColumn === undefined
      ? undefined
      : feeDirection(
          sample.flatMap((r, k) => {
            if (isVoidRow(r)) return [];
            const amount = movedBeforeFee(r);
            const chain = amount === undefined ? undefined : { amount, balance: firstBalance === undefined ? undefined : amountOf(cell(r, firstBalance)) };
            return [{ fee: amountOf(cell(r, feeColumn)) ?? 0, line: sampleLines[k] as number, chain }];
          }),
          ctx.file,
          names[feeColumn] ?? String(feeColumn),
        );
  const dateSamples = sample.flatMap((r) => dateCols.map((i) => cell(r, i))).filter((s) => /\d/.test(s));
  // Where the sampled cells read two ways, every cell of the date columns decides (one more pass).
  const everyDate = (visit: (cell: string) => void): void =>
    forEachRecord(
      body,
      header.delimiter,
      headerLine + 1,
      ctx.file,
      (cells) => {
        for (const i of dateCols) visit(cell(cells, i));
      },
      names.length,
    );
  const dateColumn = dateCols.map((i) => names[i] ?? String(i)).join('", "');
  // Where day and month first read every date alike and in order both ways, the running balance
  // may settle it (readingByBalance, the one balance-chain rule): the rows the chain links are in
  // the order it proves. The amount is the deposit less the withdrawal; with a fee column, the
  // chain is tried with and without the fee.
  const byBalance = (pair: readonly [DatePattern, DatePattern]): DatePattern | undefined => {
    const balanceCol = columnsOf(header, 'balance')[0];
    const amountCol = columnsOf(header, 'amount')[0];
    const [creditCol, debitCol, feeCol] = [columnsOf(header, 'credit')[0], columnsOf(header, 'debit')[0], columnsOf(header, 'fee')[0]];
    if (balanceCol === undefined || dateCols[0] === undefined || (amountCol === undefined && (creditCol === undefined || debitCol === undefined))) return undefined;
    const moved = (r: readonly string[]): number | undefined => {
      if (amountCol !== undefined) return amountOf(cell(r, amountCol));
      return depositLessWithdrawal(amountOf(cell(r, creditCol)), amountOf(cell(r, debitCol)));
    };
    return readingByBalance(pair, (visit) =>
      forEachRecord(
        body,
        header.delimiter,
        headerLine + 1,
        ctx.file,
        (cells) => {
          // Booked rows only, as the statement's chain is checked (a pending row has no place in it yet).
          if (!isBookedRow(cells)) return;
          const a = moved(cells);
          if (a === undefined) return;
          const fee = feeMovement(amountOf(cell(cells, feeCol)) ?? 0, feeDir);
          visit(cell(cells, dateCols[0]), feeCol === undefined ? [a] : [a, a + fee], amountOf(cell(cells, balanceCol)));
        },
        names.length,
      ),
    );
  };
  const pattern: DatePattern = datePatternOf(dateSamples, ctx.file, headerLine + 1, dateColumn === '' ? undefined : dateColumn, everyDate, byBalance);

  const why: string[] = [];
  const reasons: string[] = [];
  const map = new Map<ColumnRole, number>();
  const mapping: Record<string, string | number | string[]> = {};
  /** How a `columns` option names column `i`: by its header, or by its index where two columns share that header. */
  const columnRef = (i: number): string | number => {
    const name = names[i];
    return name === undefined || name === '' || names.indexOf(name) !== names.lastIndexOf(name) ? i : name;
  };
  const suggestion = (): ColumnMapping => {
    const m: Record<string, string | number> = {};
    for (const [role, i] of map) if (['date', 'amount', 'credit', 'debit', 'text', 'balance', 'valueDate', 'reference', 'counterparty', 'sign', 'fee', 'net'].includes(role)) m[role] = columnRef(i);
    return m as unknown as ColumnMapping;
  };

  /** Columns whose sampled cells are identical count as one. */
  const distinct = (cols: readonly number[]): number[] =>
    cols.filter((c, k) => !cols.slice(0, k).some((o) => sample.every((r) => cell(r, o) === cell(r, c))));
  /** Keeps the columns with the best score, compared criterion by criterion. */
  const settle = (role: 'date' | 'amount' | 'balance', cols: readonly number[], score: (i: number) => readonly number[], fill: () => void): number => {
    let alive = distinct(cols);
    if (alive.length > 1) {
      const scores = alive.map(score);
      const cmp = (a: readonly number[], b: readonly number[]): number => {
        for (let k = 0; k < a.length; k++) if ((a[k] as number) !== (b[k] as number)) return (a[k] as number) - (b[k] as number);
        return 0;
      };
      const top = scores.reduce((best, sc) => (cmp(sc, best) > 0 ? sc : best));
      alive = alive.filter((_, k) => cmp(scores[k] as number[], top) === 0);
      if (alive.length === 1) reasons.push(`"${names[alive[0] as number]}" rather than ${cols.filter((c) => c !== alive[0]).map((c) => `"${names[c]}"`).join(', ')} as the ${role}: its values fit the data better`);
    }
    if (alive.length > 1) {
      map.set(role, alive[0] as number);
      fill();
      throw new ColumnAmbiguityError(role, alive.map((i) => (typeof columnRef(i) === 'number' ? `${names[i] ?? ''} (index ${i})` : (names[i] as string))), suggestion(), ctx.file, headerLine);
    }
    return alive[0] as number;
  };

  // The amount first (a date ambiguity's suggestion then names it too).
  const balanceCols = columnsOf(header, 'balance');
  const amountCols = columnsOf(header, 'amount');
  // A D/K marker column signs the amount; a fee column, when the fee is charged besides the amount
  // (the balance chain decides below), lowers what the row moves the balance by.
  let signCol = columnsOf(header, 'sign')[0];
  // No marker column, no negative amount, and a type column that names the direction on every row
  // (`Insättning`/`Uttag`, `Deposit`/`Withdrawal`), or a column headed like a signed amount whose
  // cells are only such words (`In/Ut`: `In`, `Ut`): that column signs the amount.
  const typeCol = columnsOf(header, 'type')[0];
  if (signCol === undefined && columnsOf(header, 'amount').length > 0) {
    const holdsNoAmount = (i: number): boolean => sample.every((r) => amountOf(cell(r, i)) === undefined);
    const candidates = [typeCol, ...columnsOf(header, 'amount').filter(holdsNoAmount)].filter((i): i is number => i !== undefined);
    const amountCells = sample.flatMap((r) => columnsOf(header, 'amount').map((i) => amountOf(cell(r, i)))).filter((v): v is number => v !== undefined);
    for (const col of candidates) {
      const markers = sample.filter((r) => columnsOf(header, 'amount').some((i) => amountOf(cell(r, i)) !== undefined)).map((r) => signOf(cell(r, col)));
      if (amountCells.length > 0 && amountCells.every((v) => v >= 0) && markers.every((m) => m === 1 || m === -1) && markers.includes(-1)) {
        signCol = col;
        reasons.push(`"${names[col]}" names the direction of every row and no amount is negative: it signs the amount`);
        break;
      }
    }
  }
  const feeCol = columnsOf(header, 'fee')[0];
  let useFee = feeCol !== undefined;
  const signedAmount = (r: readonly string[], col: number): number | undefined => {
    const v = amountOf(cell(r, col));
    const sign = v === undefined || signCol === undefined ? 0 : signOf(cell(r, signCol));
    return v === undefined || !sign ? v : sign * Math.abs(v);
  };
  /** What the row's fee moves the balance by (negative for a cost). */
  const feeOf = (r: readonly string[]): number => (useFee ? feeMovement(amountOf(cell(r, feeCol)) ?? 0, feeDir) : 0);
  const pairsFor = (amountCol: number, balanceCol: number): [number, number][] =>
    sample
      .filter(isBookedRow)
      .map((r) => {
        const a = signedAmount(r, amountCol);
        return [a === undefined ? undefined : a + feeOf(r), amountOf(cell(r, balanceCol))] as const;
      })
      .filter((p): p is [number, number] => p[0] !== undefined && p[1] !== undefined);
  const parses = (i: number): number => sample.filter((r) => amountOf(cell(r, i)) !== undefined).length;
  const fitsChain = (i: number): number => {
    if (balanceCols.length === 0) return 0;
    const pairs = pairsFor(i, balanceCols[0] as number);
    return -Math.min(chainBreaks(pairs, false), chainBreaks(pairs, true));
  };
  const dateRole = DATE_MEANINGS.find((m) => columnsOf(header, m).length > 0) as HeaderMeaning;
  const dateCandidates = columnsOf(header, dateRole);
  const fillDate = (): void => {
    if (!map.has('date')) map.set('date', dateCandidates[0] as number);
  };
  const fillText = (): void => {
    for (const m of TEXT_RANK) {
      const i = columnsOf(header, m)[0];
      if (i !== undefined) {
        map.set('text', i);
        return;
      }
    }
  };
  // Named early, so that a `columns` suggestion in an ambiguity error carries them too.
  if (signCol !== undefined && amountCols.length > 0) map.set('sign', signCol);
  if (feeCol !== undefined) map.set('fee', feeCol);
  if (amountCols.length > 0) {
    // More cells that parse as amounts first, then fewer breaks of the balance chain.
    // Then, beside a per-row currency column (`Belopp;Valuta;Belopp SEK`), the amount whose header
    // names its currency: the other is in the row's (foreign) currency.
    const hasCurrencyColumn = columnsOf(header, 'currency').length > 0;
    const namesCurrency = (i: number): number => (hasCurrencyColumn && headerMeaning(names[i] ?? '')?.currency !== undefined ? 1 : 0);
    const scoreAmount = (i: number): number[] => [parses(i), fitsChain(i), namesCurrency(i)];
    map.set('amount', settle('amount', amountCols, scoreAmount, () => (fillDate(), fillText())));
  } else {
    const credit = columnsOf(header, 'credit')[0];
    const debit = columnsOf(header, 'debit')[0];
    if (credit === undefined || debit === undefined) {
      throw new StatementParseError('MISSING_COLUMN', `Missing column: the header has ${credit === undefined ? 'a withdrawal' : 'a deposit'} column but no ${credit === undefined ? 'deposit' : 'withdrawal'} or amount column`, { file: ctx.file, line: headerLine });
    }
    map.set('credit', credit);
    map.set('debit', debit);
  }
  const dateParses = (i: number): number[] => [sample.filter((r) => parseDate(cell(r, i), pattern) !== undefined).length];
  map.set('date', settle('date', dateCandidates, dateParses, fillText));

  // The other date: a transaction (purchase) date before a value date; a ledger date next to a
  // booking date dates preliminary rows that have no booking date yet.
  const rank = DATE_MEANINGS.indexOf(dateRole);
  if (dateRole === 'bookingDate' && columnsOf(header, 'ledgerDate')[0] !== undefined) map.set('pendingDate', columnsOf(header, 'ledgerDate')[0] as number);
  for (const m of DATE_MEANINGS.slice(Math.max(rank + 1, 3))) {
    const i = columnsOf(header, m)[0];
    if (i !== undefined) {
      map.set('valueDate', i);
      break;
    }
  }
  // Some exports write the fee beside an amount that already includes it: the balance chain says.
  if (feeCol !== undefined && balanceCols.length > 0 && map.get('amount') !== undefined) {
    const breaks = (): number => {
      const pairs = pairsFor(map.get('amount') as number, balanceCols[0] as number);
      return Math.min(chainBreaks(pairs, false), chainBreaks(pairs, true));
    };
    const withFee = breaks();
    useFee = false;
    const without = breaks();
    useFee = withFee <= without;
    if (withFee !== without) reasons.push(`"${names[feeCol]}" is ${useFee ? 'charged besides the amount (a row of its own)' : 'already in the amount'}: the balance chain holds that way`);
  }
  if (feeCol !== undefined && !useFee) map.delete('fee');
  // Gross, fee and net: each row's net is checked against its amount and fee (never read instead).
  const netCol = columnsOf(header, 'net')[0];
  if (feeCol !== undefined && useFee && netCol !== undefined) {
    map.set('net', netCol);
    reasons.push(`"${names[netCol]}" is the amount and the fee together: checked on every row`);
  }
  if (balanceCols.length > 0) {
    const amountCol = map.get('amount');
    const scoreBalance = (i: number): number[] => [parses(i), amountCol === undefined ? 0 : -Math.min(chainBreaks(pairsFor(amountCol, i), false), chainBreaks(pairsFor(amountCol, i), true))];
    map.set('balance', settle('balance', balanceCols, scoreBalance, () => undefined));
  }
  // Text: the description, else the message, the counterparty, the reference, the type.
  // A counterparty column that holds account, giro or phone numbers (a Swish report's `Avsändare`)
  // describes nothing: the text is the one that holds names, when there is one.
  const textFrom = TEXT_RANK.find((m) => columnsOf(header, m).length > 0);
  const named = textFrom === 'counterparty' ? columnsOf(header, 'counterparty').find((i) => !holdsAccountNumbers(sample, i)) : undefined;
  if (textFrom !== undefined) map.set('text', named ?? (columnsOf(header, textFrom)[0] as number));
  else {
    // No column the table knows describes the row: a column it does not know whose cells are
    // words (not dates, amounts or numbers) on most rows does (`Händelse info`, `Notering`).
    const wordy = (i: number): number => sample.filter((r) => isWords(cell(r, i), pattern, amountOf)).length;
    const unknown = names.map((_, i) => i).filter((i) => header.meanings[i] === undefined && (names[i] ?? '').trim() !== '' && ![...map.values()].includes(i));
    const best = unknown.map((i) => [i, wordy(i)] as const).filter(([, n]) => n * 2 > sample.length).sort((a, b) => b[1] - a[1])[0];
    if (best !== undefined) {
      map.set('text', best[0]);
      reasons.push(`"${names[best[0]]}" read as the text: no column is named as one, and its cells are words`);
    }
  }
  const firstUnused = (m: HeaderMeaning): number | undefined => columnsOf(header, m).find((i) => ![...map.values()].includes(i));
  const ref = firstUnused('message') ?? firstUnused('reference');
  if (ref !== undefined) map.set('reference', ref);
  // A message and a reference column (`Message` beside `Reference`, `Meddelande` beside `OCR`): a
  // row without the first takes the other, so an OCR number is not lost where no message was written.
  const moreRefs = ref === undefined ? [] : [...columnsOf(header, 'message'), ...columnsOf(header, 'reference')].filter((i) => ![...map.values()].includes(i));
  if (moreRefs.length > 0) reasons.push(`a row without "${names[ref as number]}" takes its reference from ${moreRefs.map((i) => `"${names[i] ?? String(i)}"`).join(', then ')}`);
  const optional: [HeaderMeaning, ColumnRole][] = [
    ['counterparty', 'counterparty'],
    ['counterpartyAccount', 'counterpartyAccount'],
    ['type', 'type'],
    ['status', 'status'],
    ['impact', 'impact'],
    ['currency', 'currency'],
    ['account', 'account'],
    ['clearing', 'clearing'],
  ];
  // An amount whose header names its currency is in that currency on every row: a per-row currency
  // column then belongs to another (original-currency) amount.
  // So does a column with the amount in the original currency (`Utl. belopp`, `Original amount`).
  const amountCurrency = map.get('amount') === undefined ? undefined : headerMeaning(names[map.get('amount') as number] ?? '')?.currency;
  const hasForeignAmount = columnsOf(header, 'foreignAmount').length > 0;
  // A sender and a recipient column that both hold account numbers (Nordea's `Avsändare`/`Mottagare`
  // in a re-save): one is the account's own on every row, the other party's the other one.
  const numbered = columnsOf(header, 'counterparty').filter((i) => holdsAccountNumbers(sample, i));
  const fromCol = numbered.find((i) => partyDirection(names[i] ?? '') === 'from');
  const toCol = numbered.find((i) => partyDirection(names[i] ?? '') === 'to');
  if (fromCol !== undefined && toCol !== undefined && !map.has('counterpartyAccount')) {
    map.set('from', fromCol);
    map.set('to', toCol);
    reasons.push(`"${names[fromCol]}" and "${names[toCol]}" hold the sending and the receiving account: the other party's account is the one that is not the account's own`);
  }
  for (const [m, role] of optional) {
    // The counterparty is the first column that names the other party; one that holds account or
    // giro numbers instead is its account (and never keeps a later column of names out).
    if (role === 'counterparty') {
      const unused = columnsOf(header, 'counterparty').filter((i) => ![...map.values()].includes(i));
      const named = unused.find((i) => !holdsAccountNumbers(sample, i));
      if (named !== undefined) map.set('counterparty', named);
      const account = unused.find((i) => holdsAccountNumbers(sample, i));
      if (account !== undefined && !map.has('counterpartyAccount') && !map.has('from')) {
        map.set('counterpartyAccount', account);
        reasons.push(`"${names[account] ?? String(account)}" holds account or giro numbers, not names`);
      }
      continue;
    }
    const i = firstUnused(m);
    if (i === undefined) continue;
    if (role === 'currency' && (amountCurrency !== undefined || (hasForeignAmount && !namesAccountCurrency(names[i] ?? '')))) continue;
    map.set(role, i);
  }

  // More columns that name the other party (one per direction, or one per kind of row: `Payer
  // name`, `Payee name`, `Merchant`): a row without the first takes the next that has one.
  const moreParties = map.has('counterparty') ? columnsOf(header, 'counterparty').filter((i) => ![...map.values()].includes(i) && !holdsAccountNumbers(sample, i)) : [];
  if (moreParties.length > 0) reasons.push(`a row without "${names[map.get('counterparty') as number]}" takes its counterparty from ${moreParties.map((i) => `"${names[i] ?? String(i)}"`).join(', then ')}`);

  // A type column that signs the amount is still the row's type.
  if (signCol !== undefined && signCol === typeCol && !map.has('type')) map.set('type', typeCol);

  // Row order by the balance chain, where there is one.
  let newestFirst: boolean | undefined;
  const amountCol = map.get('amount');
  const balanceCol = map.get('balance');
  const creditCol = map.get('credit');
  const debitCol = map.get('debit');
  if ((amountCol !== undefined || (creditCol !== undefined && debitCol !== undefined)) && balanceCol !== undefined) {
    // Split in/out columns: the row's amount is what came in less what went out.
    const splitPairs = (): [number, number][] =>
      sample
        .filter(isBookedRow)
        .map((r) => {
          const moved = depositLessWithdrawal(amountOf(cell(r, creditCol)), amountOf(cell(r, debitCol)));
          const a = moved === undefined ? undefined : moved + feeOf(r);
          return [a, amountOf(cell(r, balanceCol))] as const;
        })
        .filter((p): p is [number, number] => p[0] !== undefined && p[1] !== undefined);
    const pairs = amountCol !== undefined ? pairsFor(amountCol, balanceCol) : splitPairs();
    const up = chainBreaks(pairs, false);
    const down = chainBreaks(pairs, true);
    if (up !== down && pairs.length > 1) {
      newestFirst = down < up;
      reasons.push(`rows are ${newestFirst ? 'newest' : 'oldest'} first: the balance chain holds that way (${Math.min(up, down)} break(s) against ${Math.max(up, down)})`);
    }
  }

  const order: readonly ColumnRole[] = ['date', 'valueDate', 'pendingDate', 'amount', 'sign', 'credit', 'debit', 'fee', 'net', 'balance', 'text', 'reference', 'counterparty', 'counterpartyAccount', 'from', 'to', 'type', 'status', 'impact', 'currency', 'account', 'clearing'];
  for (const role of order) {
    const i = map.get(role);
    if (i === undefined) continue;
    const name = names[i] ?? String(i);
    why.push(`${role} ← "${name}"`);
    if (['date', 'amount', 'credit', 'debit', 'text', 'balance', 'valueDate', 'reference', 'counterparty', 'sign', 'fee', 'net'].includes(role)) mapping[role] = columnRef(i);
  }
  const used = new Set([...map.values(), ...moreParties, ...moreRefs]);
  const unused = names.filter((n, i) => !used.has(i) && n !== '' && header.meanings[i] !== 'ignore' && header.meanings[i] !== 'foreignAmount');
  const detectedWhy = [
    `Columns: ${why.join(', ')}.`,
    `Amounts read with ${describeStyle(style)}, dates as ${pattern}.`,
    ...reasons.map((r) => `${r[0]?.toUpperCase()}${r.slice(1)}.`),
    ...(unused.length > 0 ? [`Not used: ${unused.map((n) => `"${n}"`).join(', ')}.`] : []),
    ...(header.currency !== undefined ? [`Currency ${header.currency} from the amount's header.`] : []),
  ].join(' ');

  const spec: TableSpec = {
    id: 'generic-csv',
    bank,
    delimiters: [header.delimiter],
    columns: [],
    amountStyles: [style, ...HEADER_STYLES.filter((s) => s !== style)],
    // The other reading of the same cells (day or month first, day or year first) was ruled out above.
    datePatterns: [pattern, ...DATE_PATTERNS.filter((p) => p !== pattern && p !== pairedWith(pattern))],
    // Marked preliminary, or no booking date yet but a transaction date (a reserved card purchase).
    isPending: (get) => PENDING.test(get('date')) || (get('date') === '' && /\d/.test(get('valueDate'))) || STATUS_PENDING.test(get('status')),
    // Declined, reverted or cancelled (a `Status`/`State` column): money that never moved.
    isVoid: (get) => voidRow(get('status'), get('impact')),
    // A row with no date and no money (`Summa`, `Totalt` with nothing beside it) closes the table
    // (a totals row with money, `;Summa;455,00;`, is a footer in every table format).
    isFooter: (cells) => {
      const d = (cells[map.get('date') as number] ?? '').trim();
      if (/\d/.test(d) || PENDING.test(d)) return false;
      return moneyCols.every((i) => (cells[i] ?? '').trim() === '') && cells.some((c) => c.trim() !== '');
    },
    balanceRow: balanceRowOf,
    debitIsOutflow: true,
    // An account number in the title rows above the header (`Konto: 1234-5678901`, `Kontonummer;8327-9 …`).
    readPreamble: (pre, delimiter) => (pre.length === 0 ? {} : preambleAccount(pre, delimiter)),
    feeRowFirst: newestFirst === true,
    ...(feeDir !== undefined ? { feeDirection: feeDir } : {}),
    padShortRows: true,
    ...(moreParties.length > 0 ? { moreCounterparties: moreParties } : {}),
    ...(moreRefs.length > 0 ? { moreReferences: moreRefs } : {}),
  };
  const match: HeaderMatch = { index: header.index, delimiter: header.delimiter, score: 1, map, names, width: names.length };
  const raw = parseTable(spec, text, match, ctx);
  return {
    ...raw,
    currency: raw.currency ?? header.currency,
    newestFirst,
    detected: { columns: mapping as unknown as ColumnMapping, why: detectedWhy },
  };
}

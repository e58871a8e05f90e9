/**
 * The engine behind every bank export that is a delimited table with a header row: finds the
 * header by its signature (whole cells, never substrings), maps columns to roles, picks the file's
 * date pattern and number style once, and turns each record into a {@link RawRow}.
 */
import { StatementParseError } from '../core/errors.js';
import { type DatePattern, parseDate } from '../core/dates.js';
import { datePatternOf, pairedWith, settlePair } from './date-pattern.js';
import { chainBreaks, depositLessWithdrawal, readingByBalance, walkChain } from './balance-chain.js';
import { type AmountStyle, currencyMark, formatKronor, tryParseAmount } from '../core/money.js';
import { forEachRecord, headLines, lineOffset, makeHead, splitLines } from './csv.js';
import {
  type BalanceMark,
  GENERIC_STYLES,
  HEAD_LINES,
  type Head,
  type ParseContext,
  type RawStatement,
  type RawRow,
  type RawSection,
  type RowProblem,
  type RowSink,
  type StatementFormat,
  WORKBOOK_DELIMITER,
  amountAt,
} from './format.js';
import type { StatementFormatId } from './types.js';
import { preambleAccount, preamblePeriod } from './preamble-account.js';
import { type HeaderMeaning, headerMeaning } from './synonyms.js';

export const COLUMN_ROLES = [
  'date',
  'valueDate',
  'amount',
  'credit',
  'debit',
  'balance',
  'text',
  'reference',
  'counterparty',
  'from',
  'to',
  'type',
  'currency',
  'clearing',
  'account',
  'status',
  /** Whether the row moved the balance (a memo row did not): see the header reader's `isVoid`. */
  'impact',
  'bankId',
  /** The other party's account, bankgiro or plusgiro in a column of its own (Nordea `Till/från konto`). */
  'counterpartyAccount',
  /** A second booking-like date that dates a preliminary row with no booking date (Handelsbanken `Reskontradag`). */
  'pendingDate',
  /** The statement period repeated on every row (`2020-02-01 - 2020-05-10`). */
  'period',
  /** `D`/`K` (`Debet`/`Kredit`, `DR`/`CR`) beside an unsigned amount: the amount's sign. */
  'sign',
  /** A fee charged with the row, in a column of its own: booked as a row of its own. */
  'fee',
  /** Beside a fee column, what the row moved net of its fee (a payment service's `Net`): checked, not booked. */
  'net',
  'ignore',
] as const;
export type ColumnRole = (typeof COLUMN_ROLES)[number];

export interface ColumnSpec {
  readonly role: ColumnRole;
  /** Accepted header spellings, normalised (lower case, NFC). */
  readonly names: readonly string[];
  /** Also accepted: a normalised header cell this matches (`bokfört belopp (sek)`: the currency in the header). */
  readonly pattern?: RegExp;
  /** Default true: the header must have this column for the format to match. */
  readonly required?: boolean;
}

/** Reads cells of one record by role. */
export type CellReader = (role: ColumnRole) => string;

export interface TableSpec {
  readonly id: StatementFormatId;
  readonly bank: string;
  readonly delimiters: readonly string[];
  readonly columns: readonly ColumnSpec[];
  /** Tried in order; the file's style is the one under which most sampled cells parse. */
  readonly amountStyles: readonly AmountStyle[];
  readonly datePatterns: readonly DatePattern[];
  /** How many lines may precede the header (preamble). */
  readonly maxPreambleLines?: number;
  /** Multiplier from the normalised header cells, for formats whose header alone is too generic. */
  readonly scoreHeader?: (cells: readonly string[]) => number;
  /** Extra evidence from the lines before the header; return a multiplier (0 rejects). */
  readonly preambleScore?: (preamble: readonly string[]) => number;
  /** Account number / currency from the preamble lines. */
  readonly readPreamble?: (preamble: readonly string[], delimiter: string) => { accountNumber?: string; accountName?: string; currency?: string };
  /** True for preliminary / reserved rows. */
  readonly isPending?: (get: CellReader) => boolean;
  /** True for rows the bank marks as declined, reverted, failed or cancelled: left out, with a warning. */
  readonly isVoid?: (get: CellReader) => boolean;
  /** True for footer rows the bank appends (sums, "Totalt"). */
  readonly isFooter?: (cells: readonly string[]) => boolean;
  /**
   * An opening or closing balance written as a row of the table (`Ingående saldo` with the balance
   * beside it): read as a balance mark, not as a transaction.
   */
  readonly balanceRow?: (cells: readonly string[]) => 'opening' | 'closing' | undefined;
  /** Rows that stop before trailing columns other than the date and money columns are read (the rest empty). */
  readonly padShortRows?: boolean;
  /** How the fee column is written ({@link feeDirection}), where the caller has read it already. */
  readonly feeDirection?: 1 | -1;
  /** Rows run newest first: a fee's own row goes before its payment's in file order. */
  readonly feeRowFirst?: boolean;
  /** Money out may be written positive in a `debit` column; it is always negated. */
  readonly debitIsOutflow?: boolean;
  /**
   * More columns that name the other party (`Payer name`, `Payee name`, `Merchant`): a row whose
   * counterparty column is empty takes the first of these that is not.
   */
  readonly moreCounterparties?: readonly number[];
  /**
   * More columns of the payment's reference or message (`Reference` beside `Message`): a row whose
   * reference column is empty takes the first of these that is not.
   */
  readonly moreReferences?: readonly number[];
}

/** A date cell of a row the bank has not booked yet. */
const PENDING_DATE = /^(prel|reserv|pending|preliminär|väntande)/i;

/** A totals row's word, starting its cell (`Summa`, `Totalt:`, `Summa insättningar`, `Total`). */
export const TOTALS = /^(summa|totalt?|totals|delsumma|subtotal|sum)(?![a-zåäö])/i;

/** An opening or closing balance written as a row of the table (`Ingående saldo`, `Closing balance`). */
const OPENING_WORDS = ['ingående saldo', 'opening balance', 'starting balance'];
const CLOSING_WORDS = ['utgående saldo', 'closing balance', 'ending balance'];
const OPENING = new RegExp(`^(${OPENING_WORDS.join('|')})(?![a-zåäö])`, 'i');
const CLOSING = new RegExp(`^(${CLOSING_WORDS.join('|')})(?![a-zåäö])`, 'i');
/** First letters of those words (lower case char codes): a cell starting with another ASCII character is neither. */
const BALANCE_WORD_STARTS: ReadonlySet<number> = new Set([...OPENING_WORDS, ...CLOSING_WORDS].map((w) => w.charCodeAt(0)));

/** An `Ingående saldo`/`Utgående saldo` (`Opening`/`Closing balance`) row: which of the two it is. */
export function balanceRowOf(cells: readonly string[]): 'opening' | 'closing' | undefined {
  for (const c of cells) {
    if (c === '') continue;
    // Printable ASCII is never trimmed, and `| 0x20` lower-cases an ASCII letter: the regexes need not run.
    const k = c.charCodeAt(0);
    if (k > 0x20 && k < 0x7f && !BALANCE_WORD_STARTS.has(k | 0x20)) continue;
    const t = c.trim();
    if (OPENING.test(t)) return 'opening';
    if (CLOSING.test(t)) return 'closing';
  }
  return undefined;
}

/** Columns a layout does not name that are read anyway, by what their header means (first match per role). */
const EXTRA_COLUMN_ROLES: readonly [HeaderMeaning, ColumnRole][] = [
  ['balance', 'balance'],
  ['counterparty', 'counterparty'],
  ['counterpartyAccount', 'counterpartyAccount'],
  ['message', 'reference'],
  ['reference', 'reference'],
];

const MEANING_CHANGERS: ReadonlySet<HeaderMeaning> = new Set(['fee', 'sign']);

/** Multiplier for a header that has every required column but also columns we do not know. */
const EXTRA_COLUMNS_FACTOR = 0.85;
/** Rows sampled to choose the file's date pattern and number style. */
const STYLE_SAMPLE_ROWS = 400;
/** Distinct own-account spellings counted before the account number is settled. */
const OWN_ACCOUNT_SAMPLE = 50;
const MONEY_ROLES: readonly ColumnRole[] = ['amount', 'credit', 'debit', 'balance'];

/**
 * A row as {@link feeDirection} reads it: its fee cell and line, and, for a booked row with an
 * amount, what it moved the balance by before its fee and its balance (where it has one).
 */
export interface FeeRow {
  readonly fee: number;
  readonly line: number;
  readonly chain?: { readonly amount: number; readonly balance: number | undefined } | undefined;
}

/**
 * How a file writes its fee column, read from its non-zero fees: as a cost (most are positive, a
 * fee moves the balance by minus what is written) or as the movement itself (most are negative, it
 * moves the balance by what is written). A fee of the other sign is one given back (the fee of a
 * refunded payment), which moves the balance the other way. The result multiplies a fee cell;
 * undefined when no fee is non-zero.
 *
 * As many of each sign (a sale with its fee and a refund with its fee given back): where the rows
 * have a running balance, the balance chain decides (the one rule, {@link walkChain}, over the
 * booked rows, each read both ways and in either row order): the reading with fewer breaks. Where
 * there is no balance, or both readings break the chain as often, which fees are given back is not
 * known and reading either way could be a wrong amount, so the file is refused naming the first fee.
 */
export function feeDirection(rows: Iterable<FeeRow>, file: string | undefined, field: string): 1 | -1 | undefined {
  let positive = 0;
  let negative = 0;
  let first: FeeRow | undefined;
  const chain: { fee: number; amount: number; balance: number | undefined }[] = [];
  for (const r of rows) {
    if (r.chain !== undefined) chain.push({ fee: r.fee, ...r.chain });
    if (r.fee === 0) continue;
    first ??= r;
    if (r.fee > 0) positive++;
    else negative++;
  }
  if (first === undefined) return undefined;
  if (positive !== negative) return positive > negative ? -1 : 1;
  const breaks = (direction: 1 | -1): number | undefined => {
    const walked = chain.map((r) => ({ amount: r.amount + feeMovement(r.fee, direction), balance: r.balance }));
    if (walked.filter((r) => r.balance !== undefined).length < 2) return undefined;
    return Math.min(walkChain(walked, false).breaks.length, walkChain(walked, true).breaks.length);
  };
  const [asCost, asWritten] = [breaks(-1), breaks(1)];
  if (asCost !== undefined && asWritten !== undefined && asCost !== asWritten) return asCost < asWritten ? -1 : 1;
  const why = asCost === undefined ? 'and no running balance tells' : `and the running balance breaks as often (${asCost} time(s)) read either way`;
  throw new StatementParseError(
    'AMBIGUOUS_FORMAT',
    `Ambiguous fees: column "${field}" holds as many positive as negative fees, ${why}, so it does not say which are costs and which are fees given back; pass \`columns\` without the fee to read the amounts as written, or re-save the file with the fees of one sign`,
    { file, line: first.line, field },
  );
}

/** What a fee cell moves the balance by, as {@link feeDirection} says the file writes fees (a cost when it does not say). */
export function feeMovement(value: number, direction: 1 | -1 | undefined): number {
  return direction === undefined ? -Math.abs(value) : direction * value;
}

/** @internal Where the header is and how its columns map to roles. */
export interface HeaderMatch {
  /** 0-based index of the header line (or of the first data line when `hasHeader` is false). */
  readonly index: number;
  readonly hasHeader?: boolean;
  readonly delimiter: string;
  readonly score: number;
  readonly map: ReadonlyMap<ColumnRole, number>;
  readonly names: readonly string[];
  readonly width: number;
}

function trimTrailingEmpty(cells: string[]): string[] {
  let n = cells.length;
  while (n > 0 && (cells[n - 1] ?? '').trim() === '') n--;
  return n === cells.length ? cells : cells.slice(0, n);
}

function matchHeader(spec: TableSpec, norm: readonly string[]): { score: number; map: Map<ColumnRole, number> } | undefined {
  if (norm.length < 2) return undefined;
  const map = new Map<ColumnRole, number>();
  const used = new Set<number>();
  for (const col of spec.columns) {
    const idx = norm.findIndex((c, i) => !used.has(i) && (col.names.includes(c) || (col.pattern !== undefined && col.pattern.test(c))));
    if (idx < 0) {
      if (col.required !== false) return undefined;
      continue;
    }
    used.add(idx);
    if (!map.has(col.role)) map.set(col.role, idx);
  }
  const unknown = norm.some((c, i) => !used.has(i) && c !== '');
  // A column the layout does not name but the synonym table knows is read rather than dropped,
  // where the layout has no column for its role: a balance (Länsförsäkringar's export with a `Saldo`
  // after `Belopp`, checked like any running balance), the other party, its account, a message or a
  // reference. It still counts as a column the layout does not have, for the score.
  if (unknown) {
    for (const [meaning, role] of EXTRA_COLUMN_ROLES) {
      if (map.has(role)) continue;
      const extra = norm.findIndex((c, i) => !used.has(i) && c !== '' && headerMeaning(c)?.meaning === meaning);
      if (extra >= 0) {
        used.add(extra);
        map.set(role, extra);
      }
    }
  }
  // A column this format would drop but that changes a row's amount (a fee charged besides it, a
  // D/K marker): not this format's export; the header reader reads such a table.
  if (unknown && norm.some((c, i) => !used.has(i) && c !== '' && MEANING_CHANGERS.has(headerMeaning(c)?.meaning as HeaderMeaning))) return undefined;
  const factor = spec.scoreHeader ? spec.scoreHeader(norm) : 1;
  return { score: (unknown ? EXTRA_COLUMNS_FACTOR : 1) * factor, map };
}

function findHeader(spec: TableSpec, head: Head): HeaderMatch | undefined {
  const lines = head.lines;
  const max = Math.min(lines.length, (spec.maxPreambleLines ?? 12) + 1);
  let best: HeaderMatch | undefined;
  for (let i = 0; i < max; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    for (const d of head.workbook === true && !spec.delimiters.includes(WORKBOOK_DELIMITER) ? [...spec.delimiters, WORKBOOK_DELIMITER] : spec.delimiters) {
      if (!line.includes(d)) continue;
      const m = matchHeader(spec, head.headerCells(i, d));
      if (!m) continue;
      const preamble = lines.slice(0, i);
      const factor = spec.preambleScore ? spec.preambleScore(preamble) : 1;
      const score = m.score * factor;
      if (score > 0 && (!best || score > best.score)) {
        const cells = head.split(i, d);
        best = { index: i, delimiter: d, score, map: m.map, names: cells.map((c) => c.trim()), width: trimTrailingEmpty(cells).length };
      }
    }
  }
  return best;
}

/** Picks the first candidate under which the most sampled values parse. */
function choose<T>(candidates: readonly T[], samples: readonly string[], ok: (c: T, s: string) => boolean): T | undefined {
  let best: T | undefined;
  let bestCount = -1;
  for (const c of candidates) {
    let n = 0;
    for (const s of samples) if (ok(c, s)) n++;
    if (n > bestCount) {
      best = c;
      bestCount = n;
      // Every sample parses: no later candidate can do better (ties keep the earlier one).
      if (n === samples.length) break;
    }
  }
  return bestCount > 0 || samples.length === 0 ? best : candidates[0];
}

/**
 * Another of `styles` under which the samples parse as well as under `chosen` but some amount
 * reads differently (`1.500` under three decimals and under a dot between thousands), or undefined.
 */
function rivalStyle(styles: readonly AmountStyle[], chosen: AmountStyle, samples: readonly string[]): AmountStyle | undefined {
  let count = 0;
  for (const v of samples) if (tryAmount(chosen, v)) count++;
  for (const st of styles) {
    if (st === chosen) continue;
    let n = 0;
    let differs = false;
    for (const v of samples) {
      if (!tryAmount(st, v)) continue;
      n++;
      if (!differs && readsDifferently(v, chosen, st)) differs = true;
    }
    if (n === count && differs) return st;
  }
  return undefined;
}

/** True when `v` parses under both styles to different öre. */
function readsDifferently(v: string, a: AmountStyle, b: AmountStyle): boolean {
  const x = tryParseAmount(v, a);
  const y = tryParseAmount(v, b);
  return typeof x === 'number' && typeof y === 'number' && x !== y;
}

/** `a decimal point and three decimals`, `a decimal comma and a dot between thousands`, … */
function describeAmountStyle(s: AmountStyle): string {
  const decimals = s.maxDecimals === 3 ? ' and three decimals' : '';
  const thousands = s.thousands === 'none' ? '' : ` and ${s.thousands === 'space' ? 'a space' : s.thousands === '.' ? 'a dot' : 'a comma'} between thousands`;
  return `a decimal ${s.decimal === ',' ? 'comma' : 'point'}${decimals}${thousands}`;
}

/** The trimmed cell at index `i`, or '' when the column is absent (-1) or the record is short. */
/**
 * A currency cell as the ISO 4217 code it is: three letters in any case (`sek`, as Stripe writes
 * every currency, or `Sek`) are that code in capitals, so the rows' currency is the statement's
 * `SEK`, not another one; anything else as written.
 */
function currencyCode(cell: string): string | undefined {
  if (cell === '') return undefined;
  if (cell.length !== 3) return cell;
  // Nearly every row repeats the one before: a code already in capitals needs no test.
  const a = cell.charCodeAt(0);
  const b = cell.charCodeAt(1);
  const c = cell.charCodeAt(2);
  if (a >= 65 && a <= 90 && b >= 65 && b <= 90 && c >= 65 && c <= 90) return cell;
  return /^[a-z]{3}$/i.test(cell) ? cell.toUpperCase() : cell;
}

function at(cells: readonly string[], i: number): string {
  if (i < 0) return '';
  const v = cells[i];
  return v === undefined ? '' : unformula(v.trim());
}

/**
 * A money cell that can name no currency beside its number: empty, or a digit last and a digit
 * first (or after a minus), as nearly every cell is. Spares {@link currencyMark} on the hot path.
 */
function plainMoney(v: string): boolean {
  if (v === '') return true;
  const last = v.charCodeAt(v.length - 1);
  const lead = v.charCodeAt(v.charCodeAt(0) === 45 ? 1 : 0);
  return last >= 48 && last <= 57 && lead >= 48 && lead <= 57;
}

/** A money cell; a lone dash (`-`, `–`, `—`) is how some exports write an empty one. */
function moneyAt(cells: readonly string[], i: number): string {
  const v = at(cells, i);
  if (v.length === 1 && (v === '-' || v === '\u2013' || v === '\u2014' || v === '\u2212')) return '';
  // A currency beside the number (`-1 250,00 EUR`): the number; the row's currency says which (see markedCurrency).
  return plainMoney(v) ? v : (currencyMark(v)?.rest ?? v);
}

/** The currency a row's amount cell names beside its number (`-1 250,00 EUR`), if any. */
function markedCurrency(cells: readonly string[], columns: readonly number[]): string | undefined {
  for (const i of columns) {
    const v = at(cells, i);
    if (plainMoney(v)) continue;
    const code = currencyMark(v)?.code;
    if (code !== undefined) return code;
  }
  return undefined;
}

/**
 * `="0012345678"` → `0012345678`: how exports (and Excel re-saves) keep a number as text so a
 * spreadsheet does not drop its leading zeros or turn it into a date.
 */
export function unformula(v: string): string {
  return v.length >= 3 && v.charCodeAt(0) === 61 && v.charCodeAt(1) === 34 && v.charCodeAt(v.length - 1) === 34 ? v.slice(2, -1).trim() : v;
}

/** Swedbank writes clearing and account number in two columns: `8327-9` + `9434567890`. */
function joinAccount(clearing: string, account: string): string | undefined {
  if (account === '') return undefined;
  return clearing !== '' ? `${clearing}-${account}` : account;
}

/** @internal */
export function tryAmount(style: AmountStyle, s: string): boolean {
  return typeof tryParseAmount(s, style) === 'number';
}

/** Defines a header-based delimited format. */
export function defineTableFormat(spec: TableSpec): StatementFormat {
  return {
    id: spec.id,
    bank: spec.bank,
    detect(head: Head): number {
      return findHeader(spec, head)?.score ?? 0;
    },
    parse(text: string, ctx: ParseContext): RawStatement {
      const lines = headLines(text, HEAD_LINES);
      const header = findHeader(spec, makeHead(lines, lines.join('\n'), ctx.workbook === true));
      if (!header) {
        throw new StatementParseError('UNKNOWN_FORMAT', `Not a ${spec.bank} export: expected a header row with ${spec.columns.filter((c) => c.required !== false).map((c) => `"${c.names[0]}"`).join(', ')}`, { file: ctx.file });
      }
      return parseTable(spec, text, header, ctx);
    },
  };
}

/** @internal */
/** A preamble line's first word, quotes dropped (`"Kontonummer";…` → `kontonummer`, `* Transaktioner …` → `*`). */
function firstWord(line: string, delimiter: string): string {
  const t = line.trim();
  let end = 0;
  while (end < t.length && t.charAt(end) !== delimiter && !/\s/.test(t.charAt(end))) end++;
  return t.slice(0, end).replace(/^"|"$/g, '').toLowerCase();
}

/**
 * Exports of one layout joined end to end (the user `cat`-ed two months together): the layout's
 * header line recurs further down, and above it as many non-blank lines as the first export's
 * preamble has, the first of them starting with the same word (Swedbank's `* Transaktioner …`,
 * Länsförsäkringar's `"Kontonummer";…` and account row). Those lines are the next export's preamble,
 * not rows; each export is a section of the statement (its own balance chain, its own account
 * number). In an export that starts with its header (no preamble), the header itself recurring is
 * where the next export starts. Undefined when the file is one export (a header repeated without
 * the preamble, a page break, is skipped as a row already). One pass over the lines, and only when
 * the header recurs.
 */
function joinedExports(
  text: string,
  header: HeaderMatch,
  spec: TableSpec,
  preamble: readonly string[],
  accountNumber: string | undefined,
): { readonly preambleLines: ReadonlySet<number>; readonly sections: RawSection[] } | undefined {
  const d = header.delimiter;
  const own = preamble.filter((l) => l.trim() !== '');
  const bare = (line: string): string => {
    let end = line.length;
    while (end > 0 && (line.charAt(end - 1) === d || /\s/.test(line.charAt(end - 1)))) end--;
    return line.slice(0, end);
  };
  const headerText = bare(headLines(text, header.index + 1)[header.index] ?? '');
  if (headerText.length < 4 || text.indexOf(headerText, text.indexOf(headerText) + headerText.length) < 0) return undefined;
  const lines = splitLines(text);
  if (own.length === 0) {
    // An export that starts with its header: the same header again is where the next export starts.
    const sections: RawSection[] = [{ line: 1, headerLine: header.index + 1, heading: '', accountNumber }];
    for (let r = header.index + 1; r < lines.length; r++) {
      const line = lines[r] as string;
      if (line.startsWith(headerText) && bare(line) === headerText) sections.push({ line: r + 1, headerLine: r + 1, heading: '', accountNumber });
    }
    return sections.length > 1 ? { preambleLines: new Set(), sections } : undefined;
  }
  const key = firstWord(own[0] as string, d);
  if (key === '') return undefined;
  const heading = (ls: readonly string[]): string =>
    ls.map((l) => l.split(d).map((c) => c.trim().replace(/^"|"$/g, '').trim()).filter((c) => c !== '').join(' ')).join(' · ');
  const sections: RawSection[] = [{ line: 1, headerLine: header.index + 1, heading: heading(own), accountNumber }];
  const preambleLines = new Set<number>();
  let previous = header.index;
  for (let r = header.index + 1; r < lines.length; r++) {
    const line = lines[r] as string;
    if (!line.startsWith(headerText) || bare(line) !== headerText) continue;
    const above: number[] = [];
    for (let j = r - 1; j > previous && above.length < own.length; j--) if ((lines[j] as string).trim() !== '') above.unshift(j);
    previous = r;
    if (above.length < own.length || firstWord(lines[above[0] as number] as string, d) !== key) continue;
    const pre = above.map((j) => lines[j] as string);
    for (const j of above) preambleLines.add(j + 1);
    const next = readPreamble(spec, pre, d).accountNumber;
    sections.push({ line: (above[0] as number) + 1, headerLine: r + 1, heading: heading(pre), accountNumber: next ?? accountNumber });
  }
  return sections.length > 1 ? { preambleLines, sections } : undefined;
}

/**
 * What the preamble says: the format's own reading, and where that finds no account number, the
 * account number any title row names (see `preamble-account.ts`; a format knows its own preamble,
 * but an export re-saved or edited may carry the account in a row the format does not expect).
 */
function readPreamble(spec: TableSpec, preamble: readonly string[], delimiter: string): ReturnType<NonNullable<TableSpec['readPreamble']>> {
  const own = spec.readPreamble ? spec.readPreamble(preamble, delimiter) : {};
  // A format whose own reading is this one has been read already.
  if (own.accountNumber !== undefined || preamble.length === 0 || spec.readPreamble === preambleAccount) return own;
  const general = preambleAccount(preamble, delimiter).accountNumber;
  return general === undefined ? own : { ...own, accountNumber: general };
}

export function parseTable(spec: TableSpec, text: string, header: HeaderMatch, ctx: ParseContext): RawStatement {
  const headerLine = header.index + 1;
  const bodyStart = lineOffset(text, headerLine);
  const preamble = text.slice(0, bodyStart).split(/\r\n|\n|\r/).slice(0, header.index);
  const fromPreamble = readPreamble(spec, preamble, header.delimiter);
  const joined = header.hasHeader === false ? undefined : joinedExports(text, header, spec, preamble, fromPreamble.accountNumber);
  const headerCurrency = currencyInHeader(header.names[header.map.get('amount') ?? -1] ?? '');
  const body = text.slice(bodyStart);
  const skip = header.hasHeader === false ? 0 : 1;
  const col = header.map;
  const fieldName = (role: ColumnRole): string => {
    const i = col.get(role);
    return i === undefined ? role : (header.names[i] ?? role);
  };
  // Role → column index as a plain object (-1 when absent): read once per cell on the hot path.
  const idx = Object.fromEntries(COLUMN_ROLES.map((role) => [role, col.get(role) ?? -1])) as Record<ColumnRole, number>;

  // The date pattern and number style are chosen once per file, on the first rows (buffered).
  let datePattern: DatePattern = spec.datePatterns[0]!;
  let style: AmountStyle = spec.amountStyles[0]!;

  // A dated row named as a total (`2026-10-31;Summa;-9 375,00;`) whose amount is the sum of the
  // (two or more) rows since the table began, or since the last such row (a joined export's
  // own), is the table's totals row: a footer, not a transaction.
  let rowSum = 0;
  let rowCount = 0;
  const sink: RowSink = {
    add(r: RawRow): void {
      ctx.sink.add(r);
      if (r.pending !== true) {
        rowSum += r.amount;
        rowCount++;
      }
    },
  };
  let ambiguousAmounts: RawStatement['ambiguousAmounts'];
  const marks: BalanceMark[] = [];
  const skipped: RowProblem[] = [];
  const footer: number[] = [];
  const voided: number[] = [];
  const width = header.width;
  const ownAccounts = new Map<string, number>();

  const workbook = ctx.workbook === true;
  const money = (raw: string, line: number, role: ColumnRole): number | undefined => (raw === '' ? undefined : amountAt(raw, style, ctx, line, fieldName(role)));
  // Dates repeat row after row; remember the ISO spelling of each (bounded).
  const isoOf = new Map<string, string>();
  // Rows of one day follow each other: the last spelling read is compared before the Map lookup.
  let lastRaw: string | undefined;
  let lastIso = '';
  const date = (raw: string, line: number, role: ColumnRole): string => {
    if (raw === lastRaw) return lastIso;
    let iso = isoOf.get(raw);
    if (iso === undefined) {
      iso = parseDate(raw, datePattern);
      if (iso === undefined) {
        throw new StatementParseError('INVALID_DATE', `Invalid date: expected a date like ${datePattern}, got ${JSON.stringify(raw)}`, {
          file: ctx.file,
          line,
          field: fieldName(role),
        });
      }
      if (isoOf.size < 10_000) isoOf.set(raw, iso);
    }
    lastRaw = raw;
    lastIso = iso;
    return iso;
  };
  const splitMoney = idx.amount < 0;
  // A date cell that says the row is not booked yet (`Reserverat`, `Reserved`, `Prel`, `Preliminär`,
  // `Väntande`, `Pending`) marks a preliminary row in every layout, besides what the layout says.
  const own = spec.isPending;
  const isPending = (get: CellReader): boolean => PENDING_DATE.test(get('date')) || (own !== undefined && own(get));

  // Column indices as plain locals (-1 when absent): the row loop reads them for every record.
  const iDate = idx.date;
  const iValue = idx.valueDate;
  const iAmount = idx.amount;
  const iCredit = idx.credit;
  const iDebit = idx.debit;
  const iBalance = idx.balance;
  const iText = idx.text;
  const iRef = idx.reference;
  const iParty = idx.counterparty;
  const iFrom = idx.from;
  const iTo = idx.to;
  const iType = idx.type;
  const iCurrency = idx.currency;
  const iClearing = idx.clearing;
  const iAccount = idx.account;
  const iBankId = idx.bankId;
  const iPartyAccount = idx.counterpartyAccount;
  const moreParties = spec.moreCounterparties !== undefined && spec.moreCounterparties.length > 0 ? spec.moreCounterparties : undefined;
  const moreRefs = spec.moreReferences !== undefined && spec.moreReferences.length > 0 ? spec.moreReferences : undefined;
  // The columns whose cells may name the row's currency beside the number (`-1 250,00 EUR`).
  const amountColumns = [idx.amount, idx.credit, idx.debit].filter((i) => i >= 0);
  const iPendingDate = idx.pendingDate;
  const iPeriod = idx.period;
  const iSign = idx.sign;
  const iFee = idx.fee;
  // A net column is checked against the amount and the fee only where there is a fee column.
  const iNet = iFee >= 0 ? idx.net : -1;
  let period: { from: string; to: string } | undefined;
  // One reader for isPending, pointed at the current record (no closure per row).
  let current: readonly string[] = [];
  const reader: CellReader = (role) => at(current, idx[role]);

  // Clearing and account are the same on nearly every row: join them once per change, not per row.
  let lastClearing: string | undefined;
  let lastAccount: string | undefined;
  let lastJoined: string | undefined;
  const accountOf = (cells: readonly string[]): string | undefined => {
    const clearing = at(cells, iClearing);
    const number = at(cells, iAccount);
    if (clearing !== lastClearing || number !== lastAccount) {
      lastClearing = clearing;
      lastAccount = number;
      lastJoined = joinAccount(clearing, number);
    }
    return lastJoined;
  };
  // Own-account counts as a run of equal spellings plus the Map (no Map lookup per row of a run).
  let ownRun: string | undefined;
  let ownRunAdds = 0;
  const flushOwnRun = (): void => {
    if (ownRun !== undefined && ownRunAdds > 0) ownAccounts.set(ownRun, (ownAccounts.get(ownRun) as number) + ownRunAdds);
    ownRunAdds = 0;
  };

  let seenRow = false;
  const lastNeeded = Math.max(idx.date, idx.amount, idx.credit, idx.debit);
  const headerNames = header.hasHeader === false ? [] : trimTrailingEmpty(header.names.map((n) => n.trim()));
  const headerWidth = headerNames.length;
  const headerKey = headerWidth >= 2 ? headerNames.join('\u0000') : undefined;
  const buffer: [string[], number][] = [];
  let decided = false;
  let feeDir: 1 | -1 | undefined;
  const moneyColumns = MONEY_ROLES.map((role) => idx[role]).filter((i) => i >= 0);
  const decide = (): void => {
    decided = true;
    // The sampled cells in row order: the date cells with a digit, the non-empty money cells.
    const dateSamples: string[] = [];
    const amountSamples: string[] = [];
    const sampleLines: number[] = [];
    for (let r = 0; r < buffer.length; r++) {
      const [cells, line] = buffer[r] as [string[], number];
      const d = at(cells, iDate);
      if (/\d/.test(d)) dateSamples.push(d);
      for (let m = 0; m < moneyColumns.length; m++) {
        const v = moneyAt(cells, moneyColumns[m] as number);
        if (v !== '') {
          amountSamples.push(v);
          sampleLines.push(line);
        }
      }
    }
    datePattern = choose(spec.datePatterns, dateSamples, (p, v) => parseDate(v, p) !== undefined) ?? datePattern;
    const dateColumn = fieldName('date');
    // The bank's own number styles first; a style of another locale only where it reads more of
    // the amounts (the export opened and saved again by a spreadsheet that groups thousands with a
    // space or a comma: `-1 245.50` in a file whose bank writes `-1245.50`).
    style = choose(spec.amountStyles.length === 0 ? spec.amountStyles : [...spec.amountStyles, ...GENERIC_STYLES.filter((st) => !spec.amountStyles.includes(st))], amountSamples, tryAmount) ?? style;
    if (iFee >= 0) {
      feeDir =
        spec.feeDirection ??
        feeDirection(
          (function* () {
            const moneyOf = (cells: readonly string[], i: number): number | undefined => {
              if (i < 0) return undefined;
              const v = tryParseAmount(moneyAt(cells, i), style);
              return typeof v === 'number' ? v : undefined;
            };
            for (const [cells, line] of buffer) {
              current = cells;
              if (spec.isVoid?.(reader) === true) continue;
              const fee = moneyOf(cells, iFee) ?? 0;
              // A booked row's movement before its fee, as the chain reads it (byBalance below).
              let amount: number | undefined;
              if (!isPending(reader)) {
                if (!splitMoney) {
                  amount = moneyOf(cells, iAmount);
                  const sign = iSign >= 0 ? signOf(at(cells, iSign)) : 0;
                  if (amount !== undefined && sign) amount = sign * Math.abs(amount);
                } else {
                  amount = depositLessWithdrawal(moneyOf(cells, iCredit), moneyOf(cells, iDebit));
                }
              }
              yield { fee, line, chain: amount === undefined ? undefined : { amount, balance: moneyOf(cells, iBalance) } };
            }
          })(),
          ctx.file,
          fieldName('fee'),
        );
    }
    // Where day and month read every date alike and in order both ways (a known bank's export
    // re-saved by a spreadsheet that writes `3/1/2026`), the running balance may settle it, by the
    // one balance-chain rule (readingByBalance): booked rows, the amount as the row is read (signed by
    // a D/K column, deposit less withdrawal, less a fee of its own: the balance is after both).
    const byBalance = (pair: readonly [DatePattern, DatePattern]): DatePattern | undefined => {
      if (iBalance < 0 || iDate < 0) return undefined;
      const moneyOf = (i: number): number | undefined => {
        if (i < 0) return undefined;
        const v = tryParseAmount(moneyAt(current, i), style);
        return typeof v === 'number' ? v : undefined;
      };
      return readingByBalance(pair, (visit) => {
        let k = 0;
        forEachRecord(
          body,
          header.delimiter,
          headerLine,
          ctx.file,
          (cells) => {
            if (k++ < skip) return;
            current = cells;
            if (isPending(reader) || spec.isVoid?.(reader) === true) return;
            let amount: number | undefined;
            if (!splitMoney) {
              amount = moneyOf(iAmount);
              const sign = iSign >= 0 ? signOf(at(cells, iSign)) : 0;
              if (amount !== undefined && sign) amount = sign * Math.abs(amount);
            } else {
              amount = depositLessWithdrawal(moneyOf(iCredit), moneyOf(iDebit));
            }
            if (amount === undefined) return;
            visit(at(cells, iDate), [amount + feeMovement(moneyOf(iFee) ?? 0, feeDir)], moneyOf(iBalance));
          },
          width,
        );
      });
    };
    // Every cell of the date column, where the sampled ones read two ways (one more pass).
    const everyDate = (visit: (cell: string) => void): void => {
      let k = 0;
      forEachRecord(
        body,
        header.delimiter,
        headerLine,
        ctx.file,
        (cells) => {
          if (k++ >= skip) visit(at(cells, iDate));
        },
        width,
      );
    };
    // A layout that allows both readings of a pair (the `columns` option's any-pattern reader):
    // the data decides between them, as for a file no layout claims.
    const rival = pairedWith(datePattern);
    if (dateSamples.length > 0 && rival !== undefined && spec.datePatterns.includes(rival)) {
      const other = settlePair(datePattern, dateSamples, ctx.file, buffer[0]?.[1] ?? headerLine + 1, dateColumn, everyDate, byBalance);
      if (other !== datePattern && spec.datePatterns.includes(other)) datePattern = other;
    }
    // A bank's export opened in a spreadsheet of another locale and saved again: its dates as that
    // locale writes them (`05/01/2026`, `1/5/2026`, `05.01.2026`). When the layout's own patterns do
    // not read every sampled date and another pattern does, that one (day or month first told
    // apart by the data, else refused as ambiguous).
    const readsAll = (p: DatePattern): boolean => dateSamples.every((v) => parseDate(v, p) !== undefined);
    if (dateSamples.length > 0 && !readsAll(datePattern)) {
      const other = datePatternOf(dateSamples, ctx.file, buffer[0]?.[1] ?? headerLine + 1, dateColumn, everyDate, byBalance);
      if (readsAll(other)) datePattern = other;
    }
    // A file no known format claims may fit two number styles that read its amounts differently.
    if (spec.id === 'generic-csv') {
      const rival = rivalStyle(spec.amountStyles, style, amountSamples);
      if (rival !== undefined) {
        const moneyOf = (st: AmountStyle, cells: readonly string[], i: number): number | undefined => {
          const v = tryParseAmount(moneyAt(cells, i), st);
          return typeof v === 'number' ? v : undefined;
        };
        const breaks = (st: AmountStyle): number => {
          const pairs: [number, number][] = [];
          for (const [cells] of buffer) {
            const amount = iAmount >= 0 ? moneyOf(st, cells, iAmount) : (moneyOf(st, cells, iCredit) ?? 0) - Math.abs(moneyOf(st, cells, iDebit) ?? 0);
            const balance = moneyOf(st, cells, iBalance);
            if (amount !== undefined && balance !== undefined) pairs.push([amount, balance]);
          }
          return Math.min(chainBreaks(pairs, false), chainBreaks(pairs, true));
        };
        const [mine, theirs] = iBalance >= 0 ? [breaks(style), breaks(rival)] : [0, 0];
        if (theirs < mine) style = rival;
        else if (theirs === mine) {
          const differ = amountSamples.map((v, k) => [v, k] as const).filter(([v]) => readsDifferently(v, style, rival));
          const [example] = differ[0] as readonly [string, number];
          const a = tryParseAmount(example, style) as number;
          const b = tryParseAmount(example, rival) as number;
          ambiguousAmounts = {
            message: `Amounts such as ${JSON.stringify(example)} were read as ${formatKronor(a)} kr (${describeAmountStyle(style)}), but could be ${formatKronor(b)} kr (${describeAmountStyle(rival)}): no amount or balance in the first ${buffer.length} rows tells which; check one against the bank's statement`,
            lines: [...new Set(differ.map(([, k]) => sampleLines[k] as number))].slice(0, 20),
          };
        }
      }
    }
    for (let r = 0; r < buffer.length; r++) {
      const [cells, line] = buffer[r] as [string[], number];
      row(cells, line);
    }
    buffer.length = 0;
  };
  let index = 0;
  forEachRecord(
    body,
    header.delimiter,
    headerLine,
    ctx.file,
    (cells, line) => {
      if (index++ < skip) return;
      if (decided) row(cells, line);
      else {
        buffer.push([cells, line]);
        if (buffer.length >= STYLE_SAMPLE_ROWS) decide();
      }
    },
    width,
  );
  if (!decided) decide();

  function row(cells: string[], line: number): void {
    if (joined?.preambleLines.has(line)) return;
    try {
      let filled = cells.length;
      if (filled !== width || cells[0] === '') {
        while (filled > 0 && (cells[filled - 1] as string).trim() === '') filled--;
        if (filled === 0) return;
      }
      // The header repeated further down (a page break in the export, files joined by hand).
      if (headerKey !== undefined && filled === headerWidth && at(cells, 0) === header.names[0] && cells.slice(0, filled).map((c) => c.trim()).join('\u0000') === headerKey) return;
      // An `Ingående saldo`/`Utgående saldo` row with a balance and no amount: a balance mark in every
      // table format (a format may say more, as the header reader does for rows with money in them).
      const balanceRole = spec.balanceRow !== undefined ? spec.balanceRow(cells) : moneyAt(cells, iAmount) === '' && moneyAt(cells, iCredit) === '' && moneyAt(cells, iDebit) === '' ? balanceRowOf(cells) : undefined;
      if (balanceRole !== undefined) {
        const value = [at(cells, iBalance), at(cells, iAmount), at(cells, iCredit), at(cells, iDebit)].find((v) => /\d/.test(v));
        if (value === undefined) footer.push(line);
        else marks.push({ line, balance: money(value, line, value === at(cells, iBalance) ? 'balance' : 'amount') as number, position: seenRow ? 'end' : 'start', role: balanceRole });
        return;
      }
      const dateCell = at(cells, iDate);
      // A totals row below the data (`;Summa;1 000,00 kr;`, `Totalt;1000,00;…`): no date, a totals word.
      if (!/\d/.test(dateCell) && cells.some((c) => TOTALS.test(c.trim()))) {
        footer.push(line);
        return;
      }
      if (spec.isFooter?.(cells)) {
        footer.push(line);
        return;
      }
      // A line of a summary below the table (`Antal transaktioner: 2`, `Exporterad 2026-02-01 10:00`):
      // no date the file's pattern reads and no money in any money column. Not a transaction, whatever
      // its number of fields; reported as a footer.
      if (seenRow && moneyColumns.every((i) => moneyAt(cells, i) === '') && parseDate(dateCell, datePattern) === undefined) {
        current = cells;
        if (!isPending(reader)) {
          footer.push(line);
          return;
        }
      }
      // A row may stop before its trailing empty fields (Excel drops them on some rows): read it when
      // the format allows that and the row reaches every date and money column.
      if (filled > width || (cells.length < width && !((spec.padShortRows === true || workbook) && cells.length > lastNeeded))) {
        throw new StatementParseError(
          'COLUMN_COUNT',
          `Wrong number of fields: expected ${width} fields as in the header on line ${headerLine}, found ${filled > width ? filled : cells.length}`,
          { file: ctx.file, line },
        );
      }
      const amountCell = moneyAt(cells, iAmount);
      const creditCell = moneyAt(cells, iCredit);
      const debitCell = moneyAt(cells, iDebit);
      const balanceCell = moneyAt(cells, iBalance);
      if (amountCell === '' && creditCell === '' && debitCell === '' && balanceCell !== '' && !/\d/.test(dateCell)) {
        // A balance-only row (Handelsbanken writes the balance at export time as its first row).
        marks.push({ line, balance: money(balanceCell, line, 'balance') as number, position: seenRow ? 'end' : 'start' });
        return;
      }
      current = cells;
      if (spec.isVoid?.(reader)) {
        voided.push(line);
        return;
      }
      const pending = isPending(reader);
      let amount: number;
      if (!splitMoney) {
        if (amountCell === '') {
          throw new StatementParseError('INVALID_AMOUNT', 'Invalid amount: expected an amount, found an empty field', { file: ctx.file, line, field: fieldName('amount') });
        }
        amount = money(amountCell, line, 'amount') as number;
        if (iSign >= 0) {
          const marker = at(cells, iSign);
          const sign = signOf(marker);
          if (sign === undefined) {
            throw new StatementParseError('INVALID_AMOUNT', `Invalid debit/credit marker: expected D or K (Debet/Kredit, DR/CR, - or +), got ${JSON.stringify(marker.slice(0, 40))}`, { file: ctx.file, line, field: fieldName('sign') });
          }
          if (sign !== 0) amount = sign * Math.abs(amount);
        }
      } else {
        if (creditCell === '' && debitCell === '') {
          throw new StatementParseError('INVALID_AMOUNT', `Invalid amount: expected a value in "${fieldName('credit')}" or "${fieldName('debit')}", both are empty`, { file: ctx.file, line });
        }
        amount = Math.abs(money(creditCell, line, 'credit') ?? 0) - Math.abs(money(debitCell, line, 'debit') ?? 0);
      }
      const valueCell = at(cells, iValue);
      // A preliminary row's other date may be a placeholder too (`PREL-  -  `).
      const valueDate = valueCell === '' || (pending && !/\d/.test(valueCell)) ? undefined : date(valueCell, line, 'valueDate');
      // A preliminary row may lack a booking date ("Reserverat", "PREL"): date it by the purchase date.
      let isoDate: string;
      if (pending && !/\d/.test(dateCell)) {
        const other = at(cells, iPendingDate);
        isoDate = /\d/.test(other) ? date(other, line, 'pendingDate') : (valueDate ?? '');
      } else isoDate = date(dateCell, line, 'date');
      if (iPeriod >= 0 && period === undefined) period = readPeriod(at(cells, iPeriod));
      let counterpartyAccount: string | undefined;
      if (iFrom >= 0 || iTo >= 0) {
        const from = at(cells, iFrom);
        const to = at(cells, iTo);
        const own = amount < 0 ? from : to;
        const other = amount < 0 ? to : from;
        // The own account is the same on every row; a sample of rows settles it.
        if (own !== '' && ownAccounts.size < OWN_ACCOUNT_SAMPLE) {
          if (own === ownRun) ownRunAdds++;
          else {
            flushOwnRun();
            ownAccounts.set(own, (ownAccounts.get(own) ?? 0) + 1);
            ownRun = own;
          }
        }
        counterpartyAccount = other === '' ? undefined : other;
      }
      if (iPartyAccount >= 0) counterpartyAccount = at(cells, iPartyAccount) || undefined;
      const textCell = at(cells, iText);
      let counterparty = at(cells, iParty);
      if (counterparty === '' && moreParties !== undefined) {
        for (let k = 0; k < moreParties.length && counterparty === ''; k++) counterparty = at(cells, moreParties[k] as number);
      }
      const typeText = at(cells, iType);
      const bankId = at(cells, iBankId);
      // A fee in a column of its own is a row of its own (a bank cost, not part of the payment); the
      // row's balance is after both, so it goes on whichever of the two comes last in time.
      const feeCell = iFee >= 0 ? moneyAt(cells, iFee) : '';
      // What the fee moves the balance by: a cost, or a fee given back (a refund's) the other way.
      const fee = feeCell === '' ? 0 : feeMovement(money(feeCell, line, 'fee') as number, feeDir);
      // Gross, fee and net: the net is what the amount and the fee moved together. A row where it is
      // not has a wrong amount somewhere (a cell mistyped or damaged, a column shifted): refused, as
      // reading either the amount or the net would book a wrong amount without a word.
      const netCell = iNet >= 0 ? moneyAt(cells, iNet) : '';
      if (netCell !== '') {
        const net = money(netCell, line, 'net') as number;
        if (net !== amount + fee) {
          throw new StatementParseError(
            'INVALID_AMOUNT',
            `Net does not add up: "${fieldName('net')}" is ${formatKronor(net)}, but "${fieldName(splitMoney ? 'credit' : 'amount')}" ${formatKronor(amount)} moved by the fee in "${fieldName('fee')}" (${formatKronor(fee)}) is ${formatKronor(amount + fee)}; check the row against the service's report`,
            { file: ctx.file, line, field: fieldName('net') },
          );
        }
      }
      const balance = pending && !/\d/.test(balanceCell) ? undefined : money(balanceCell, line, 'balance');
      let reference = at(cells, iRef);
      if (reference === '' && moreRefs !== undefined) {
        for (let k = 0; k < moreRefs.length && reference === ''; k++) reference = at(cells, moreRefs[k] as number);
      }
      const text = textCell !== '' ? textCell : counterparty !== '' ? counterparty : typeText !== '' ? typeText : reference;
      const currency = currencyCode(at(cells, iCurrency)) ?? markedCurrency(cells, amountColumns);
      const feeTx: RawRow | undefined =
        fee === 0
          ? undefined
          : {
              line,
              date: isoDate,
              valueDate: valueDate !== isoDate ? valueDate : undefined,
              amount: fee,
              balance,
              text: `${fieldName('fee')}: ${text}`,
              currency,
              account: iAccount >= 0 ? accountOf(cells) : undefined,
              pending: pending || undefined,
            };
      if (feeTx !== undefined && spec.feeRowFirst === true) sink.add(feeTx);
      const tx: RawRow = {
        line,
        date: isoDate,
        valueDate: valueDate !== isoDate ? valueDate : undefined,
        amount,
        // A preliminary row's balance may be a placeholder (`*`): it has none yet.
        balance: fee !== 0 ? undefined : balance,
        // No description: the counterparty, the type, else the message/reference.
        text,
        reference: reference || bankId || undefined,
        counterparty: counterparty !== '' && counterparty !== textCell ? counterparty : undefined,
        counterpartyAccount,
        typeText: typeText || undefined,
        currency,
        account: iAccount >= 0 ? accountOf(cells) : undefined,
        pending: pending || undefined,
        bankId: bankId || undefined,
      };
      if (rowCount >= 2 && amount === rowSum && feeTx === undefined && !pending && balance === undefined && cells.some((c) => TOTALS.test(c.trim()))) {
        footer.push(line);
        rowSum = 0;
        rowCount = 0;
        return;
      }
      sink.add(tx);
      if (feeTx !== undefined && spec.feeRowFirst !== true) sink.add(feeTx);
      seenRow = true;
    } catch (e) {
      if (ctx.lenient && e instanceof StatementParseError) {
        skipped.push({ line, error: e });
        return;
      }
      throw e;
    }
  }

  flushOwnRun();
  // No period on the rows: the one the title rows state (an export's own, not a joined file's first).
  if (period === undefined && joined === undefined && preamble.length > 0) period = preamblePeriod(preamble);
  let accountNumber = fromPreamble.accountNumber;
  if (accountNumber === undefined && ownAccounts.size > 0) {
    accountNumber = [...ownAccounts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  }
  return { accountNumber, ...(accountNumber === undefined && fromPreamble.accountName !== undefined ? { accountName: fromPreamble.accountName } : {}), currency: fromPreamble.currency ?? headerCurrency, marks, skipped, footer, voided, period, ambiguousAmounts, ...(joined !== undefined ? { sections: joined.sections } : {}) };
}

/**
 * A debit/credit marker beside an unsigned amount: -1 for money out (`D`, `Debet`, `DR`, `-`), 1 for
 * money in (`K`, `Kredit`, `CR`, `+`), 0 when empty, undefined for anything else.
 */
export function signOf(marker: string): -1 | 0 | 1 | undefined {
  const m = marker.trim().toLowerCase();
  if (m === '') return 0;
  if (DEBIT_MARKERS.has(m)) return -1;
  if (CREDIT_MARKERS.has(m)) return 1;
  return undefined;
}
const DEBIT_MARKERS = new Set(['d', 'db', 'dr', 'deb', 'debet', 'debit', '-', '\u2212', 'ut', 'uttag', 'utbetalning', 'withdrawal']);
const CREDIT_MARKERS = new Set(['k', 'kr', 'cr', 'kred', 'kredit', 'credit', '+', 'in', 'insättning', 'inbetalning', 'deposit']);

/** `Bokfört belopp (SEK)`, `Amount EUR`: the currency a header names for its amounts. */
export function currencyInHeader(name: string): string | undefined {
  const m = /(?:^|[\s(])([A-Z]{3})\)?\s*$/.exec(name.trim());
  return m?.[1] !== undefined && m[1] !== name.trim() ? m[1] : undefined;
}

/** `2020-02-01 - 2020-05-10` (any dash or `–`, ISO dates). */
function readPeriod(cell: string): { from: string; to: string } | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})\s*[-–]\s*(\d{4}-\d{2}-\d{2})$/.exec(cell);
  if (!m) return undefined;
  const from = parseDate(m[1] as string, 'YYYY-MM-DD');
  const to = parseDate(m[2] as string, 'YYYY-MM-DD');
  return from !== undefined && to !== undefined ? { from, to } : undefined;
}

/**
 * The `kontera` command line: a thin layer over the library. It reads and writes the files named
 * on the command line, calls the facade (or, for `backtest`, the pure engine) and prints what
 * happened. This folder is the only place in src/ besides the stores that touches files or the
 * process.
 *
 * Conventions (as the tools a user knows): `-h`/`--help`, `-V`/`--version`, `-` for standard
 * input, `--json` for scripts (errors too), progress only on a terminal's stderr, colour only on a
 * terminal and never with `NO_COLOR`, tables fitted to the terminal's width, texts in Swedish or
 * English (`--lang`, else the locale environment).
 *
 * Exit codes: 0 done, 1 internal error, 2 wrong command line, 3 an input was refused (bad
 * statement or SIE file, unknown client, invalid booking), 4 a file could not be read or written,
 * 130 interrupted (Ctrl-C: the operation under way is undone).
 *
 * @module
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs as nodeParseArgs } from 'node:util';
import { ConflictError, KonteraError, NotFoundError, SieParseError, StatementParseError, StoreError, ValidationError } from '../core/errors.js';
import { formatKronor, trySumAmounts } from '../core/money.js';
import { isIsoDate } from '../core/dates.js';
import { createKontera, TRANSACTION_STATUSES } from '../kontera.js';
import type { Booking, Client, ClientTransaction, ImportedTransaction, Kontera, Progress, TransactionStatus, UpdateClientInput } from '../kontera.js';
import { readSie } from '../sie/reader.js';
import { parseStatement } from '../statements/index.js';
import { inCliTerms, printWarnings, warningsJson } from './warnings.js';
import { STATEMENT_FORMAT_IDS } from '../statements/types.js';
import type { ColumnMapping, StatementFormatId } from '../statements/types.js';
import type { SieDocument } from '../sie/types.js';
import { createMemoryStore } from '../store/memory.js';
import { openSqliteStore } from '../store/sqlite.js';
import type { SqliteStore } from '../store/sqlite.js';
import type { Store } from '../store/store.js';
import { DEFAULT_AUTO_BOOK_THRESHOLD } from '../suggest/score.js';
import type { Suggestion } from '../suggest/types.js';
import type { Voucher, VoucherRow } from '../knowledge/types.js';
import { vatRows } from '../vat/split.js';
import type { VatRate } from '../vat/types.js';
import { FileAccessError, UsageError, nearest, numberOption, parseArgs } from './args.js';
import type { OptionSpec, ParsedArgs } from './args.js';
import { TARGET_PRECISION, backtest } from './backtest.js';
import type { BacktestResult } from './backtest.js';
import { backtestChart } from './backtest-chart.js';
import { LOCALES, localeFromEnv, sayer } from './messages.js';
import type { Locale, MessageKey, Say } from './messages.js';
import { cut, excelAmount, excelCsv, paint, rowsText, table, wrap } from './output.js';

/** Exit codes, see the module comment. */
export const EXIT = { ok: 0, internal: 1, usage: 2, input: 3, file: 4, interrupted: 130 } as const;

/** Where the command writes; the process streams in `main.ts`, buffers in tests. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** True when `err` is a terminal: long operations then show their progress on it. */
  readonly interactive?: boolean | undefined;
  /** Reads all of standard input, for a file named `-`. */
  readonly stdin?: (() => Uint8Array) | undefined;
  /** Width of the terminal `out` writes to; undefined when it is not a terminal (no limit). */
  readonly columns?: number | undefined;
  /** True to colour the output (a terminal, and `NO_COLOR` not set). */
  readonly colour?: boolean | undefined;
  /** Language when `--lang` is not given (default: from `LC_ALL`/`LC_MESSAGES`/`LANG`, else English). */
  readonly locale?: Locale | undefined;
  /** Aborted on Ctrl-C (SIGINT) or SIGTERM: the long operation under way stops and leaves nothing of itself written. */
  readonly signal?: AbortSignal | undefined;
}

const VERSION = '0.1.0';
/** The bureau the stateless commands put their one client in. */
const LOCAL_BUREAU = 'local';
const ORG_NR = /^\d{6}-?\d{4}$/;
/** Characters of a transaction id the stateful tables show; `correct` and `confirm` take any unique prefix of 4 or more. */
const SHORT_ID = 8;
const MIN_ID_PREFIX = 4;
/** Narrowest terminal the tables are fitted to; below it lines wrap as the terminal wraps them. */
const MIN_COLUMNS = 40;
/** The path that means standard input. */
const STDIN = '-';

const GLOBAL: Readonly<Record<string, OptionSpec>> = {
  db: { kind: 'string', value: 'FILE', help: 'opt.db' },
  json: { kind: 'boolean', help: 'opt.json' },
  lang: { kind: 'string', value: 'sv|en', help: 'opt.lang' },
  debug: { kind: 'boolean', help: 'opt.debug' },
  help: { kind: 'boolean', short: 'h', help: 'opt.help' },
  version: { kind: 'boolean', short: 'V', help: 'opt.version' },
};

interface Command {
  readonly usage: string;
  readonly summary: MessageKey;
  readonly details?: MessageKey | undefined;
  readonly options: Readonly<Record<string, OptionSpec>>;
  readonly run: (args: ParsedArgs, ctx: Context) => Promise<number>;
}

interface Context {
  readonly io: CliIo;
  readonly json: boolean;
  readonly db: string | undefined;
  readonly say: Say;
  /** Terminal width the output is fitted to, or undefined for no limit. */
  readonly columns: number | undefined;
  readonly colour: boolean;
  /** Set once standard input has been read: it can be read only once. */
  stdinUsed: boolean;
}

function errnoWhy(e: unknown, say: Say, write: boolean): string {
  const code = typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : '';
  if (code === 'ENOENT') return say(write ? 'file.noFolder' : 'file.noSuchFile');
  if (code === 'EISDIR') return say('file.isDirectory');
  if (code === 'EACCES') return say('file.permission');
  return code || say(write ? 'file.unwritable' : 'file.unreadable');
}

function readInput(ctx: Context, path: string): Uint8Array {
  if (path === STDIN) {
    if (ctx.stdinUsed) throw new UsageError(ctx.say('err.stdinTwice'));
    if (ctx.io.stdin === undefined) throw new FileAccessError(ctx.say('file.cannotRead', { path: ctx.say('file.stdin'), why: ctx.say('file.unreadable') }));
    ctx.stdinUsed = true;
    try {
      return ctx.io.stdin();
    } catch (e) {
      throw new FileAccessError(ctx.say('file.cannotRead', { path: ctx.say('file.stdin'), why: errnoWhy(e, ctx.say, false) }), { cause: e });
    }
  }
  try {
    return readFileSync(path);
  } catch (e) {
    throw new FileAccessError(ctx.say('file.cannotRead', { path, why: errnoWhy(e, ctx.say, false) }), { cause: e });
  }
}

function writeOutput(ctx: Context, path: string, bytes: Uint8Array | string): void {
  try {
    writeFileSync(path, bytes);
  } catch (e) {
    throw new FileAccessError(ctx.say('file.cannotWrite', { path, why: errnoWhy(e, ctx.say, true) }), { cause: e });
  }
}

/** Progress of a long operation on stderr, rewritten in place; nothing when stderr is not a terminal or with --json. */
function progress(ctx: Context, label: string): ((p: Pick<Progress, 'done' | 'total'>) => void) | undefined {
  if (ctx.io.interactive !== true || ctx.json) return undefined;
  let last = -1;
  const shown = ctx.columns === undefined ? label : cut(label, Math.max(10, ctx.columns - 24));
  return (p) => {
    const pct = p.total === 0 ? 100 : Math.floor((p.done / p.total) * 100);
    if (pct === last) return;
    last = pct;
    ctx.io.err(`\r${shown}: ${p.done}/${p.total} (${pct} %)${p.done >= p.total ? '\r\u001b[K' : ''}`);
  };
}

/** Prose for the terminal: each line word-wrapped to its width (unchanged when not a terminal). */
function prose(ctx: Context, text: string): string {
  const width = ctx.columns;
  if (width === undefined) return text;
  return text
    .split('\n')
    .map((line) => (line.length <= width ? line : wrap(line, width).join('\n')))
    .join('\n');
}

function json(ctx: Context, value: unknown): void {
  ctx.io.out(`${JSON.stringify(value, null, 2)}\n`);
}

function pct(x: number | null): string {
  return x === null ? '—' : `${(x * 100).toFixed(1)} %`;
}

/** The client's bank/cash accounts in a SIE file: the 19xx accounts its vouchers use, most used first. */
function bankAccountsOf(doc: SieDocument): string[] {
  const uses = new Map<string, number>();
  for (const v of doc.vouchers) for (const t of v.transactions) if (/^19\d\d$/.test(t.account)) uses.set(t.account, (uses.get(t.account) ?? 0) + 1);
  const list = [...uses].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([a]) => a);
  return list.length > 0 ? list : ['1930'];
}

function readHistory(ctx: Context, path: string, use: string): { bytes: Uint8Array; doc: SieDocument } {
  const bytes = readInput(ctx, path);
  try {
    return { bytes, doc: readSie(bytes, { strict: false, fileName: path === STDIN ? ctx.say('file.stdin') : path }) };
  } catch (e) {
    throw swappedFile(ctx, e, bytes, use);
  }
}

/** Errors whose message the command line wrote itself, in its terms: no library hint is added to them. */
const PHRASED = new WeakSet<KonteraError>();

/** `arg` as it would be typed in a shell: quoted when it holds a space or another special character. */
function shellArg(arg: string): string {
  return /^[\p{L}\p{N}_./@%+=:,-]+$/u.test(arg) ? arg : `"${arg.replace(/(["\\$`])/g, '\\$1')}"`;
}

/** A bank statement's format when `bytes` read as one with at least one line, else undefined. */
function statementFormatOf(bytes: Uint8Array): string | undefined {
  try {
    const st = parseStatement(bytes);
    return st.transactions.length > 0 ? st.format : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The error to report when a file the user gave was of the other kind: a bank statement where the
 * SIE file of the books goes (`learn`, `--history`, `backtest`), or a SIE file where a statement
 * goes (`import`, `suggest`). The library's message names its API (`readSie`) and, for a statement,
 * the options for an unknown bank, which cannot help; this names the command that reads the file.
 * `use` is how the command line takes the right kind of file. Any other error is returned as it is.
 */
function swappedFile(ctx: Context, e: unknown, bytes: Uint8Array, use: string): unknown {
  if (!(e instanceof KonteraError)) return e;
  const where = { ...(e.file !== undefined ? { file: e.file } : {}), ...(e.line !== undefined ? { line: e.line } : {}) };
  if (e.code === 'SIE_NOT_SIE') {
    const format = statementFormatOf(bytes);
    if (format !== undefined) {
      const error = new SieParseError('SIE_NOT_SIE', ctx.say('err.statementNotSie', { format, use }), { ...where, cause: e });
      PHRASED.add(error);
      return error;
    }
  }
  if (e.code === 'UNKNOWN_FORMAT' && e.message.startsWith('This is a SIE file, not a bank statement')) {
    const error = new StatementParseError('UNKNOWN_FORMAT', ctx.say('err.sieNotStatement', { use }), { ...where, cause: e });
    PHRASED.add(error);
    return error;
  }
  return e;
}

/** One line with its suggestion, as the tables, the review CSV and JSON show it. */
interface Line {
  readonly file: string;
  readonly tx: ImportedTransaction;
  readonly s: Suggestion;
}

/** What a suggestion amounts to for the bureau: booked automatically, or looked at first (the JSON value). */
function action(s: Suggestion): 'auto' | 'review' {
  return s.voucher !== null && s.autoBook ? 'auto' : 'review';
}

function reasonText(s: Suggestion): string {
  return s.reviewReasons.length > 0 ? `${s.reason} [${s.reviewReasons.join('; ')}]` : s.reason;
}

/**
 * The suggestions as a table; `ids` adds the start of each line's id, for `confirm --transaction`
 * and `correct`. The reason — what a bookkeeper reads most — is never cut: on a terminal it goes
 * under its line, wrapped to the width; elsewhere it is the last column, whole.
 */
function linesTable(ctx: Context, lines: readonly Line[], options: { ids?: boolean } = {}): string {
  const { say } = ctx;
  const ids = options.ids === true;
  const width = ctx.columns;
  const header = [...(ids ? [say('col.id')] : []), say('col.date'), say('col.bankText'), say('col.amount'), say('col.rows'), say('col.confidence'), say('col.source'), say('col.action')];
  const rows = lines.map(({ tx, s }) => [
    ...(ids ? [tx.id.slice(0, SHORT_ID)] : []),
    tx.date,
    tx.text,
    formatKronor(tx.amount),
    s.voucher === null ? (s.account === null ? say('line.none') : say('line.bestGuess', { account: s.account })) : rowsText(s.voucher.rows, tx.bankAccount),
    s.confidence.toFixed(2),
    s.source ?? '–',
    action(s) === 'auto' ? say('action.auto') : say('action.review'),
  ]);
  const right = ids ? [3, 5] : [2, 4];
  // Columns that may give way, widest content first: bank text, suggested rows.
  const shrink = ids ? [2, 4] : [1, 3];
  const actionColumn = header.length - 1;
  const colourAction = (text: string, i: number): string => (i === actionColumn && ctx.colour ? paint(text.trim() === say('action.auto') ? 'green' : 'yellow', text) : text);
  if (width === undefined) {
    return table([...header, say('col.reason')], rows.map((r, i) => [...r, reasonText((lines[i] as Line).s)]), { right, decorate: colourAction });
  }
  const text = table(header, rows, { right, width, shrink, decorate: colourAction }).split('\n');
  const out = [text[0] ?? ''];
  lines.forEach((l, i) => {
    out.push(text[i + 1] ?? '');
    for (const w of wrap(reasonText(l.s), width - 4)) out.push(`    ${ctx.colour ? paint('dim', w) : w}`);
  });
  return out.join('\n');
}

function reviewCsv(say: Say, lines: readonly Line[]): Uint8Array {
  return excelCsv(
    (['csv.file', 'csv.line', 'csv.date', 'csv.amount', 'csv.text', 'csv.account', 'csv.voucher', 'csv.confidence', 'csv.source', 'csv.reason', 'csv.whyReview', 'csv.transactionId'] as const).map((k) => say(k)),
    lines.map(({ file, tx, s }) => [
      { value: file, text: true },
      { value: String(tx.line), text: false },
      { value: tx.date, text: false },
      { value: excelAmount(tx.amount), text: false },
      { value: tx.text, text: true },
      { value: s.account ?? '', text: false },
      { value: s.voucher === null ? '' : s.voucher.rows.map((r) => `${r.account} ${excelAmount(r.amount)}`).join(' / '), text: true },
      { value: s.confidence.toFixed(2).replace('.', ','), text: false },
      { value: s.source ?? '', text: true },
      { value: s.reason, text: true },
      { value: s.voucher === null ? say('csv.noVoucher') : s.reviewReasons.join('; '), text: true },
      { value: tx.id, text: true },
    ]),
  );
}

function lineJson(l: Line): unknown {
  return {
    file: l.file,
    line: l.tx.line,
    id: l.tx.id,
    date: l.tx.date,
    amount: l.tx.amount,
    text: l.tx.text,
    action: action(l.s),
    voucher: l.s.voucher,
    account: l.s.account,
    confidence: l.s.confidence,
    source: l.s.source,
    reason: l.s.reason,
    ...(l.s.match !== undefined ? { match: l.s.match } : {}),
    review: l.s.review,
    reviewReasons: l.s.reviewReasons,
  };
}

/** `--bureau ID` of the commands that name a client: the client's bureau, when several bureaus use its id. */
const CLIENT_BUREAU: OptionSpec = { kind: 'string', value: 'ID', help: 'opt.clientBureau' };

/** A kontera on `store`; limited to `bureauId` when given (client ids are scoped by bureau). */
async function withKontera<T>(store: Store, fn: (k: Kontera) => Promise<T>, bureauId?: string | undefined): Promise<T> {
  const kontera = await createKontera({ store, bureauId });
  try {
    return await fn(kontera);
  } finally {
    await kontera.close();
  }
}

/**
 * The `--db` file, opened (created when missing). What the user can fix on the file system — a
 * folder that does not exist, a folder named as the file, no permission — is exit 4 naming the
 * file; a file that is no kontera database (a statement or SIE file named by mistake) is refused as
 * `STORE_SCHEMA`, exit 3; neither is an internal error.
 */
async function openDb(ctx: Context, command: string): Promise<SqliteStore> {
  const { say } = ctx;
  const path = ctx.db;
  if (path === undefined) throw new UsageError(say('err.needsDb', { command }));
  const cannot = (why: string, cause?: unknown): FileAccessError => new FileAccessError(say('file.cannotOpenDb', { path, why }), cause === undefined ? {} : { cause });
  let isDirectory = false;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch (e) {
    const code = typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : '';
    if (code !== 'ENOENT') throw cannot(errnoWhy(e, say, false), e);
    if (!existsSync(dirname(resolve(path)))) throw cannot(say('file.noFolder'), e);
  }
  if (isDirectory) throw cannot(say('file.isDirectory'));
  try {
    return await openSqliteStore({ path });
  } catch (e) {
    // better-sqlite3 refusing to open or write the file: the file system's answer, as for any file.
    const cause = e instanceof KonteraError ? e.cause : e;
    const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : '';
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') throw new StoreError('STORE_SCHEMA', say(code === 'SQLITE_NOTADB' ? 'err.notDatabase' : 'err.damagedDatabase'), { file: path, cause: e });
    if (/^(SQLITE_CANTOPEN|SQLITE_READONLY|SQLITE_PERM|SQLITE_IOERR|SQLITE_FULL|E[A-Z]+$)/.test(code)) {
      throw cannot(code === 'SQLITE_READONLY' || code === 'SQLITE_PERM' || code === 'EACCES' ? say('file.permission') : code === 'SQLITE_FULL' ? say('file.diskFull') : say('file.unwritable'), e);
    }
    throw e;
  }
}

/** Every bureau in the database, by id. */
async function bureauIds(store: SqliteStore): Promise<string[]> {
  return (await store.listBureaus()).map((b) => b.id);
}

/**
 * `--columns date=Datum,amount=Belopp,text=Text[,balance=Saldo,…]` for a bank kontera does not
 * recognise: header names, or 0-based column numbers.
 */
/** `--fiscal-years 2024-05-10..2025-12-31,2026-01-01..2026-12-31`: the client's fiscal years, each START..END (ISO dates). */
function fiscalYearsOption(args: ParsedArgs, say: Say): { start: string; end: string }[] | undefined {
  const list = args.lists.get('fiscal-years');
  if (list === undefined) return undefined;
  return list.map((part) => {
    const m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(part.trim());
    if (m === null || !isIsoDate(m[1] as string) || !isIsoDate(m[2] as string) || (m[1] as string) > (m[2] as string)) throw new UsageError(say('err.fiscalYears', { part }));
    return { start: m[1] as string, end: m[2] as string };
  });
}

/**
 * One item of `clients add --bank-accounts`: a ledger account (`1930`), or a ledger account and the
 * bank's account number its statements carry (`1930=8327-9 943 456 789-0`): a statement for another
 * account number is then refused, not put on the client's account with a warning.
 */
function bankAccountOption(item: string, say: Say): string | { account: string; number: string } {
  const eq = item.indexOf('=');
  if (eq < 0) return item.trim();
  const account = item.slice(0, eq).trim();
  const number = item.slice(eq + 1).trim();
  if (!/^\d{4}$/.test(account) || !/\d/.test(number) || /[^\d\s.-]/.test(number)) throw new UsageError(say('err.bankAccountItem', { item }));
  return { account, number };
}

function columnsOption(args: ParsedArgs, say: Say): { columns?: ColumnMapping } {
  const spec = args.strings.get('columns');
  if (spec === undefined) return {};
  const roles = ['date', 'amount', 'credit', 'debit', 'text', 'balance', 'valueDate', 'reference', 'counterparty'] as const;
  const map: Partial<Record<(typeof roles)[number], number | string>> = {};
  for (const part of spec.split(',')) {
    const eq = part.indexOf('=');
    const role = roles.find((r) => r === part.slice(0, eq).trim());
    const value = part.slice(eq + 1).trim();
    if (eq < 0 || role === undefined || value === '') throw new UsageError(say('err.columnsPart', { part, roles: roles.join(', ') }));
    map[role] = /^\d+$/.test(value) ? Number(value) : value;
  }
  const { date, text } = map;
  if (date === undefined || text === undefined || (map.amount === undefined && map.credit === undefined && map.debit === undefined)) {
    throw new UsageError(say('err.columnsRoles'));
  }
  return { columns: { ...map, date, text } };
}

/** `--format ID`, checked against the known formats. */
function formatOption(args: ParsedArgs, say: Say): { format?: StatementFormatId } {
  const id = args.strings.get('format');
  if (id === undefined) return {};
  const known = STATEMENT_FORMAT_IDS.find((f) => f === id);
  if (known === undefined) {
    const near = nearest(id, STATEMENT_FORMAT_IDS);
    throw new UsageError(say('err.unknownFormat', { id, formats: STATEMENT_FORMAT_IDS.join(', '), near: near === undefined ? '' : say('err.didYouMean', { what: near }) }));
  }
  return { format: known };
}

function needPositionals(ctx: Context, args: ParsedArgs, n: number, usage: string): void {
  if (args.positionals.length < n) throw new UsageError(ctx.say('err.missingArgs', { usage }));
}

/** Unbooked imported lines of a client, oldest first (`transactions`, status `unbooked`). */
async function unbooked(kontera: Kontera, clientId: string): Promise<readonly ImportedTransaction[]> {
  return kontera.transactions(clientId, { status: 'unbooked' });
}

/**
 * The line `id` names among `lines`: its full id, or a prefix of at least {@link MIN_ID_PREFIX}
 * characters that only one line's id starts with. Undefined when none matches.
 */
function lineById<T extends { readonly id: string }>(say: Say, lines: readonly T[], id: string): T | undefined {
  const exact = lines.find((t) => t.id === id);
  if (exact !== undefined || id.length < MIN_ID_PREFIX) return exact;
  const matches = lines.filter((t) => t.id.startsWith(id));
  if (matches.length > 1) {
    throw new UsageError(say('err.ambiguousId', { id, n: matches.length, ids: `${matches.slice(0, 3).map((t) => t.id).join(', ')}${matches.length > 3 ? ', …' : ''}` }));
  }
  return matches[0];
}

// ------------------------------------------------------------------ commands

const suggestCommand: Command = {
  usage: 'kontera suggest STATEMENT... --history BOOKS.se [--client NAME] [--account-number NUMBER] [--out vouchers.se] [--review review.csv] [--force] [--dry-run]\n       kontera --db FILE suggest CLIENT [--review review.csv] [--bureau ID]',
  summary: 'cmd.suggest',
  details: 'cmd.suggest.details',
  options: {
    history: { kind: 'string', value: 'BOOKS.se', help: 'opt.history' },
    client: { kind: 'string', value: 'NAME', help: 'opt.client' },
    out: { kind: 'string', value: 'FILE', help: 'opt.out' },
    review: { kind: 'string', value: 'FILE', help: 'opt.review' },
    bureau: CLIENT_BUREAU,
    force: { kind: 'boolean', help: 'opt.force' },
    'dry-run': { kind: 'boolean', help: 'opt.dryRun' },
    threshold: { kind: 'number', value: 'C', help: 'opt.threshold' },
    'bank-account': { kind: 'string', value: 'ACCOUNT', help: 'opt.bankAccount' },
    'account-number': { kind: 'string', value: 'NUMBER', help: 'opt.suggestAccountNumber' },
    format: { kind: 'string', value: 'ID', help: 'opt.format' },
    columns: { kind: 'string', value: 'ROLE=COL,…', help: 'opt.columns' },
  },
  async run(args, ctx) {
    const { say } = ctx;
    if (ctx.db !== undefined) return suggestStateful(args, ctx);
    const historyPath = args.strings.get('history');
    if (historyPath === undefined) throw new UsageError(say('err.missingHistory'));
    if (args.positionals.length === 0) throw new UsageError(say('err.missingStatement'));
    const threshold = numberOption(args, 'threshold', DEFAULT_AUTO_BOOK_THRESHOLD, 0, 1, say);
    const dryRun = args.flags.has('dry-run');
    const outPath = args.strings.get('out') ?? 'vouchers.se';
    const reviewPath = args.strings.get('review') ?? 'review.csv';
    // Files the user did not name are not overwritten without --force: a second run would lose the first.
    if (!dryRun && !args.flags.has('force')) {
      for (const [path, option] of [[outPath, 'out'], [reviewPath, 'review']] as const) {
        if (!args.strings.has(option) && existsSync(path)) throw new UsageError(say('err.wouldOverwrite', { path, option: `--${option}` }));
      }
    }
    const { bytes, doc } = readHistory(ctx, historyPath, say('use.suggestStatement'));
    const statements = args.positionals.map((p) => ({ path: p === STDIN ? say('file.stdin') : p, bytes: readInput(ctx, p) }));
    const name = args.strings.get('client') ?? (doc.header.companyName?.trim() || basename(historyPath).replace(/\.[^.]+$/, ''));
    const orgNr = doc.header.orgNumber?.number;
    const banks = bankAccountsOf(doc);
    const bankAccount = args.strings.get('bank-account') ?? banks[0] ?? '1930';
    if (!banks.includes(bankAccount)) banks.unshift(bankAccount);
    return withKontera(createMemoryStore(), async (kontera) => {
      await kontera.addBureau({ id: LOCAL_BUREAU, name: 'local' });
      await kontera.addClient({
        bureauId: LOCAL_BUREAU,
        id: 'client',
        name,
        ...(orgNr !== undefined && ORG_NR.test(orgNr) ? { orgNr } : {}),
        bankAccounts: banks,
        autoBookThreshold: threshold,
      });
      const learned = await kontera.learnFromSie('client', bytes, { fileName: historyPath, onProgress: progress(ctx, say('progress.learning', { path: historyPath })), signal: ctx.io.signal });
      const warned = warningsJson(historyPath, [...learned.issues, ...learned.warnings]);
      printWarnings(ctx.io.err, historyPath, [...learned.issues, ...learned.warnings]);
      const lines: Line[] = [];
      let duplicates = 0;
      let booked = 0;
      for (const st of statements) {
        const accountNumber = args.strings.get('account-number');
        const imported = await kontera
          .importStatement('client', st.bytes, {
            fileName: st.path,
            bankAccount,
            ...(accountNumber !== undefined ? { accountNumber } : {}),
            ...formatOption(args, say),
            ...columnsOption(args, say),
          })
          .catch((e: unknown) => {
            throw swappedFile(ctx, e, st.bytes, say('use.historySie'));
          });
        printWarnings(ctx.io.err, st.path, imported.warnings);
        warned.push(...warningsJson(st.path, imported.warnings));
        duplicates += imported.duplicates;
        booked += imported.transactions.filter((t) => t.booked !== undefined && !lines.some((l) => l.tx.id === t.id && l.tx.bankAccount === t.bankAccount)).length;
        // A line repeated in an overlapping export is suggested once.
        // A line the learned books already book is not suggested again.
        const fresh = imported.transactions.filter((t) => t.booked === undefined && !lines.some((l) => l.tx.id === t.id && l.tx.bankAccount === t.bankAccount));
        const suggestions = await kontera.suggest('client', fresh);
        fresh.forEach((tx, i) => lines.push({ file: st.path, tx, s: suggestions[i] as Suggestion }));
      }
      const auto = lines.filter((l) => action(l.s) === 'auto');
      const review = lines.filter((l) => action(l.s) === 'review');
      const bookings: Booking[] = auto.map((l) => ({ transaction: l.tx, voucher: l.s.voucher as NonNullable<Suggestion['voucher']> }));
      if (bookings.length > 0) await kontera.confirm('client', bookings);
      if (!dryRun) {
        writeOutput(ctx, outPath, await kontera.exportSie('client'));
        writeOutput(ctx, reviewPath, reviewCsv(say, review));
      }
      if (ctx.json) {
        json(ctx, {
          client: name,
          history: { file: historyPath, vouchers: learned.vouchers, learned: learned.learned },
          lines: lines.length,
          autoBooked: auto.length,
          review: review.length,
          duplicates,
          booked,
          threshold,
          dryRun,
          out: dryRun ? null : outPath,
          reviewFile: dryRun ? null : reviewPath,
          suggestions: lines.map(lineJson),
          warnings: warned,
        });
        return EXIT.ok;
      }
      ctx.io.out(`${prose(ctx, say('suggest.learned', { name, n: learned.learned, vouchers: learned.vouchers, path: historyPath }))}\n\n`);
      ctx.io.out(`${linesTable(ctx, lines)}\n\n`);
      const summary = say('suggest.summary', {
        n: lines.length,
        files: statements.length,
        repeated: (duplicates > 0 ? say('suggest.repeated', { n: duplicates }) : '') + (booked > 0 ? say('suggest.booked', { n: booked, path: historyPath }) : ''),
        auto: auto.length,
        threshold,
        out: dryRun ? say('suggest.notWritten') : outPath,
        review: review.length,
        reviewFile: dryRun ? say('suggest.notWritten') : reviewPath,
      });
      ctx.io.out(`${prose(ctx, summary)}\n${dryRun ? `${say('suggest.dryRun')}\n` : ''}`);
      return EXIT.ok;
    });
  },
};

async function suggestStateful(args: ParsedArgs, ctx: Context): Promise<number> {
  const { say } = ctx;
  needPositionals(ctx, args, 1, 'kontera --db FILE suggest CLIENT [--review FILE]');
  const clientId = args.positionals[0] as string;
  const store = await openDb(ctx, 'suggest');
  return withKontera(store, async (kontera) => {
    const open = await unbooked(kontera, clientId);
    const suggestions = await kontera.suggest(clientId, open);
    const client = await kontera.getClient(clientId);
    const statements = await store.listStatements({ bureauId: client.bureauId, clientId: client.id });
    const fileOf = new Map(statements.map((st) => [st.id, st.fileName ?? st.id]));
    const lines: Line[] = open.map((tx, i) => ({ file: fileOf.get(tx.statementId) ?? tx.statementId, tx, s: suggestions[i] as Suggestion }));
    const reviewPath = args.strings.get('review');
    if (reviewPath !== undefined && !args.flags.has('dry-run')) writeOutput(ctx, reviewPath, reviewCsv(say, lines.filter((l) => action(l.s) === 'review')));
    if (ctx.json) {
      const outdated = suggestions.some((x) => x.keyRulesOutdated === true);
      json(ctx, { client: clientId, lines: lines.length, autoBookable: lines.filter((l) => action(l.s) === 'auto').length, ...(outdated ? { keyRulesOutdated: true } : {}), suggestions: lines.map(lineJson) });
      return EXIT.ok;
    }
    if (lines.length === 0) {
      ctx.io.out(`${say('suggest.noneUnbooked', { client: clientId })}\n`);
      return EXIT.ok;
    }
    const db = ctx.db ?? 'FILE';
    if (suggestions.some((x) => x.keyRulesOutdated === true)) ctx.io.err(`${prose(ctx, say('suggest.keyRulesOutdated', { db, client: clientId }))}\n`);
    ctx.io.out(
      `${linesTable(ctx, lines, { ids: true })}\n\n${prose(ctx, say('suggest.unbooked', { n: lines.length, auto: lines.filter((l) => action(l.s) === 'auto').length, db, client: clientId }))}\n` +
        `${prose(ctx, say('suggest.correctHint', { db, client: clientId }))}\n`,
    );
    return EXIT.ok;
  }, args.strings.get('bureau'));
}

/** Options of `clients`; {@link CLIENTS_ACTION_OPTIONS} says which action takes which. */
const CLIENTS_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  bureau: { kind: 'string', value: 'ID', help: 'opt.bureau' },
  'bureau-name': { kind: 'string', value: 'NAME', help: 'opt.bureauName' },
  name: { kind: 'string', value: 'NAME', help: 'opt.name' },
  'org-nr': { kind: 'string', value: 'NNNNNN-NNNN', help: 'opt.orgNr' },
  'no-org-nr': { kind: 'boolean', help: 'opt.noOrgNr' },
  threshold: { kind: 'number', value: 'C', help: 'opt.clientThreshold' },
  'default-threshold': { kind: 'boolean', help: 'opt.defaultThreshold' },
  'bank-accounts': { kind: 'list', value: 'ACCOUNTS', help: 'opt.clientBankAccounts' },
  'fiscal-years': { kind: 'list', value: 'START..END', help: 'opt.clientFiscalYears' },
  'no-fiscal-years': { kind: 'boolean', help: 'opt.noFiscalYears' },
  'vat-registered': { kind: 'boolean', help: 'opt.vatRegistered' },
  'not-vat-registered': { kind: 'boolean', help: 'opt.notVat' },
  'auto-book-shared': { kind: 'boolean', help: 'opt.autoBookShared' },
  'no-auto-book-shared': { kind: 'boolean', help: 'opt.noAutoBookShared' },
  network: { kind: 'boolean', help: 'opt.network' },
  'no-network': { kind: 'boolean', help: 'opt.noNetwork' },
  'suspense-account': { kind: 'string', value: 'ACCOUNT', help: 'opt.suspenseAccount' },
  'no-suspense-account': { kind: 'boolean', help: 'opt.noSuspenseAccount' },
  'review-accounts': { kind: 'list', value: 'ACCOUNTS', help: 'opt.reviewAccounts' },
  'no-review-accounts': { kind: 'boolean', help: 'opt.noReviewAccounts' },
  'review-counterparties': { kind: 'list', value: 'NAMES', help: 'opt.reviewCounterparties' },
  'no-review-counterparties': { kind: 'boolean', help: 'opt.noReviewCounterparties' },
  yes: { kind: 'boolean', help: 'opt.yesErase' },
};

/** The settings `clients add` and `clients update` both take, and those only `update` takes (back to the default). */
const CLIENT_SETTINGS = ['name', 'org-nr', 'threshold', 'bank-accounts', 'fiscal-years', 'not-vat-registered', 'auto-book-shared', 'no-network', 'suspense-account', 'review-accounts', 'review-counterparties'] as const;
const CLIENT_UNSETTINGS = ['no-org-nr', 'default-threshold', 'no-fiscal-years', 'vat-registered', 'no-auto-book-shared', 'network', 'no-suspense-account', 'no-review-accounts', 'no-review-counterparties'] as const;

/** Which `clients` options each action takes (the global ones aside): any other is refused, not ignored. */
const CLIENTS_ACTION_OPTIONS: Readonly<Record<'list' | 'add' | 'update' | 'remove', readonly string[]>> = {
  list: ['bureau'],
  add: ['bureau', 'bureau-name', ...CLIENT_SETTINGS],
  update: ['bureau', ...CLIENT_SETTINGS, ...CLIENT_UNSETTINGS],
  remove: ['bureau', 'yes'],
};

/** Pairs of `clients update` options that say opposite things. */
const CLIENTS_OPPOSITES: readonly (readonly [string, string])[] = [
  ['org-nr', 'no-org-nr'],
  ['threshold', 'default-threshold'],
  ['fiscal-years', 'no-fiscal-years'],
  ['vat-registered', 'not-vat-registered'],
  ['auto-book-shared', 'no-auto-book-shared'],
  ['network', 'no-network'],
  ['suspense-account', 'no-suspense-account'],
  ['review-accounts', 'no-review-accounts'],
  ['review-counterparties', 'no-review-counterparties'],
];

/** True when `option` was given on the command line, whatever its kind. */
function given(args: ParsedArgs, option: string): boolean {
  return args.flags.has(option) || args.strings.has(option) || args.lists.has(option);
}

/** Refuses a `clients` option the action does not take: a setting given to `clients` (list) or `remove` would be silently ignored. */
function clientsOptionsFor(args: ParsedArgs, action: keyof typeof CLIENTS_ACTION_OPTIONS, say: Say): void {
  const allowed = new Set([...Object.keys(GLOBAL), ...CLIENTS_ACTION_OPTIONS[action]]);
  const other = Object.keys(CLIENTS_OPTIONS).find((o) => given(args, o) && !allowed.has(o));
  if (other !== undefined) throw new UsageError(say('err.clientsOptionNotFor', { option: `--${other}`, action: action === 'list' ? 'clients' : `clients ${action}` }));
}

/**
 * The changes `clients update` asks for, as {@link Kontera.updateClient} takes them: a value sets a
 * setting, `null` takes it back to what `clients add` gives. The review accounts and the review
 * counterparties are set and removed apart: changing one keeps the other.
 */
function clientChanges(args: ParsedArgs, say: Say, client: Client): UpdateClientInput {
  for (const [a, b] of CLIENTS_OPPOSITES) if (given(args, a) && given(args, b)) throw new UsageError(say('err.clientsOpposites', { a: `--${a}`, b: `--${b}` }));
  const changes: { -readonly [K in keyof UpdateClientInput]: UpdateClientInput[K] } = {};
  const name = args.strings.get('name');
  if (name !== undefined) changes.name = name;
  if (args.strings.has('org-nr')) changes.orgNr = args.strings.get('org-nr');
  if (args.flags.has('no-org-nr')) changes.orgNr = null;
  if (args.strings.has('threshold')) changes.autoBookThreshold = numberOption(args, 'threshold', DEFAULT_AUTO_BOOK_THRESHOLD, 0, 1, say);
  if (args.flags.has('default-threshold')) changes.autoBookThreshold = null;
  if (args.lists.has('bank-accounts')) changes.bankAccounts = (args.lists.get('bank-accounts') ?? []).map((b) => bankAccountOption(b, say));
  const fiscalYears = fiscalYearsOption(args, say);
  if (fiscalYears !== undefined) changes.fiscalYears = fiscalYears;
  if (args.flags.has('no-fiscal-years')) changes.fiscalYears = null;
  if (args.flags.has('vat-registered')) changes.vatRegistered = true;
  if (args.flags.has('not-vat-registered')) changes.vatRegistered = false;
  if (args.flags.has('auto-book-shared')) changes.autoBookShared = true;
  if (args.flags.has('no-auto-book-shared')) changes.autoBookShared = null;
  if (args.flags.has('network')) changes.network = true;
  if (args.flags.has('no-network')) changes.network = false;
  if (args.strings.has('suspense-account')) changes.suspenseAccount = args.strings.get('suspense-account');
  if (args.flags.has('no-suspense-account')) changes.suspenseAccount = null;
  const review = reviewChanges(args, client.review);
  if (review !== undefined) changes.review = review;
  return changes;
}

/**
 * The client's review settings after `--review-accounts`/`--no-review-accounts` and
 * `--review-counterparties`/`--no-review-counterparties` (for `clients add`, `current` is none):
 * undefined when none of them is given, `null` when neither list is left.
 */
function reviewChanges(args: ParsedArgs, current: Client['review']): { accounts?: string[]; counterparties?: string[] } | null | undefined {
  const pick = (set: string, unset: string, now: readonly string[] | undefined): string[] | undefined => {
    if (args.lists.has(set)) return [...(args.lists.get(set) ?? [])];
    if (args.flags.has(unset)) return undefined;
    return now === undefined ? undefined : [...now];
  };
  if (!['review-accounts', 'no-review-accounts', 'review-counterparties', 'no-review-counterparties'].some((o) => given(args, o))) return undefined;
  const accounts = pick('review-accounts', 'no-review-accounts', current?.accounts);
  const counterparties = pick('review-counterparties', 'no-review-counterparties', current?.counterparties);
  const review = { ...(accounts !== undefined && accounts.length > 0 ? { accounts } : {}), ...(counterparties !== undefined && counterparties.length > 0 ? { counterparties } : {}) };
  return Object.keys(review).length === 0 ? null : review;
}

/** A client's settings as a two-column table, each one as `clients update` sets it. */
function clientText(ctx: Context, c: Client): string {
  const { say } = ctx;
  const yesNo = (b: boolean): string => (b ? say('word.yes') : say('word.no'));
  const none = '–';
  const rows: [MessageKey, string][] = [
    ['clients.field.name', c.name],
    ['clients.field.bureau', c.bureauId],
    ['clients.field.orgNr', c.orgNr ?? none],
    ['clients.field.bankAccounts', c.bankAccounts.map((a) => `${a}${c.accountNumbers?.[a] === undefined ? '' : ` (${c.accountNumbers[a]})`} ${say('clients.series', { series: c.series[a] ?? '?' })}`).join(', ')],
    ['clients.field.vat', yesNo(c.vatRegistered)],
    ['clients.field.threshold', c.autoBookThreshold === undefined ? say('clients.default', { value: DEFAULT_AUTO_BOOK_THRESHOLD }) : String(c.autoBookThreshold)],
    ['clients.field.autoBookShared', yesNo(c.autoBookShared === true)],
    ['clients.field.network', yesNo(c.network)],
    ['clients.field.suspense', c.suspenseAccount ?? none],
    ['clients.field.reviewAccounts', c.review?.accounts !== undefined && c.review.accounts.length > 0 ? c.review.accounts.join(', ') : none],
    ['clients.field.fiscalYears', c.fiscalYears !== undefined && c.fiscalYears.length > 0 ? c.fiscalYears.map((y) => `${y.start}..${y.end}`).join(', ') : none],
  ];
  if (c.review?.counterparties !== undefined && c.review.counterparties.length > 0) rows.push(['clients.field.reviewCounterparties', c.review.counterparties.join(', ')]);
  if (c.chart !== undefined) rows.push(['clients.field.chart', say('clients.chartAccounts', { n: c.chart.length })]);
  return table(['', ''], rows.map(([k, v]) => [say(k), v]), { width: ctx.columns, shrink: [1] })
    .split('\n')
    .slice(1)
    .map((l) => `  ${l}`)
    .join('\n');
}

const CLIENTS_UPDATE_USAGE =
  'kontera --db FILE clients update ID [--bureau ID] [--name NAME] [--org-nr NNNNNN-NNNN | --no-org-nr] [--vat-registered | --not-vat-registered] [--threshold C | --default-threshold] [--auto-book-shared | --no-auto-book-shared] [--network | --no-network] [--suspense-account ACCOUNT | --no-suspense-account] [--review-accounts ACCOUNTS | --no-review-accounts] [--review-counterparties NAMES | --no-review-counterparties] [--bank-accounts 1930,1940] [--fiscal-years START..END,… | --no-fiscal-years]';

const clientsCommand: Command = {
  usage:
    'kontera --db FILE clients [--bureau ID]\n' +
    '       kontera --db FILE clients add ID --name NAME [--bureau ID] [--org-nr NNNNNN-NNNN] [--threshold C] [--bank-accounts 1930,1940] [--fiscal-years START..END,…] [--not-vat-registered] [--auto-book-shared] [--no-network] [--suspense-account ACCOUNT] [--review-accounts ACCOUNTS] [--review-counterparties NAMES]\n' +
    `       ${CLIENTS_UPDATE_USAGE}\n` +
    '       kontera --db FILE clients remove ID --yes [--bureau ID]',
  summary: 'cmd.clients',
  details: 'cmd.clients.details',
  options: CLIENTS_OPTIONS,
  async run(args, ctx) {
    const { say } = ctx;
    const store = await openDb(ctx, 'clients');
    return withKontera(store, async (kontera) => {
      const bureauId = args.strings.get('bureau');
      if (args.positionals[0] === 'add') {
        clientsOptionsFor(args, 'add', say);
        const id = args.positionals[1];
        const name = args.strings.get('name');
        if (id === undefined || name === undefined) throw new UsageError(say('err.missingArgs', { usage: 'kontera --db FILE clients add ID --name NAME' }));
        const bureau = bureauId ?? LOCAL_BUREAU;
        if ((await store.getBureau(bureau)) === undefined) await kontera.addBureau({ id: bureau, name: args.strings.get('bureau-name') ?? bureau });
        const threshold = args.strings.has('threshold') ? numberOption(args, 'threshold', DEFAULT_AUTO_BOOK_THRESHOLD, 0, 1, say) : undefined;
        const orgNr = args.strings.get('org-nr');
        const fiscalYears = fiscalYearsOption(args, say);
        const review = reviewChanges(args, undefined);
        const client = await kontera.addClient({
          bureauId: bureau,
          id,
          name,
          ...(orgNr !== undefined ? { orgNr } : {}),
          ...(threshold !== undefined ? { autoBookThreshold: threshold } : {}),
          ...(args.lists.has('bank-accounts') ? { bankAccounts: (args.lists.get('bank-accounts') ?? []).map((b) => bankAccountOption(b, say)) } : {}),
          ...(fiscalYears !== undefined ? { fiscalYears } : {}),
          ...(args.flags.has('not-vat-registered') ? { vatRegistered: false } : {}),
          ...(args.flags.has('auto-book-shared') ? { autoBookShared: true } : {}),
          ...(args.flags.has('no-network') ? { network: false } : {}),
          ...(args.strings.has('suspense-account') ? { suspenseAccount: args.strings.get('suspense-account') } : {}),
          ...(review !== undefined && review !== null ? { review } : {}),
        });
        if (ctx.json) json(ctx, client);
        else ctx.io.out(`${say('clients.added', { id: client.id, name: client.name, bureau: client.bureauId })}\n`);
        return EXIT.ok;
      }
      if (args.positionals[0] === 'update') {
        clientsOptionsFor(args, 'update', say);
        const id = args.positionals[1];
        if (id === undefined || args.positionals.length > 2) throw new UsageError(say('err.missingArgs', { usage: CLIENTS_UPDATE_USAGE }));
        const k = bureauId === undefined ? kontera : kontera.forBureau(bureauId);
        // Found first: an unknown id is NOT_FOUND (exit 3) however the options read.
        const client = await k.getClient(id);
        const changes = clientChanges(args, say, client);
        if (Object.keys(changes).length === 0) throw new UsageError(say('err.clientsUpdateNothing', { usage: CLIENTS_UPDATE_USAGE }));
        const updated = await k.updateClient(client.id, changes);
        if (ctx.json) json(ctx, updated);
        else ctx.io.out(`${say('clients.updated', { id: updated.id, name: updated.name, bureau: updated.bureauId })}\n${clientText(ctx, updated)}\n`);
        return EXIT.ok;
      }
      if (args.positionals[0] === 'remove') {
        clientsOptionsFor(args, 'remove', say);
        const id = args.positionals[1];
        if (id === undefined || args.positionals.length > 2) throw new UsageError(say('err.missingArgs', { usage: 'kontera --db FILE clients remove ID --yes [--bureau ID]' }));
        const k = bureauId === undefined ? kontera : kontera.forBureau(bureauId);
        // Found first: an unknown id, or one several bureaus use, is refused before anything is asked.
        const client = await k.getClient(id);
        if (!args.flags.has('yes')) throw new UsageError(say('err.removeNeedsYes', { id: client.id, name: client.name, bureau: client.bureauId, db: shellArg(ctx.db ?? 'FILE'), arg: shellArg(client.id) }));
        const counts = await k.deleteClient(client.id);
        if (ctx.json) json(ctx, { client: client.id, bureau: client.bureauId, erased: counts });
        else ctx.io.out(`${say('clients.removed', { id: client.id, name: client.name, bureau: client.bureauId, statements: counts.statements, lines: counts.transactions, vouchers: counts.vouchers, profiles: counts.profiles })}\n`);
        return EXIT.ok;
      }
      if (args.positionals.length > 0) throw new UsageError(say('err.clientsAction', { action: args.positionals[0] ?? '' }));
      clientsOptionsFor(args, 'list', say);
      if (bureauId !== undefined && (await store.getBureau(bureauId)) === undefined) throw new NotFoundError(say('err.unknownBureau', { id: bureauId }));
      const clients = [];
      for (const b of bureauId !== undefined ? [bureauId] : await bureauIds(store)) clients.push(...(await store.listClients(b)));
      if (ctx.json) {
        json(ctx, clients);
        return EXIT.ok;
      }
      ctx.io.out(
        clients.length === 0
          ? `${say('clients.none')}\n`
          : `${table(
              (['col.id', 'col.name', 'col.bureau', 'col.bankAccounts', 'col.vat', 'col.autoBookFrom'] as const).map((k) => say(k)),
              clients.map((c) => [c.id, c.name, c.bureauId, c.bankAccounts.map((a) => (c.accountNumbers?.[a] === undefined ? a : `${a} (${c.accountNumbers[a]})`)).join(', '), c.vatRegistered ? say('word.yes') : say('word.no'), `${c.autoBookThreshold ?? DEFAULT_AUTO_BOOK_THRESHOLD}${c.autoBookShared === true ? ` ${say('clients.alsoShared')}` : ''}`]),
              { width: ctx.columns, shrink: [1] },
            )}\n`,
      );
      return EXIT.ok;
    });
  },
};

const learnCommand: Command = {
  usage: 'kontera --db FILE learn CLIENT BOOKS.se [--bank-accounts 1930,1940] [--fiscal-years 2024-05-10..2025-12-31,…] [--bureau ID]',
  summary: 'cmd.learn',
  details: 'cmd.learn.details',
  options: {
    'bank-accounts': { kind: 'list', value: 'ACCOUNTS', help: 'opt.learnBankAccounts' },
    'fiscal-years': { kind: 'list', value: 'START..END', help: 'opt.learnFiscalYears' },
    bureau: CLIENT_BUREAU,
  },
  async run(args, ctx) {
    const { say } = ctx;
    needPositionals(ctx, args, 2, learnCommand.usage);
    const [clientId, path] = args.positionals as [string, string];
    const bytes = readInput(ctx, path);
    const store = await openDb(ctx, 'learn');
    return withKontera(store, async (kontera) => {
      const bankAccounts = args.lists.get('bank-accounts');
      const fiscalYears = fiscalYearsOption(args, say);
      const r = await kontera
        .learnFromSie(clientId, bytes, {
          fileName: path,
          ...(bankAccounts !== undefined ? { bankAccounts } : {}),
          ...(fiscalYears !== undefined ? { fiscalYears } : {}),
          onProgress: progress(ctx, say('progress.learning', { path })),
          signal: ctx.io.signal,
        })
        .catch((e: unknown) => {
          throw swappedFile(ctx, e, bytes, say('use.importStatement', { db: shellArg(ctx.db ?? 'FILE'), client: shellArg(clientId), path: shellArg(path) }));
        });
      const warnings = [...r.issues, ...r.warnings];
      printWarnings(ctx.io.err, path, warnings);
      if (ctx.json) {
        json(ctx, {
          client: clientId,
          file: path,
          vouchers: r.vouchers,
          learned: r.learned,
          skipped: r.skipped,
          unchanged: r.unchanged,
          replaced: r.replaced,
          booked: r.booked,
          bankAccounts: r.bankAccounts,
          issues: r.issues,
          warnings: warningsJson(path, warnings),
        });
      } else {
        const notes =
          (r.unchanged > 0 ? say('learn.unchanged', { n: r.unchanged }) : '') +
          (r.replaced > 0 ? say('learn.replaced', { n: r.replaced }) : '') +
          (r.booked > 0 ? say('learn.booked', { n: r.booked }) : '') +
          (warnings.length > 0 ? say('learn.notes', { n: warnings.length }) : '');
        ctx.io.out(`${say('learn.done', { client: clientId, vouchers: r.vouchers, path, learned: r.learned, skipped: r.skipped, notes })}\n`);
      }
      return EXIT.ok;
    }, args.strings.get('bureau'));
  },
};

const importCommand: Command = {
  usage: 'kontera --db FILE import CLIENT STATEMENT... [--bank-account ACCOUNT [--new-account]] [--account-number NUMBER] [--bureau ID]',
  summary: 'cmd.import',
  options: {
    'bank-account': { kind: 'string', value: 'ACCOUNT', help: 'opt.importBankAccount' },
    'new-account': { kind: 'boolean', help: 'opt.importNewAccount' },
    'account-number': { kind: 'string', value: 'NUMBER', help: 'opt.importAccountNumber' },
    format: { kind: 'string', value: 'ID', help: 'opt.format' },
    columns: { kind: 'string', value: 'ROLE=COL,…', help: 'opt.columns' },
    bureau: CLIENT_BUREAU,
  },
  async run(args, ctx) {
    const { say } = ctx;
    needPositionals(ctx, args, 2, importCommand.usage);
    const [clientId, ...paths] = args.positionals as [string, ...string[]];
    const files = paths.map((p) => ({ path: p === STDIN ? say('file.stdin') : p, bytes: readInput(ctx, p) }));
    const store = await openDb(ctx, 'import');
    const bankAccount = args.strings.get('bank-account');
    const accountNumber = args.strings.get('account-number');
    return withKontera(store, async (kontera) => {
      const results = [];
      for (const f of files) {
        const r = await kontera
          .importStatement(clientId, f.bytes, {
            fileName: f.path,
            ...(bankAccount !== undefined ? { bankAccount } : {}),
            ...(accountNumber !== undefined ? { accountNumber } : {}),
            ...formatOption(args, say),
            ...columnsOption(args, say),
            allowNewAccount: args.flags.has('new-account'),
            onProgress: progress(ctx, say('progress.importing', { path: f.path })),
            signal: ctx.io.signal,
          })
          .catch((e: unknown) => {
            throw swappedFile(ctx, e, f.bytes, say('use.learnSie', { db: shellArg(ctx.db ?? 'FILE'), client: shellArg(clientId), path: shellArg(f.path) }));
          });
        printWarnings(ctx.io.err, f.path, r.warnings);
        results.push({
          file: f.path,
          statementId: r.statementId,
          bankAccount: r.bankAccount,
          lines: r.transactions.length,
          added: r.added,
          duplicates: r.duplicates,
          booked: r.booked,
          warnings: warningsJson(f.path, r.warnings),
        });
        if (!ctx.json) {
          const warnings = (r.booked > 0 ? say('import.booked', { n: r.booked }) : '') + (r.warnings.length > 0 ? say('import.warnings', { codes: r.warnings.map((w) => w.code).join(', ') }) : '');
          ctx.io.out(`${say('import.done', { path: f.path, n: r.transactions.length, account: r.bankAccount, added: r.added, duplicates: r.duplicates, warnings })}\n`);
        }
      }
      if (ctx.json) json(ctx, { client: clientId, statements: results });
      return EXIT.ok;
    }, args.strings.get('bureau'));
  },
};

const confirmCommand: Command = {
  usage: 'kontera --db FILE confirm CLIENT [--threshold C] [--transaction ID]... [--bureau ID]',
  summary: 'cmd.confirm',
  details: 'cmd.confirm.details',
  options: {
    threshold: { kind: 'number', value: 'C', help: 'opt.confirmThreshold' },
    transaction: { kind: 'list', value: 'ID', help: 'opt.transaction' },
    bureau: CLIENT_BUREAU,
  },
  async run(args, ctx) {
    const { say } = ctx;
    needPositionals(ctx, args, 1, confirmCommand.usage);
    const clientId = args.positionals[0] as string;
    const store = await openDb(ctx, 'confirm');
    return withKontera(store, async (kontera) => {
      const open = await unbooked(kontera, clientId);
      const suggestions = await kontera.suggest(clientId, open);
      const wanted = args.lists.get('transaction');
      const threshold = args.strings.has('threshold') ? numberOption(args, 'threshold', DEFAULT_AUTO_BOOK_THRESHOLD, 0, 1, say) : undefined;
      const bookings: Booking[] = [];
      if (wanted !== undefined) {
        for (const id of wanted) {
          const line = lineById(say, open, id);
          const i = line === undefined ? -1 : open.indexOf(line);
          if (i < 0) throw new UsageError(say('err.unknownUnbooked', { id, client: clientId }));
          const s = suggestions[i] as Suggestion;
          if (s.voucher === null) throw new UsageError(say('err.noVoucherToBook', { id, reason: s.reason }));
          bookings.push({ transaction: open[i] as ImportedTransaction, voucher: s.voucher });
        }
      } else {
        open.forEach((tx, i) => {
          const s = suggestions[i] as Suggestion;
          if (s.voucher !== null && (threshold === undefined ? s.autoBook : s.confidence >= threshold && !s.review)) bookings.push({ transaction: tx, voucher: s.voucher });
        });
      }
      const r = bookings.length > 0 ? await kontera.confirm(clientId, bookings) : { vouchers: [], learned: 0 };
      if (ctx.json) json(ctx, { client: clientId, booked: r.vouchers.length, learned: r.learned, left: open.length - r.vouchers.length, vouchers: r.vouchers });
      else {
        const list = r.vouchers.length > 0 ? ` (${r.vouchers.map((v) => `${v.series}${v.number}`).join(', ')})` : '';
        ctx.io.out(`${say('confirm.done', { client: clientId, booked: r.vouchers.length, n: open.length, list, left: open.length - r.vouchers.length })}\n`);
      }
      return EXIT.ok;
    }, args.strings.get('bureau'));
  },
};

/** What `--vat` takes, and what a corrected line's VAT is: none, or VAT at a rate inside the amount. */
const VAT_CHOICES = ['25', '12', '6', '0', 'none'] as const;
type VatChoice = { readonly rate: Exclude<VatRate, 0> } | { readonly rate: null };

function vatOption(args: ParsedArgs, say: Say): VatChoice | undefined {
  const raw = args.strings.get('vat');
  if (raw === undefined) return undefined;
  const t = raw.trim();
  const v = (t.endsWith('%') ? t.slice(0, -1).trimEnd() : t).toLowerCase();
  if (!VAT_CHOICES.some((c) => c === v)) throw new UsageError(say('err.badVat', { value: raw, choices: VAT_CHOICES.join(', ') }));
  return v === 'none' || v === '0' ? { rate: null } : { rate: Number(v) as Exclude<VatRate, 0> };
}

/** BAS puts VAT on 26xx: 2611–2635 output, 2640–2647 input, 2650 settlement. */
const isVatAccount = (account: string): boolean => account.startsWith('26');

/**
 * The VAT of a suggested voucher, when it is plain VAT inside the amount (one 26xx row that is
 * exactly 25, 12 or 6 % of the gross) or none at all; undefined for anything else (reverse
 * charge, half VAT, representation limits), which the bookkeeper must then state with `--vat`.
 */
function vatOf(voucher: Voucher, tx: ImportedTransaction): VatChoice | undefined {
  const vat = voucher.rows.filter((r) => r.account !== tx.bankAccount && isVatAccount(r.account));
  if (vat.length === 0) return { rate: null };
  if (vat.length > 1) return undefined;
  const direction = tx.amount < 0 ? 'out' : 'in';
  for (const rate of [25, 12, 6] as const) {
    const rows = vatRows({ mode: 'standard', rate }, -tx.amount, direction).rows;
    if (rows.length === 1 && rows[0]?.account === vat[0]?.account && rows[0]?.amount === vat[0]?.amount) return { rate };
  }
  return undefined;
}

function vatLabel(say: Say, vat: VatChoice): string {
  return vat.rate === null ? say('vat.none') : say('vat.rate', { rate: vat.rate });
}

/** The voucher of a corrected line: the bank row, the VAT row if any, and the rest on `account`. */
function correctedVoucher(tx: ImportedTransaction, account: string, vat: VatChoice, text: string): Voucher {
  const direction = tx.amount < 0 ? 'out' : 'in';
  const v = vat.rate === null ? { remaining: -tx.amount, rows: [] } : vatRows({ mode: 'standard', rate: vat.rate }, -tx.amount, direction);
  const rows: VoucherRow[] = [{ account: tx.bankAccount, amount: tx.amount }, { account, amount: v.remaining }, ...v.rows];
  return { date: tx.date, text, rows };
}

function voucherText(say: Say, rows: readonly VoucherRow[], names: Readonly<Record<string, string>>): string {
  return table(
    (['col.account', 'col.name', 'col.debit', 'col.credit'] as const).map((k) => say(k)),
    rows.map((r) => [r.account, names[r.account] ?? '', r.amount > 0 ? formatKronor(r.amount) : '', r.amount < 0 ? formatKronor(-r.amount) : '']),
    { right: [2, 3] },
  );
}

const correctCommand: Command = {
  usage: 'kontera --db FILE correct CLIENT ID --account ACCOUNT [--vat 25|12|6|0|none] [--text TEXT] [--new-account] [--bureau ID]',
  summary: 'cmd.correct',
  details: 'cmd.correct.details',
  options: {
    account: { kind: 'string', value: 'ACCOUNT', help: 'opt.account' },
    vat: { kind: 'string', value: 'RATE', help: 'opt.vat' },
    text: { kind: 'string', value: 'TEXT', help: 'opt.text' },
    'new-account': { kind: 'boolean', help: 'opt.correctNewAccount' },
    bureau: CLIENT_BUREAU,
  },
  async run(args, ctx) {
    const { say } = ctx;
    needPositionals(ctx, args, 2, correctCommand.usage);
    const [clientId, id] = args.positionals as [string, string];
    if (args.positionals.length > 2) throw new UsageError(say('err.tooManyArgs', { n: args.positionals.length }));
    const account = args.strings.get('account');
    if (account === undefined) throw new UsageError(say('err.missingAccount', { usage: correctCommand.usage }));
    if (!/^\d{4}$/.test(account)) throw new UsageError(say('err.badAccount', { account }));
    const vatGiven = vatOption(args, say);
    const textGiven = args.strings.get('text');
    if (textGiven !== undefined && textGiven.trim() === '') throw new UsageError(say('err.emptyText'));
    const store = await openDb(ctx, 'correct');
    return withKontera(store, async (kontera) => {
      const client = await kontera.getClient(clientId);
      const ref = { bureauId: client.bureauId, clientId: client.id };
      const tx = lineById(say, (await store.listTransactions(ref)).filter((t) => t.pending !== true), id);
      if (tx === undefined) throw new UsageError(say('err.unknownTransaction', { id, min: MIN_ID_PREFIX, client: clientId }));
      // A line kontera confirmed already: its voucher is corrected (correctVoucher refuses it once exported).
      const booked = await store.getVoucherForTransaction(ref, { bankAccount: tx.bankAccount, id: tx.id });
      if (client.bankAccounts.includes(account)) throw new ValidationError(say('err.accountIsBank', { account, client: clientId }));
      if (client.chart !== undefined) {
        if (!client.chart.includes(account)) throw new ValidationError(say('err.accountNotInChart', { account, client: clientId }));
      } else {
        const known = client.booksAccounts ?? Object.keys(client.accountNames ?? {});
        if (known.length > 0 && !known.includes(account) && !args.flags.has('new-account')) {
          throw new ValidationError(say('err.accountNotLearned', { account, n: known.length, client: clientId }));
        }
      }
      const [s] = (await kontera.suggest(clientId, [tx])) as [Suggestion];
      let vat = vatGiven;
      let vatFrom: 'option' | 'suggestion' | 'client' | 'voucher' = 'option';
      if (vat === undefined && !client.vatRegistered) [vat, vatFrom] = [{ rate: null }, 'client'];
      else if (vat === undefined && booked !== undefined) {
        vat = vatOf(booked, tx);
        vatFrom = 'voucher';
        if (vat === undefined) {
          throw new UsageError(say('err.missingVatNotPlain', { rows: rowsText(booked.rows.filter((r) => isVatAccount(r.account)), tx.bankAccount), choices: VAT_CHOICES.join('|') }));
        }
      } else if (vat === undefined) {
        if (s.voucher === null) throw new UsageError(say('err.missingVatNoVoucher', { id: tx.id, choices: VAT_CHOICES.join('|') }));
        vat = vatOf(s.voucher, tx);
        vatFrom = 'suggestion';
        if (vat === undefined) {
          throw new UsageError(say('err.missingVatNotPlain', { rows: rowsText(s.voucher.rows.filter((r) => isVatAccount(r.account)), tx.bankAccount), choices: VAT_CHOICES.join('|') }));
        }
      }
      if (vat.rate !== null && !client.vatRegistered) throw new ValidationError(say('err.vatNotRegistered', { rate: vat.rate, client: clientId }));
      if (booked !== undefined) {
        const rows = correctedVoucher(tx, account, vat, booked.text).rows;
        const c = await kontera.correctVoucher(clientId, booked, { rows, ...(textGiven !== undefined ? { text: textGiven } : {}) });
        if (ctx.json) {
          json(ctx, { client: clientId, transaction: { id: tx.id, date: tx.date, amount: tx.amount, text: tx.text, bankAccount: tx.bankAccount }, vat: { rate: vat.rate, from: vatFrom }, before: c.before, voucher: c.voucher, learned: c.learned ? 1 : 0 });
          return EXIT.ok;
        }
        const from = vatFrom === 'option' ? '' : vatFrom === 'client' ? say('correct.vatClient') : say('correct.vatVoucher');
        ctx.io.out(
          `${say('correct.corrected', { client: clientId, voucher: `${c.voucher.series}${c.voucher.number}`, date: c.voucher.date, text: c.voucher.text, account, vat: vatLabel(say, vat), from, was: rowsText(c.before.rows, tx.bankAccount) })}\n` +
            `${voucherText(say, c.voucher.rows, client.accountNames ?? {})}\n` +
            `${c.learned ? say('correct.learned', { key: s.key ?? say('correct.lineLikeThis') }) : say('correct.notLearned')}\n`,
        );
        return EXIT.ok;
      }
      const voucher = correctedVoucher(tx, account, vat, textGiven ?? s.voucher?.text ?? tx.text);
      const r = await kontera.confirm(clientId, [{ transaction: tx, voucher, correction: true }]);
      const stored = r.vouchers[0];
      if (stored === undefined) throw new Error('confirm returned no voucher');
      if (ctx.json) {
        json(ctx, {
          client: clientId,
          transaction: { id: tx.id, date: tx.date, amount: tx.amount, text: tx.text, bankAccount: tx.bankAccount },
          vat: { rate: vat.rate, from: vatFrom },
          suggested: s.voucher,
          voucher: stored,
          learned: r.learned,
        });
        return EXIT.ok;
      }
      const was = s.voucher === null ? say('correct.nothingSuggested') : say('correct.suggested', { rows: rowsText(s.voucher.rows, tx.bankAccount) });
      const from = vatFrom === 'option' ? '' : vatFrom === 'client' ? say('correct.vatClient') : say('correct.vatSuggested');
      ctx.io.out(
        `${say('correct.booked', { client: clientId, voucher: `${stored.series}${stored.number}`, date: tx.date, text: stored.text, account, vat: vatLabel(say, vat), from, was })}\n` +
          `${voucherText(say, stored.rows, client.accountNames ?? {})}\n` +
          `${r.learned > 0 ? say('correct.learned', { key: s.key ?? say('correct.lineLikeThis') }) : say('correct.notLearned')}\n`,
      );
      return EXIT.ok;
    }, args.strings.get('bureau'));
  },
};

const exportCommand: Command = {
  usage: 'kontera --db FILE export CLIENT [--out FILE] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--all] [--force] [--bureau ID]',
  summary: 'cmd.export',
  options: {
    out: { kind: 'string', value: 'FILE', help: 'opt.exportOut' },
    force: { kind: 'boolean', help: 'opt.exportForce' },
    all: { kind: 'boolean', help: 'opt.exportAll' },
    from: { kind: 'string', value: 'DATE', help: 'opt.from' },
    to: { kind: 'string', value: 'DATE', help: 'opt.to' },
    bureau: CLIENT_BUREAU,
  },
  async run(args, ctx) {
    const { say } = ctx;
    needPositionals(ctx, args, 1, exportCommand.usage);
    const clientId = args.positionals[0] as string;
    for (const option of ['from', 'to'] as const) {
      const value = args.strings.get(option);
      if (value !== undefined && !isIsoDate(value)) throw new UsageError(say('err.badDateOption', { option: `--${option}`, value }));
    }
    const out = args.strings.get('out') ?? `${clientId}.se`;
    // As the one-shot suggest: a file the user did not name is not overwritten (last month's export, not yet read into the books).
    if (!args.strings.has('out') && !args.flags.has('force') && existsSync(out)) throw new UsageError(say('err.exportWouldOverwrite', { path: out }));
    const store = await openDb(ctx, 'export');
    return withKontera(store, async (kontera) => {
      // Each export is recorded, and by default carries only what no earlier export did: a month's
      // file does not bring last month's vouchers into the books again.
      const all = args.flags.has('all');
      const before = (await kontera.getClient(clientId)).exported;
      const bytes = await kontera.exportSie(clientId, { from: args.strings.get('from'), to: args.strings.get('to'), newOnly: !all, record: true });
      const vouchers = readSie(bytes).vouchers.length;
      const marks = before === undefined ? '' : Object.entries(before.through).map(([series, n]) => `${series}${n}`).join(', ');
      const when = before?.at.slice(0, 10) ?? '';
      if (vouchers === 0 && !all && before !== undefined) {
        if (ctx.json) json(ctx, { client: clientId, file: null, vouchers: 0, bytes: 0, exportedBefore: before });
        else ctx.io.out(`${say('export.nothingNew', { client: clientId, series: marks, date: when })}\n`);
        return EXIT.ok;
      }
      writeOutput(ctx, out, bytes);
      if (ctx.json) json(ctx, { client: clientId, file: out, vouchers, bytes: bytes.length, ...(before !== undefined && !all ? { exportedBefore: before } : {}) });
      else ctx.io.out(`${say('export.done', { client: clientId, n: vouchers, path: out })}${before !== undefined && !all ? say('export.leftOut', { series: marks, date: when }) : ''}\n`);
      return EXIT.ok;
    }, args.strings.get('bureau'));
  },
};

/** What `lines --status` takes: a line's status, or every line. */
const LINE_STATUSES = ['all', ...TRANSACTION_STATUSES] as const;

/** The voucher that books a line, as the tables name vouchers (`A12`); one of the client's own books is marked as such. */
function bookedByText(say: Say, t: ClientTransaction): string {
  if (t.bookedBy === undefined) return '';
  const v = `${t.bookedBy.series}${t.bookedBy.number}`;
  return t.bookedBy.from === 'sie' ? say('lines.fromSie', { voucher: v }) : v;
}

const linesCommand: Command = {
  usage: 'kontera --db FILE lines CLIENT [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--status unbooked|booked|pending|all] [--bank-account ACCOUNT] [--bureau ID]',
  summary: 'cmd.lines',
  details: 'cmd.lines.details',
  options: {
    from: { kind: 'string', value: 'DATE', help: 'opt.linesFrom' },
    to: { kind: 'string', value: 'DATE', help: 'opt.linesTo' },
    status: { kind: 'string', value: 'STATUS', help: 'opt.linesStatus' },
    'bank-account': { kind: 'string', value: 'ACCOUNT', help: 'opt.linesBankAccount' },
    bureau: CLIENT_BUREAU,
  },
  async run(args, ctx) {
    const { say } = ctx;
    needPositionals(ctx, args, 1, linesCommand.usage);
    if (args.positionals.length > 1) throw new UsageError(say('err.oneClient', { n: args.positionals.length, usage: linesCommand.usage }));
    const clientId = args.positionals[0] as string;
    for (const option of ['from', 'to'] as const) {
      const value = args.strings.get(option);
      if (value !== undefined && !isIsoDate(value)) throw new UsageError(say('err.badDateOption', { option: `--${option}`, value }));
    }
    const statusGiven = args.strings.get('status') ?? 'all';
    const status = LINE_STATUSES.find((s) => s === statusGiven);
    if (status === undefined) throw new UsageError(say('err.badStatus', { value: statusGiven, statuses: LINE_STATUSES.join(', ') }));
    const store = await openDb(ctx, 'lines');
    return withKontera(store, async (kontera) => {
      // Every line of the period, whatever --status says: the summary counts them all.
      const all = await kontera.transactions(clientId, { from: args.strings.get('from'), to: args.strings.get('to'), bankAccount: args.strings.get('bank-account') });
      const shown = status === 'all' ? all : all.filter((t) => t.status === status);
      if (ctx.json) {
        json(ctx, shown);
        return EXIT.ok;
      }
      const db = shellArg(ctx.db ?? 'FILE');
      const client = shellArg(clientId);
      if (all.length === 0) {
        const filtered = ['from', 'to', 'bank-account'].some((o) => args.strings.has(o));
        ctx.io.out(`${prose(ctx, filtered ? say('lines.noneInRange', { client: clientId }) : say('lines.none', { client: clientId, db, arg: client }))}\n`);
        return EXIT.ok;
      }
      const accounts = new Set(all.map((t) => t.bankAccount)).size > 1;
      const statusWord = (t: ClientTransaction): string => say(t.status === 'booked' ? 'lines.booked' : t.status === 'pending' ? 'lines.pending' : 'lines.unbooked');
      const header = [say('col.id'), say('col.date'), ...(accounts ? [say('col.bankAccount')] : []), say('col.amount'), say('col.bankText'), say('col.status'), say('col.voucher')];
      const rows = shown.map((t) => [t.id.slice(0, SHORT_ID), t.date, ...(accounts ? [t.bankAccount] : []), formatKronor(t.amount), t.text, statusWord(t), bookedByText(say, t)]);
      const statusColumn = header.length - 2;
      const decorate = (text: string, i: number): string => (i === statusColumn && ctx.colour ? paint(text.trim() === say('lines.booked') ? 'green' : 'yellow', text) : text);
      const count = (s: TransactionStatus): number => all.filter((t) => t.status === s).length;
      const left = count('unbooked');
      const pending = count('pending');
      const summary = say('lines.summary', {
        n: all.length,
        booked: count('booked'),
        left,
        pending: pending > 0 ? say('lines.summaryPending', { n: pending }) : '',
        shown: shown.length === all.length ? '' : say('lines.shown', { n: shown.length, status: statusGiven }),
        hint: left > 0 ? say('lines.hint', { db, client }) : '',
      });
      const text = shown.length === 0 ? '' : `${table(header, rows, { right: [accounts ? 3 : 2], width: ctx.columns, shrink: [accounts ? 4 : 3], decorate })}\n\n`;
      ctx.io.out(`${text}${prose(ctx, summary)}\n`);
      return EXIT.ok;
    }, args.strings.get('bureau'));
  },
};

const backtestCommand: Command = {
  usage: 'kontera backtest BOOKS.se [--train 0.7] [--chart FILE]',
  summary: 'cmd.backtest',
  details: 'cmd.backtest.details',
  options: {
    train: { kind: 'number', value: 'SHARE', help: 'opt.train' },
    chart: { kind: 'string', value: 'FILE', help: 'opt.chart' },
    'bank-accounts': { kind: 'list', value: 'ACCOUNTS', help: 'opt.backtestBankAccounts' },
  },
  async run(args, ctx) {
    const { say } = ctx;
    needPositionals(ctx, args, 1, backtestCommand.usage);
    const path = args.positionals[0] as string;
    const train = numberOption(args, 'train', 0.7, 0.1, 0.95, say);
    if (path === STDIN && !args.strings.has('chart')) throw new UsageError(say('err.chartForStdin'));
    const { doc } = readHistory(ctx, path, say('use.backtestStatement'));
    // Vouchers the reader left out (unbalanced, unreadable) are not replayed: every one is reported.
    printWarnings(ctx.io.err, path, doc.issues);
    const r = backtest(doc, { train, ...(args.lists.has('bank-accounts') ? { bankAccounts: args.lists.get('bank-accounts') } : {}), onProgress: progress(ctx, say('progress.replaying', { path })) });
    const shown = path === STDIN ? say('file.stdin') : path;
    // A file with nothing replayed gets no chart: an empty chart says nothing.
    const chartPath = r.tested === 0 ? null : (args.strings.get('chart') ?? join(dirname(path), `${basename(path).replace(/\.[^.]+$/, '')}.backtest.svg`));
    if (chartPath !== null) writeOutput(ctx, chartPath, backtestChart(r, basename(shown), { say, threshold: DEFAULT_AUTO_BOOK_THRESHOLD }));
    if (ctx.json) {
      json(ctx, { file: path, train, chart: chartPath, ...r, warnings: warningsJson(path, doc.issues) });
      return EXIT.ok;
    }
    ctx.io.out(prose(ctx, backtestText(ctx, r, shown, train, chartPath)));
    // Counted from the vouchers: the reader lists at most MAX_LISTED_ERRORS unbalanced ones as issues.
    const dropped = doc.vouchers.filter((v) => trySumAmounts(v.transactions) !== 0).length;
    if (dropped > 0) ctx.io.out(`${say('backtest.dropped', { n: dropped })}\n`);
    return EXIT.ok;
  },
};

function backtestText(ctx: Context, r: BacktestResult, path: string, train: number, chartPath: string | null): string {
  const { say } = ctx;
  const share = Math.round(train * 100);
  if (r.bookings === 0) return `${say('backtest.noBookings', { path })}\n`;
  if (r.tested === 0) return `${say('backtest.nothingReplayed', { path, n: r.bookings, months: r.months.length, share })}\n`;
  const learnedFrom = r.bookings - r.tested;
  const out: string[] = [];
  out.push(
    learnedFrom === 0
      ? say('backtest.headNothingLearned', { path, n: r.bookings, share, tested: r.tested, month: r.firstTestMonth ?? '?' })
      : say('backtest.head', { path, n: r.bookings, learned: learnedFrom, share, tested: r.tested, month: r.firstTestMonth ?? '?' }),
  );
  out.push('');
  const at99 = `${pct(r.autoBookAt99.share)}${r.autoBookAt99.threshold === null ? '' : ` (${say('backtest.confidenceFrom', { c: r.autoBookAt99.threshold.toFixed(3) })})`}`;
  out.push(
    table(
      [say('col.top1'), say('col.top3'), say('col.exact'), say('col.heldBack'), say('col.at99', { p: TARGET_PRECISION * 100 }), say('col.defaultBooks')],
      [[pct(r.top1), pct(r.top3), pct(r.exact), pct(r.abstain), at99, say('backtest.right', { share: pct(r.autoBook.share), precision: pct(r.autoBook.precision) })]],
      { width: ctx.columns, shrink: [4, 5] },
    ),
  );
  out.push(`\n${say('backtest.thresholds')}`);
  out.push(table([say('col.confidenceFrom'), say('col.lines'), say('col.shareOfAll'), say('col.rightAmong')], r.thresholds.map((t) => [t.threshold.toFixed(2), String(t.answered), pct(t.share), pct(t.precision)]), { right: [0, 1, 2, 3] }));
  out.push(`\n${say('backtest.months')}`);
  out.push(table([say('col.month'), say('col.lines'), say('col.top1'), say('col.autoBooked'), say('col.autoRight')], r.months.map((m) => [m.month, String(m.lines), pct(m.top1 / m.lines), String(m.autoBooked), m.autoBooked === 0 ? '—' : pct(m.autoRight / m.autoBooked)]), { right: [1, 2, 3, 4] }));
  if (chartPath !== null) out.push(`\n${say('backtest.chart', { path: chartPath })}`);
  return `${out.join('\n')}\n`;
}

const relearnCommand: Command = {
  usage: 'kontera --db FILE relearn (--client ID | --all) [--bureau ID]',
  summary: 'cmd.relearn',
  details: 'cmd.relearn.details',
  options: {
    client: { kind: 'string', value: 'ID', help: 'opt.relearnClient' },
    all: { kind: 'boolean', help: 'opt.relearnAll' },
    bureau: CLIENT_BUREAU,
  },
  async run(args, ctx) {
    const { say } = ctx;
    const clientId = args.strings.get('client');
    const all = args.flags.has('all');
    if ((clientId === undefined) === !all || args.positionals.length > 0) throw new UsageError(say('err.missingArgs', { usage: relearnCommand.usage }));
    const store = await openDb(ctx, 'relearn');
    const bureauId = args.strings.get('bureau');
    return withKontera(store, async (kontera) => {
      const targets: { bureauId: string | undefined; id: string }[] = [];
      if (clientId !== undefined) targets.push({ bureauId, id: clientId });
      else {
        if (bureauId !== undefined && (await store.getBureau(bureauId)) === undefined) throw new NotFoundError(say('err.unknownBureau', { id: bureauId }));
        for (const b of bureauId !== undefined ? [bureauId] : await bureauIds(store)) for (const c of await store.listClients(b)) targets.push({ bureauId: b, id: c.id });
      }
      const results = [];
      // One transaction per client: a failure leaves that client's knowledge as it was, and stops.
      for (const t of targets) {
        const k = t.bureauId === undefined ? kontera : kontera.forBureau(t.bureauId);
        const r = await k.relearn(t.id, { onProgress: progress(ctx, say('progress.relearning', { client: t.id })), signal: ctx.io.signal });
        results.push({ client: t.id, ...(t.bureauId !== undefined ? { bureau: t.bureauId } : {}), ...r });
        if (!ctx.json) {
          const notes =
            (r.fromImportedLine > 0 ? say('relearn.fromLines', { n: r.fromImportedLine }) : '') +
            (r.notReplayable > 0 ? say('relearn.notReplayable', { n: r.notReplayable }) : '') +
            (r.forgotten > 0 ? say('relearn.forgotten', { n: r.forgotten }) : '');
          ctx.io.out(`${say('relearn.done', { client: t.id, sie: r.replayed.sie, confirmed: r.replayed.confirmed, before: r.profilesBefore, after: r.profilesAfter, notes })}\n`);
          // Each voucher that could not be learned again, by name: nothing is lost unsaid.
          if (r.notReplayableVouchers.length > 0) {
            const vouchers = r.notReplayableVouchers.map((v) => `${v.series} ${v.number} (${v.date}${v.text.trim() === '' ? '' : ` "${v.text.trim()}"`})`).join(', ');
            ctx.io.out(`${say('relearn.notReplayableList', { n: r.notReplayableVouchers.length, vouchers })}\n`);
          }
        }
      }
      if (ctx.json) json(ctx, results);
      else if (targets.length === 0) ctx.io.out(`${say('clients.none')}\n`);
      return EXIT.ok;
    });
  },
};

const COMMANDS: Readonly<Record<string, Command>> = {
  suggest: suggestCommand,
  backtest: backtestCommand,
  clients: clientsCommand,
  learn: learnCommand,
  import: importCommand,
  confirm: confirmCommand,
  correct: correctCommand,
  lines: linesCommand,
  export: exportCommand,
  relearn: relearnCommand,
};

function optionHelp(say: Say, options: Readonly<Record<string, OptionSpec>>): string[] {
  const rows = Object.entries(options).map(([n, o]) => [`${o.short === undefined ? '    ' : `-${o.short}, `}--${n}${o.value === undefined ? '' : ` ${o.value}`}`, say(o.help, { default: DEFAULT_AUTO_BOOK_THRESHOLD })]);
  return rows.length === 0 ? [] : table(['', ''], rows).split('\n').slice(1).map((l) => `  ${l}`);
}

function mainHelp(say: Say): string {
  return [
    say('help.title'),
    '',
    say('help.usage'),
    '  kontera [--db FILE] [--json] [--lang sv|en] COMMAND [ARGS] [OPTIONS]',
    '',
    say('help.commands'),
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(9)} ${say(c.summary)}`),
    '',
    say('help.quickStart'),
    '  kontera suggest januari.csv --history bokföring-2025.se',
    '  cat januari.csv | kontera suggest - --history bokföring-2025.se --dry-run',
    '',
    say('help.stateful'),
    '  kontera --db byra.db clients add kaffe --name "Kaffebryggeriet AB"',
    '  kontera --db byra.db learn kaffe bokföring-2025.se',
    '  kontera --db byra.db import kaffe januari.csv',
    '  kontera --db byra.db suggest kaffe --review granska.csv',
    '  kontera --db byra.db confirm kaffe',
    '  kontera --db byra.db correct kaffe 3f2a91c0 --account 6212 --vat 25',
    '  kontera --db byra.db lines kaffe --from 2026-01-01 --to 2026-01-31',
    '  kontera --db byra.db clients update kaffe --threshold 0.98 --no-network',
    '  kontera --db byra.db export kaffe --out januari.se',
    '',
    say('help.global'),
    ...optionHelp(say, GLOBAL),
    '',
    say('help.conventions'),
    '',
    say('help.exitCodes'),
    '',
    say('help.more'),
    '',
  ].join('\n');
}

function commandHelp(say: Say, name: string, c: Command): string {
  return [
    `kontera ${name} — ${say(c.summary)}`,
    '',
    `${say('help.usage')} ${c.usage}`,
    '',
    ...(c.details === undefined ? [] : [say(c.details), '']),
    ...(Object.keys(c.options).length === 0 ? [] : [say('help.options'), ...optionHelp(say, c.options), '']),
    say('help.global'),
    ...optionHelp(say, GLOBAL),
    '',
  ].join('\n');
}

/** The position part the error class appends to its message, in English. */
function englishWhere(e: KonteraError): string {
  const parts: string[] = [];
  if (e.file !== undefined) parts.push(e.file);
  if (e.line !== undefined) parts.push(`line ${e.line}`);
  if (e.column !== undefined) parts.push(`column ${e.column}`);
  if (e.field !== undefined) parts.push(`field "${e.field}"`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

/**
 * The human part of an error for the command line: the position in the chosen language, and hints
 * that name the library's options replaced by the command line's (`columns` → `--columns`).
 */
function humanMessage(e: KonteraError, say: Say): string {
  const where = englishWhere(e);
  let message = where !== '' && e.message.endsWith(where) ? e.message.slice(0, -where.length) : e.message;
  const hint = message.indexOf('(pass `columns` to read it as a generic CSV)');
  if (hint >= 0) message = `${message.slice(0, hint).trimEnd()} (${say('hint.columns')})${message.slice(hint + '(pass `columns` to read it as a generic CSV)'.length)}`;
  message = message.replace(/ or pass \{ database \}/, '');
  message = inCliTerms(message);
  // A file the library knows is of another kind (SIE, BgMax, MT942) is not read by naming columns.
  if (e.code === 'UNKNOWN_FORMAT' && !message.includes('--columns') && !PHRASED.has(e) && !message.startsWith('This is a')) message += ` (${say('hint.columnsOrFormat')})`;
  if (e.code === 'STORE' && /better-sqlite3/.test(message)) message += ` (${say('hint.sqlite')})`;
  if (e.code === 'AMBIGUOUS_CLIENT') message = message.replace(/name the bureau with kontera\.forBureau\(bureauId\)/, say('hint.bureau'));
  const parts: string[] = [];
  if (e.file !== undefined) parts.push(e.file);
  if (e.line !== undefined) parts.push(say('where.line', { n: e.line }));
  if (e.column !== undefined) parts.push(say('where.column', { n: e.column }));
  if (e.field !== undefined) parts.push(say('where.field', { name: e.field }));
  return `${joinLines(message)}${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`;
}

/** Makes an error one line: `kontera: CODE: message`. */
function oneLine(e: KonteraError, say: Say): string {
  const label = e instanceof UsageError ? say('label.usage') : e instanceof FileAccessError ? say('label.file') : e.code;
  return `kontera: ${label}: ${humanMessage(e, say)}`;
}

/** `--lang` wherever it stands, before the rest is parsed, so even a wrong command line is reported in it. */
function langOf(argv: readonly string[]): Locale | 'invalid' | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--') break;
    const value = a === '--lang' ? argv[i + 1] : a.startsWith('--lang=') ? a.slice('--lang='.length) : undefined;
    if (value === undefined) continue;
    const known = LOCALES.find((l) => l === value.toLowerCase());
    return known ?? 'invalid';
  }
  return undefined;
}

/**
 * Runs the command line `argv` (without `node` and the script) and returns the exit code.
 *
 * ```ts
 * const code = await runCli(['backtest', 'books.se', '--json'], { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) });
 * ```
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const debug = argv.includes('--debug');
  const lang = langOf(argv);
  const locale: Locale = lang === undefined || lang === 'invalid' ? (io.locale ?? localeFromEnv(process.env)) : lang;
  const say = sayer(locale);
  // --json before `--` makes errors JSON too; decided before parsing, so a wrong command line is JSON as well.
  const end = argv.indexOf('--');
  const jsonErrors = (end < 0 ? argv : argv.slice(0, end)).includes('--json');
  try {
    if (lang === 'invalid') throw new UsageError(say('err.badLang', { locales: LOCALES.join(', ') }));
    // Global options may come before the command; the first positional is the command.
    const at = commandIndex(argv);
    const before = parseArgs(at < 0 ? argv : argv.slice(0, at), GLOBAL, 'kontera', say);
    const name = at < 0 ? undefined : (argv[at] as string);
    if (name === undefined || name === 'help') {
      if (before.flags.has('version')) {
        io.out(`kontera ${VERSION}\n`);
        return EXIT.ok;
      }
      const topic = name === 'help' ? argv.slice(at + 1).find((a) => !a.startsWith('-')) : undefined;
      const c = topic === undefined ? undefined : COMMANDS[topic];
      if (topic !== undefined && c === undefined) throw unknownCommand(say, topic);
      io.out(c !== undefined && topic !== undefined ? commandHelp(say, topic, c) : mainHelp(say));
      return name === undefined && !before.flags.has('help') ? EXIT.usage : EXIT.ok;
    }
    const command = COMMANDS[name];
    if (command === undefined) throw unknownCommand(say, name);
    const args = parseArgs(argv.slice(at + 1), { ...GLOBAL, ...command.options }, name, say);
    if (args.flags.has('help') || before.flags.has('help')) {
      io.out(commandHelp(say, name, command));
      return EXIT.ok;
    }
    if (args.flags.has('version') || before.flags.has('version')) {
      io.out(`kontera ${VERSION}\n`);
      return EXIT.ok;
    }
    const db = args.strings.get('db') ?? before.strings.get('db');
    const isJson = args.flags.has('json') || before.flags.has('json');
    const columns = io.columns === undefined || isJson ? undefined : Math.max(MIN_COLUMNS, io.columns);
    return await command.run(args, { io, json: isJson, db, say, columns, colour: io.colour === true && !isJson, stdinUsed: false });
  } catch (e) {
    if (e instanceof KonteraError && e.code === 'ABORTED' && io.signal?.aborted === true) {
      // Ctrl-C: the operation under way rolled back; what finished before it (an earlier file) stays.
      const message = say('err.interrupted');
      if (jsonErrors) io.err(`${JSON.stringify({ error: { code: e.code, message, file: null, line: null, field: null } })}\n`);
      else io.err(`kontera: ${e.code}: ${message}\n`);
      return EXIT.interrupted;
    }
    if (e instanceof KonteraError) {
      if (jsonErrors) {
        const error = { code: e.code, message: humanMessage(e, say), file: e.file ?? null, line: e.line ?? null, field: e.field ?? null };
        io.err(`${JSON.stringify({ error })}\n`);
      } else {
        const line = oneLine(e, say);
        io.err(`${io.colour === true ? paint('red', line) : line}\n`);
      }
      if (debug && e.stack !== undefined) io.err(`${e.stack}\n`);
      return e instanceof UsageError ? EXIT.usage : e instanceof FileAccessError ? EXIT.file : EXIT.input;
    }
    const message = e instanceof Error ? e.message : String(e);
    if (jsonErrors) io.err(`${JSON.stringify({ error: { code: 'INTERNAL', message, file: null, line: null, field: null } })}\n`);
    else io.err(`kontera: ${say('label.internal')}: ${joinLines(message)}${debug ? '' : ` (${say('hint.debug')})`}\n`);
    if (debug && e instanceof Error && e.stack !== undefined) io.err(`${e.stack}\n`);
    return EXIT.internal;
  }
}

/** A message on one line: each line break, with the blanks around it, becomes "; ", in linear time (a blank-run regular expression around the break is quadratic). */
function joinLines(message: string): string {
  return message
    .split('\n')
    .map((part, i, all) => (i === 0 ? part.trimEnd() : i === all.length - 1 ? part.trimStart() : part.trim()))
    .join('; ');
}

/** Index in `argv` of the command: the first argument that is neither a global option nor its value; -1 when there is none. */
function commandIndex(argv: readonly string[]): number {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const [name, o] of Object.entries(GLOBAL)) options[name] = { type: o.kind === 'boolean' ? 'boolean' : 'string', ...(o.short === undefined ? {} : { short: o.short }) };
  const { tokens } = nodeParseArgs({ args: [...argv], options, strict: false, allowPositionals: true, tokens: true });
  return tokens.find((t) => t.kind === 'positional')?.index ?? -1;
}

function unknownCommand(say: Say, name: string): UsageError {
  const near = nearest(name, Object.keys(COMMANDS));
  return new UsageError(say('err.unknownCommand', { name, commands: Object.keys(COMMANDS).join(', '), near: near === undefined ? '' : say('err.didYouMean', { what: `kontera ${near}` }) }));
}

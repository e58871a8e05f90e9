/**
 * The `kontera` command line: a thin layer over the library. It reads and writes the files named
 * on the command line, calls the facade (or, for `backtest`, the pure engine) and prints what
 * happened. This folder is the only place in src/ besides the stores that touches files or the
 * process.
 *
 * Exit codes: 0 done, 1 internal error, 2 wrong command line, 3 an input was refused (bad
 * statement or SIE file, unknown client, invalid booking), 4 a file could not be read or written.
 *
 * @module
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ConflictError, KonteraError, NotFoundError, ValidationError } from '../core/errors.js';
import { formatKronor } from '../core/money.js';
import { createKontera } from '../kontera.js';
import type { Booking, ImportedTransaction, Kontera, Progress } from '../kontera.js';
import { readSie } from '../sie/reader.js';
import { printWarnings, warningsJson } from './warnings.js';
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
import { FileAccessError, UsageError, numberOption, parseArgs } from './args.js';
import type { OptionSpec, ParsedArgs } from './args.js';
import { TARGET_PRECISION, backtest } from './backtest.js';
import type { BacktestResult } from './backtest.js';
import { svgLineChart } from './chart.js';
import { action, cut, excelAmount, excelCsv, rowsText, table } from './output.js';

/** Exit codes, see the module comment. */
export const EXIT = { ok: 0, internal: 1, usage: 2, input: 3, file: 4 } as const;

/** Where the command writes; the process streams in `main.ts`, buffers in tests. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** True when `err` is a terminal: long operations then show their progress on it. */
  readonly interactive?: boolean | undefined;
}

const VERSION = '0.1.0';
/** The bureau the stateless commands put their one client in. */
const LOCAL_BUREAU = 'local';
const ORG_NR = /^\d{6}-?\d{4}$/;
/** Characters of a transaction id the stateful tables show; `correct` and `confirm` take any unique prefix of 4 or more. */
const SHORT_ID = 8;
const MIN_ID_PREFIX = 4;


const GLOBAL: Readonly<Record<string, OptionSpec>> = {
  db: { kind: 'string', value: 'FILE', help: 'SQLite database for the stateful commands (created if missing)' },
  json: { kind: 'boolean', help: 'print JSON instead of tables (for scripts)' },
  debug: { kind: 'boolean', help: 'print the stack trace of an error' },
  help: { kind: 'boolean', help: 'show help' },
};

interface Command {
  readonly usage: string;
  readonly summary: string;
  readonly details?: string | undefined;
  readonly options: Readonly<Record<string, OptionSpec>>;
  readonly run: (args: ParsedArgs, ctx: Context) => Promise<number>;
}

interface Context {
  readonly io: CliIo;
  readonly json: boolean;
  readonly db: string | undefined;
}

function readInput(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (e) {
    const code = typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : '';
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : code || 'unreadable';
    throw new FileAccessError(`Cannot read ${path}: ${why}`, { cause: e });
  }
}

function writeOutput(path: string, bytes: Uint8Array | string): void {
  try {
    writeFileSync(path, bytes);
  } catch (e) {
    const code = typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : '';
    const why = code === 'ENOENT' ? 'its folder does not exist' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : code || 'unwritable';
    throw new FileAccessError(`Cannot write ${path}: ${why}`, { cause: e });
  }
}

/** Progress of a long operation on stderr, rewritten in place; nothing when stderr is not a terminal. */
function progress(ctx: Context, label: string): ((p: Progress) => void) | undefined {
  if (ctx.io.interactive !== true) return undefined;
  let last = -1;
  return (p) => {
    const pct = p.total === 0 ? 100 : Math.floor((p.done / p.total) * 100);
    if (pct === last) return;
    last = pct;
    ctx.io.err(`\r${label}: ${p.done}/${p.total} (${pct} %)${p.done >= p.total ? '\r\u001b[K' : ''}`);
  };
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

function readHistory(path: string): { bytes: Uint8Array; doc: SieDocument } {
  const bytes = readInput(path);
  return { bytes, doc: readSie(bytes, { strict: false, fileName: path }) };
}

/** One line with its suggestion, as the tables, the review CSV and JSON show it. */
interface Line {
  readonly file: string;
  readonly tx: ImportedTransaction;
  readonly s: Suggestion;
}

/** The suggestions as a table; `ids` adds the start of each line's id, for `confirm --transaction` and `correct`. */
function linesTable(lines: readonly Line[], options: { ids?: boolean } = {}): string {
  const ids = options.ids === true;
  return table(
    [...(ids ? ['id'] : []), 'date', 'bank text', 'amount kr', 'suggested rows (besides the bank row)', 'conf', 'source', 'action', 'reason'],
    lines.map(({ tx, s }) => [
      ...(ids ? [tx.id.slice(0, SHORT_ID)] : []),
      tx.date,
      tx.text,
      formatKronor(tx.amount),
      s.voucher === null ? `(none${s.account === null ? '' : `; best guess ${s.account}`})` : rowsText(s.voucher.rows, tx.bankAccount),
      s.confidence.toFixed(2),
      s.source ?? '–',
      action(s),
      s.reviewReasons.length > 0 ? `${s.reason} [${s.reviewReasons.join('; ')}]` : s.reason,
    ]),
    ids ? { right: [3, 5], max: [SHORT_ID, 10, 34, 14, 44, 4, 7, 6, 100] } : { right: [2, 4], max: [10, 34, 14, 44, 4, 7, 6, 100] },
  );
}

function reviewCsv(lines: readonly Line[]): Uint8Array {
  return excelCsv(
    ['file', 'line', 'date', 'amount', 'text', 'suggested account', 'suggested voucher', 'confidence', 'source', 'reason', 'why review', 'transaction id'],
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
      { value: s.voucher === null ? 'no voucher suggested' : s.reviewReasons.join('; '), text: true },
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
    review: l.s.review,
    reviewReasons: l.s.reviewReasons,
  };
}

async function withKontera<T>(store: Store, fn: (k: Kontera) => Promise<T>): Promise<T> {
  const kontera = await createKontera({ store });
  try {
    return await fn(kontera);
  } finally {
    await kontera.close();
  }
}

async function openDb(ctx: Context, command: string): Promise<SqliteStore> {
  if (ctx.db === undefined) throw new UsageError(`"${command}" needs a database: kontera --db FILE ${command} …`);
  return openSqliteStore({ path: ctx.db });
}

/**
 * Every bureau in the database. The store contract has no list of bureaus (a bureau-scoped API
 * never needs one), so the command line, which owns the whole file, reads the table itself.
 */
function bureauIds(store: SqliteStore): string[] {
  return store.database
    .prepare('SELECT id FROM bureaus ORDER BY id')
    .all([])
    .flatMap((row) => (typeof row === 'object' && row !== null && 'id' in row && typeof row.id === 'string' ? [row.id] : []));
}

/**
 * `--columns date=Datum,amount=Belopp,text=Text[,balance=Saldo,…]` for a bank kontera does not
 * recognise: header names, or 0-based column numbers.
 */
function columnsOption(args: ParsedArgs): { columns?: ColumnMapping } {
  const spec = args.strings.get('columns');
  if (spec === undefined) return {};
  const roles = ['date', 'amount', 'credit', 'debit', 'text', 'balance', 'valueDate', 'reference', 'counterparty'] as const;
  const map: Partial<Record<(typeof roles)[number], number | string>> = {};
  for (const part of spec.split(',')) {
    const eq = part.indexOf('=');
    const role = roles.find((r) => r === part.slice(0, eq).trim());
    const value = part.slice(eq + 1).trim();
    if (eq < 0 || role === undefined || value === '') {
      throw new UsageError(`Bad --columns part "${part}": expected ROLE=COLUMN with ROLE one of ${roles.join(', ')}`);
    }
    map[role] = /^\d+$/.test(value) ? Number(value) : value;
  }
  const { date, text } = map;
  if (date === undefined || text === undefined || (map.amount === undefined && map.credit === undefined && map.debit === undefined)) {
    throw new UsageError('--columns needs date=, text= and amount= (or credit= and debit=)');
  }
  return { columns: { ...map, date, text } };
}

/** `--format ID`, checked against the known formats. */
function formatOption(args: ParsedArgs): { format?: StatementFormatId } {
  const id = args.strings.get('format');
  if (id === undefined) return {};
  const known = STATEMENT_FORMAT_IDS.find((f) => f === id);
  if (known === undefined) throw new UsageError(`Unknown --format "${id}": expected one of ${STATEMENT_FORMAT_IDS.join(', ')}`);
  return { format: known };
}

function needPositionals(args: ParsedArgs, n: number, usage: string): void {
  if (args.positionals.length < n) throw new UsageError(`Missing arguments: usage: ${usage}`);
}

/** Unbooked imported lines of a client, oldest first. */
async function unbooked(store: Store, kontera: Kontera, clientId: string): Promise<ImportedTransaction[]> {
  const client = await kontera.getClient(clientId);
  const ref = { bureauId: client.bureauId, clientId: client.id };
  return store.transaction(async (tx) => {
    const lines = await tx.listTransactions(ref);
    const booked = new Set((await tx.listVouchers(ref)).flatMap((v) => (v.transactionId === undefined ? [] : [`${v.bankAccount ?? ''}\u0000${v.transactionId}`])));
    return lines.filter((t) => !booked.has(`${t.bankAccount}\u0000${t.id}`) && t.booked === undefined && t.pending !== true).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  }, { readOnly: true });
}

/**
 * The line `id` names among `lines`: its full id, or a prefix of at least {@link MIN_ID_PREFIX}
 * characters that only one line's id starts with. Undefined when none matches.
 */
function lineById<T extends { readonly id: string }>(lines: readonly T[], id: string): T | undefined {
  const exact = lines.find((t) => t.id === id);
  if (exact !== undefined || id.length < MIN_ID_PREFIX) return exact;
  const matches = lines.filter((t) => t.id.startsWith(id));
  if (matches.length > 1) {
    throw new UsageError(`Ambiguous transaction ${id}: expected one line, ${matches.length} ids start with it (${matches.slice(0, 3).map((t) => t.id).join(', ')}${matches.length > 3 ? ', …' : ''}); give more characters`);
  }
  return matches[0];
}

// ------------------------------------------------------------------ commands

const suggestCommand: Command = {
  usage: 'kontera suggest STATEMENT... --history BOOKS.se [--client NAME] [--out vouchers.se] [--review review.csv]\n       kontera --db FILE suggest CLIENT [--review review.csv]',
  summary: 'suggest vouchers for bank statement lines',
  details:
    'Without --db: the one-shot a bureau tries first. Learns from last year\'s SIE export (--history), reads this month\'s\n' +
    'statement(s), writes the confident vouchers as a SIE 4I file (--out, default vouchers.se) and the rest, with the\n' +
    'reasons, as a review list (--review, default review.csv; UTF-8 with BOM and ";" so Excel opens it). Nothing is kept.\n' +
    'With --db: suggests for the client\'s imported lines that are not booked yet (see import, confirm).',
  options: {
    history: { kind: 'string', value: 'BOOKS.se', help: 'SIE 4 export of the client\'s earlier books (required without --db)' },
    client: { kind: 'string', value: 'NAME', help: 'client name (default: #FNAMN of the SIE file)' },
    out: { kind: 'string', value: 'FILE', help: 'where to write the confident vouchers as SIE 4I (default vouchers.se)' },
    review: { kind: 'string', value: 'FILE', help: 'where to write the review list as CSV (default review.csv without --db)' },
    threshold: { kind: 'number', value: 'C', help: `auto-book from this confidence, 0–1 (default ${DEFAULT_AUTO_BOOK_THRESHOLD}, or the client's)` },
    'bank-account': { kind: 'string', value: 'ACCOUNT', help: 'ledger bank account of the statements (default: the SIE file\'s most used 19xx account)' },
    format: { kind: 'string', value: 'ID', help: 'statement format, when detection cannot tell (one of STATEMENT_FORMAT_IDS, e.g. nordea-2024)' },
    columns: { kind: 'string', value: 'ROLE=COL,…', help: 'a bank kontera does not know: e.g. date=Datum,amount=Belopp,text=Text (header names or 0-based numbers)' },
  },
  async run(args, ctx) {
    if (ctx.db !== undefined) return suggestStateful(args, ctx);
    const historyPath = args.strings.get('history');
    if (historyPath === undefined) throw new UsageError('Missing --history BOOKS.se: kontera learns from the client\'s earlier books (or use --db for a stored client)');
    if (args.positionals.length === 0) throw new UsageError('Missing STATEMENT: name at least one bank statement file');
    const threshold = numberOption(args, 'threshold', DEFAULT_AUTO_BOOK_THRESHOLD, 0, 1);
    const outPath = args.strings.get('out') ?? 'vouchers.se';
    const reviewPath = args.strings.get('review') ?? 'review.csv';
    const { bytes, doc } = readHistory(historyPath);
    const statements = args.positionals.map((p) => ({ path: p, bytes: readInput(p) }));
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
      const learned = await kontera.learnFromSie('client', bytes, { fileName: historyPath, onProgress: progress(ctx, `learning ${historyPath}`) });
      const warned = warningsJson(historyPath, [...learned.issues, ...learned.warnings]);
      printWarnings(ctx.io.err, historyPath, [...learned.issues, ...learned.warnings]);
      const lines: Line[] = [];
      let duplicates = 0;
      let booked = 0;
      for (const st of statements) {
        const imported = await kontera.importStatement('client', st.bytes, { fileName: st.path, bankAccount, ...formatOption(args), ...columnsOption(args) });
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
      writeOutput(outPath, await kontera.exportSie('client'));
      writeOutput(reviewPath, reviewCsv(review));
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
          out: outPath,
          reviewFile: reviewPath,
          suggestions: lines.map(lineJson),
          warnings: warned,
        });
        return EXIT.ok;
      }
      ctx.io.out(`${name}: learned ${learned.learned} bank bookings from ${learned.vouchers} vouchers in ${historyPath}\n\n`);
      ctx.io.out(`${linesTable(lines)}\n\n`);
      ctx.io.out(
        `${lines.length} lines from ${statements.length} statement${statements.length === 1 ? '' : 's'}${duplicates > 0 ? ` (${duplicates} repeated lines counted once)` : ''}${booked > 0 ? ` besides ${booked} already booked in ${historyPath}` : ''}: ` +
          `${auto.length} auto-booked at confidence ≥ ${threshold} → ${outPath}; ${review.length} to review → ${reviewPath}\n`,
      );
      return EXIT.ok;
    });
  },
};

async function suggestStateful(args: ParsedArgs, ctx: Context): Promise<number> {
  needPositionals(args, 1, 'kontera --db FILE suggest CLIENT [--review FILE]');
  const clientId = args.positionals[0] as string;
  const store = await openDb(ctx, 'suggest');
  return withKontera(store, async (kontera) => {
    const open = await unbooked(store, kontera, clientId);
    const suggestions = await kontera.suggest(clientId, open);
    const client = await kontera.getClient(clientId);
    const statements = await store.listStatements({ bureauId: client.bureauId, clientId: client.id });
    const fileOf = new Map(statements.map((st) => [st.id, st.fileName ?? st.id]));
    const lines: Line[] = open.map((tx, i) => ({ file: fileOf.get(tx.statementId) ?? tx.statementId, tx, s: suggestions[i] as Suggestion }));
    const reviewPath = args.strings.get('review');
    if (reviewPath !== undefined) writeOutput(reviewPath, reviewCsv(lines.filter((l) => action(l.s) === 'review')));
    if (ctx.json) {
      json(ctx, { client: clientId, lines: lines.length, autoBookable: lines.filter((l) => action(l.s) === 'auto').length, suggestions: lines.map(lineJson) });
      return EXIT.ok;
    }
    if (lines.length === 0) {
      ctx.io.out(`${clientId}: no unbooked lines (import a statement first)\n`);
      return EXIT.ok;
    }
    ctx.io.out(
      `${linesTable(lines, { ids: true })}\n\n${lines.length} unbooked lines; ${lines.filter((l) => action(l.s) === 'auto').length} clear the client's auto-book threshold (kontera --db ${ctx.db ?? 'FILE'} confirm ${clientId}).\n` +
        `Book a line differently: kontera --db ${ctx.db ?? 'FILE'} correct ${clientId} ID --account ACCOUNT [--vat 25|12|6|0|none]\n`,
    );
    return EXIT.ok;
  });
}

const clientsCommand: Command = {
  usage: 'kontera --db FILE clients [--bureau ID]\n       kontera --db FILE clients add ID --name NAME [--bureau ID] [--org-nr NNNNNN-NNNN] [--threshold C] [--bank-accounts 1930,1940] [--not-vat-registered]',
  summary: 'list clients, or add one (its bureau is created when new)',
  options: {
    bureau: { kind: 'string', value: 'ID', help: 'list: only this bureau\'s clients; add: the client\'s bureau (default "local")' },
    'bureau-name': { kind: 'string', value: 'NAME', help: 'name of a new bureau (default its id)' },
    name: { kind: 'string', value: 'NAME', help: 'client name' },
    'org-nr': { kind: 'string', value: 'NNNNNN-NNNN', help: 'organisation number' },
    threshold: { kind: 'number', value: 'C', help: `auto-book threshold, 0–1 (default ${DEFAULT_AUTO_BOOK_THRESHOLD})` },
    'bank-accounts': { kind: 'list', value: 'ACCOUNTS', help: 'the client\'s bank accounts (default 1930)' },
    'not-vat-registered': { kind: 'boolean', help: 'the client is not VAT-registered (no VAT rows)' },
  },
  async run(args, ctx) {
    const store = await openDb(ctx, 'clients');
    return withKontera(store, async (kontera) => {
      const bureauId = args.strings.get('bureau');
      if (args.positionals[0] === 'add') {
        const id = args.positionals[1];
        const name = args.strings.get('name');
        if (id === undefined || name === undefined) throw new UsageError('Missing arguments: usage: kontera --db FILE clients add ID --name NAME');
        const bureau = bureauId ?? LOCAL_BUREAU;
        if ((await store.getBureau(bureau)) === undefined) await kontera.addBureau({ id: bureau, name: args.strings.get('bureau-name') ?? bureau });
        const threshold = args.strings.has('threshold') ? numberOption(args, 'threshold', DEFAULT_AUTO_BOOK_THRESHOLD, 0, 1) : undefined;
        const orgNr = args.strings.get('org-nr');
        const client = await kontera.addClient({
          bureauId: bureau,
          id,
          name,
          ...(orgNr !== undefined ? { orgNr } : {}),
          ...(threshold !== undefined ? { autoBookThreshold: threshold } : {}),
          ...(args.lists.has('bank-accounts') ? { bankAccounts: args.lists.get('bank-accounts') } : {}),
          ...(args.flags.has('not-vat-registered') ? { vatRegistered: false } : {}),
        });
        if (ctx.json) json(ctx, client);
        else ctx.io.out(`added client ${client.id} (${client.name}) to bureau ${client.bureauId}\n`);
        return EXIT.ok;
      }
      if (args.positionals.length > 0) throw new UsageError(`Unknown "clients" action "${args.positionals[0] ?? ''}": expected nothing (list) or "add"`);
      if (bureauId !== undefined && (await store.getBureau(bureauId)) === undefined) throw new NotFoundError(`Unknown bureau: expected a bureau with id "${bureauId}", found none`);
      const clients = [];
      for (const b of bureauId !== undefined ? [bureauId] : bureauIds(store)) clients.push(...(await store.listClients(b)));
      if (ctx.json) {
        json(ctx, clients);
        return EXIT.ok;
      }
      ctx.io.out(
        clients.length === 0
          ? 'no clients yet: kontera --db FILE clients add ID --name NAME\n'
          : `${table(['id', 'name', 'bureau', 'bank accounts', 'VAT', 'auto-book from'], clients.map((c) => [c.id, c.name, c.bureauId, c.bankAccounts.join(', '), c.vatRegistered ? 'yes' : 'no', String(c.autoBookThreshold ?? DEFAULT_AUTO_BOOK_THRESHOLD)]))}\n`,
      );
      return EXIT.ok;
    });
  },
};

const learnCommand: Command = {
  usage: 'kontera --db FILE learn CLIENT BOOKS.se',
  summary: 'learn a client\'s earlier bookkeeping from a SIE 4 file',
  options: {},
  async run(args, ctx) {
    needPositionals(args, 2, learnCommand.usage);
    const [clientId, path] = args.positionals as [string, string];
    const bytes = readInput(path);
    const store = await openDb(ctx, 'learn');
    return withKontera(store, async (kontera) => {
      const r = await kontera.learnFromSie(clientId, bytes, { fileName: path, onProgress: progress(ctx, `learning ${path}`) });
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
        ctx.io.out(
          `${clientId}: ${r.vouchers} vouchers in ${path}, ${r.learned} bank bookings learned, ${r.skipped} skipped` +
            `${r.unchanged > 0 ? `, ${r.unchanged} learned before` : ''}${r.replaced > 0 ? `, ${r.replaced} changed since (earlier version replaced)` : ''}` +
            `${r.booked > 0 ? `; ${r.booked} imported bank lines are already booked in these books` : ''}${warnings.length > 0 ? `; ${warnings.length} warnings (stderr)` : ''}\n`,
        );
      }
      return EXIT.ok;
    });
  },
};

const importCommand: Command = {
  usage: 'kontera --db FILE import CLIENT STATEMENT... [--bank-account ACCOUNT [--new-account]]',
  summary: 'import bank statements (the same line twice is stored once)',
  options: {
    'bank-account': { kind: 'string', value: 'ACCOUNT', help: 'ledger bank account of the statements' },
    'new-account': { kind: 'boolean', help: 'add --bank-account to the client when it does not have it yet' },
    format: { kind: 'string', value: 'ID', help: 'statement format, when detection cannot tell (e.g. nordea-2024)' },
    columns: { kind: 'string', value: 'ROLE=COL,…', help: 'a bank kontera does not know: e.g. date=Datum,amount=Belopp,text=Text (header names or 0-based numbers)' },
  },
  async run(args, ctx) {
    needPositionals(args, 2, importCommand.usage);
    const [clientId, ...paths] = args.positionals as [string, ...string[]];
    const files = paths.map((p) => ({ path: p, bytes: readInput(p) }));
    const store = await openDb(ctx, 'import');
    const bankAccount = args.strings.get('bank-account');
    return withKontera(store, async (kontera) => {
      const results = [];
      for (const f of files) {
        const r = await kontera.importStatement(clientId, f.bytes, {
          fileName: f.path,
          ...(bankAccount !== undefined ? { bankAccount } : {}),
          ...formatOption(args),
          ...columnsOption(args),
          allowNewAccount: args.flags.has('new-account'),
          onProgress: progress(ctx, `importing ${f.path}`),
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
          ctx.io.out(
            `${f.path}: ${r.transactions.length} lines on ${r.bankAccount}, ${r.added} new, ${r.duplicates} already imported` +
              `${r.booked > 0 ? `, ${r.booked} already booked in the client's books` : ''}${r.warnings.length > 0 ? `; warnings: ${r.warnings.map((w) => w.code).join(', ')} (stderr)` : ''}\n`,
          );
        }
      }
      if (ctx.json) json(ctx, { client: clientId, statements: results });
      return EXIT.ok;
    });
  },
};

const confirmCommand: Command = {
  usage: 'kontera --db FILE confirm CLIENT [--threshold C] [--transaction ID]...',
  summary: 'book suggested vouchers: those that clear the threshold, or the lines named',
  details: 'Without --transaction, books every unbooked line whose suggestion clears the client\'s auto-book threshold\n(or --threshold). With --transaction (ids from suggest or the review list), books the suggested voucher of those lines.',
  options: {
    threshold: { kind: 'number', value: 'C', help: 'book suggestions from this confidence instead of the client\'s threshold' },
    transaction: { kind: 'list', value: 'ID', help: 'book the suggestion of this line: its id or the first characters shown by suggest (repeatable, or comma-separated)' },
  },
  async run(args, ctx) {
    needPositionals(args, 1, confirmCommand.usage);
    const clientId = args.positionals[0] as string;
    const store = await openDb(ctx, 'confirm');
    return withKontera(store, async (kontera) => {
      const open = await unbooked(store, kontera, clientId);
      const suggestions = await kontera.suggest(clientId, open);
      const wanted = args.lists.get('transaction');
      const threshold = args.strings.has('threshold') ? numberOption(args, 'threshold', DEFAULT_AUTO_BOOK_THRESHOLD, 0, 1) : undefined;
      const bookings: Booking[] = [];
      if (wanted !== undefined) {
        for (const id of wanted) {
          const line = lineById(open, id);
          const i = line === undefined ? -1 : open.indexOf(line);
          if (i < 0) throw new UsageError(`Unknown transaction ${id}: expected an unbooked line of client "${clientId}" (see kontera --db FILE suggest ${clientId})`);
          const s = suggestions[i] as Suggestion;
          if (s.voucher === null) throw new UsageError(`Transaction ${id} has no suggested voucher to book (${s.reason})`);
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
      else ctx.io.out(`${clientId}: booked ${r.vouchers.length} of ${open.length} unbooked lines${r.vouchers.length > 0 ? ` (${r.vouchers.map((v) => `${v.series}${v.number}`).join(', ')})` : ''}; ${open.length - r.vouchers.length} left\n`);
      return EXIT.ok;
    });
  },
};

/** What `--vat` takes, and what a corrected line's VAT is: none, or VAT at a rate inside the amount. */
const VAT_CHOICES = ['25', '12', '6', '0', 'none'] as const;
type VatChoice = { readonly rate: Exclude<VatRate, 0> } | { readonly rate: null };

function vatOption(args: ParsedArgs): VatChoice | undefined {
  const raw = args.strings.get('vat');
  if (raw === undefined) return undefined;
  const t = raw.trim();
  const v = (t.endsWith('%') ? t.slice(0, -1).trimEnd() : t).toLowerCase();
  if (!VAT_CHOICES.some((c) => c === v)) throw new UsageError(`Bad --vat "${raw}": expected one of ${VAT_CHOICES.join(', ')} (percent VAT inside the amount, or no VAT row)`);
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

function vatLabel(vat: VatChoice): string {
  return vat.rate === null ? 'no VAT' : `${vat.rate} % VAT`;
}

/** The voucher of a corrected line: the bank row, the VAT row if any, and the rest on `account`. */
function correctedVoucher(tx: ImportedTransaction, account: string, vat: VatChoice, text: string): Voucher {
  const direction = tx.amount < 0 ? 'out' : 'in';
  const v = vat.rate === null ? { remaining: -tx.amount, rows: [] } : vatRows({ mode: 'standard', rate: vat.rate }, -tx.amount, direction);
  const rows: VoucherRow[] = [{ account: tx.bankAccount, amount: tx.amount }, { account, amount: v.remaining }, ...v.rows];
  return { date: tx.date, text, rows };
}

function voucherText(rows: readonly VoucherRow[], names: Readonly<Record<string, string>>): string {
  return table(
    ['account', 'name', 'debit', 'credit'],
    rows.map((r) => [r.account, names[r.account] ?? '', r.amount > 0 ? formatKronor(r.amount) : '', r.amount < 0 ? formatKronor(-r.amount) : '']),
    { right: [2, 3] },
  );
}

const correctCommand: Command = {
  usage: 'kontera --db FILE correct CLIENT ID --account ACCOUNT [--vat 25|12|6|0|none] [--text TEXT] [--new-account]',
  summary: 'book one line on another account than suggested; kontera learns it at once',
  details:
    'ID is the line\'s id from suggest (the first characters are enough) or from the review list. Books the line as\n' +
    'a balanced voucher — the bank row, a VAT row, the rest on --account — and learns it as a correction: the next\n' +
    'line from the same counterparty is suggested this way. Without --vat the suggested voucher\'s VAT is kept when it\n' +
    'is plain VAT inside the amount (or none); a client that is not VAT-registered gets no VAT row. The account must\n' +
    'be in the client\'s chart, or, without one, among the accounts of its learned SIE files (--new-account allows another).',
  options: {
    account: { kind: 'string', value: 'ACCOUNT', help: 'the account the line goes to (four digits, e.g. 6212)' },
    vat: { kind: 'string', value: 'RATE', help: 'VAT inside the amount: 25, 12, 6, or 0 / none for no VAT row (default: as suggested)' },
    text: { kind: 'string', value: 'TEXT', help: 'voucher text (default: as suggested, or the bank text)' },
    'new-account': { kind: 'boolean', help: 'allow an account not among those of the client\'s learned SIE files' },
  },
  async run(args, ctx) {
    needPositionals(args, 2, correctCommand.usage);
    const [clientId, id] = args.positionals as [string, string];
    if (args.positionals.length > 2) throw new UsageError(`Too many arguments: expected CLIENT ID, got ${args.positionals.length} (one line at a time)`);
    const account = args.strings.get('account');
    if (account === undefined) throw new UsageError(`Missing --account: usage: ${correctCommand.usage}`);
    if (!/^\d{4}$/.test(account)) throw new UsageError(`Bad --account "${account}": expected a four-digit BAS account, e.g. 6212`);
    const vatGiven = vatOption(args);
    const textGiven = args.strings.get('text');
    if (textGiven !== undefined && textGiven.trim() === '') throw new UsageError('Bad --text: expected a voucher text, got an empty one');
    const store = await openDb(ctx, 'correct');
    return withKontera(store, async (kontera) => {
      const client = await kontera.getClient(clientId);
      const ref = { bureauId: client.bureauId, clientId: client.id };
      const tx = lineById((await store.listTransactions(ref)).filter((t) => t.pending !== true), id);
      if (tx === undefined) throw new UsageError(`Unknown transaction ${id}: expected the id (or its first ${MIN_ID_PREFIX}+ characters) of an imported line of client "${clientId}" (see kontera --db FILE suggest ${clientId})`);
      const booked = await store.getVoucherForTransaction(ref, { bankAccount: tx.bankAccount, id: tx.id });
      if (booked !== undefined) {
        throw new ConflictError(`Transaction already booked: expected an unbooked line, ${tx.id} (${tx.date} ${tx.text} ${formatKronor(tx.amount)}) is booked as ${booked.series}${booked.number}`);
      }
      if (client.bankAccounts.includes(account)) throw new ValidationError(`Invalid --account ${account}: expected the account the money went to or came from, ${account} is a bank account of client "${clientId}"`);
      if (client.chart !== undefined) {
        if (!client.chart.includes(account)) throw new ValidationError(`Unknown account ${account}: expected an account in the chart of client "${clientId}"`);
      } else {
        const known = Object.keys(client.accountNames ?? {});
        if (known.length > 0 && !known.includes(account) && !args.flags.has('new-account')) {
          throw new ValidationError(`Unknown account ${account}: expected one of the ${known.length} accounts in the learned books of client "${clientId}" (pass --new-account to use it anyway)`);
        }
      }
      const [s] = (await kontera.suggest(clientId, [tx])) as [Suggestion];
      let vat = vatGiven;
      let vatFrom: 'option' | 'suggestion' | 'client' = 'option';
      if (vat === undefined && !client.vatRegistered) [vat, vatFrom] = [{ rate: null }, 'client'];
      else if (vat === undefined) {
        if (s.voucher === null) throw new UsageError(`Missing --vat: line ${tx.id} has no suggested voucher to take the VAT from; pass --vat ${VAT_CHOICES.join('|')}`);
        vat = vatOf(s.voucher, tx);
        vatFrom = 'suggestion';
        if (vat === undefined) {
          throw new UsageError(`Missing --vat: the suggested VAT (${rowsText(s.voucher.rows.filter((r) => isVatAccount(r.account)), tx.bankAccount)}) is not plain VAT inside the amount; pass --vat ${VAT_CHOICES.join('|')}`);
        }
      }
      if (vat.rate !== null && !client.vatRegistered) throw new ValidationError(`Invalid --vat ${vat.rate}: client "${clientId}" is not VAT-registered, expected --vat none`);
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
      const was = s.voucher === null ? 'nothing suggested' : `suggested ${rowsText(s.voucher.rows, tx.bankAccount)}`;
      ctx.io.out(
        `${clientId}: booked ${stored.series}${stored.number} ${tx.date} "${stored.text}" on ${account}, ${vatLabel(vat)}${vatFrom === 'option' ? '' : vatFrom === 'client' ? ' (not VAT-registered)' : ' (as suggested)'}; ${was}\n` +
          `${voucherText(stored.rows, client.accountNames ?? {})}\n` +
          (r.learned > 0 ? `Learned as a correction: the next ${s.key ?? 'line like this'} is suggested this way.\n` : 'Not learned: the bank text names no counterparty.\n'),
      );
      return EXIT.ok;
    });
  },
};

const exportCommand: Command = {
  usage: 'kontera --db FILE export CLIENT [--out FILE] [--from YYYY-MM-DD] [--to YYYY-MM-DD]',
  summary: 'write the client\'s booked vouchers as a SIE 4I file',
  options: {
    out: { kind: 'string', value: 'FILE', help: 'output file (default CLIENT.se)' },
    from: { kind: 'string', value: 'DATE', help: 'first voucher date' },
    to: { kind: 'string', value: 'DATE', help: 'last voucher date' },
  },
  async run(args, ctx) {
    needPositionals(args, 1, exportCommand.usage);
    const clientId = args.positionals[0] as string;
    const out = args.strings.get('out') ?? `${clientId}.se`;
    const store = await openDb(ctx, 'export');
    return withKontera(store, async (kontera) => {
      const bytes = await kontera.exportSie(clientId, { from: args.strings.get('from'), to: args.strings.get('to') });
      writeOutput(out, bytes);
      const vouchers = readSie(bytes).vouchers.length;
      if (ctx.json) json(ctx, { client: clientId, file: out, vouchers, bytes: bytes.length });
      else ctx.io.out(`${clientId}: ${vouchers} vouchers → ${out}\n`);
      return EXIT.ok;
    });
  },
};

const backtestCommand: Command = {
  usage: 'kontera backtest BOOKS.se [--train 0.7] [--chart FILE]',
  summary: 'replay a client\'s own books month by month: what would kontera have auto-booked, and how often right?',
  details:
    'Learns the first --train share of the bank vouchers (whole months), then for each later month suggests every\n' +
    'line with what was known when the month began, scores it against the booking in the file, and learns the month.\n' +
    'Writes an SVG chart of precision against the share auto-booked next to the SIE file (or to --chart).\n' +
    'A voucher the file holds unbalanced (or unreadable) is left out of the replay and reported on stderr, one\n' +
    'line each with file and line, and under "warnings" in --json; the exit status stays 0, as the replay of the\n' +
    'rest is valid.',
  options: {
    train: { kind: 'number', value: 'SHARE', help: 'share of the history learned before the replay, 0.1–0.95 (default 0.7)' },
    chart: { kind: 'string', value: 'FILE', help: 'where to write the SVG chart (default BOOKS.backtest.svg next to the file)' },
    'bank-accounts': { kind: 'list', value: 'ACCOUNTS', help: 'bank/cash accounts (default every 19xx account used)' },
  },
  async run(args, ctx) {
    needPositionals(args, 1, backtestCommand.usage);
    const path = args.positionals[0] as string;
    const train = numberOption(args, 'train', 0.7, 0.1, 0.95);
    const { doc } = readHistory(path);
    // Vouchers the reader left out (unbalanced, unreadable) are not replayed: every one is reported.
    printWarnings(ctx.io.err, path, doc.issues);
    const r = backtest(doc, { train, ...(args.lists.has('bank-accounts') ? { bankAccounts: args.lists.get('bank-accounts') } : {}) });
    const chartPath = args.strings.get('chart') ?? join(dirname(path), `${basename(path).replace(/\.[^.]+$/, '')}.backtest.svg`);
    writeOutput(chartPath, backtestChart(r, basename(path)));
    if (ctx.json) {
      json(ctx, { file: path, train, chart: chartPath, ...r, warnings: warningsJson(path, doc.issues) });
      return EXIT.ok;
    }
    ctx.io.out(backtestText(r, path, train, chartPath));
    const dropped = doc.issues.filter((i) => i.code === 'SIE_UNBALANCED_VOUCHER').length;
    if (dropped > 0) ctx.io.out(`${dropped} unbalanced voucher${dropped === 1 ? '' : 's'} left out of the replay (see the warnings on stderr)\n`);
    return EXIT.ok;
  },
};

function backtestChart(r: BacktestResult, name: string): string {
  return svgLineChart({
    title: `Back-test of ${cut(name, 40)}: precision vs. share auto-booked`,
    xLabel: 'share of replayed lines booked automatically (confidence ≥ threshold)',
    yLabel: 'precision (right among them)',
    yMin: 0.5,
    guide: { y: TARGET_PRECISION, label: '99 % precision' },
    series: [{ label: 'kontera', points: r.curve.map((p) => ({ x: p.share, y: p.precision, note: `confidence ≥ ${p.threshold.toFixed(3)}` })) }],
  });
}

function backtestText(r: BacktestResult, path: string, train: number, chartPath: string): string {
  if (r.tested === 0) return `${path}: ${r.bookings} bank vouchers — too few to replay (nothing after the first ${Math.round(train * 100)} %)\n`;
  const out: string[] = [];
  out.push(`${path}: ${r.bookings} bank vouchers; learned the first ${r.bookings - r.tested} (${Math.round(train * 100)} %, whole months), replayed ${r.tested} from ${r.firstTestMonth ?? '?'} month by month\n`);
  out.push(
    table(
      ['top-1', 'top-3', 'voucher exact', 'held back', `auto-bookable at ≥ ${TARGET_PRECISION * 100} % precision`, 'default threshold books'],
      [[pct(r.top1), pct(r.top3), pct(r.exact), pct(r.abstain), `${pct(r.autoBookAt99.share)}${r.autoBookAt99.threshold === null ? '' : ` (confidence ≥ ${r.autoBookAt99.threshold.toFixed(3)})`}`, `${pct(r.autoBook.share)} (${pct(r.autoBook.precision)} right)`]],
    ),
  );
  out.push('\nPrecision at each confidence threshold:');
  out.push(table(['confidence ≥', 'lines', 'share of all', 'right among them'], r.thresholds.map((t) => [t.threshold.toFixed(2), String(t.answered), pct(t.share), pct(t.precision)]), { right: [0, 1, 2, 3] }));
  out.push('\nMonth by month:');
  out.push(table(['month', 'lines', 'top-1', 'auto-booked', 'auto right'], r.months.map((m) => [m.month, String(m.lines), pct(m.top1 / m.lines), String(m.autoBooked), m.autoBooked === 0 ? '—' : pct(m.autoRight / m.autoBooked)]), { right: [1, 2, 3, 4] }));
  out.push(`\nChart: ${chartPath}\n`);
  return out.join('\n');
}

const COMMANDS: Readonly<Record<string, Command>> = {
  suggest: suggestCommand,
  backtest: backtestCommand,
  clients: clientsCommand,
  learn: learnCommand,
  import: importCommand,
  confirm: confirmCommand,
  correct: correctCommand,
  export: exportCommand,
};

function optionHelp(options: Readonly<Record<string, OptionSpec>>): string {
  const rows = Object.entries(options).map(([n, o]) => [`--${n}${o.value === undefined ? '' : ` ${o.value}`}`, o.help]);
  return rows.length === 0 ? '' : table(['', ''], rows).split('\n').slice(1).map((l) => `  ${l}`).join('\n');
}

function mainHelp(): string {
  return [
    'kontera — bookkeeping suggestions (kontering) from Swedish bank statements, SIE 4 in and out',
    '',
    'Usage:',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(9)} ${c.summary}`),
    '',
    'Quick start (nothing is stored):',
    '  kontera suggest januari.csv --history bokföring-2025.se',
    '',
    'Stateful flow (a SQLite file keeps clients and what they taught):',
    '  kontera --db byra.db clients add kaffe --name "Kaffebryggeriet AB"',
    '  kontera --db byra.db learn kaffe bokföring-2025.se',
    '  kontera --db byra.db import kaffe januari.csv',
    '  kontera --db byra.db suggest kaffe --review granska.csv',
    '  kontera --db byra.db confirm kaffe',
    '  kontera --db byra.db correct kaffe 3f2a91c0 --account 6212 --vat 25',
    '  kontera --db byra.db export kaffe --out januari.se',
    '',
    'Global options:',
    optionHelp(GLOBAL),
    '  --version           print the version',
    '',
    'Exit codes: 0 done, 1 internal error, 2 wrong command line, 3 an input was refused (bad file, unknown',
    'client, invalid booking), 4 a file could not be read or written.',
    '',
    'kontera COMMAND --help shows the options of a command.',
    '',
  ].join('\n');
}

function commandHelp(name: string, c: Command): string {
  return [`kontera ${name} — ${c.summary}`, '', `Usage: ${c.usage}`, '', ...(c.details === undefined ? [] : [c.details, '']), 'Options:', optionHelp(c.options), optionHelp(GLOBAL), ''].join('\n');
}

/** Makes an error one line: `kontera: CODE: message`. */
function oneLine(e: KonteraError): string {
  const label = e instanceof UsageError ? 'usage' : e instanceof FileAccessError ? 'file' : e.code;
  return `kontera: ${label}: ${joinLines(e.message)}`;
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
  try {
    // Global options may come before the command.
    let i = 0;
    const head: string[] = [];
    while (i < argv.length && (argv[i] as string).startsWith('--')) {
      const a = argv[i] as string;
      head.push(a);
      if (a === '--db') head.push(argv[++i] ?? '');
      i++;
    }
    const name = argv[i];
    if (head.includes('--version') || (name === undefined && argv.includes('--version'))) {
      io.out(`kontera ${VERSION}\n`);
      return EXIT.ok;
    }
    if (name === undefined || name === 'help') {
      const topic = name === 'help' ? argv[i + 1] : undefined;
      const c = topic === undefined ? undefined : COMMANDS[topic];
      io.out(c !== undefined && topic !== undefined ? commandHelp(topic, c) : mainHelp());
      return name === undefined && !head.includes('--help') ? EXIT.usage : EXIT.ok;
    }
    const command = COMMANDS[name];
    if (command === undefined) throw new UsageError(`Unknown command "${name}": expected one of ${Object.keys(COMMANDS).join(', ')}`);
    const globalArgs = parseArgs(head, GLOBAL, 'kontera');
    const args = parseArgs(argv.slice(i + 1), { ...GLOBAL, ...command.options }, name);
    if (args.flags.has('help') || globalArgs.flags.has('help')) {
      io.out(commandHelp(name, command));
      return EXIT.ok;
    }
    const db = args.strings.get('db') ?? globalArgs.strings.get('db');
    return await command.run(args, { io, json: args.flags.has('json') || globalArgs.flags.has('json'), db });
  } catch (e) {
    if (e instanceof KonteraError) {
      io.err(`${oneLine(e)}\n`);
      if (debug && e.stack !== undefined) io.err(`${e.stack}\n`);
      return e instanceof UsageError ? EXIT.usage : e instanceof FileAccessError ? EXIT.file : EXIT.input;
    }
    const message = e instanceof Error ? e.message : String(e);
    io.err(`kontera: internal error: ${joinLines(message)}${debug ? '' : ' (run with --debug for details)'}\n`);
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

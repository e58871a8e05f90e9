/**
 * The SQLite store on better-sqlite3 12: one file, WAL, foreign keys, a busy timeout for other
 * processes, schema migrations keyed by `PRAGMA user_version`, prepared statements, and every
 * operation inside one SQLite transaction.
 *
 * better-sqlite3 is loaded only when {@link openSqliteStore} is called with a `path`, and this file
 * never imports its types: it codes against {@link SqliteDatabase}, the small structural subset it
 * needs, so a caller can also pass an open database of its own.
 *
 * better-sqlite3 is synchronous and one connection runs one transaction at a time, while
 * `store.transaction(fn)` is async; an async mutex therefore serialises all work on the
 * connection, and `BEGIN IMMEDIATE` takes the file's write lock up front, so two processes queue
 * on `busy_timeout` instead of failing half-way.
 *
 * @module
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { resolve } from 'node:path';
import { ConflictError, StoreError, ValidationError } from '../core/errors.js';
import { DEFAULT_MIN_BUREAUS } from '../knowledge/types.js';
import type { BureauRecord as BureauKnowledgeRecord, KnowledgeChanges, NetworkRecord, NetworkRecordKey, ProfileRecord } from '../knowledge/types.js';
import {
  bureauSteps,
  checkClientRow,
  checkKnowledgeChanges,
  checkLedgerVoucher,
  checkNewVouchers,
  checkVoucherReplacement,
  checkOpenItems,
  checkKnownFiscalYears,
  checkPendingSettlements,
  checkTransactionRow,
  compareText,
  mergeBureau,
  checkMinBureaus,
  mergeCandidate,
  sharedNetworkRecord,
  networkSteps,
  notFoundBureau,
  notFoundClient,
  notFoundTransaction,
  notFoundVoucher,
} from './checks.js';
import type { OpenItem, PendingSettlement } from '../openitems/types.js';
import { AtomicStoreMethods } from './atomic-methods.js';
import { Mutex } from './mutex.js';
import { asRow, corrupt, learnedFromOf, fiscalYearFromRow, ledgerVoucherFromRow, networkFromRow as sharedNetworkFromRow, optIntWith, str, transactionFromRow as sharedTransactionFromRow, voucherFromRow as sharedVoucherFromRow } from './rows.js';
import type { Row } from './rows.js';
import { KONTERA_APPLICATION_ID, SQLITE_MIGRATIONS, SQLITE_SCHEMA_VERSION } from './schema.js';
import type { SqliteMigration } from './schema.js';
import type {
  AddTransactionsResult,
  BureauRow,
  ClientData,
  ClientRef,
  ClientRow,
  DeleteCounts,
  KnowledgeBase,
  KnownFiscalYear,
  LedgerVoucher,
  NewVoucher,
  OpenItemFilter,
  StatementRow,
  Store,
  StoreCapabilities,
  StoreSession,
  TransactionFilter,
  TransactionKey,
  TransactionMark,
  TransactionOptions,
  TransactionRow,
  VoucherFilter,
  VoucherLearnedFrom,
  VoucherReplacement,
  VoucherRecord,
  VoucherRowData,
} from './store.js';

/** A value SQLite can bind. */
export type SqliteValue = string | number | bigint | null | Uint8Array;

/** What `Statement.run` returns. */
export interface SqliteRunResult {
  readonly changes: number | bigint;
}

/**
 * The subset of better-sqlite3's `Statement` kontera uses. Parameters are passed as one array
 * (better-sqlite3 binds its elements in order), which keeps the type assignable from
 * better-sqlite3's own generic `Statement`.
 */
export interface SqliteStatement {
  run(params: readonly SqliteValue[]): SqliteRunResult;
  get(params: readonly SqliteValue[]): unknown;
  all(params: readonly SqliteValue[]): unknown[];
}

/** A prepared statement with variadic parameters, as the store's own code calls it. */
interface Prepared {
  run(...params: SqliteValue[]): SqliteRunResult;
  get(...params: SqliteValue[]): unknown;
  all(...params: SqliteValue[]): unknown[];
}

function prepared(st: SqliteStatement): Prepared {
  return {
    run: (...params) => st.run(params),
    get: (...params) => st.get(params),
    all: (...params) => st.all(params),
  };
}

/**
 * The subset of better-sqlite3's `Database` kontera uses. Declared here rather than imported, so
 * that kontera does not depend on better-sqlite3's package or types.
 */
export interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
  exec(sql: string): unknown;
  close(): unknown;
}

/** How the SQLite store syncs commits to disk; `full` survives power loss, `normal` only a crash. */
export const SQLITE_SYNC_MODES = ['full', 'normal'] as const;
export type SqliteSyncMode = (typeof SQLITE_SYNC_MODES)[number];

interface SqliteCommonOptions {
  /** How long a call waits for another process's write lock, in ms (default 30 000). */
  readonly busyTimeout?: number | undefined;
  /** Default `full`. */
  readonly synchronous?: SqliteSyncMode | undefined;
  /** @internal Migrations to use instead of the built-in ones (tests of the upgrade path). */
  readonly migrations?: readonly SqliteMigration[] | undefined;
}

/** Open (and create if missing) the file at `path`; the store closes it on `close()`. */
export interface SqlitePathOptions extends SqliteCommonOptions {
  readonly path: string;
}

/** Use a database you opened (better-sqlite3 or compatible); `close()` leaves it open. */
export interface SqliteDatabaseOptions extends SqliteCommonOptions {
  readonly database: SqliteDatabase;
}

/** Options of {@link openSqliteStore}: exactly one of `path` or `database`. */
export type SqliteStoreOptions = SqlitePathOptions | SqliteDatabaseOptions;

/** The SQLite store: a {@link Store} plus access to the underlying database (for diagnostics). */
export interface SqliteStore extends Store {
  /** The connection. Do not write to it while the store is open. */
  readonly database: SqliteDatabase;
}

type SqliteConstructor = new (path: string, options?: { timeout?: number }) => SqliteDatabase;

const DEFAULT_BUSY_TIMEOUT_MS = 30_000;

/**
 * better-sqlite3 waits for a lock synchronously, which would freeze the event loop (and, with two
 * stores on one file in one process, deadlock it). So SQLite itself waits at most this long per
 * attempt, and taking the write lock is retried asynchronously until `busyTimeout` runs out.
 */
const LOCK_SLICE_MS = 50;

/** Longest pause between two attempts to take the write lock. */
const LOCK_RETRY_MAX_MS = 40;

/**
 * Stores opened on the same file in one process share one mutex, so their transactions queue in
 * JavaScript instead of fighting over the file lock.
 */
const FILE_MUTEXES = new Map<string, { readonly mutex: Mutex; users: number }>();

function acquireFileMutex(path: string | undefined): { readonly mutex: Mutex; readonly release: () => void } {
  if (path === undefined || path === '' || path === ':memory:' || path.startsWith('file:')) {
    return { mutex: new Mutex(), release: () => {} };
  }
  const key = resolve(path);
  let entry = FILE_MUTEXES.get(key);
  if (entry === undefined) {
    entry = { mutex: new Mutex(), users: 0 };
    FILE_MUTEXES.set(key, entry);
  }
  entry.users++;
  const e = entry;
  let released = false;
  return {
    mutex: e.mutex,
    release: () => {
      if (released) return;
      released = true;
      e.users--;
      if (e.users === 0) FILE_MUTEXES.delete(key);
    },
  };
}

/** The file locks the current async context holds, to refuse a store call that would wait for itself. */
const HELD_LOCKS = new AsyncLocalStorage<ReadonlySet<Mutex>>();

function isBusy(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  const code = error.code;
  return typeof code === 'string' && (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_') || code === 'SQLITE_LOCKED');
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

const CAPABILITIES: StoreCapabilities = Object.freeze({
  kind: 'sqlite',
  durable: true,
  multiProcess: true,
  browserSafe: false,
});

async function loadBetterSqlite3(): Promise<SqliteConstructor> {
  // A variable specifier keeps bundlers from pulling the native module into kontera's own bundle.
  const specifier = 'better-sqlite3';
  let mod: unknown;
  try {
    mod = await import(specifier);
  } catch (cause) {
    throw new StoreError('STORE', 'Cannot load better-sqlite3: install it (npm install better-sqlite3) or pass { database }', { cause });
  }
  const ctor = typeof mod === 'object' && mod !== null && 'default' in mod ? mod.default : mod;
  if (typeof ctor !== 'function') {
    throw new StoreError('STORE', `Cannot use better-sqlite3: expected a Database constructor, got ${typeof ctor}`);
  }
  return ctor as SqliteConstructor;
}

function int(row: Row, column: string): number {
  const v = row[column];
  if (typeof v === 'bigint') return Number(v);
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw corrupt(`an integer in column ${column}`, v);
  return v;
}

function optInt(row: Row, column: string): number | undefined {
  return optIntWith(int, row, column);
}

function parseJson(text: string, what: string): unknown {
  try {
    const value: unknown = JSON.parse(text);
    return value;
  } catch (cause) {
    throw new StoreError('STORE', `Stored data is not readable: expected JSON for ${what}`, { cause });
  }
}

function jsonObject<T>(row: Row, column: string, what: string): T {
  const value = parseJson(str(row, column), what);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw corrupt(`a JSON object for ${what}`, value);
  return value as T;
}

/** Client settings as persisted in `clients.settings`: the row without id, bureau and name. */
type ClientSettingsJson = Omit<ClientRow, 'id' | 'bureauId' | 'name'>;

function clientFromRow(row: Row): ClientRow {
  const settings = jsonObject<ClientSettingsJson>(row, 'settings', 'client settings');
  return { ...settings, id: str(row, 'id'), bureauId: str(row, 'bureau_id'), name: str(row, 'name') };
}

function statementFromRow(row: Row): StatementRow {
  return jsonObject<StatementRow>(row, 'data', 'statement');
}

function transactionFromRow(row: Row): TransactionRow {
  return sharedTransactionFromRow(row, int, optInt(row, 'pending') === 1);
}

function voucherFromRow(row: Row): VoucherRecord {
  const learnedFrom = row['learned_from'];
  return sharedVoucherFromRow(row, parseJson(str(row, 'rows'), 'voucher rows'), int, learnedFrom === null || learnedFrom === undefined ? undefined : parseJson(str(row, 'learned_from'), 'voucher learned_from'));
}

function networkFromRow(row: Row): NetworkRecord {
  return sharedNetworkFromRow(row, int);
}

function profileFromRow(row: Row): ProfileRecord {
  const p = jsonObject<ProfileRecord>(row, 'data', 'profile record');
  if (p.key !== str(row, 'key') || p.clientId !== str(row, 'client_id')) throw corrupt('a profile matching its row', p.key);
  return p;
}

function openItemFromRow(row: Row): OpenItem {
  const item = jsonObject<OpenItem>(row, 'data', 'open item');
  if (item.id !== str(row, 'id') || item.open !== int(row, 'open')) throw corrupt('an open item matching its row', item.id);
  return item;
}

function bureauRecordFromRow(row: Row): BureauKnowledgeRecord {
  return jsonObject<BureauKnowledgeRecord>(row, 'data', 'bureau record');
}

/** An optional filter value bound to both placeholders of `(? IS NULL OR column = ?)`. */
function twice(value: string | undefined): [SqliteValue, SqliteValue] {
  return [value ?? null, value ?? null];
}

/** Big `IN (…)` lists are split so no statement exceeds SQLite's variable limit. */
const IN_CHUNK = 500;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Opens a SQLite store, creating and migrating the file as needed.
 *
 * ```ts
 * import { openSqliteStore } from 'kontera/sqlite';
 * const store = await openSqliteStore({ path: 'kontera.db' });
 * const kontera = await createKontera({ store });
 * ```
 * @throws StoreError `STORE_SCHEMA` when the file was written by a newer kontera or another program;
 *   `STORE` when better-sqlite3 cannot be loaded.
 */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<SqliteStore> {
  const busyTimeout = options.busyTimeout ?? DEFAULT_BUSY_TIMEOUT_MS;
  if (!Number.isSafeInteger(busyTimeout) || busyTimeout < 0) {
    throw new ValidationError(`Invalid busyTimeout: expected a whole number of ms ≥ 0, got ${busyTimeout}`);
  }
  const synchronous = options.synchronous ?? 'full';
  if (!SQLITE_SYNC_MODES.includes(synchronous)) {
    throw new ValidationError(`Invalid synchronous: expected one of ${SQLITE_SYNC_MODES.join(', ')}, got ${JSON.stringify(synchronous)}`);
  }
  const migrations = options.migrations ?? SQLITE_MIGRATIONS;
  let db: SqliteDatabase;
  let owned: boolean;
  if ('database' in options) {
    db = options.database;
    owned = false;
  } else {
    const Database = await loadBetterSqlite3();
    try {
      db = new Database(options.path, { timeout: busyTimeout });
    } catch (cause) {
      throw new StoreError('STORE', `Cannot open SQLite file: expected a writable database at ${JSON.stringify(options.path)}`, { cause });
    }
    owned = true;
  }
  const file = acquireFileMutex('path' in options ? options.path : undefined);
  try {
    // Opening waits the full timeout: another process may be creating or migrating the file.
    db.exec(`PRAGMA busy_timeout = ${busyTimeout}`);
    db.exec('PRAGMA foreign_keys = ON');
    // Switching a new file to WAL upgrades a shared lock to an exclusive one. While another
    // connection holds a write lock (a process creating the file, or switching it itself), SQLite
    // answers SQLITE_BUSY at once, without its busy handler (waiting could deadlock), so it is retried.
    const deadline = Date.now() + busyTimeout;
    for (let attempt = 1; ; attempt++) {
      try {
        db.prepare('PRAGMA journal_mode = WAL').get([]);
        break;
      } catch (error) {
        if (!isBusy(error) || Date.now() >= deadline) throw error;
        await sleep(Math.min(LOCK_RETRY_MAX_MS, attempt * 5));
      }
    }
    // Erased rows are overwritten with zeros, not left in free pages: erasure erases the bytes.
    db.exec('PRAGMA secure_delete = ON');
    db.exec(`PRAGMA synchronous = ${synchronous.toUpperCase()}`);
    await file.mutex.run(() => migrate(db, migrations));
    db.exec(`PRAGMA busy_timeout = ${Math.min(busyTimeout, LOCK_SLICE_MS)}`);
  } catch (error) {
    file.release();
    if (owned) db.close();
    // A file that is no SQLite database at all (a CSV or SIE file named as the database) is refused
    // as a typed error, as a SQLite file of another program is.
    if (typeof error === 'object' && error !== null && 'code' in error && (error.code === 'SQLITE_NOTADB' || error.code === 'SQLITE_CORRUPT')) {
      const where = 'path' in options ? ` ${JSON.stringify(options.path)}` : '';
      throw new StoreError('STORE_SCHEMA', `Not a kontera database: expected a SQLite database file, the file${where} is ${error.code === 'SQLITE_NOTADB' ? 'not one' : 'damaged'}`, { cause: error });
    }
    throw error;
  }
  return new SqliteStoreImpl(db, owned, file.mutex, file.release, busyTimeout);
}

function pragmaNumber(db: SqliteDatabase, name: string): number {
  const row = asRow(db.prepare(`PRAGMA ${name}`).get([]));
  return int(row, name);
}

function migrate(db: SqliteDatabase, migrations: readonly SqliteMigration[]): void {
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  const check = (): number => {
    const appId = pragmaNumber(db, 'application_id');
    const version = pragmaNumber(db, 'user_version');
    if (appId !== 0 && appId !== KONTERA_APPLICATION_ID) {
      throw new StoreError('STORE_SCHEMA', `Not a kontera database: expected application_id ${KONTERA_APPLICATION_ID}, found ${appId}`);
    }
    if (version > latest) {
      throw new StoreError(
        'STORE_SCHEMA',
        `Database schema is newer than this kontera: expected version ${latest} or older, found ${version}; upgrade kontera to open it`,
      );
    }
    if (appId === 0 && version === 0) {
      const tables = asRow(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get([]));
      if (int(tables, 'n') > 0) {
        throw new StoreError('STORE_SCHEMA', `Not a kontera database: expected an empty or kontera file, found ${int(tables, 'n')} other tables`);
      }
    }
    return version;
  };
  if (check() === latest) return;
  // Another process may be migrating the same file: take the write lock, then look again.
  db.exec('BEGIN IMMEDIATE');
  try {
    const from = check();
    for (const m of migrations) {
      if (m.version <= from) continue;
      db.exec(m.sql);
      m.run?.(db);
      db.exec(`PRAGMA user_version = ${m.version}`);
    }
    db.exec(`PRAGMA application_id = ${KONTERA_APPLICATION_ID}`);
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}

class SqliteStoreImpl extends AtomicStoreMethods implements SqliteStore {
  readonly capabilities: StoreCapabilities = CAPABILITIES;
  readonly #db: SqliteDatabase;
  readonly #owned: boolean;
  readonly #mutex: Mutex;
  readonly #releaseMutex: () => void;
  readonly #busyTimeout: number;
  readonly #statements = new Map<string, Prepared>();
  #closed = false;
  /** A client or bureau was deleted in the running transaction: checkpoint the WAL after commit. */
  #erased = false;
  readonly #markErased = (): void => {
    this.#erased = true;
  };
  /** The session used by the store's own (non-transaction) calls; always open. */
  readonly #session: SqliteSession;

  constructor(db: SqliteDatabase, owned: boolean, mutex: Mutex, releaseMutex: () => void, busyTimeout: number) {
    super();
    this.#db = db;
    this.#owned = owned;
    this.#mutex = mutex;
    this.#releaseMutex = releaseMutex;
    this.#busyTimeout = busyTimeout;
    this.#session = new SqliteSession(this.#prepare, () => this.#assertOpen(), undefined, this.#markErased);
  }

  get database(): SqliteDatabase {
    return this.#db;
  }

  readonly #prepare = (sql: string): Prepared => {
    let st = this.#statements.get(sql);
    if (st === undefined) {
      st = prepared(this.#db.prepare(sql));
      this.#statements.set(sql, st);
    }
    return st;
  };

  #assertOpen(): void {
    if (this.#closed) throw new StoreError('STORE', 'Store is closed: expected an open SQLite store, got one after close()');
  }

  protected atomic<T>(mode: 'read' | 'write', fn: (s: StoreSession) => Promise<T>): Promise<T> {
    return this.#atomic(mode, fn);
  }

  /** Runs `fn` in one SQLite transaction under the mutex; refuses a call made from inside one. */
  #atomic<T>(mode: 'read' | 'write', fn: (s: SqliteSession) => Promise<T>, session: SqliteSession = this.#session): Promise<T> {
    const held = HELD_LOCKS.getStore();
    if (held?.has(this.#mutex) === true) {
      // Waiting here would wait for the very transaction this call is part of: a silent hang.
      return Promise.reject(
        new StoreError('STORE', 'Store called inside its own transaction: expected calls through the transaction session `tx`, got one on the store, which would wait forever'),
      );
    }
    const inside = new Set(held ?? []).add(this.#mutex);
    return this.#mutex.run(() => HELD_LOCKS.run(inside, () => this.#inTransaction(mode, fn, session)));
  }

  async #inTransaction<T>(mode: 'read' | 'write', fn: (s: SqliteSession) => Promise<T>, session: SqliteSession): Promise<T> {
    this.#assertOpen();
    if (mode === 'write') await this.#beginWrite();
    else this.#db.exec('BEGIN');
    this.#erased = false;
    try {
      const result = await fn(session);
      this.#db.exec('COMMIT');
      if (this.#erased) this.#checkpointAfterErasure();
      return result;
    } catch (error) {
      this.#rollback();
      throw error;
    } finally {
      this.#erased = false;
    }
  }

  /**
   * After a deletion: copy the WAL into the file (where secure_delete has zeroed the erased rows)
   * and truncate it, so the erased texts are in neither file. A reader in another connection can
   * hold the checkpoint back; the next erasure or SQLite's own checkpoint finishes it then.
   */
  #checkpointAfterErasure(): void {
    try {
      this.#db.prepare('PRAGMA wal_checkpoint(TRUNCATE)').get([]);
    } catch (error) {
      if (!isBusy(error)) throw error;
    }
  }

  /** `BEGIN IMMEDIATE`, retried without blocking the event loop while another process writes. */
  async #beginWrite(): Promise<void> {
    const deadline = Date.now() + this.#busyTimeout;
    for (let attempt = 0; ; attempt++) {
      try {
        this.#db.exec('BEGIN IMMEDIATE');
        return;
      } catch (error) {
        if (!isBusy(error)) throw error;
        if (Date.now() >= deadline) {
          throw new StoreError('STORE', `Database is busy: expected the write lock within ${this.#busyTimeout} ms, another connection kept it`, {
            cause: error,
          });
        }
        await sleep(Math.min(LOCK_RETRY_MAX_MS, 1 + attempt * 2) * (0.5 + Math.random()));
      }
    }
  }

  #rollback(): void {
    try {
      this.#db.exec('ROLLBACK');
    } catch {
      // SQLite already rolled back (e.g. after SQLITE_FULL); nothing is left to undo.
    }
  }

  transaction<T>(fn: (tx: StoreSession) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    let active = true;
    const readOnly = options.readOnly === true;
    const tx = new SqliteSession(
      this.#prepare,
      () => {
        if (!active) throw new StoreError('STORE', 'Transaction has ended: expected calls inside transaction(fn), got one after it returned');
        this.#assertOpen();
      },
      () => {
        if (readOnly) throw new StoreError('STORE', 'Read-only transaction: expected only reads inside it, got a write');
      },
      this.#markErased,
    );
    return this.#atomic(readOnly ? 'read' : 'write', async (s) => {
      try {
        return await fn(s);
      } finally {
        active = false;
      }
    }, tx);
  }

  async close(): Promise<void> {
    await this.#mutex.run(() => {
      if (this.#closed) return;
      this.#closed = true;
      this.#statements.clear();
      this.#releaseMutex();
      if (this.#owned) this.#db.close();
    });
  }

}

/** The SQL of each operation; runs inside a transaction opened by the store. */
class SqliteSession implements StoreSession {
  readonly #q: (sql: string) => Prepared;
  readonly #check: () => void;
  readonly #checkWritable: () => void;
  readonly #erased: () => void;

  constructor(prepare: (sql: string) => Prepared, check: () => void, checkWritable: () => void = () => {}, erased: () => void = () => {}) {
    this.#q = prepare;
    this.#check = check;
    this.#checkWritable = checkWritable;
    this.#erased = erased;
  }

  /** Before a write: open, and not in a read-only transaction. */
  #checkWrite(): void {
    this.#check();
    this.#checkWritable();
  }

  #bureauExists(bureauId: string): boolean {
    return this.#q('SELECT 1 FROM bureaus WHERE id = ?').get(bureauId) !== undefined;
  }

  #requireBureau(bureauId: string): void {
    if (!this.#bureauExists(bureauId)) throw notFoundBureau(bureauId);
  }

  #client(ref: ClientRef): ClientRow {
    const row = this.#q('SELECT id, bureau_id, name, settings FROM clients WHERE id = ? AND bureau_id = ?').get(ref.clientId, ref.bureauId);
    if (row === undefined) throw notFoundClient(ref);
    return clientFromRow(asRow(row));
  }

  #requireClient(ref: ClientRef): void {
    if (this.#q('SELECT 1 FROM clients WHERE id = ? AND bureau_id = ?').get(ref.clientId, ref.bureauId) === undefined) {
      throw notFoundClient(ref);
    }
  }

  #count(sql: string, ...params: SqliteValue[]): number {
    return int(asRow(this.#q(sql).get(...params)), 'n');
  }

  #countClient(bureauId: string, clientId: string): Omit<DeleteCounts, 'bureauRecords'> {
    return {
      clients: 1,
      statements: this.#count('SELECT count(*) AS n FROM statements WHERE bureau_id = ? AND client_id = ?', bureauId, clientId),
      transactions: this.#count('SELECT count(*) AS n FROM transactions WHERE bureau_id = ? AND client_id = ?', bureauId, clientId),
      vouchers: this.#count('SELECT count(*) AS n FROM vouchers WHERE bureau_id = ? AND client_id = ?', bureauId, clientId),
      profiles: this.#count('SELECT count(*) AS n FROM profiles WHERE bureau_id = ? AND client_id = ?', bureauId, clientId),
    };
  }

  /** Removes the client id from its bureau's records; returns how many records it was in. */
  #scrubBureauRecords(bureauId: string, clientId: string): number {
    const rows = this.#q(
      `SELECT key, template_id, data FROM bureau_records
        WHERE bureau_id = ? AND EXISTS (SELECT 1 FROM json_each(data, '$.clients') WHERE value = ?)`,
    ).all(bureauId, clientId);
    for (const raw of rows) {
      const row = asRow(raw);
      const record = bureauRecordFromRow(row);
      const rest = record.clients.filter((c) => c !== clientId);
      if (rest.length === 0) {
        this.#q('DELETE FROM bureau_records WHERE bureau_id = ? AND key = ? AND template_id = ?').run(bureauId, str(row, 'key'), str(row, 'template_id'));
      } else {
        this.#q('UPDATE bureau_records SET data = ? WHERE bureau_id = ? AND key = ? AND template_id = ?').run(
          JSON.stringify({ ...record, clients: rest }),
          bureauId,
          str(row, 'key'),
          str(row, 'template_id'),
        );
      }
    }
    return rows.length;
  }

  #removeClient(bureauId: string, clientId: string): DeleteCounts {
    this.#erased();
    const counts = this.#countClient(bureauId, clientId);
    const bureauRecords = this.#scrubBureauRecords(bureauId, clientId);
    // Cascades remove statements (and their transactions), vouchers and profiles.
    this.#q('DELETE FROM transactions WHERE bureau_id = ? AND client_id = ?').run(bureauId, clientId);
    this.#q('DELETE FROM clients WHERE bureau_id = ? AND id = ?').run(bureauId, clientId);
    return { ...counts, bureauRecords };
  }

  async createBureau(bureau: BureauRow): Promise<void> {
    this.#checkWrite();
    if (this.#bureauExists(bureau.id)) throw new ConflictError(`Bureau exists: expected a new bureau id, got "${bureau.id}"`);
    this.#q('INSERT INTO bureaus (id, name) VALUES (?, ?)').run(bureau.id, bureau.name);
  }

  async getBureau(bureauId: string): Promise<BureauRow | undefined> {
    this.#check();
    const row = this.#q('SELECT id, name FROM bureaus WHERE id = ?').get(bureauId);
    if (row === undefined) return undefined;
    const r = asRow(row);
    return { id: str(r, 'id'), name: str(r, 'name') };
  }

  async listBureaus(): Promise<readonly BureauRow[]> {
    this.#check();
    return this.#q('SELECT id, name FROM bureaus ORDER BY id')
      .all()
      .map((row) => {
        const r = asRow(row);
        return { id: str(r, 'id'), name: str(r, 'name') };
      });
  }

  async deleteBureau(bureauId: string): Promise<DeleteCounts> {
    this.#checkWrite();
    this.#requireBureau(bureauId);
    this.#erased();
    const totals = { clients: 0, statements: 0, transactions: 0, vouchers: 0, profiles: 0, bureauRecords: 0 };
    const ids = this.#q('SELECT id FROM clients WHERE bureau_id = ? ORDER BY id').all(bureauId).map((r) => str(asRow(r), 'id'));
    for (const id of ids) {
      const c = this.#removeClient(bureauId, id);
      totals.clients += c.clients;
      totals.statements += c.statements;
      totals.transactions += c.transactions;
      totals.vouchers += c.vouchers;
      totals.profiles += c.profiles;
      totals.bureauRecords += c.bureauRecords;
    }
    totals.bureauRecords += this.#count('SELECT count(*) AS n FROM bureau_records WHERE bureau_id = ?', bureauId);
    this.#q('DELETE FROM bureaus WHERE id = ?').run(bureauId);
    return totals;
  }

  async createClient(client: ClientRow): Promise<void> {
    this.#checkWrite();
    checkClientRow(client);
    this.#requireBureau(client.bureauId);
    if (this.#q('SELECT 1 FROM clients WHERE bureau_id = ? AND id = ?').get(client.bureauId, client.id) !== undefined) {
      throw new ConflictError(`Client exists: expected a new client id in bureau "${client.bureauId}", got "${client.id}"`);
    }
    const { id, bureauId, name, ...settings } = client;
    this.#q('INSERT INTO clients (id, bureau_id, name, settings) VALUES (?, ?, ?, ?)').run(id, bureauId, name, JSON.stringify(settings));
  }

  async updateClient(client: ClientRow): Promise<void> {
    this.#checkWrite();
    this.#requireClient({ bureauId: client.bureauId, clientId: client.id });
    checkClientRow(client);
    const { id, bureauId, name, ...settings } = client;
    this.#q('UPDATE clients SET name = ?, settings = ? WHERE id = ? AND bureau_id = ?').run(name, JSON.stringify(settings), id, bureauId);
  }

  async getClient(ref: ClientRef): Promise<ClientRow> {
    this.#check();
    return this.#client(ref);
  }

  async findClients(clientId: string): Promise<readonly ClientRow[]> {
    this.#check();
    return this.#q('SELECT id, bureau_id, name, settings FROM clients WHERE id = ? ORDER BY bureau_id')
      .all(clientId)
      .map((r) => clientFromRow(asRow(r)));
  }

  async listClients(bureauId: string): Promise<readonly ClientRow[]> {
    this.#check();
    this.#requireBureau(bureauId);
    return this.#q('SELECT id, bureau_id, name, settings FROM clients WHERE bureau_id = ? ORDER BY id')
      .all(bureauId)
      .map((r) => clientFromRow(asRow(r)));
  }

  async deleteClient(ref: ClientRef): Promise<DeleteCounts> {
    this.#checkWrite();
    this.#requireClient(ref);
    return this.#removeClient(ref.bureauId, ref.clientId);
  }

  async putStatement(ref: ClientRef, statement: StatementRow): Promise<boolean> {
    this.#checkWrite();
    this.#requireClient(ref);
    if (statement.clientId !== ref.clientId) {
      throw new ValidationError(`Invalid statement ${statement.id}: expected client "${ref.clientId}", got "${statement.clientId}"`);
    }
    const r = this.#q(
      'INSERT INTO statements (bureau_id, client_id, id, bank_account, imported_at, data) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
    ).run(ref.bureauId, ref.clientId, statement.id, statement.bankAccount, statement.importedAt, JSON.stringify(statement));
    return Number(r.changes) === 1;
  }

  async getStatement(ref: ClientRef, statementId: string): Promise<StatementRow | undefined> {
    this.#check();
    this.#requireClient(ref);
    const row = this.#q('SELECT data FROM statements WHERE bureau_id = ? AND client_id = ? AND id = ?').get(ref.bureauId, ref.clientId, statementId);
    return row === undefined ? undefined : statementFromRow(asRow(row));
  }

  async listStatements(ref: ClientRef): Promise<readonly StatementRow[]> {
    this.#check();
    this.#requireClient(ref);
    return this.#q('SELECT data FROM statements WHERE bureau_id = ? AND client_id = ? ORDER BY imported_at, id')
      .all(ref.bureauId, ref.clientId)
      .map((r) => statementFromRow(asRow(r)));
  }

  async addTransactions(ref: ClientRef, transactions: readonly TransactionRow[]): Promise<AddTransactionsResult> {
    this.#checkWrite();
    this.#requireClient(ref);
    const statementIds = new Set<string>();
    for (const row of transactions) {
      checkTransactionRow(ref, row);
      statementIds.add(row.statementId);
    }
    for (const id of statementIds) {
      if (this.#q('SELECT 1 FROM statements WHERE bureau_id = ? AND client_id = ? AND id = ?').get(ref.bureauId, ref.clientId, id) === undefined) {
        throw new ValidationError(`Invalid transaction: expected a stored statement, got unknown "${id}"`);
      }
    }
    const insert = this.#q(
      `INSERT INTO transactions (bureau_id, client_id, bank_account, id, statement_id, line, date, value_date, amount, balance,
                                 text, reference, counterparty, counterparty_account, kind, currency, pending,
                                 booked_voucher, booked_series, booked_number)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    );
    const added: string[] = [];
    const duplicates: string[] = [];
    for (const t of transactions) {
      const r = insert.run(
        ref.bureauId,
        ref.clientId,
        t.bankAccount,
        t.id,
        t.statementId,
        t.line,
        t.date,
        t.valueDate ?? null,
        t.amount,
        t.balance ?? null,
        t.text,
        t.reference ?? null,
        t.counterparty ?? null,
        t.counterpartyAccount ?? null,
        t.kind ?? null,
        t.currency ?? null,
        t.pending ? 1 : null,
        t.booked?.voucher ?? null,
        t.booked?.series ?? null,
        t.booked?.number ?? null,
      );
      (Number(r.changes) === 1 ? added : duplicates).push(t.id);
    }
    return { added, duplicates };
  }

  async getTransactions(ref: ClientRef, keys: readonly TransactionKey[]): Promise<readonly TransactionRow[]> {
    this.#check();
    this.#requireClient(ref);
    return this.#byTransactionKeys(ref, keys, 'SELECT * FROM transactions WHERE bureau_id = ? AND client_id = ? AND bank_account = ? AND id = ?', transactionFromRow);
  }

  /**
   * The rows `sql` finds for each key (its parameters: bureau, client, bank account, line id), in
   * the keys' order; a key it finds nothing for gives nothing.
   */
  #byTransactionKeys<T>(ref: ClientRef, keys: readonly TransactionKey[], sql: string, fromRow: (row: Row) => T): T[] {
    const get = this.#q(sql);
    const out: T[] = [];
    for (const k of keys) {
      const row = get.get(ref.bureauId, ref.clientId, k.bankAccount, k.id);
      if (row !== undefined) out.push(fromRow(asRow(row)));
    }
    return out;
  }

  async listTransactions(ref: ClientRef, filter: TransactionFilter = {}): Promise<readonly TransactionRow[]> {
    this.#check();
    this.#requireClient(ref);
    return this.#q(
      `SELECT * FROM transactions
        WHERE bureau_id = ? AND client_id = ?
          AND (? IS NULL OR statement_id = ?) AND (? IS NULL OR bank_account = ?)
          AND (? IS NULL OR date >= ?) AND (? IS NULL OR date <= ?)
        ORDER BY date, bank_account, seq`,
    )
      .all(ref.bureauId, ref.clientId, ...twice(filter.statementId), ...twice(filter.bankAccount), ...twice(filter.from), ...twice(filter.to))
      .map((r) => transactionFromRow(asRow(r)));
  }

  async addVoucher(ref: ClientRef, voucher: NewVoucher): Promise<VoucherRecord> {
    return (await this.addVouchers(ref, [voucher]))[0] as VoucherRecord;
  }

  async addVouchers(ref: ClientRef, vouchers: readonly NewVoucher[]): Promise<readonly VoucherRecord[]> {
    this.#checkWrite();
    this.#requireClient(ref);
    checkNewVouchers(vouchers);
    // Every check before the first write: the call stores all of them or none.
    const booked = this.#q('SELECT series, number FROM vouchers WHERE bureau_id = ? AND client_id = ? AND bank_account = ? AND transaction_id = ?');
    for (const voucher of vouchers) {
      if (voucher.transactionId === undefined || voucher.bankAccount === undefined) continue;
      const existing = booked.get(ref.bureauId, ref.clientId, voucher.bankAccount, voucher.transactionId);
      if (existing !== undefined) {
        const e = asRow(existing);
        throw new ConflictError(
          `Transaction already booked: expected an unbooked transaction, "${voucher.transactionId}" on ${voucher.bankAccount} is booked as ${str(e, 'series')}${int(e, 'number')}`,
        );
      }
    }
    // The write transaction holds the file's write lock: nobody else numbers in between.
    const last = new Map<string, number>();
    const lastOf = this.#q('SELECT coalesce(max(number), 0) AS n FROM vouchers WHERE bureau_id = ? AND client_id = ? AND series = ?');
    // learned_from (schema 9) only when a voucher has it: a file opened at an earlier schema still takes the others.
    const learned = vouchers.some((v) => v.learnedFrom !== undefined);
    const insert = this.#q(
      learned
        ? `INSERT INTO vouchers (bureau_id, client_id, series, number, date, text, rows, bank_account, transaction_id, confirmed_at, learned_from)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
        : `INSERT INTO vouchers (bureau_id, client_id, series, number, date, text, rows, bank_account, transaction_id, confirmed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    return vouchers.map((voucher) => {
      const number = (last.get(voucher.series) ?? int(asRow(lastOf.get(ref.bureauId, ref.clientId, voucher.series)), 'n')) + 1;
      last.set(voucher.series, number);
      const rows: VoucherRowData[] = voucher.rows.map((r) => (r.text === undefined ? { account: r.account, amount: r.amount } : { account: r.account, amount: r.amount, text: r.text }));
      insert.run(
        ref.bureauId,
        ref.clientId,
        voucher.series,
        number,
        voucher.date,
        voucher.text,
        JSON.stringify(rows),
        voucher.bankAccount ?? null,
        voucher.transactionId ?? null,
        voucher.confirmedAt,
        ...(learned ? [voucher.learnedFrom === undefined ? null : JSON.stringify(learnedFromOf(voucher.learnedFrom))] : []),
      );
      const record: { -readonly [K in keyof VoucherRecord]: VoucherRecord[K] } = {
        clientId: ref.clientId,
        series: voucher.series,
        number,
        date: voucher.date,
        text: voucher.text,
        rows,
        confirmedAt: voucher.confirmedAt,
      };
      if (voucher.bankAccount !== undefined) record.bankAccount = voucher.bankAccount;
      if (voucher.transactionId !== undefined) record.transactionId = voucher.transactionId;
      if (voucher.learnedFrom !== undefined) record.learnedFrom = learnedFromOf(voucher.learnedFrom);
      return record;
    });
  }

  async listVouchers(ref: ClientRef, filter: VoucherFilter = {}): Promise<readonly VoucherRecord[]> {
    this.#check();
    this.#requireClient(ref);
    return this.#q(
      `SELECT * FROM vouchers
        WHERE bureau_id = ? AND client_id = ? AND (? IS NULL OR series = ?)
          AND (? IS NULL OR date >= ?) AND (? IS NULL OR date <= ?)
        ORDER BY series, number`,
    )
      .all(ref.bureauId, ref.clientId, ...twice(filter.series), ...twice(filter.from), ...twice(filter.to))
      .map((r) => voucherFromRow(asRow(r)));
  }

  async getVoucherForTransaction(ref: ClientRef, key: TransactionKey): Promise<VoucherRecord | undefined> {
    return (await this.getVouchersForTransactions(ref, [key]))[0];
  }

  async getVouchersForTransactions(ref: ClientRef, keys: readonly TransactionKey[]): Promise<readonly VoucherRecord[]> {
    this.#check();
    this.#requireClient(ref);
    return this.#byTransactionKeys(ref, keys, 'SELECT * FROM vouchers WHERE bureau_id = ? AND client_id = ? AND bank_account = ? AND transaction_id = ?', voucherFromRow);
  }

  async setLearnedFrom(ref: ClientRef, updates: readonly VoucherLearnedFrom[]): Promise<void> {
    this.#checkWrite();
    this.#requireClient(ref);
    const exists = this.#q('SELECT 1 FROM vouchers WHERE bureau_id = ? AND client_id = ? AND series = ? AND number = ?');
    for (const u of updates) if (exists.get(ref.bureauId, ref.clientId, u.series, u.number) === undefined) throw notFoundVoucher(ref, u);
    const update = this.#q('UPDATE vouchers SET learned_from = ? WHERE bureau_id = ? AND client_id = ? AND series = ? AND number = ?');
    for (const u of updates) update.run(JSON.stringify(learnedFromOf(u.learnedFrom)), ref.bureauId, ref.clientId, u.series, u.number);
  }

  async replaceVoucher(ref: ClientRef, voucher: VoucherReplacement): Promise<VoucherRecord> {
    this.#checkWrite();
    this.#requireClient(ref);
    checkVoucherReplacement(voucher);
    const rows: VoucherRowData[] = voucher.rows.map((r) => (r.text === undefined ? { account: r.account, amount: r.amount } : { account: r.account, amount: r.amount, text: r.text }));
    // One statement: the voucher's row (its rows are a JSON column of it) changes whole, or not at all.
    const changed = this.#q('UPDATE vouchers SET date = ?, text = ?, rows = ?, confirmed_at = ?, learned_from = ? WHERE bureau_id = ? AND client_id = ? AND series = ? AND number = ?').run(
      voucher.date,
      voucher.text,
      JSON.stringify(rows),
      voucher.confirmedAt,
      voucher.learnedFrom === undefined ? null : JSON.stringify(learnedFromOf(voucher.learnedFrom)),
      ref.bureauId,
      ref.clientId,
      voucher.series,
      voucher.number,
    );
    if (changed.changes === 0) throw notFoundVoucher(ref, voucher);
    const row = this.#q('SELECT * FROM vouchers WHERE bureau_id = ? AND client_id = ? AND series = ? AND number = ?').get(ref.bureauId, ref.clientId, voucher.series, voucher.number);
    return voucherFromRow(asRow(row));
  }

  async markTransactions(ref: ClientRef, marks: readonly TransactionMark[]): Promise<void> {
    this.#checkWrite();
    this.#requireClient(ref);
    const exists = this.#q('SELECT 1 FROM transactions WHERE bureau_id = ? AND client_id = ? AND bank_account = ? AND id = ?');
    for (const m of marks) if (exists.get(ref.bureauId, ref.clientId, m.bankAccount, m.id) === undefined) throw notFoundTransaction(m);
    const update = this.#q(
      'UPDATE transactions SET booked_voucher = ?, booked_series = ?, booked_number = ? WHERE bureau_id = ? AND client_id = ? AND bank_account = ? AND id = ?',
    );
    for (const m of marks) update.run(m.booked?.voucher ?? null, m.booked?.series ?? null, m.booked?.number ?? null, ref.bureauId, ref.clientId, m.bankAccount, m.id);
  }

  async putLedgerVouchers(ref: ClientRef, vouchers: readonly LedgerVoucher[]): Promise<void> {
    this.#checkWrite();
    this.#requireClient(ref);
    for (const v of vouchers) checkLedgerVoucher(v);
    const put = this.#q(
      'INSERT INTO ledger_vouchers (bureau_id, client_id, id, date, data) VALUES (?, ?, ?, ?, ?) ON CONFLICT (bureau_id, client_id, id) DO UPDATE SET date = excluded.date, data = excluded.data',
    );
    for (const v of vouchers) put.run(ref.bureauId, ref.clientId, v.id, v.date, JSON.stringify(v));
  }

  async listLedgerVouchers(ref: ClientRef): Promise<readonly LedgerVoucher[]> {
    this.#check();
    this.#requireClient(ref);
    return this.#q('SELECT id, data FROM ledger_vouchers WHERE bureau_id = ? AND client_id = ? ORDER BY date, id')
      .all(ref.bureauId, ref.clientId)
      .map((r) => {
        const row = asRow(r);
        return ledgerVoucherFromRow(row, parseJson(str(row, 'data'), 'ledger voucher'));
      });
  }

  async getProfiles(ref: ClientRef, keys?: readonly string[]): Promise<readonly ProfileRecord[]> {
    this.#check();
    this.#requireClient(ref);
    if (keys === undefined) {
      return this.#q('SELECT client_id, key, data FROM profiles WHERE bureau_id = ? AND client_id = ? ORDER BY key')
        .all(ref.bureauId, ref.clientId)
        .map((r) => profileFromRow(asRow(r)));
    }
    const get = this.#q('SELECT client_id, key, data FROM profiles WHERE bureau_id = ? AND client_id = ? AND key = ?');
    const out: ProfileRecord[] = [];
    for (const key of [...new Set(keys)].sort(compareText)) {
      const row = get.get(ref.bureauId, ref.clientId, key);
      if (row !== undefined) out.push(profileFromRow(asRow(row)));
    }
    return out;
  }

  async getBureauProfiles(bureauId: string, keys: readonly string[]): Promise<readonly ProfileRecord[]> {
    this.#check();
    this.#requireBureau(bureauId);
    const out: ProfileRecord[] = [];
    for (const part of chunks([...new Set(keys)].sort(compareText), IN_CHUNK)) {
      const rows = this.#q(
        `SELECT client_id, key, data FROM profiles
          WHERE bureau_id = ? AND key IN (${part.map(() => '?').join(', ')})
          ORDER BY key, client_id`,
      ).all(bureauId, ...part);
      for (const r of rows) out.push(profileFromRow(asRow(r)));
    }
    return out;
  }

  async getBureauRecords(bureauId: string, keys?: readonly string[]): Promise<readonly BureauKnowledgeRecord[]> {
    this.#check();
    this.#requireBureau(bureauId);
    if (keys === undefined) {
      return this.#q('SELECT data FROM bureau_records WHERE bureau_id = ? ORDER BY key, template_id')
        .all(bureauId)
        .map((r) => bureauRecordFromRow(asRow(r)));
    }
    const out: BureauKnowledgeRecord[] = [];
    const get = this.#q('SELECT data FROM bureau_records WHERE bureau_id = ? AND key = ? ORDER BY template_id');
    for (const key of [...new Set(keys)].sort(compareText)) {
      for (const r of get.all(bureauId, key)) out.push(bureauRecordFromRow(asRow(r)));
    }
    return out;
  }

  async getNetworkRecords(keys: readonly string[]): Promise<readonly NetworkRecord[]> {
    this.#check();
    const out: NetworkRecord[] = [];
    const unique = [...new Set(keys)].sort(compareText);
    for (const part of chunks(unique, IN_CHUNK)) {
      const rows = this.#q(
        `SELECT * FROM network_records WHERE key IN (${part.map(() => '?').join(', ')})
          ORDER BY key, direction, account, vat_mode, vat_rate`,
      ).all(...part);
      for (const r of rows) out.push(networkFromRow(asRow(r)));
    }
    return out;
  }

  async getNetworkCandidates(bureauId: string, keys: readonly string[]): Promise<readonly NetworkRecord[]> {
    this.#check();
    this.#requireBureau(bureauId);
    const out: NetworkRecord[] = [];
    const unique = [...new Set(keys)].sort(compareText);
    for (const part of chunks(unique, IN_CHUNK)) {
      const rows = this.#q(
        `SELECT key, direction, account, vat_mode, vat_rate, 1 AS bureaus, clients FROM network_candidates
          WHERE bureau_id = ? AND key IN (${part.map(() => '?').join(', ')})
          ORDER BY key, direction, account, vat_mode, vat_rate`,
      ).all(bureauId, ...part);
      for (const r of rows) out.push(networkFromRow(asRow(r)));
    }
    return out;
  }

  async listNetworkRecords(): Promise<readonly NetworkRecord[]> {
    this.#check();
    return this.#q('SELECT * FROM network_records ORDER BY key, direction, account, vat_mode, vat_rate')
      .all()
      .map((r) => networkFromRow(asRow(r)));
  }

  async applyKnowledge(bureauId: string, changes: KnowledgeChanges, base: KnowledgeBase, minBureaus: number = DEFAULT_MIN_BUREAUS): Promise<void> {
    this.#checkWrite();
    checkMinBureaus(minBureaus);
    this.#requireBureau(bureauId);
    const owners = new Map<string, string | undefined>();
    const bureauOf = (clientId: string): string | undefined => {
      if (!owners.has(clientId)) {
        const row = this.#q('SELECT bureau_id FROM clients WHERE bureau_id = ? AND id = ?').get(bureauId, clientId);
        owners.set(clientId, row === undefined ? undefined : str(asRow(row), 'bureau_id'));
      }
      return owners.get(clientId);
    };
    checkKnowledgeChanges(bureauId, changes, base, bureauOf);
    const delProfile = this.#q('DELETE FROM profiles WHERE bureau_id = ? AND client_id = ? AND key = ?');
    for (const d of changes.deleteProfiles) delProfile.run(bureauId, d.clientId, d.key);
    const putProfile = this.#q(
      'INSERT INTO profiles (bureau_id, client_id, key, data) VALUES (?, ?, ?, ?) ON CONFLICT (bureau_id, client_id, key) DO UPDATE SET data = excluded.data',
    );
    for (const p of changes.putProfiles) putProfile.run(bureauId, p.clientId, p.key, JSON.stringify(p));
    // Aggregates: read the stored record, move it by (target − base), write or remove it. The
    // write lock is held, so nothing changes between the read and the write.
    const getBureau = this.#q('SELECT data FROM bureau_records WHERE bureau_id = ? AND key = ? AND template_id = ?');
    const delBureau = this.#q('DELETE FROM bureau_records WHERE bureau_id = ? AND key = ? AND template_id = ?');
    const putBureau = this.#q(
      `INSERT INTO bureau_records (bureau_id, key, template_id, data) VALUES (?, ?, ?, ?)
       ON CONFLICT (bureau_id, key, template_id) DO UPDATE SET data = excluded.data`,
    );
    for (const step of bureauSteps(changes, base)) {
      const templateId = step.id.slice(step.key.length + 1);
      const row = getBureau.get(bureauId, step.key, templateId);
      const next = mergeBureau(row === undefined ? undefined : bureauRecordFromRow(asRow(row)), step);
      if (next === undefined) delBureau.run(bureauId, step.key, templateId);
      else putBureau.run(bureauId, step.key, templateId, JSON.stringify(next));
    }
    // The bureau's own candidates move by (target − base); then each mapping touched is shared
    // when at least minBureaus bureaus hold it, and withdrawn from the network when fewer do.
    const where = 'key = ? AND direction = ? AND account = ? AND vat_mode = ? AND vat_rate = ?';
    const getCandidate = this.#q(`SELECT key, direction, account, vat_mode, vat_rate, 1 AS bureaus, clients FROM network_candidates WHERE bureau_id = ? AND ${where}`);
    const delCandidate = this.#q(`DELETE FROM network_candidates WHERE bureau_id = ? AND ${where}`);
    const putCandidate = this.#q(
      `INSERT INTO network_candidates (bureau_id, key, direction, account, vat_mode, vat_rate, clients) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (bureau_id, key, direction, account, vat_mode, vat_rate) DO UPDATE SET clients = excluded.clients`,
    );
    const held = this.#q(`SELECT clients FROM network_candidates WHERE ${where}`);
    const delNetwork = this.#q(`DELETE FROM network_records WHERE ${where}`);
    const putNetwork = this.#q(
      `INSERT INTO network_records (key, direction, account, vat_mode, vat_rate, bureaus, clients) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (key, direction, account, vat_mode, vat_rate) DO UPDATE SET bureaus = excluded.bureaus, clients = excluded.clients`,
    );
    const touched = new Map<string, NetworkRecordKey>();
    for (const step of networkSteps(changes, base)) {
      const i = step.identity;
      const row = getCandidate.get(bureauId, i.key, i.direction, i.account, i.vatMode, i.vatRate);
      const next = mergeCandidate(row === undefined ? undefined : networkFromRow(asRow(row)), step);
      if (next === undefined) delCandidate.run(bureauId, i.key, i.direction, i.account, i.vatMode, i.vatRate);
      else putCandidate.run(bureauId, i.key, i.direction, i.account, i.vatMode, i.vatRate, next.clients);
      touched.set(step.id, i);
    }
    for (const i of touched.values()) {
      const candidates = held.all(i.key, i.direction, i.account, i.vatMode, i.vatRate).map((r) => ({ clients: int(asRow(r), 'clients') }));
      const shared = sharedNetworkRecord(i, candidates, minBureaus);
      if (shared === undefined) delNetwork.run(i.key, i.direction, i.account, i.vatMode, i.vatRate);
      else putNetwork.run(i.key, i.direction, i.account, i.vatMode, i.vatRate, shared.bureaus, shared.clients);
    }
  }

  async putOpenItems(ref: ClientRef, items: readonly OpenItem[]): Promise<void> {
    this.#checkWrite();
    this.#requireClient(ref);
    checkOpenItems(items);
    const put = this.#q(
      `INSERT INTO open_items (bureau_id, client_id, id, date, open, data) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (bureau_id, client_id, id) DO UPDATE SET date = excluded.date, open = excluded.open, data = excluded.data`,
    );
    for (const item of items) put.run(ref.bureauId, ref.clientId, item.id, item.date, item.open, JSON.stringify(item));
  }

  async listOpenItems(ref: ClientRef, filter: OpenItemFilter = {}): Promise<readonly OpenItem[]> {
    this.#check();
    this.#requireClient(ref);
    const sql = filter.open === true
      ? 'SELECT id, open, data FROM open_items WHERE bureau_id = ? AND client_id = ? AND open > 0 ORDER BY date, id'
      : 'SELECT id, open, data FROM open_items WHERE bureau_id = ? AND client_id = ? ORDER BY date, id';
    return this.#q(sql)
      .all(ref.bureauId, ref.clientId)
      .map((r) => openItemFromRow(asRow(r)));
  }

  async deleteOpenItems(ref: ClientRef, ids: readonly string[]): Promise<number> {
    this.#checkWrite();
    this.#requireClient(ref);
    const del = this.#q('DELETE FROM open_items WHERE bureau_id = ? AND client_id = ? AND id = ?');
    let n = 0;
    for (const id of new Set(ids)) n += Number(del.run(ref.bureauId, ref.clientId, id).changes);
    return n;
  }

  async putPendingSettlements(ref: ClientRef, pending: readonly PendingSettlement[]): Promise<void> {
    this.#checkWrite();
    this.#requireClient(ref);
    checkPendingSettlements(pending);
    const put = this.#q(
      `INSERT INTO pending_settlements (bureau_id, client_id, id, date, data) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (bureau_id, client_id, id) DO UPDATE SET date = excluded.date, data = excluded.data`,
    );
    for (const p of pending) put.run(ref.bureauId, ref.clientId, p.id, p.voucher.date, JSON.stringify(p));
  }

  async listPendingSettlements(ref: ClientRef): Promise<readonly PendingSettlement[]> {
    this.#check();
    this.#requireClient(ref);
    return this.#q('SELECT data FROM pending_settlements WHERE bureau_id = ? AND client_id = ? ORDER BY date, id')
      .all(ref.bureauId, ref.clientId)
      .map((r) => jsonObject<PendingSettlement>(asRow(r), 'data', 'pending settlement'));
  }

  async deletePendingSettlements(ref: ClientRef, ids: readonly string[]): Promise<number> {
    this.#checkWrite();
    this.#requireClient(ref);
    const del = this.#q('DELETE FROM pending_settlements WHERE bureau_id = ? AND client_id = ? AND id = ?');
    let n = 0;
    for (const id of new Set(ids)) n += Number(del.run(ref.bureauId, ref.clientId, id).changes);
    return n;
  }

  async putFiscalYears(ref: ClientRef, years: readonly KnownFiscalYear[]): Promise<void> {
    this.#checkWrite();
    this.#requireClient(ref);
    checkKnownFiscalYears(years);
    const put = this.#q(
      `INSERT INTO fiscal_years (bureau_id, client_id, start, end, source) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (bureau_id, client_id, start) DO UPDATE SET end = excluded.end, source = excluded.source`,
    );
    for (const y of years) put.run(ref.bureauId, ref.clientId, y.start, y.end, y.source);
  }

  async listFiscalYears(ref: ClientRef): Promise<readonly KnownFiscalYear[]> {
    this.#check();
    this.#requireClient(ref);
    return this.#q('SELECT start, end, source FROM fiscal_years WHERE bureau_id = ? AND client_id = ? ORDER BY start')
      .all(ref.bureauId, ref.clientId)
      .map((r) => fiscalYearFromRow(asRow(r)));
  }

  async deleteFiscalYears(ref: ClientRef, starts: readonly string[]): Promise<number> {
    this.#checkWrite();
    this.#requireClient(ref);
    const del = this.#q('DELETE FROM fiscal_years WHERE bureau_id = ? AND client_id = ? AND start = ?');
    let n = 0;
    for (const start of new Set(starts)) n += Number(del.run(ref.bureauId, ref.clientId, start).changes);
    return n;
  }

  async exportClient(ref: ClientRef): Promise<ClientData> {
    this.#check();
    const client = this.#client(ref);
    const bureauRecords = this.#q(
      `SELECT data FROM bureau_records
        WHERE bureau_id = ? AND EXISTS (SELECT 1 FROM json_each(data, '$.clients') WHERE value = ?)
        ORDER BY key, template_id`,
    )
      .all(ref.bureauId, ref.clientId)
      .map((r) => bureauRecordFromRow(asRow(r)));
    return {
      client,
      statements: await this.listStatements(ref),
      transactions: await this.listTransactions(ref),
      vouchers: await this.listVouchers(ref),
      ledgerVouchers: await this.listLedgerVouchers(ref),
      profiles: await this.getProfiles(ref),
      bureauRecords,
      openItems: await this.listOpenItems(ref),
      pendingSettlements: await this.listPendingSettlements(ref),
      fiscalYears: await this.listFiscalYears(ref),
    };
  }
}

export { SQLITE_SCHEMA_VERSION };

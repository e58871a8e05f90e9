/**
 * The PostgreSQL store on the `pg` driver: the same {@link Store} contract as the memory and SQLite
 * stores, for deployments where many app servers share one knowledge base.
 *
 * `pg` is loaded only when {@link openPostgresStore} is called with a `connectionString`, and this
 * file never imports its types: it codes against {@link PostgresPool}, the small structural subset it
 * needs, so a caller can also pass a `pg.Pool` of its own.
 *
 * Concurrency, in short:
 * - Every call and every `transaction(fn)` runs in one PostgreSQL transaction on its own pooled
 *   connection; write transactions run at READ COMMITTED, read-only ones at REPEATABLE READ (one
 *   snapshot for everything `suggest` reads).
 * - A write transaction locks each client row it reads (`FOR NO KEY UPDATE`), so writes for one
 *   client (voucher numbers, profiles) run one after another while other clients proceed in
 *   parallel.
 * - Learning reads the profiles of all the bureau's clients for a few counterparty keys and then
 *   writes aggregates that depend on them; in a write transaction `getBureauProfiles` and
 *   `applyKnowledge` take a transaction-scoped advisory lock per (bureau, key), in a fixed order.
 * - A bureau's network candidates are changed only by increments (`INSERT … ON CONFLICT DO UPDATE
 *   SET n = n + Δ`) computed from the base the engine read. Whether a mapping is shared is then
 *   counted across bureaus under a transaction-scoped advisory lock per key, so bureaus learning
 *   the same key at once each count the others' committed candidates.
 *   Bureau-record membership is a table of (record, client) rows, inserted and deleted one by one.
 * - A transaction that PostgreSQL aborts with a serialization failure or a deadlock is rolled back
 *   and run again (the whole `fn`), up to `maxRetries` times.
 *
 * @module
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { ConflictError, KonteraError, StoreError, ValidationError } from '../core/errors.js';
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
  compareNetwork,
  compareText,
  networkSteps,
  checkMinBureaus,
  notFoundBureau,
  notFoundClient,
  notFoundTransaction,
  notFoundVoucher,
} from './checks.js';
import type { OpenItem, PendingSettlement } from '../openitems/types.js';
import { AtomicStoreMethods } from './atomic-methods.js';
import { POSTGRES_MIGRATIONS, POSTGRES_SCHEMA_VERSION } from './postgres-schema.js';
import type { PostgresMigration } from './postgres-schema.js';
import { asRow, corrupt, learnedFromOf, fiscalYearFromRow, ledgerVoucherFromRow, networkFromRow as sharedNetworkFromRow, str, transactionFromRow as sharedTransactionFromRow, voucherFromRow as sharedVoucherFromRow } from './rows.js';
import type { Row } from './rows.js';
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

/** What a query returns: the subset of `pg`'s `QueryResult` kontera reads. */
export interface PostgresQueryResult {
  readonly rows: unknown[];
  readonly rowCount: number | null;
}

/** A checked-out connection: the subset of `pg`'s `PoolClient` kontera uses. */
export interface PostgresPoolClient {
  query(text: string, values?: unknown[]): Promise<PostgresQueryResult>;
  /** Returns the connection to the pool; `true` or an error destroys it instead. */
  release(destroy?: Error | boolean): void;
}

/**
 * The subset of `pg`'s `Pool` kontera uses. Declared here rather than imported, so that kontera
 * does not depend on pg's package or types; a `pg.Pool` fits it as is.
 */
export interface PostgresPool {
  connect(): Promise<PostgresPoolClient>;
  end(): Promise<void>;
}

interface PostgresCommonOptions {
  /**
   * The PostgreSQL schema that holds kontera's tables (default `kontera`); created when missing.
   * Several independent kontera stores can share a database under different schemas.
   */
  readonly schema?: string | undefined;
  /** How often a transaction aborted by a serialization failure or deadlock is run again (default 10). */
  readonly maxRetries?: number | undefined;
  /** @internal Migrations to use instead of the built-in ones (tests of the upgrade path). */
  readonly migrations?: readonly PostgresMigration[] | undefined;
}

/** Connect with a connection string; the store owns its pool and ends it on `close()`. */
export interface PostgresConnectionOptions extends PostgresCommonOptions {
  /** E.g. `postgresql://user:secret@db.internal:5432/kontera` or `postgresql:///kontera?host=/run/postgresql`. */
  readonly connectionString: string;
  /** Most connections the pool opens (default 10). */
  readonly max?: number | undefined;
}

/** Use a pool you created (`new pg.Pool(…)`); `close()` leaves it open. */
export interface PostgresPoolOptions extends PostgresCommonOptions {
  readonly pool: PostgresPool;
}

/** Options of {@link openPostgresStore}: exactly one of `connectionString` or `pool`. */
export type PostgresStoreOptions = PostgresConnectionOptions | PostgresPoolOptions;

/** The PostgreSQL store: a {@link Store} plus its pool and schema (for diagnostics). */
export interface PostgresStore extends Store {
  /** The pool. Do not write kontera's tables through it while the store is open. */
  readonly pool: PostgresPool;
  /** The schema that holds kontera's tables. */
  readonly schema: string;
}

type PoolConstructor = new (config: { connectionString: string; max: number }) => PostgresPool & {
  on(event: 'error', listener: (error: Error) => void): unknown;
};

const CAPABILITIES: StoreCapabilities = Object.freeze({
  kind: 'postgres',
  durable: true,
  multiProcess: true,
  browserSafe: false,
});

const DEFAULT_SCHEMA = 'kontera';
const DEFAULT_MAX_RETRIES = 10;
const DEFAULT_POOL_SIZE = 10;
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** SQLSTATEs after which the whole transaction may simply be run again. */
const RETRYABLE = new Set(['40001', '40P01']);

async function loadPg(): Promise<PoolConstructor> {
  // A variable specifier keeps bundlers from pulling pg into kontera's own bundle.
  const specifier = 'pg';
  let mod: unknown;
  try {
    mod = await import(specifier);
  } catch (cause) {
    throw new StoreError('STORE', 'Cannot load pg: install it (npm install pg) or pass { pool }', { cause });
  }
  const root = typeof mod === 'object' && mod !== null && 'default' in mod && typeof mod.default === 'object' && mod.default !== null ? mod.default : mod;
  const Pool = typeof root === 'object' && root !== null && 'Pool' in root ? root.Pool : undefined;
  if (typeof Pool !== 'function') {
    throw new StoreError('STORE', `Cannot use pg: expected a Pool constructor, got ${typeof Pool}`);
  }
  return Pool as PoolConstructor;
}

/** The SQLSTATE of a pg error, if it has one. */
function sqlState(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/** A store error after which the transaction can be run again. @internal */
class RetryableError extends StoreError {}

/** Turns a driver error into a typed kontera error. */
function translate(error: unknown, sql: string): KonteraError {
  if (error instanceof KonteraError) return error;
  const state = sqlState(error);
  const what = sql.trim().split(/\s+/).slice(0, 4).join(' ');
  const detail = error instanceof Error ? error.message : String(error);
  if (state !== undefined && RETRYABLE.has(state)) {
    return new RetryableError('STORE', `Transaction conflict: PostgreSQL aborted it (${state}: ${detail})`, { cause: error });
  }
  if (state === '23505') return new ConflictError(`Row exists: expected a new row for ${what}, PostgreSQL reported ${detail}`, { cause: error });
  return new StoreError('STORE', `PostgreSQL refused ${what}…: ${state === undefined ? '' : `${state} `}${detail}`, { cause: error });
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

/** pg returns bigint and count(*) as strings; kontera's integers are safe JavaScript integers. */
function int(row: Row, column: string): number {
  const v = row[column];
  const n = typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : typeof v === 'bigint' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw corrupt(`an integer in column ${column}`, v);
  return n;
}

function obj<T>(row: Row, column: string, what: string): T {
  const v = row[column];
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw corrupt(`a JSON object for ${what}`, v);
  return v as T;
}

type ClientSettingsJson = Omit<ClientRow, 'id' | 'bureauId' | 'name'>;

function clientFromRow(row: Row): ClientRow {
  const settings = obj<ClientSettingsJson>(row, 'settings', 'client settings');
  return { ...settings, id: str(row, 'id'), bureauId: str(row, 'bureau_id'), name: str(row, 'name') };
}

function transactionFromRow(row: Row): TransactionRow {
  return sharedTransactionFromRow(row, int, row['pending'] === true);
}

function voucherFromRow(row: Row): VoucherRecord {
  const learnedFrom = row['learned_from'];
  return sharedVoucherFromRow(row, row['rows'], int, learnedFrom === null ? undefined : learnedFrom);
}

function networkFromRow(row: Row): NetworkRecord {
  return sharedNetworkFromRow(row, int);
}

function openItemFromRow(row: Row): OpenItem {
  const item = obj<OpenItem>(row, 'data', 'open item');
  if (item.id !== str(row, 'id') || item.open !== int(row, 'open')) throw corrupt('an open item matching its row', item.id);
  return item;
}

function profileFromRow(row: Row): ProfileRecord {
  return obj<ProfileRecord>(row, 'data', 'profile record');
}

/** A bureau record: the stored shape plus its member clients in the order they joined. */
function bureauRecordFromRow(row: Row): BureauKnowledgeRecord {
  const shape = obj<Omit<BureauKnowledgeRecord, 'clients'>>(row, 'data', 'bureau record');
  const clients = row['clients'];
  if (!Array.isArray(clients) || !clients.every((c): c is string => typeof c === 'string')) throw corrupt('a list of client ids', clients);
  return { ...shape, clients };
}

const BUREAU_RECORD_SELECT = `
  SELECT r.data, array_agg(m.client_id ORDER BY m.seq) AS clients
    FROM §.bureau_records r
    JOIN §.bureau_record_clients m ON m.bureau_id = r.bureau_id AND m.key = r.key AND m.template_id = r.template_id`;

const NETWORK_ORDER = 'ORDER BY key, direction, account, vat_mode, vat_rate';

/** Separates bureau id and key in advisory-lock names (neither contains a unit separator in practice; a clash only serialises more). */
const LOCK_SEPARATOR = '\u001f';
/** The lock namespace of shared network mappings (a bureau id equal to it would only serialise more). */
const NETWORK_LOCK = '\u001fnetwork\u001f';

/**
 * Opens a PostgreSQL store, creating and migrating its schema as needed.
 *
 * ```ts
 * import { openPostgresStore } from 'kontera/postgres';
 * const store = await openPostgresStore({ connectionString: process.env.DATABASE_URL! });
 * const kontera = await createKontera({ store });
 * ```
 * @throws StoreError `STORE_SCHEMA` when the schema was written by a newer kontera or holds other
 *   tables; `STORE` when pg cannot be loaded or the server cannot be reached.
 */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<PostgresStore> {
  const schema = options.schema ?? DEFAULT_SCHEMA;
  if (!SCHEMA_NAME.test(schema)) {
    throw new ValidationError(`Invalid schema: expected a lower-case SQL identifier (a–z, 0–9, _), got ${JSON.stringify(schema)}`);
  }
  const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
  if (!Number.isSafeInteger(maxRetries) || maxRetries < 0) {
    throw new ValidationError(`Invalid maxRetries: expected a whole number ≥ 0, got ${maxRetries}`);
  }
  let pool: PostgresPool;
  let owned: boolean;
  if ('pool' in options) {
    pool = options.pool;
    owned = false;
  } else {
    const max = options.max ?? DEFAULT_POOL_SIZE;
    if (!Number.isSafeInteger(max) || max < 1) throw new ValidationError(`Invalid max: expected a whole number of connections ≥ 1, got ${max}`);
    const Pool = await loadPg();
    const p = new Pool({ connectionString: options.connectionString, max });
    // An idle connection that dies (server restart) must not crash the process; the next
    // checkout opens a new one, and errors of running queries reach their caller.
    p.on('error', () => {});
    pool = p;
    owned = true;
  }
  const store = new PostgresStoreImpl(pool, owned, schema, maxRetries);
  try {
    await store.migrate(options.migrations ?? POSTGRES_MIGRATIONS);
  } catch (error) {
    if (owned) await pool.end().catch(() => {});
    throw error;
  }
  return store;
}

/** The stores whose transaction the current async context is inside, to refuse a call that would wait for itself. */
const INSIDE = new AsyncLocalStorage<ReadonlySet<object>>();

type Mode = 'read' | 'write';

class PostgresStoreImpl extends AtomicStoreMethods implements PostgresStore {
  readonly capabilities: StoreCapabilities = CAPABILITIES;
  readonly pool: PostgresPool;
  readonly schema: string;
  readonly #owned: boolean;
  readonly #maxRetries: number;
  readonly #sql = new Map<string, string>();
  readonly #quoted: string;
  #closed = false;
  #running = 0;
  #idle: (() => void)[] = [];

  constructor(pool: PostgresPool, owned: boolean, schema: string, maxRetries: number) {
    super();
    this.pool = pool;
    this.#owned = owned;
    this.schema = schema;
    this.#quoted = `"${schema}"`;
    this.#maxRetries = maxRetries;
  }

  /** The SQL with `§` replaced by the schema, computed once per text. */
  readonly #text = (sql: string): string => {
    let t = this.#sql.get(sql);
    if (t === undefined) {
      t = sql.replaceAll('§', this.#quoted);
      this.#sql.set(sql, t);
    }
    return t;
  };

  #assertOpen(): void {
    if (this.#closed) throw new StoreError('STORE', 'Store is closed: expected an open PostgreSQL store, got one after close()');
  }

  /** Runs the missing migrations under an advisory lock, so concurrent openers migrate once. */
  async migrate(migrations: readonly PostgresMigration[]): Promise<void> {
    const latest = migrations[migrations.length - 1]?.version ?? 0;
    let client: PostgresPoolClient;
    try {
      client = await this.pool.connect();
    } catch (cause) {
      throw new StoreError('STORE', `Cannot connect to PostgreSQL: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    }
    const q = async (sql: string, values?: unknown[]): Promise<Row[]> => {
      const text = this.#text(sql);
      try {
        return (await client.query(text, values)).rows.map(asRow);
      } catch (error) {
        throw translate(error, text);
      }
    };
    let broken = false;
    try {
      await q('BEGIN');
      try {
        // Serialises migrations of this schema across every process that opens it.
        await q("SELECT pg_advisory_xact_lock(hashtextextended('kontera-migrate' || $1, 0))", [this.schema]);
        await q('CREATE SCHEMA IF NOT EXISTS §');
        const hasVersionTable = (await q("SELECT to_regclass($1) IS NOT NULL AS ok", [`${this.#quoted}.kontera_schema`]))[0]?.['ok'] === true;
        let version = 0;
        if (hasVersionTable) {
          version = int((await q('SELECT coalesce(max(version), 0) AS v FROM §.kontera_schema'))[0] ?? {}, 'v');
        } else {
          const others = int((await q("SELECT count(*) AS n FROM pg_tables WHERE schemaname = $1", [this.schema]))[0] ?? {}, 'n');
          if (others > 0) {
            throw new StoreError('STORE_SCHEMA', `Not a kontera schema: expected schema "${this.schema}" empty or kontera's, found ${others} other tables`);
          }
          await q('CREATE TABLE §.kontera_schema (version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
        }
        if (version > latest) {
          throw new StoreError(
            'STORE_SCHEMA',
            `Database schema is newer than this kontera: expected version ${latest} or older, found ${version}; upgrade kontera to open it`,
          );
        }
        for (const m of migrations) {
          if (m.version <= version) continue;
          // Several statements in one simple query; its result is not read.
          const text = this.#text(m.sql);
          try {
            await client.query(text);
          } catch (error) {
            throw translate(error, text);
          }
          if (m.run !== undefined) await m.run(q);
          await q('INSERT INTO §.kontera_schema (version, description) VALUES ($1, $2)', [m.version, m.description]);
        }
        await q('COMMIT');
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true;
        }
        throw error;
      }
    } finally {
      client.release(broken);
    }
  }

  protected atomic<T>(mode: Mode, fn: (s: StoreSession) => Promise<T>): Promise<T> {
    return this.#run(mode, fn);
  }

  /**
   * Runs `fn` in one PostgreSQL transaction on a pooled connection, again when PostgreSQL aborts it
   * for a conflict, and refuses a call made from inside one of this store's transactions.
   */
  #run<T>(mode: Mode, fn: (s: PostgresSession) => Promise<T>, readOnlyTx = false): Promise<T> {
    const inside = INSIDE.getStore();
    if (inside?.has(this) === true) {
      return Promise.reject(
        new StoreError('STORE', 'Store called inside its own transaction: expected calls through the transaction session `tx`, got one on the store, which could wait for itself'),
      );
    }
    try {
      this.#assertOpen();
    } catch (error) {
      return Promise.reject(error);
    }
    this.#running++;
    const held = new Set(inside ?? []).add(this);
    return INSIDE.run(held, () => this.#attempts(mode, fn, readOnlyTx)).finally(() => {
      this.#running--;
      if (this.#running === 0) for (const done of this.#idle.splice(0)) done();
    });
  }

  async #attempts<T>(mode: Mode, fn: (s: PostgresSession) => Promise<T>, readOnlyTx: boolean): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.#once(mode, fn, readOnlyTx);
      } catch (error) {
        if (!(error instanceof RetryableError) || mode !== 'write') throw error;
        if (attempt >= this.#maxRetries) {
          throw new StoreError('STORE', `Transaction conflict: expected to commit within ${this.#maxRetries + 1} attempts, PostgreSQL aborted every one`, {
            cause: error,
          });
        }
        await sleep((2 + Math.min(attempt, 6) * 8) * (0.5 + Math.random()));
      }
    }
  }

  async #once<T>(mode: Mode, fn: (s: PostgresSession) => Promise<T>, readOnlyTx: boolean): Promise<T> {
    let client: PostgresPoolClient;
    try {
      client = await this.pool.connect();
    } catch (cause) {
      throw new StoreError('STORE', `Cannot connect to PostgreSQL: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    }
    let active = true;
    let broken = false;
    const session = new PostgresSession(
      async (sql, values) => {
        const text = this.#text(sql);
        try {
          return (await client.query(text, values)).rows.map(asRow);
        } catch (error) {
          throw translate(error, text);
        }
      },
      () => {
        if (!active) throw new StoreError('STORE', 'Transaction has ended: expected calls inside transaction(fn), got one after it returned');
        if (this.#closed) throw new StoreError('STORE', 'Store is closed: expected an open PostgreSQL store, got one after close()');
      },
      mode === 'write',
      readOnlyTx,
    );
    const control = async (sql: string): Promise<void> => {
      try {
        await client.query(sql);
      } catch (error) {
        throw translate(error, sql);
      }
    };
    try {
      await control(mode === 'write' ? 'BEGIN' : 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const result = await fn(session);
      await control('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true;
      }
      // The caller's own error comes back as it was thrown; driver errors are already typed.
      throw error;
    } finally {
      active = false;
      client.release(broken);
    }
  }

  transaction<T>(fn: (tx: StoreSession) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    const readOnly = options.readOnly === true;
    return this.#run(readOnly ? 'read' : 'write', (s) => fn(s), readOnly);
  }

  async close(): Promise<void> {
    if (this.#running > 0) await new Promise<void>((done) => this.#idle.push(done));
    if (this.#closed) return;
    this.#closed = true;
    if (this.#owned) await this.pool.end();
  }

}

type Query = (sql: string, values?: unknown[]) => Promise<Row[]>;

/** The SQL of each operation; runs inside a transaction opened by the store. Every query of client data names the bureau. */
class PostgresSession implements StoreSession {
  readonly #q: Query;
  readonly #check: () => void;
  /** A write transaction: client rows read are locked, knowledge keys read for learning are locked. */
  readonly #write: boolean;
  readonly #readOnly: boolean;

  constructor(query: Query, check: () => void, write: boolean, readOnly: boolean) {
    this.#q = query;
    this.#check = check;
    this.#write = write;
    this.#readOnly = readOnly;
  }

  #checkWrite(): void {
    this.#check();
    if (this.#readOnly) throw new StoreError('STORE', 'Read-only transaction: expected only reads inside it, got a write');
  }

  async #one(sql: string, values?: unknown[]): Promise<Row | undefined> {
    return (await this.#q(sql, values))[0];
  }


  /** Row lock for a client read in a write transaction: writes of one client queue, other clients go on. */
  get #lock(): string {
    return this.#write ? ' FOR NO KEY UPDATE' : '';
  }

  /**
   * Clients (`bureau\0client`) and bureaus this transaction has already found (and, writing,
   * locked): a second check in the same transaction would see the same row, so it is skipped.
   * Deletes forget them.
   */
  readonly #seenClients = new Set<string>();
  readonly #seenBureaus = new Set<string>();
  /** Client rows read in this transaction (kept current by updateClient), handed out as copies. */
  readonly #clientRows = new Map<string, ClientRow>();

  #saw(client: ClientRow): ClientRow {
    const k = `${client.bureauId}\u0000${client.id}`;
    this.#seenClients.add(k);
    this.#seenBureaus.add(client.bureauId);
    this.#clientRows.set(k, structuredClone(client));
    return client;
  }

  async #requireBureau(bureauId: string): Promise<void> {
    if (this.#seenBureaus.has(bureauId)) return;
    if ((await this.#one('SELECT 1 FROM §.bureaus WHERE id = $1', [bureauId])) === undefined) throw notFoundBureau(bureauId);
    this.#seenBureaus.add(bureauId);
  }

  async #client(ref: ClientRef): Promise<ClientRow> {
    const known = this.#clientRows.get(`${ref.bureauId}\u0000${ref.clientId}`);
    if (known !== undefined) return structuredClone(known);
    const row = await this.#one(`SELECT id, bureau_id, name, settings FROM §.clients WHERE bureau_id = $1 AND id = $2${this.#lock}`, [ref.bureauId, ref.clientId]);
    if (row === undefined) throw notFoundClient(ref);
    return this.#saw(clientFromRow(row));
  }

  async #requireClient(ref: ClientRef): Promise<void> {
    if (this.#seenClients.has(`${ref.bureauId}\u0000${ref.clientId}`)) return;
    if ((await this.#one(`SELECT 1 FROM §.clients WHERE bureau_id = $1 AND id = $2${this.#lock}`, [ref.bureauId, ref.clientId])) === undefined) {
      throw notFoundClient(ref);
    }
    this.#seenClients.add(`${ref.bureauId}\u0000${ref.clientId}`);
    this.#seenBureaus.add(ref.bureauId);
  }

  /**
   * Transaction-scoped advisory locks on (bureau, key), taken in hash order so two transactions
   * never wait for each other's locks in a cycle. Only write transactions lock.
   */
  async #lockKeys(bureauId: string, keys: Iterable<string>): Promise<void> {
    if (!this.#write) return;
    const unique = [...new Set(keys)];
    if (unique.length === 0) return;
    await this.#q(
      `SELECT count(pg_advisory_xact_lock(h)) AS n
         FROM (SELECT DISTINCT hashtextextended($1 || k, 0) AS h FROM unnest($2::text[]) AS k ORDER BY h) AS locks`,
      [bureauId + LOCK_SEPARATOR, unique],
    );
  }

  async createBureau(bureau: BureauRow): Promise<void> {
    this.#checkWrite();
    if ((await this.#one('SELECT 1 FROM §.bureaus WHERE id = $1', [bureau.id])) !== undefined) {
      throw new ConflictError(`Bureau exists: expected a new bureau id, got "${bureau.id}"`);
    }
    await this.#q('INSERT INTO §.bureaus (id, name) VALUES ($1, $2)', [bureau.id, bureau.name]);
  }

  async getBureau(bureauId: string): Promise<BureauRow | undefined> {
    this.#check();
    const row = await this.#one('SELECT id, name FROM §.bureaus WHERE id = $1', [bureauId]);
    return row === undefined ? undefined : { id: str(row, 'id'), name: str(row, 'name') };
  }

  async listBureaus(): Promise<readonly BureauRow[]> {
    this.#check();
    return (await this.#q('SELECT id, name FROM §.bureaus ORDER BY id', [])).map((row) => ({ id: str(row, 'id'), name: str(row, 'name') }));
  }

  async deleteBureau(bureauId: string): Promise<DeleteCounts> {
    this.#checkWrite();
    if ((await this.#one('SELECT 1 FROM §.bureaus WHERE id = $1 FOR UPDATE', [bureauId])) === undefined) throw notFoundBureau(bureauId);
    const c = (await this.#one(
      `SELECT (SELECT count(*) FROM §.clients WHERE bureau_id = $1) AS clients,
              (SELECT count(*) FROM §.statements WHERE bureau_id = $1) AS statements,
              (SELECT count(*) FROM §.transactions WHERE bureau_id = $1) AS transactions,
              (SELECT count(*) FROM §.vouchers WHERE bureau_id = $1) AS vouchers,
              (SELECT count(*) FROM §.profiles WHERE bureau_id = $1) AS profiles,
              (SELECT count(*) FROM §.bureau_record_clients WHERE bureau_id = $1)
                + (SELECT count(*) FROM §.bureau_records r WHERE r.bureau_id = $1 AND NOT EXISTS (
                     SELECT 1 FROM §.bureau_record_clients m
                      WHERE m.bureau_id = r.bureau_id AND m.key = r.key AND m.template_id = r.template_id)) AS bureau_records`,
      [bureauId],
    )) ?? {};
    // Foreign keys cascade from the bureau to every row of its clients and records.
    await this.#q('DELETE FROM §.bureaus WHERE id = $1', [bureauId]);
    this.#seenBureaus.delete(bureauId);
    for (const k of this.#seenClients) if (k.startsWith(`${bureauId}\u0000`)) this.#seenClients.delete(k);
    for (const k of this.#clientRows.keys()) if (k.startsWith(`${bureauId}\u0000`)) this.#clientRows.delete(k);
    return {
      clients: int(c, 'clients'),
      statements: int(c, 'statements'),
      transactions: int(c, 'transactions'),
      vouchers: int(c, 'vouchers'),
      profiles: int(c, 'profiles'),
      bureauRecords: int(c, 'bureau_records'),
    };
  }

  async createClient(client: ClientRow): Promise<void> {
    this.#checkWrite();
    checkClientRow(client);
    await this.#requireBureau(client.bureauId);
    // Client ids are scoped by bureau: only this bureau's clients can clash.
    if ((await this.#one('SELECT 1 FROM §.clients WHERE bureau_id = $1 AND id = $2', [client.bureauId, client.id])) !== undefined) {
      throw new ConflictError(`Client exists: expected a new client id in bureau "${client.bureauId}", got "${client.id}"`);
    }
    const { id, bureauId, name, ...settings } = client;
    await this.#q('INSERT INTO §.clients (id, bureau_id, name, settings) VALUES ($1, $2, $3, $4)', [id, bureauId, name, JSON.stringify(settings)]);
  }

  async updateClient(client: ClientRow): Promise<void> {
    this.#checkWrite();
    await this.#requireClient({ bureauId: client.bureauId, clientId: client.id });
    checkClientRow(client);
    const { id, bureauId, name, ...settings } = client;
    await this.#q('UPDATE §.clients SET name = $3, settings = $4 WHERE bureau_id = $1 AND id = $2', [bureauId, id, name, JSON.stringify(settings)]);
    // What a read gives back: the row as stored (JSON), not the object passed in.
    this.#saw(clientFromRow({ id, bureau_id: bureauId, name, settings: JSON.parse(JSON.stringify(settings)) as unknown }));
  }

  async getClient(ref: ClientRef): Promise<ClientRow> {
    this.#check();
    return this.#client(ref);
  }

  async findClients(clientId: string): Promise<readonly ClientRow[]> {
    this.#check();
    // The one lookup without a bureau (the contract's findClients), for a call that names none.
    const rows = await this.#q(`SELECT id, bureau_id, name, settings FROM §.clients WHERE id = $1 ORDER BY bureau_id${this.#lock}`, [clientId]);
    return rows.map((row) => this.#saw(clientFromRow(row)));
  }

  async listClients(bureauId: string): Promise<readonly ClientRow[]> {
    this.#check();
    await this.#requireBureau(bureauId);
    return (await this.#q('SELECT id, bureau_id, name, settings FROM §.clients WHERE bureau_id = $1 ORDER BY id', [bureauId])).map(clientFromRow);
  }

  async deleteClient(ref: ClientRef): Promise<DeleteCounts> {
    this.#checkWrite();
    if ((await this.#one('SELECT 1 FROM §.clients WHERE bureau_id = $1 AND id = $2 FOR UPDATE', [ref.bureauId, ref.clientId])) === undefined) {
      throw notFoundClient(ref);
    }
    const p = [ref.bureauId, ref.clientId];
    const c = (await this.#one(
      `SELECT (SELECT count(*) FROM §.statements WHERE bureau_id = $1 AND client_id = $2) AS statements,
              (SELECT count(*) FROM §.transactions WHERE bureau_id = $1 AND client_id = $2) AS transactions,
              (SELECT count(*) FROM §.vouchers WHERE bureau_id = $1 AND client_id = $2) AS vouchers,
              (SELECT count(*) FROM §.profiles WHERE bureau_id = $1 AND client_id = $2) AS profiles`,
      p,
    )) ?? {};
    // Leave the bureau's records; a record left without clients goes too.
    const left = await this.#q('DELETE FROM §.bureau_record_clients WHERE bureau_id = $1 AND client_id = $2 RETURNING key, template_id', p);
    await this.#deleteEmptyBureauRecords(ref.bureauId, left.map((r) => str(r, 'key')), left.map((r) => str(r, 'template_id')));
    await this.#q('DELETE FROM §.clients WHERE bureau_id = $1 AND id = $2', p);
    this.#seenClients.delete(`${ref.bureauId}\u0000${ref.clientId}`);
    this.#clientRows.delete(`${ref.bureauId}\u0000${ref.clientId}`);
    return {
      clients: 1,
      statements: int(c, 'statements'),
      transactions: int(c, 'transactions'),
      vouchers: int(c, 'vouchers'),
      profiles: int(c, 'profiles'),
      bureauRecords: left.length,
    };
  }

  async #deleteEmptyBureauRecords(bureauId: string, keys: readonly string[], templateIds: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.#q(
      `DELETE FROM §.bureau_records r
        USING unnest($2::text[], $3::text[]) AS t(key, template_id)
        WHERE r.bureau_id = $1 AND r.key = t.key AND r.template_id = t.template_id
          AND NOT EXISTS (SELECT 1 FROM §.bureau_record_clients m
                           WHERE m.bureau_id = r.bureau_id AND m.key = r.key AND m.template_id = r.template_id)`,
      [bureauId, keys, templateIds],
    );
  }

  async putStatement(ref: ClientRef, statement: StatementRow): Promise<boolean> {
    this.#checkWrite();
    await this.#requireClient(ref);
    if (statement.clientId !== ref.clientId) {
      throw new ValidationError(`Invalid statement ${statement.id}: expected client "${ref.clientId}", got "${statement.clientId}"`);
    }
    const added = await this.#q(
      `INSERT INTO §.statements (bureau_id, client_id, id, bank_account, imported_at, data) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT DO NOTHING RETURNING 1 AS ok`,
      [ref.bureauId, ref.clientId, statement.id, statement.bankAccount, statement.importedAt, JSON.stringify(statement)],
    );
    return added.length === 1;
  }

  async getStatement(ref: ClientRef, statementId: string): Promise<StatementRow | undefined> {
    this.#check();
    await this.#requireClient(ref);
    const row = await this.#one('SELECT data FROM §.statements WHERE bureau_id = $1 AND client_id = $2 AND id = $3', [ref.bureauId, ref.clientId, statementId]);
    return row === undefined ? undefined : obj<StatementRow>(row, 'data', 'statement');
  }

  async listStatements(ref: ClientRef): Promise<readonly StatementRow[]> {
    this.#check();
    await this.#requireClient(ref);
    return (
      await this.#q('SELECT data FROM §.statements WHERE bureau_id = $1 AND client_id = $2 ORDER BY imported_at, id', [ref.bureauId, ref.clientId])
    ).map((r) => obj<StatementRow>(r, 'data', 'statement'));
  }

  async addTransactions(ref: ClientRef, transactions: readonly TransactionRow[]): Promise<AddTransactionsResult> {
    this.#checkWrite();
    await this.#requireClient(ref);
    const statementIds = new Set<string>();
    for (const row of transactions) {
      checkTransactionRow(ref, row);
      statementIds.add(row.statementId);
    }
    if (transactions.length === 0) return { added: [], duplicates: [] };
    const known = new Set(
      (
        await this.#q('SELECT id FROM §.statements WHERE bureau_id = $1 AND client_id = $2 AND id = ANY($3::text[])', [ref.bureauId, ref.clientId, [...statementIds]])
      ).map((r) => str(r, 'id')),
    );
    for (const id of statementIds) {
      if (!known.has(id)) throw new ValidationError(`Invalid transaction: expected a stored statement, got unknown "${id}"`);
    }
    const col = <T>(f: (t: TransactionRow) => T): T[] => transactions.map(f);
    // One statement for the whole batch; the ordinality keeps file order in seq.
    const inserted = await this.#q(
      `INSERT INTO §.transactions (bureau_id, client_id, bank_account, id, statement_id, line, date, value_date, amount, balance,
                                   text, reference, counterparty, counterparty_account, kind, currency, pending,
                                   booked_voucher, booked_series, booked_number)
       SELECT $1, $2, t.bank_account, t.id, t.statement_id, t.line, t.date, t.value_date, t.amount, t.balance,
              t.text, t.reference, t.counterparty, t.counterparty_account, t.kind, t.currency, t.pending,
              t.booked_voucher, t.booked_series, t.booked_number
         FROM unnest($3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[], $9::bigint[], $10::bigint[],
                     $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::boolean[],
                     $18::text[], $19::text[], $20::text[])
              WITH ORDINALITY AS t(bank_account, id, statement_id, line, date, value_date, amount, balance,
                                   text, reference, counterparty, counterparty_account, kind, currency, pending,
                                   booked_voucher, booked_series, booked_number, ord)
        ORDER BY t.ord
       ON CONFLICT DO NOTHING
       RETURNING bank_account, id`,
      [
        ref.bureauId,
        ref.clientId,
        col((t) => t.bankAccount),
        col((t) => t.id),
        col((t) => t.statementId),
        col((t) => t.line),
        col((t) => t.date),
        col((t) => t.valueDate ?? null),
        col((t) => t.amount),
        col((t) => t.balance ?? null),
        col((t) => t.text),
        col((t) => t.reference ?? null),
        col((t) => t.counterparty ?? null),
        col((t) => t.counterpartyAccount ?? null),
        col((t) => t.kind ?? null),
        col((t) => t.currency ?? null),
        col((t) => (t.pending === true ? true : null)),
        col((t) => t.booked?.voucher ?? null),
        col((t) => t.booked?.series ?? null),
        col((t) => t.booked?.number ?? null),
      ],
    );
    const fresh = new Set(inserted.map((r) => `${str(r, 'bank_account')}\u0000${str(r, 'id')}`));
    const added: string[] = [];
    const duplicates: string[] = [];
    for (const t of transactions) {
      const k = `${t.bankAccount}\u0000${t.id}`;
      // The first occurrence of a key in the call is the one inserted.
      if (fresh.delete(k)) added.push(t.id);
      else duplicates.push(t.id);
    }
    return { added, duplicates };
  }

  async getTransactions(ref: ClientRef, keys: readonly TransactionKey[]): Promise<readonly TransactionRow[]> {
    this.#check();
    await this.#requireClient(ref);
    return this.#byTransactionKeys(ref, keys, 'transactions', 'id', transactionFromRow);
  }

  /**
   * The rows of `table` whose bank account and `idColumn` are one of the keys, in the keys' order,
   * in one query; a key without one gives nothing.
   */
  async #byTransactionKeys<T>(ref: ClientRef, keys: readonly TransactionKey[], table: 'transactions' | 'vouchers', idColumn: 'id' | 'transaction_id', fromRow: (row: Row) => T): Promise<T[]> {
    if (keys.length === 0) return [];
    return (
      await this.#q(
        `SELECT r.* FROM unnest($3::text[], $4::text[]) WITH ORDINALITY AS k(bank_account, id, ord)
           JOIN §.${table} r ON r.bureau_id = $1 AND r.client_id = $2 AND r.bank_account = k.bank_account AND r.${idColumn} = k.id
          ORDER BY k.ord`,
        [ref.bureauId, ref.clientId, keys.map((k) => k.bankAccount), keys.map((k) => k.id)],
      )
    ).map(fromRow);
  }

  async listTransactions(ref: ClientRef, filter: TransactionFilter = {}): Promise<readonly TransactionRow[]> {
    this.#check();
    await this.#requireClient(ref);
    return (
      await this.#q(
        `SELECT * FROM §.transactions
          WHERE bureau_id = $1 AND client_id = $2
            AND ($3::text IS NULL OR statement_id = $3) AND ($4::text IS NULL OR bank_account = $4)
            AND ($5::text IS NULL OR date >= $5) AND ($6::text IS NULL OR date <= $6)
          ORDER BY date, bank_account, seq`,
        [ref.bureauId, ref.clientId, filter.statementId ?? null, filter.bankAccount ?? null, filter.from ?? null, filter.to ?? null],
      )
    ).map(transactionFromRow);
  }

  async addVoucher(ref: ClientRef, voucher: NewVoucher): Promise<VoucherRecord> {
    return (await this.addVouchers(ref, [voucher]))[0] as VoucherRecord;
  }

  async addVouchers(ref: ClientRef, vouchers: readonly NewVoucher[]): Promise<readonly VoucherRecord[]> {
    this.#checkWrite();
    // The client row lock (write transaction) makes the next numbers safe: one writer per client.
    await this.#requireClient(ref);
    checkNewVouchers(vouchers);
    if (vouchers.length === 0) return [];
    const rows: VoucherRowData[][] = vouchers.map((v) => v.rows.map((r) => (r.text === undefined ? { account: r.account, amount: r.amount } : { account: r.account, amount: r.amount, text: r.text })));
    const col = <T>(f: (v: NewVoucher) => T): T[] => vouchers.map(f);
    const bankAccounts = col((v) => v.bankAccount ?? null);
    const transactionIds = col((v) => v.transactionId ?? null);
    // One round trip for the whole batch: the next numbers of each series in input order, and no
    // row at all when one of the transactions is already booked (all or none).
    // learned_from (schema 9) only when a voucher has it: a schema opened at an earlier version still takes the others.
    const learned = vouchers.some((v) => v.learnedFrom !== undefined);
    const inserted = await this.#q(
      `WITH v AS (
         SELECT * FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[]${learned ? ', $10::text[]' : ''})
                WITH ORDINALITY AS v(series, date, text, rows, bank_account, transaction_id, confirmed_at${learned ? ', learned_from' : ''}, ord)
       ), last AS (
         -- One primary-key probe per series (max of an index prefix), not a scan of the client's vouchers.
         SELECT s.series, (SELECT max(x.number) FROM §.vouchers x WHERE x.bureau_id = $1 AND x.client_id = $2 AND x.series = s.series) AS n
           FROM (SELECT DISTINCT series FROM v) AS s
       )
       INSERT INTO §.vouchers (bureau_id, client_id, series, number, date, text, rows, bank_account, transaction_id, confirmed_at${learned ? ', learned_from' : ''})
       SELECT $1, $2, v.series, coalesce(last.n, 0) + row_number() OVER (PARTITION BY v.series ORDER BY v.ord),
              v.date, v.text, v.rows::jsonb, v.bank_account, v.transaction_id, v.confirmed_at${learned ? ', v.learned_from::jsonb' : ''}
         FROM v LEFT JOIN last ON last.series = v.series
        WHERE NOT EXISTS (
                SELECT 1 FROM v AS w JOIN §.vouchers b
                    ON b.bureau_id = $1 AND b.client_id = $2 AND b.bank_account = w.bank_account
                   AND b.transaction_id = w.transaction_id AND b.transaction_id IS NOT NULL)
        ORDER BY v.ord
       ON CONFLICT (bureau_id, client_id, bank_account, transaction_id) WHERE transaction_id IS NOT NULL DO NOTHING
       RETURNING series, number`,
      [
        ref.bureauId,
        ref.clientId,
        col((v) => v.series),
        col((v) => v.date),
        col((v) => v.text),
        rows.map((r) => JSON.stringify(r)),
        bankAccounts,
        transactionIds,
        col((v) => v.confirmedAt),
        ...(learned ? [col((v) => (v.learnedFrom === undefined ? null : JSON.stringify(learnedFromOf(v.learnedFrom))))] : []),
      ],
    );
    if (inserted.length !== vouchers.length) {
      const e = await this.#one(
        `SELECT k.bank_account, k.id, b.series, b.number
           FROM unnest($3::text[], $4::text[]) WITH ORDINALITY AS k(bank_account, id, ord)
           JOIN §.vouchers b ON b.bureau_id = $1 AND b.client_id = $2 AND b.bank_account = k.bank_account AND b.transaction_id = k.id
          ORDER BY k.ord LIMIT 1`,
        [ref.bureauId, ref.clientId, bankAccounts, transactionIds],
      );
      throw new ConflictError(
        e === undefined
          ? 'Transaction already booked: expected unbooked transactions, another writer booked one of them'
          : `Transaction already booked: expected an unbooked transaction, "${str(e, 'id')}" on ${str(e, 'bank_account')} is booked as ${str(e, 'series')}${int(e, 'number')}`,
      );
    }
    // Within a series the numbers follow input order: hand them out in that order.
    const numbers = new Map<string, number[]>();
    for (const r of inserted) {
      const series = str(r, 'series');
      const list = numbers.get(series) ?? [];
      list.push(int(r, 'number'));
      numbers.set(series, list);
    }
    for (const list of numbers.values()) list.sort((a, b) => b - a);
    return vouchers.map((voucher, i) => {
      const record: { -readonly [K in keyof VoucherRecord]: VoucherRecord[K] } = {
        clientId: ref.clientId,
        series: voucher.series,
        number: numbers.get(voucher.series)?.pop() ?? 0,
        date: voucher.date,
        text: voucher.text,
        rows: rows[i] ?? [],
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
    await this.#requireClient(ref);
    return (
      await this.#q(
        `SELECT * FROM §.vouchers
          WHERE bureau_id = $1 AND client_id = $2 AND ($3::text IS NULL OR series = $3)
            AND ($4::text IS NULL OR date >= $4) AND ($5::text IS NULL OR date <= $5)
          ORDER BY series, number`,
        [ref.bureauId, ref.clientId, filter.series ?? null, filter.from ?? null, filter.to ?? null],
      )
    ).map(voucherFromRow);
  }

  async setLearnedFrom(ref: ClientRef, updates: readonly VoucherLearnedFrom[]): Promise<void> {
    this.#checkWrite();
    await this.#requireClient(ref);
    if (updates.length === 0) return;
    const changed = await this.#q(
      `UPDATE §.vouchers AS v SET learned_from = u.learned_from
         FROM unnest($3::text[], $4::int[], $5::jsonb[]) AS u(series, number, learned_from)
        WHERE v.bureau_id = $1 AND v.client_id = $2 AND v.series = u.series AND v.number = u.number
        RETURNING v.series, v.number`,
      [ref.bureauId, ref.clientId, updates.map((u) => u.series), updates.map((u) => u.number), updates.map((u) => JSON.stringify(learnedFromOf(u.learnedFrom)))],
    );
    // A voucher that is not stored: refused, and the statement's writes go with the transaction.
    const found = new Set(changed.map((r) => `${String(r['series'])}\u0000${String(r['number'])}`));
    const missing = updates.find((u) => !found.has(`${u.series}\u0000${u.number}`));
    if (missing !== undefined) throw notFoundVoucher(ref, missing);
  }

  async replaceVoucher(ref: ClientRef, voucher: VoucherReplacement): Promise<VoucherRecord> {
    this.#checkWrite();
    await this.#requireClient(ref);
    checkVoucherReplacement(voucher);
    const rows: VoucherRowData[] = voucher.rows.map((r) => (r.text === undefined ? { account: r.account, amount: r.amount } : { account: r.account, amount: r.amount, text: r.text }));
    // One statement: the voucher's row (its rows are a jsonb column of it) changes whole, or not at all.
    const row = await this.#one(
      `UPDATE §.vouchers SET date = $5, text = $6, rows = $7::jsonb, confirmed_at = $8, learned_from = $9::jsonb
        WHERE bureau_id = $1 AND client_id = $2 AND series = $3 AND number = $4
        RETURNING *`,
      [
        ref.bureauId,
        ref.clientId,
        voucher.series,
        voucher.number,
        voucher.date,
        voucher.text,
        JSON.stringify(rows),
        voucher.confirmedAt,
        voucher.learnedFrom === undefined ? null : JSON.stringify(learnedFromOf(voucher.learnedFrom)),
      ],
    );
    if (row === undefined) throw notFoundVoucher(ref, voucher);
    return voucherFromRow(row);
  }

  async getVoucherForTransaction(ref: ClientRef, key: TransactionKey): Promise<VoucherRecord | undefined> {
    return (await this.getVouchersForTransactions(ref, [key]))[0];
  }

  async getVouchersForTransactions(ref: ClientRef, keys: readonly TransactionKey[]): Promise<readonly VoucherRecord[]> {
    this.#check();
    await this.#requireClient(ref);
    return this.#byTransactionKeys(ref, keys, 'vouchers', 'transaction_id', voucherFromRow);
  }

  async markTransactions(ref: ClientRef, marks: readonly TransactionMark[]): Promise<void> {
    this.#checkWrite();
    await this.#requireClient(ref);
    if (marks.length === 0) return;
    const col = <T>(f: (m: TransactionMark) => T): T[] => marks.map(f);
    const updated = await this.#q(
      `UPDATE §.transactions AS x SET booked_voucher = m.voucher, booked_series = m.series, booked_number = m.number
         FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS m(bank_account, id, voucher, series, number)
        WHERE x.bureau_id = $1 AND x.client_id = $2 AND x.bank_account = m.bank_account AND x.id = m.id
        RETURNING x.bank_account, x.id`,
      [
        ref.bureauId,
        ref.clientId,
        col((m) => m.bankAccount),
        col((m) => m.id),
        col((m) => m.booked?.voucher ?? null),
        col((m) => m.booked?.series ?? null),
        col((m) => m.booked?.number ?? null),
      ],
    );
    const done = new Set(updated.map((r) => `${str(r, 'bank_account')}\u0000${str(r, 'id')}`));
    // Inside the caller's transaction: the error rolls the updates back with everything else.
    for (const m of marks) if (!done.has(`${m.bankAccount}\u0000${m.id}`)) throw notFoundTransaction(m);
  }

  async putLedgerVouchers(ref: ClientRef, vouchers: readonly LedgerVoucher[]): Promise<void> {
    this.#checkWrite();
    await this.#requireClient(ref);
    for (const v of vouchers) checkLedgerVoucher(v);
    if (vouchers.length === 0) return;
    await this.#q(
      `INSERT INTO §.ledger_vouchers (bureau_id, client_id, id, date, data)
       SELECT $1, $2, v.id, v.date, v.data FROM unnest($3::text[], $4::text[], $5::jsonb[]) AS v(id, date, data)
       ON CONFLICT (bureau_id, client_id, id) DO UPDATE SET date = excluded.date, data = excluded.data`,
      [ref.bureauId, ref.clientId, vouchers.map((v) => v.id), vouchers.map((v) => v.date), vouchers.map((v) => JSON.stringify(v))],
    );
  }

  async listLedgerVouchers(ref: ClientRef): Promise<readonly LedgerVoucher[]> {
    this.#check();
    await this.#requireClient(ref);
    return (await this.#q('SELECT id, data FROM §.ledger_vouchers WHERE bureau_id = $1 AND client_id = $2 ORDER BY date, id', [ref.bureauId, ref.clientId])).map((r) =>
      ledgerVoucherFromRow(r, r['data']),
    );
  }

  async getProfiles(ref: ClientRef, keys?: readonly string[]): Promise<readonly ProfileRecord[]> {
    this.#check();
    await this.#requireClient(ref);
    if (keys === undefined) {
      return (await this.#q('SELECT data FROM §.profiles WHERE bureau_id = $1 AND client_id = $2 ORDER BY key', [ref.bureauId, ref.clientId])).map(profileFromRow);
    }
    if (keys.length === 0) return [];
    return (
      await this.#q('SELECT data FROM §.profiles WHERE bureau_id = $1 AND client_id = $2 AND key = ANY($3::text[]) ORDER BY key', [
        ref.bureauId,
        ref.clientId,
        [...new Set(keys)],
      ])
    ).map(profileFromRow);
  }

  async getBureauProfiles(bureauId: string, keys: readonly string[]): Promise<readonly ProfileRecord[]> {
    this.#check();
    await this.#requireBureau(bureauId);
    const unique = [...new Set(keys)];
    if (unique.length === 0) return [];
    // What learning reads for these keys must not change under it until it has written.
    await this.#lockKeys(bureauId, unique);
    return (
      await this.#q('SELECT data FROM §.profiles WHERE bureau_id = $1 AND key = ANY($2::text[]) ORDER BY key, client_id', [bureauId, unique])
    ).map(profileFromRow);
  }

  async getBureauRecords(bureauId: string, keys?: readonly string[]): Promise<readonly BureauKnowledgeRecord[]> {
    this.#check();
    await this.#requireBureau(bureauId);
    if (keys !== undefined && keys.length === 0) return [];
    const rows =
      keys === undefined
        ? await this.#q(`${BUREAU_RECORD_SELECT} WHERE r.bureau_id = $1 GROUP BY r.bureau_id, r.key, r.template_id ORDER BY r.key, r.template_id`, [bureauId])
        : await this.#q(`${BUREAU_RECORD_SELECT} WHERE r.bureau_id = $1 AND r.key = ANY($2::text[]) GROUP BY r.bureau_id, r.key, r.template_id ORDER BY r.key, r.template_id`, [
            bureauId,
            [...new Set(keys)],
          ]);
    return rows.map(bureauRecordFromRow);
  }

  async getNetworkRecords(keys: readonly string[]): Promise<readonly NetworkRecord[]> {
    this.#check();
    if (keys.length === 0) return [];
    return (await this.#q(`SELECT * FROM §.network_records WHERE key = ANY($1::text[]) ${NETWORK_ORDER}`, [[...new Set(keys)]])).map(networkFromRow);
  }

  async getNetworkCandidates(bureauId: string, keys: readonly string[]): Promise<readonly NetworkRecord[]> {
    this.#check();
    await this.#requireBureau(bureauId);
    if (keys.length === 0) return [];
    return (
      await this.#q(
        `SELECT key, direction, account, vat_mode, vat_rate, 1 AS bureaus, clients FROM §.network_candidates
          WHERE bureau_id = $1 AND key = ANY($2::text[]) ${NETWORK_ORDER}`,
        [bureauId, [...new Set(keys)]],
      )
    ).map(networkFromRow);
  }

  async listNetworkRecords(): Promise<readonly NetworkRecord[]> {
    this.#check();
    return (await this.#q(`SELECT * FROM §.network_records ${NETWORK_ORDER}`)).map(networkFromRow);
  }

  async applyKnowledge(bureauId: string, changes: KnowledgeChanges, base: KnowledgeBase, minBureaus: number = DEFAULT_MIN_BUREAUS): Promise<void> {
    this.#checkWrite();
    checkMinBureaus(minBureaus);
    if ((await this.#one('SELECT 1 FROM §.bureaus WHERE id = $1 FOR KEY SHARE', [bureauId])) === undefined) throw notFoundBureau(bureauId);
    // Which of the named clients are this bureau's: one bureau-scoped query.
    const named = new Set<string>();
    for (const p of changes.putProfiles) named.add(p.clientId);
    for (const d of changes.deleteProfiles) named.add(d.clientId);
    for (const b of changes.putBureau) for (const c of b.clients) named.add(c);
    const own = new Set(
      named.size === 0
        ? []
        : (await this.#q('SELECT id FROM §.clients WHERE bureau_id = $1 AND id = ANY($2::text[])', [bureauId, [...named]])).map((r) => str(r, 'id')),
    );
    checkKnowledgeChanges(bureauId, changes, base, (clientId) => (own.has(clientId) ? bureauId : undefined));

    const keys = new Set<string>();
    for (const p of changes.putProfiles) keys.add(p.key);
    for (const d of changes.deleteProfiles) keys.add(d.key);
    for (const b of changes.putBureau) keys.add(b.key);
    for (const d of changes.deleteBureau) keys.add(d.key);
    for (const n of changes.putNetwork) keys.add(n.key);
    for (const n of changes.deleteNetwork) keys.add(n.key);
    await this.#lockKeys(bureauId, keys);

    // Profiles: deletes, then puts (last put of an identity wins).
    if (changes.deleteProfiles.length > 0) {
      await this.#q(
        `DELETE FROM §.profiles p USING unnest($2::text[], $3::text[]) AS d(client_id, key)
          WHERE p.bureau_id = $1 AND p.client_id = d.client_id AND p.key = d.key`,
        [bureauId, changes.deleteProfiles.map((d) => d.clientId), changes.deleteProfiles.map((d) => d.key)],
      );
    }
    const puts = [...new Map(changes.putProfiles.map((p) => [`${p.clientId}\u0000${p.key}`, p])).values()].sort(
      (a, b) => compareText(a.clientId, b.clientId) || compareText(a.key, b.key),
    );
    if (puts.length > 0) {
      await this.#q(
        `INSERT INTO §.profiles (bureau_id, client_id, key, data)
         SELECT $1, p.client_id, p.key, p.data::jsonb FROM unnest($2::text[], $3::text[], $4::text[]) AS p(client_id, key, data)
         ON CONFLICT (bureau_id, client_id, key) DO UPDATE SET data = excluded.data`,
        [bureauId, puts.map((p) => p.clientId), puts.map((p) => p.key), puts.map((p) => JSON.stringify(p))],
      );
    }

    // Bureau records: membership rows move by (target − base); a record's shape follows its put.
    const shapes = new Map<string, BureauKnowledgeRecord>();
    const join: [string, string, string][] = [];
    const leave: [string, string, string][] = [];
    const touched = new Map<string, [string, string]>();
    for (const step of bureauSteps(changes, base)) {
      const templateId = step.id.slice(step.key.length + 1);
      touched.set(step.id, [step.key, templateId]);
      const had = new Set(step.base?.clients ?? []);
      const wants = new Set(step.target?.clients ?? []);
      if (step.target !== undefined) shapes.set(step.id, step.target);
      for (const c of step.target?.clients ?? []) if (!had.has(c)) join.push([step.key, templateId, c]);
      for (const c of had) if (!wants.has(c)) leave.push([step.key, templateId, c]);
    }
    if (shapes.size > 0) {
      const list = [...shapes.values()].sort((a, b) => compareText(a.key, b.key) || compareText(a.templateId, b.templateId));
      await this.#q(
        `INSERT INTO §.bureau_records (bureau_id, key, template_id, data)
         SELECT $1, r.key, r.template_id, r.data::jsonb FROM unnest($2::text[], $3::text[], $4::text[]) AS r(key, template_id, data)
         ON CONFLICT (bureau_id, key, template_id) DO UPDATE SET data = excluded.data`,
        [
          bureauId,
          list.map((r) => r.key),
          list.map((r) => r.templateId),
          list.map((r) => {
            const { clients: _clients, ...shape } = r;
            return JSON.stringify(shape);
          }),
        ],
      );
    }
    if (leave.length > 0) {
      await this.#q(
        `DELETE FROM §.bureau_record_clients m USING unnest($2::text[], $3::text[], $4::text[]) AS l(key, template_id, client_id)
          WHERE m.bureau_id = $1 AND m.key = l.key AND m.template_id = l.template_id AND m.client_id = l.client_id`,
        [bureauId, leave.map((l) => l[0]), leave.map((l) => l[1]), leave.map((l) => l[2])],
      );
    }
    if (join.length > 0) {
      // Only into records that exist (a put made them); the ordinality keeps the clients' order.
      await this.#q(
        `INSERT INTO §.bureau_record_clients (bureau_id, key, template_id, client_id)
         SELECT $1, j.key, j.template_id, j.client_id
           FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS j(key, template_id, client_id, ord)
          WHERE EXISTS (SELECT 1 FROM §.bureau_records r WHERE r.bureau_id = $1 AND r.key = j.key AND r.template_id = j.template_id)
          ORDER BY j.ord
         ON CONFLICT DO NOTHING`,
        [bureauId, join.map((j) => j[0]), join.map((j) => j[1]), join.map((j) => j[2])],
      );
    }
    if (touched.size > 0) {
      const t = [...touched.values()];
      await this.#deleteEmptyBureauRecords(bureauId, t.map((x) => x[0]), t.map((x) => x[1]));
    }

    // The bureau's own candidates: increments by (target − base) in one upsert, in a fixed order;
    // candidates whose count reaches zero are removed. The (bureau, key) locks above keep them exact.
    const deltas = new Map<string, { identity: NetworkRecordKey; clients: number }>();
    for (const step of networkSteps(changes, base)) {
      const d = deltas.get(step.id) ?? { identity: step.identity, clients: 0 };
      d.clients += (step.target?.clients ?? 0) - (step.base?.clients ?? 0);
      deltas.set(step.id, d);
    }
    const mappings = [...deltas.values()].sort((a, b) => compareNetwork(a.identity, b.identity));
    if (mappings.length === 0) return;
    const cols = [
      mappings.map((m) => m.identity.key),
      mappings.map((m) => m.identity.direction),
      mappings.map((m) => m.identity.account),
      mappings.map((m) => m.identity.vatMode),
      mappings.map((m) => m.identity.vatRate),
    ];
    const moves = mappings.filter((d) => d.clients !== 0);
    if (moves.length > 0) {
      await this.#q(
        `INSERT INTO §.network_candidates AS n (bureau_id, key, direction, account, vat_mode, vat_rate, clients)
         SELECT $1, d.key, d.direction, d.account, d.vat_mode, d.vat_rate, d.clients
           FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::int[]) WITH ORDINALITY
                AS d(key, direction, account, vat_mode, vat_rate, clients, ord)
          ORDER BY d.ord
         ON CONFLICT (bureau_id, key, direction, account, vat_mode, vat_rate)
         DO UPDATE SET clients = n.clients + excluded.clients`,
        [
          bureauId,
          moves.map((m) => m.identity.key),
          moves.map((m) => m.identity.direction),
          moves.map((m) => m.identity.account),
          moves.map((m) => m.identity.vatMode),
          moves.map((m) => m.identity.vatRate),
          moves.map((m) => m.clients),
        ],
      );
      await this.#q(
        `DELETE FROM §.network_candidates n USING unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::int[]) AS d(key, direction, account, vat_mode, vat_rate)
          WHERE n.bureau_id = $1 AND n.key = d.key AND n.direction = d.direction AND n.account = d.account AND n.vat_mode = d.vat_mode AND n.vat_rate = d.vat_rate
            AND n.clients <= 0`,
        [bureauId, ...cols],
      );
    }
    // Sharing is decided across bureaus: a lock per key (for every bureau, in hash order) makes
    // each transaction count the candidates the others committed before it.
    await this.#lockKeys(NETWORK_LOCK, cols[0] as string[]);
    await this.#q(
      `WITH d AS (SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[]) AS d(key, direction, account, vat_mode, vat_rate)),
            held AS (SELECT d.key, d.direction, d.account, d.vat_mode, d.vat_rate, count(c.bureau_id) AS bureaus, coalesce(sum(c.clients), 0) AS clients
                       FROM d LEFT JOIN §.network_candidates c
                         ON c.key = d.key AND c.direction = d.direction AND c.account = d.account AND c.vat_mode = d.vat_mode AND c.vat_rate = d.vat_rate
                      GROUP BY d.key, d.direction, d.account, d.vat_mode, d.vat_rate),
            gone AS (DELETE FROM §.network_records n USING held h
                      WHERE h.bureaus < $6 AND n.key = h.key AND n.direction = h.direction AND n.account = h.account AND n.vat_mode = h.vat_mode AND n.vat_rate = h.vat_rate)
       INSERT INTO §.network_records AS n (key, direction, account, vat_mode, vat_rate, bureaus, clients)
       SELECT key, direction, account, vat_mode, vat_rate, bureaus, clients FROM held WHERE bureaus >= $6
        ORDER BY key, direction, account, vat_mode, vat_rate
       ON CONFLICT (key, direction, account, vat_mode, vat_rate) DO UPDATE SET bureaus = excluded.bureaus, clients = excluded.clients`,
      [...cols, minBureaus],
    );
  }

  async putOpenItems(ref: ClientRef, items: readonly OpenItem[]): Promise<void> {
    this.#checkWrite();
    await this.#requireClient(ref);
    checkOpenItems(items);
    if (items.length === 0) return;
    // One statement for the whole batch, whatever its size.
    await this.#q(
      `INSERT INTO §.open_items (bureau_id, client_id, id, date, open, data)
       SELECT $1, $2, i.id, i.date, i.open, i.data
         FROM unnest($3::text[], $4::text[], $5::bigint[], $6::jsonb[]) AS i(id, date, open, data)
       ON CONFLICT (bureau_id, client_id, id) DO UPDATE SET date = excluded.date, open = excluded.open, data = excluded.data`,
      [ref.bureauId, ref.clientId, items.map((i) => i.id), items.map((i) => i.date), items.map((i) => i.open), items.map((i) => JSON.stringify(i))],
    );
  }

  async listOpenItems(ref: ClientRef, filter: OpenItemFilter = {}): Promise<readonly OpenItem[]> {
    this.#check();
    await this.#requireClient(ref);
    const onlyOpen = filter.open === true ? ' AND open > 0' : '';
    return (
      await this.#q(`SELECT id, open, data FROM §.open_items WHERE bureau_id = $1 AND client_id = $2${onlyOpen} ORDER BY date, id`, [ref.bureauId, ref.clientId])
    ).map(openItemFromRow);
  }

  async deleteOpenItems(ref: ClientRef, ids: readonly string[]): Promise<number> {
    this.#checkWrite();
    await this.#requireClient(ref);
    if (ids.length === 0) return 0;
    const rows = await this.#q('DELETE FROM §.open_items WHERE bureau_id = $1 AND client_id = $2 AND id = ANY($3::text[]) RETURNING id', [
      ref.bureauId,
      ref.clientId,
      [...new Set(ids)],
    ]);
    return rows.length;
  }

  async putPendingSettlements(ref: ClientRef, pending: readonly PendingSettlement[]): Promise<void> {
    this.#checkWrite();
    await this.#requireClient(ref);
    checkPendingSettlements(pending);
    if (pending.length === 0) return;
    await this.#q(
      `INSERT INTO §.pending_settlements (bureau_id, client_id, id, date, data)
       SELECT $1, $2, p.id, p.date, p.data FROM unnest($3::text[], $4::text[], $5::jsonb[]) AS p(id, date, data)
       ON CONFLICT (bureau_id, client_id, id) DO UPDATE SET date = excluded.date, data = excluded.data`,
      [ref.bureauId, ref.clientId, pending.map((p) => p.id), pending.map((p) => p.voucher.date), pending.map((p) => JSON.stringify(p))],
    );
  }

  async listPendingSettlements(ref: ClientRef): Promise<readonly PendingSettlement[]> {
    this.#check();
    await this.#requireClient(ref);
    return (await this.#q('SELECT data FROM §.pending_settlements WHERE bureau_id = $1 AND client_id = $2 ORDER BY date, id', [ref.bureauId, ref.clientId])).map((r) =>
      obj<PendingSettlement>(r, 'data', 'pending settlement'),
    );
  }

  async deletePendingSettlements(ref: ClientRef, ids: readonly string[]): Promise<number> {
    this.#checkWrite();
    await this.#requireClient(ref);
    if (ids.length === 0) return 0;
    const rows = await this.#q('DELETE FROM §.pending_settlements WHERE bureau_id = $1 AND client_id = $2 AND id = ANY($3::text[]) RETURNING id', [
      ref.bureauId,
      ref.clientId,
      [...new Set(ids)],
    ]);
    return rows.length;
  }

  async putFiscalYears(ref: ClientRef, years: readonly KnownFiscalYear[]): Promise<void> {
    this.#checkWrite();
    await this.#requireClient(ref);
    checkKnownFiscalYears(years);
    if (years.length === 0) return;
    await this.#q(
      `INSERT INTO §.fiscal_years (bureau_id, client_id, start, "end", source)
       SELECT $1, $2, * FROM unnest($3::text[], $4::text[], $5::text[])
       ON CONFLICT (bureau_id, client_id, start) DO UPDATE SET "end" = excluded."end", source = excluded.source`,
      [ref.bureauId, ref.clientId, years.map((y) => y.start), years.map((y) => y.end), years.map((y) => y.source)],
    );
  }

  async listFiscalYears(ref: ClientRef): Promise<readonly KnownFiscalYear[]> {
    this.#check();
    await this.#requireClient(ref);
    return (await this.#q('SELECT start, "end", source FROM §.fiscal_years WHERE bureau_id = $1 AND client_id = $2 ORDER BY start', [ref.bureauId, ref.clientId])).map((r) =>
      fiscalYearFromRow(r),
    );
  }

  async deleteFiscalYears(ref: ClientRef, starts: readonly string[]): Promise<number> {
    this.#checkWrite();
    await this.#requireClient(ref);
    const rows = await this.#q('DELETE FROM §.fiscal_years WHERE bureau_id = $1 AND client_id = $2 AND start = ANY($3::text[]) RETURNING start', [
      ref.bureauId,
      ref.clientId,
      [...new Set(starts)],
    ]);
    return rows.length;
  }

  async exportClient(ref: ClientRef): Promise<ClientData> {
    this.#check();
    const client = await this.#client(ref);
    const bureauRecords = (
      await this.#q(
        `${BUREAU_RECORD_SELECT}
          WHERE r.bureau_id = $1 AND EXISTS (SELECT 1 FROM §.bureau_record_clients x
                                              WHERE x.bureau_id = r.bureau_id AND x.key = r.key AND x.template_id = r.template_id AND x.client_id = $2)
          GROUP BY r.bureau_id, r.key, r.template_id ORDER BY r.key, r.template_id`,
        [ref.bureauId, ref.clientId],
      )
    ).map(bureauRecordFromRow);
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

export { POSTGRES_SCHEMA_VERSION };

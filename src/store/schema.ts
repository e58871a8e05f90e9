/**
 * The SQL schema of the SQLite store as ordered migrations. The file's `PRAGMA user_version` is the
 * number of the last migration applied; opening a file runs the missing ones, in order, inside one
 * write transaction. A file with a higher version than {@link SQLITE_SCHEMA_VERSION} was written by a
 * newer kontera and is refused.
 *
 * Rules for adding a migration: never edit a shipped one, append a new one with the next version,
 * and keep each one safe to run on a file that other processes have open (no `VACUUM`).
 *
 * @module
 */
import { DEFAULT_MIN_BUREAUS, rebuildAggregates } from '../knowledge/network.js';
import type { ProfileRecord } from '../knowledge/types.js';
import type { SqliteDatabase } from './sqlite.js';

/** One schema step: applying all steps up to `version` gives a file of that version. */
export interface SqliteMigration {
  readonly version: number;
  readonly description: string;
  readonly sql: string;
  /** Runs after `sql`, in the same transaction, for what SQL alone cannot compute. */
  readonly run?: ((db: SqliteDatabase) => void) | undefined;
}

/**
 * `PRAGMA application_id` of a kontera database ("KONT" in ASCII), so that a file written by some
 * other program is refused instead of being migrated.
 */
export const KONTERA_APPLICATION_ID = 0x4b4f4e54;

/** The migrations, oldest first. */
export const SQLITE_MIGRATIONS: readonly SqliteMigration[] = Object.freeze([
  {
    version: 1,
    description: 'bureaus, clients, statements, transactions, vouchers, knowledge records',
    sql: `
      CREATE TABLE bureaus (
        id   TEXT PRIMARY KEY,
        name TEXT NOT NULL
      ) STRICT;

      -- settings: the client's resolved settings as JSON (bank accounts, series, chart, review, …)
      CREATE TABLE clients (
        id        TEXT PRIMARY KEY,
        bureau_id TEXT NOT NULL REFERENCES bureaus (id) ON DELETE CASCADE,
        name      TEXT NOT NULL,
        settings  TEXT NOT NULL
      ) STRICT;
      CREATE INDEX clients_by_bureau ON clients (bureau_id, id);

      CREATE TABLE statements (
        client_id    TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
        id           TEXT NOT NULL,
        bank_account TEXT NOT NULL,
        imported_at  TEXT NOT NULL,
        data         TEXT NOT NULL,
        PRIMARY KEY (client_id, id)
      ) STRICT;

      -- One row per bank line; (client, bank account, id) is the identity that makes import idempotent.
      -- seq keeps insertion order (file order) for lines with the same date.
      CREATE TABLE transactions (
        seq          INTEGER PRIMARY KEY,
        client_id    TEXT NOT NULL,
        bank_account TEXT NOT NULL,
        id           TEXT NOT NULL,
        statement_id TEXT NOT NULL,
        line         INTEGER NOT NULL,
        date         TEXT NOT NULL,
        value_date   TEXT,
        amount       INTEGER NOT NULL,
        balance      INTEGER,
        text         TEXT NOT NULL,
        reference    TEXT,
        counterparty TEXT,
        kind         TEXT,
        currency     TEXT,
        pending      INTEGER,
        UNIQUE (client_id, bank_account, id),
        FOREIGN KEY (client_id, statement_id) REFERENCES statements (client_id, id) ON DELETE CASCADE
      ) STRICT;
      CREATE INDEX transactions_by_date ON transactions (client_id, date, bank_account, seq);
      CREATE INDEX transactions_by_statement ON transactions (client_id, statement_id);

      -- rows: the voucher rows as JSON [{account, amount, text?}], amounts in öre.
      CREATE TABLE vouchers (
        client_id      TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
        series         TEXT NOT NULL,
        number         INTEGER NOT NULL,
        date           TEXT NOT NULL,
        text           TEXT NOT NULL,
        rows           TEXT NOT NULL,
        bank_account   TEXT,
        transaction_id TEXT,
        confirmed_at   TEXT NOT NULL,
        PRIMARY KEY (client_id, series, number)
      ) STRICT;
      CREATE UNIQUE INDEX vouchers_by_transaction ON vouchers (client_id, bank_account, transaction_id)
        WHERE transaction_id IS NOT NULL;
      CREATE INDEX vouchers_by_date ON vouchers (client_id, date);

      -- Knowledge records of the engine (src/knowledge/types.ts), one JSON document per identity.
      CREATE TABLE profiles (
        client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
        key       TEXT NOT NULL,
        data      TEXT NOT NULL,
        PRIMARY KEY (client_id, key)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE bureau_records (
        bureau_id   TEXT NOT NULL REFERENCES bureaus (id) ON DELETE CASCADE,
        key         TEXT NOT NULL,
        template_id TEXT NOT NULL,
        data        TEXT NOT NULL,
        PRIMARY KEY (bureau_id, key, template_id)
      ) STRICT, WITHOUT ROWID;

      -- Anonymous counts only: no bureau or client id, no amount, date or text.
      CREATE TABLE network_records (
        key       TEXT NOT NULL,
        direction TEXT NOT NULL,
        account   TEXT NOT NULL,
        vat_mode  TEXT NOT NULL,
        vat_rate  INTEGER NOT NULL,
        bureaus   INTEGER NOT NULL,
        clients   INTEGER NOT NULL,
        PRIMARY KEY (key, direction, account, vat_mode, vat_rate)
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    description: 'transactions.counterparty_account: the other party\'s account, bankgiro or plusgiro number',
    sql: `
      ALTER TABLE transactions ADD COLUMN counterparty_account TEXT;
    `,
  },
  {
    version: 3,
    description: 'ledger_vouchers: bank vouchers of the client\'s own books learned from SIE; transactions.booked_*: the one that books a line',
    sql: `
      -- data: the ledger voucher (src/store/store.ts LedgerVoucher); id: fiscal year, series, number.
      CREATE TABLE ledger_vouchers (
        client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
        id        TEXT NOT NULL,
        date      TEXT NOT NULL,
        data      TEXT NOT NULL,
        PRIMARY KEY (client_id, id)
      ) STRICT;
      CREATE INDEX ledger_vouchers_by_date ON ledger_vouchers (client_id, date, id);

      ALTER TABLE transactions ADD COLUMN booked_voucher TEXT;
      ALTER TABLE transactions ADD COLUMN booked_series TEXT;
      ALTER TABLE transactions ADD COLUMN booked_number TEXT;
    `,
  },
  {
    version: 4,
    description: 'open_items: the open-item ledger (supplier and customer invoices, their settlements)',
    sql: `
      -- data: the item (src/openitems/types.ts OpenItem); open is its open amount in öre, kept as a
      -- column so the open items are read without the settled ones.
      CREATE TABLE open_items (
        client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
        id        TEXT NOT NULL,
        date      TEXT NOT NULL,
        open      INTEGER NOT NULL,
        data      TEXT NOT NULL,
        PRIMARY KEY (client_id, id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX open_items_open ON open_items (client_id, date, id) WHERE open > 0;
    `,
  },
  {
    version: 5,
    description: 'network_candidates: what each bureau holds for the network; network_records only from minBureaus bureaus on',
    sql: `
      -- Bureau-internal: how many of the bureau's clients book a shareable key so. A mapping is
      -- copied into network_records only while at least minBureaus bureaus hold a candidate for it.
      CREATE TABLE network_candidates (
        bureau_id TEXT NOT NULL REFERENCES bureaus (id) ON DELETE CASCADE,
        key       TEXT NOT NULL,
        direction TEXT NOT NULL,
        account   TEXT NOT NULL,
        vat_mode  TEXT NOT NULL,
        vat_rate  INTEGER NOT NULL,
        clients   INTEGER NOT NULL,
        PRIMARY KEY (bureau_id, key, direction, account, vat_mode, vat_rate)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX network_candidates_by_mapping ON network_candidates (key, direction, account, vat_mode, vat_rate);
    `,
    run: candidatesFromProfiles,
  },
  {
    version: 6,
    description: 'client ids scoped by bureau: clients keyed by (bureau_id, id), every client table carries bureau_id',
    sql: `
      -- New tables under temporary names, the rows copied, the old tables dropped (children
      -- first), then renamed: renaming updates the foreign keys that name them.
      CREATE TABLE clients_v6 (
        bureau_id TEXT NOT NULL REFERENCES bureaus (id) ON DELETE CASCADE,
        id        TEXT NOT NULL,
        name      TEXT NOT NULL,
        settings  TEXT NOT NULL,
        PRIMARY KEY (bureau_id, id)
      ) STRICT;
      INSERT INTO clients_v6 (bureau_id, id, name, settings) SELECT bureau_id, id, name, settings FROM clients;

      CREATE TABLE statements_v6 (
        bureau_id    TEXT NOT NULL,
        client_id    TEXT NOT NULL,
        id           TEXT NOT NULL,
        bank_account TEXT NOT NULL,
        imported_at  TEXT NOT NULL,
        data         TEXT NOT NULL,
        PRIMARY KEY (bureau_id, client_id, id),
        FOREIGN KEY (bureau_id, client_id) REFERENCES clients_v6 (bureau_id, id) ON DELETE CASCADE
      ) STRICT;
      INSERT INTO statements_v6 (bureau_id, client_id, id, bank_account, imported_at, data)
        SELECT c.bureau_id, s.client_id, s.id, s.bank_account, s.imported_at, s.data FROM statements s JOIN clients c ON c.id = s.client_id;

      CREATE TABLE transactions_v6 (
        seq                  INTEGER PRIMARY KEY,
        bureau_id            TEXT NOT NULL,
        client_id            TEXT NOT NULL,
        bank_account         TEXT NOT NULL,
        id                   TEXT NOT NULL,
        statement_id         TEXT NOT NULL,
        line                 INTEGER NOT NULL,
        date                 TEXT NOT NULL,
        value_date           TEXT,
        amount               INTEGER NOT NULL,
        balance              INTEGER,
        text                 TEXT NOT NULL,
        reference            TEXT,
        counterparty         TEXT,
        kind                 TEXT,
        currency             TEXT,
        pending              INTEGER,
        counterparty_account TEXT,
        booked_voucher       TEXT,
        booked_series        TEXT,
        booked_number        TEXT,
        UNIQUE (bureau_id, client_id, bank_account, id),
        FOREIGN KEY (bureau_id, client_id, statement_id) REFERENCES statements_v6 (bureau_id, client_id, id) ON DELETE CASCADE
      ) STRICT;
      INSERT INTO transactions_v6 (seq, bureau_id, client_id, bank_account, id, statement_id, line, date, value_date, amount, balance, text,
                                   reference, counterparty, kind, currency, pending, counterparty_account, booked_voucher, booked_series, booked_number)
        SELECT t.seq, c.bureau_id, t.client_id, t.bank_account, t.id, t.statement_id, t.line, t.date, t.value_date, t.amount, t.balance, t.text,
               t.reference, t.counterparty, t.kind, t.currency, t.pending, t.counterparty_account, t.booked_voucher, t.booked_series, t.booked_number
          FROM transactions t JOIN clients c ON c.id = t.client_id;

      CREATE TABLE vouchers_v6 (
        bureau_id      TEXT NOT NULL,
        client_id      TEXT NOT NULL,
        series         TEXT NOT NULL,
        number         INTEGER NOT NULL,
        date           TEXT NOT NULL,
        text           TEXT NOT NULL,
        rows           TEXT NOT NULL,
        bank_account   TEXT,
        transaction_id TEXT,
        confirmed_at   TEXT NOT NULL,
        PRIMARY KEY (bureau_id, client_id, series, number),
        FOREIGN KEY (bureau_id, client_id) REFERENCES clients_v6 (bureau_id, id) ON DELETE CASCADE
      ) STRICT;
      INSERT INTO vouchers_v6 (bureau_id, client_id, series, number, date, text, rows, bank_account, transaction_id, confirmed_at)
        SELECT c.bureau_id, v.client_id, v.series, v.number, v.date, v.text, v.rows, v.bank_account, v.transaction_id, v.confirmed_at
          FROM vouchers v JOIN clients c ON c.id = v.client_id;

      CREATE TABLE profiles_v6 (
        bureau_id TEXT NOT NULL,
        client_id TEXT NOT NULL,
        key       TEXT NOT NULL,
        data      TEXT NOT NULL,
        PRIMARY KEY (bureau_id, client_id, key),
        FOREIGN KEY (bureau_id, client_id) REFERENCES clients_v6 (bureau_id, id) ON DELETE CASCADE
      ) STRICT, WITHOUT ROWID;
      INSERT INTO profiles_v6 (bureau_id, client_id, key, data)
        SELECT c.bureau_id, p.client_id, p.key, p.data FROM profiles p JOIN clients c ON c.id = p.client_id;

      CREATE TABLE ledger_vouchers_v6 (
        bureau_id TEXT NOT NULL,
        client_id TEXT NOT NULL,
        id        TEXT NOT NULL,
        date      TEXT NOT NULL,
        data      TEXT NOT NULL,
        PRIMARY KEY (bureau_id, client_id, id),
        FOREIGN KEY (bureau_id, client_id) REFERENCES clients_v6 (bureau_id, id) ON DELETE CASCADE
      ) STRICT;
      INSERT INTO ledger_vouchers_v6 (bureau_id, client_id, id, date, data)
        SELECT c.bureau_id, l.client_id, l.id, l.date, l.data FROM ledger_vouchers l JOIN clients c ON c.id = l.client_id;

      CREATE TABLE open_items_v6 (
        bureau_id TEXT NOT NULL,
        client_id TEXT NOT NULL,
        id        TEXT NOT NULL,
        date      TEXT NOT NULL,
        open      INTEGER NOT NULL,
        data      TEXT NOT NULL,
        PRIMARY KEY (bureau_id, client_id, id),
        FOREIGN KEY (bureau_id, client_id) REFERENCES clients_v6 (bureau_id, id) ON DELETE CASCADE
      ) STRICT, WITHOUT ROWID;
      INSERT INTO open_items_v6 (bureau_id, client_id, id, date, open, data)
        SELECT c.bureau_id, o.client_id, o.id, o.date, o.open, o.data FROM open_items o JOIN clients c ON c.id = o.client_id;

      DROP TABLE transactions;
      DROP TABLE statements;
      DROP TABLE vouchers;
      DROP TABLE profiles;
      DROP TABLE ledger_vouchers;
      DROP TABLE open_items;
      DROP TABLE clients;
      ALTER TABLE clients_v6 RENAME TO clients;
      ALTER TABLE statements_v6 RENAME TO statements;
      ALTER TABLE transactions_v6 RENAME TO transactions;
      ALTER TABLE vouchers_v6 RENAME TO vouchers;
      ALTER TABLE profiles_v6 RENAME TO profiles;
      ALTER TABLE ledger_vouchers_v6 RENAME TO ledger_vouchers;
      ALTER TABLE open_items_v6 RENAME TO open_items;

      -- A call that names no bureau finds a client by its id alone.
      CREATE INDEX clients_by_id ON clients (id);
      CREATE INDEX transactions_by_date ON transactions (bureau_id, client_id, date, bank_account, seq);
      CREATE INDEX transactions_by_statement ON transactions (bureau_id, client_id, statement_id);
      CREATE UNIQUE INDEX vouchers_by_transaction ON vouchers (bureau_id, client_id, bank_account, transaction_id)
        WHERE transaction_id IS NOT NULL;
      CREATE INDEX vouchers_by_date ON vouchers (bureau_id, client_id, date);
      -- Learning reads the profiles of all the bureau's clients for a few keys.
      CREATE INDEX profiles_by_key ON profiles (bureau_id, key, client_id);
      CREATE INDEX ledger_vouchers_by_date ON ledger_vouchers (bureau_id, client_id, date, id);
      CREATE INDEX open_items_open ON open_items (bureau_id, client_id, date, id) WHERE open > 0;
    `,
  },
  {
    version: 7,
    description: 'pending_settlements: what payments and credit notes had left that no open item took yet',
    sql: `
      -- data: the pending settlement (src/openitems/types.ts PendingSettlement); date is its voucher's.
      CREATE TABLE pending_settlements (
        bureau_id TEXT NOT NULL,
        client_id TEXT NOT NULL,
        id        TEXT NOT NULL,
        date      TEXT NOT NULL,
        data      TEXT NOT NULL,
        PRIMARY KEY (bureau_id, client_id, id),
        FOREIGN KEY (bureau_id, client_id) REFERENCES clients (bureau_id, id) ON DELETE CASCADE
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 8,
    description: 'fiscal_years: the fiscal years learning used, and where each came from',
    sql: `
      -- source: 'rar' (a file's #RAR) and 'stated' (the caller's years) are facts; 'inferred' is a guess.
      CREATE TABLE fiscal_years (
        bureau_id TEXT NOT NULL,
        client_id TEXT NOT NULL,
        start     TEXT NOT NULL,
        end       TEXT NOT NULL,
        source    TEXT NOT NULL CHECK (source IN ('rar', 'stated', 'inferred')),
        PRIMARY KEY (bureau_id, client_id, start),
        FOREIGN KEY (bureau_id, client_id) REFERENCES clients (bureau_id, id) ON DELETE CASCADE
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 9,
    description: 'vouchers.learned_from: the bank line texts a confirmed voucher was learned from, and whether it was a correction (for relearn)',
    sql: `
      -- learned_from: JSON {text, reference?, counterparty?, counterpartyAccount?, correction?}; NULL for vouchers confirmed before.
      ALTER TABLE vouchers ADD COLUMN learned_from TEXT;
    `,
  },
]);

/**
 * Version 5's data step: every bureau's network candidates from its clients' profiles (the source
 * of truth, as `rebuildAggregates` defines them), then the shared network from the candidates,
 * keeping only mappings that at least {@link DEFAULT_MIN_BUREAUS} bureaus hold.
 */
function candidatesFromProfiles(db: SqliteDatabase): void {
  const bureaus = db.prepare('SELECT id FROM bureaus ORDER BY id').all([]) as { id: string }[];
  const profilesOf = db.prepare('SELECT p.data AS data FROM profiles p JOIN clients c ON c.id = p.client_id WHERE c.bureau_id = ?');
  const insert = db.prepare(
    'INSERT INTO network_candidates (bureau_id, key, direction, account, vat_mode, vat_rate, clients) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  for (const { id } of bureaus) {
    const profiles = (profilesOf.all([id]) as { data: string }[]).map((r) => JSON.parse(r.data) as ProfileRecord);
    for (const n of rebuildAggregates(profiles).network) insert.run([id, n.key, n.direction, n.account, n.vatMode, n.vatRate, n.clients]);
  }
  db.prepare('DELETE FROM network_records').run([]);
  db.prepare(
    `INSERT INTO network_records (key, direction, account, vat_mode, vat_rate, bureaus, clients)
     SELECT key, direction, account, vat_mode, vat_rate, count(*), sum(clients) FROM network_candidates
      GROUP BY key, direction, account, vat_mode, vat_rate HAVING count(*) >= ?`,
  ).run([DEFAULT_MIN_BUREAUS]);
}

/** The schema version this kontera writes: the last migration's. */
export const SQLITE_SCHEMA_VERSION: number = SQLITE_MIGRATIONS[SQLITE_MIGRATIONS.length - 1]?.version ?? 0;

/** Every table of the schema, for erasure checks and diagnostics. */
export const SQLITE_TABLES = [
  'bureaus',
  'clients',
  'statements',
  'transactions',
  'vouchers',
  'ledger_vouchers',
  'profiles',
  'bureau_records',
  'network_records',
  'network_candidates',
  'open_items',
  'pending_settlements',
  'fiscal_years',
] as const;
export type SqliteTable = (typeof SQLITE_TABLES)[number];

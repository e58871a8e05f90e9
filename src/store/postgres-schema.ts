/**
 * The SQL schema of the PostgreSQL store as ordered migrations. The table `kontera_schema` in the
 * store's schema (default `kontera`) holds one row per applied migration; opening a store runs the
 * missing ones, in order, inside one transaction that holds an advisory lock, so two app servers
 * starting at once migrate once. A database whose version is higher than
 * {@link POSTGRES_SCHEMA_VERSION} was written by a newer kontera and is refused.
 *
 * `§` in the SQL stands for the quoted schema name.
 *
 * Tenancy is in the keys: every table that holds client data carries `bureau_id` and references
 * `clients (bureau_id, id)`, so every query of such a table is bureau-scoped. Only
 * `network_records` has no bureau or client: it holds anonymous counts, and only of mappings that
 * enough bureaus hold (each bureau's own share waits in `network_candidates` until then).
 *
 * Text columns that are sorted use the "C" collation, so rows come back in code-point order like
 * the memory and SQLite stores return them.
 *
 * Rules for adding a migration: never edit a shipped one, append a new one with the next version.
 *
 * @module
 */
import { DEFAULT_MIN_BUREAUS, rebuildAggregates } from '../knowledge/network.js';
import type { ProfileRecord } from '../knowledge/types.js';

/** Runs one statement of a migration's code step (`§` stands for the schema) and returns its rows. */
export type PostgresMigrationQuery = (sql: string, values?: unknown[]) => Promise<Record<string, unknown>[]>;

/** One schema step: applying all steps up to `version` gives a database of that version. */
export interface PostgresMigration {
  readonly version: number;
  readonly description: string;
  readonly sql: string;
  /** Runs after `sql`, in the same transaction, for what SQL alone cannot compute. */
  readonly run?: ((q: PostgresMigrationQuery) => Promise<void>) | undefined;
}

/**
 * Version 5's data step: every bureau's network candidates from its clients' profiles (the source
 * of truth, as `rebuildAggregates` defines them), then the shared network from the candidates,
 * keeping only mappings that at least {@link DEFAULT_MIN_BUREAUS} bureaus hold.
 */
async function candidatesFromProfiles(q: PostgresMigrationQuery): Promise<void> {
  const bureaus = await q('SELECT id FROM §.bureaus ORDER BY id');
  for (const b of bureaus) {
    const id = String(b['id']);
    const rows = await q('SELECT data FROM §.profiles WHERE bureau_id = $1', [id]);
    const profiles = rows.map((r) => (typeof r['data'] === 'string' ? JSON.parse(r['data']) : r['data']) as ProfileRecord);
    const network = rebuildAggregates(profiles).network;
    if (network.length === 0) continue;
    await q(
      `INSERT INTO §.network_candidates (bureau_id, key, direction, account, vat_mode, vat_rate, clients)
       SELECT $1, n.key, n.direction, n.account, n.vat_mode, n.vat_rate, n.clients
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::int[]) AS n(key, direction, account, vat_mode, vat_rate, clients)`,
      [
        id,
        network.map((n) => n.key),
        network.map((n) => n.direction),
        network.map((n) => n.account),
        network.map((n) => n.vatMode),
        network.map((n) => n.vatRate),
        network.map((n) => n.clients),
      ],
    );
  }
  await q('DELETE FROM §.network_records');
  await q(
    `INSERT INTO §.network_records (key, direction, account, vat_mode, vat_rate, bureaus, clients)
     SELECT key, direction, account, vat_mode, vat_rate, count(*), sum(clients) FROM §.network_candidates
      GROUP BY key, direction, account, vat_mode, vat_rate HAVING count(*) >= $1`,
    [DEFAULT_MIN_BUREAUS],
  );
}

/** The migrations, oldest first. */
export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = Object.freeze([
  {
    version: 1,
    description: 'bureaus, clients, statements, transactions, vouchers, knowledge records',
    sql: `
      CREATE TABLE §.bureaus (
        id   text COLLATE "C" PRIMARY KEY,
        name text NOT NULL
      );

      -- settings: the client's resolved settings (bank accounts, series, chart, review, …)
      CREATE TABLE §.clients (
        id        text COLLATE "C" PRIMARY KEY,
        bureau_id text COLLATE "C" NOT NULL REFERENCES §.bureaus (id) ON DELETE CASCADE,
        name      text NOT NULL,
        settings  jsonb NOT NULL,
        UNIQUE (bureau_id, id)
      );

      -- data: the statement record (src/store/store.ts StatementRow).
      CREATE TABLE §.statements (
        bureau_id    text COLLATE "C" NOT NULL,
        client_id    text COLLATE "C" NOT NULL,
        id           text COLLATE "C" NOT NULL,
        bank_account text COLLATE "C" NOT NULL,
        imported_at  text COLLATE "C" NOT NULL,
        data         jsonb NOT NULL,
        PRIMARY KEY (bureau_id, client_id, id),
        FOREIGN KEY (bureau_id, client_id) REFERENCES §.clients (bureau_id, id) ON DELETE CASCADE
      );

      -- One row per bank line; (client, bank account, id) is the identity that makes import
      -- idempotent. seq keeps insertion order (file order) for lines with the same date.
      -- Amounts are integer öre, dates ISO text.
      CREATE TABLE §.transactions (
        seq          bigint GENERATED ALWAYS AS IDENTITY,
        bureau_id    text COLLATE "C" NOT NULL,
        client_id    text COLLATE "C" NOT NULL,
        bank_account text COLLATE "C" NOT NULL,
        id           text COLLATE "C" NOT NULL,
        statement_id text COLLATE "C" NOT NULL,
        line         integer NOT NULL,
        date         text COLLATE "C" NOT NULL,
        value_date   text,
        amount       bigint NOT NULL,
        balance      bigint,
        text         text NOT NULL,
        reference    text,
        counterparty text,
        kind         text,
        currency     text,
        pending      boolean,
        PRIMARY KEY (bureau_id, client_id, bank_account, id),
        FOREIGN KEY (bureau_id, client_id, statement_id) REFERENCES §.statements (bureau_id, client_id, id) ON DELETE CASCADE
      );
      CREATE INDEX transactions_by_date ON §.transactions (bureau_id, client_id, date, bank_account, seq);
      CREATE INDEX transactions_by_statement ON §.transactions (bureau_id, client_id, statement_id);

      -- rows: the voucher rows [{account, amount, text?}], amounts in öre.
      CREATE TABLE §.vouchers (
        bureau_id      text COLLATE "C" NOT NULL,
        client_id      text COLLATE "C" NOT NULL,
        series         text COLLATE "C" NOT NULL,
        number         integer NOT NULL,
        date           text COLLATE "C" NOT NULL,
        text           text NOT NULL,
        rows           jsonb NOT NULL,
        bank_account   text,
        transaction_id text,
        confirmed_at   text NOT NULL,
        PRIMARY KEY (bureau_id, client_id, series, number),
        FOREIGN KEY (bureau_id, client_id) REFERENCES §.clients (bureau_id, id) ON DELETE CASCADE
      );
      CREATE UNIQUE INDEX vouchers_by_transaction ON §.vouchers (bureau_id, client_id, bank_account, transaction_id)
        WHERE transaction_id IS NOT NULL;
      CREATE INDEX vouchers_by_date ON §.vouchers (bureau_id, client_id, date);

      -- Knowledge records of the engine (src/knowledge/types.ts), one document per identity.
      CREATE TABLE §.profiles (
        bureau_id text COLLATE "C" NOT NULL,
        client_id text COLLATE "C" NOT NULL,
        key       text COLLATE "C" NOT NULL,
        data      jsonb NOT NULL,
        PRIMARY KEY (bureau_id, client_id, key),
        FOREIGN KEY (bureau_id, client_id) REFERENCES §.clients (bureau_id, id) ON DELETE CASCADE
      );
      -- Learning reads the profiles of all the bureau's clients for a few keys.
      CREATE INDEX profiles_by_key ON §.profiles (bureau_id, key, client_id);

      -- A bureau record without its clients; membership is normalised below, so adding or
      -- removing a client is a row insert or delete, never a rewrite of a list.
      CREATE TABLE §.bureau_records (
        bureau_id   text COLLATE "C" NOT NULL REFERENCES §.bureaus (id) ON DELETE CASCADE,
        key         text COLLATE "C" NOT NULL,
        template_id text COLLATE "C" NOT NULL,
        data        jsonb NOT NULL,
        PRIMARY KEY (bureau_id, key, template_id)
      );

      CREATE TABLE §.bureau_record_clients (
        seq         bigint GENERATED ALWAYS AS IDENTITY,
        bureau_id   text COLLATE "C" NOT NULL,
        key         text COLLATE "C" NOT NULL,
        template_id text COLLATE "C" NOT NULL,
        client_id   text COLLATE "C" NOT NULL,
        PRIMARY KEY (bureau_id, key, template_id, client_id),
        FOREIGN KEY (bureau_id, key, template_id) REFERENCES §.bureau_records (bureau_id, key, template_id) ON DELETE CASCADE,
        FOREIGN KEY (bureau_id, client_id) REFERENCES §.clients (bureau_id, id) ON DELETE CASCADE
      );
      CREATE INDEX bureau_record_clients_by_client ON §.bureau_record_clients (bureau_id, client_id);

      -- Anonymous counts only: no bureau or client id, no amount, date or text. Changed only by
      -- increments (INSERT … ON CONFLICT DO UPDATE SET n = n + Δ), never rewritten from JavaScript.
      CREATE TABLE §.network_records (
        key       text COLLATE "C" NOT NULL,
        direction text COLLATE "C" NOT NULL,
        account   text COLLATE "C" NOT NULL,
        vat_mode  text COLLATE "C" NOT NULL,
        vat_rate  integer NOT NULL,
        bureaus   integer NOT NULL,
        clients   integer NOT NULL,
        PRIMARY KEY (key, direction, account, vat_mode, vat_rate)
      );
    `,
  },
  {
    version: 2,
    description: 'transactions.counterparty_account: the other party\'s account, bankgiro or plusgiro number',
    sql: `
      ALTER TABLE §.transactions ADD COLUMN counterparty_account text;
    `,
  },
  {
    version: 3,
    description: 'ledger_vouchers: bank vouchers of the client\'s own books learned from SIE; transactions.booked_*: the one that books a line',
    sql: `
      -- data: the ledger voucher (src/store/store.ts LedgerVoucher); id: fiscal year, series, number.
      CREATE TABLE §.ledger_vouchers (
        bureau_id text COLLATE "C" NOT NULL,
        client_id text COLLATE "C" NOT NULL,
        id        text COLLATE "C" NOT NULL,
        date      text COLLATE "C" NOT NULL,
        data      jsonb NOT NULL,
        PRIMARY KEY (bureau_id, client_id, id),
        FOREIGN KEY (bureau_id, client_id) REFERENCES §.clients (bureau_id, id) ON DELETE CASCADE
      );
      CREATE INDEX ledger_vouchers_by_date ON §.ledger_vouchers (bureau_id, client_id, date, id);

      ALTER TABLE §.transactions ADD COLUMN booked_voucher text;
      ALTER TABLE §.transactions ADD COLUMN booked_series text;
      ALTER TABLE §.transactions ADD COLUMN booked_number text;
    `,
  },
  {
    version: 4,
    description: 'open_items: the open-item ledger (supplier and customer invoices, their settlements)',
    sql: `
      -- data: the item (src/openitems/types.ts OpenItem); open is its open amount in öre.
      CREATE TABLE §.open_items (
        bureau_id text COLLATE "C" NOT NULL,
        client_id text COLLATE "C" NOT NULL,
        id        text COLLATE "C" NOT NULL,
        date      text COLLATE "C" NOT NULL,
        open      bigint NOT NULL,
        data      jsonb NOT NULL,
        PRIMARY KEY (bureau_id, client_id, id),
        FOREIGN KEY (bureau_id, client_id) REFERENCES §.clients (bureau_id, id) ON DELETE CASCADE
      );
      CREATE INDEX open_items_open ON §.open_items (bureau_id, client_id, date, id) WHERE open > 0;
    `,
  },
  {
    version: 5,
    description: 'network_candidates: what each bureau holds for the network; network_records only from minBureaus bureaus on',
    sql: `
      -- Bureau-internal: how many of the bureau's clients book a shareable key so. A mapping is
      -- copied into network_records only while at least minBureaus bureaus hold a candidate for it.
      CREATE TABLE §.network_candidates (
        bureau_id text COLLATE "C" NOT NULL REFERENCES §.bureaus (id) ON DELETE CASCADE,
        key       text COLLATE "C" NOT NULL,
        direction text COLLATE "C" NOT NULL,
        account   text COLLATE "C" NOT NULL,
        vat_mode  text COLLATE "C" NOT NULL,
        vat_rate  integer NOT NULL,
        clients   integer NOT NULL,
        PRIMARY KEY (bureau_id, key, direction, account, vat_mode, vat_rate)
      );
      CREATE INDEX network_candidates_by_mapping ON §.network_candidates (key, direction, account, vat_mode, vat_rate);
    `,
    run: candidatesFromProfiles,
  },
  {
    version: 6,
    description: 'client ids scoped by bureau: clients keyed by (bureau_id, id) alone',
    sql: `
      -- Every client table already references clients (bureau_id, id); only the global key on
      -- the id goes, so two bureaus may each have a client "acme".
      ALTER TABLE §.clients DROP CONSTRAINT clients_pkey;
      -- A call that names no bureau finds a client by its id alone.
      CREATE INDEX clients_by_id ON §.clients (id);
    `,
  },
  {
    version: 7,
    description: 'pending_settlements: what payments and credit notes had left that no open item took yet',
    sql: `
      -- data: the pending settlement (src/openitems/types.ts PendingSettlement); date is its voucher's.
      CREATE TABLE §.pending_settlements (
        bureau_id text COLLATE "C" NOT NULL,
        client_id text COLLATE "C" NOT NULL,
        id        text COLLATE "C" NOT NULL,
        date      text COLLATE "C" NOT NULL,
        data      jsonb NOT NULL,
        PRIMARY KEY (bureau_id, client_id, id),
        FOREIGN KEY (bureau_id, client_id) REFERENCES §.clients (bureau_id, id) ON DELETE CASCADE
      );
    `,
  },
  {
    version: 8,
    description: 'fiscal_years: the fiscal years learning used, and where each came from',
    sql: `
      -- source: 'rar' (a file's #RAR) and 'stated' (the caller's years) are facts; 'inferred' is a guess.
      CREATE TABLE §.fiscal_years (
        bureau_id text COLLATE "C" NOT NULL,
        client_id text COLLATE "C" NOT NULL,
        start     text COLLATE "C" NOT NULL,
        "end"     text COLLATE "C" NOT NULL,
        source    text COLLATE "C" NOT NULL CHECK (source IN ('rar', 'stated', 'inferred')),
        PRIMARY KEY (bureau_id, client_id, start),
        FOREIGN KEY (bureau_id, client_id) REFERENCES §.clients (bureau_id, id) ON DELETE CASCADE
      );
    `,
  },
  {
    version: 9,
    description: 'vouchers.learned_from: the bank line texts a confirmed voucher was learned from, and whether it was a correction (for relearn)',
    sql: `
      -- learned_from: {text, reference?, counterparty?, counterpartyAccount?, correction?}; NULL for vouchers confirmed before.
      ALTER TABLE §.vouchers ADD COLUMN learned_from jsonb;
    `,
  },
]);

/** The schema version this kontera writes: the last migration's. */
export const POSTGRES_SCHEMA_VERSION: number = POSTGRES_MIGRATIONS[POSTGRES_MIGRATIONS.length - 1]?.version ?? 0;

/** Every table of the schema (besides `kontera_schema`), for erasure checks and diagnostics. */
export const POSTGRES_TABLES = [
  'bureaus',
  'clients',
  'statements',
  'transactions',
  'vouchers',
  'ledger_vouchers',
  'profiles',
  'bureau_records',
  'bureau_record_clients',
  'network_records',
  'network_candidates',
  'open_items',
  'pending_settlements',
  'fiscal_years',
] as const;
export type PostgresTable = (typeof POSTGRES_TABLES)[number];

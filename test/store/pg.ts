/**
 * The PostgreSQL test server (started by pg-global-setup.ts, or given as KONTERA_PG_URL) and
 * stores on it. Each harness gets a schema of its own, dropped afterwards, so tests never see each
 * other's rows.
 */
import pg from 'pg';
import { inject } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres.js';
import type { PostgresStore, PostgresStoreOptions } from '../../src/store/postgres.js';
import type { StoreHarness } from './conformance.js';

/** What the global setup provided; outside vitest (child processes) the environment says it. */
function provided(key: 'pgUrl' | 'pgSkipReason'): string {
  try {
    return inject(key);
  } catch {
    return key === 'pgUrl' ? (process.env['KONTERA_PG_URL'] ?? '') : 'not running under vitest and KONTERA_PG_URL is not set';
  }
}

/** Connection string of the test server; '' when none could be started. */
export const PG_URL: string = provided('pgUrl');

/** Why the Postgres tests are skipped ('' when they run). */
export const PG_SKIP_REASON: string = provided('pgSkipReason');

let counter = 0;

/** A schema name no other test (or test process) uses. */
export function freshSchema(prefix = 't'): string {
  counter++;
  return `${prefix}_${process.pid}_${counter}_${Math.random().toString(36).slice(2, 8)}`;
}

/** A plain pg pool on the test server, for checks that read tables directly. */
export function rawPool(max = 2): pg.Pool {
  const pool = new pg.Pool({ connectionString: PG_URL, max });
  pool.on('error', () => {});
  return pool;
}

export async function dropSchema(schema: string): Promise<void> {
  const pool = rawPool(1);
  try {
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await pool.end();
  }
}

/** Opens a store on a new schema of the test server. */
export async function openTestPostgresStore(extra: Partial<PostgresStoreOptions> & { schema?: string } = {}): Promise<{ store: PostgresStore; schema: string; dispose(): Promise<void> }> {
  const schema = extra.schema ?? freshSchema();
  const store = await openPostgresStore({ connectionString: PG_URL, max: 4, ...extra, schema });
  return {
    store,
    schema,
    dispose: async () => {
      await store.close();
      await dropSchema(schema);
    },
  };
}

/** A conformance-suite harness: every `open()` opens the same fresh schema. */
export async function postgresHarness(): Promise<StoreHarness> {
  const schema = freshSchema('c');
  return {
    open: () => openPostgresStore({ connectionString: PG_URL, schema, max: 4 }),
    dispose: () => dropSchema(schema),
  };
}

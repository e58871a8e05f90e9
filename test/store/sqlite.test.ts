import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SQLITE_MIGRATIONS, SQLITE_SCHEMA_VERSION, SQLITE_TABLES } from '../../src/store/schema.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { SqliteDatabase } from '../../src/store/sqlite.js';
import type { ClientRef, VoucherRecord } from '../../src/store/store.js';
import { expectUpgradedNetwork, oldNetworkWorld } from './old-network.js';
import { describeStore } from './conformance.js';
import { clientRow, openItem, profile, statementRow, txRow, voucher } from './fixtures.js';
import { rejectedCode } from '../support/errors.js';

const require = createRequire(import.meta.url);
const CHILD = join(import.meta.dirname, 'child-import.ts');
const ROOT = join(import.meta.dirname, '..', '..');

describeStore('sqlite (file)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kontera-store-'));
  const path = join(dir, 'kontera.db');
  return {
    open: () => openSqliteStore({ path, synchronous: 'normal' }),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

function openRaw(path: string): SqliteDatabase & { pragma(s: string, o?: { simple: boolean }): unknown } {
  const Database = require('better-sqlite3') as new (p: string) => SqliteDatabase & { pragma(s: string, o?: { simple: boolean }): unknown };
  return new Database(path);
}

interface ChildResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

function runChild(args: readonly string[], killWhen?: (stdout: string) => boolean, env: Record<string, string> = {}): Promise<ChildResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx/esm', CHILD, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    let killed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!killed && killWhen?.(stdout)) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', fail);
    child.on('exit', (code, signal) => done({ code, signal, stdout, stderr }));
  });
}

describe('sqlite store', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kontera-sqlite-'));
    path = join(dir, 'k.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the file with WAL, foreign keys, the schema version and kontera’s application id', async () => {
    const store = await openSqliteStore({ path });
    const db = store.database;
    expect(db.prepare('PRAGMA journal_mode').get([])).toEqual({ journal_mode: 'wal' });
    expect(db.prepare('PRAGMA foreign_keys').get([])).toEqual({ foreign_keys: 1 });
    expect(db.prepare('PRAGMA user_version').get([])).toEqual({ user_version: SQLITE_SCHEMA_VERSION });
    expect(db.prepare('PRAGMA application_id').get([])).toEqual({ application_id: 0x4b4f4e54 });
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all([]);
    expect(tables.map((t) => (t as { name: string }).name)).toEqual([...SQLITE_TABLES].sort());
    await store.close();
  });

  it('upgrades an older file once, and refuses a file from a newer kontera', async () => {
    const v1 = [{ version: 1, description: 'one', sql: 'CREATE TABLE one (x INTEGER) STRICT;' }];
    const v2 = [...v1, { version: 2, description: 'two', sql: 'CREATE TABLE two (y INTEGER) STRICT; INSERT INTO two VALUES (42);' }];
    await (await openSqliteStore({ path, migrations: v1 })).close();
    const upgraded = await openSqliteStore({ path, migrations: v2 });
    expect(upgraded.database.prepare('PRAGMA user_version').get([])).toEqual({ user_version: 2 });
    await upgraded.close();
    // Opening again runs nothing twice (the INSERT would double).
    const again = await openSqliteStore({ path, migrations: v2 });
    expect(again.database.prepare('SELECT count(*) AS n FROM two').get([])).toEqual({ n: 1 });
    await again.close();
    const error = openSqliteStore({ path, migrations: v1 });
    await expect(error).rejects.toMatchObject({ code: 'STORE_SCHEMA' });
    await expect(error).rejects.toThrow(/newer than this kontera: expected version 1 or older, found 2/);
  });

  it('refuses a database written by another program', async () => {
    const raw = openRaw(path);
    raw.exec('CREATE TABLE foreign_stuff (x)');
    raw.close();
    expect(await rejectedCode(openSqliteStore({ path }))).toBe('STORE_SCHEMA');
    const other = openRaw(join(dir, 'other.db'));
    other.pragma('application_id = 1234');
    other.close();
    await expect(openSqliteStore({ path: join(dir, 'other.db') })).rejects.toThrow(/Not a kontera database/);
  });

  it('rolls a failed migration back completely', async () => {
    const bad = [{ version: 1, description: 'bad', sql: 'CREATE TABLE ok (x); CREATE TABLE broken (' }];
    await expect(openSqliteStore({ path, migrations: bad })).rejects.toThrow();
    const raw = openRaw(path);
    expect(raw.pragma('user_version', { simple: true })).toBe(0);
    expect(raw.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get([])).toEqual({ n: 0 });
    raw.close();
  });

  it('refuses a store call made inside its own transaction instead of hanging', async () => {
    const store = await openSqliteStore({ path });
    const second = await openSqliteStore({ path });
    await store.createBureau({ id: 'b1', name: 'B' });
    await expect(store.transaction(async () => store.getBureau('b1'))).rejects.toMatchObject({ code: 'STORE' });
    // Another store on the same file shares the lock: the same mistake through it is refused too.
    await expect(store.transaction(async () => second.getBureau('b1'))).rejects.toThrow(/inside its own transaction/);
    // Outside a transaction everything still works, and the store is not left locked.
    expect(await second.getBureau('b1')).toEqual({ id: 'b1', name: 'B' });
    await store.close();
    await second.close();
  });

  it('uses a database passed in and leaves it open on close', async () => {
    const raw = openRaw(path);
    const store = await openSqliteStore({ database: raw });
    await store.createBureau({ id: 'b1', name: 'B' });
    await store.close();
    expect(raw.prepare('SELECT name FROM bureaus').get([])).toEqual({ name: 'B' });
    raw.close();
  });

  it('does not load better-sqlite3 until a store is opened by path', async () => {
    const script = [
      "const { createRequire } = await import('node:module');",
      'const req = createRequire(process.cwd() + "/");',
      'const loaded = () => Object.keys(req.cache).some((k) => k.includes("better-sqlite3"));',
      "await import('./src/store/sqlite.ts');",
      "await import('./src/store/memory.ts');",
      'const before = loaded();',
      "const { openSqliteStore } = await import('./src/store/sqlite.ts');",
      "const s = await openSqliteStore({ path: ':memory:' });",
      'await s.close();',
      'console.log(JSON.stringify({ before, after: loaded() }));',
    ].join('\n');
    const out = await new Promise<string>((done, fail) => {
      const child = spawn(process.execPath, ['--import', 'tsx/esm', '--input-type=module', '-e', script], { cwd: ROOT });
      let text = '';
      child.stdout.on('data', (c: Buffer) => (text += c.toString()));
      child.stderr.on('data', (c: Buffer) => (text += c.toString()));
      child.on('error', fail);
      child.on('exit', () => done(text));
    });
    expect(JSON.parse(out.trim())).toEqual({ before: false, after: true });
  });

  it('survives SIGKILL in the middle of a large import: none of it, integrity ok', async () => {
    const store = await openSqliteStore({ path });
    await store.createBureau({ id: 'b1', name: 'B' });
    await store.createClient(clientRow('c1', 'b1'));
    await store.close();
    const result = await runChild([path, 'crash', 'c1', '200000'], (out) => /progress (\d+)/.test(out) && Number(/progress (\d+)\n$/.exec(out)?.[1] ?? 0) >= 60000);
    expect(result.signal).toBe('SIGKILL');
    expect(result.stdout).not.toContain('committed');
    expect(existsSync(`${path}-wal`)).toBe(true);
    const after = await openSqliteStore({ path });
    expect(after.database.prepare('PRAGMA integrity_check').get([])).toEqual({ integrity_check: 'ok' });
    expect(await after.listTransactions({ bureauId: 'b1', clientId: 'c1' })).toHaveLength(0);
    expect(await after.listStatements({ bureauId: 'b1', clientId: 'c1' })).toHaveLength(0);
    await after.close();
  });

  it('survives SIGKILL in the middle of a large importStatement through the facade: none of it', async () => {
    const store = await openSqliteStore({ path });
    await store.createBureau({ id: 'b1', name: 'B' });
    await store.createClient(clientRow('c1', 'b1'));
    await store.close();
    const result = await runChild([path, 'facade-crash', 'c1', '150000'], (out) => Number(/progress (\d+)\n$/.exec(out)?.[1] ?? 0) >= 50000);
    expect(result.signal).toBe('SIGKILL');
    expect(result.stdout).toContain('progress 50000');
    expect(result.stdout).not.toContain('committed');
    const after = await openSqliteStore({ path });
    expect(after.database.prepare('PRAGMA integrity_check').get([])).toEqual({ integrity_check: 'ok' });
    expect(await after.listTransactions({ bureauId: 'b1', clientId: 'c1' })).toHaveLength(0);
    expect(await after.listStatements({ bureauId: 'b1', clientId: 'c1' })).toHaveLength(0);
    await after.close();
  });

  it('survives SIGKILL right after a large import commits: all of it, integrity ok', async () => {
    const store = await openSqliteStore({ path });
    await store.createBureau({ id: 'b1', name: 'B' });
    await store.createClient(clientRow('c1', 'b1'));
    await store.close();
    const result = await runChild([path, 'crash', 'c1', '30000'], (out) => out.includes('committed'));
    expect(result.signal).toBe('SIGKILL');
    const after = await openSqliteStore({ path });
    expect(after.database.prepare('PRAGMA integrity_check').get([])).toEqual({ integrity_check: 'ok' });
    const rows = await after.listTransactions({ bureauId: 'b1', clientId: 'c1' });
    expect(rows).toHaveLength(30000);
    expect(new Set(rows.map((r) => r.id)).size).toBe(30000);
    await after.close();
  });

  it('two processes importing into one file at once: no error, no lost or doubled row', async () => {
    // The file does not exist yet: both processes also race to create and migrate it.
    const seed = await openSqliteStore({ path });
    await seed.createBureau({ id: 'b1', name: 'B' });
    await seed.createClient(clientRow('c1', 'b1'));
    await seed.close();
    const [a, b] = await Promise.all([runChild([path, 'write', 'c1', '0', '400', '60', '2']), runChild([path, 'write', 'c1', '200', '400', '60', '2'])]);
    expect(a).toMatchObject({ code: 0, stderr: '' });
    expect(b).toMatchObject({ code: 0, stderr: '' });
    // The two really ran at the same time.
    const span = (r: ChildResult): [number, number] => [Number(/started (\d+)/.exec(r.stdout)?.[1]), Number(/done (\d+)/.exec(r.stdout)?.[1])];
    const [sa, ea] = span(a);
    const [sb, eb] = span(b);
    expect(Math.max(sa, sb)).toBeLessThan(Math.min(ea, eb));
    const store = await openSqliteStore({ path });
    const ref = { bureauId: 'b1', clientId: 'c1' };
    const rows = await store.listTransactions(ref);
    // Writer A covers t0..t399, writer B t200..t599: the union is 600 distinct lines.
    expect(rows).toHaveLength(600);
    expect(new Set(rows.map((r) => r.id)).size).toBe(600);
    const vouchers = await store.listVouchers(ref);
    expect(vouchers.map((v) => v.number)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    expect(store.database.prepare('PRAGMA integrity_check').get([])).toEqual({ integrity_check: 'ok' });
    await store.close();
  });

  it('four processes learning at once for clients of three bureaus: network and bureau counts exact', async () => {
    const seed = await openSqliteStore({ path });
    for (const b of ['b1', 'b2', 'b3']) await seed.createBureau({ id: b, name: b });
    const clients: [string, string][] = [['b1', 'c1'], ['b1', 'c2'], ['b2', 'c3'], ['b3', 'c4']];
    for (const [b, c] of clients) await seed.createClient(clientRow(c, b));
    await seed.close();
    const results = await Promise.all(clients.map(([, c]) => runChild([path, 'facade-confirm', c, '30'])));
    for (const r of results) expect(r).toMatchObject({ code: 0, stderr: '' });
    const store = await openSqliteStore({ path });
    const network = await store.listNetworkRecords();
    expect(network.map((n) => [n.key, n.account, n.bureaus, n.clients])).toEqual([
      ['CLAS OHLSON', '5410', 3, 4],
      ['EASYPARK', '5800', 3, 4],
      ['TELIA SVERIGE', '6212', 3, 4],
    ]);
    const members = async (b: string): Promise<string[][]> => (await store.getBureauRecords(b)).map((r) => [r.key, ...[...r.clients].sort()]);
    expect(await members('b1')).toEqual([['CLAS OHLSON', 'c1', 'c2'], ['EASYPARK', 'c1', 'c2'], ['TELIA SVERIGE', 'c1', 'c2']]);
    expect(await members('b2')).toEqual([['CLAS OHLSON', 'c3'], ['EASYPARK', 'c3'], ['TELIA SVERIGE', 'c3']]);
    expect(await members('b3')).toEqual([['CLAS OHLSON', 'c4'], ['EASYPARK', 'c4'], ['TELIA SVERIGE', 'c4']]);
    expect((await store.listVouchers({ bureauId: 'b1', clientId: 'c1' })).map((v) => v.number)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    await store.close();
  });

  it('processes opening a new file at once all migrate it safely', async () => {
    // Switching the new file to WAL raced: a process got SQLITE_BUSY at once, without waiting.
    const openAt = String(Date.now() + 3_000);
    const children = await Promise.all(Array.from({ length: 6 }, () => runChild([path, 'write', 'ghost', '0', '1', '1'], undefined, { KONTERA_TEST_OPEN_AT: openAt })));
    // No client "ghost" exists: each must fail with NOT_FOUND, not with a schema or lock race.
    for (const child of children) expect(child.stderr).toContain('Unknown client');
    const store = await openSqliteStore({ path });
    expect(store.database.prepare('PRAGMA user_version').get([])).toEqual({ user_version: SQLITE_SCHEMA_VERSION });
    await store.close();
  });

  it('opening a new file that another connection is writing waits for it: the WAL switch is retried, not failed', async () => {
    // The race above, made deterministic. Another connection holds a write lock on the new file
    // (as a process creating it does). Switching to WAL then needs to upgrade a shared lock while
    // the other holds its reserved one, and SQLite answers SQLITE_BUSY at once, without waiting
    // out the busy timeout; the open must retry until the other commits.
    const other = openRaw(path);
    other.exec('BEGIN IMMEDIATE');
    const releasedAt = { ms: 0 };
    const release = setTimeout(() => {
      other.exec('COMMIT');
      releasedAt.ms = Date.now();
    }, 250);
    try {
      const store = await openSqliteStore({ path, busyTimeout: 10_000 });
      // It opened only once the other connection let go, and the file is a proper WAL store.
      expect(releasedAt.ms).toBeGreaterThan(0);
      expect(store.database.prepare('PRAGMA journal_mode').get([])).toEqual({ journal_mode: 'wal' });
      expect(store.database.prepare('PRAGMA user_version').get([])).toEqual({ user_version: SQLITE_SCHEMA_VERSION });
      await store.close();
    } finally {
      clearTimeout(release);
      other.close();
    }
  });
});

describe('sqlite store: upgrading a version 1 file (before counterparty_account)', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kontera-sqlite-v1-'));
    path = join(dir, 'old.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('opens a file written with schema version 1, keeps its data and gains the counterparty account column', async () => {
    const ref = { bureauId: 'b1', clientId: 'c1' };
    // A file as the previous kontera wrote it: schema version 1 only, and its INSERT of a bank line.
    const v1 = SQLITE_MIGRATIONS.filter((m) => m.version === 1);
    expect(v1).toHaveLength(1);
    const old = await openSqliteStore({ path, migrations: v1 });
    await old.createBureau({ id: 'b1', name: 'Byrå Ett' });
    await old.createClient(clientRow('c1', 'b1'));
    // The INSERTs of the version-1 schema (client rows keyed by client id alone).
    const booked = oldVoucher(old.database);
    oldStatement(old.database);
    old.database
      .prepare(
        `INSERT INTO transactions (client_id, bank_account, id, statement_id, line, date, value_date, amount, balance,
                                   text, reference, counterparty, kind, currency, pending)
         VALUES ('c1', '1930', 'old-line', 's1', 2, '2022-05-02', NULL, -205900, 2957604, 'FORDONSSKATT TRANSPORTSTYRELSEN', '11185305271923770', NULL, 'bankgiro', 'SEK', NULL)`,
      )
      .run([]);
    await old.close();
    const raw = openRaw(path);
    expect(raw.pragma('user_version', { simple: true })).toBe(1);
    const oldColumns = (raw.prepare('PRAGMA table_info(transactions)').all([]) as { name: string }[]).map((c) => c.name);
    expect(oldColumns).not.toContain('counterparty_account');
    raw.close();

    const store = await openSqliteStore({ path });
    expect(store.database.prepare('PRAGMA user_version').get([])).toEqual({ user_version: SQLITE_SCHEMA_VERSION });
    // The old line is there as it was, without a counterparty account.
    const oldLine = txRow('c1', 's1', 'old-line', { line: 2, date: '2022-05-02', amount: -205900, balance: 2957604, text: 'FORDONSSKATT TRANSPORTSTYRELSEN', reference: '11185305271923770', kind: 'bankgiro', currency: 'SEK' });
    expect(await store.getTransactions(ref, [{ bankAccount: '1930', id: 'old-line' }])).toEqual([oldLine]);
    expect(await store.getVoucherForTransaction(ref, { bankAccount: '1930', id: 'old-line' })).toEqual(booked);
    // New lines keep their counterparty account; the file now has the same columns as a new one.
    const fresh = txRow('c1', 's1', 'new-line', { line: 3, date: '2022-05-03', counterpartyAccount: '5051-6822' });
    expect(await store.addTransactions(ref, [fresh])).toEqual({ added: ['new-line'], duplicates: [] });
    expect(await store.listTransactions(ref)).toEqual([oldLine, fresh]);
    const columns = (rows: unknown[]): string[] => (rows as { name: string; type: string }[]).map((c) => `${c.name} ${c.type}`);
    const upgradedColumns = columns(store.database.prepare('PRAGMA table_info(transactions)').all([]));
    await store.close();
    const newFile = await openSqliteStore({ path: join(dir, 'new.db') });
    expect(upgradedColumns).toEqual(columns(newFile.database.prepare('PRAGMA table_info(transactions)').all([])));
    await newFile.close();
    // Opening again migrates nothing twice.
    const again = await openSqliteStore({ path });
    expect(await again.listTransactions(ref)).toEqual([oldLine, fresh]);
    await again.close();
  });

  it('opens a file written with schema version 2, keeps its lines unmarked and gains ledger vouchers and the booked mark', async () => {
    const ref = { bureauId: 'b1', clientId: 'c1' };
    const v2 = SQLITE_MIGRATIONS.filter((m) => m.version <= 2);
    const old = await openSqliteStore({ path, migrations: v2 });
    await old.createBureau({ id: 'b1', name: 'Byrå Ett' });
    await old.createClient(clientRow('c1', 'b1'));
    oldStatement(old.database);
    const line = txRow('c1', 's1', 'v2-line', { counterpartyAccount: '5051-6822' });
    // The INSERT the previous kontera ran (no booked_* columns yet).
    old.database
      .prepare(
        `INSERT INTO transactions (client_id, bank_account, id, statement_id, line, date, amount, text, counterparty_account)
         VALUES ('c1', '1930', 'v2-line', 's1', ${line.line}, '${line.date}', ${line.amount}, '${line.text}', '5051-6822')`,
      )
      .run([]);
    await old.close();
    expect(openRawVersion(path)).toBe(2);

    const store = await openSqliteStore({ path });
    expect(await store.listTransactions(ref)).toEqual([line]);
    expect(await store.listLedgerVouchers(ref)).toEqual([]);
    const mark = { voucher: '2025-01-01 A 7', series: 'A', number: '7' };
    await store.markTransactions(ref, [{ bankAccount: '1930', id: 'v2-line', booked: mark }]);
    expect(await store.listTransactions(ref)).toEqual([{ ...line, booked: mark }]);
    await store.close();
  });
});

describe('sqlite store: upgrading a version 4 file (network rows of one bureau)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kontera-sqlite-v4-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps only mappings that three bureaus hold in the network, and every bureau\'s share as its candidates', async () => {
    const path = join(dir, 'v4.db');
    const world = await oldNetworkWorld();
    expect(world.oldNetwork.some((n) => n.bureaus === 1)).toBe(true);
    const old = await openSqliteStore({ path, migrations: SQLITE_MIGRATIONS.filter((m) => m.version <= 4) });
    for (const b of world.bureaus) await old.createBureau({ id: b, name: b });
    for (const c of world.clients) await old.createClient(c);
    // The rows the previous kontera wrote: profiles, and network counts of every mapping.
    const putProfile = old.database.prepare('INSERT INTO profiles (client_id, key, data) VALUES (?, ?, ?)');
    for (const p of world.profiles) putProfile.run([p.clientId, p.key, JSON.stringify(p)]);
    const putNetwork = old.database.prepare('INSERT INTO network_records (key, direction, account, vat_mode, vat_rate, bureaus, clients) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const n of world.oldNetwork) putNetwork.run([n.key, n.direction, n.account, n.vatMode, n.vatRate, n.bureaus, n.clients]);
    await old.close();
    expect(openRawVersion(path)).toBe(4);

    const store = await openSqliteStore({ path });
    try {
      expect(openRawVersion(path)).toBe(SQLITE_SCHEMA_VERSION);
      await expectUpgradedNetwork(store, world);
    } finally {
      await store.close();
    }
  });
});

describe('sqlite store: upgrading a version 5 file (client ids unique across bureaus)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kontera-sqlite-v5-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Columns, keys, foreign keys and indexes of every table: what a file's schema does, whatever its SQL text. */
  function shape(db: SqliteDatabase): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const t of SQLITE_TABLES) {
      const indexes = (db.prepare(`PRAGMA index_list("${t}")`).all([]) as { name: string; unique: number; partial: number }[])
        .filter((i) => !i.name.startsWith('sqlite_autoindex'))
        .map((i) => ({ name: i.name, unique: i.unique, partial: i.partial, columns: (db.prepare(`PRAGMA index_info("${i.name}")`).all([]) as { name: string }[]).map((c) => c.name) }))
        .sort((a, b) => a.name.localeCompare(b.name));
      out[t] = {
        columns: (db.prepare(`PRAGMA table_info("${t}")`).all([]) as { name: string; type: string; notnull: number; pk: number }[])
          .map((c) => `${c.name} ${c.type} ${c.notnull} ${c.pk}`)
          .sort(),
        foreignKeys: (db.prepare(`PRAGMA foreign_key_list("${t}")`).all([]) as { table: string; from: string; to: string; on_delete: string }[]).map((f) => `${f.from}→${f.table}.${f.to} ${f.on_delete}`).sort(),
        indexes,
      };
    }
    return out;
  }

  it('upgrades a version-8 file: vouchers stored before keep no learnedFrom, new ones keep it', async () => {
    const path = join(dir, 'v8.db');
    const old = await openSqliteStore({ path, migrations: SQLITE_MIGRATIONS.filter((m) => m.version <= 8) });
    await old.createBureau({ id: 'b1', name: 'Byrå Ett' });
    await old.createClient(clientRow('c1', 'b1'));
    const ref: ClientRef = { bureauId: 'b1', clientId: 'c1' };
    const before = await old.addVoucher(ref, voucher());
    await old.close();
    expect(openRawVersion(path)).toBe(8);
    const store = await openSqliteStore({ path });
    try {
      expect(openRawVersion(path)).toBe(SQLITE_SCHEMA_VERSION);
      const after = await store.addVoucher(ref, voucher({ learnedFrom: { text: 'Kundbet 1042', counterparty: 'Ekdahls Måleri AB', correction: true } }));
      expect(await store.listVouchers(ref)).toEqual([before, after]);
      expect(before).not.toHaveProperty('learnedFrom');
      expect(after.learnedFrom).toEqual({ text: 'Kundbet 1042', counterparty: 'Ekdahls Måleri AB', correction: true });
    } finally {
      await store.close();
    }
  });

  it('keeps every client row under its bureau, lets another bureau use the same id, and has the shape of a new file', async () => {
    const path = join(dir, 'v5.db');
    const old = await openSqliteStore({ path, migrations: SQLITE_MIGRATIONS.filter((m) => m.version <= 5) });
    await old.createBureau({ id: 'b1', name: 'Byrå Ett' });
    await old.createBureau({ id: 'b2', name: 'Byrå Två' });
    await old.createClient(clientRow('c1', 'b1'));
    const db = old.database;
    // The INSERTs of the version-5 schema: client rows keyed by client id alone.
    oldStatement(db);
    const booked = oldVoucher(db);
    db.prepare(
      "INSERT INTO transactions (client_id, bank_account, id, statement_id, line, date, amount, text, booked_voucher, booked_series, booked_number) VALUES ('c1', '1930', 'old-line', 's1', 2, '2026-01-15', -12500, 'TELIA', '2025 A 7', 'A', '7')",
    ).run([]);
    const p = profile('b1', 'c1', 'telia');
    db.prepare('INSERT INTO profiles (client_id, key, data) VALUES (?, ?, ?)').run(['c1', 'telia', JSON.stringify(p)]);
    const lv = { id: '2025-01-01 A 7', series: 'A', number: '7', date: '2026-01-15', text: 'Telia', rows: [{ account: '1930', amount: -12500 }, { account: '6212', amount: 12500 }], fingerprint: 'fp', bankAccounts: ['1930'], learned: true };
    db.prepare('INSERT INTO ledger_vouchers (client_id, id, date, data) VALUES (?, ?, ?, ?)').run(['c1', lv.id, lv.date, JSON.stringify(lv)]);
    const item = openItem('i1');
    db.prepare('INSERT INTO open_items (client_id, id, date, open, data) VALUES (?, ?, ?, ?, ?)').run(['c1', item.id, item.date, item.open, JSON.stringify(item)]);
    await old.close();
    expect(openRawVersion(path)).toBe(5);

    const store = await openSqliteStore({ path });
    try {
      expect(openRawVersion(path)).toBe(SQLITE_SCHEMA_VERSION);
      const ref: ClientRef = { bureauId: 'b1', clientId: 'c1' };
      const data = await store.exportClient(ref);
      expect(data.statements).toEqual([statementRow('c1', 's1')]);
      expect(data.transactions.map((t) => [t.id, t.booked?.voucher])).toEqual([['old-line', '2025 A 7']]);
      expect(data.vouchers).toEqual([booked]);
      expect(data.profiles).toEqual([p]);
      expect(data.ledgerVouchers).toEqual([lv]);
      expect(data.openItems).toEqual([item]);
      expect(store.database.prepare('PRAGMA foreign_key_check').all([])).toEqual([]);
      // Bureau b2 may now have its own c1, which starts empty and numbers from 1.
      await store.createClient(clientRow('c1', 'b2'));
      const theirs: ClientRef = { bureauId: 'b2', clientId: 'c1' };
      expect(await store.listVouchers(theirs)).toEqual([]);
      expect((await store.addVoucher(theirs, voucher())).number).toBe(1);
      expect((await store.addVoucher(ref, voucher())).number).toBe(2);
      await expect(store.createClient(clientRow('c1', 'b1'))).rejects.toMatchObject({ code: 'CONFLICT' });
      // Deleting b1's c1 cascades through the rebuilt foreign keys and leaves b2's.
      await store.deleteClient(ref);
      for (const t of ['statements', 'transactions', 'vouchers', 'profiles', 'ledger_vouchers', 'open_items']) {
        expect(store.database.prepare(`SELECT count(*) AS n FROM ${t} WHERE bureau_id = 'b1'`).get([]), t).toEqual({ n: 0 });
      }
      expect(await store.listVouchers(theirs)).toHaveLength(1);
      const upgraded = shape(store.database);
      const fresh = await openSqliteStore({ path: join(dir, 'new.db') });
      expect(upgraded).toEqual(shape(fresh.database));
      await fresh.close();
    } finally {
      await store.close();
    }
  });
});

/** Statement s1 of client c1 as a kontera before schema version 6 inserted it. */
function oldStatement(db: SqliteDatabase): void {
  const st = statementRow('c1', 's1');
  db.prepare('INSERT INTO statements (client_id, id, bank_account, imported_at, data) VALUES (?, ?, ?, ?, ?)').run(['c1', 's1', st.bankAccount, st.importedAt, JSON.stringify(st)]);
}

/** Voucher A1 of client c1, booking line "old-line", as a kontera before schema version 6 inserted it. */
function oldVoucher(db: SqliteDatabase): VoucherRecord {
  const v = voucher({ bankAccount: '1930', transactionId: 'old-line' });
  db.prepare(
    'INSERT INTO vouchers (client_id, series, number, date, text, rows, bank_account, transaction_id, confirmed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(['c1', v.series, 1, v.date, v.text, JSON.stringify(v.rows), '1930', 'old-line', v.confirmedAt]);
  return { ...v, clientId: 'c1', number: 1 };
}

function openRawVersion(file: string): number {
  const raw = openRaw(file);
  try {
    return Number(raw.pragma('user_version', { simple: true }));
  } finally {
    raw.close();
  }
}

// Compile-time check: a better-sqlite3 Database is a SqliteDatabase, so `{ database }` takes one as is.
type BetterSqliteDatabase = InstanceType<typeof import('better-sqlite3')>;
export const betterSqlite3FitsTheStructuralType = (db: BetterSqliteDatabase): SqliteDatabase => db;

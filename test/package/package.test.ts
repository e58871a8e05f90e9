/**
 * Packaging is tested, not assumed: build with tsup, load `dist` through the exports map by the
 * package's own name (ESM `import` and CJS `require`), check the public names and that importing
 * kontera writes nothing to stdout or stderr.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}/package.json`, 'utf8')) as {
  exports: Record<string, { import: { types: string; default: string }; require: { types: string; default: string } }>;
  sideEffects: boolean;
  engines: { node: string };
  files: string[];
  type: string;
};

/** Public names other modules and users rely on (a removed export must fail here). */
const PUBLIC_NAMES = [
  'LEARN_WARNING_CODES',
  'CONFIRM_WARNING_CODES',
  'TRANSACTION_STATUSES',
  'MATCH_WINDOW_DAYS',
  'parseStatement',
  'detectStatementFormat',
  'STATEMENT_FORMAT_IDS',
  'KonteraError',
  'StatementParseError',
  'FormatDetectionError',
  'SieParseError',
  'UnbalancedVoucherError',
  'ERROR_CODES',
  'parseAmount',
  'formatAmount',
  'readSie',
  'writeSie',
  'createSieDocument',
  'sieCrc32',
  'createKontera',
  'createMemoryStore',
  'ConflictError',
  'AmbiguousClientError',
  'suggest',
  'learn',
  'createKnowledge',
  'counterpartyKey',
  'splitVat',
] as const;

function node(args: string[]): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

describe('package', () => {
  beforeAll(() => {
    execFileSync(process.execPath, [`${root}/node_modules/tsup/dist/cli-default.js`, '--silent'], { cwd: root, stdio: 'pipe' });
  });

  it('has the shape the design card asks for', () => {
    expect(pkg.type).toBe('module');
    expect(pkg.sideEffects).toBe(false);
    expect(pkg.engines.node).toBe('>=20');
    expect(pkg.files).toEqual(['dist']);
    const main = pkg.exports['.'];
    expect(main?.import.types).toBe('./dist/index.d.ts');
    expect(main?.require.types).toBe('./dist/index.d.cts');
    for (const file of [main?.import.types, main?.import.default, main?.require.types, main?.require.default]) {
      expect(existsSync(`${root}/${file}`), file).toBe(true);
    }
  });

  it('loads through import and require with every public name', () => {
    const list = JSON.stringify(PUBLIC_NAMES);
    const esm = node(['--input-type=module', '-e', `const k = await import('kontera'); const miss = ${list}.filter((n) => !(n in k)); console.log(JSON.stringify(miss));`]);
    expect(esm.stderr).toBe('');
    expect(JSON.parse(esm.stdout)).toEqual([]);
    const cjs = node(['-e', `const k = require('kontera'); const miss = ${list}.filter((n) => !(n in k)); console.log(JSON.stringify(miss));`]);
    expect(cjs.stderr).toBe('');
    expect(JSON.parse(cjs.stdout)).toEqual([]);
  });

  it('works from dist: parses a statement through both module systems', () => {
    const code = `const s = k.parseStatement('Datum;Text;Typ;Budgetgrupp;Belopp;Saldo\\n2023-09-30;X;Övrigt;Övrigt;-1 079,40 kr;1,00 kr\\n'); console.log(s.transactions[0].amount);`;
    expect(node(['--input-type=module', '-e', `const k = await import('kontera'); ${code}`]).stdout.trim()).toBe('-107940');
    expect(node(['-e', `const k = require('kontera'); ${code}`]).stdout.trim()).toBe('-107940');
  });

  it('importing kontera prints nothing and starts nothing', () => {
    const esm = node(['--input-type=module', '-e', `await import('kontera'); await import('kontera/sqlite'); await import('kontera/postgres');`]);
    expect(esm).toEqual({ stdout: '', stderr: '', status: 0 });
    const cjs = node(['-e', `require('kontera'); require('kontera/sqlite'); require('kontera/postgres');`]);
    expect(cjs).toEqual({ stdout: '', stderr: '', status: 0 });
    // Nothing left running: the process above exited on its own (status 0, no timers or sockets).
  });

  it('loads kontera/sqlite through both module systems, sharing one KonteraError class', () => {
    const esm = node([
      '--input-type=module',
      '-e',
      `const k = await import('kontera'); const s = await import('kontera/sqlite'); let same; try { await s.openSqliteStore({ path: '/nonexistent-dir/kontera.db' }); } catch (e) { same = e instanceof k.KonteraError && e.code === 'STORE'; } console.log(typeof s.openSqliteStore, same);`,
    ]);
    expect(esm.stderr).toBe('');
    expect(esm.stdout.trim()).toBe('function true');
    const cjs = node(['-e', `const k = require('kontera'); const s = require('kontera/sqlite'); console.log(typeof s.openSqliteStore, typeof k.createKontera);`]);
    expect(cjs.stderr).toBe('');
    expect(cjs.stdout.trim()).toBe('function function');
  });

  it('does not load better-sqlite3 until a SQLite store is opened', () => {
    const out = node(['-e', `require('kontera'); require('kontera/sqlite'); console.log(Object.keys(require.cache).some((p) => p.includes('better-sqlite3')));`]);
    expect(out.stdout.trim()).toBe('false');
  });

  it('loads kontera/postgres through both module systems; pg is loaded only when a store is opened by connection string', () => {
    const esm = node([
      '--input-type=module',
      '-e',
      [
        "const { createRequire } = await import('node:module');",
        "const req = createRequire(process.cwd() + '/');",
        "const loaded = () => Object.keys(req.cache).some((p) => /[\\\\/]node_modules[\\\\/]pg[\\\\/]/.test(p));",
        "const k = await import('kontera'); const p = await import('kontera/postgres');",
        'const before = loaded();',
        "let same; try { await p.openPostgresStore({ connectionString: 'postgresql://nobody@/nodb?host=/nonexistent-kontera-dir' }); } catch (e) { same = e instanceof k.KonteraError && e.code === 'STORE'; }",
        'console.log(typeof p.openPostgresStore, before, same);',
      ].join(' '),
    ]);
    expect(esm.stderr).toBe('');
    expect(esm.stdout.trim()).toBe('function false true');
    const cjs = node(['-e', `const p = require('kontera/postgres'); console.log(typeof p.openPostgresStore, Object.keys(require.cache).some((k) => /[\\\\/]node_modules[\\\\/]pg[\\\\/]/.test(k)));`]);
    expect(cjs.stderr).toBe('');
    expect(cjs.stdout.trim()).toBe('function false');
  });

  it('writes its own version into SIE #PROGRAM', () => {
    const version = JSON.parse(readFileSync(`${root}/package.json`, 'utf8')).version as string;
    const out = node(['--input-type=module', '-e', `const k = await import('kontera'); console.log(k.KONTERA_VERSION);`]);
    expect(out.stdout.trim()).toBe(version);
  });

  it('ships declarations that name the public types', () => {
    const dts = readFileSync(`${root}/dist/index.d.ts`, 'utf8');
    for (const t of ['BankTransaction', 'Statement', 'ColumnMapping', 'StatementFormatId', 'ParseStatementOptions']) {
      expect(dts).toContain(t);
    }
  });
});

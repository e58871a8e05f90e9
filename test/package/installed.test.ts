/**
 * kontera as a user gets it: the project is built and packed with `npm pack`, the tarball is
 * installed into an empty scratch project (`npm install --prefer-offline`, optional dependencies
 * left out, so better-sqlite3 is missing as it is for a user who skipped it), and the checks run
 * against what landed in node_modules: the tarball's contents, the dependency tree, types under
 * `moduleResolution: node10`, and the `kontera` command's conventions — on a terminal too (through
 * `script`, which gives the command a pseudo-terminal of a set width).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const DEMO = join(ROOT, 'fixtures', 'demo');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
/** Database drivers, servers and server configuration: kontera needs none of them installed. */
const SERVER_PACKAGES = ['mongoose', 'mongodb', 'redis', 'memjs', 'http-server', 'dotenv', 'pg', 'mysql', 'mysql2', 'sqlite3'];

let stage = '';
let scratch = '';
let tarball = '';
let bin = '';

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The installed `kontera`, with pipes for stdout and stderr (not a terminal), in English unless `env` says otherwise. */
function kontera(args: readonly string[], options: { cwd?: string; env?: Record<string, string>; input?: string | Uint8Array } = {}): Run {
  const env = { ...process.env, NODE_OPTIONS: '', LC_ALL: '', LC_MESSAGES: '', LANG: 'C.UTF-8', ...options.env };
  const r = spawnSync(bin, [...args], { cwd: options.cwd ?? scratch, encoding: 'utf8', env, ...(options.input === undefined ? {} : { input: options.input }) });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** The installed `kontera` on a pseudo-terminal `columns` wide: stdout and stderr both go to it. */
function onTerminal(args: readonly string[], columns: number, env: Record<string, string> = {}): string {
  const command = `stty cols ${columns} rows 50; ${[bin, ...args].map(quote).join(' ')}`;
  const r = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: scratch, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '', LC_ALL: '', LANG: 'C.UTF-8', NO_COLOR: '', TERM: 'xterm', ...env } });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

beforeAll(() => {
  stage = mkdtempSync(join(tmpdir(), 'kontera-stage-'));
  scratch = mkdtempSync(join(tmpdir(), 'kontera-scratch-'));
  // Built into a folder of its own (other tests build into dist/ at the same time), then packed from there.
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'tsup', 'dist', 'cli-default.js'), '--silent', '--out-dir', join(stage, 'dist')], { cwd: ROOT, stdio: 'pipe' });
  for (const f of ['package.json', 'README.md', 'LICENSE']) copyFileSync(join(ROOT, f), join(stage, f));
  const [info] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', stage], { cwd: stage, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })) as [{ filename: string }];
  tarball = join(stage, info.filename);
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', version: '1.0.0', private: true }));
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', '--omit=optional', tarball], { cwd: scratch, stdio: 'pipe' });
  bin = join(scratch, 'node_modules', '.bin', 'kontera');
}, 600_000);

afterAll(() => {
  for (const d of [stage, scratch]) if (d !== '') rmSync(d, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  it('ships the executable once, as ESM, and no source maps', () => {
    const files = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).split('\n').filter((f) => f !== '');
    expect(files).toContain('package/dist/cli.js');
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(files.filter((f) => /\/cli\.(cjs|d\.ts|d\.cts)$/.test(f))).toEqual([]);
    expect(files.filter((f) => !f.startsWith('package/dist/') && !['package/package.json', 'package/README.md', 'package/LICENSE'].includes(f))).toEqual([]);
  });

  it('installs with no database driver or server in the tree, and natural without them', () => {
    const names = new Set<string>();
    const walk = (dir: string): void => {
      if (!existsSync(dir)) return;
      for (const e of readdirSync(dir)) {
        if (e.startsWith('.')) continue;
        const entries = e.startsWith('@') ? readdirSync(join(dir, e)).map((s) => join(e, s)) : [e];
        for (const name of entries) {
          if (!existsSync(join(dir, name, 'package.json'))) continue;
          names.add(name);
          walk(join(dir, name, 'node_modules'));
        }
      }
    };
    walk(join(scratch, 'node_modules'));
    expect(names.has('natural')).toBe(true);
    expect(SERVER_PACKAGES.filter((p) => names.has(p))).toEqual([]);
  });

  it('resolves the types of every entry point under moduleResolution node10 (typesVersions)', () => {
    writeFileSync(join(scratch, 'use.ts'), "import { createKontera } from 'kontera';\nimport { openSqliteStore } from 'kontera/sqlite';\nimport { openPostgresStore } from 'kontera/postgres';\nexport const all = [createKontera, openSqliteStore, openPostgresStore];\n");
    writeFileSync(join(scratch, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'commonjs', moduleResolution: 'node10', strict: true, noEmit: true, skipLibCheck: true, types: [] }, files: ['use.ts'] }));
    const r = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(scratch, 'tsconfig.json')], { cwd: scratch, encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('the installed kontera command', () => {
  const history = join(DEMO, 'kaffebryggeriet', 'history-2025.se');
  const answers = JSON.parse(readFileSync(join(DEMO, 'kaffebryggeriet', 'answers.json'), 'utf8')) as { statement: string; lines: unknown[] };
  const statement = join(DEMO, 'kaffebryggeriet', answers.statement);

  it('-h and -V, as --help and --version; help of a command without options has no empty Options block', () => {
    const h = kontera(['-h']);
    expect(h.code).toBe(0);
    expect(h.stdout).toBe(kontera(['--help']).stdout);
    expect(h.stdout).toContain('Usage:');
    expect(kontera(['-V'])).toMatchObject({ code: 0, stdout: `kontera ${pkg.version}\n` });
    expect(kontera(['--version']).stdout).toBe(`kontera ${pkg.version}\n`);
    const learn = kontera(['learn', '--help']);
    expect(learn.code).toBe(0);
    expect(learn.stdout).not.toMatch(/^Options:\n\s*\n/m);
    expect(learn.stdout).toContain('Global options:');
    expect(kontera(['suggest', '-h']).stdout).toMatch(/^Options:\n {2}\s+--history BOOKS\.se/m);
  });

  it('an unknown command or option names the nearest one (exit 2)', () => {
    const r = kontera(['sugest', 'x.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Unknown command "sugest" (did you mean kontera suggest?)');
    expect(kontera(['suggest', '--histroy', 'x.se']).stderr).toContain('(did you mean --history?)');
    expect(kontera(['frobnicate']).stderr).not.toContain('did you mean');
  });

  it('- reads the statement from standard input', () => {
    const r = kontera(['suggest', '-', '--history', history, '--dry-run', '--json'], { input: readFileSync(statement) });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { lines: number }).lines).toBe(answers.lines.length);
    const both = kontera(['suggest', '-', '-', '--history', history, '--dry-run'], { input: readFileSync(statement) });
    expect(both.code).toBe(2);
  });

  it('with --json an error is JSON on stderr: code, message, file, line, field', () => {
    const bad = join(ROOT, 'fixtures', 'statements', 'invalid', 'seb-malformed-amount.csv');
    const r = kontera(['suggest', bad, '--history', history, '--dry-run', '--json']);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    const e = JSON.parse(r.stderr) as { error: { code: string; message: string; file: string; line: number; field: string } };
    expect(e.error).toMatchObject({ code: 'INVALID_AMOUNT', file: bad, line: 3, field: 'Belopp' });
    expect(e.error.message.length).toBeGreaterThan(10);
    expect(JSON.parse(kontera(['frobnicate', '--json']).stderr)).toMatchObject({ error: { code: 'INVALID_OPTION' } });
  });

  it('the one-shot suggest does not overwrite vouchers.se or review.csv unless they are named or --force is given; --dry-run writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kontera-oneshot-'));
    expect(kontera(['suggest', statement, '--history', history, '--dry-run'], { cwd: dir }).code).toBe(0);
    expect(readdirSync(dir)).toEqual([]);
    expect(kontera(['suggest', statement, '--history', history], { cwd: dir }).code).toBe(0);
    const before = { se: readFileSync(join(dir, 'vouchers.se')), mtime: statSync(join(dir, 'vouchers.se')).mtimeMs };
    writeFileSync(join(dir, 'review.csv'), 'my own edits');
    const again = kontera(['suggest', statement, '--history', history], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/^kontera: usage: vouchers\.se exists: expected a new file; name the output with --out FILE, or pass --force/);
    expect(readFileSync(join(dir, 'review.csv'), 'utf8')).toBe('my own edits');
    expect(statSync(join(dir, 'vouchers.se')).mtimeMs).toBe(before.mtime);
    expect(kontera(['suggest', statement, '--history', history, '--out', 'vouchers.se', '--review', 'review.csv'], { cwd: dir }).code).toBe(0);
    expect(readFileSync(join(dir, 'review.csv'), 'utf8')).not.toBe('my own edits');
    writeFileSync(join(dir, 'review.csv'), 'my own edits');
    expect(kontera(['suggest', statement, '--history', history, '--force'], { cwd: dir }).code).toBe(0);
    expect(readFileSync(join(dir, 'review.csv'), 'utf8')).not.toBe('my own edits');
  });

  it('through pipes: no progress, no colour, tables not cut', () => {
    const r = kontera(['backtest', join(DEMO, 'ljusgard', 'history-2025.se'), '--chart', join(scratch, 'pipe.svg')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toMatch(ANSI);
    const s = kontera(['suggest', statement, '--history', history, '--dry-run']);
    expect(s.stdout).not.toMatch(ANSI);
    expect(s.stdout).not.toContain('…');
  });

  it('on a terminal: progress on stderr, colour unless NO_COLOR, every line within the width with each reason whole', () => {
    const json = JSON.parse(kontera(['suggest', statement, '--history', history, '--dry-run', '--json']).stdout) as { suggestions: { reason: string; reviewReasons: string[] }[] };
    const out = onTerminal(['suggest', statement, '--history', history, '--dry-run'], 80);
    expect(out).toMatch(/learning .*: \d+\/\d+ \(\d+ %\)/);
    expect(out).toMatch(ANSI);
    const plain = out.replace(ANSI, '').replace(/\r\n/g, '\n');
    const lines = plain.split('\n').map((l) => l.slice(l.lastIndexOf('\r') + 1));
    expect(lines.filter((l) => l.length > 80)).toEqual([]);
    const flat = lines.join(' ').replace(/\s+/g, ' ');
    for (const s of json.suggestions) {
      const reason = (s.reviewReasons.length > 0 ? `${s.reason} [${s.reviewReasons.join('; ')}]` : s.reason).replace(/\s+/g, ' ');
      expect(flat).toContain(reason);
    }
    expect(onTerminal(['suggest', statement, '--history', history, '--dry-run'], 80, { NO_COLOR: '1' }).replace(/\u001b\[K/g, '')).not.toMatch(ANSI);
    // --json on a terminal: no progress, nothing but JSON.
    expect(() => JSON.parse(onTerminal(['backtest', join(DEMO, 'ljusgard', 'history-2025.se'), '--chart', join(scratch, 'tty.svg'), '--json'], 80))).not.toThrow();
  });

  it('speaks Swedish with --lang sv or a Swedish locale, English with --lang en; codes stay English', () => {
    const sv = kontera(['suggest', statement, '--history', history, '--dry-run', '--lang', 'sv']);
    expect(sv.stdout).toMatch(/datum\s+banktext\s+belopp kr/);
    expect(sv.stdout).toContain('autobokförda med säkerhet ≥ 0.95');
    expect(kontera(['-h'], { env: { LANG: 'sv_SE.UTF-8' } }).stdout).toContain('Kommandon:');
    expect(kontera(['-h'], { env: { LANG: 'sv_SE.UTF-8', LC_ALL: 'en_GB.UTF-8' } }).stdout).toContain('Commands:');
    expect(kontera(['-h', '--lang', 'en'], { env: { LANG: 'sv_SE.UTF-8' } }).stdout).toContain('Commands:');
    const bad = join(ROOT, 'fixtures', 'statements', 'invalid', 'seb-malformed-amount.csv');
    expect(kontera(['suggest', bad, '--history', history, '--dry-run', '--lang', 'sv']).stderr).toMatch(/^kontera: INVALID_AMOUNT: .*\(.*seb-malformed-amount\.csv, rad 3, fält "Belopp"\)\n$/);
    expect(kontera(['suggest', '--lang', 'de']).code).toBe(2);
    const dir = mkdtempSync(join(tmpdir(), 'kontera-lang-'));
    expect(kontera(['suggest', statement, '--history', history, '--lang', 'sv'], { cwd: dir }).code).toBe(0);
    expect(readFileSync(join(dir, 'review.csv'), 'utf8').split('\r\n')[0]).toBe('\ufefffil;rad;datum;belopp;text;föreslaget konto;föreslagen verifikation;säkerhet;källa;skäl;varför granska;transaktions-id');
  });

  it('hints name the command line\'s options, not the library\'s', () => {
    const unknown = kontera(['suggest', join(ROOT, 'fixtures', 'statements', 'invalid', 'swedbank-fixed-2015-unknown-header.txt'), '--history', history, '--dry-run']);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toMatch(/^kontera: UNKNOWN_FORMAT: .*--columns date=…,amount=…,text=…/);
    expect(unknown.stderr).not.toContain('`columns`');
    // Installed without optional dependencies: no better-sqlite3.
    const db = kontera(['--db', join(scratch, 'x.db'), 'clients']);
    expect(db.code).toBe(3);
    expect(db.stderr).toContain('npm install better-sqlite3');
    expect(db.stderr).not.toContain('{ database }');
  });

  it('back-test wording: one month says why nothing was learned, counts are singular when one, no bank vouchers get no empty chart', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kontera-onemonth-'));
    const sie = (rows: string[]): string =>
      ['#FLAGGA 0', '#FORMAT PC8', '#SIETYP 4', '#FNAMN "Exempelbolaget i Ösmo AB"', '#RAR 0 20250101 20251231', '#KONTO 1930 "Bank"', '#KONTO 2440 "Leverantörsskulder"', '#KONTO 6110 "Kontorsmateriel"', '#VER A 1 20250115 "Pennor"', '{', ...rows, '}', ''].join('\r\n');
    writeFileSync(join(dir, 'en-manad.se'), sie(['#TRANS 1930 {} -100.00', '#TRANS 6110 {} 100.00']));
    const r = kontera(['backtest', join(dir, 'en-manad.se')], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('en-manad.se: 1 bank voucher; nothing learned before the replay: the first 70 % ends inside the first month (2025-01) and only whole months are learned');
    expect(r.stdout).not.toContain('learned the first 0');
    expect(kontera(['backtest', join(dir, 'en-manad.se'), '--lang', 'sv'], { cwd: dir }).stdout).toContain('en-manad.se: 1 bankverifikation; inget inlärt före uppspelningen');
    const noBank = mkdtempSync(join(tmpdir(), 'kontera-nobank-'));
    writeFileSync(join(noBank, 'utan-bank.se'), sie(['#TRANS 2440 {} -100.00', '#TRANS 6110 {} 100.00']));
    const n = kontera(['backtest', join(noBank, 'utan-bank.se')], { cwd: noBank });
    expect(n.code).toBe(0);
    expect(n.stdout).toContain('no bank vouchers');
    expect(n.stdout).toContain('no chart written');
    expect(readdirSync(noBank)).toEqual(['utan-bank.se']);
  });

  it('writes the back-test chart in the chosen language', () => {
    const chart = join(scratch, 'sv.svg');
    expect(kontera(['backtest', join(DEMO, 'ljusgard', 'history-2025.se'), '--chart', chart, '--lang', 'sv']).code).toBe(0);
    const svg = readFileSync(chart, 'utf8');
    expect(svg).toContain('andel av de uppspelade raderna som bokförs automatiskt');
    expect(svg).toContain('tröskel för autobokföring 0.95:');
  });
});

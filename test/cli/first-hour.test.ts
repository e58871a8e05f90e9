/**
 * A bureau's first hour with the `kontera` command, on real files: the mistakes a new user makes
 * (a wrong file named as the database, a folder that does not exist, …) and what the command then
 * says and exits with, as the README promises.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO, ROOT, kontera, tempDir } from './helpers.js';

const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'esm', 'index.mjs');
const MAIN = join(ROOT, 'src', 'cli', 'main.ts');

// Real files from ../shared/corpus as fixtures/ keeps them (fixtures/SOURCES.md, fixtures/sie/SOURCES.md), so the test runs in a
// clone without the corpus: a Swedbank TAB export (corpus bank/swedbank/sample1) and a SIE file
// (corpus sie/forsslund/SIE4_Exempelfil.SE).
const FIXTURES = join(ROOT, 'fixtures');
const SWEDBANK = join(FIXTURES, 'statements', 'swedbank', 'tab-2015.txt');
const SIE = join(FIXTURES, 'sie', 'SIE4_Exempelfil.SE');

describe('kontera --db FILE: a --db that is not a usable database file', () => {
  it('a bank statement or SIE file named as the database is refused as not a kontera database (exit 3), in JSON naming the file; not an internal error', () => {
    const dir = tempDir();
    copyFileSync(SWEDBANK, join(dir, 'januari.csv'));
    const r = kontera(['--db', 'januari.csv', 'clients'], dir);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^kontera: STORE_SCHEMA: Not a kontera database: .*\(januari\.csv\)\n$/);
    const sv = kontera(['--lang', 'sv', '--json', '--db', SIE, 'learn', 'kaffe', SIE], dir);
    expect(sv.code).toBe(3);
    const { error } = JSON.parse(sv.stderr) as { error: { code: string; message: string; file: string } };
    expect(error.code).toBe('STORE_SCHEMA');
    expect(error.file).toBe(SIE);
    expect(error.message).toMatch(/^Ingen kontera-databas/);
  });

  it('a database in a folder that does not exist, or a folder named as the database, is exit 4 naming the file, and creates nothing', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'byrå mapp'));
    const missing = kontera(['--db', join('finns inte', 'byra.db'), 'clients'], dir);
    expect(missing.code).toBe(4);
    expect(missing.stderr).toBe(`kontera: file: Cannot open the database ${join('finns inte', 'byra.db')}: its folder does not exist\n`);
    expect(existsSync(join(dir, 'finns inte'))).toBe(false);
    const folder = kontera(['--lang', 'sv', '--db', 'byrå mapp', 'clients'], dir);
    expect(folder.code).toBe(4);
    expect(folder.stderr).toBe('kontera: fil: Kan inte öppna databasen byrå mapp: det är en mapp\n');
  });
});

describe('kontera COMMAND --help tells the truth', () => {
  const commands = ['suggest', 'backtest', 'clients', 'learn', 'import', 'confirm', 'correct', 'lines', 'export', 'relearn'];
  it('every option a usage line shows is listed under Options, and no help that lists options says the command has none (sv and en)', () => {
    const dir = tempDir();
    for (const lang of ['en', 'sv']) {
      for (const c of commands) {
        const r = kontera(['--lang', lang, c, '--help'], dir);
        expect(r.code).toBe(0);
        const [usage, options = ''] = r.stdout.split(/\n(?:Options|Flaggor):\n/);
        expect(r.stdout, `${c} --help (${lang})`).not.toMatch(/no options of its own|inga egna flaggor/i);
        for (const flag of new Set((usage ?? '').split('\n').filter((l) => /kontera /.test(l)).join(' ').match(/--[a-z][a-z-]*/g) ?? [])) {
          expect(options, `${c} --help (${lang}) shows ${flag} in its usage`).toContain(flag);
        }
      }
    }
  });
});

describe('kontera: a SIE file given as the bank statement, and a bank statement given as the SIE file', () => {
  const setUp = (): string => {
    const dir = tempDir();
    copyFileSync(SIE, join(dir, 'bokföring 2025.se'));
    copyFileSync(join(DEMO, 'kaffebryggeriet', 'Transaktioner_2026-02-01_07-42-10.csv'), join(dir, 'januari 2026.csv'));
    expect(kontera(['--db', 'byrå.db', 'clients', 'add', 'kaffe', '--name', 'Kaffebryggeriet AB'], dir).code).toBe(0);
    return dir;
  };

  it('import of a SIE file says to learn it, with the command to type (the name quoted), not readSie nor --format/--columns; exit 3', () => {
    const dir = setUp();
    const r = kontera(['--db', 'byrå.db', 'import', 'kaffe', 'bokföring 2025.se'], dir);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('kontera: UNKNOWN_FORMAT: This is a SIE file of the books, not a bank statement: learn it with kontera --db byrå.db learn kaffe "bokföring 2025.se" (bokföring 2025.se, line 1)\n');
    const sv = kontera(['--lang', 'sv', '--json', '--db', 'byrå.db', 'import', 'kaffe', 'bokföring 2025.se'], dir);
    expect(JSON.parse(sv.stderr)).toEqual({
      error: { code: 'UNKNOWN_FORMAT', message: 'Det här är en SIE-fil med bokföringen, inte ett kontoutdrag: lär in den med kontera --db byrå.db learn kaffe "bokföring 2025.se" (bokföring 2025.se, rad 1)', file: 'bokföring 2025.se', line: 1, field: null },
    });
  });

  it('learn of a bank statement names its format and says to import it; nothing is learned; exit 3', () => {
    const dir = setUp();
    const r = kontera(['--lang', 'sv', '--db', 'byrå.db', 'learn', 'kaffe', 'januari 2026.csv'], dir);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('kontera: SIE_NOT_SIE: Det här är ett kontoutdrag (swedbank-csv), inte en SIE-fil med bokföringen: importera det med kontera --db byrå.db import kaffe "januari 2026.csv" (januari 2026.csv, rad 1)\n');
    // A file that is neither keeps the reader's own message.
    const pdf = kontera(['--db', 'byrå.db', 'learn', 'kaffe', join(FIXTURES, 'sie', 'BokSald.SE')], dir);
    expect(pdf.code).toBe(3);
    expect(pdf.stderr).toMatch(/^kontera: SIE_NOT_SIE: Not a SIE file: expected a #LABEL record/);
  });

  it('the one-shot suggest with the two files swapped says which goes where, and writes nothing', () => {
    const dir = setUp();
    const r = kontera(['suggest', 'bokföring 2025.se', '--history', 'januari 2026.csv'], dir);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('kontera: SIE_NOT_SIE: This is a bank statement (swedbank-csv), not a SIE file of the books: name the statement(s) first, and the SIE export of the books with --history');
    const both = kontera(['suggest', 'januari 2026.csv', 'bokföring 2025.se', '--history', 'bokföring 2025.se'], dir);
    expect(both.code).toBe(3);
    expect(both.stderr).toContain('kontera: UNKNOWN_FORMAT: This is a SIE file of the books, not a bank statement: give it with --history, after the statement(s) (bokföring 2025.se, line 1)\n');
    expect(existsSync(join(dir, 'vouchers.se'))).toBe(false);
    expect(existsSync(join(dir, 'review.csv'))).toBe(false);
  });
});

describe('kontera --db FILE clients remove: erasing a client', () => {
  it('refuses without --yes (exit 2, saying what it would erase), refuses an unknown id (exit 3), then erases the client and all it stored; another client stays', () => {
    const dir = tempDir();
    const db = ['--db', 'byrå.db'];
    const kaffe = join(DEMO, 'kaffebryggeriet');
    expect(kontera([...db, 'clients', 'add', 'kaffe', '--name', 'Kaffebryggeriet AB', '--bureau', 'byra-1'], dir).code).toBe(0);
    expect(kontera([...db, 'clients', 'add', 'hedlund', '--name', 'Hedlunds Bygg AB', '--bureau', 'byra-1'], dir).code).toBe(0);
    expect(kontera([...db, 'learn', 'kaffe', join(kaffe, 'history-2025.se')], dir).code).toBe(0);
    expect(kontera([...db, 'import', 'kaffe', join(kaffe, 'Transaktioner_2026-02-01_07-42-10.csv')], dir).code).toBe(0);
    expect(kontera([...db, 'confirm', 'kaffe'], dir).code).toBe(0);

    const ask = kontera([...db, 'clients', 'remove', 'kaffe'], dir);
    expect(ask.code).toBe(2);
    expect(ask.stderr).toBe('kontera: usage: clients remove erases client kaffe (Kaffebryggeriet AB) of bureau byra-1 and everything stored about it (statements, lines, vouchers, what it taught), for good: to do so, kontera --db byrå.db clients remove kaffe --yes\n');
    expect(kontera([...db, '--json', 'suggest', 'kaffe'], dir).code).toBe(0);
    const unknown = kontera([...db, 'clients', 'remove', 'kafe', '--yes'], dir);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toMatch(/NOT_FOUND/);

    const r = kontera([...db, '--json', 'clients', 'remove', 'kaffe', '--yes'], dir);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { client: string; bureau: string; erased: { clients: number; statements: number; transactions: number; vouchers: number } };
    expect(out).toMatchObject({ client: 'kaffe', bureau: 'byra-1', erased: { clients: 1, statements: 1, transactions: 23 } });
    expect(out.erased.vouchers).toBeGreaterThan(0);
    const after = kontera([...db, '--json', 'clients'], dir);
    expect((JSON.parse(after.stdout) as { id: string }[]).map((c) => c.id)).toEqual(['hedlund']);
    expect(kontera([...db, 'suggest', 'kaffe'], dir).code).toBe(3);
  });
});

describe("kontera --db FILE clients add --bank-accounts ACCOUNT=NUMBER: another company's bank export", () => {
  it("refuses a statement of another account number (exit 3, naming the file), where without the number it was put on the client's account with a warning", () => {
    const dir = tempDir();
    const db = ['--db', 'byrå.db'];
    const own = join(DEMO, 'kaffebryggeriet', 'Transaktioner_2026-02-01_07-42-10.csv');
    const other = join(DEMO, 'hedlunds-bygg', 'FÖRETAGSKONTO 3300 12 34567 - 2026.02.01 08.15.csv');
    expect(kontera([...db, 'clients', 'add', 'kaffe', '--name', 'Kaffebryggeriet AB', '--bank-accounts', '1930=8327-9 943 456 789-0'], dir).code).toBe(0);
    const list = kontera([...db, 'clients'], dir);
    expect(list.stdout).toContain('1930 (8327-9 943 456 789-0)');
    const ok = kontera([...db, 'import', 'kaffe', own], dir);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('23 lines on 1930, 23 new');
    expect(ok.stderr).not.toContain('BANK_ACCOUNT_GUESSED');

    const refused = kontera([...db, '--json', 'import', 'kaffe', other], dir);
    expect(refused.code).toBe(3);
    const { error } = JSON.parse(refused.stderr) as { error: { code: string; message: string; file: string | null } };
    expect(error.code).toBe('VALIDATION');
    expect(error.file).toBe(other);
    expect(error.message).toMatch(/^Statement for an unknown account: the file is for account 3300 12 34567, client "kaffe" has 1930 \(8327-9 943 456 789-0\); pass --bank-account/);
    const forced = kontera([...db, 'import', 'kaffe', other, '--bank-account', '1930'], dir);
    expect(forced.code).toBe(3);
    expect(forced.stderr).toContain(`Statement account mismatch: the file is for 3300 12 34567, bank account 1930 of client "kaffe" is 8327-9 943 456 789-0 (${other})`);
    // Nothing of the other company's file was stored.
    const open = JSON.parse(kontera([...db, '--json', 'suggest', 'kaffe'], dir).stdout) as { lines: number };
    expect(open.lines).toBe(23);

    const bad = kontera([...db, 'clients', 'add', 'x', '--name', 'X', '--bank-accounts', '1930=SE12 3456'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Bad --bank-accounts item "1930=SE12 3456"/);
  });

  it("the warning on an export without an account number tells how to register one on the command line, not 'give the account's number'", () => {
    const dir = tempDir();
    expect(kontera(['--db', 'b.db', 'clients', 'add', 'kaffe', '--name', 'Kaffebryggeriet AB'], dir).code).toBe(0);
    const r = kontera(['--db', 'b.db', 'import', 'kaffe', SWEDBANK], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("the file does not name its account; pass --bank-account, or register the account's number when the client is added (clients add ID --bank-accounts 1930=NUMBER), to settle it\n");
  });
});

describe('kontera import: Ctrl-C in the middle of a long import', () => {
  it('stops, says the import was undone (exit 130, in the chosen language), and stores nothing of the file; the same import then runs whole', async () => {
    const dir = tempDir();
    // A long real export: the Swedbank rows of the demo statement, renumbered, 8 000 times over (184 000 lines).
    const real = readFileSync(join(DEMO, 'kaffebryggeriet', 'Transaktioner_2026-02-01_07-42-10.csv'), 'latin1').split('\r\n').filter((l) => l !== '');
    const [preamble, header, ...rows] = real as [string, string, ...string[]];
    const body: string[] = [];
    for (let i = 0; i < 8000; i++) for (const r of rows) body.push(`${body.length + 1}${r.slice(r.indexOf(','))}`);
    writeFileSync(join(dir, 'lång export.csv'), Buffer.from([preamble, header, ...body, ''].join('\r\n'), 'latin1'));
    expect(kontera(['--db', 'byrå.db', 'clients', 'add', 'kaffe', '--name', 'Kaffebryggeriet AB'], dir).code).toBe(0);
    const wal = join(dir, 'byrå.db-wal');
    expect(existsSync(wal)).toBe(false);

    const env = { ...process.env, NODE_OPTIONS: '', LC_ALL: '', LC_MESSAGES: '', LANG: 'sv_SE.UTF-8' };
    const child = spawn(process.execPath, ['--import', TSX, MAIN, '--db', 'byrå.db', 'import', 'kaffe', 'lång export.csv'], { cwd: dir, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
    // The database is open once its write-ahead log exists: the import is under way.
    for (let i = 0; i < 600 && !existsSync(wal); i++) await new Promise((r) => setTimeout(r, 50));
    expect(existsSync(wal)).toBe(true);
    child.kill('SIGINT');
    const code = await exited;
    expect(stdout).toBe('');
    expect(code).toBe(130);
    expect(stderr).toContain('kontera: ABORTED: Avbrutet: det pågående arbetet ångrades, inget av det är sparat');

    const after = JSON.parse(kontera(['--db', 'byrå.db', '--json', 'suggest', 'kaffe'], dir).stdout) as { lines: number };
    expect(after.lines).toBe(0);
    const again = kontera(['--db', 'byrå.db', '--json', 'import', 'kaffe', 'lång export.csv'], dir);
    expect(again.code).toBe(0);
    expect((JSON.parse(again.stdout) as { statements: { added: number }[] }).statements[0]?.added).toBe(184000);
  }, 240000);
});

describe('kontera --db FILE export: a second month', () => {
  it("does not overwrite last month's CLIENT.se it was not told to write (exit 2, file kept); --out or --force write", () => {
    const dir = tempDir();
    const db = ['--db', 'byrå.db'];
    const kaffe = join(DEMO, 'kaffebryggeriet');
    expect(kontera([...db, 'clients', 'add', 'kaffe', '--name', 'Kaffebryggeriet AB'], dir).code).toBe(0);
    expect(kontera([...db, 'learn', 'kaffe', join(kaffe, 'history-2025.se')], dir).code).toBe(0);
    expect(kontera([...db, 'import', 'kaffe', join(kaffe, 'Transaktioner_2026-02-01_07-42-10.csv')], dir).code).toBe(0);
    expect(kontera([...db, 'confirm', 'kaffe'], dir).code).toBe(0);
    const first = kontera([...db, 'export', 'kaffe'], dir);
    expect(first.code).toBe(0);
    const january = readFileSync(join(dir, 'kaffe.se'));
    const again = kontera([...db, 'export', 'kaffe', '--from', '2026-02-01'], dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe('kontera: usage: kaffe.se exists: expected a new file; name the output with --out FILE (e.g. by month), or pass --force to overwrite it\n');
    expect(readFileSync(join(dir, 'kaffe.se'))).toEqual(january);
    expect(kontera([...db, 'export', 'kaffe', '--from', '2026-02-01', '--out', 'kaffe-februari.se'], dir).code).toBe(0);
    expect(kontera([...db, 'export', 'kaffe', '--force'], dir).code).toBe(0);
    // A date a user mistypes is a wrong command line (exit 2) naming the option, not a refused input saying "from".
    const typo = kontera([...db, '--lang', 'sv', 'export', 'kaffe', '--from', '2026-13-01', '--out', 'x.se'], dir);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe('kontera: användning: Felaktigt --from "2026-13-01": väntade ett datum ÅÅÅÅ-MM-DD, t.ex. 2026-01-31\n');
    expect(existsSync(join(dir, 'x.se'))).toBe(false);
    expect(readFileSync(join(dir, 'kaffe.se')).length).toBeGreaterThan(0);
  });
});

describe('kontera --db FILE export: each month\'s file carries only what no earlier export did', () => {
  it("a second export leaves out the first's vouchers (saying so), writes nothing when nothing is new, and --all writes everything again", () => {
    const dir = tempDir();
    const db = ['--db', 'byrå.db', '--lang', 'en'];
    const kaffe = join(DEMO, 'kaffebryggeriet');
    expect(kontera([...db, 'clients', 'add', 'kaffe', '--name', 'Kaffebryggeriet AB'], dir).code).toBe(0);
    expect(kontera([...db, 'learn', 'kaffe', join(kaffe, 'history-2025.se')], dir).code).toBe(0);
    expect(kontera([...db, 'import', 'kaffe', join(kaffe, 'Transaktioner_2026-02-01_07-42-10.csv')], dir).code).toBe(0);
    const listed = JSON.parse(kontera([...db, '--json', 'suggest', 'kaffe'], dir).stdout) as { suggestions: { id: string; voucher: unknown }[] };
    const withVoucher = listed.suggestions.filter((s) => s.voucher !== null);
    expect(withVoucher.length).toBeGreaterThan(2);
    const [first, ...rest] = withVoucher;
    expect(kontera([...db, 'confirm', 'kaffe', '--transaction', String(first?.id)], dir).code).toBe(0);
    const january = kontera([...db, 'export', 'kaffe', '--out', 'januari.se'], dir);
    expect(january.stdout).toBe('kaffe: 1 voucher → januari.se\n');
    expect(kontera([...db, 'confirm', 'kaffe', '--transaction', rest.map((s) => s.id).join(',')], dir).code).toBe(0);
    const february = kontera([...db, 'export', 'kaffe', '--out', 'februari.se'], dir);
    expect(february.code).toBe(0);
    const n = rest.length;
    expect(february.stdout).toMatch(new RegExp(`^kaffe: ${n} vouchers → februari\\.se \\(A1 and before were exported on \\d{4}-\\d\\d-\\d\\d and are left out: --all writes them again\\)\\n$`));
    const sie = (file: string): string[] => readFileSync(join(dir, file), 'latin1').split('\n').filter((l) => l.startsWith('#VER')).map((l) => l.split(' ').slice(1, 3).join(' '));
    expect(sie('januari.se')).toEqual(['A 1']);
    expect(sie('februari.se')).toEqual(Array.from({ length: n }, (_, i) => `A ${i + 2}`));
    const nothing = kontera([...db, 'export', 'kaffe', '--out', 'mars.se'], dir);
    expect(nothing.stdout).toMatch(/^kaffe: no vouchers confirmed since the last export \(A\d+, \d{4}-\d\d-\d\d\); nothing written/);
    expect(existsSync(join(dir, 'mars.se'))).toBe(false);
    expect(kontera([...db, 'export', 'kaffe', '--all', '--out', 'alla.se'], dir).stdout).toBe(`kaffe: ${n + 1} vouchers → alla.se\n`);
  });
});

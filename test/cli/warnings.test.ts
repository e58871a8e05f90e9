/**
 * Issue 13 item 4: every warning the library reports reaches the user — on stderr, one line each
 * with file and line, and in `--json` — and the counts of items 1–2 (lines already booked in the
 * books, vouchers learned before) are printed.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { inCliTerms } from '../../src/cli/warnings.js';
import { describe, expect, it } from 'vitest';
import { bankLines, bookVouchers, JANUARY_2026, sieFile, swedbankFile } from '../kontera/books.fixtures.js';
import { kontera, tempDir } from './helpers.js';

const books = bookVouchers();
const inBank = books.filter((v) => v.rows[0]?.[0] === '1930').length;

/** A SIE file as a bookkeeping program writes it: CP437, as `#FORMAT PC8` declares. */
function pc8(text: string): Buffer {
  return iconv.encode(text, 'cp437');
}

/** The statement with one balance off: the chain breaks at that line. */
function brokenChain(): { text: string; line: number } {
  const lines = swedbankFile(bankLines(books, JANUARY_2026)).split('\r\n');
  // Line 3 of the file is the newest row; break the balance of the tenth row from the top.
  const n = 12;
  const cells = (lines[n - 1] as string).split(',');
  cells[cells.length - 1] = (Number(cells[cells.length - 1]) + 1).toFixed(2);
  lines[n - 1] = cells.join(',');
  return { text: lines.join('\r\n'), line: n };
}

describe('warnings and counts reach the user', () => {
  it('learn and import print every warning on stderr with file and line, put them in --json, and report lines already booked', () => {
    const dir = tempDir();
    const db = join(dir, 'k.db');
    writeFileSync(join(dir, 'books.se'), pc8(sieFile(books)));
    const broken = brokenChain();
    writeFileSync(join(dir, 'bank.csv'), broken.text);
    expect(kontera(['--db', db, 'clients', 'add', 'fjall', '--name', 'Fjällbryggan AB', '--bank-accounts', '1930'], dir).code).toBe(0);

    const learn = kontera(['--db', db, 'learn', 'fjall', 'books.se'], dir);
    expect(learn.code).toBe(0);
    // The books also use 1920, which this client does not have: said once, on stderr.
    expect(learn.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^books\.se: warning BANK_ACCOUNT_NOT_LEARNED: The books also use 1920 PlusGiro \(12 vouchers\)/)]);
    // In the command's terms: learn's --bank-accounts, not the API's bankAccounts.
    expect(learn.stderr).toContain('learn the file again with --bank-accounts naming it too');
    expect(learn.stderr).not.toMatch(/\bbankAccounts\b/);
    // Named on learn, the PlusGiro account's vouchers are learned as bank bookings: no warning, more learned.
    const db2 = join(dir, 'k2.db');
    expect(kontera(['--db', db2, 'clients', 'add', 'fjall', '--name', 'Fjällbryggan AB', '--bank-accounts', '1930'], dir).code).toBe(0);
    const both = kontera(['--db', db2, '--json', 'learn', 'fjall', 'books.se', '--bank-accounts', '1930,1920'], dir);
    expect(both.code).toBe(0);
    expect(both.stderr).not.toContain('BANK_ACCOUNT_NOT_LEARNED');
    const once = kontera(['--db', join(dir, 'k3.db'), '--json', 'clients', 'add', 'fjall', '--name', 'Fjällbryggan AB', '--bank-accounts', '1930'], dir);
    expect(once.code).toBe(0);
    const only1930 = kontera(['--db', join(dir, 'k3.db'), '--json', 'learn', 'fjall', 'books.se'], dir);
    expect((JSON.parse(both.stdout) as { learned: number }).learned).toBeGreaterThan((JSON.parse(only1930.stdout) as { learned: number }).learned);

    const imported = kontera(['--db', db, 'import', 'fjall', 'bank.csv'], dir);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain(`, ${inBank} already booked in the client's books`);
    const stderr = imported.stderr.trim().split('\n');
    // The changed balance disagrees with the rows on both sides of it: the chain breaks next to its line.
    const chain = stderr.find((l) => l.includes('BALANCE_CHAIN_BROKEN')) ?? '';
    expect(chain).toMatch(/^bank\.csv:\d+: warning BALANCE_CHAIN_BROKEN: /);
    expect(Math.abs(Number(chain.split(':')[1]) - broken.line)).toBeLessThanOrEqual(1);
    expect(stderr).toContainEqual(expect.stringMatching(/^bank\.csv: warning BANK_ACCOUNT_GUESSED: Statement put on 1930/));

    const again = kontera(['--db', db, '--json', 'import', 'fjall', 'bank.csv'], dir);
    const out = JSON.parse(again.stdout) as { statements: { booked: number; warnings: { file: string; line?: number; code: string }[] }[] };
    expect(out.statements[0]?.booked).toBe(inBank);
    expect(out.statements[0]?.warnings).toContainEqual(expect.objectContaining({ file: 'bank.csv', line: Number(chain.split(':')[1]), code: 'BALANCE_CHAIN_BROKEN' }));
    expect(again.stderr).toContain('BALANCE_CHAIN_BROKEN');

    const relearn = kontera(['--db', db, '--json', 'learn', 'fjall', 'books.se'], dir);
    expect(JSON.parse(relearn.stdout)).toMatchObject({ learned: 0, unchanged: books.length - 12, replaced: 0 });
  }, 120_000);

  it('a truncated SIE file is reported with its line', () => {
    const dir = tempDir();
    const db = join(dir, 'k.db');
    const text = sieFile(books);
    // Cut inside a voucher: its rows end without the closing brace.
    const cut = text.slice(0, text.indexOf('#TRANS 6212', text.length / 2));
    writeFileSync(join(dir, 'cut.se'), pc8(cut));
    expect(kontera(['--db', db, 'clients', 'add', 'c', '--name', 'C AB', '--bank-accounts', '1930,1920'], dir).code).toBe(0);
    const r = kontera(['--db', db, '--json', 'learn', 'c', 'cut.se'], dir);
    expect(r.code).toBe(0);
    const lines = r.stderr.trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(l).toMatch(/^cut\.se:\d+: (error|warning|info) SIE_[A-Z_]+: /);
    const json = JSON.parse(r.stdout) as { warnings: { file: string; line: number; code: string }[] };
    expect(json.warnings.length).toBe(lines.length);
    expect(json.warnings.every((w) => w.file === 'cut.se' && Number.isInteger(w.line))).toBe(true);
  }, 60_000);

  it('backtest reports a dropped unbalanced voucher on stderr and in --json, and says so in its summary', () => {
    const dir = tempDir();
    const unbalanced = books.map((v, i) => (i === 30 ? { ...v, rows: v.rows.map(([a, n], j) => [a, j === 1 ? n + 100 : n] as const) } : v));
    const text = sieFile(unbalanced);
    writeFileSync(join(dir, 'books.se'), pc8(text));
    const verLine = text.split('\r\n').findIndex((l) => l.startsWith(`#VER ${unbalanced[30]?.series} ${unbalanced[30]?.number} `)) + 1;
    const r = kontera(['backtest', 'books.se', '--chart', join(dir, 'c.svg')], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`^books\\.se:${verLine}: error SIE_UNBALANCED_VOUCHER: `, 'm'));
    expect(r.stdout).toContain('1 unbalanced voucher left out of the replay');
    const j = kontera(['--json', 'backtest', 'books.se', '--chart', join(dir, 'c.svg')], dir);
    expect((JSON.parse(j.stdout) as { warnings: { code: string; line: number }[] }).warnings).toEqual([expect.objectContaining({ code: 'SIE_UNBALANCED_VOUCHER', line: verLine })]);
  }, 60_000);
});

describe('library messages in the command line terms', () => {
  it('name no API option the command line does not take', () => {
    expect(inCliTerms('3 preliminary/reserved row(s) not included (pass includePending to see them)')).toBe('3 preliminary/reserved row(s) not included (they are not booked yet: a later export has them)');
    expect(inCliTerms('one import books one bank account: pass accountNumber to import one account\'s rows')).toContain('pass --account-number');
  });
});

describe('fiscal years on the command line', () => {
  /** Rent every month from July 2024 to December 2025, numbered A 1 … A 18 in one irregular first year, without #RAR. */
  function irregularYear(): string {
    const lines = ['#FLAGGA 0', '#FORMAT PC8', '#SIETYP 4', '#PROGRAM "Exempelbok" 2.1', '#FNAMN "Ekholms Bageri AB"'];
    for (let i = 0; i < 18; i++) {
      const month = 6 + i;
      const date = `${2024 + Math.floor(month / 12)}${String((month % 12) + 1).padStart(2, '0')}15`;
      lines.push(`#VER A ${i + 1} ${date} "Hyra ${date.slice(0, 6)}"`, '{', '#TRANS 5010 {} 9000.00', '#TRANS 1930 {} -9000.00', '}');
    }
    return lines.join('\r\n') + '\r\n';
  }

  it("learn says FISCAL_YEAR_UNCERTAIN in the command's terms, --fiscal-years states the years, and a bad one is exit 2", () => {
    const dir = tempDir();
    const db = join(dir, 'k.db');
    writeFileSync(join(dir, 'bok.si'), pc8(irregularYear()));
    expect(kontera(['--db', db, 'clients', 'add', 'ek', '--name', 'Ekholms Bageri AB', '--bank-accounts', '1930'], dir).code).toBe(0);
    const guessed = kontera(['--db', db, 'learn', 'ek', 'bok.si'], dir);
    expect(guessed.code).toBe(0);
    expect(guessed.stderr).toMatch(/^bok\.si: warning FISCAL_YEAR_UNCERTAIN: .*\(--fiscal-years START\.\.END,… of learn\)/m);
    expect(guessed.stderr).not.toContain('option fiscalYears');
    const stated = kontera(['--db', join(dir, 'k2.db'), '--json', 'clients', 'add', 'ek', '--name', 'Ekholms Bageri AB', '--bank-accounts', '1930'], dir);
    expect(stated.code).toBe(0);
    const learned = kontera(['--db', join(dir, 'k2.db'), '--json', 'learn', 'ek', 'bok.si', '--fiscal-years', '2024-07-10..2025-12-31'], dir);
    expect(learned.code).toBe(0);
    expect(learned.stderr).not.toContain('FISCAL_YEAR_UNCERTAIN');
    expect((JSON.parse(learned.stdout) as { learned: number }).learned).toBe(18);
    // Stated once on the client: every learn uses them.
    expect(kontera(['--db', join(dir, 'k3.db'), 'clients', 'add', 'ek', '--name', 'Ekholms Bageri AB', '--bank-accounts', '1930', '--fiscal-years', '2024-07-10..2025-12-31'], dir).code).toBe(0);
    const onClient = kontera(['--db', join(dir, 'k3.db'), '--json', 'learn', 'ek', 'bok.si'], dir);
    expect(onClient.stderr).not.toContain('FISCAL_YEAR_UNCERTAIN');
    expect((JSON.parse(onClient.stdout) as { learned: number }).learned).toBe(18);
    // Longer than the eighteen months of BFL 3:3: refused as input (exit 3), saying why.
    const long = kontera(['--db', join(dir, 'k2.db'), 'learn', 'ek', 'bok.si', '--fiscal-years', '2024-05-10..2025-12-31'], dir);
    expect(long.code).toBe(3);
    expect(long.stderr).toContain('Invalid --fiscal-years: 2024-05-10 – 2025-12-31 is no fiscal year, it is longer than eighteen months (BFL 3:3');
    for (const bad of ['2024-05-10-2025-12-31', '2025-12-31..2024-05-10', '2024-02-30..2024-12-31']) {
      const r = kontera(['--db', join(dir, 'k2.db'), 'learn', 'ek', 'bok.si', '--fiscal-years', bad], dir);
      expect(r.code, bad).toBe(2);
      expect(r.stderr, bad).toContain(`Bad --fiscal-years part "${bad}"`);
    }
  }, 120_000);
});

/**
 * `kontera suggest` (stateless one-shot) on the demo clients' real files: what it writes to the
 * SIE file and the review CSV, what it prints, and its exit codes and error lines.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readSie } from '../../src/sie/reader.js';
import { DEMO, ROOT, answers, booking, kontera, tempDir } from './helpers.js';
import type { Run } from './helpers.js';

interface JsonLine {
  readonly line: number;
  readonly id: string;
  readonly date: string;
  readonly amount: number;
  readonly action: 'auto' | 'review';
  readonly voucher: { readonly rows: readonly { account: string; amount: number }[] } | null;
  readonly confidence: number;
}

interface SuggestJson {
  readonly lines: number;
  readonly autoBooked: number;
  readonly review: number;
  readonly threshold: number;
  readonly suggestions: readonly JsonLine[];
}

describe('kontera suggest STATEMENT --history BOOKS.se', () => {
  const dir = tempDir();
  const known = answers('kaffebryggeriet');
  const statement = join(DEMO, 'kaffebryggeriet', known.statement);
  const history = join(DEMO, 'kaffebryggeriet', 'history-2025.se');
  let run: Run;
  let out: SuggestJson;

  beforeAll(() => {
    run = kontera(['suggest', statement, '--history', history, '--out', 'jan.se', '--review', 'granska.csv', '--json'], dir);
    out = JSON.parse(run.stdout) as SuggestJson;
  });

  it('exits 0 and accounts for every statement line once', () => {
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(out.lines).toBe(known.lines.length);
    expect(out.autoBooked + out.review).toBe(out.lines);
    expect(new Set(out.suggestions.map((s) => s.line))).toEqual(new Set(known.lines.map((l) => l.line)));
  });

  it('writes exactly the auto-booked vouchers to the SIE 4I file, balanced, and they match the known answers', () => {
    const doc = readSie(readFileSync(join(dir, 'jan.se')));
    const auto = out.suggestions.filter((s) => s.action === 'auto');
    expect(auto.length).toBeGreaterThan(0);
    expect(doc.vouchers).toHaveLength(auto.length);
    for (const v of doc.vouchers) expect(v.transactions.reduce((s, t) => s + t.amount, 0)).toBe(0);
    // Every auto-booked line clears the threshold, and its voucher is in the file.
    const written = doc.vouchers.map((v) => JSON.stringify(booking(v.transactions)));
    for (const s of auto) {
      expect(s.confidence).toBeGreaterThanOrEqual(out.threshold);
      expect(written).toContain(JSON.stringify(booking(s.voucher?.rows ?? [])));
    }
    // Precision against the accountant's bookings: auto-booked vouchers are right to the öre.
    const byLine = new Map(known.lines.map((l) => [l.line, l]));
    const right = auto.filter((s) => JSON.stringify(booking(s.voucher?.rows ?? [])) === JSON.stringify(booking(byLine.get(s.line)?.rows ?? [])));
    expect(right.length / auto.length).toBeGreaterThanOrEqual(0.95);
  });

  it('writes the rest as a review CSV that Excel opens: UTF-8 BOM, ";", CRLF, one row per line with its id', () => {
    const bytes = readFileSync(join(dir, 'granska.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    const rows = text.split('\r\n').filter((l) => l !== '');
    expect(rows[0]).toBe('file;line;date;amount;text;suggested account;suggested voucher;confidence;source;reason;why review;transaction id');
    expect(rows).toHaveLength(out.review + 1);
    const ids = out.suggestions.filter((s) => s.action === 'review').map((s) => s.id);
    for (const id of ids) expect(text).toContain(`;${id}`);
    // Amounts with a decimal comma, as Swedish Excel reads them.
    const first = out.suggestions.find((s) => s.action === 'review');
    expect(first).toBeDefined();
    const kr = `${first && first.amount < 0 ? '-' : ''}${Math.trunc(Math.abs(first?.amount ?? 0) / 100)},${String(Math.abs(first?.amount ?? 0) % 100).padStart(2, '0')}`;
    expect(text).toContain(`;${first?.date};${kr};`);
  });

  it('prints a table and a summary line without --json', () => {
    const d = tempDir();
    const r = kontera(['suggest', statement, '--history', history], d);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Kaffebryggeriet i Kumla AB: learned');
    expect(r.stdout).toMatch(/date\s+bank text\s+amount kr/);
    expect(r.stdout).toContain(`${known.lines.length} lines from 1 statement: ${out.autoBooked} auto-booked at confidence ≥ 0.95 → vouchers.se; ${out.review} to review → review.csv`);
    // Defaults: vouchers.se and review.csv in the working folder.
    expect(existsSync(join(d, 'vouchers.se'))).toBe(true);
    expect(existsSync(join(d, 'review.csv'))).toBe(true);
  });

  it('books nothing automatically at threshold 1 and everything goes to review', () => {
    const d = tempDir();
    const r = kontera(['suggest', statement, '--history', history, '--threshold', '1', '--json'], d);
    const o = JSON.parse(r.stdout) as SuggestJson;
    expect(o.autoBooked).toBe(o.suggestions.filter((s) => s.confidence >= 1 && s.action === 'auto').length);
    expect(readSie(readFileSync(join(d, 'vouchers.se'))).vouchers).toHaveLength(o.autoBooked);
  });

  it('counts a line repeated in two overlapping exports once', () => {
    const d = tempDir();
    const r = kontera(['suggest', statement, statement, '--history', history, '--json'], d);
    const o = JSON.parse(r.stdout) as SuggestJson & { duplicates: number };
    expect(o.lines).toBe(known.lines.length);
    expect(o.duplicates).toBe(known.lines.length);
  });
});

describe('kontera errors: one line, a meaningful exit code, a stack only with --debug', () => {
  const dir = tempDir();
  const history = join(DEMO, 'ljusgard', 'history-2025.se');
  const bad = join(ROOT, 'fixtures', 'statements', 'invalid', 'seb-malformed-amount.csv');

  it('a malformed amount: exit 3, the file, line and field named', () => {
    const r = kontera(['suggest', bad, '--history', history], dir);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('kontera: INVALID_AMOUNT:');
    expect(r.stderr).toContain('seb-malformed-amount.csv, line 3, field "Belopp"');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('the same with --debug adds the stack trace', () => {
    const r = kontera(['suggest', bad, '--history', history, '--debug'], dir);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/\n\s+at /);
  });

  it('an HTML page saved as .csv: exit 3 with HTML_INPUT', () => {
    const r = kontera(['suggest', join(ROOT, 'fixtures', 'statements', 'invalid', 'html-error-page.csv'), '--history', history], dir);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^kontera: HTML_INPUT: .*html-error-page\.csv/);
  });

  it('a SIE file that is not SIE: exit 3 naming the file', () => {
    const r = kontera(['suggest', join(DEMO, 'ljusgard', 'Kontohandelser.csv'), '--history', join(DEMO, 'ljusgard', 'Kontohandelser.csv')], dir);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^kontera: SIE_NOT_SIE: .*Kontohandelser\.csv/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a missing file: exit 4', () => {
    const r = kontera(['suggest', 'finns-inte.csv', '--history', history], dir);
    expect(r.code).toBe(4);
    expect(r.stderr.trim()).toBe('kontera: file: Cannot read finns-inte.csv: no such file');
  });

  it('an output folder that does not exist: exit 4', () => {
    const r = kontera(['suggest', join(DEMO, 'ljusgard', 'Kontohandelser.csv'), '--history', history, '--out', join(dir, 'nope', 'x.se')], dir);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('Cannot write');
  });

  it('--format forces a format: the right one reads the file, a wrong one is refused (exit 3), an unknown id is exit 2', () => {
    const statement = join(DEMO, 'ljusgard', 'Kontohandelser.csv');
    const ok = kontera(['suggest', statement, '--history', history, '--format', 'seb-kontohandelser', '--json', '--dry-run'], dir);
    expect(ok.code).toBe(0);
    expect((JSON.parse(ok.stdout) as { lines: number }).lines).toBe(answers('ljusgard').lines.length);
    const wrong = kontera(['suggest', statement, '--history', history, '--format', 'nordea-2024', '--dry-run'], dir);
    expect(wrong.code).toBe(3);
    expect(wrong.stderr.trim().split('\n')).toHaveLength(1);
    const unknown = kontera(['suggest', statement, '--history', history, '--format', 'postgiro-1990'], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown --format "postgiro-1990": expected one of swedbank-csv');
  });

  it('wrong command lines: exit 2 with what to do', () => {
    expect(kontera(['suggest', '--bogus'], dir)).toMatchObject({ code: 2, stderr: 'kontera: usage: Unknown option --bogus for "suggest"; see kontera suggest --help\n' });
    expect(kontera(['suggest', 'a.csv'], dir).code).toBe(2);
    expect(kontera(['suggest', 'a.csv', '--history', history, '--threshold', '2'], dir).stderr).toContain('--threshold expects a number from 0 to 1');
    expect(kontera(['frobnicate'], dir)).toMatchObject({ code: 2 });
    expect(kontera([], dir).code).toBe(2);
    expect(kontera(['import', 'x'], dir).stderr).toContain('Missing arguments');
  });
});

describe('kontera --help', () => {
  const dir = tempDir();
  it.each(['suggest', 'backtest', 'clients', 'learn', 'import', 'confirm', 'export'])('%s --help shows its usage and exits 0', (command) => {
    const r = kontera([command, '--help'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Usage: kontera ${command === 'suggest' || command === 'backtest' ? command : `--db FILE ${command}`}`);
    expect(r.stdout).toContain('--json');
  });

  it('the main help lists every command and the exit codes', () => {
    const r = kontera(['--help'], dir);
    expect(r.code).toBe(0);
    for (const c of ['suggest', 'backtest', 'clients', 'learn', 'import', 'confirm', 'export']) expect(r.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
    expect(r.stdout).toContain('Exit codes: 0 done');
    expect(kontera(['--version'], dir).stdout).toMatch(/^kontera \d+\.\d+\.\d+\n$/);
  });
});

describe('kontera suggest --account-number (a file with rows of several bank accounts)', () => {
  const dir = tempDir();
  const twoAccounts = join(ROOT, 'fixtures', 'statements', 'sections', 'two-accounts-semicolon.csv');
  const history = join(DEMO, 'kaffebryggeriet', 'history-2025.se');

  it("refuses the file naming the command's option, and suggests for the one account's rows when named", () => {
    const refused = kontera(['suggest', twoAccounts, '--history', history, '--dry-run'], dir);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('9123-4567801, 9123-4567819');
    expect(refused.stderr).toContain('pass --account-number');
    expect(refused.stderr).not.toMatch(/\baccountNumber\b/);
    for (const [number, lines] of [['9123-4567801', 4], ['91234567819', 3]] as const) {
      const r = kontera(['suggest', twoAccounts, '--history', history, '--dry-run', '--account-number', number, '--json'], dir);
      expect(r.code).toBe(0);
      expect((JSON.parse(r.stdout) as SuggestJson).lines).toBe(lines);
    }
  });
});

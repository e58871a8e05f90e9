/**
 * `kontera lines`: the day after an import, what is booked (by which voucher) and what is left, read
 * back from the SQLite file by a new process; exporting changes no status.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO, kontera, tempDir } from './helpers.js';

interface Listed {
  readonly id: string;
  readonly date: string;
  readonly amount: number;
  readonly text: string;
  readonly bankAccount: string;
  readonly status: 'unbooked' | 'booked' | 'pending';
  readonly bookedBy?: { readonly series: string; readonly number: string; readonly from: 'confirmed' | 'sie' };
}

interface Suggested {
  readonly id: string;
  readonly voucher: unknown;
}

const KAFFE = join(DEMO, 'kaffebryggeriet');

describe('kontera --db FILE lines CLIENT', () => {
  const dir = tempDir();
  const db = join(dir, 'byra.db');
  const k = (...args: string[]): ReturnType<typeof kontera> => kontera(['--db', db, ...args], dir);
  const listed = (...args: string[]): Listed[] => {
    const r = k('lines', 'kaffe', '--json', ...args);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout) as Listed[];
  };
  /** The lines booked by `confirm --transaction`, with the vouchers confirm reported. */
  let booked: Map<string, string>;
  let all: Listed[];

  beforeAll(() => {
    expect(k('clients', 'add', 'kaffe', '--name', 'Kaffebryggeriet AB').code).toBe(0);
    expect(k('learn', 'kaffe', join(KAFFE, 'history-2025.se')).code).toBe(0);
    expect(k('import', 'kaffe', join(KAFFE, 'Transaktioner_2026-02-01_07-42-10.csv')).code).toBe(0);
  });

  it('before anything is confirmed, every imported line is to book', () => {
    all = listed();
    expect(all.length).toBeGreaterThan(10);
    expect(all.every((t) => t.status === 'unbooked' && t.bookedBy === undefined)).toBe(true);
    // By date, as the facade returns them.
    expect(all.map((t) => t.date)).toEqual([...all.map((t) => t.date)].sort());
    const table = k('lines', 'kaffe');
    expect(table.stdout).toMatch(new RegExp(`\\n${all.length} lines: 0 booked, ${all.length} still to book; suggestions for them: kontera --db \\S+ suggest kaffe\\n$`));
  });

  it('after confirming three lines, exactly those are booked, with the vouchers confirm gave them', () => {
    const suggestions = (JSON.parse(k('suggest', 'kaffe', '--json').stdout) as { suggestions: Suggested[] }).suggestions;
    // Three lines spread over the month: the first, one in the middle and the last with a voucher.
    const withVoucher = suggestions.filter((s) => s.voucher !== null);
    const chosen = [withVoucher[0], withVoucher[Math.floor(withVoucher.length / 2)], withVoucher[withVoucher.length - 1]].map((s) => s?.id as string);
    expect(new Set(chosen).size).toBe(3);
    const r = k('confirm', 'kaffe', '--json', ...chosen.flatMap((id) => ['--transaction', id.slice(0, 8)]));
    expect(r.code).toBe(0);
    const vouchers = (JSON.parse(r.stdout) as { vouchers: { series: string; number: number; transactionId: string }[] }).vouchers;
    expect(vouchers).toHaveLength(3);
    booked = new Map(vouchers.map((v) => [v.transactionId, `${v.series}${v.number}`]));
    expect([...booked.keys()].sort()).toEqual([...chosen].sort());

    const now = listed();
    expect(now.map((t) => t.id)).toEqual(all.map((t) => t.id));
    for (const t of now) {
      const voucher = booked.get(t.id);
      if (voucher === undefined) {
        expect(t.status, t.id).toBe('unbooked');
        expect(t.bookedBy, t.id).toBeUndefined();
      } else {
        expect(t.status, t.id).toBe('booked');
        expect(t.bookedBy, t.id).toEqual({ series: voucher.slice(0, 1), number: voucher.slice(1), from: 'confirmed' });
      }
    }
    expect(listed('--status', 'booked').map((t) => t.id).sort()).toEqual([...chosen].sort());
    expect(listed('--status', 'unbooked').map((t) => t.id)).toEqual(all.filter((t) => !booked.has(t.id)).map((t) => t.id));

    // The table: each line once, with its status and voucher, and the summary.
    const table = k('lines', 'kaffe');
    expect(table.code).toBe(0);
    const rows = table.stdout.split('\n');
    expect(rows[0]).toMatch(/^id\s+date\s+amount kr\s+bank text\s+status\s+voucher$/);
    for (const t of all) {
      const row = rows.find((l) => l.startsWith(t.id.slice(0, 8)));
      const voucher = booked.get(t.id);
      expect(row, t.id).toMatch(voucher === undefined ? /\s{2}to book$/ : new RegExp(`\\s{2}booked\\s+${voucher}$`));
      expect(row, t.id).toContain(t.date);
    }
    expect(table.stdout).toMatch(new RegExp(`\\n${all.length} lines: 3 booked, ${all.length - 3} still to book; suggestions for them: kontera --db \\S+ suggest kaffe\\n$`));
    const sv = k('--lang', 'sv', 'lines', 'kaffe', '--status', 'booked');
    expect(sv.stdout.split('\n').filter((l) => / bokförd {2}/.test(l))).toHaveLength(3);
    expect(sv.stdout).toMatch(new RegExp(`\\n${all.length} rader \\(3 visade: booked\\): 3 bokförda, ${all.length - 3} kvar att bokföra;`));
  });

  it('--from and --to take the lines of those dates; the summary counts them', () => {
    const from = all[Math.floor(all.length / 3)]?.date as string;
    const to = all[Math.floor((2 * all.length) / 3)]?.date as string;
    const inRange = all.filter((t) => t.date >= from && t.date <= to);
    expect(inRange.length).toBeLessThan(all.length);
    expect(listed('--from', from, '--to', to).map((t) => t.id)).toEqual(inRange.map((t) => t.id));
    const left = inRange.filter((t) => !booked.has(t.id)).length;
    expect(k('lines', 'kaffe', '--from', from, '--to', to).stdout).toMatch(new RegExp(`\\n${inRange.length} lines: ${inRange.length - left} booked, ${left} still to book;`));
    expect(listed('--bank-account', '1930')).toHaveLength(all.length);
  });

  it('export changes no status', () => {
    const before = k('lines', 'kaffe', '--json').stdout;
    const exported = JSON.parse(k('export', 'kaffe', '--json', '--out', join(dir, 'jan.se')).stdout) as { vouchers: number };
    expect(exported.vouchers).toBe(3);
    expect(k('lines', 'kaffe', '--json').stdout).toBe(before);
    expect(k('lines', 'kaffe').stdout).toMatch(new RegExp(`\\n${all.length} lines: 3 booked, ${all.length - 3} still to book;`));
  });

  it('refuses what it cannot list with the usual errors and exit codes', () => {
    const cases: [string[], number, RegExp][] = [
      [['lines', 'kafe'], 3, /^kontera: NOT_FOUND: Unknown client/],
      [['lines', 'kaffe', '--from', '2026-13-01'], 2, /^kontera: usage: Bad --from "2026-13-01": expected a date YYYY-MM-DD/],
      [['lines', 'kaffe', '--status', 'open'], 2, /^kontera: usage: Bad --status "open": expected one of all, unbooked, booked, pending\n$/],
      [['lines', 'kaffe', '--from', '2026-01-31', '--to', '2026-01-01'], 3, /^kontera: VALIDATION: Invalid from and to/],
      [['lines', 'kaffe', '--bank-account', '1940'], 3, /^kontera: VALIDATION: Invalid bankAccount: expected one of the client's bank accounts \(1930\), got "1940"/],
      [['lines'], 2, /^kontera: usage: Missing arguments/],
      [['lines', 'kaffe', 'extra'], 2, /^kontera: usage: Too many arguments: expected one CLIENT, got 2/],
    ];
    for (const [args, code, message] of cases) {
      const r = k(...args);
      expect(r.code, args.join(' ')).toBe(code);
      expect(r.stderr, args.join(' ')).toMatch(message);
    }
  });

  it('a client with nothing imported says how to import; --json is an empty list', () => {
    expect(k('clients', 'add', 'ny', '--name', 'Ny AB').code).toBe(0);
    expect(k('lines', 'ny').stdout).toMatch(/^ny: no imported bank lines yet: kontera --db \S+ import ny STATEMENT\n$/);
    expect(JSON.parse(k('lines', 'ny', '--json').stdout)).toEqual([]);
    expect(k('lines', 'kaffe', '--from', '2030-01-01').stdout).toBe('kaffe: no imported bank lines within the dates and bank account given\n');
  });
});

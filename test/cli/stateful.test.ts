/**
 * The stateful flow through a SQLite file: clients, learn, import, suggest, confirm, export — each
 * command a separate process, so everything that carries over is in the database.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readSie } from '../../src/sie/reader.js';
import { DEMO, answers, booking, kontera, tempDir } from './helpers.js';

interface Suggested {
  readonly id: string;
  readonly line: number;
  readonly action: 'auto' | 'review';
  readonly voucher: { readonly rows: readonly { account: string; amount: number }[] } | null;
}

describe('kontera --db FILE …', () => {
  const dir = tempDir();
  const db = join(dir, 'byra.db');
  const known = answers('hedlunds-bygg');
  const statement = join(DEMO, 'hedlunds-bygg', known.statement);
  const k = (...args: string[]): ReturnType<typeof kontera> => kontera(['--db', db, ...args], dir);

  beforeAll(() => {
    expect(k('clients', 'add', 'hedlund', '--name', 'Hedlunds Bygg & Måleri AB', '--bureau', 'vastkust', '--org-nr', '556987-6543').code).toBe(0);
  });

  it('lists the client it added, with its bureau', () => {
    const r = k('clients', '--bureau', 'vastkust', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject([{ id: 'hedlund', name: 'Hedlunds Bygg & Måleri AB', bureauId: 'vastkust', bankAccounts: ['1930'] }]);
    expect(k('clients', 'add', 'hedlund', '--name', 'Again', '--bureau', 'vastkust').code).toBe(3);
    expect(k('clients', '--bureau', 'okand').code).toBe(3);
    // Without --bureau: every bureau's clients.
    expect(k('clients', 'add', 'kaffe', '--name', 'Kaffebryggeriet i Kumla AB', '--bureau', 'norrsken', '--not-vat-registered').code).toBe(0);
    const all = JSON.parse(k('clients', '--json').stdout) as { id: string; bureauId: string; vatRegistered: boolean }[];
    expect(all.map((c) => [c.id, c.bureauId, c.vatRegistered])).toEqual([['kaffe', 'norrsken', false], ['hedlund', 'vastkust', true]]);
    expect(k('clients').stdout).toMatch(/^kaffe\s+Kaffebryggeriet i Kumla AB\s+norrsken\s+1930\s+no\s+0\.95$/m);
    // A client that lets lines backed only by other clients' bookings auto-book says so, in the file and the list.
    expect(k('clients', 'add', 'oppen', '--name', 'Öppna Boken AB', '--bureau', 'norrsken', '--auto-book-shared', '--threshold', '0.9').code).toBe(0);
    expect((JSON.parse(k('clients', '--bureau', 'norrsken', '--json').stdout) as { id: string; autoBookShared?: boolean }[]).map((c) => [c.id, c.autoBookShared])).toEqual([['kaffe', undefined], ['oppen', true]]);
    expect(k('clients', '--bureau', 'norrsken').stdout).toMatch(/^oppen\s+Öppna Boken AB\s+norrsken\s+1930\s+yes\s+0\.9 \(also on shared evidence\)$/m);
  });

  it('learns, imports once, suggests, confirms what clears the threshold and exports exactly that', () => {
    const learned = JSON.parse(k('learn', 'hedlund', join(DEMO, 'hedlunds-bygg', 'history-2025.se'), '--json').stdout) as { vouchers: number; learned: number };
    const sie = readSie(readFileSync(join(DEMO, 'hedlunds-bygg', 'history-2025.se')));
    expect(learned.vouchers).toBe(sie.vouchers.length);
    expect(learned.learned).toBeGreaterThan(0);

    const first = JSON.parse(k('import', 'hedlund', statement, '--json').stdout) as { statements: { lines: number; added: number; duplicates: number }[] };
    expect(first.statements[0]).toMatchObject({ lines: known.lines.length, added: known.lines.length, duplicates: 0 });
    const again = JSON.parse(k('import', 'hedlund', statement, '--json').stdout) as { statements: { added: number; duplicates: number }[] };
    expect(again.statements[0]).toMatchObject({ added: 0, duplicates: known.lines.length });

    const suggested = JSON.parse(k('suggest', 'hedlund', '--review', join(dir, 'r.csv'), '--json').stdout) as { lines: number; autoBookable: number; suggestions: Suggested[] };
    expect(suggested.lines).toBe(known.lines.length);
    const auto = suggested.suggestions.filter((s) => s.action === 'auto');
    expect(suggested.autoBookable).toBe(auto.length);
    const csv = readFileSync(join(dir, 'r.csv'), 'utf8').split('\r\n').filter((l) => l !== '');
    expect(csv).toHaveLength(known.lines.length - auto.length + 1);
    // The review list names the statement file each line came from, with the line number in it.
    for (const row of csv.slice(1)) expect(row.startsWith(`${statement};`)).toBe(true);

    const confirmed = JSON.parse(k('confirm', 'hedlund', '--json').stdout) as { booked: number; left: number };
    expect(confirmed).toMatchObject({ booked: auto.length, left: known.lines.length - auto.length });
    // Nothing left that clears the threshold: a second confirm books nothing.
    expect(JSON.parse(k('confirm', 'hedlund', '--json').stdout)).toMatchObject({ booked: 0 });

    const exported = k('export', 'hedlund', '--out', join(dir, 'jan.se'));
    expect(exported.code).toBe(0);
    expect(exported.stdout).toBe(`hedlund: ${auto.length} vouchers → ${join(dir, 'jan.se')}\n`);
    const doc = readSie(readFileSync(join(dir, 'jan.se')));
    expect(doc.vouchers).toHaveLength(auto.length);
    expect(doc.header.orgNumber?.number).toBe('556987-6543');
    const byLine = new Map(known.lines.map((l) => [l.line, l]));
    const expected = auto.map((s) => JSON.stringify(booking(byLine.get(s.line)?.rows ?? []))).sort();
    expect(doc.vouchers.map((v) => JSON.stringify(booking(v.transactions))).sort()).toEqual(expected);
  });

  it('books one named line from the review list with --transaction, and refuses an unknown id', () => {
    const open = JSON.parse(k('suggest', 'hedlund', '--json').stdout) as { suggestions: Suggested[] };
    const withVoucher = open.suggestions.find((s) => s.voucher !== null);
    expect(withVoucher).toBeDefined();
    const r = JSON.parse(k('confirm', 'hedlund', '--transaction', withVoucher?.id ?? '', '--json').stdout) as { booked: number; left: number };
    expect(r).toMatchObject({ booked: 1, left: open.suggestions.length - 1 });
    const bad = k('confirm', 'hedlund', '--transaction', 'nope');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Unknown transaction nope');
  });

  it('imports a statement for a second bank account only with --new-account', () => {
    const seb = join(DEMO, 'ljusgard', 'Kontohandelser.csv');
    const refused = k('import', 'kaffe', seb, '--bank-account', '1940');
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/^kontera: VALIDATION: Unknown bank account: .*1940/);
    const added = JSON.parse(k('import', 'kaffe', seb, '--bank-account', '1940', '--new-account', '--json').stdout) as { statements: { bankAccount: string; added: number }[] };
    expect(added.statements[0]).toMatchObject({ bankAccount: '1940', added: answers('ljusgard').lines.length });
    const clients = JSON.parse(k('clients', '--bureau', 'norrsken', '--json').stdout) as { bankAccounts: string[] }[];
    expect(clients[0]?.bankAccounts).toEqual(['1930', '1940']);
  });

  it('an unknown client is exit 3 with NOT_FOUND; a command without --db is exit 2', () => {
    const r = k('suggest', 'nobody');
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('kontera: NOT_FOUND: Unknown client: expected a client with id "nobody", found none\n');
    expect(kontera(['learn', 'x', 'y.se'], dir).code).toBe(4);
    expect(kontera(['import', 'x', join(DEMO, 'hedlunds-bygg', known.statement)], dir)).toMatchObject({ code: 2 });
  });
});

describe('kontera --db FILE import --columns', () => {
  const dir = tempDir();
  const db = join(dir, 'byra.db');
  const generic = join(import.meta.dirname, '..', '..', 'fixtures', 'statements', 'generic', 'pipe-split-in-out.csv');
  const k = (...args: string[]): ReturnType<typeof kontera> => kontera(['--db', db, ...args], dir);

  it('reads a bank kontera does not know through a column mapping, and refuses a bad mapping', () => {
    expect(k('clients', 'add', 'okand', '--name', 'Okända Banken AB', '--bureau', 'b1').code).toBe(0);
    // A header no synonym names is refused, saying how to read it.
    const cryptic = join(dir, 'cryptic.csv');
    writeFileSync(cryptic, 'Dt|Txt|Amt\n2026-01-03|Office rent|-15000.00\n2026-01-02|Customer|20000.00\n');
    const unknown = k('import', 'okand', cryptic);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toMatch(/UNKNOWN_FORMAT.*pass --columns date=…,amount=…,text=…/);
    expect(unknown.stderr).not.toContain('`columns`');
    const ok = k('import', 'okand', generic, '--columns', 'date=Date,text=Description,debit=Withdrawal,credit=Deposit,balance=Balance', '--json');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ statements: [{ lines: 2, added: 2, duplicates: 0 }] });
    // Its English header alone reads the same rows (same ids: nothing new).
    const byHeader = k('import', 'okand', generic, '--json');
    expect(byHeader.code).toBe(0);
    expect(JSON.parse(byHeader.stdout)).toMatchObject({ statements: [{ lines: 2, added: 0, duplicates: 2 }] });
    const bad = k('import', 'okand', generic, '--columns', 'date=Date,amount');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Bad --columns part "amount"');
  });
});

describe('kontera --db FILE import --account-number', () => {
  const dir = tempDir();
  const db = join(dir, 'byra.db');
  const twoAccounts = join(import.meta.dirname, '..', '..', 'fixtures', 'statements', 'sections', 'two-accounts-semicolon.csv');
  const k = (...args: string[]): ReturnType<typeof kontera> => kontera(['--db', db, ...args], dir);

  it("refuses a file with two accounts' rows, and imports each account's rows to its own bank account when named", () => {
    expect(k('clients', 'add', 'tva', '--name', 'Två Konton AB', '--bureau', 'b1', '--bank-accounts', '1930,1940').code).toBe(0);
    const refused = k('import', 'tva', twoAccounts);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('9123-4567801, 9123-4567819');
    const first = k('import', 'tva', twoAccounts, '--account-number', '9123-4567801', '--bank-account', '1930', '--json');
    expect(first.code).toBe(0);
    const second = k('import', 'tva', twoAccounts, '--account-number', '91234567819', '--bank-account', '1940', '--json');
    expect(second.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ statements: [{ bankAccount: '1930', lines: 4, added: 4 }] });
    expect(JSON.parse(second.stdout)).toMatchObject({ statements: [{ bankAccount: '1940', lines: 3, added: 3 }] });
  });

  it('names the command-line option, not the API option, when the bank account is for the user to choose', () => {
    // A file that names no account, for a client with two bank accounts (and its --json error too).
    const seb = join(DEMO, 'ljusgard', 'Kontohandelser.csv');
    expect(k('clients', 'add', 'val', '--name', 'Val AB', '--bureau', 'b1', '--bank-accounts', '1930,1940').code).toBe(0);
    for (const json of [false, true]) {
      const r = json ? k('--json', 'import', 'val', seb) : k('import', 'val', seb);
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/Ambiguous bank account: .*1930, 1940.*pass --bank-account/);
      expect(r.stderr).not.toMatch(/\bbankAccount\b|allowNewAccount/);
    }
    const unknown = k('import', 'val', seb, '--bank-account', '1950');
    expect(unknown.stderr).toMatch(/pass --new-account to add it/);
  });
});

describe('kontera --db FILE import: an export, then its spreadsheet re-save', () => {
  const dir = tempDir();
  const db = join(dir, 'byra.db');
  const statements = join(import.meta.dirname, '..', '..', 'fixtures', 'statements');
  // Handelsbanken's "123 456 789" is 123456789 in the re-save (fixtures/make-resave-fixtures.py).
  const csv = join(statements, 'handelsbanken', 'business-transaktioner-semicolon.txt');
  const resave = join(statements, 'resave', 'handelsbanken--business-transaktioner-semicolon.xlsx');
  const k = (...args: string[]): ReturnType<typeof kontera> => kontera(['--db', db, ...args], dir);

  it('stores the lines once: the re-save, in a later run, adds none', () => {
    expect(k('clients', 'add', 'ekbacken', '--name', 'Ekbackens Snickeri AB', '--bureau', 'b1').code).toBe(0);
    const first = k('import', 'ekbacken', csv, '--json');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ statements: [{ bankAccount: '1930', lines: 4, added: 4, duplicates: 0 }] });
    const second = k('import', 'ekbacken', resave, '--json');
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ statements: [{ bankAccount: '1930', lines: 4, added: 0, duplicates: 4 }] });
  });
});

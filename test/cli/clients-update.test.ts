/**
 * `kontera clients update`: each setting changed from the command line lands in the SQLite file,
 * the next suggest and confirm read it, and a refused change leaves the file as it was.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO, kontera, tempDir } from './helpers.js';

interface StoredClient {
  readonly id: string;
  readonly name: string;
  readonly orgNr?: string;
  readonly bankAccounts: readonly string[];
  readonly series: Readonly<Record<string, string>>;
  readonly accountNumbers?: Readonly<Record<string, string>>;
  readonly vatRegistered: boolean;
  readonly autoBookThreshold?: number;
  readonly autoBookShared?: boolean;
  readonly network: boolean;
  readonly suspenseAccount?: string;
  readonly review?: { readonly accounts?: readonly string[]; readonly counterparties?: readonly string[] };
  readonly fiscalYears?: readonly { start: string; end: string }[];
}

interface Suggested {
  readonly id: string;
  readonly text: string;
  readonly action: 'auto' | 'review';
  readonly confidence: number;
  readonly review: boolean;
  readonly reviewReasons: readonly string[];
  readonly voucher: { readonly rows: readonly { account: string; amount: number }[] } | null;
}

const KAFFE = join(DEMO, 'kaffebryggeriet');

describe('kontera --db FILE clients update', () => {
  const dir = tempDir();
  const db = join(dir, 'byra.db');
  const k = (...args: string[]): ReturnType<typeof kontera> => kontera(['--db', db, ...args], dir);
  const stored = (): StoredClient => {
    const r = k('clients', '--json');
    expect(r.code).toBe(0);
    const all = JSON.parse(r.stdout) as StoredClient[];
    return all.find((c) => c.id === 'kaffe' && (c as { bureauId?: string }).bureauId === 'local') as StoredClient;
  };
  const update = (...args: string[]): StoredClient => {
    const r = k('--json', 'clients', 'update', 'kaffe', ...args);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const client = JSON.parse(r.stdout) as StoredClient;
    // What it prints is what is stored.
    expect(stored()).toEqual(client);
    return client;
  };
  const suggested = (): { autoBookable: number; suggestions: Suggested[] } => JSON.parse(k('suggest', 'kaffe', '--json').stdout) as { autoBookable: number; suggestions: Suggested[] };

  beforeAll(() => {
    expect(k('clients', 'add', 'kaffe', '--name', 'Kaffebryggeriet AB').code).toBe(0);
    expect(k('learn', 'kaffe', join(KAFFE, 'history-2025.se')).code).toBe(0);
    expect(k('import', 'kaffe', join(KAFFE, 'Transaktioner_2026-02-01_07-42-10.csv')).code).toBe(0);
  });

  it('--no-network takes the client out of the network, --network brings it back; the table says so', () => {
    expect(stored().network).toBe(true);
    expect(update('--no-network').network).toBe(false);
    const table = k('clients', 'update', 'kaffe', '--network');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^updated client kaffe \(Kaffebryggeriet AB\) of bureau local:$/m);
    expect(table.stdout).toMatch(/^ {2}network\s+yes$/m);
    expect(stored().network).toBe(true);
    const sv = k('--lang', 'sv', 'clients', 'update', 'kaffe', '--no-network');
    expect(sv.stdout).toMatch(/^ {2}nätverket\s+nej$/m);
    expect(update('--network').network).toBe(true);
  });

  it("the threshold changes what suggest marks auto-bookable and what confirm books; --default-threshold goes back", () => {
    const before = suggested();
    const at = (t: number): number => before.suggestions.filter((s) => s.voucher !== null && !s.review && s.confidence >= t).length;
    // The default marks every confident, unflagged line; a higher threshold fewer (else the test proves nothing).
    expect(before.autoBookable).toBe(at(0.95));
    expect(at(0.999)).toBeGreaterThan(0);
    expect(at(0.999)).toBeLessThan(before.autoBookable);

    expect(update('--threshold', '0.999').autoBookThreshold).toBe(0.999);
    expect(suggested().autoBookable).toBe(at(0.999));
    expect(k('clients').stdout).toMatch(/^kaffe\s+Kaffebryggeriet AB\s+local\s+1930\s+yes\s+0\.999$/m);

    const confirmed = JSON.parse(k('confirm', 'kaffe', '--json').stdout) as { booked: number };
    expect(confirmed.booked).toBe(at(0.999));

    const back = update('--default-threshold');
    expect(back).not.toHaveProperty('autoBookThreshold');
    // The lines booked at 0.999 are gone from the list; the rest of the default's are auto-bookable again.
    const after = suggested();
    expect(after.suggestions).toHaveLength(before.suggestions.length - at(0.999));
    expect(after.autoBookable).toBe(before.autoBookable - at(0.999));
  });

  it('review accounts send an otherwise auto-booked line to review; --no-review-accounts lifts it', () => {
    const auto = suggested().suggestions.find((s) => s.action === 'auto');
    expect(auto).toBeDefined();
    const account = auto?.voucher?.rows.find((r) => r.account !== '1930' && !r.account.startsWith('26'))?.account as string;
    expect(account).toMatch(/^\d{4}$/);
    expect(update('--review-accounts', account).review).toEqual({ accounts: [account] });
    expect(suggested().suggestions.find((s) => s.id === auto?.id)).toMatchObject({ action: 'review', review: true });
    expect(update('--no-review-accounts')).not.toHaveProperty('review');
    expect(suggested().suggestions.find((s) => s.id === auto?.id)).toMatchObject({ action: 'auto' });
  });

  it("review counterparties send that counterparty's lines to review, apart from the review accounts; --no-review-counterparties lifts them", () => {
    const auto = suggested().suggestions.find((s) => s.action === 'auto');
    expect(auto).toBeDefined();
    // The first word of its bank text, in lower case: matched within the upper-cased text.
    const name = (auto?.text.split(' ')[0] as string).toLowerCase();
    expect(name.length).toBeGreaterThanOrEqual(3);
    const lines = (): Suggested[] => suggested().suggestions.filter((s) => s.text.toUpperCase().includes(name.toUpperCase()));
    const before = lines();
    expect(before.some((s) => s.action === 'auto')).toBe(true);

    expect(update('--review-counterparties', name).review).toEqual({ counterparties: [name] });
    for (const s of lines()) expect(s).toMatchObject({ action: 'review', review: true, reviewReasons: expect.arrayContaining([`The bureau reviews ${name}.`]) as unknown });
    // Setting or removing the review accounts keeps the counterparties, and the other way round.
    expect(update('--review-accounts', '6991').review).toEqual({ accounts: ['6991'], counterparties: [name] });
    expect(update('--no-review-accounts').review).toEqual({ counterparties: [name] });
    expect(update('--review-accounts', '6991', '--no-review-counterparties').review).toEqual({ accounts: ['6991'] });
    expect(lines().map((s) => s.action)).toEqual(before.map((s) => s.action));
    expect(update('--no-review-accounts')).not.toHaveProperty('review');
    const opposite = k('clients', 'update', 'kaffe', '--review-counterparties', name, '--no-review-counterparties');
    expect(opposite.code).toBe(2);
    expect(opposite.stderr).toMatch(/--review-counterparties and --no-review-counterparties say opposite things/);
  });

  it('sets and removes every other setting, each flag both ways', () => {
    let c = update('--name', 'Kaffebryggeriet i Kumla AB', '--org-nr', '556677-8899', '--not-vat-registered', '--auto-book-shared', '--suspense-account', '2999', '--fiscal-years', '2025-01-01..2025-12-31');
    expect(c).toMatchObject({ name: 'Kaffebryggeriet i Kumla AB', orgNr: '556677-8899', vatRegistered: false, autoBookShared: true, suspenseAccount: '2999', fiscalYears: [{ start: '2025-01-01', end: '2025-12-31' }] });
    c = update('--no-org-nr', '--vat-registered', '--no-auto-book-shared', '--no-suspense-account', '--no-fiscal-years');
    expect(c).toMatchObject({ name: 'Kaffebryggeriet i Kumla AB', vatRegistered: true });
    for (const gone of ['orgNr', 'autoBookShared', 'suspenseAccount', 'fiscalYears']) expect(c).not.toHaveProperty(gone);
    // The bank accounts are the list given: 1930 keeps its series, a new one takes the next letter, with its number.
    c = update('--bank-accounts', '1930,1940=5000-1234567');
    expect(c.bankAccounts).toEqual(['1930', '1940']);
    expect(c.series).toEqual({ '1930': 'A', '1940': 'B' });
    expect(c.accountNumbers).toEqual({ '1940': '5000-1234567' });
    expect(update('--bank-accounts', '1930').bankAccounts).toEqual(['1930']);
  });

  it('an unknown client or an invalid value is the usual error and exit code, and changes nothing in the file', () => {
    const bytes = readFileSync(db);
    const json = k('clients', '--json').stdout;
    const refused: [string[], number, RegExp][] = [
      [['clients', 'update', 'kafe', '--no-network'], 3, /^kontera: NOT_FOUND: Unknown client: expected a client with id "kafe", found none\n$/],
      [['clients', 'update', 'kaffe', '--bureau', 'annan', '--no-network'], 3, /NOT_FOUND/],
      [['clients', 'update', 'kaffe', '--suspense-account', '29'], 3, /^kontera: VALIDATION: Invalid suspense account: expected a four-digit BAS account, got "29"\n$/],
      [['clients', 'update', 'kaffe', '--org-nr', '12345'], 3, /VALIDATION: Invalid orgNr/],
      [['clients', 'update', 'kaffe', '--review-accounts', '69x1'], 3, /VALIDATION/],
      // The imported lines are on 1930: it cannot be left out.
      [['clients', 'update', 'kaffe', '--bank-accounts', '1940', '--no-network'], 3, /VALIDATION: Invalid bank accounts of client "kaffe": expected 1930 among them, as 23 imported bank lines are on it/],
      [['clients', 'update', 'kaffe', '--threshold', '1.5'], 2, /Option --threshold expects a number from 0 to 1, got 1\.5/],
      [['clients', 'update', 'kaffe', '--network', '--no-network'], 2, /^kontera: usage: --network and --no-network say opposite things: give one of them\n$/],
      [['clients', 'update', 'kaffe', '--threshold', '0.5', '--default-threshold'], 2, /--threshold and --default-threshold/],
      [['clients', 'update', 'kaffe'], 2, /^kontera: usage: Nothing to change/],
      [['clients', 'update', 'kaffe', '--yes', '--no-network'], 2, /^kontera: usage: --yes does not apply to clients update/],
      [['clients', 'add', 'ny', '--name', 'Ny AB', '--default-threshold'], 2, /^kontera: usage: --default-threshold does not apply to clients add/],
      [['clients', '--no-network'], 2, /--no-network does not apply to clients:/],
    ];
    for (const [args, code, message] of refused) {
      const r = k(...args);
      expect(r.code, args.join(' ')).toBe(code);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stdout, args.join(' ')).toBe('');
    }
    expect(readFileSync(db).equals(bytes)).toBe(true);
    expect(k('clients', '--json').stdout).toBe(json);
    // --json makes the error JSON, as everywhere.
    const j = k('--json', 'clients', 'update', 'kafe', '--no-network');
    expect(j.code).toBe(3);
    expect(JSON.parse(j.stderr)).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('with two bureaus using the id, --bureau says whose client changes; without it the id is ambiguous and nothing changes', () => {
    expect(k('clients', 'add', 'kaffe', '--name', 'Kaffe i Annan AB', '--bureau', 'annan').code).toBe(0);
    const json = k('clients', '--json').stdout;
    const ambiguous = k('clients', 'update', 'kaffe', '--no-network');
    expect(ambiguous.code).toBe(3);
    expect(ambiguous.stderr).toMatch(/^kontera: AMBIGUOUS_CLIENT: /);
    expect(k('clients', '--json').stdout).toBe(json);
    const r = k('--json', 'clients', 'update', 'kaffe', '--bureau', 'annan', '--no-network');
    expect(r.code).toBe(0);
    const all = JSON.parse(k('clients', '--json').stdout) as (StoredClient & { bureauId: string })[];
    expect(all.filter((c) => c.id === 'kaffe').map((c) => [c.bureauId, c.network])).toEqual([['annan', false], ['local', true]]);
  });

  it('clients add takes --no-network, --suspense-account, --review-accounts and --review-counterparties too', () => {
    expect(k('clients', 'add', 'tyst', '--name', 'Tysta Bolaget AB', '--no-network', '--suspense-account', '2999', '--review-accounts', '6991,5410').code).toBe(0);
    expect(k('clients', 'add', 'noga', '--name', 'Noga Bolaget AB', '--review-counterparties', 'Skatteverket,Anna Svensson').code).toBe(0);
    const all = JSON.parse(k('clients', '--json').stdout) as StoredClient[];
    expect(all.find((c) => c.id === 'tyst')).toMatchObject({ network: false, suspenseAccount: '2999', review: { accounts: ['6991', '5410'] } });
    expect(all.find((c) => c.id === 'noga')?.review).toEqual({ counterparties: ['Skatteverket', 'Anna Svensson'] });
  });
});

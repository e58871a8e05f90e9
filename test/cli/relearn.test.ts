/**
 * `kontera relearn`: a client learned under older key rules is flagged by `suggest` and relearned
 * from the SQLite file, one client or every client, in both languages.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { DEMO, answers, kontera, tempDir } from './helpers.js';

describe('kontera --db FILE relearn', () => {
  const dir = tempDir();
  const db = join(dir, 'byra.db');
  const known = answers('hedlunds-bygg');
  const k = (...args: string[]): ReturnType<typeof kontera> => kontera(['--db', db, ...args], dir);

  /** Marks the client's knowledge as learned under other key rules, as an earlier kontera left it. */
  async function outdate(bureauId: string, clientId: string): Promise<void> {
    const store = await openSqliteStore({ path: db });
    try {
      const client = await store.getClient({ bureauId, clientId });
      await store.updateClient({ ...client, keyRules: 'fedcba9876543210' });
    } finally {
      await store.close();
    }
  }

  beforeAll(() => {
    expect(k('clients', 'add', 'hedlund', '--name', 'Hedlunds Bygg & Måleri AB', '--bureau', 'vastkust').code).toBe(0);
    expect(k('clients', 'add', 'kaffe', '--name', 'Kaffebryggeriet i Kumla AB', '--bureau', 'vastkust').code).toBe(0);
    expect(k('learn', 'hedlund', join(DEMO, 'hedlunds-bygg', 'history-2025.se')).code).toBe(0);
    expect(k('import', 'hedlund', join(DEMO, 'hedlunds-bygg', known.statement)).code).toBe(0);
  });

  it('says when a client needs it, relearns it, and then says nothing', async () => {
    const before = JSON.parse(k('suggest', 'hedlund', '--json').stdout) as { keyRulesOutdated?: boolean; suggestions: unknown[] };
    expect(before.keyRulesOutdated).toBeUndefined();
    await outdate('vastkust', 'hedlund');
    expect(JSON.parse(k('suggest', 'hedlund', '--json').stdout)).toMatchObject({ keyRulesOutdated: true });
    expect(k('suggest', 'hedlund').stderr).toContain('relearn --client hedlund');
    expect(k('--lang', 'sv', 'suggest', 'hedlund').stderr).toContain('Kör: kontera --db');

    const r = k('relearn', '--client', 'hedlund', '--json');
    expect(r.code).toBe(0);
    const [result] = JSON.parse(r.stdout) as { client: string; wasOutdated: boolean; profilesBefore: number; profilesAfter: number; replayed: { sie: number } }[];
    expect(result).toMatchObject({ client: 'hedlund', wasOutdated: true });
    expect(result?.replayed.sie).toBeGreaterThan(0);
    expect(result?.profilesAfter).toBe(result?.profilesBefore);
    expect(JSON.parse(k('suggest', 'hedlund', '--json').stdout).keyRulesOutdated).toBeUndefined();
    expect(k('suggest', 'hedlund').stderr).not.toContain('relearn');
  });

  it('relearns every client with --all, and says what it did in either language', async () => {
    await outdate('vastkust', 'hedlund');
    const en = k('relearn', '--all');
    expect(en.code).toBe(0);
    expect(en.stdout).toMatch(/^hedlund: \d+ SIE vouchers and 0 confirmed bookings learned again; \d+ → \d+ counterparties$/m);
    expect(en.stdout).toMatch(/^kaffe: 0 SIE vouchers and 0 confirmed bookings learned again; 0 → 0 counterparties$/m);
    const sv = k('--lang', 'sv', 'relearn', '--all', '--bureau', 'vastkust');
    expect(sv.stdout).toMatch(/^hedlund: \d+ SIE-verifikationer och 0 bekräftade bokningar inlärda på nytt/m);
  });

  it('names each voucher it could not learn again, in either language', async () => {
    expect(k('clients', 'add', 'verkstad', '--name', 'Norrbackens Verkstad AB', '--bureau', 'vastkust').code).toBe(0);
    const store = await openSqliteStore({ path: db });
    try {
      // As an earlier kontera stored it: no learnedFrom, and no imported line it books.
      await store.addVouchers({ bureauId: 'vastkust', clientId: 'verkstad' }, [
        { series: 'A', date: '2026-04-04', text: 'Kassa', rows: [{ account: '1930', amount: -10000 }, { account: '4010', amount: 10000 }], confirmedAt: '2026-04-10T08:00:00.000Z' },
      ]);
    } finally {
      await store.close();
    }
    const en = k('relearn', '--client', 'verkstad');
    expect(en.code).toBe(0);
    expect(en.stdout).toContain('1 older booking without an imported line could not be learned again');
    expect(en.stdout).toMatch(/^ {2}not learned again .*: A 1 \(2026-04-04 "Kassa"\)$/m);
    const sv = k('--lang', 'sv', 'relearn', '--client', 'verkstad', '--bureau', 'vastkust');
    expect(sv.stdout).toMatch(/^ {2}inte inlärda på nytt .*: A 1 \(2026-04-04 "Kassa"\)$/m);
    const [json] = JSON.parse(k('relearn', '--client', 'verkstad', '--json').stdout) as { notReplayableVouchers: unknown }[];
    expect(json?.notReplayableVouchers).toEqual([{ series: 'A', number: 1, date: '2026-04-04', text: 'Kassa' }]);
  });

  it('needs exactly one of --client and --all, and a known client', () => {
    expect(k('relearn').code).toBe(2);
    expect(k('relearn', '--client', 'hedlund', '--all').code).toBe(2);
    expect(k('relearn', '--client', 'okand').code).toBe(3);
    expect(k('relearn', '--all', '--bureau', 'okand').code).toBe(3);
  });
});

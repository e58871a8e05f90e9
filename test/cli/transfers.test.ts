/**
 * `kontera` with a client of two bank accounts: a transfer between them is booked once, from
 * either statement, on a real SQLite file. Fixtures: fixtures/statements/transfers (hand-written).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ROOT, kontera, tempDir } from './helpers.js';

const DIR = join(ROOT, 'fixtures', 'statements', 'transfers');

describe('kontera --db FILE: a transfer between the client\'s own accounts', () => {
  it('is suggested from either statement, both sides at once are refused, one side books it and the other is no longer suggested', () => {
    const dir = tempDir();
    const db = ['--db', 'byra.db', '--lang', 'en'];
    expect(kontera([...db, 'clients', 'add', 'nord', '--name', 'Nordkust AB', '--bank-accounts', '1930=1111 22 33333,1940=5555 66 77777'], dir).code).toBe(0);
    expect(kontera([...db, 'import', 'nord', join(DIR, 'nordea-foretagskonto.csv'), join(DIR, 'nordea-sparkonto.csv')], dir).code).toBe(0);
    const listed = kontera([...db, '--json', 'suggest', 'nord'], dir);
    expect(listed.code).toBe(0);
    const lines = (JSON.parse(listed.stdout) as { suggestions: { id: string; amount: number; account: string | null; match?: string }[] }).suggestions;
    const out = lines.find((l) => l.amount === -1_000_000);
    const into = lines.find((l) => l.amount === 1_000_000);
    expect([out?.account, out?.match, into?.account, into?.match]).toEqual(['1940', 'transfer', '1930', 'transfer']);
    const both = kontera([...db, 'confirm', 'nord', '--transaction', `${out?.id},${into?.id}`], dir);
    expect(both.code).toBe(3);
    expect(both.stderr).toMatch(/^kontera: CONFLICT: Transfer booked twice/);
    expect(kontera([...db, 'confirm', 'nord', '--transaction', String(into?.id)], dir).code).toBe(0);
    const after = JSON.parse(kontera([...db, '--json', 'suggest', 'nord'], dir).stdout) as { suggestions: { amount: number }[] };
    expect(after.suggestions.map((l) => l.amount).sort((a, b) => a - b)).toEqual([-45_000, 1_240, 1_250_000]);
    expect(kontera([...db, 'export', 'nord', '--out', 'mars.se'], dir).code).toBe(0);
    const sie = readFileSync(join(dir, 'mars.se'), 'latin1');
    expect(sie.match(/#VER/g)).toHaveLength(1);
  });
});

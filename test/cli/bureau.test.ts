/**
 * Client ids scoped by bureau on the command line: two bureaus each add a client "acme"; a command
 * that names only the id is refused with AMBIGUOUS_CLIENT and a hint, `--bureau` picks the client.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO, answers, kontera, tempDir } from './helpers.js';

describe('kontera --db FILE … --bureau ID', () => {
  it('keeps two bureaus\' clients with one id apart, and asks for the bureau when the id alone is ambiguous', () => {
    const dir = tempDir();
    const db = join(dir, 'byra.db');
    const k = (...args: string[]): ReturnType<typeof kontera> => kontera(['--db', db, ...args], dir);
    const statement = join(DEMO, 'hedlunds-bygg', answers('hedlunds-bygg').statement);
    expect(k('clients', 'add', 'acme', '--name', 'Acme Väst AB', '--bureau', 'vastkust').code).toBe(0);
    // Unique so far: the id alone still works.
    expect(k('import', 'acme', statement).code).toBe(0);
    expect(k('clients', 'add', 'acme', '--name', 'Acme Norr AB', '--bureau', 'norrsken').code).toBe(0);
    const all = JSON.parse(k('clients', '--json').stdout) as { id: string; bureauId: string }[];
    expect(all.map((c) => [c.id, c.bureauId])).toEqual([['acme', 'norrsken'], ['acme', 'vastkust']]);

    const ambiguous = k('--json', 'suggest', 'acme');
    expect(ambiguous.code).toBe(3);
    const error = (JSON.parse(ambiguous.stderr) as { error: { code: string; message: string } }).error;
    expect(error.code).toBe('AMBIGUOUS_CLIENT');
    expect(error.message).toContain('--bureau ID');
    expect(k('suggest', 'acme').stderr).toMatch(/^kontera: AMBIGUOUS_CLIENT: .*--bureau ID/);

    const west = JSON.parse(k('suggest', 'acme', '--bureau', 'vastkust', '--json').stdout) as { lines: number };
    expect(west.lines).toBeGreaterThan(0);
    const north = JSON.parse(k('suggest', 'acme', '--bureau', 'norrsken', '--json').stdout) as { lines: number };
    expect(north.lines).toBe(0);
    expect(k('export', 'acme', '--bureau', 'nobody', '--out', join(dir, 'x.se')).code).toBe(3);
  });
});

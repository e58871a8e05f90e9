import { describe, expect, test } from 'vitest';
import { generateWorld } from '../../bench/world/generate.js';

const small = { bureaus: 2, clientsPerBureau: 3, months: 3, start: '2026-01', coldClientsPerBureau: 1 } as const;

describe('the generated benchmark world', () => {
  test('is the same for the same seed and differs for another', () => {
    const a = generateWorld({ seed: 5, ...small });
    const b = generateWorld({ seed: 5, ...small });
    const c = generateWorld({ seed: 6, ...small });
    expect(JSON.stringify(a.months)).toBe(JSON.stringify(b.months));
    expect(JSON.stringify(a.months)).not.toBe(JSON.stringify(c.months));
  });

  test('only produces balanced vouchers whose bank row is the bank line', () => {
    const w = generateWorld({ seed: 9, ...small });
    for (const m of w.months) {
      for (const l of m.lines) {
        expect(l.truth.rows.reduce((s, r) => s + r.amount, 0)).toBe(0);
        expect(l.truth.rows[0]).toEqual({ account: '1930', amount: l.tx.amount });
        expect(l.truth.rows.every((r) => Number.isInteger(r.amount))).toBe(true);
      }
    }
  });

  test('lets cold-start clients appear only in the last month', () => {
    const w = generateWorld({ seed: 9, ...small });
    const cold = new Set(w.clients.filter((c) => c.joins === small.months - 1).map((c) => c.settings.id));
    expect(cold.size).toBe(small.bureaus * small.coldClientsPerBureau);
    for (const m of w.months.slice(0, -1)) for (const l of m.lines) expect(cold.has(l.clientId)).toBe(false);
  });
});

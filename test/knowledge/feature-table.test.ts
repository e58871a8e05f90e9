import { describe, expect, it } from 'vitest';
import { FeatureTable } from '../../src/knowledge/feature-table.js';
import { seededRandom } from '../support/random.js';

describe('FeatureTable', () => {
  it('holds what a Map holds through random sets, updates and deletes (large values and lists too)', () => {
    const r = seededRandom(3);
    const table = new FeatureTable<number | number[]>();
    const map = new Map<number, number | number[]>();
    // Few distinct ids, so runs collide, grow and shrink by deletion.
    const ids = Array.from({ length: 3_000 }, () => Math.floor(r() * 2 ** 30));
    for (let step = 0; step < 60_000; step++) {
      const id = ids[Math.floor(r() * (step < 30_000 ? ids.length : 300))] as number;
      const p = r();
      if (p < 0.3) {
        table.delete(id);
        map.delete(id);
      } else {
        const v = p < 0.6 ? Math.floor(r() * 2 ** 31) : p < 0.7 ? 2 ** 31 + Math.floor(r() * 1000) : [Math.floor(r() * 10), 1];
        table.set(id, v);
        map.set(id, v);
      }
      if (step % 997 === 0) {
        expect(table.size).toBe(map.size);
        for (const x of ids.slice(0, 400)) expect(table.get(x)).toEqual(map.get(x));
      }
    }
    expect(table.size).toBe(map.size);
    for (const x of ids) expect(table.get(x)).toEqual(map.get(x));
    expect(new Map(table.entries())).toEqual(map);
  });
});

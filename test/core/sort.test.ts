/** The small sorting and searching helpers, against the plain forms they stand for. */
import { describe, expect, it } from 'vitest';
import { partitionPoint, sortSmall } from '../../src/core/sort.js';
import { seededRandom } from '../support/random.js';

describe('sortSmall', () => {
  it('gives the order Array.prototype.sort gives, stable, short and long', () => {
    const r = seededRandom(5);
    for (const n of [0, 1, 2, 7, 16, 17, 40]) {
      const items = Array.from({ length: n }, (_, i) => ({ key: Math.floor(r() * 5), i }));
      const byKey = (a: { key: number }, b: { key: number }): number => a.key - b.key;
      expect(sortSmall([...items], byKey)).toEqual([...items].sort(byKey));
    }
  });
});

describe('partitionPoint', () => {
  it('is the first element not before, as a scan finds it, on sorted lists with repeats', () => {
    const r = seededRandom(9);
    for (let round = 0; round < 200; round++) {
      const list = Array.from({ length: Math.floor(r() * 30) }, () => Math.floor(r() * 10)).sort((a, b) => a - b);
      const x = Math.floor(r() * 12) - 1;
      const scan = list.findIndex((v) => !(v < x));
      expect(partitionPoint(list, (v) => v < x)).toBe(scan < 0 ? list.length : scan);
      const upTo = list.findIndex((v) => !(v <= x));
      expect(partitionPoint(list, (v) => v <= x)).toBe(upTo < 0 ? list.length : upTo);
    }
  });
});

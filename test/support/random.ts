/**
 * The one seeded pseudo-random generator of the tests, benchmarks and generated fixtures
 * (mulberry32): the same seed gives the same sequence on every machine, so generated worlds,
 * property tests and bench inputs are reproducible.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Sorting the few items a suggestion ranks (candidates, votes, classes) without the temporary
 * arrays and sort state `Array.prototype.sort` allocates on every call.
 */

/** Arrays up to this length are sorted by insertion; longer ones by `Array.prototype.sort`. */
const INSERTION_MAX = 16;

/**
 * Sorts `items` in place and returns it, as `items.sort(compare)` does. Both sorts are stable, so
 * for a consistent comparator the order is the same as `Array.prototype.sort` gives.
 *
 * ```ts
 * sortSmall([3, 1, 2], (a, b) => a - b) // [1, 2, 3]
 * ```
 */
export function sortSmall<T>(items: T[], compare: (a: T, b: T) => number): T[] {
  const n = items.length;
  if (n > INSERTION_MAX) return items.sort(compare);
  for (let i = 1; i < n; i++) {
    const x = items[i] as T;
    let j = i - 1;
    while (j >= 0 && compare(items[j] as T, x) > 0) {
      items[j + 1] = items[j] as T;
      j--;
    }
    items[j + 1] = x;
  }
  return items;
}

/**
 * Binary search: the first index of `list` whose element is not `before`, for a list in which every
 * element that is `before` comes first (a sorted list and "sorts before x"): where x goes, or how
 * many elements come before it.
 *
 * ```ts
 * partitionPoint([1, 3, 3, 7], (n) => n < 3) // 1
 * ```
 */
export function partitionPoint<T>(list: readonly T[], before: (x: T) => boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(list[mid] as T)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

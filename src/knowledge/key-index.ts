/**
 * A candidate index over counterparty keys, so fuzzy matching looks at a handful of keys that share
 * a word or a word start with the query — never at all keys.
 *
 * @internal
 */

/** Word starts this long are indexed; catches truncated texts ("STANDARDLEVERANTÖ") and typos at the end. */
const PREFIX_LENGTH = 4;
/** Buckets bigger than this are too common to narrow anything down ("ICA"), and are skipped once others gave candidates. */
const MAX_USEFUL_BUCKET = 2_000;

function words(key: string): string[] {
  return key.split(' ').filter((w) => w.length > 0);
}

/** Mutable index: word → keys and word prefix → keys. */
export class KeyIndex {
  readonly #byWord = new Map<string, Set<string>>();
  readonly #byPrefix = new Map<string, Set<string>>();
  #size = 0;

  /** Number of indexed keys. */
  get size(): number {
    return this.#size;
  }

  add(key: string): void {
    const ws = words(key);
    const first = ws[0];
    if (first === undefined) return;
    const firstBucket = this.#byWord.get(first);
    if (firstBucket?.has(key) === true) return;
    this.#size++;
    for (const w of ws) {
      this.#put(this.#byWord, w, key);
      if (w.length >= PREFIX_LENGTH) this.#put(this.#byPrefix, w.slice(0, PREFIX_LENGTH), key);
    }
  }

  remove(key: string): void {
    const ws = words(key);
    const first = ws[0];
    if (first === undefined || this.#byWord.get(first)?.has(key) !== true) return;
    this.#size--;
    for (const w of ws) {
      this.#del(this.#byWord, w, key);
      if (w.length >= PREFIX_LENGTH) this.#del(this.#byPrefix, w.slice(0, PREFIX_LENGTH), key);
    }
  }

  /**
   * Keys sharing a word or a word start with `key`, rarest buckets first, at most `limit`.
   * The key itself is included when indexed.
   */
  candidates(key: string, limit: number): string[] {
    const buckets: Set<string>[] = [];
    for (const w of words(key)) {
      const a = this.#byWord.get(w);
      if (a !== undefined) buckets.push(a);
      if (w.length >= PREFIX_LENGTH) {
        const b = this.#byPrefix.get(w.slice(0, PREFIX_LENGTH));
        if (b !== undefined) buckets.push(b);
      }
    }
    buckets.sort((x, y) => x.size - y.size);
    const out = new Set<string>();
    for (const bucket of buckets) {
      if (bucket.size > MAX_USEFUL_BUCKET && out.size > 0) break;
      for (const k of bucket) {
        out.add(k);
        if (out.size >= limit) return [...out];
      }
    }
    return [...out];
  }

  #put(map: Map<string, Set<string>>, w: string, key: string): void {
    let set = map.get(w);
    if (set === undefined) {
      set = new Set();
      map.set(w, set);
    }
    set.add(key);
  }

  #del(map: Map<string, Set<string>>, w: string, key: string): void {
    const set = map.get(w);
    if (set === undefined) return;
    set.delete(key);
    if (set.size === 0) map.delete(w);
  }
}

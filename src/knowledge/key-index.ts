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

/**
 * A bucket holds one key as a bare string (most words are rare: one supplier's name) and turns
 * into an array when a second key arrives; this keeps a million keys in a few hundred MB.
 */
type Bucket = string | string[] | Set<string>;

/** Arrays longer than this become Sets, so common words stay O(1) to update. */
const ARRAY_BUCKET_MAX = 32;

function has(b: Bucket | undefined, key: string): boolean {
  return b === undefined ? false : typeof b === 'string' ? b === key : Array.isArray(b) ? b.includes(key) : b.has(key);
}

function size(b: Bucket): number {
  return typeof b === 'string' ? 1 : Array.isArray(b) ? b.length : b.size;
}

/** Mutable index: word → keys and word prefix → keys. */
export class KeyIndex {
  readonly #byWord = new Map<string, Bucket>();
  readonly #byPrefix = new Map<string, Bucket>();
  #size = 0;

  /** Number of indexed keys. */
  get size(): number {
    return this.#size;
  }

  add(key: string): void {
    const ws = words(key);
    const first = ws[0];
    if (first === undefined) return;
    if (has(this.#byWord.get(first), key)) return;
    this.#size++;
    for (const w of ws) {
      this.#put(this.#byWord, w, key);
      if (w.length >= PREFIX_LENGTH) this.#put(this.#byPrefix, w.slice(0, PREFIX_LENGTH), key);
    }
  }

  remove(key: string): void {
    const ws = words(key);
    const first = ws[0];
    if (first === undefined || !has(this.#byWord.get(first), key)) return;
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
    const buckets: Bucket[] = [];
    for (const w of words(key)) {
      const a = this.#byWord.get(w);
      if (a !== undefined) buckets.push(a);
      if (w.length >= PREFIX_LENGTH) {
        const b = this.#byPrefix.get(w.slice(0, PREFIX_LENGTH));
        if (b !== undefined) buckets.push(b);
      }
    }
    buckets.sort((x, y) => size(x) - size(y));
    const out = new Set<string>();
    for (const bucket of buckets) {
      if (size(bucket) > MAX_USEFUL_BUCKET && out.size > 0) break;
      if (typeof bucket === 'string') {
        out.add(bucket);
        if (out.size >= limit) return [...out];
        continue;
      }
      for (const k of bucket) {
        out.add(k);
        if (out.size >= limit) return [...out];
      }
    }
    return [...out];
  }

  #put(map: Map<string, Bucket>, w: string, key: string): void {
    const b = map.get(w);
    if (b === undefined) map.set(w, key);
    else if (typeof b === 'string') {
      if (b !== key) map.set(w, [b, key]);
    } else if (Array.isArray(b)) {
      if (b.includes(key)) return;
      if (b.length >= ARRAY_BUCKET_MAX) map.set(w, new Set([...b, key]));
      else b.push(key);
    } else b.add(key);
  }

  #del(map: Map<string, Bucket>, w: string, key: string): void {
    const b = map.get(w);
    if (b === undefined) return;
    if (typeof b === 'string') {
      if (b === key) map.delete(w);
      return;
    }
    if (!Array.isArray(b)) {
      b.delete(key);
      if (b.size === 0) map.delete(w);
      return;
    }
    const i = b.indexOf(key);
    if (i >= 0) b.splice(i, 1);
    if (b.length === 1) map.set(w, b[0] as string);
    else if (b.length === 0) map.delete(w);
  }
}

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
   * Keys that share a word or a word start with at least half of the words of `key` (a key that
   * shares only one common word, "BYGG", with a three-word query can neither be a typo of it nor
   * half-overlap it), most shared words first, at most `limit`. The key itself is included when
   * indexed.
   */
  candidates(key: string, limit: number): string[] {
    // A word's prefix bucket holds every key with that word (and its typos), so it is the only
    // bucket needed for words of PREFIX_LENGTH or more; shorter words use their word bucket.
    const perWord: Bucket[] = [];
    for (const w of words(key)) {
      const b = w.length >= PREFIX_LENGTH ? this.#byPrefix.get(w.slice(0, PREFIX_LENGTH)) : this.#byWord.get(w);
      if (b !== undefined) perWord.push(b);
    }
    const need = Math.max(1, Math.ceil(words(key).length / 2));
    if (perWord.length < need) return [];
    perWord.sort((x, y) => size(x) - size(y));
    const votes = new Map<string, number>();
    perWord.forEach((b, i) => {
      // Keys first seen in this bucket can still reach `need` only if enough buckets are left; a
      // common word ("BYGG") only confirms keys the rarer words found, unless they found none.
      const enoughLeft = perWord.length - i >= need;
      const common = size(b) > ARRAY_BUCKET_MAX;
      if (!enoughLeft || (common && votes.size > 0) || size(b) > MAX_USEFUL_BUCKET) {
        for (const [k, v] of votes) if (has(b, k)) votes.set(k, v + 1);
        return;
      }
      if (typeof b === 'string') {
        votes.set(b, (votes.get(b) ?? 0) + 1);
        return;
      }
      let taken = 0;
      for (const k of b) {
        votes.set(k, (votes.get(k) ?? 0) + 1);
        if (common && ++taken >= limit) break;
      }
    });
    const out: string[] = [];
    for (const [k, v] of votes) if (v >= need) out.push(k);
    if (out.length > 1) out.sort((a, b) => (votes.get(b) ?? 0) - (votes.get(a) ?? 0));
    return out.length > limit ? out.slice(0, limit) : out;
  }

  /**
   * Up to `limit` keys that contain the whole word `word` (in insertion order): the client's other
   * counterparties of one kind, such as private Swish payers ("SWISH ANNA", "SWISH ERIK").
   */
  keysWithWord(word: string, limit: number): string[] {
    const b = this.#byWord.get(word);
    if (b === undefined || limit <= 0) return [];
    if (typeof b === 'string') return [b];
    const out: string[] = [];
    for (const k of b) {
      out.push(k);
      if (out.length >= limit) break;
    }
    return out;
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

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

/**
 * {@link KeyIndex.candidates} for a query with one indexed word: every key of its bucket has the
 * one vote needed, so the first `limit` keys in bucket order, and none from a bucket too common to
 * narrow anything down.
 */
function firstKeys(b: Bucket, limit: number): string[] {
  if (typeof b === 'string') return limit > 0 ? [b] : [];
  if (size(b) > MAX_USEFUL_BUCKET) return [];
  const out: string[] = [];
  for (const k of b) {
    if (out.length >= limit) break;
    out.push(k);
  }
  return out;
}

/**
 * A bucket the query found, and the query word it was found by: `query.slice(from, from + length)`,
 * a word start of {@link PREFIX_LENGTH} letters (`prefix`) or a whole shorter word.
 */
interface Found {
  readonly bucket: Bucket;
  readonly from: number;
  readonly length: number;
  readonly prefix: boolean;
}

/**
 * Whether the bucket of `found` holds `key`, an indexed key: read from the key itself, as
 * {@link KeyIndex.add} filed it (under each of its words, and each word's start when the word has
 * {@link PREFIX_LENGTH} letters or more). The same answer as asking the bucket, without a hash
 * look-up in it: a common word's bucket is a large Set, and probing it costs cache misses.
 */
function filedUnder(key: string, query: string, found: Found): boolean {
  const length = found.length;
  for (let start = 0; start < key.length; ) {
    let end = key.indexOf(' ', start);
    if (end < 0) end = key.length;
    const n = end - start;
    if (found.prefix ? n >= PREFIX_LENGTH : n === length) {
      let i = 0;
      while (i < length && key.charCodeAt(start + i) === query.charCodeAt(found.from + i)) i++;
      if (i === length) return true;
    }
    start = end + 1;
  }
  return false;
}

/**
 * {@link KeyIndex.candidates} when every found word must be shared (`perWord` sorted rarest
 * first): the keys the rarest bucket offers that all the other buckets hold too, in its order —
 * the same keys and order as the vote count gives, without counting.
 */
function inEveryBucket(perWord: readonly Found[], query: string, limit: number): string[] {
  const first = (perWord[0] as Found).bucket;
  const n = size(first);
  if (n > MAX_USEFUL_BUCKET) return [];
  // A common rarest bucket offers only its first `limit` keys.
  const offered = n > ARRAY_BUCKET_MAX ? limit : n;
  if (typeof first === 'string') return inAllBut(perWord, query, first) ? [first] : [];
  const out: string[] = [];
  let taken = 0;
  for (const k of first) {
    if (taken++ >= offered) break;
    if (!inAllBut(perWord, query, k)) continue;
    out.push(k);
    if (out.length >= limit) break;
  }
  return out;
}

/** Whether every bucket but the first holds `key` (a key of the first). */
function inAllBut(perWord: readonly Found[], query: string, key: string): boolean {
  for (let i = 1; i < perWord.length; i++) if (!filedUnder(key, query, perWord[i] as Found)) return false;
  return true;
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
    // The words are walked in place: only a word's look-up string is built.
    const perWord: Found[] = [];
    let wordCount = 0;
    for (let start = 0; start < key.length; ) {
      let end = key.indexOf(' ', start);
      if (end < 0) end = key.length;
      const from = start;
      start = end + 1;
      if (end === from) continue; // an empty word between two spaces, as split-and-filter drops
      wordCount++;
      const prefix = end - from >= PREFIX_LENGTH;
      const bucket = prefix ? this.#byPrefix.get(key.slice(from, from + PREFIX_LENGTH)) : this.#byWord.get(key.slice(from, end));
      if (bucket !== undefined) perWord.push({ bucket, from, length: prefix ? PREFIX_LENGTH : end - from, prefix });
    }
    const need = Math.max(1, Math.ceil(wordCount / 2));
    if (perWord.length < need) return [];
    if (limit <= 0) return [];
    if (perWord.length === 1) return firstKeys((perWord[0] as Found).bucket, limit);
    perWord.sort((x, y) => size(x.bucket) - size(y.bucket));
    if (perWord.length === need) return inEveryBucket(perWord, key, limit);
    const votes = new Map<string, number>();
    for (let i = 0; i < perWord.length; i++) {
      const found = perWord[i] as Found;
      const b = found.bucket;
      const n = size(b);
      // Keys first seen in this bucket can still reach `need` only if enough buckets are left; a
      // common word ("BYGG") only confirms keys the rarer words found, unless they found none.
      const enoughLeft = perWord.length - i >= need;
      const common = n > ARRAY_BUCKET_MAX;
      if (!enoughLeft || (common && votes.size > 0) || n > MAX_USEFUL_BUCKET) {
        for (const [k, v] of votes) if (filedUnder(k, key, found)) votes.set(k, v + 1);
        continue;
      }
      if (typeof b === 'string') {
        votes.set(b, (votes.get(b) ?? 0) + 1);
        continue;
      }
      let taken = 0;
      for (const k of b) {
        votes.set(k, (votes.get(k) ?? 0) + 1);
        if (common && ++taken >= limit) break;
      }
    }
    // Most shared words first, ties in the order found (a stable sort by votes, as passes per count).
    const out: string[] = [];
    for (let v = perWord.length; v >= need && out.length < limit; v--) {
      for (const [k, n] of votes) {
        if (n !== v) continue;
        out.push(k);
        if (out.length >= limit) break;
      }
    }
    return out;
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

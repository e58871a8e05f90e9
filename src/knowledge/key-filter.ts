/**
 * A Bloom filter over counterparty keys: "certainly never added" or "maybe added". The engine uses
 * it to skip a look-up in a large Map whose answer is known to be empty: at a million learned keys
 * each such look-up is a few cache misses (the hash table, the stored key, the record), the bulk
 * of a suggestion's time, while the filter's bits stay in the processor's cache.
 *
 * Keys are only ever added; a key whose records went away stays "maybe" (a look-up then finds
 * nothing, as before). The filter grows by rebuilding from its source when it holds more keys than
 * its size allows for; `clear` empties it for such a rebuild, or after erasure.
 *
 * It is a blocked Bloom filter (Putze, Sanders and Singler, "Cache-, hash- and space-efficient
 * Bloom filters", 2007): a key's probes all fall in one block of `BLOCK_BITS` bits, 64 bytes, so a
 * look-up reads one or two cache lines (two when the allocator did not align the buffer to 64
 * bytes, which JavaScript cannot ask for) where probes spread over a filter of megabytes read one
 * each (at a million keys the filters outgrow the processor's nearer caches). Its false-positive rate,
 * the share of empty look-ups still made, is that of a plain filter with `BITS_PER_KEY` bits per
 * key and `PROBES` probes averaged over blocks holding a Poisson number of keys (mean BLOCK_BITS /
 * BITS_PER_KEY = 32): about 0.27 %, against the 0.24 % of probes spread over the whole filter.
 * It is not data learned from bookings, and it is never stored or shared.
 */
import { Hasher } from '../core/hash.js';

/** Bits per key before the filter grows; with {@link PROBES} probes in blocks of {@link BLOCK_BITS}, about 0.27 % false positives. */
const BITS_PER_KEY = 16;
/** Bits probed per key. */
const PROBES = 4;
/** A block's size as a power of two: 2^9 = 512 bits, 64 bytes, the cache line of most processors. */
const BLOCK_LOG2 = 9;
/** Bits in a block. */
const BLOCK_BITS = 2 ** BLOCK_LOG2;
/** The smallest filter: 2^16 bits (8 KiB, 128 blocks). */
const MIN_BITS_LOG2 = 16;
/** The largest: 2^31 bits (256 MiB, some 130 million keys); beyond it the filter only fills up (more look-ups are made, none is skipped wrongly). */
const MAX_BITS_LOG2 = 31;

/**
 * The pair (a, b) hashed into two 32-bit numbers: the first picks the block (its low bits) and the
 * step between probes (its top {@link BLOCK_LOG2} bits, made odd), the second where in the block the
 * probes start.
 */
function hashPair(hasher: Hasher, a: string, b: string, out: Uint32Array): void {
  hasher.reset().str(a).str(b);
  // Final avalanche (as in murmur3's fmix32) so that nearby keys spread over the whole filter.
  let h1 = hasher.h1;
  h1 ^= h1 >>> 16;
  h1 = Math.imul(h1, 0x85ebca6b);
  h1 ^= h1 >>> 13;
  let h2 = hasher.h2;
  h2 ^= h2 >>> 15;
  h2 = Math.imul(h2, 0xc2b2ae35);
  h2 ^= h2 >>> 16;
  out[0] = h1;
  out[1] = h2;
}

export class KeyFilter {
  private bits: Uint32Array;
  private log2: number;
  /** Blocks − 1 (a power of two less one): masks a hash into a block index. */
  private blockMask: number;
  private added = 0;
  private readonly hasher = new Hasher();
  private readonly h = new Uint32Array(2);

  constructor(
    /** Adds every key the source holds now (called when the filter grows). */
    private readonly refill: (add: (a: string, b?: string) => void) => void,
  ) {
    this.log2 = MIN_BITS_LOG2;
    this.blockMask = 2 ** (MIN_BITS_LOG2 - BLOCK_LOG2) - 1;
    this.bits = new Uint32Array(2 ** (MIN_BITS_LOG2 - 5));
  }

  /** Whether the pair (a, b) may have been added; false means certainly not. */
  mayHave(a: string, b = ''): boolean {
    hashPair(this.hasher, a, b, this.h);
    return this.probe(false);
  }

  /** Adds the pair (a, b). */
  add(a: string, b = ''): void {
    this.insert(a, b);
    if (this.full()) this.grow();
  }

  /** Forgets every key (before a rebuild from the source, e.g. after erasure). */
  clear(): void {
    this.bits.fill(0);
    this.added = 0;
  }

  /** Empties the filter and adds what its source holds now. */
  rebuild(): void {
    this.clear();
    this.refill((a, b) => this.insert(a, b ?? ''));
    if (this.full()) this.grow();
  }

  /** Sets the pair's bits, counting it when one of them was not set yet; never grows. */
  private insert(a: string, b: string): void {
    hashPair(this.hasher, a, b, this.h);
    if (!this.probe(true)) this.added++;
  }

  private full(): boolean {
    return this.added * BITS_PER_KEY > 2 ** this.log2 && this.log2 < MAX_BITS_LOG2;
  }

  /** Whether every probed bit of the hashed pair was set; with `set`, sets them too. */
  private probe(set: boolean): boolean {
    const h1 = this.h[0] as number;
    // The block's first word (a block is 2^(BLOCK_LOG2 − 5) words of 32 bits).
    const base = (h1 & this.blockMask) << (BLOCK_LOG2 - 5);
    // An odd step from bits the block index never uses (it takes at most 31 − 9 = 22 low bits):
    // odd and under 512, it visits distinct bits of the block for every probe.
    const step = (h1 >>> (32 - BLOCK_LOG2)) | 1;
    let x = this.h[1] as number;
    let all = true;
    for (let i = 0; i < PROBES; i++) {
      const bit = x & (BLOCK_BITS - 1);
      const word = base + (bit >>> 5);
      const flag = 1 << (bit & 31);
      if (((this.bits[word] as number) & flag) === 0) {
        if (!set) return false;
        all = false;
        this.bits[word] = (this.bits[word] as number) | flag;
      }
      x += step;
    }
    return all;
  }

  /** A larger filter, filled from the source (repeated while the source holds more than it allows for). */
  private grow(): void {
    while (this.full()) {
      while (this.full()) this.log2++;
      this.blockMask = 2 ** (this.log2 - BLOCK_LOG2) - 1;
      this.bits = new Uint32Array(2 ** (this.log2 - 5));
      this.added = 0;
      this.refill((a, b) => this.insert(a, b ?? ''));
    }
  }
}

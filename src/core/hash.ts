/**
 * A two-lane 32-bit multiplicative string hash: statement line ids (`statements/finish.ts`, as hex)
 * and the knowledge base's key filters (`knowledge/key-filter.ts`, its lanes as numbers).
 */

/** Char codes of the hex digits. */
const HEX = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

/** Two 32-bit lanes of a multiplicative hash (pure JavaScript: same ids in Node and browsers). */
export class Hasher {
  h1 = 0xdeadbeef;
  h2 = 0x41c6ce57;
  str(s: string): this {
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    // A separator after every field, so ("ab", "c") and ("a", "bc") differ.
    this.h1 = Math.imul(h1 ^ 0x1e, 2654435761);
    this.h2 = Math.imul(h2 ^ 0x1e, 1597334677);
    return this;
  }
  /** A safe integer, as its low and high 32 bits, or a marker for "absent". */
  int(n: number | undefined): this {
    const lo = n === undefined ? 0x7fffffff : n | 0;
    const hi = n === undefined ? 0x7fffffff : Math.floor(n / 4294967296) | 0;
    this.h1 = Math.imul(Math.imul(this.h1 ^ lo, 2654435761) ^ hi, 2654435761);
    this.h2 = Math.imul(Math.imul(this.h2 ^ lo, 1597334677) ^ hi, 1597334677);
    return this;
  }
  reset(h1 = 0xdeadbeef, h2 = 0x41c6ce57): this {
    this.h1 = h1;
    this.h2 = h2;
    return this;
  }
  hex(): string {
    const a = Math.imul(this.h1 ^ (this.h1 >>> 16), 2246822507) ^ Math.imul(this.h2 ^ (this.h2 >>> 13), 3266489909);
    const b = Math.imul(this.h2 ^ (this.h2 >>> 16), 2246822507) ^ Math.imul(a ^ (a >>> 13), 3266489909);
    // One string allocation for the 16 digits.
    return String.fromCharCode(
      HEX[(b >>> 28) & 15]!, HEX[(b >>> 24) & 15]!, HEX[(b >>> 20) & 15]!, HEX[(b >>> 16) & 15]!,
      HEX[(b >>> 12) & 15]!, HEX[(b >>> 8) & 15]!, HEX[(b >>> 4) & 15]!, HEX[b & 15]!,
      HEX[(a >>> 28) & 15]!, HEX[(a >>> 24) & 15]!, HEX[(a >>> 20) & 15]!, HEX[(a >>> 16) & 15]!,
      HEX[(a >>> 12) & 15]!, HEX[(a >>> 8) & 15]!, HEX[(a >>> 4) & 15]!, HEX[a & 15]!,
    );
  }
}

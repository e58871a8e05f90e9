/**
 * Content fingerprints for ids that must be the same whenever the content is.
 *
 * @module
 */

/**
 * A 64-bit FNV-1a fingerprint of strings as 16 hex digits (two 32-bit lanes, pure JavaScript, so
 * the same ids in Node and browsers). Used for statement ids, where it only has to tell one
 * client's files apart, and for the ids of vouchers without a number.
 */
export function fingerprint(...parts: readonly string[]): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) {
      const c = part.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x01000193) ^ (a >>> 13);
    }
    // A separator that no string part contains, so ("ab", "c") and ("a", "bc") differ.
    a = Math.imul(a ^ 0xffff, 0x01000193);
    b = Math.imul(b ^ 0xfffe, 0x01000193);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

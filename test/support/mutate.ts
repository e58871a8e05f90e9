/**
 * Seeded mutations of a file's bytes, of the kinds damaged real files show: a download cut
 * short, bytes lost or changed, a line pasted thousands of times, stray quotes, separators and
 * NULs, a digit that became a letter, deep nesting or a huge field pasted in, chunks moved. Used
 * by the mutation test (test/hostile/mutation.test.ts) and the long run of bench/fuzz.ts.
 */
const SPECIAL = [0x00, 0xff, 0x22, 0x3b, 0x2c, 0x09, 0x0a, 0x0d, 0x7b, 0x5b, 0x3c, 0x23, 0x2d, 0x30, 0x39, 0xc3, 0xa5, 0xe5, 0x20];
const NESTING = ['[', '{', '<', '"', '{'].map((c) => c.charCodeAt(0));
const FILLERS = [0x41, 0x20, 0x22, 0x3b, 0x30];

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** One mutation of `bytes`, chosen and placed by `random` (a seeded generator, see random.ts). */
export function mutate(bytes: Uint8Array, random: () => number): Uint8Array {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const n = bytes.length;
  const at = Math.floor(random() * Math.max(1, n));
  switch (Math.floor(random() * 10)) {
    case 0: // cut short
      return bytes.slice(0, at);
    case 1: // bytes lost
      return concat(bytes.slice(0, at), bytes.slice(at + Math.floor(random() * 64)));
    case 2: {
      // bytes replaced by separators, quotes, NULs, half a UTF-8 sequence
      const c = bytes.slice();
      for (let i = 0; i < 1 + random() * 8; i++) c[Math.floor(random() * n)] = pick(SPECIAL);
      return c;
    }
    case 3: // the same, inserted
      return concat(bytes.slice(0, at), Uint8Array.from({ length: 1 + Math.floor(random() * 16) }, () => pick(SPECIAL)), bytes.slice(at));
    case 4: {
      // a line repeated
      const s = bytes.indexOf(0x0a, at);
      const e = s < 0 ? -1 : bytes.indexOf(0x0a, s + 1);
      if (e < 0) return bytes.slice(0, at);
      const line = bytes.slice(s + 1, e + 1);
      return concat(bytes.slice(0, e + 1), ...Array.from({ length: pick([2, 10, 3000]) }, () => line), bytes.slice(e + 1));
    }
    case 5: {
      // digits turned into letters, signs, separators
      const c = bytes.slice();
      for (let i = 0; i < 1 + random() * 4; i++) {
        const j = Math.floor(random() * n);
        if ((c[j] as number) >= 0x30 && (c[j] as number) <= 0x39) c[j] = pick([0x41, 0x2d, 0x2e, 0x2c, 0x20]);
      }
      return c;
    }
    case 6: {
      // bits flipped
      const c = bytes.slice();
      for (let i = 0; i < 1 + random() * 4; i++) {
        const j = Math.floor(random() * n);
        c[j] = (c[j] as number) ^ (1 << Math.floor(random() * 8));
      }
      return c;
    }
    case 7: // deep nesting
      return concat(bytes.slice(0, at), new Uint8Array(pick([100, 5_000, 100_000])).fill(pick(NESTING)), bytes.slice(at));
    case 8: // a huge field
      return concat(bytes.slice(0, at), new Uint8Array(pick([1_000, 200_000])).fill(pick(FILLERS)), bytes.slice(at));
    default: {
      // two chunks swapped
      const b = Math.floor(random() * n);
      const [x, y] = at < b ? [at, b] : [b, at];
      return concat(bytes.slice(0, x), bytes.slice(y), bytes.slice(x, y));
    }
  }
}

/** What reading mutated files gave: reads, typed errors naming the file, and anything else. */
export interface MutationOutcome {
  read: number;
  typed: number;
  /** Other errors, typed errors naming another file, and reads slower than the bound. */
  readonly problems: string[];
}

/**
 * Reads `mutations` mutations of `original` with `reader`, adding to `outcome`: each must read, or
 * throw a KonteraError (told by `isTyped`) whose `file` is `fileName`, within `boundMs`.
 */
export function readMutations(
  original: Uint8Array,
  fileName: string,
  reader: (bytes: Uint8Array, fileName: string) => unknown,
  options: { readonly mutations: number; readonly random: () => number; readonly boundMs: number; readonly isTyped: (e: unknown) => e is { code: string; file: string | undefined } },
  outcome: MutationOutcome,
): void {
  for (let m = 0; m < options.mutations; m++) {
    const input = mutate(original, options.random);
    const t0 = performance.now();
    try {
      reader(input, fileName);
      outcome.read++;
    } catch (e) {
      if (!options.isTyped(e)) outcome.problems.push(`${fileName} mutation ${m}: ${String(e)}`);
      else if (e.file !== fileName) outcome.problems.push(`${fileName} mutation ${m}: ${e.code} names ${String(e.file)}`);
      else outcome.typed++;
    }
    const ms = performance.now() - t0;
    if (ms > options.boundMs) outcome.problems.push(`${fileName} mutation ${m}: ${ms.toFixed(0)} ms for ${input.length} bytes`);
  }
}

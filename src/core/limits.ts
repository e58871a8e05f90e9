/**
 * Bounds on what a hostile or broken input may cost: bytes read, bytes inflated from a ZIP
 * (XLSX), the compression ratio of each entry, and the nesting depth of XML (camt.053). Each is an
 * option with a default that no real bank export or SIE file comes near; going past one is a
 * typed error (`INPUT_TOO_LARGE`) before the memory is spent, never a crash of the process.
 */
import { InvalidOptionError } from './errors.js';

export interface InputLimits {
  /** Largest input accepted, in bytes (a string counts its UTF-16 length). Default 256 MiB. */
  readonly maxInputBytes: number;
  /** Most bytes inflated from one ZIP archive, all entries read together. Default 64 MiB. */
  readonly maxUncompressedBytes: number;
  /** Largest uncompressed : compressed ratio of a ZIP entry past its first MiB. Default 200. */
  readonly maxCompressionRatio: number;
  /** Deepest element nesting accepted in XML. Default 256 (camt.053 nests about 12 deep). */
  readonly maxXmlDepth: number;
  /** Deepest nesting of arrays and objects accepted in JSON. Default 256 (open-banking transactions nest about 5 deep). */
  readonly maxJsonDepth: number;
}

/** The defaults; a 600 MB file, a 3 GiB ZIP bomb and 5 000 nested elements are each refused. */
export const DEFAULT_INPUT_LIMITS: InputLimits = Object.freeze({
  maxInputBytes: 256 * 1024 * 1024,
  maxUncompressedBytes: 64 * 1024 * 1024,
  maxCompressionRatio: 200,
  maxXmlDepth: 256,
  maxJsonDepth: 256,
});

/** Output every ZIP entry may reach whatever its ratio (small, highly repetitive XML parts). */
export const RATIO_FREE_BYTES = 1024 * 1024;

/** The defaults with `partial` laid over them; each given value must be a positive whole number. */
export function resolveLimits(partial: Partial<InputLimits> | undefined): InputLimits {
  if (partial === undefined) return DEFAULT_INPUT_LIMITS;
  const out = { ...DEFAULT_INPUT_LIMITS };
  for (const key of Object.keys(DEFAULT_INPUT_LIMITS) as (keyof InputLimits)[]) {
    const v = partial[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) {
      throw new InvalidOptionError(`Invalid limits.${key}: expected a whole number ≥ 1, got ${JSON.stringify(v)}`);
    }
    out[key] = v;
  }
  return out;
}

/**
 * Raw score → calibrated confidence. The table is data produced by `bench/accuracy.ts`
 * (isotonic bins over the generated world and the real SIE replays); see `CALIBRATION_NOTE`.
 */
import type { MatchKind, SuggestionSource } from './types.js';

/** Which evidence path produced a raw score; each has its own curve. */
export type CalibrationPath = `${'client'}-${MatchKind}` | Exclude<SuggestionSource, 'client'>;

/** Piecewise-linear, non-decreasing points [raw, calibrated]. */
export type CalibrationCurve = readonly (readonly [number, number])[];

/** Where the table came from. */
export const CALIBRATION_NOTE =
  'bench/accuracy.ts, 2026-11-21: isotonic fit (95 % Wilson lower bound per block) on the generated world, seed 1 ' +
  '(8 bureaus, 184 clients, 12 months), moved halfway back to the raw score because generated books are cleaner ' +
  'than real ones. Checked on world seed 2 and the real SIE replay (not used for fitting).';

/** Curves per path; a missing path (rules, giro and word matches with too few samples) is the identity. */
export const CALIBRATION: Readonly<Partial<Record<CalibrationPath, CalibrationCurve>>> = {
  'client-exact': [[0, 0], [0.3003, 0.618], [0.37, 0.6528], [0.3702, 0.672], [0.5695, 0.7716], [0.591, 0.7825], [0.6642, 0.8244], [0.6643, 0.8255], [0.7524, 0.8696], [0.8218, 0.9079], [0.8799, 0.9369], [0.9184, 0.9573], [0.9399, 0.9685], [0.9669, 0.9827], [0.9712, 0.9849], [0.9794, 0.9891], [0.9854, 0.9921], [1, 0.9994]],
  'client-giro': [[0, 0], [0.3066, 0.2888], [0.9428, 0.6069], [1, 0.6355]],
  'client-fuzzy': [[0, 0], [0.3051, 0.3707], [0.3094, 0.3729], [0.3107, 0.5215], [0.401, 0.5666], [0.4012, 0.6358], [0.5547, 0.7125], [0.5587, 0.7296], [0.637, 0.7688], [0.6393, 0.7954], [0.8571, 0.9043], [1, 0.9757]],
  'bureau': [[0, 0], [0.4, 0.2607], [0.4909, 0.3061], [0.5143, 0.3681], [0.6, 0.6858], [0.72, 0.827], [0.8, 0.8703], [0.84, 0.8903], [0.8571, 0.9081], [0.88, 0.9195], [1, 0.9795]],
  'network': [[0, 0], [0.544, 0.4694], [0.5745, 0.4846], [0.5763, 0.5404], [0.5871, 0.5458], [0.5893, 0.6727], [0.6892, 0.7226], [0.6911, 0.7682], [0.7286, 0.7869], [0.8207, 0.8737], [0.8476, 0.8872], [1, 0.9634]],
};

/**
 * Maps a raw score through the curve of its path (linear between points, clamped to 0..1).
 *
 * ```ts
 * calibrate('client-exact', 0.8)
 * ```
 */
export function calibrate(path: CalibrationPath, raw: number, table: Readonly<Partial<Record<CalibrationPath, CalibrationCurve>>> = CALIBRATION): number {
  const x = Math.min(1, Math.max(0, raw));
  const curve = table[path];
  if (curve === undefined || curve.length === 0) return x;
  const first = curve[0];
  if (first === undefined || x <= first[0]) return first?.[1] ?? x;
  for (let i = 1; i < curve.length; i++) {
    const p = curve[i - 1];
    const q = curve[i];
    if (p === undefined || q === undefined) break;
    if (x <= q[0]) return q[0] === p[0] ? q[1] : p[1] + ((x - p[0]) / (q[0] - p[0])) * (q[1] - p[1]);
  }
  return curve[curve.length - 1]?.[1] ?? x;
}

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
export const CALIBRATION_NOTE = 'identity until fitted by bench/accuracy.ts';

/** Curves per path; a missing path is the identity. */
export const CALIBRATION: Readonly<Partial<Record<CalibrationPath, CalibrationCurve>>> = {};

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

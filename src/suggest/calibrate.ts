/**
 * Raw score → calibrated confidence. The table is data produced by `bench/accuracy.ts`
 * (an isotonic fit on the generated world, hedged towards the raw score); see `CALIBRATION_NOTE`.
 */
import type { MatchKind, SuggestionSource } from './types.js';

/** Which evidence path produced a raw score; each has its own curve. */
export type CalibrationPath = `${'client'}-${MatchKind}` | Exclude<SuggestionSource, 'client'> | 'ranker';

/** Piecewise-linear, non-decreasing points [raw, calibrated]. */
export type CalibrationCurve = readonly (readonly [number, number])[];

/** Where the table came from. */
export const CALIBRATION_NOTE =
  'bench/accuracy.ts --refit, 2026-11-21 (after composite template support and the private-Swish path): isotonic fit ' +
  '(95 % Wilson lower bound per block) on the generated world, seed 1 (8 bureaus, 184 clients, 12 months), moved ' +
  'halfway back to the raw score because generated books are cleaner than real ones. Checked on world seed 2 and the ' +
  'real SIE replay (not used for fitting). Text-less lines (client-no-text) have no generated data and stay raw.';

/** Curves per path; a missing path (rules, word matches and text-less lines, with too few samples) is the identity. */
export const CALIBRATION: Readonly<Partial<Record<CalibrationPath, CalibrationCurve>>> = {
  'client-exact': [[0, 0], [0.3001, 0.6112], [0.3399, 0.6311], [0.34, 0.636], [0.3765, 0.6542], [0.3766, 0.6763], [0.5693, 0.7727], [0.5694, 0.7784], [0.7339, 0.8607], [0.8239, 0.9087], [0.8294, 0.9114], [0.8295, 0.9119], [0.8799, 0.9371], [0.9106, 0.9534], [0.9257, 0.961], [0.9399, 0.9683], [0.9435, 0.9701], [0.9663, 0.9825], [0.9758, 0.9873], [0.985, 0.9919], [1, 0.9994]],
  'client-giro': [[0, 0], [0.3066, 0.2888], [0.9396, 0.6053], [1, 0.6355]],
  'client-fuzzy': [[0, 0], [0.3013, 0.1507], [0.3033, 0.2123], [0.3094, 0.2154], [0.3123, 0.3557], [0.3205, 0.3598], [0.3239, 0.4203], [0.3474, 0.4321], [0.3477, 0.5705], [0.5364, 0.6648], [0.6309, 0.759], [0.6335, 0.7844], [0.8571, 0.8962], [1, 0.9676]],
  'client-swish-private': [[0, 0], [0.5333, 0.4022], [0.7652, 0.5181], [1, 0.6355]],
  bureau: [[0, 0], [0.4, 0.2607], [0.4909, 0.3061], [0.5143, 0.3681], [0.6, 0.6858], [0.72, 0.8265], [0.84, 0.8865], [0.8571, 0.9078], [0.88, 0.9193], [1, 0.9793]],
  network: [[0, 0], [0.544, 0.4694], [0.5745, 0.4846], [0.5763, 0.5404], [0.5871, 0.5458], [0.5893, 0.6727], [0.6892, 0.7226], [0.6911, 0.7682], [0.7286, 0.7869], [0.8207, 0.8737], [0.8476, 0.8872], [1, 0.9634]],
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

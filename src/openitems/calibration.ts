/**
 * Confidence of an open-item match per evidence class: among the candidates of that class that
 * `bench/openitems.ts` proposed on world seed 1 (the evaluation uses seed 2) and on the real SIE
 * files, the share that settled the item the books settled, as a 95 % one-sided Wilson lower
 * bound. `ambiguous` caps a class that more than one candidate of a line has. A class the fit never
 * saw (no candidate of it was proposed) has confidence 0: it is offered, never trusted.
 *
 * Produced by `node --import tsx/esm bench/openitems.ts --fit`; paste its output here.
 *
 * @module
 */
import type { OpenItemEvidence } from './match.js';

export type OpenItemCalibration = Readonly<Record<OpenItemEvidence | 'ambiguous', number>>;

/** Fitted on world seed 1 (bench/openitems.ts --fit, 2026-12-07): candidates per class in bench/report.md. */
export const OPEN_ITEM_CALIBRATION: OpenItemCalibration = Object.freeze({
  reference: 0.994,
  'reference-part': 0,
  'amount-words': 0.962,
  'subset-words': 0.836,
  'part-words': 0.744,
  'amount-unique': 0.855,
  'amount-ambiguous': 0,
  subset: 0.955,
  ambiguous: 0.453,
});

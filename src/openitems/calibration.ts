/**
 * Confidence of an open-item match per evidence class: among the candidates of that class that
 * `bench/openitems.ts` proposed on world seed 1 (the evaluation uses seed 2) and on the real SIE
 * files, the share that settled the item the books settled, as a 95 % one-sided Wilson lower
 * bound. `ambiguous` caps a class that more than one candidate of a line has.
 *
 * Produced by `node --import tsx/esm bench/openitems.ts --fit`; paste its output here.
 *
 * @module
 */
import type { OpenItemEvidence } from './match.js';

export type OpenItemCalibration = Readonly<Record<OpenItemEvidence | 'ambiguous', number>>;

export const OPEN_ITEM_CALIBRATION: OpenItemCalibration = Object.freeze({
  reference: 0.5,
  'reference-part': 0.5,
  'amount-words': 0.5,
  'subset-words': 0.5,
  'part-words': 0.5,
  'amount-unique': 0.5,
  'amount-ambiguous': 0.5,
  subset: 0.5,
  ambiguous: 0.5,
});

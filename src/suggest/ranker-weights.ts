/**
 * Learned parameters of the ranker and its confidence curve. Data, written by
 * `bench/fit-ranker.ts`; do not edit by hand. See `RANKER_NOTE` for where they came from.
 */
import type { PlattScaling, RankerWeights, SharedEvidencePath } from './ranker.js';

/** Provenance of {@link RANKER} and {@link CONFIDENCE}. */
export const RANKER_NOTE =
  "bench/fit-ranker.ts on 2026-12-07 (commit 3e4c5c1): softmax-with-none ranker, maximum likelihood with L2 0.001, Newton's method, in two stages (every weight on the real files and the world's lines, then the open-item weight on the real files and the world's invoice payments); data: 163 test lines of 12 real SIE files (fixtures/sie, learn 70 % then replay) and 30946 lines of the generated world seed 1 with its invoices (bench/world/invoices.ts; open-item matches as evidence), each source weighing the same. Confidence: logistic (Platt) calibration on the real files' leave-one-file-out top probabilities (146 of 163 right); for lines that the bureau's other clients or the network carry, which the real books do not have, their own curves on the generated world seed 3, scored by these weights (bureau 2063 of 2650 right, network 2590 of 2817 right).";

/** Weights of the ranker's features and the score of "none of the candidates". */
export const RANKER: RankerWeights = {
  weights: {
    clientShare: 1.5464,
    clientNoText: -2.9072,
    clientGiro: 0.0245,
    clientFuzzy: 0.2327,
    clientTokens: 0.1335,
    clientSwish: 0.0028,
    clientCount: 1.3646,
    templateSupport: 0.5916,
    composite: -1.0415,
    amountFit: 1.9725,
    clientSwitch: 2.139,
    textP: -0.3263,
    textHitP: 0.5228,
    textHits: 0.6399,
    clientPrior: -1.63,
    bureauShare: 0.5822,
    bureauCount: 0.2329,
    bureauShareKnown: 0.8061,
    bureauTextP: 3.0476,
    networkShare: 0.9338,
    networkCount: 1.1436,
    networkShareKnown: 0.7933,
    rule: 3.7123,
    openItem: 4.5994
  },
  none: 1.7518
};

/** Ranker probability of the top account → calibrated confidence: σ(a · logit(p) + b). */
export const CONFIDENCE: PlattScaling = {a:0.9803,b:0.336};

/** Curves of the lines that bureau or network evidence carries (see `RANKER_NOTE`); a missing one is {@link CONFIDENCE}. */
export const CONFIDENCE_BY_SOURCE: Readonly<Partial<Record<SharedEvidencePath, PlattScaling>>> = {bureau:{a:1.0581,b:1.1575},network:{a:0.3601,b:1.2564}};

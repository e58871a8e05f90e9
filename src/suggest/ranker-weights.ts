/**
 * Learned parameters of the ranker and its confidence curve. Data, written by
 * `bench/fit-ranker.ts`; do not edit by hand. See `RANKER_NOTE` for where they came from.
 */
import type { PlattScaling, RankerWeights, SharedEvidencePath } from './ranker.js';

/** Provenance of {@link RANKER} and {@link CONFIDENCE}. */
export const RANKER_NOTE =
  "bench/fit-ranker.ts on 2026-12-05 (commit a66bcbb): softmax-with-none ranker, maximum likelihood with L2 0.001, Newton's method, in two stages (every weight on the real files and the world's lines, then the open-item weight on the real files and the world's invoice payments); data: 163 test lines of 12 real SIE files (fixtures/sie, learn 70 % then replay) and 30946 lines of the generated world seed 1 with its invoices (bench/world/invoices.ts; open-item matches as evidence), each source weighing the same. Confidence: logistic (Platt) calibration on the real files' leave-one-file-out top probabilities (143 of 163 right); for lines that the bureau's other clients or the network carry, which the real books do not have, their own curves on the generated world seed 3, scored by these weights (bureau 2057 of 2658 right, network 2538 of 2766 right).";

/** Weights of the ranker's features and the score of "none of the candidates". */
export const RANKER: RankerWeights = {
  weights: {
    clientShare: 1.4718,
    clientNoText: -1.6995,
    clientGiro: 0.0286,
    clientFuzzy: 0.1518,
    clientTokens: 0.0496,
    clientSwish: 0.003,
    clientCount: 1.8407,
    templateSupport: 0.5279,
    composite: -1.0405,
    amountFit: 1.5654,
    clientSwitch: 0,
    textP: -0.3524,
    textHitP: 0.4786,
    textHits: 0.6425,
    clientPrior: -1.5882,
    bureauShare: 0.5934,
    bureauCount: 0.2556,
    bureauShareKnown: 0.7488,
    bureauTextP: 3.0644,
    networkShare: 0.9387,
    networkCount: 1.1439,
    networkShareKnown: 0.7705,
    rule: 3.8505,
    openItem: 4.6788
  },
  none: 1.7743
};

/** Ranker probability of the top account → calibrated confidence: σ(a · logit(p) + b). */
export const CONFIDENCE: PlattScaling = {a:0.8824,b:0.0821};

/** Curves of the lines that bureau or network evidence carries (see `RANKER_NOTE`); a missing one is {@link CONFIDENCE}. */
export const CONFIDENCE_BY_SOURCE: Readonly<Partial<Record<SharedEvidencePath, PlattScaling>>> = {bureau:{a:1.036,b:1.1214},network:{a:0.3475,b:1.267}};

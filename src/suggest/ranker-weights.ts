/**
 * Learned parameters of the ranker and its confidence curve. Data, written by
 * `bench/fit-ranker.ts`; do not edit by hand. See `RANKER_NOTE` for where they came from.
 */
import type { PlattScaling, RankerWeights } from './ranker.js';

/** Provenance of {@link RANKER} and {@link CONFIDENCE}. */
export const RANKER_NOTE =
  "bench/fit-ranker.ts on 2026-12-04 (commit 795bbdd): softmax-with-none ranker, maximum likelihood with L2 0.001, Newton's method; data: 163 test lines of 12 real SIE files (fixtures/sie, learn 70 % then replay) and 14723 lines of the generated world seed 1, each source weighing the same. Confidence: logistic (Platt) calibration on the real files' leave-one-file-out top probabilities (144 of 163 right).";

/** Weights of the ranker's features and the score of "none of the candidates". */
export const RANKER: RankerWeights = {
  weights: {
    clientShare: 0.9884,
    clientNoText: -0.9455,
    clientGiro: 0.0491,
    clientFuzzy: 0.4748,
    clientTokens: 0.1405,
    clientSwish: 0.0227,
    clientCount: 1.7766,
    templateSupport: 0.6508,
    composite: -0.9227,
    amountFit: 0.7185,
    textP: -0.4451,
    textHitP: 0.2573,
    textHits: 1.1234,
    clientPrior: -1.0918,
    bureauShare: 0.652,
    bureauCount: -0.965,
    bureauTextP: 3.0324,
    networkShare: 1.005,
    networkCount: 0.9365,
    rule: 4.5056
  },
  none: 2.3395
};

/** Ranker probability of the top account → calibrated confidence: σ(a · logit(p) + b). */
export const CONFIDENCE: PlattScaling = {a:0.7942,b:0.3227};

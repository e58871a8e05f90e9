/**
 * Learned parameters of the ranker and its confidence curve. Data, written by
 * `bench/fit-ranker.ts`; do not edit by hand. See `RANKER_NOTE` for where they came from.
 */
import type { PlattScaling, RankerWeights } from './ranker.js';

/** Provenance of {@link RANKER} and {@link CONFIDENCE}. */
export const RANKER_NOTE =
  "bench/fit-ranker.ts on 2026-12-04 (commit 0bc2671): softmax-with-none ranker, maximum likelihood with L2 0.001, Newton's method; data: 163 test lines of 12 real SIE files (fixtures/sie, learn 70 % then replay) and 14723 lines of the generated world seed 1, each source weighing the same. Confidence: logistic (Platt) calibration on the real files' leave-one-file-out top probabilities (143 of 163 right).";

/** Weights of the ranker's features and the score of "none of the candidates". */
export const RANKER: RankerWeights = {
  weights: {
    clientShare: 0.8863,
    clientNoText: -1.3644,
    clientGiro: 0.0551,
    clientFuzzy: 0.3478,
    clientTokens: 0.094,
    clientSwish: 0.0077,
    clientCount: 1.6751,
    templateSupport: 0.7421,
    composite: -0.937,
    amountFit: 0.792,
    textP: -0.4357,
    textHitP: 0.1583,
    textHits: 1.2535,
    clientPrior: -1.0773,
    bureauShare: 0.7803,
    bureauCount: 0.4273,
    bureauShareKnown: -0.6659,
    bureauTextP: 2.8513,
    networkShare: 1.0809,
    networkCount: 1.2838,
    networkShareKnown: 0.5179,
    rule: 4.6379
  },
  none: 2.5277
};

/** Ranker probability of the top account → calibrated confidence: σ(a · logit(p) + b). */
export const CONFIDENCE: PlattScaling = {a:0.9566,b:0.06};

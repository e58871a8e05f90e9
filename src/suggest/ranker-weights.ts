/**
 * Learned parameters of the ranker and its confidence curve. Data, written by
 * `bench/fit-ranker.ts`; do not edit by hand. See `RANKER_NOTE` for where they came from.
 */
import type { PlattScaling, RankerWeights } from './ranker.js';

/** Provenance of {@link RANKER} and {@link CONFIDENCE}. */
export const RANKER_NOTE =
  "bench/fit-ranker.ts on 2026-12-04 (commit fa65049): softmax-with-none ranker, maximum likelihood with L2 0.001, Newton's method; data: 163 test lines of 12 real SIE files (fixtures/sie, learn 70 % then replay) and 14723 lines of the generated world seed 1, each source weighing the same. Confidence: logistic (Platt) calibration on the real files' leave-one-file-out top probabilities (142 of 163 right).";

/** Weights of the ranker's features and the score of "none of the candidates". */
export const RANKER: RankerWeights = {
  weights: {
    clientShare: 1.6638,
    clientNoText: -1.7889,
    clientGiro: 0.0255,
    clientFuzzy: 0.1297,
    clientTokens: -0.0002,
    clientSwish: 0.0024,
    clientCount: 1.8314,
    templateSupport: 0.8207,
    composite: -1.1415,
    amountFit: 1.3729,
    textP: -0.3643,
    textHitP: 0.4285,
    textHits: 0.6762,
    clientPrior: -1.4852,
    bureauShare: 0.5987,
    bureauCount: 0.2633,
    bureauShareKnown: 0.6868,
    bureauTextP: 3.1194,
    networkShare: 0.9507,
    networkCount: 1.1654,
    networkShareKnown: 0.722,
    rule: 4.0341
  },
  none: 1.8963
};

/** Ranker probability of the top account → calibrated confidence: σ(a · logit(p) + b). */
export const CONFIDENCE: PlattScaling = {a:0.8525,b:0.1624};

/**
 * Learned parameters of the ranker and its confidence curve. Data, written by
 * `bench/fit-ranker.ts`; do not edit by hand. See `RANKER_NOTE` for where they came from.
 */
import type { PlattScaling, RankerWeights, SharedEvidencePath } from './ranker.js';

/** Provenance of {@link RANKER} and {@link CONFIDENCE}. */
export const RANKER_NOTE =
  "bench/fit-ranker.ts on 2026-12-06 (commit 7fc52da): softmax-with-none ranker, maximum likelihood with L2 0.001, Newton's method, in two stages (every weight on the real files and the world's lines, then the open-item weight on the real files and the world's invoice payments); data: 163 test lines of 12 real SIE files (fixtures/sie, learn 70 % then replay) and 30946 lines of the generated world seed 1 with its invoices (bench/world/invoices.ts; open-item matches as evidence), each source weighing the same. Confidence: logistic (Platt) calibration on the real files' leave-one-file-out top probabilities (146 of 163 right); for lines that the bureau's other clients or the network carry, which the real books do not have, their own curves on the generated world seed 3, scored by these weights (bureau 2062 of 2654 right, network 2555 of 2782 right).";

/** Weights of the ranker's features and the score of "none of the candidates". */
export const RANKER: RankerWeights = {
  weights: {
    clientShare: 1.59,
    clientNoText: -2.8718,
    clientGiro: 0.0253,
    clientFuzzy: 0.2371,
    clientTokens: 0.0622,
    clientSwish: 0.003,
    clientCount: 1.3496,
    templateSupport: 0.4787,
    composite: -1.0111,
    amountFit: 2.017,
    clientSwitch: 2.144,
    textP: -0.3393,
    textHitP: 0.5046,
    textHits: 0.641,
    clientPrior: -1.6463,
    bureauShare: 0.5819,
    bureauCount: 0.2317,
    bureauShareKnown: 0.8246,
    bureauTextP: 3.0339,
    networkShare: 0.9329,
    networkCount: 1.14,
    networkShareKnown: 0.8069,
    rule: 3.6939,
    openItem: 4.7198
  },
  none: 1.7286
};

/** Ranker probability of the top account → calibrated confidence: σ(a · logit(p) + b). */
export const CONFIDENCE: PlattScaling = {a:0.9622,b:0.3523};

/** Curves of the lines that bureau or network evidence carries (see `RANKER_NOTE`); a missing one is {@link CONFIDENCE}. */
export const CONFIDENCE_BY_SOURCE: Readonly<Partial<Record<SharedEvidencePath, PlattScaling>>> = {bureau:{a:1.0639,b:1.1515},network:{a:0.3573,b:1.2646}};

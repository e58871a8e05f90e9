/**
 * Learned parameters of the ranker and its confidence curve. Data, written by
 * `bench/fit-ranker.ts`; do not edit by hand. See `RANKER_NOTE` for where they came from.
 */
import type { PlattScaling, RankerWeights, SharedEvidencePath } from './ranker.js';

/** Provenance of {@link RANKER} and {@link CONFIDENCE}. */
export const RANKER_NOTE =
  "bench/fit-ranker.ts on 2026-12-06 (commit bd4d266): softmax-with-none ranker, maximum likelihood with L2 0.001, Newton's method, in two stages (every weight on the real files and the world's lines, then the open-item weight on the real files and the world's invoice payments); data: 163 test lines of 12 real SIE files (fixtures/sie, learn 70 % then replay) and 30946 lines of the generated world seed 1 with its invoices (bench/world/invoices.ts; open-item matches as evidence), each source weighing the same. Confidence: logistic (Platt) calibration on the real files' leave-one-file-out top probabilities (146 of 163 right); for lines that the bureau's other clients or the network carry, which the real books do not have, their own curves on the generated world seed 3, scored by these weights (bureau 2061 of 2666 right, network 2540 of 2768 right).";

/** Weights of the ranker's features and the score of "none of the candidates". */
export const RANKER: RankerWeights = {
  weights: {
    clientShare: 1.5834,
    clientNoText: -2.8618,
    clientGiro: 0.0256,
    clientFuzzy: 0.158,
    clientTokens: 0.0677,
    clientSwish: 0.0032,
    clientCount: 1.3588,
    templateSupport: 0.4721,
    composite: -0.9998,
    amountFit: 1.9863,
    clientSwitch: 2.1423,
    textP: -0.3581,
    textHitP: 0.4938,
    textHits: 0.6282,
    clientPrior: -1.6367,
    bureauShare: 0.5908,
    bureauCount: 0.2495,
    bureauShareKnown: 0.831,
    bureauTextP: 3.0398,
    networkShare: 0.9365,
    networkCount: 1.1312,
    networkShareKnown: 0.8117,
    rule: 3.6857,
    openItem: 4.7428
  },
  none: 1.7155
};

/** Ranker probability of the top account → calibrated confidence: σ(a · logit(p) + b). */
export const CONFIDENCE: PlattScaling = {a:0.9563,b:0.3594};

/** Curves of the lines that bureau or network evidence carries (see `RANKER_NOTE`); a missing one is {@link CONFIDENCE}. */
export const CONFIDENCE_BY_SOURCE: Readonly<Partial<Record<SharedEvidencePath, PlattScaling>>> = {bureau:{a:1.053,b:1.1149},network:{a:0.3572,b:1.2529}};

/**
 * The learned ranker: every piece of evidence for every candidate account becomes one feature
 * vector, and one linear score per candidate, turned into probabilities by a softmax that also
 * holds a "none of these" option. The weights are data (`ranker-weights.ts`), fitted by
 * `bench/fit-ranker.ts` on real books and the generated world; nothing here is hand-set.
 */
import type { CalibrationPath } from './calibrate.js';
import { CONFIDENCE, CONFIDENCE_BY_SOURCE, RANKER } from './ranker-weights.js';

/** The features of one candidate account, by name; all are 0 when that evidence is absent. */
export const RANKER_FEATURES = [
  /**
   * Share of the client's own matched evidence behind the account, decayed and amount-weighted,
   * times the match's similarity: however the counterparty was found (key, giro, fuzzy, words).
   */
  'clientShare',
  /** The same, again, when the match was only found for text-less lines, from the client's other text-less bookings. */
  'clientNoText',
  /** …again when found by the same bankgiro/plusgiro under another name. */
  'clientGiro',
  /** …again when found by a similar key. */
  'clientFuzzy',
  /** …again when found by shared words. */
  'clientTokens',
  /** …again when it is how the client books other private Swish payers. */
  'clientSwish',
  /** ln(1 + decayed evidence weight) behind the account in the client's matched history. */
  'clientCount',
  /** Share of the template that will be booked in the account's evidence (composite vouchers). */
  'templateSupport',
  /** 1 when the account's template has two or more counter-accounts besides VAT (payroll, tax): riskier. */
  'composite',
  /** The amount's fit to the account's learned range (1 inside it; 0 without client evidence). */
  'amountFit',
  /**
   * ln(1 + bookings) behind the account when the client switched to it: its matched history names
   * two or more accounts, and every booking to this one came after the last booking to any other
   * (a new account for the same payment, a correction not flagged as one, a re-classification in
   * last year's books). 0 otherwise.
   */
  'clientSwitch',
  /** The client's text model: posterior of the account. */
  'textP',
  /** …the same, only when the line's words were seen with the account (not the prior alone). */
  'textHitP',
  /** ln(1 + counterparties) with the line's features booked to the account. */
  'textHits',
  /** Share of the client's bookings in this direction that went to the account. */
  'clientPrior',
  /** Share of the bureau's other clients booking this key to the account, for a counterparty the client has no history of. */
  'bureauShare',
  /** ln(1 + clients) behind it. */
  'bureauCount',
  /** The same share when the client has its own history of the counterparty (other clients' habits matter less then). */
  'bureauShareKnown',
  /** The bureau's text model: posterior, when the line's words were seen with the account. */
  'bureauTextP',
  /** Share of network clients booking this key to the account, for a counterparty the client has no history of. */
  'networkShare',
  /** ln(1 + clients) behind it. */
  'networkCount',
  /** The same share when the client has its own history of the counterparty. */
  'networkShareKnown',
  /** A built-in rule names the account (its stated confidence). */
  'rule',
  /**
   * The line settles an open item (invoice) booked to the account: the match's confidence for its
   * evidence class (reference, amount and words, …; src/openitems/calibration.ts), 0 when none.
   */
  'openItem',
] as const;
export type RankerFeature = (typeof RANKER_FEATURES)[number];

/** A feature vector in the order of {@link RANKER_FEATURES}. */
export type FeatureVector = number[];

/** Weights and bias as shipped (see `ranker-weights.ts`). */
export interface RankerWeights {
  readonly weights: Readonly<Record<RankerFeature, number>>;
  /** Score of "none of the candidates". */
  readonly none: number;
}

/**
 * Zeros held as doubles: a copy starts with double elements, so writing the first fraction into it
 * does not convert (and reallocate) an array of small integers.
 */
const ZEROS: FeatureVector = [];
for (let i = 0; i < RANKER_FEATURES.length; i++) ZEROS.push(0.5);
ZEROS.fill(0);

/** A new zero vector. */
export function featureVector(): FeatureVector {
  return ZEROS.slice();
}

/** Index of a feature in a vector. */
export const F: Readonly<Record<RankerFeature, number>> = Object.fromEntries(RANKER_FEATURES.map((f, i) => [f, i])) as Record<RankerFeature, number>;

function weightArray(w: RankerWeights): Float64Array {
  return Float64Array.from(RANKER_FEATURES.map((f) => w.weights[f] ?? 0));
}

const SHIPPED = weightArray(RANKER);

/** The weights as a vector in feature order: the shipped ones, or the given ones (read once per line, not per use). */
export function weightVector(weights?: RankerWeights): Float64Array {
  return weights === undefined ? SHIPPED : weightArray(weights);
}

/**
 * Probabilities of each candidate (same order) and of "none of them", from the shipped weights or
 * the given ones.
 */
export function rank(vectors: readonly FeatureVector[], weights?: RankerWeights): { p: number[]; none: number } {
  return rankWith(vectors, weightVector(weights), weights === undefined ? RANKER.none : weights.none);
}

/** {@link rank} with the weight vector already at hand (`weightVector`) and the score of "none". */
export function rankWith(vectors: readonly FeatureVector[], w: Float64Array, none: number): { p: number[]; none: number } {
  const n = vectors.length;
  const scores = new Array<number>(n);
  let max = none;
  for (let j = 0; j < n; j++) {
    const v = vectors[j] as FeatureVector;
    let s = 0;
    for (let i = 0; i < w.length; i++) s += (w[i] as number) * (v[i] as number);
    scores[j] = s;
    if (s > max) max = s;
  }
  let z = Math.exp(none - max);
  for (let j = 0; j < n; j++) z += Math.exp((scores[j] as number) - max);
  for (let j = 0; j < n; j++) scores[j] = Math.exp((scores[j] as number) - max) / z;
  return { p: scores, none: Math.exp(none - max) / z };
}

/** Logistic calibration of the top probability: confidence = σ(a · logit(p) + b). */
export interface PlattScaling {
  readonly a: number;
  readonly b: number;
}

/** The calibrated confidence of a ranker probability (monotone: the ranking is kept). */
export function plattConfidence(p: number, s: PlattScaling): number {
  const q = Math.min(1 - 1e-9, Math.max(1e-9, p));
  return 1 / (1 + Math.exp(-(s.a * Math.log(q / (1 - q)) + s.b)));
}

/** Calibration paths whose evidence the real books cannot show: each has its own curve when one was fitted. */
export type SharedEvidencePath = 'bureau' | 'network';

/**
 * The calibrated confidence of a ranker probability for the evidence that carries it: bureau and
 * network evidence (other clients' habits) by their own curves, fitted on lines carried by that
 * evidence (`bench/fit-ranker.ts`); everything else by the curve fitted on the real books.
 */
export function confidenceFor(
  path: CalibrationPath,
  p: number,
  base: PlattScaling = CONFIDENCE,
  bySource: Readonly<Partial<Record<SharedEvidencePath, PlattScaling>>> = CONFIDENCE_BY_SOURCE,
): number {
  const own = path === 'bureau' || path === 'network' ? bySource[path] : undefined;
  return plattConfidence(p, own ?? base);
}

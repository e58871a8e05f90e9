/**
 * The text model: a multinomial naive Bayes over what a bank line says, one per client (from its
 * profiles) and one per bureau (from its bureau records). It is what lets kontera book a line whose
 * counterparty it has never seen: `Kundbet <new customer>` after dozens of `Kundbet … → 1510`, a new
 * card merchant whose words or type say what it is, `privat insättning`, `Bank kostnader`.
 *
 * Why naive Bayes: a client has tens to a few thousand bookings, arriving one at a time. NB is exact
 * under online updates (counts in, counts out: `unlearn` and erasure remove a contribution to the
 * last unit, with no retraining and no drift), needs no learning rate or epochs, is well behaved on
 * very small data, and its per-word counts give the reason a bookkeeper reads ("41 of 41
 * counterparties whose text says KUNDBET went to 1510"). Its known weakness, overconfident
 * posteriors from correlated features, is what the ranker's learned weight on it and the calibration
 * curve correct.
 *
 * The model is derived data: every count comes from a stored profile or bureau record, so a store
 * needs nothing new; it is built on first use from the records (a few milliseconds per thousand
 * counterparties) and then kept in step, record by record, as profiles change.
 *
 * Features of a counterparty (the same function for learning and suggesting): the key's words and
 * their Swedish stems, word pairs, the first and last five letters of long words (the parts of a
 * compound: MOBIL|TILLBEHÖR, WEBHALLEN ~ WEBHALLEN SVERIGE), the transaction types seen with it
 * (KORT, SWISH, BG, AUTOGIRO, …), an amount band and the exact amount. Classes are (direction, main account): money in
 * and money out never compete.
 */
import { formatKronor } from '../core/money.js';
import { sortSmall } from '../core/sort.js';
import { FeatureTable } from './feature-table.js';
import { stemWord } from '../normalize/tokens.js';
import { normalizeText } from '../normalize/text.js';
import { NO_TEXT_KEY } from '../normalize/counterparty.js';
import { mainAccount } from './template.js';
import type { AccountNo, BureauRecord, Direction, ProfileRecord } from './types.js';

/** Laplace smoothing: the textbook add-one prior, no tuning (the ranker weighs the model's output). */
const ALPHA = 1;
/** Words shorter than this get no prefix/suffix features (their word feature says it all). */
const AFFIX_MIN_WORD = 7;
const AFFIX_LENGTH = 5;

/**
 * One counterparty's features, as strings with a one-letter kind prefix. With `ids`, each
 * feature's {@link featureId} is pushed to it as well, hashed from the parts the feature is made
 * of rather than from the string: a line's features are hashed once, for every model that scores
 * it and for its reasons, and the hashing reads no freshly joined string.
 */
export function textFeatures(key: string | null, types: readonly string[] | undefined, amountAbs: number | undefined, ids?: number[]): string[] {
  const out: string[] = [];
  if (key === NO_TEXT_KEY || key === null) {
    out.push(NO_TEXT_FEATURE);
    ids?.push(NO_TEXT_ID);
  } else {
    // The words of the normalised key, walked in place (it has single spaces and none at the ends).
    const text = normalizeText(key);
    let previous: string | undefined;
    for (let start = 0; start < text.length; ) {
      let end = text.indexOf(' ', start);
      if (end < 0) end = text.length;
      const w = text.slice(start, end);
      start = end + 1;
      out.push(`w:${w}`);
      ids?.push(idOfHash(hashOn(KIND_HASH.w, w, 0, w.length)));
      if (isGiroWord(w)) {
        previous = w; // a giro number as the whole key ("BG 5050-1055")
        continue;
      }
      const s = stemWord(w);
      if (s !== w.toLowerCase()) {
        out.push(`s:${s}`);
        ids?.push(idOfHash(hashOn(KIND_HASH.s, s, 0, s.length)));
      }
      if (w.length >= AFFIX_MIN_WORD) {
        out.push(`p:${w.slice(0, AFFIX_LENGTH)}`, `e:${w.slice(-AFFIX_LENGTH)}`);
        ids?.push(idOfHash(hashOn(KIND_HASH.p, w, 0, AFFIX_LENGTH)), idOfHash(hashOn(KIND_HASH.e, w, w.length - AFFIX_LENGTH, w.length)));
      }
      if (previous !== undefined) {
        out.push(`b:${previous} ${w}`);
        ids?.push(idOfHash(hashOn(hashOn(hashOn(KIND_HASH.b, previous, 0, previous.length), ' ', 0, 1), w, 0, w.length)));
      }
      previous = w;
    }
  }
  if (types !== undefined) {
    for (const t of types) {
      out.push(`t:${t}`);
      ids?.push(idOfHash(hashOn(KIND_HASH.t, t, 0, t.length)));
    }
  }
  if (amountAbs !== undefined && amountAbs > 0) {
    out.push(`a:${amountBand(amountAbs)}`);
    // The exact amount: fees, rents, subscriptions and wages repeat it to the öre, and it is what a
    // line without text (or with a text that names nobody) still says.
    out.push(`m:${amountAbs}`);
    // Short strings of digits: hashed as they are.
    ids?.push(featureId(out[out.length - 2] as string), featureId(out[out.length - 1] as string));
  }
  return out;
}

/** The feature of a line without text. */
const NO_TEXT_FEATURE = 'x:no-text';

/** Digits and dashes only (the test `/^[\d-]+$/`, without a regex): a giro number, not a name. */
function isGiroWord(w: string): boolean {
  if (w.length === 0) return false;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if ((c < 0x30 || c > 0x39) && c !== 0x2d) return false;
  }
  return true;
}

/** Half-decade bands of the amount in kronor: 1–3, 3–10, 10–31, … */
export function amountBand(abs: number): number {
  return Math.floor(Math.log10(Math.max(1, abs / 100)) * 2);
}

/** One class's score for a line. */
export interface TextScore {
  readonly account: AccountNo;
  /** Posterior among the classes of the line's direction. */
  readonly p: number;
  /** Counterparty-weighted evidence from the line's features for this class (0: the prior alone). */
  readonly hits: number;
  /**
   * The class's share of the bookings of the direction (its prior; with a model taken out, of
   * what is left): {@link TextModel.priorShare} of the account, without looking the account up.
   */
  readonly prior: number;
}

/** The feature that best explains a class, for the reason. */
export interface TextEvidence {
  readonly feature: string;
  /** Counterparties with the feature booked to the account, and with the feature at all. */
  readonly n: number;
  readonly of: number;
}

function cls(direction: Direction, account: AccountNo): string {
  return `${direction}|${account}`;
}

/**
 * A feature's id: a 30-bit FNV-1a hash of its text (a small integer, so a model holds no strings
 * and a count costs a Map entry, not a string and a Map). Two features of one model share an id
 * about once in a billion pairs; the counts then merge, which a naive Bayes barely notices. The
 * text of a feature is needed only for the reason, and the line's own features give it then.
 */
export function featureId(f: string): number {
  return idOfHash(hashOn(FNV_OFFSET, f, 0, f.length));
}

/** FNV-1a's 32-bit offset basis and prime. */
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** A feature id is the hash's low 30 bits. */
const ID_MASK = 0x3fffffff;

/**
 * FNV-1a continued from the state `h` over `s` from `from` to `end`. The hash goes char by char,
 * so the hash of a joined string is that of its first part continued over the next: a feature's
 * id is hashed from its kind's state and its parts without joining them.
 */
function hashOn(h: number, s: string, from: number, end: number): number {
  for (let i = from; i < end; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h;
}

function idOfHash(hash: number): number {
  return hash & ID_MASK;
}

/** The FNV-1a state after each kind's prefix ("w:", "s:", …). */
const KIND_HASH = {
  w: hashOn(FNV_OFFSET, 'w:', 0, 2),
  s: hashOn(FNV_OFFSET, 's:', 0, 2),
  p: hashOn(FNV_OFFSET, 'p:', 0, 2),
  e: hashOn(FNV_OFFSET, 'e:', 0, 2),
  b: hashOn(FNV_OFFSET, 'b:', 0, 2),
  t: hashOn(FNV_OFFSET, 't:', 0, 2),
};
const NO_TEXT_ID = featureId(NO_TEXT_FEATURE);

/**
 * Counts of one feature: a single class packed in one small integer (count × CLASS_SLOTS + class,
 * the common case: most words are seen with one account), else a list of [class, count] pairs.
 */
type Counts = number | number[];
/**
 * Class ids below this pack into one number (every four-digit account in both directions does);
 * a model with more classes keeps the rest as pairs, which is only larger.
 */
const CLASS_SLOTS = 32768;

function countOf(e: Counts | undefined, c: number): number {
  if (e === undefined) return 0;
  if (typeof e === 'number') return e % CLASS_SLOTS === c ? Math.floor(e / CLASS_SLOTS) : 0;
  for (let i = 0; i < e.length; i += 2) if (e[i] === c) return e[i + 1] as number;
  return 0;
}

/** The counts with class `c` changed by `d` (undefined when none is left). */
function withCount(e: Counts | undefined, c: number, d: number): Counts | undefined {
  if (e === undefined) return d <= 0 ? undefined : c < CLASS_SLOTS ? d * CLASS_SLOTS + c : [c, d];
  if (typeof e === 'number') {
    const c0 = e % CLASS_SLOTS;
    const n0 = Math.floor(e / CLASS_SLOTS);
    if (c0 === c) return n0 + d > 0 ? (n0 + d) * CLASS_SLOTS + c : undefined;
    return d > 0 ? [c0, n0, c, d] : e;
  }
  for (let i = 0; i < e.length; i += 2) {
    if (e[i] !== c) continue;
    const n = (e[i + 1] as number) + d;
    if (n > 0) {
      e[i + 1] = n;
      return e;
    }
    e.splice(i, 2);
    return e.length === 0 ? undefined : e.length === 2 && (e[0] as number) < CLASS_SLOTS ? (e[1] as number) * CLASS_SLOTS + (e[0] as number) : e;
  }
  if (d > 0) e.push(c, d);
  return e;
}

/** Calls `f(class, count)` for every class the feature was seen with. */
function eachCount(e: Counts, f: (c: number, n: number) => void): void {
  if (typeof e === 'number') f(e % CLASS_SLOTS, Math.floor(e / CLASS_SLOTS));
  else for (let i = 0; i < e.length; i += 2) f(e[i] as number, e[i + 1] as number);
}

interface ClassView {
  readonly version: number;
  /** Model class ids of the direction with a prior, and their accounts, priors and masses. */
  readonly ids: number[];
  readonly accounts: string[];
  readonly prior: number[];
  readonly mass: number[];
  /** Model class id → position in `ids` (−1: another direction or no prior). */
  readonly pos: Int32Array;
  /** Per class of the view, the line-independent log terms of {@link TextModel.score}, computed on first use. */
  terms?: LogTerms | undefined;
}

/**
 * The parts of a class's log score that depend on the model alone, not on the line: ln(prior) (or
 * −∞ without one) and ln α − ln(mass + αV), the log of a known feature's share before its counts.
 * Computed once per model version (and, for a model with another taken out, per version of both)
 * instead of twice per class on every line; the values are the same doubles.
 */
interface LogTerms {
  readonly prior: Float64Array;
  readonly smooth: Float64Array;
}

function logTerms(n: number, prior: (i: number) => number, mass: (i: number) => number, vocab: number): LogTerms {
  const t: LogTerms = { prior: new Float64Array(n), smooth: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    const p = prior(i);
    t.prior[i] = p <= 0 ? -Infinity : Math.log(p);
    t.smooth[i] = Math.log(ALPHA) - Math.log(mass(i) + ALPHA * vocab);
  }
  return t;
}

/**
 * Counts below this have their log gain ln((k + α) / α) in {@link LOG_GAIN}: most counts a line
 * meets are small (a feature's bookings per account), and a table read is cheaper than a log.
 */
const LOG_GAIN_TABLE_SIZE = 1024;
/** ln((k + α) / α) for k below {@link LOG_GAIN_TABLE_SIZE}: the same expression, so the same doubles. */
const LOG_GAIN = Float64Array.from({ length: LOG_GAIN_TABLE_SIZE }, (_, k) => Math.log((k + ALPHA) / ALPHA));

/** How much a feature seen `k` times with a class adds to the class's log score. */
function logGain(k: number): number {
  // Counts are whole numbers (bookings, clients); the check keeps any other number off the table.
  return k < LOG_GAIN_TABLE_SIZE && Number.isInteger(k) ? (LOG_GAIN[k] as number) : Math.log((k + ALPHA) / ALPHA);
}

/**
 * Buffers reused by every {@link TextModel.score} call, so scoring a line allocates only its
 * result. Scoring is synchronous and never re-entered, so one set serves every model.
 */
const scratch = {
  /** The line's features' ids and counts, by position in the line (counts cleared as they are used). */
  ids: [] as number[],
  entries: [] as (Counts | undefined)[],
  log: new Float64Array(0),
  hits: new Float64Array(0),
  /** `log` and `hits` with room for `n` classes (grown, never shrunk: a model has a few hundred). */
  forClasses(n: number): { log: Float64Array; hits: Float64Array } {
    if (this.log.length < n) {
      this.log = new Float64Array(n);
      this.hits = new Float64Array(n);
    }
    return this;
  },
};

/** Feature kinds a reason can name: word, type, word pair, stem, no text, exact amount (not affixes or amount bands). */
const READABLE_KINDS = 'wtbsxm';
const KIND_SEPARATOR = 0x3a; // ':'

/** Whether `f` is of a kind in {@link READABLE_KINDS} (the test `/^[wtbsxm]:/`, without a regex). */
function readable(f: string): boolean {
  return f.length >= 2 && f.charCodeAt(1) === KIND_SEPARATOR && READABLE_KINDS.includes(f.charAt(0));
}

/** Incremental multinomial naive Bayes; see the module comment. */
export class TextModel {
  /** feature id → counts per class. */
  private readonly feat = new FeatureTable<Counts>();
  /** class id → "direction|account"; ids are never reused within a model (a model sees a few hundred). */
  private readonly classes: string[] = [];
  /** class id → its direction (the reason counts a feature's bookings within the line's direction). */
  private readonly classDirection: Direction[] = [];
  /**
   * direction → account → class id. Keyed by the parts rather than by "direction|account", so a
   * look-up while suggesting builds no string.
   */
  private readonly classId = new Map<Direction, Map<AccountNo, number>>();
  /** class id → total feature count, and bookings (the prior). */
  private readonly mass: number[] = [];
  private readonly prior: number[] = [];
  /** direction → total bookings. */
  private readonly priorTotal = new Map<Direction, number>();
  /** Bumped on every update; invalidates {@link cache}. */
  private version = 0;
  private readonly cache = new Map<Direction, ClassView>();
  /**
   * When this model is taken out of another in {@link score} (a client's share of its bureau's
   * model; always the same bureau model), the bureau's class view mapped to this model's class
   * ids. Kept until the bureau's view changes or this model gains a class: ids are never reused,
   * so no other change can alter the mapping.
   */
  private minusOf: { readonly view: ClassView; readonly classes: number; readonly ids: Int32Array; terms?: { readonly version: number; readonly terms: LogTerms } } | undefined;

  private idOf(direction: Direction, account: AccountNo, create: boolean): number {
    let byAccount = this.classId.get(direction);
    let id = byAccount?.get(account);
    if (id === undefined && create) {
      if (byAccount === undefined) {
        byAccount = new Map();
        this.classId.set(direction, byAccount);
      }
      id = this.classes.length;
      this.classes.push(cls(direction, account));
      this.classDirection.push(direction);
      byAccount.set(account, id);
      this.mass.push(0);
      this.prior.push(0);
    }
    return id ?? -1;
  }

  /** Adds (sign 1) or removes (sign −1) one piece of evidence. Counts are integers: removal is exact. */
  update(features: readonly string[], direction: Direction, account: AccountNo, weight: number, bookings: number, sign: 1 | -1): void {
    const c = this.idOf(direction, account, sign > 0);
    if (c < 0) return;
    this.version++;
    const d = sign * weight;
    for (const f of features) {
      const id = featureId(f);
      const e = withCount(this.feat.get(id), c, d);
      if (e === undefined) this.feat.delete(id);
      else this.feat.set(id, e);
    }
    this.mass[c] = Math.max(0, (this.mass[c] as number) + d * features.length);
    this.prior[c] = Math.max(0, (this.prior[c] as number) + sign * bookings);
    const t = (this.priorTotal.get(direction) ?? 0) + sign * bookings;
    if (t <= 0) this.priorTotal.delete(direction);
    else this.priorTotal.set(direction, t);
  }

  /** A profile's contribution: each template counts once for its features, its bookings for the prior. */
  profile(p: ProfileRecord, sign: 1 | -1): void {
    for (const t of p.templates) {
      this.update(textFeatures(p.key, p.types, t.lastAmount), t.template.direction, mainAccount(t.template), 1, t.count, sign);
    }
  }

  /** A bureau record's contribution: one per client that books the key so. */
  bureauRecord(r: BureauRecord, sign: 1 | -1): void {
    const n = r.clients.length;
    if (n > 0) this.update(textFeatures(r.key, undefined, undefined), r.template.direction, mainAccount(r.template), n, n, sign);
  }

  /** A profile's share of its bureau's model: its top template, once, key features only (as `bureauRecord`). */
  profileTop(p: ProfileRecord, sign: 1 | -1): void {
    const t = p.templates[0];
    if (t !== undefined) this.update(textFeatures(p.key, undefined, undefined), t.template.direction, mainAccount(t.template), 1, 1, sign);
  }

  /** Changes with every update: a cache of anything derived from the same records can key on it. */
  get revision(): number {
    return this.version;
  }

  /** True when nothing is learned. */
  get empty(): boolean {
    return this.priorTotal.size === 0;
  }

  /**
   * Classes of the line's direction, most probable first. With `minus`, the counts of that model
   * (a part of this one) are taken out first.
   *
   * Hot: called twice for every line of a counterparty the client has not booked. It therefore
   * looks each feature up once, builds no closure or per-call array but its result, and looks a
   * feature up in `minus` only when the feature has a class that `minus` has too. The arithmetic
   * is done in the same order as the textbook form (per class: prior, then the features in line
   * order), so the result is the same to the last bit. `ids`, the features' ids as
   * {@link textFeatures} gives them, spares hashing the features again.
   */
  score(features: readonly string[], direction: Direction, minus?: TextModel, ids?: readonly number[]): TextScore[] {
    const total = (this.priorTotal.get(direction) ?? 0) - (minus?.priorTotal.get(direction) ?? 0);
    if (total <= 0) return [];
    const cl = this.classesOf(direction);
    const n = cl.ids.length;
    const vocab = this.feat.size;
    const nf = features.length;
    const { entries } = scratch;
    const lineIds = scratch.ids;
    let known = 0;
    for (let f = 0; f < nf; f++) {
      const id = ids === undefined ? featureId(features[f] as string) : (ids[f] as number);
      const e = this.feat.get(id);
      lineIds[f] = id;
      entries[f] = e;
      if (e !== undefined) known++;
    }
    // The same class in the model taken out (its ids are its own).
    const other = minus === undefined ? undefined : minus.classesIn(this, cl);
    const terms = minus === undefined ? this.termsOf(cl, vocab) : minus.termsMinus(cl, other as Int32Array, vocab);
    const { log, hits } = scratch.forClasses(n);
    for (let i = 0; i < n; i++) {
      // Every known feature of the line, before its counts are added: α / (mass + αV) each.
      const lp = terms.prior[i] as number;
      log[i] = lp === -Infinity ? -Infinity : lp + known * (terms.smooth[i] as number);
      hits[i] = 0;
    }
    for (let f = 0; f < nf; f++) {
      const e = entries[f];
      if (e === undefined) continue;
      entries[f] = undefined;
      // Looked up in `minus` on the first class that `minus` has too (`null`: not yet).
      let me: Counts | undefined | null = null;
      const pairs = typeof e === 'number' ? 1 : e.length / 2;
      for (let j = 0; j < pairs; j++) {
        const c = typeof e === 'number' ? e % CLASS_SLOTS : (e[2 * j] as number);
        const n0 = typeof e === 'number' ? Math.floor(e / CLASS_SLOTS) : (e[2 * j + 1] as number);
        const i = cl.pos[c] as number;
        if (i < 0) continue;
        const o = other === undefined ? -1 : (other[i] as number);
        if (o >= 0 && me === null) me = (minus as TextModel).feat.get(lineIds[f] as number);
        const k = me === null || me === undefined || o < 0 ? n0 : n0 - countOf(me, o);
        if (k <= 0) continue;
        log[i] = (log[i] as number) + logGain(k);
        hits[i] = (hits[i] as number) + k;
      }
    }
    let max = -Infinity;
    for (let i = 0; i < n; i++) if ((log[i] as number) > max) max = log[i] as number;
    let z = 0;
    for (let i = 0; i < n; i++) z += Math.exp((log[i] as number) - max);
    const out: TextScore[] = [];
    for (let i = 0; i < n; i++) {
      if (!((log[i] as number) > -Infinity)) continue;
      const o = other === undefined ? -1 : (other[i] as number);
      const prior = (cl.prior[i] as number) - (o < 0 ? 0 : ((minus as TextModel).prior[o] as number));
      out.push({ account: cl.accounts[i] as string, p: Math.exp((log[i] as number) - max) / z, hits: hits[i] as number, prior: prior / total });
    }
    return sortSmall(out, byProbability);
  }

  /** The log terms of this model's own classes (the view is rebuilt with every update, and they with it). */
  private termsOf(view: ClassView, vocab: number): LogTerms {
    view.terms ??= logTerms(view.ids.length, (i) => view.prior[i] as number, (i) => view.mass[i] as number, vocab);
    return view.terms;
  }

  /**
   * The log terms of the classes of `view` (a class view of the model this one is part of, mapped
   * by {@link classesIn}) with this model's counts taken out, kept until either model changes (the
   * other model changing gives a new view, which resets the mapping and these with it).
   */
  private termsMinus(view: ClassView, other: Int32Array, vocab: number): LogTerms {
    const m = this.minusOf as NonNullable<TextModel['minusOf']>;
    if (m.terms !== undefined && m.terms.version === this.version) return m.terms.terms;
    const at = (i: number): number => other[i] as number;
    const terms = logTerms(
      view.ids.length,
      (i) => (view.prior[i] as number) - (at(i) < 0 ? 0 : (this.prior[at(i)] as number)),
      (i) => (view.mass[i] as number) - (at(i) < 0 ? 0 : (this.mass[at(i)] as number)),
      vocab,
    );
    m.terms = { version: this.version, terms };
    return terms;
  }

  /** For each class of `view` (a class view of `of`), the id of the same class in this model, or −1. */
  private classesIn(of: TextModel, view: ClassView): Int32Array {
    const m = this.minusOf;
    if (m !== undefined && m.view === view && m.classes === this.classes.length) return m.ids;
    const ids = new Int32Array(view.ids.length);
    for (let i = 0; i < ids.length; i++) {
      const c = view.ids[i] as number;
      ids[i] = this.idOf(of.classDirection[c] as Direction, view.accounts[i] as string, false);
    }
    this.minusOf = { view, classes: this.classes.length, ids };
    return ids;
  }

  /** The classes of a direction with their prior and mass, cached until the next update. */
  private classesOf(direction: Direction): ClassView {
    const cached = this.cache.get(direction);
    if (cached !== undefined && cached.version === this.version) return cached;
    const prefix = `${direction}|`;
    const c: ClassView = { version: this.version, ids: [], accounts: [], prior: [], mass: [], pos: new Int32Array(this.classes.length).fill(-1) };
    for (let id = 0; id < this.classes.length; id++) {
      const k = this.classes[id] as string;
      const n = this.prior[id] as number;
      if (!k.startsWith(prefix) || n <= 0) continue;
      c.pos[id] = c.ids.length;
      c.ids.push(id);
      c.accounts.push(k.slice(prefix.length));
      c.prior.push(n);
      c.mass.push(this.mass[id] as number);
    }
    this.cache.set(direction, c);
    return c;
  }

  /** The readable feature of the line that points most clearly at the account. */
  explain(features: readonly string[], direction: Direction, account: AccountNo): TextEvidence | undefined {
    return this.explainer(features, direction)(account);
  }

  /**
   * {@link explain} for any number of accounts of one line: the line's readable features are
   * hashed and looked up once, not once per account (a line's reason and alternatives ask for up
   * to four). Valid until the model changes. `ids` as in {@link score}.
   */
  explainer(features: readonly string[], direction: Direction, ids?: readonly number[]): (account: AccountNo) => TextEvidence | undefined {
    // The line's readable features the model knows, with their counts and their bookings in the direction.
    const known: { readonly feature: string; readonly counts: Counts; readonly of: number }[] = [];
    for (let at = 0; at < features.length; at++) {
      const f = features[at] as string;
      if (!readable(f)) continue;
      const e = this.feat.get(ids === undefined ? featureId(f) : (ids[at] as number));
      if (e === undefined) continue;
      let of = 0;
      if (typeof e === 'number') of = this.classDirection[e % CLASS_SLOTS] === direction ? Math.floor(e / CLASS_SLOTS) : 0;
      else for (let i = 0; i < e.length; i += 2) if (this.classDirection[e[i] as number] === direction) of += e[i + 1] as number;
      known.push({ feature: f, counts: e, of });
    }
    return (account) => {
      const c = this.idOf(direction, account, false);
      if (c < 0) return undefined;
      let best: TextEvidence | undefined;
      for (const { feature, counts, of } of known) {
        const n = countOf(counts, c);
        if (n === 0) continue;
        if (best === undefined || n / of > best.n / best.of || (n / of === best.n / best.of && n > best.n)) best = { feature, n, of };
      }
      return best;
    };
  }

  /** Bookings of the client per account in a direction (the prior), for reasons and features. */
  priorShare(direction: Direction, account: AccountNo): number {
    const total = this.priorTotal.get(direction) ?? 0;
    const c = this.idOf(direction, account, false);
    return total <= 0 || c < 0 ? 0 : (this.prior[c] as number) / total;
  }

  /** A canonical dump for tests (sorted, by class name), to compare two models for equality. */
  dump(): string {
    const f = [...this.feat.entries()]
      .map(([id, e]) => {
        const parts: string[] = [];
        eachCount(e, (c, n) => parts.push(`${this.classes[c] as string}:${n}`));
        return `${id}=${parts.sort().join(',')}`;
      })
      .sort();
    const p = this.classes
      .map((c, id) => ({ c, prior: this.prior[id] as number, mass: this.mass[id] as number }))
      .filter((x) => x.prior > 0 || x.mass > 0)
      .map((x) => `${x.c}:${x.prior}:${x.mass}`)
      .sort();
    return JSON.stringify({ f, p });
  }
}

function byProbability(a: TextScore, b: TextScore): number {
  // Signs compared rather than subtracted (the same order: a difference of two doubles is 0 only
  // when they are equal, NaN when either is), so the result is a small integer, never a boxed number.
  return b.p > a.p ? 1 : b.p < a.p ? -1 : a.account < b.account ? -1 : a.account > b.account ? 1 : 0;
}


/** A readable phrase for a feature ("the word KUNDBET", "card purchases"). */
export function describeFeature(f: string): string {
  const v = f.slice(2);
  switch (f[0]) {
    case 'w':
      return `the word ${v}`;
    case 's':
      return `words like ${v.toUpperCase()}`;
    case 'b':
      return `the words ${v}`;
    case 't':
      return `the type ${v}`;
    case 'x':
      return 'no text';
    case 'm':
      return `the amount ${formatKronor(Number(v))}`;
    default:
      return v;
  }
}

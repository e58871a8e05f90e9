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
 * (KORT, SWISH, BG, AUTOGIRO, …) and an amount band. Classes are (direction, main account): money in
 * and money out never compete.
 */
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

/** One counterparty's features, as strings with a one-letter kind prefix. */
export function textFeatures(key: string | null, types: readonly string[] | undefined, amountAbs: number | undefined): string[] {
  const out: string[] = [];
  if (key === NO_TEXT_KEY || key === null) out.push('x:no-text');
  else {
    const words = normalizeText(key).split(' ').filter((w) => w.length > 0);
    for (let i = 0; i < words.length; i++) {
      const w = words[i] as string;
      if (/^[\d-]+$/.test(w)) {
        out.push(`w:${w}`); // a giro number as the whole key ("BG 5050-1055")
        continue;
      }
      out.push(`w:${w}`);
      const s = stemWord(w);
      if (s !== w.toLowerCase()) out.push(`s:${s}`);
      if (w.length >= AFFIX_MIN_WORD) out.push(`p:${w.slice(0, AFFIX_LENGTH)}`, `e:${w.slice(-AFFIX_LENGTH)}`);
      if (i > 0) out.push(`b:${words[i - 1] as string} ${w}`);
    }
  }
  for (const t of types ?? []) out.push(`t:${t}`);
  if (amountAbs !== undefined && amountAbs > 0) out.push(`a:${amountBand(amountAbs)}`);
  return out;
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

/** Incremental multinomial naive Bayes; see the module comment. */
export class TextModel {
  /** feature → class → count. */
  private readonly feat = new Map<string, Map<string, number>>();
  /** class → total feature count. */
  private readonly mass = new Map<string, number>();
  /** class → bookings (the prior). */
  private readonly prior = new Map<string, number>();
  /** direction → total bookings. */
  private readonly priorTotal = new Map<Direction, number>();
  /** Bumped on every update; invalidates {@link cache}. */
  private version = 0;
  private readonly cache = new Map<Direction, { version: number; keys: string[]; accounts: string[]; prior: number[]; mass: number[]; index: Map<string, number> }>();

  /** Adds (sign 1) or removes (sign −1) one piece of evidence. Counts are integers: removal is exact. */
  update(features: readonly string[], direction: Direction, account: AccountNo, weight: number, bookings: number, sign: 1 | -1): void {
    this.version++;
    const c = cls(direction, account);
    for (const f of features) {
      let m = this.feat.get(f);
      if (m === undefined) {
        if (sign < 0) continue;
        m = new Map();
        this.feat.set(f, m);
      }
      const n = (m.get(c) ?? 0) + sign * weight;
      if (n <= 0) {
        m.delete(c);
        if (m.size === 0) this.feat.delete(f);
      } else m.set(c, n);
    }
    bump(this.mass, c, sign * weight * features.length);
    bump(this.prior, c, sign * bookings);
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

  /** True when nothing is learned. */
  get empty(): boolean {
    return this.priorTotal.size === 0;
  }

  /** Classes of the line's direction, most probable first. */
  score(features: readonly string[], direction: Direction, minus?: TextModel): TextScore[] {
    const total = (this.priorTotal.get(direction) ?? 0) - (minus?.priorTotal.get(direction) ?? 0);
    if (total <= 0) return [];
    const cl = this.classesOf(direction);
    const n = cl.keys.length;
    const vocab = this.feat.size;
    let known = 0;
    for (const f of features) if (this.feat.has(f)) known++;
    const log = new Array<number>(n);
    const hits = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) {
      const c = cl.keys[i] as string;
      const prior = (cl.prior[i] as number) - (minus?.prior.get(c) ?? 0);
      const mass = (cl.mass[i] as number) - (minus?.mass.get(c) ?? 0);
      // Every known feature of the line, before its counts are added: α / (mass + αV) each.
      log[i] = prior <= 0 ? -Infinity : Math.log(prior) + known * (Math.log(ALPHA) - Math.log(mass + ALPHA * vocab));
    }
    for (const f of features) {
      const m = this.feat.get(f);
      if (m === undefined) continue;
      const mm = minus?.feat.get(f);
      for (const [c, n0] of m) {
        const i = cl.index.get(c);
        if (i === undefined) continue;
        const k = mm === undefined ? n0 : n0 - (mm.get(c) ?? 0);
        if (k <= 0) continue;
        log[i] = (log[i] as number) + Math.log((k + ALPHA) / ALPHA);
        hits[i] = (hits[i] as number) + k;
      }
    }
    let max = -Infinity;
    for (let i = 0; i < n; i++) if ((log[i] as number) > max) max = log[i] as number;
    let z = 0;
    for (let i = 0; i < n; i++) z += Math.exp((log[i] as number) - max);
    const out: TextScore[] = [];
    for (let i = 0; i < n; i++) if ((log[i] as number) > -Infinity) out.push({ account: cl.accounts[i] as string, p: Math.exp((log[i] as number) - max) / z, hits: hits[i] as number });
    return out.sort(byProbability);
  }

  /** The classes of a direction with their prior and mass, cached until the next update. */
  private classesOf(direction: Direction): { keys: string[]; accounts: string[]; prior: number[]; mass: number[]; index: Map<string, number> } {
    const cached = this.cache.get(direction);
    if (cached !== undefined && cached.version === this.version) return cached;
    const prefix = `${direction}|`;
    const c = { version: this.version, keys: [] as string[], accounts: [] as string[], prior: [] as number[], mass: [] as number[], index: new Map<string, number>() };
    for (const [k, n] of this.prior) {
      if (!k.startsWith(prefix) || n <= 0) continue;
      c.index.set(k, c.keys.length);
      c.keys.push(k);
      c.accounts.push(k.slice(prefix.length));
      c.prior.push(n);
      c.mass.push(this.mass.get(k) ?? 0);
    }
    this.cache.set(direction, c);
    return c;
  }

  /** The readable feature of the line that points most clearly at the account. */
  explain(features: readonly string[], direction: Direction, account: AccountNo): TextEvidence | undefined {
    const c = cls(direction, account);
    let best: TextEvidence | undefined;
    for (const f of features) {
      if (!/^[wtbsx]:/.test(f)) continue;
      const m = this.feat.get(f);
      const n = m?.get(c) ?? 0;
      if (m === undefined || n === 0) continue;
      let of = 0;
      for (const [k, v] of m) if (k.startsWith(`${direction}|`)) of += v;
      if (best === undefined || n / of > best.n / best.of || (n / of === best.n / best.of && n > best.n)) best = { feature: f, n, of };
    }
    return best;
  }

  /** Bookings of the client per account in a direction (the prior), for reasons and features. */
  priorShare(direction: Direction, account: AccountNo): number {
    const total = this.priorTotal.get(direction) ?? 0;
    return total <= 0 ? 0 : (this.prior.get(cls(direction, account)) ?? 0) / total;
  }

  /** A canonical dump for tests (sorted), to compare two models for equality. */
  dump(): string {
    const f = [...this.feat].map(([k, m]) => `${k}=${[...m].sort().map(([c, n]) => `${c}:${n}`).join(',')}`).sort();
    const p = [...this.prior].sort().map(([c, n]) => `${c}:${n}:${this.mass.get(c) ?? 0}`);
    return JSON.stringify({ f, p });
  }
}

function byProbability(a: TextScore, b: TextScore): number {
  return b.p - a.p || (a.account < b.account ? -1 : a.account > b.account ? 1 : 0);
}

function bump(m: Map<string, number>, k: string, d: number): void {
  const n = (m.get(k) ?? 0) + d;
  if (n <= 0) m.delete(k);
  else m.set(k, n);
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
    default:
      return v;
  }
}

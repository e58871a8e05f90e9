/**
 * `suggest`: one bank line → one balanced voucher with a calibrated confidence and a reason, or an
 * honest "not sure". Tiers, best first: the client's own history (exact, giro, fuzzy, shared
 * words), the bureau's other clients, other bureaus (network), built-in rules.
 */
import { trySumAmounts } from '../core/money.js';
import { sortSmall } from '../core/sort.js';
import { formatKronor } from '../core/money.js';
import type { Knowledge } from '../knowledge/base.js';
import { DEFAULT_BANK_ACCOUNTS } from '../knowledge/learn.js';
import { DEFAULT_MIN_BUREAUS, networkVotes } from '../knowledge/network.js';
import { occurrences } from '../knowledge/base.js';
import { applyTemplate, simplifyTemplate } from '../knowledge/template.js';
import { BOOK_CURRENCY, VAT_MODES, VAT_RATES } from '../knowledge/types.js';
import type { AccountNo, BookingTemplate, ClientSettings, Direction, ProfileRecord, TransactionInput, VatSpec, Voucher, VoucherRow } from '../knowledge/types.js';
import { NO_TEXT_KEY, readCounterparty } from '../normalize/counterparty.js';
import { REFUND_WORDS } from '../normalize/noise.js';
import type { CounterpartyKey } from '../normalize/counterparty.js';
import { carryRate, defaultVatAccounts, FOOD_VAT_CUT, vatRateOn } from '../vat/rates.js';
import type { VatCategory } from '../vat/rates.js';
import { bureauTextModel, clientTextModel, FILTERED_MIN_BUREAUS, ownBureauShare } from '../knowledge/base.js';
import { mainAccount } from '../knowledge/template.js';
import { capitalisationReview } from './capitalisation.js';
import { confidenceFor, F, featureVector, rankWith, weightVector } from './ranker.js';
import type { FeatureVector, RankerWeights } from './ranker.js';
import { RANKER } from './ranker-weights.js';
import { describeFeature, textFeatures } from '../knowledge/text-model.js';
import type { TextEvidence, TextModel, TextScore } from '../knowledge/text-model.js';
import type { OpenItemCandidate } from '../openitems/match.js';
import type { CalibrationPath } from './calibrate.js';
import { findProfiles } from './candidates.js';
import type { ProfileMatch } from './candidates.js';
import { nearestInChart } from './chart.js';
import { BUILTIN_RULES, mayMatchPattern, ruleWordHits, withCompoundHeads } from './rules.js';
import type { BuiltinRule } from './rules.js';
import { AMOUNT_REVIEW_AFFINITY, amountAffinity, DEFAULT_AUTO_BOOK_THRESHOLD, MIN_MARGIN, MIN_VOUCHER_CONFIDENCE, PRIOR_WEIGHT, rankAccounts, rawConfidence, switchedTo } from './score.js';
import type { RankedAccount, Vote } from './score.js';
import type { Alternative, MatchKind, Suggestion, SuggestionSource } from './types.js';

/** Other private Swish payers looked at, at most (a café may have thousands; a sample tells the habit). */
export const SWISH_PRIVATE_SAMPLE = 64;
/** A voucher that had to drop the learned split (everything on the main account) keeps this share of the confidence. */
export const SIMPLIFIED_FACTOR = 0.6;
/** Alternatives listed at most. */
const MAX_ALTERNATIVES = 3;

/** Options of {@link suggest}. */
export interface SuggestOptions {
  /** The bank account the line belongs to; default the client's first bank account, else 1930. */
  readonly bankAccount?: AccountNo | undefined;
  /** Network k-anonymity threshold; default {@link DEFAULT_MIN_BUREAUS}. */
  readonly minBureaus?: number | undefined;
  /** Replaces the built-in calibration (used by the benchmark that fits it): ranker probability → confidence. */
  readonly calibration?: ((path: CalibrationPath, raw: number) => number) | undefined;
  /** Replaces the shipped ranker weights (used by the benchmark that fits them). */
  readonly weights?: RankerWeights | undefined;
  /** Called with the candidates and their features (used by the benchmark that fits the ranker). */
  readonly onRanker?: ((trace: RankerTrace) => void) | undefined;
  /**
   * The best open-item match of the line (`matchOpenItems(line, openItems)[0]`): one more piece of
   * evidence for the ranker. When its account wins, the voucher is the settling voucher and the
   * suggestion names the items (`openItem`). The facade passes it from the client's ledger.
   */
  readonly openItem?: OpenItemCandidate | undefined;
}

interface TierResult {
  readonly source: SuggestionSource;
  readonly path: CalibrationPath;
  readonly ranked: readonly RankedAccount[];
  readonly raw: number;
  readonly describe: (r: RankedAccount) => string;
  readonly match?: MatchKind | undefined;
  readonly review?: string | undefined;
  readonly mappedFrom?: ReadonlyMap<AccountNo, AccountNo> | undefined;
  /** The evidence names an account but cannot settle the voucher's rows (a salary needs payroll data). */
  readonly accountOnly?: boolean | undefined;
  /** How close the matched key is to the line's (fuzzy and word matches; 1 otherwise). */
  readonly similarity?: number | undefined;
  /** Per ranked account (same order as `ranked`): how well the amount fits its best template's learned range. */
  readonly affinity?: readonly number[] | undefined;
  /** The ranked account the client switched to (see `switchedTo`), if any. */
  readonly switched?: RankedAccount | undefined;
  /** The client's own profile for the line's key, when the client tier matched it exactly. */
  readonly exact?: ProfileRecord | undefined;
}

const chartCache = new WeakMap<readonly AccountNo[], ReadonlySet<AccountNo>>();

/** Accounts as they are, for a client without a known chart (no mapping object per vote). */
function asIs(a: AccountNo): AccountNo {
  return a;
}

/** Maps a template's account into the client's chart for ranking (null: the chart has no such group). */
function inChart(chart: ReadonlySet<AccountNo> | undefined): (a: AccountNo) => AccountNo | null {
  return chart === undefined ? asIs : (a) => nearestInChart(a, chart)?.account ?? null;
}

function chartSet(client: ClientSettings): ReadonlySet<AccountNo> | undefined {
  if (client.chart === undefined) return undefined;
  let s = chartCache.get(client.chart);
  if (s === undefined) {
    s = new Set(client.chart);
    chartCache.set(client.chart, s);
  }
  return s;
}

/** Days of month apart (wrapping at month end) within which a booking counts as "the usual day". */
export const USUAL_DAY_WINDOW = 4;
/** A template last booked on a different day of the month pulls this much less (rent on the 1st, a loan on the 25th). */
export const OTHER_DAY_FACTOR = 0.85;

function dayAffinity(date: string, lastDay: number): number {
  const day = Number(date.slice(8, 10));
  const diff = Math.abs(day - lastDay);
  return Math.min(diff, 31 - diff) <= USUAL_DAY_WINDOW ? 1 : OTHER_DAY_FACTOR;
}

/**
 * How much of the evidence for the top account backs the very template that will be booked. A
 * composite voucher (payroll, tax declaration: two or more counter-accounts besides VAT) is right
 * only if its whole set of accounts is, so its confidence is the support for that template, not
 * for the account that happened to be its largest row. A single-line template is judged by its
 * account (1).
 */
export function templateSupport(top: RankedAccount): number {
  let lines = 0;
  for (const l of top.best.template.lines) if (!VAT_LINE.test(l.account)) lines++;
  return lines >= 2 && top.weight > 0 ? top.best.weight / top.weight : 1;
}

/** Representation (6071/6072): VAT is deductible only on a limited base, never in full from a bank line. */
const REPRESENTATION = /^607/;
/** A VAT account kept as an ordinary line means the receipt had several rates. */
const VAT_LINE = /^26[1-4]\d$/;

/** Which VAT category a template's rate follows over time, judged by its main account. */
function categoryOf(account: AccountNo): VatCategory {
  if (/^58/.test(account)) return 'accommodation';
  if (/^(3|4|607)/.test(account)) return 'food';
  return 'general';
}

function vatDescription(v: VatSpec): string {
  switch (v.mode) {
    case 'none':
      return '';
    case 'standard':
      return ` with ${v.rate} % VAT`;
    case 'half':
      return ` with half of ${v.rate} % VAT deductible`;
    case 'reverse-domestic':
      return ` with reverse-charge VAT ${v.rate} % (construction)`;
    case 'reverse-eu-goods':
      return ` with reverse-charge VAT ${v.rate} % (EU goods)`;
    case 'reverse-eu-services':
      return ` with reverse-charge VAT ${v.rate} % (EU services)`;
    case 'reverse-non-eu-services':
      return ` with reverse-charge VAT ${v.rate} % (services from outside the EU)`;
    case 'import':
      return ` with import VAT ${v.rate} %`;
  }
}

/**
 * A private person paying by Swish is new to the client far more often than a company is (a café,
 * a hairdresser, a flea-market seller), and the client books such payers alike whoever pays: the
 * first payment from a new private payer follows how the client booked the others.
 */
function swishPrivateTier(k: Knowledge, client: ClientSettings, cp: CounterpartyKey, direction: Direction, chart: ReadonlySet<AccountNo> | undefined): TierResult | undefined {
  if (cp.key === null || cp.signals.swish === undefined || cp.signals.swish.business || !cp.key.startsWith('SWISH ')) return undefined;
  const profiles = k.profiles.get(client.id);
  const keys = k.clientIndex.get(client.id)?.keysWithWord('SWISH', SWISH_PRIVATE_SAMPLE) ?? [];
  const votes: Vote[] = [];
  for (const key of keys) {
    if (!key.startsWith('SWISH ') || key === cp.key) continue;
    const top = profiles?.get(key)?.templates[0];
    if (top === undefined || top.template.direction !== direction) continue;
    // One vote per payer: a regular payer must not outweigh the habit for payers in general.
    votes.push({ template: top.template, weight: 1, count: 1, firstSeen: top.firstSeen, lastSeen: top.lastSeen });
  }
  const ranked = rankAccounts(votes, inChart(chart));
  if (ranked.length === 0) return undefined;
  const describe = (r: RankedAccount): string =>
    `${r.count === 1 ? 'One other private Swish payer was' : `${r.count} other private Swish payers were`} booked to ${r.account}${vatDescription(r.best.template.vat)} (this client); this payer is new.`;
  return { source: 'client', path: 'client-swish-private', ranked, raw: rawConfidence(ranked), describe, match: 'swish-private', switched: switchedTo(ranked) };
}

/** A template of the other direction, reversed to its main account and VAT (a refund of a purchase credits the purchase's account). */
const reversed = new WeakMap<BookingTemplate, BookingTemplate>();

function reverseOf(t: BookingTemplate): BookingTemplate {
  let r = reversed.get(t);
  if (r === undefined) {
    // The VAT accounts stay those of the original (a refund of a purchase takes back input VAT).
    const vat = t.vat.accounts.length > 0 ? t.vat : { ...t.vat, accounts: defaultVatAccounts(t.vat.mode, t.vat.rate, t.direction) };
    r = { direction: t.direction === 'in' ? 'out' : 'in', vat, lines: [{ account: mainAccount(t), rule: 'rest', lastAmount: 0, ppm: 0 }] };
    reversed.set(t, r);
  }
  return r;
}

/** The key without its refund words ("ÅTERBETALNING TELIA" → "TELIA"), or undefined when it has none or nothing else. */
function withoutRefundWords(key: string): string | undefined {
  const words = key.split(' ');
  const rest = words.filter((w) => !REFUND_WORDS.has(w));
  return rest.length === words.length || rest.length === 0 ? undefined : rest.join(' ');
}

/** Keys of the client's refund-worded profiles of `party` looked at, at most ("REFUND WEBHALLEN" beside "WEBHALLEN"). */
export const REFUND_VARIANT_SAMPLE = 64;

/**
 * The client's earlier bookings of money moving in `direction` with `party` (its key without refund
 * words) that were booked as its opposite bookings are, reversed: same main account, VAT mode and
 * rate. They come from the party's refund-worded profiles ("REFUND WEBHALLEN", "ÅTERBETALNING
 * WEBHALLEN"), whatever the line's own wording, and from the party's own profile. Only such
 * bookings count: the same party booked otherwise in this direction (a customer that is also a
 * supplier) is no evidence of how its refunds are booked.
 */
function earlierRefunds(k: Knowledge, client: ClientSettings, party: string, direction: Direction, purchases: readonly Vote[]): { votes: Vote[]; keys: number } {
  const profiles = k.profiles.get(client.id);
  const votes: Vote[] = [];
  let keys = 0;
  if (profiles === undefined || purchases.length === 0) return { votes, keys };
  const same = (t: BookingTemplate): boolean =>
    purchases.some((p) => mainAccount(p.template) === mainAccount(t) && p.template.vat.mode === t.vat.mode && p.template.vat.rate === t.vat.rate);
  const seen = new Set<string>();
  const consider = (key: string): void => {
    if (seen.has(key)) return;
    seen.add(key);
    const profile = profiles.get(key);
    if (profile === undefined || (key !== party && withoutRefundWords(key) !== party)) return;
    let found = false;
    for (const t of profile.templates) {
      if (t.template.direction !== direction || !same(t.template)) continue;
      votes.push({ template: t.template, weight: t.weight, count: t.count, firstSeen: t.firstSeen, lastSeen: t.lastSeen });
      found = true;
    }
    if (found) keys++;
  };
  consider(party);
  // The refund word in front, as sentence keys and most bank texts put it; then any other position.
  for (const w of REFUND_WORDS) consider(`${w} ${party}`);
  const first = party.split(' ')[0] as string;
  for (const key of k.clientIndex.get(client.id)?.keysWithWord(first, REFUND_VARIANT_SAMPLE) ?? []) consider(key);
  return { votes, keys };
}

/**
 * Money back from a counterparty the client only pays (a refund, a return, a credit note), or paid
 * to one that only pays the client: booked against the account the client books that
 * counterparty to, reversed (with its VAT). `matches` are the line's own matches, whose templates
 * are all of the other direction; a key with a refund word is also looked up without it. For
 * review (the credit note says how much of it is VAT, and whether it is a refund at all) unless
 * the client has booked money in this direction from the same party so before, under any of its
 * texts ({@link earlierRefunds}): then those bookings are the evidence, and the suggestion is as
 * sure as the client's own history of such bookings under one key would make it.
 */
function refundTier(k: Knowledge, client: ClientSettings, cp: CounterpartyKey, direction: Direction, chart: ReadonlySet<AccountNo> | undefined, giro: string | undefined, matches: readonly ProfileMatch[]): TierResult | undefined {
  if (cp.key === null || cp.key === NO_TEXT_KEY || (cp.signals.swish !== undefined && !cp.signals.swish.business)) return undefined;
  const bare = withoutRefundWords(cp.key);
  const found = bare !== undefined ? findProfiles(k, client.id, bare, giro) : matches;
  const votes: Vote[] = [];
  for (const m of found) {
    // A counterparty the client has booked in this direction too is not read as a refund, unless
    // those bookings were refunds booked as its purchases (below).
    if (m.profile.templates.some((t) => t.template.direction === direction)) continue;
    for (const t of m.profile.templates) votes.push({ template: reverseOf(t.template), weight: t.weight * m.similarity, count: t.count, firstSeen: t.firstSeen, lastSeen: t.lastSeen });
  }
  const best = found[0];
  const party = bare ?? cp.key;
  const exact = best !== undefined && best.kind === 'exact' && best.profile.key === party ? best.profile : k.profiles.get(client.id)?.get(party);
  // The party's purchases (for money in; its payments for money out), from its own profile when the
  // line's search did not reach it because it was booked in this direction too.
  const purchases = votes.length > 0 || exact === undefined ? votes : exact.templates.filter((t) => t.template.direction !== direction).map((t) => ({ template: reverseOf(t.template), weight: t.weight, count: t.count }));
  const earlier = earlierRefunds(k, client, party, direction, rankAccounts(purchases, asIs).slice(0, 1).map((r) => r.best));
  if (earlier.votes.length > 0) {
    const ranked = rankAccounts(earlier.votes, inChart(chart));
    if (ranked.length > 0) {
      const name = exact?.display ?? best?.profile.display ?? party;
      const purchaseCount = purchases.reduce((n, v) => n + v.count, 0);
      const describe = (r: RankedAccount): string =>
        `${direction === 'in' ? 'Money back from' : 'Money paid to'} ${name}: booked to ${r.account}${vatDescription(r.best.template.vat)} ${r.count === 1 ? 'once before' : `the last ${r.count} times`}, as its ${purchaseCount === 1 ? (direction === 'in' ? 'purchase was' : 'payment was') : `${purchaseCount} ${direction === 'in' ? 'purchases were' : 'payments were'}`} (this client).`;
      // As sure as the same history under the line's own key: the exact path's calibration.
      return { source: 'client', path: 'client-exact', ranked, raw: rawConfidence(ranked), describe, match: 'refund', similarity: 1, switched: switchedTo(ranked) };
    }
  }
  const ranked = rankAccounts(votes, inChart(chart));
  if (ranked.length === 0 || best === undefined) return undefined;
  const name = best.profile.display;
  const describe = (r: RankedAccount): string =>
    direction === 'in'
      ? `Money back from ${name}, which this client pays: a refund or credit, booked against ${r.account}${vatDescription(r.best.template.vat)} as its ${r.count === 1 ? 'purchase was' : `${r.count} purchases were`} (this client).`
      : `Money paid to ${name}, which pays this client: a refund or credit, booked against ${r.account}${vatDescription(r.best.template.vat)} as its ${r.count === 1 ? 'payment was' : `${r.count} payments were`} (this client).`;
  return {
    source: 'client',
    path: 'client-refund',
    ranked,
    raw: rawConfidence(ranked),
    describe,
    match: 'refund',
    review: 'A refund or credit: check the credit note for the amount and its VAT.',
    similarity: best.similarity,
  };
}

function clientTier(k: Knowledge, client: ClientSettings, cp: CounterpartyKey, tx: TransactionInput, direction: Direction, chart: ReadonlySet<AccountNo> | undefined): TierResult | undefined {
  if (cp.key === null) return undefined;
  const giro = cp.signals.bankgiro !== undefined ? `BG ${cp.signals.bankgiro}` : cp.signals.plusgiro !== undefined ? `PG ${cp.signals.plusgiro}` : undefined;
  const matches: ProfileMatch[] = findProfiles(k, client.id, cp.key, giro);
  // Two private names that look alike ("SWISH ERIK" and "SWISH ELIN") are two different people.
  const privatePayer = cp.signals.swish !== undefined && !cp.signals.swish.business;
  if (matches.length === 0 || (privatePayer && matches[0]?.kind !== 'exact')) return swishPrivateTier(k, client, cp, direction, chart) ?? refundTier(k, client, cp, direction, chart, giro, []);
  // A refund-worded key the client has not booked itself ("ÅTERBETALNING WEBHALLEN"): the party's
  // earlier refunds, booked as its purchases, speak for it before look-alike keys do (without
  // them, look-alike keys come first as before).
  if (matches[0]?.kind !== 'exact' && !privatePayer && withoutRefundWords(cp.key) !== undefined) {
    const refund = refundTier(k, client, cp, direction, chart, giro, matches);
    if (refund !== undefined && refund.review === undefined) return refund;
  }
  const votes: Vote[] = [];
  for (const m of matches) {
    for (const t of m.profile.templates) {
      if (t.template.direction !== direction) continue;
      const aff = amountAffinity(tx.amount, t.minAmount, t.maxAmount) * dayAffinity(tx.date, t.lastDay);
      votes.push({ template: t.template, weight: t.weight * aff * m.similarity, count: t.count, firstSeen: t.firstSeen, lastSeen: t.lastSeen });
    }
  }
  const ranked = rankAccounts(votes, inChart(chart));
  const top = ranked[0];
  if (top === undefined) return refundTier(k, client, cp, direction, chart, giro, matches);
  const bestMatch = matches[0] as ProfileMatch;
  // Lines without text name no counterparty: the client's other text-less bookings are a mix of
  // unrelated things, so they get their own calibration instead of that of a named counterparty.
  const kind: MatchKind = cp.key === NO_TEXT_KEY && bestMatch.kind === 'exact' ? 'no-text' : bestMatch.kind;
  const affinity: number[] = [];
  for (const r of ranked) {
    let a = 1;
    for (const m of matches) for (const t of m.profile.templates) if (t.template === r.best.template) a = amountAffinity(tx.amount, t.minAmount, t.maxAmount);
    affinity.push(a);
  }
  const affinityOfTop = affinity[0] as number;

  const raw = rawConfidence(ranked);
  const name = bestMatch.profile.display;
  const total = ranked.reduce((s, r) => s + r.count, 0);
  const switched = switchedTo(ranked);
  const times = (n: number): string => (n === 1 ? 'once' : `${n} times`);
  const describe = (r: RankedAccount): string => {
    const all = r.count === total;
    const whose = kind === 'exact' ? `for ${name} (this client)` : kind === 'no-text' ? 'for lines without text (this client)' : kind === 'giro' ? `for ${name}, same giro number (this client)` : `for the similar counterparty ${name} (this client)`;
    if (!all && r === switched) {
      // Every booking to it came after the others: the client changed how it books this.
      const before = ranked.filter((o) => o !== r).map((o) => `${o.account} ${times(o.count)}`);
      return `Booked to ${r.account}${vatDescription(r.best.template.vat)} the last ${r.count === 1 ? 'time' : `${r.count} times`} ${whose}; before that to ${before.join(' and ')}.`;
    }
    const base = all ? (r.count === 1 ? `Booked to ${r.account} once before` : `Booked to ${r.account} the last ${r.count} times`) : `Booked to ${r.account} ${r.count} of ${total} times`;
    return `${base}${vatDescription(r.best.template.vat)} ${whose}.`;
  };
  const review = affinityOfTop < AMOUNT_REVIEW_AFFINITY ? `The amount ${formatKronor(Math.abs(tx.amount))} is outside the usual range for ${name}.` : undefined;
  return { source: 'client', path: `client-${kind}`, ranked, raw, describe, match: kind, review, similarity: kind === 'fuzzy' || kind === 'tokens' ? bestMatch.similarity : 1, affinity, switched, exact: bestMatch.kind === 'exact' ? bestMatch.profile : undefined };
}

function singleLine(account: AccountNo, direction: Direction, vat: { readonly mode: VatSpec['mode']; readonly rate: VatSpec['rate'] }): BookingTemplate {
  return {
    direction,
    vat: { mode: vat.mode, rate: vat.rate, accounts: defaultVatAccounts(vat.mode, vat.rate, direction) },
    lines: [{ account, rule: 'rest', lastAmount: 0, ppm: 0 }],
  };
}

/**
 * One shared (never mutated) single-line template per account, direction and VAT: the network tier
 * reads one per record for every line whose key the network holds. There are as many as accounts
 * times VAT variants in use, a few hundred.
 */
const singleLines = new Map<AccountNo, BookingTemplate[]>();

function sharedSingleLine(account: AccountNo, direction: Direction, mode: VatSpec['mode'], rate: VatSpec['rate']): BookingTemplate {
  // Per account, one slot per direction, VAT mode and rate (no id string built per record).
  const m = VAT_MODES.indexOf(mode);
  const r = VAT_RATES.indexOf(rate);
  if (m < 0 || r < 0) return singleLine(account, direction, { mode, rate }); // not a known shape: not shared
  const slot = (m * VAT_RATES.length + r) * 2 + (direction === 'in' ? 0 : 1);
  let byShape = singleLines.get(account);
  if (byShape === undefined) {
    byShape = [];
    singleLines.set(account, byShape);
  }
  let t = byShape[slot];
  if (t === undefined) {
    t = singleLine(account, direction, { mode, rate });
    byShape[slot] = t;
  }
  return t;
}

/** A bureau vote as the ranker reads it: {@link bureauVotes} with its weight and count (the other clients) in one object. */
interface BureauRankVote extends Vote {
  readonly templateId: string;
  readonly display: string;
}

/**
 * {@link bureauVotes} made directly into votes for `rankAccounts` (one object per record, not two):
 * the same records, in the same order.
 */
function bureauRankVotes(k: Knowledge, bureauId: string, key: string, excludeClientId: string, direction: Direction): BureauRankVote[] {
  const list = k.bureaus.get(bureauId)?.get(key);
  if (list === undefined) return NO_BUREAU_VOTES;
  let out: BureauRankVote[] | undefined;
  for (const r of list) {
    if (r.template.direction !== direction) continue;
    const clients = r.clients.length - occurrences(r.clients, excludeClientId);
    if (clients > 0) (out ??= []).push({ template: r.template, weight: clients, count: clients, templateId: r.templateId, display: r.display });
  }
  if (out === undefined) return NO_BUREAU_VOTES;
  return out.length > 1 ? sortSmall(out, mostClients) : out;
}

const NO_BUREAU_VOTES: BureauRankVote[] = [];

/** The order of {@link bureauVotes}: most clients first, then by template id. */
function mostClients(a: BureauRankVote, b: BureauRankVote): number {
  return b.weight - a.weight || a.templateId.localeCompare(b.templateId);
}

/**
 * Whether the bureau's records for the key certainly hold no other client than this one, told from
 * the filters without reading them (see `SharedKeyFilters`): none at all, or one client whose record
 * is this client's own (`own`, its profile for the key as the client tier found it, learned in this
 * bureau, puts its top template in).
 */
function noOtherBureauClient(k: Knowledge, client: ClientSettings, key: string, own: ProfileRecord | undefined): boolean {
  if (!k.filters.bureauKeys.mayHave(client.bureauId, key)) return true;
  if (k.filters.bureauShared.mayHave(client.bureauId, key)) return false;
  return own !== undefined && own.key === key && own.bureauId === client.bureauId && own.templates.length > 0;
}

function bureauTier(k: Knowledge, client: ClientSettings, cp: CounterpartyKey, direction: Direction, chart: ReadonlySet<AccountNo> | undefined, own: ProfileRecord | undefined): TierResult | undefined {
  if (cp.key === null || noOtherBureauClient(k, client, cp.key, own)) return undefined;
  const votes = bureauRankVotes(k, client.bureauId, cp.key, client.id, direction);
  if (votes.length === 0) return undefined;
  // Accounts are mapped (and the Map needed) only into a known chart.
  const mappedFrom = chart === undefined ? undefined : new Map<AccountNo, AccountNo>();
  const ranked = rankAccounts(
    votes,
    chart === undefined
      ? asIs
      : (a) => {
          const m = nearestInChart(a, chart);
          if (m?.mapped === true) mappedFrom?.set(m.account, a);
          return m?.account ?? null;
        },
  );
  if (ranked.length === 0) return undefined;
  const name = votes[0]?.display ?? cp.display;
  const describe = (r: RankedAccount): string =>
    `${r.count === 1 ? 'Another client' : `${r.count} other clients`} of this bureau book${r.count === 1 ? 's' : ''} ${name} to ${mappedFrom?.get(r.account) ?? r.account}${vatDescription(r.best.template.vat)}.`;
  return { source: 'bureau', path: 'bureau', ranked, raw: rawConfidence(ranked), describe, mappedFrom };
}

function networkTier(k: Knowledge, client: ClientSettings, cp: CounterpartyKey, direction: Direction, chart: ReadonlySet<AccountNo> | undefined, minBureaus: number): TierResult | undefined {
  if (cp.key === null || client.network === false) return undefined;
  // No record of the key is held by enough bureaus (told from the filter, without reading them).
  if (minBureaus >= FILTERED_MIN_BUREAUS && !k.filters.networkShared.mayHave(cp.key)) return undefined;
  const records = networkVotes(k, cp.key, direction, minBureaus);
  // Whether the key may be shared is checked only for a key the network holds (the check reads
  // the whole text for names and personal numbers).
  if (records.length === 0 || !cp.shareable) return undefined;
  const mappedFrom = chart === undefined ? undefined : new Map<AccountNo, AccountNo>();
  const votes: Vote[] = new Array<Vote>(records.length);
  for (let i = 0; i < records.length; i++) {
    const r = records[i] as (typeof records)[number];
    votes[i] = { template: sharedSingleLine(r.account, direction, r.vatMode, r.vatRate), weight: r.clients, count: r.clients };
  }
  const ranked = rankAccounts(
    votes,
    chart === undefined
      ? asIs
      : (a) => {
          const m = nearestInChart(a, chart);
          if (m?.mapped === true) mappedFrom?.set(m.account, a);
          return m?.account ?? null;
        },
  );
  if (ranked.length === 0) return undefined;
  const describe = (r: RankedAccount): string => {
    const original = mappedFrom?.get(r.account) ?? r.account;
    // Clients and bureaus per account, summed over its VAT variants (only when a reason is written).
    let counts: { clients: number; bureaus: number } | undefined;
    for (const x of records) {
      if (x.account !== original) continue;
      counts = { clients: (counts?.clients ?? 0) + x.clients, bureaus: Math.max(counts?.bureaus ?? 0, x.bureaus) };
    }
    counts ??= { clients: r.count, bureaus: minBureaus };
    const base = `${counts.clients} clients at ${counts.bureaus} bureaus book ${cp.display} to ${original}${vatDescription(r.best.template.vat)}`;
    return original === r.account ? `${base}.` : `${base}; this client has no ${original}, so the nearest account in the same BAS group, ${r.account}, is used.`;
  };
  return { source: 'network', path: 'network', ranked, raw: rawConfidence(ranked), describe, mappedFrom };
}

/**
 * A built-in rule with the fields the rule tier reads on every line, all present. The rules are
 * object literals of many shapes, so reading their fields in a loop over the table is slow (a
 * lookup per read); these entries all have one shape.
 */
interface RuleEntry {
  readonly rule: BuiltinRule;
  /** Index in {@link BUILTIN_RULES} (the word hits are keyed by it). */
  readonly index: number;
  readonly exactAccount: boolean;
  readonly account: AccountNo;
  readonly hasWords: boolean;
  readonly pattern: RegExp | undefined;
  readonly kinds: readonly string[] | undefined;
  readonly bankgiro: string | undefined;
  /** The BAS group (three digits) of the bank account the rule is only for, if any. */
  readonly onBankGroup: string | undefined;
}

/** Per direction, the {@link BUILTIN_RULES} for it (for both or that direction) as {@link RuleEntry}s, in table order. */
const RULES_FOR: Readonly<Record<Direction, readonly RuleEntry[]>> = { in: ruleEntries('in'), out: ruleEntries('out') };

function ruleEntries(direction: Direction): RuleEntry[] {
  const out: RuleEntry[] = [];
  BUILTIN_RULES.forEach((r, index) => {
    if (r.direction === undefined || r.direction === direction) out.push(ruleEntry(r, index));
  });
  return out;
}

function ruleEntry(r: BuiltinRule, index: number): RuleEntry {
  return {
    rule: r,
    index,
    exactAccount: r.exactAccount === true,
    account: r.account,
    hasWords: r.words !== undefined,
    pattern: r.pattern,
    kinds: r.kinds,
    bankgiro: r.bankgiro,
    onBankGroup: r.onBankAccount?.slice(0, 3),
  };
}

/**
 * Whether a rule matches the line by kind, bankgiro or pattern (its words are matched apart);
 * `patterns` false: no rule's pattern matches the text (`mayMatchPattern`).
 */
function ruleMatches(e: RuleEntry, upper: string, cp: CounterpartyKey, kind: TransactionInput['kind'], patterns: boolean): boolean {
  if (kind !== undefined && e.kinds?.some((k) => k === kind) === true) return true;
  if (e.bankgiro !== undefined) return cp.signals.bankgiro === e.bankgiro;
  return e.pattern !== undefined && patterns && e.pattern.test(upper);
}

function ruleTier(tx: TransactionInput, cp: CounterpartyKey, direction: Direction, chart: ReadonlySet<AccountNo> | undefined, bankAccount: AccountNo): TierResult | undefined {
  const upper = `${tx.text} ${tx.counterparty ?? ''}`.toUpperCase();
  let rule: BuiltinRule | undefined;
  let word: string | undefined;
  // A whole word beats the head of a compound (WEBBHOTELL is hosting, not a hotel), whatever the
  // order of the table; within a pass, the table's order decides.
  // The text is scanned for whole words once; the second pass adds the compound heads to them.
  let whole: ReadonlyMap<number, string> | undefined;
  let patterns: boolean | undefined;
  for (let pass = 0; pass < 2; pass++) {
    const wholeWordsOnly = pass === 0;
    let words: ReadonlyMap<number, string> | undefined;
    const entries = RULES_FOR[direction];
    for (let i = 0; i < entries.length; i++) {
      const r = entries[i] as RuleEntry;
      if (r.exactAccount && chart !== undefined && !chart.has(r.account)) continue;
      // A rule of another account's statement, or one that would book the line against its own bank account.
      if (r.onBankGroup !== undefined && !bankAccount.startsWith(r.onBankGroup)) continue;
      if (r.account === bankAccount) continue;
      if (wholeWordsOnly && r.pattern !== undefined) patterns ??= mayMatchPattern(upper, BUILTIN_RULES);
      if (wholeWordsOnly && ruleMatches(r, upper, cp, tx.kind, patterns ?? true)) {
        rule = r.rule;
        break;
      }
      if (r.hasWords) {
        whole ??= ruleWordHits(upper, BUILTIN_RULES, true);
        words ??= wholeWordsOnly ? whole : withCompoundHeads(upper, BUILTIN_RULES, whole);
        // Most lines name no rule word: no look-up per rule then.
        word = words.size === 0 ? undefined : words.get(r.index);
        if (word !== undefined) {
          rule = r.rule;
          break;
        }
      }
    }
    if (rule !== undefined) break;
  }
  if (rule === undefined) return undefined;
  const mapping = nearestInChart(rule.account, chart);
  if (mapping === null) return undefined;
  const vat = rule.vatCategory !== undefined && rule.vat.mode !== 'none' ? { mode: rule.vat.mode, rate: vatRateOn(rule.vatCategory, tx.date) } : rule.vat;
  const template = singleLine(rule.account, direction, vat);
  const ranked: RankedAccount[] = [{ account: mapping.account, weight: 1, count: 1, best: { template, weight: 1, count: 1 }, firstSeen: undefined, lastSeen: undefined }];
  const mappedFrom = mapping.mapped ? new Map<AccountNo, AccountNo>([[mapping.account, rule.account]]) : undefined;
  const said = word === undefined ? rule.reason : `The text says ${word}. ${rule.reason}`;
  const describe = (): string => (mapping.mapped ? `${said} This client has no ${rule.account}, so ${mapping.account} in the same BAS group is used.` : said);
  // A rule that needs facts from outside the bank line names the account; a voucher built from the
  // bank amount alone would be wrong (a net salary is not the gross salary), so none is proposed.
  const outside = rule.review === true;
  return { source: 'rule', path: 'rule', ranked, raw: rule.confidence, describe, review: outside ? 'Built-in rule that needs facts from outside the bank line.' : undefined, mappedFrom, accountOnly: outside };
}

function mapVat(vat: VatSpec, client: ClientSettings, direction: Direction, account: AccountNo, date: string, chart: ReadonlySet<AccountNo> | undefined): { vat: VatSpec; note: string } {
  if (client.vatRegistered === false || vat.mode === 'none') return { vat: { mode: 'none', rate: 0, accounts: [] }, note: '' };
  let note = '';
  const rate = carryRate(vat.rate, categoryOf(account), date);
  if (rate !== vat.rate) note = ` VAT ${vat.rate} % → ${rate} % on ${date} (food VAT ${FOOD_VAT_CUT.rate} % from ${FOOD_VAT_CUT.from} to ${FOOD_VAT_CUT.to}).`;
  const accounts = (vat.accounts.length > 0 ? vat.accounts : defaultVatAccounts(vat.mode, rate, direction)).map((a) => nearestInChart(a, chart)?.account ?? a);
  return { vat: { mode: vat.mode, rate, accounts }, note };
}

function buildVoucher(
  tx: TransactionInput,
  bankAccount: AccountNo,
  template: BookingTemplate,
  account: AccountNo,
  mappedFrom: ReadonlyMap<AccountNo, AccountNo> | undefined,
  client: ClientSettings,
  direction: Direction,
  chart: ReadonlySet<AccountNo> | undefined,
): { voucher: Voucher | null; note: string; simplified: boolean } {
  const { vat, note } = mapVat(template.vat, client, direction, account, tx.date, chart);
  let applied = applyTemplate(template, tx.amount, vat);
  let split = '';
  if (!applied.ok && template.lines.length > 1) {
    applied = applyTemplate(simplifyTemplate(template), tx.amount, vat);
    split = ` The usual split into ${template.lines.map((l) => l.account).join(' + ')} does not fit this amount, so everything goes to ${account}.`;
  }
  if (!applied.ok) return { voucher: null, note: ` The amount does not fit the learned split (${applied.reason === 'rest-sign' ? 'fixed parts exceed it' : 'wrong direction'}).`, simplified: false };
  const original = mappedFrom?.get(account);
  const rows: VoucherRow[] = [{ account: bankAccount, amount: tx.amount }];
  for (const r of applied.rows) {
    let acct = r.account === original ? account : r.account;
    const m = nearestInChart(acct, chart);
    if (m === null) return { voucher: null, note: ` The client's chart has no account near ${acct}.`, simplified: false };
    acct = m.account;
    rows.push({ account: acct, amount: r.amount });
  }
  const sum = trySumAmounts(rows);
  if (sum !== 0) return { voucher: null, note: ' The split did not balance.', simplified: false };
  return { voucher: { date: tx.date, text: tx.text.trim(), rows }, note: note + split, simplified: split !== '' };
}

/** Shared empty values of a line without options, features or text scores (never changed). */
const NO_OPTIONS: SuggestOptions = {};
const NO_FEATURES: readonly string[] = [];
const NO_TEXT_SCORES: readonly TextScore[] = [];

/** Candidates the text model adds at most (its most probable accounts). */
const TEXT_CANDIDATES = 4;

/** One candidate account with everything known for it. */
interface Candidate {
  readonly account: AccountNo;
  readonly v: FeatureVector;
  template?: BookingTemplate | undefined;
  /** Which evidence supplied the template (and the chart mapping that goes with it). */
  mappedFrom?: ReadonlyMap<AccountNo, AccountNo> | undefined;
  accountOnly?: boolean | undefined;
  /** The open-item match for this account, when there is one. */
  openItem?: OpenItemCandidate | undefined;
}

/** What the ranker saw for one line: for `bench/fit-ranker.ts`. */
export interface RankerTrace {
  readonly candidates: readonly { readonly account: AccountNo; readonly features: readonly number[]; readonly accounts: readonly AccountNo[] }[];
}

/** Evidence groups of the ranker's features, for the reason and the source. */
const GROUPS: readonly { readonly group: 'client' | 'text' | 'bureau' | 'network' | 'rule' | 'openItem'; readonly features: readonly number[] }[] = [
  { group: 'client', features: [F.clientShare, F.clientNoText, F.clientGiro, F.clientFuzzy, F.clientTokens, F.clientSwish, F.clientCount, F.templateSupport, F.composite, F.amountFit, F.clientSwitch] },
  { group: 'text', features: [F.textP, F.textHitP, F.textHits, F.clientPrior] },
  { group: 'bureau', features: [F.bureauShare, F.bureauCount, F.bureauShareKnown, F.bureauTextP] },
  { group: 'network', features: [F.networkShare, F.networkCount, F.networkShareKnown] },
  { group: 'rule', features: [F.rule] },
  { group: 'openItem', features: [F.openItem] },
];

/** The evidence weight of a tier's ranked accounts, summed in rank order. */
function totalWeight(ranked: readonly RankedAccount[]): number {
  let total = 0;
  for (const r of ranked) total += r.weight;
  return total;
}

/**
 * The most used template per main account and direction, over templates given with a weight; for
 * a guess from a text model, which names an account but no template. Computed in one pass and kept
 * until the model it serves changes (the model is updated with every record it is built from).
 */
const templatesFor = new WeakMap<object, { readonly revision: number; readonly best: ReadonlyMap<string, BookingTemplate> }>();

function bestTemplates(owner: TextModel | undefined, each: (f: (t: BookingTemplate, n: number) => void) => void): ReadonlyMap<string, BookingTemplate> {
  const cached = owner === undefined ? undefined : templatesFor.get(owner);
  if (cached !== undefined && owner !== undefined && cached.revision === owner.revision) return cached.best;
  const best = new Map<string, BookingTemplate>();
  const n = new Map<string, number>();
  each((t, count) => {
    const c = `${t.direction}|${mainAccount(t)}`;
    if (count > (n.get(c) ?? 0)) {
      n.set(c, count);
      best.set(c, t);
    }
  });
  if (owner !== undefined) templatesFor.set(owner, { revision: owner.revision, best });
  return best;
}

/** The client's most used template for an account (for a guess from the text model). */
function clientTemplateFor(k: Knowledge, clientId: string, account: AccountNo, direction: Direction): BookingTemplate | undefined {
  return bestTemplates(k.textModels.get(clientId), (f) => {
    for (const p of k.profiles.get(clientId)?.values() ?? []) for (const t of p.templates) f(t.template, t.count);
  }).get(`${direction}|${account}`);
}

/** The bureau's most common template for an account (for a guess from the bureau's text model). */
function bureauTemplateFor(k: Knowledge, bureauId: string, account: AccountNo, direction: Direction): BookingTemplate | undefined {
  return bestTemplates(k.bureauTextModels.get(bureauId), (f) => {
    for (const list of k.bureaus.get(bureauId)?.values() ?? []) for (const r of list) f(r.template, r.clients.length);
  }).get(`${direction}|${account}`);
}

function calibrated(path: CalibrationPath, p: number): number {
  return confidenceFor(path, p);
}

/**
 * Suggests a balanced voucher for one bank line from what the knowledge base has learned. Every
 * piece of evidence — the client's own history (exact, giro, fuzzy, shared words), its text model,
 * the bureau's other clients and text model, the network, built-in rules — becomes features of the
 * candidate accounts, and the learned ranker (`ranker.ts`) weighs them into one probability.
 *
 * ```ts
 * const s = suggest({ date: '2026-04-02', amount: -49900, text: 'AUTOGIRO TELIA SVERIGE' }, knowledge, client);
 * if (s.autoBook) book(s.voucher);
 * ```
 */
export function suggest(tx: TransactionInput, k: Knowledge, client: ClientSettings, options: SuggestOptions = NO_OPTIONS): Suggestion {
  const cp = readCounterparty(tx.text, { reference: tx.reference, counterparty: tx.counterparty, counterpartyAccount: tx.counterpartyAccount });
  const direction: Direction = tx.amount < 0 ? 'out' : 'in';
  const chart = chartSet(client);
  const bankAccount = options.bankAccount ?? client.bankAccounts?.[0] ?? DEFAULT_BANK_ACCOUNTS[0] ?? '1930';
  if (tx.amount === 0) return nothing(cp, 'A zero amount needs no booking.');
  const toChart = inChart(chart);

  // A line has a handful of candidates: a list searched linearly, in the order they were found.
  const list: Candidate[] = [];
  const find = (account: AccountNo): Candidate | undefined => {
    for (const c of list) if (c.account === account) return c;
    return undefined;
  };
  const cand = (account: AccountNo): Candidate => {
    let c = find(account);
    if (c === undefined) {
      // Every field from the start: candidates then share one shape however their evidence arrives.
      c = { account, v: featureVector(), template: undefined, mappedFrom: undefined, accountOnly: undefined, openItem: undefined };
      list.push(c);
    }
    return c;
  };

  // The client's own history.
  const own = clientTier(k, client, cp, tx, direction, chart);
  if (own !== undefined) {
    const kind = own.match;
    const idx = kind === 'exact' || kind === 'refund' ? undefined : kind === 'no-text' ? F.clientNoText : kind === 'giro' ? F.clientGiro : kind === 'fuzzy' ? F.clientFuzzy : kind === 'tokens' ? F.clientTokens : F.clientSwish;
    const total = totalWeight(own.ranked);
    for (let i = 0; i < own.ranked.length; i++) {
      const r = own.ranked[i] as RankedAccount;
      const share = r.weight / (total + PRIOR_WEIGHT);
      const c = cand(r.account);
      c.v[F.clientShare] = share * (own.similarity ?? 1);
      if (idx !== undefined) c.v[idx] = c.v[F.clientShare] as number;
      c.v[F.clientCount] = Math.log1p(r.weight);
      c.v[F.templateSupport] = templateSupport(r);
      c.v[F.composite] = counterAccounts(r.best.template) >= 2 ? 1 : 0;
      c.v[F.amountFit] = own.affinity?.[i] ?? 1;
      if (r === own.switched) c.v[F.clientSwitch] = Math.log1p(r.count);
      c.template = r.best.template;
      c.mappedFrom = own.mappedFrom;
    }
  }

  // Does the client know this counterparty itself (same key, same giro, or its text-less lines)?
  const known = own !== undefined && (own.match === 'exact' || own.match === 'giro' || own.match === 'no-text');

  // The client's text model: what the words, type and amount of the line say. It speaks for
  // counterparties the client has not booked before; for known ones the history says more.
  // Their ids are hashed once, for both text models and their reasons.
  const featureIds: number[] | undefined = known ? undefined : [];
  const features = known ? NO_FEATURES : textFeatures(cp.key, cp.signals.type === undefined ? undefined : [cp.signals.type], Math.abs(tx.amount), featureIds);
  // Built on first use only: a client whose lines are all known counterparties never needs one.
  const tm = known ? undefined : clientTextModel(k, client.id);
  const text = tm === undefined || tm.empty ? NO_TEXT_SCORES : tm.score(features, direction, undefined, featureIds);
  for (let i = 0; i < text.length; i++) {
    const t = text[i] as (typeof text)[number];
    const account = toChart(t.account);
    if (account === null) continue;
    if (i >= TEXT_CANDIDATES && find(account) === undefined) continue;
    const c = cand(account);
    c.v[F.textP] = t.p;
    c.v[F.textHitP] = t.hits > 0 ? t.p : 0;
    c.v[F.textHits] = Math.log1p(t.hits);
    c.v[F.clientPrior] = t.prior;
  }

  // The bureau's other clients, and the bureau's text model.
  const bureau = bureauTier(k, client, cp, direction, chart, own?.exact);
  if (bureau !== undefined) {
    const total = totalWeight(bureau.ranked);
    for (const r of bureau.ranked) {
      const share = r.weight / (total + PRIOR_WEIGHT);
      const c = cand(r.account);
      if (known) c.v[F.bureauShareKnown] = share;
      else {
        c.v[F.bureauShare] = share;
        c.v[F.bureauCount] = Math.log1p(r.count);
      }
      if (c.template === undefined) {
        c.template = r.best.template;
        c.mappedFrom = bureau.mappedFrom;
      }
    }
  }
  const btm = known ? undefined : bureauTextModel(k, client.bureauId);
  const bureauText = btm === undefined || btm.empty ? NO_TEXT_SCORES : btm.score(features, direction, k.profiles.has(client.id) ? ownBureauShare(k, client.id) : undefined, featureIds).filter((t) => t.hits > 0).slice(0, TEXT_CANDIDATES);
  // Made only when the bureau's text names an account outside the client's chart.
  let bureauTextFrom: Map<AccountNo, AccountNo> | undefined;
  for (const t of bureauText) {
    const m = nearestInChart(t.account, chart);
    if (m === null) continue;
    if (m.mapped) (bureauTextFrom ??= new Map()).set(m.account, t.account);
    cand(m.account).v[F.bureauTextP] = t.p;
  }

  // Other bureaus.
  const network = networkTier(k, client, cp, direction, chart, options.minBureaus ?? DEFAULT_MIN_BUREAUS);
  if (network !== undefined) {
    const total = totalWeight(network.ranked);
    for (const r of network.ranked) {
      const share = r.weight / (total + PRIOR_WEIGHT);
      const c = cand(r.account);
      if (known) c.v[F.networkShareKnown] = share;
      else {
        c.v[F.networkShare] = share;
        c.v[F.networkCount] = Math.log1p(r.count);
      }
      if (c.template === undefined) {
        c.template = r.best.template;
        c.mappedFrom = network.mappedFrom;
      }
    }
  }

  // Built-in rules.
  const rule = ruleTier(tx, cp, direction, chart, bankAccount);
  if (rule !== undefined) {
    const r = rule.ranked[0] as RankedAccount;
    const c = cand(r.account);
    c.v[F.rule] = rule.raw;
    if (c.template === undefined) {
      c.template = r.best.template;
      c.mappedFrom = rule.mappedFrom;
      c.accountOnly = rule.accountOnly;
    }
  }

  // An open invoice of the client's books that the line settles.
  const item = options.openItem;
  const itemAccount = item?.parts[0]?.item.account;
  const itemMapped = item === undefined || itemAccount === undefined ? null : nearestInChart(itemAccount, chart);
  if (item !== undefined && itemMapped !== null) {
    const c = cand(itemMapped.account);
    c.v[F.openItem] = item.confidence;
    c.openItem = item;
  }

  // The bank row is the line's own bank account: it is never the counter-account as well.
  for (let i = list.length - 1; i >= 0; i--) if ((list[i] as Candidate).account === bankAccount) list.splice(i, 1);
  if (list.length === 0) {
    return nothing(cp, cp.key === null ? 'The bank text names no counterparty, and no built-in rule matches.' : `No history for ${cp.display} at this client, this bureau or the network, and no built-in rule matches.`);
  }
  options.onRanker?.({ candidates: list.map((c) => ({ account: c.account, features: [...c.v], accounts: c.template === undefined ? [c.account] : templateAccounts(c.template) })) });
  const w = weightVector(options.weights);
  const { p } = rankWith(list.map((c) => c.v), w, options.weights === undefined ? RANKER.none : options.weights.none);
  const order = list.map((c, i) => ({ c, p: p[i] as number }));
  if (order.length > 1) sortSmall(order, mostProbable);
  const top = order[0] as { c: Candidate; p: number };

  // The text models' reasons, for the accounts that need one (the line's features looked up once per model).
  let explainText: ((account: AccountNo) => TextEvidence | undefined) | undefined;
  let explainBureauText: ((account: AccountNo) => TextEvidence | undefined) | undefined;

  // Which evidence carries the top account: it gives the reason and the source.
  const describeFor = (c: Candidate): { source: SuggestionSource; path: CalibrationPath; match?: MatchKind | undefined; text: string } => {
    let best = GROUPS[0] as (typeof GROUPS)[number];
    let bestSum = -Infinity;
    for (const g of GROUPS) {
      let sum = 0;
      for (const i of g.features) sum += Math.max(0, (w[i] as number) * (c.v[i] as number));
      if (sum > bestSum) {
        best = g;
        bestSum = sum;
      }
    }
    if (best.group === 'openItem' && c.openItem !== undefined) return { source: 'client', path: 'client-open-item', match: 'open-item', text: c.openItem.reason };
    const ownHas = own?.ranked.find((r) => r.account === c.account);
    if ((best.group === 'client' || best.group === 'text') && own !== undefined && ownHas !== undefined) return { source: 'client', path: own.path, match: own.match, text: own.describe(ownHas) };
    const bureauHas = bureau?.ranked.find((r) => r.account === c.account);
    if (best.group === 'bureau' && bureau !== undefined && bureauHas !== undefined && (c.v[F.bureauShare]! > 0 || c.v[F.bureauShareKnown]! > 0)) return { source: 'bureau', path: 'bureau', text: bureau.describe(bureauHas) };
    if (best.group === 'bureau' && c.v[F.bureauTextP]! > 0) {
      const original = bureauTextFrom?.get(c.account) ?? c.account;
      const ev = btm === undefined ? undefined : (explainBureauText ??= btm.explainer(features, direction, featureIds))(original);
      const why = ev === undefined ? '' : `${capital(describeFeature(ev.feature))}: ${ev.n} of ${ev.of} bookings by the bureau's clients with it went to ${original}. `;
      return { source: 'bureau', path: 'bureau', match: 'words', text: `${why}${cp.display} is new to this client and to the bureau.` };
    }
    const networkHas = network?.ranked.find((r) => r.account === c.account);
    if (best.group === 'network' && network !== undefined && networkHas !== undefined) return { source: 'network', path: 'network', text: network.describe(networkHas) };
    if (best.group === 'rule' && rule !== undefined && (rule.ranked[0] as RankedAccount).account === c.account) return { source: 'rule', path: 'rule', text: rule.describe(rule.ranked[0] as RankedAccount) };
    if (ownHas !== undefined && own !== undefined) return { source: 'client', path: own.path, match: own.match, text: own.describe(ownHas) };
    const ev = tm === undefined ? undefined : (explainText ??= tm.explainer(features, direction, featureIds))(c.account);
    const name = cp.key === null || cp.key === NO_TEXT_KEY ? 'a line without text' : cp.display;
    if (ev !== undefined) {
      return {
        source: 'client',
        path: 'client-words',
        match: 'words',
        text: `${capital(describeFeature(ev.feature))}: ${ev.n} of ${ev.of} earlier counterparties with it were booked to ${c.account} (this client); ${name} is new.`,
      };
    }
    const share = Math.round((tm ?? clientTextModel(k, client.id)).priorShare(direction, c.account) * 100);
    return { source: 'client', path: 'client-words', match: 'words', text: `Only a guess: ${share} % of this client's money ${direction === 'in' ? 'in' : 'out'} goes to ${c.account}; nothing is known about ${name}.` };
  };

  const cal = options.calibration;
  // A composite voucher (payroll, tax) is right only if its whole set of accounts is: the account's
  // probability times the share of its evidence behind the very template that will be booked.
  const voucherP = (c: Candidate, p: number): number => (c.v[F.composite] === 1 ? p * (c.v[F.templateSupport] as number) : p);
  const topWhy = describeFor(top.c);
  let confidence = round3(cal === undefined ? calibrated(topWhy.path, voucherP(top.c, top.p)) : cal(topWhy.path, voucherP(top.c, top.p)));
  // Curves differ by evidence, and one account at most is right: an alternative never shows more
  // confidence than the account ranked above it, nor more than the accounts above it leave.
  let cap = confidence;
  let left = 1 - confidence;
  const alternatives: Alternative[] = order.slice(1, 1 + MAX_ALTERNATIVES).map((o) => {
    const why = describeFor(o.c);
    cap = Math.max(0, round3(Math.min(cap, left, cal === undefined ? calibrated(why.path, voucherP(o.c, o.p)) : cal(why.path, voucherP(o.c, o.p)))));
    left -= cap;
    return { account: o.c.account, confidence: cap, source: why.source, reason: why.text };
  });
  const reviewReasons: string[] = [];
  // A line in another currency (a currency account): its amount is not öre of the books' currency.
  const foreign = tx.currency !== undefined && tx.currency.toUpperCase() !== BOOK_CURRENCY ? tx.currency.toUpperCase() : undefined;
  if (foreign !== undefined) reviewReasons.push(`The line is in ${foreign}: the voucher needs the amount in ${BOOK_CURRENCY} at the day's exchange rate.`);
  const ownTop = own?.ranked.find((r) => r.account === top.c.account);
  if (own?.review !== undefined && ownTop !== undefined) reviewReasons.push(own.review);
  // Other clients' habits propose, the client's own confirm: a line that only the bureau's or the
  // network's bookings back is looked at once, however many clients agree (they book alike more
  // often than this one will, and another bureau's habits never book this client's lines unseen).
  if (own?.ranked[0]?.account !== top.c.account && (topWhy.source === 'bureau' || topWhy.source === 'network') && client.autoBookShared !== true) {
    reviewReasons.push(`Only other clients' bookings back ${top.c.account} (${topWhy.source === 'bureau' ? "the bureau's" : "the network's"}); this client has not booked ${cp.display} so most often. Once confirmed it is this client's own habit.`);
  }

  const second = order[1];
  if (second !== undefined && top.p < MIN_MARGIN * second.p) {
    reviewReasons.unshift(`${top.c.account} and ${second.c.account} are about equally likely.`);
    return {
      voucher: null,
      account: top.c.account,
      confidence,
      source: topWhy.source,
      reason:
        own?.ranked.some((r) => r.account === second.c.account) === true && own.ranked.some((r) => r.account === top.c.account)
          ? `Not sure: ${top.c.account} and ${second.c.account} are both used for ${cp.display}. ${topWhy.text}`
          : `Not sure: ${top.c.account} and ${second.c.account} are about equally likely for ${cp.display}. ${topWhy.text}`,
      alternatives,
      review: true,
      reviewReasons,
      autoBook: false,
      key: cp.key,
      match: topWhy.match,
    };
  }

  let reason = topWhy.text;
  let voucher: Voucher | null = null;
  const template =
    top.c.template ??
    clientTemplateFor(k, client.id, top.c.account, direction) ??
    (() => {
      const original = bureauTextFrom?.get(top.c.account);
      const t = bureauTemplateFor(k, client.bureauId, original ?? top.c.account, direction);
      if (t !== undefined && original !== undefined) top.c.mappedFrom = new Map([[top.c.account, original]]);
      return t;
    })();
  // The settling voucher (the bank row against the item's account for the items' amounts) is right
  // only if the account and the items are: its confidence is at most the match's, which is
  // calibrated on whether the items were the right ones. A match too weak to propose leaves the
  // account's own template to book it (the ledger then infers what it settled on confirm).
  const settles = top.c.openItem !== undefined && top.c.openItem.confidence >= MIN_VOUCHER_CONFIDENCE ? top.c.openItem : undefined;
  if (foreign !== undefined) {
    // No voucher: its amount is not öre of the books' currency (the reason is given above).
  } else if (settles !== undefined) {
    confidence = Math.min(confidence, round3(settles.confidence));
    if (topWhy.match !== 'open-item') reason += ` ${settles.reason}`;
    if (settles.features.partial) reviewReasons.push('A part payment: the invoice stays open for the rest.');
    if (!settles.features.unique) reviewReasons.push('Several open invoices fit this payment equally well.');
    if (confidence >= MIN_VOUCHER_CONFIDENCE) voucher = settles.voucher;
    else reviewReasons.push('Too little evidence to propose a voucher.');
  } else if (top.c.accountOnly === true && topWhy.source === 'rule') {
    reviewReasons.push('Built-in rule that needs facts from outside the bank line.', 'The bank line alone cannot settle this voucher.');
  } else if (template === undefined) {
    reviewReasons.push('No booking template is known for this account.');
  } else if (confidence >= MIN_VOUCHER_CONFIDENCE) {
    const built = buildVoucher(tx, bankAccount, template, top.c.account, top.c.mappedFrom, client, direction, chart);
    voucher = built.voucher;
    reason += built.note;
    if (voucher === null) reviewReasons.push('No voucher could be built from the learned template.');
    if (built.simplified) {
      reviewReasons.push('The learned split does not fit this amount.');
      // The voucher is not the one the evidence is for: the client's usual split failed.
      confidence = round3(confidence * SIMPLIFIED_FACTOR);
    }
  } else {
    reviewReasons.push('Too little evidence to propose a voucher.');
  }

  if (voucher !== null && voucher.rows.some((r) => REPRESENTATION.test(r.account)) && voucher.rows.some((r) => VAT_LINE.test(r.account))) {
    reviewReasons.push('Representation: VAT is deductible only on a limited amount; check the receipt.');
  }
  if (template?.lines.some((l) => VAT_LINE.test(l.account)) === true) reviewReasons.push('Earlier receipts had several VAT rates; the split needs the receipt.');
  const capitalise = voucher === null ? undefined : capitalisationReview(voucher.rows, tx.date);
  if (capitalise !== undefined) reviewReasons.push(capitalise);
  const threshold = client.autoBookThreshold ?? DEFAULT_AUTO_BOOK_THRESHOLD;
  // The account set and the upper-cased text are built only for clients with review settings.
  const reviewAccounts = client.review?.accounts ?? [];
  if (reviewAccounts.length > 0 || client.suspenseAccount !== undefined) {
    const accounts = new Set((voucher?.rows ?? [{ account: top.c.account, amount: 0 }]).map((r) => r.account));
    for (const a of reviewAccounts) if (accounts.has(a)) reviewReasons.push(`The bureau reviews everything booked to ${a}.`);
    if (client.suspenseAccount !== undefined && accounts.has(client.suspenseAccount)) reviewReasons.push(`${client.suspenseAccount} is the client's suspense account (OBS-konto).`);
  }
  const reviewCounterparties = client.review?.counterparties ?? [];
  if (reviewCounterparties.length > 0) {
    const upper = tx.text.toUpperCase();
    for (const c of reviewCounterparties) {
      const u = c.toUpperCase();
      if (u === cp.key || (u.length > 0 && upper.includes(u))) reviewReasons.push(`The bureau reviews ${c}.`);
    }
  }
  if (confidence < threshold && reviewReasons.length === 0) reviewReasons.push(`Confidence ${Math.round(confidence * 100)} % is below the client's auto-booking threshold of ${Math.round(threshold * 100)} %.`);
  const review = voucher === null || reviewReasons.length > 0;
  return {
    voucher,
    account: top.c.account,
    confidence,
    source: topWhy.source,
    reason,
    alternatives,
    review,
    reviewReasons,
    autoBook: voucher !== null && !review,
    key: cp.key,
    match: topWhy.match,
    ...(settles !== undefined && voucher !== null ? { openItem: { evidence: settles.evidence, features: settles.features, items: settles.parts.map((p) => p.item.id) } } : {}),
  };
}

/** Candidates by probability, ties by account number. */
function mostProbable(a: { readonly c: Candidate; readonly p: number }, b: { readonly c: Candidate; readonly p: number }): number {
  // Signs compared, as in `heaviestFirst` (score.ts): the same order without a boxed difference.
  return b.p > a.p ? 1 : b.p < a.p ? -1 : a.c.account < b.c.account ? -1 : a.c.account > b.c.account ? 1 : 0;
}

/** The counter-accounts of a template that are not VAT rows, sorted. */
function templateAccounts(t: BookingTemplate): AccountNo[] {
  return t.lines.map((l) => l.account).filter((a) => !VAT_LINE.test(a)).sort();
}

/** How many counter-accounts of a template are not VAT rows. */
function counterAccounts(t: BookingTemplate): number {
  let n = 0;
  for (const l of t.lines) if (!VAT_LINE.test(l.account)) n++;
  return n;
}

function capital(s: string): string {
  return s.length === 0 ? s : s[0]!.toUpperCase() + s.slice(1);
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function nothing(cp: CounterpartyKey, reason: string): Suggestion {
  return { voucher: null, account: null, confidence: 0, source: null, reason, alternatives: [], review: true, reviewReasons: [reason], autoBook: false, key: cp.key };
}

/**
 * `suggest`: one bank line → one balanced voucher with a calibrated confidence and a reason, or an
 * honest "not sure". Tiers, best first: the client's own history (exact, giro, fuzzy, shared
 * words), the bureau's other clients, other bureaus (network), built-in rules.
 */
import { trySumAmounts } from '../core/money.js';
import { formatKronor } from '../core/money.js';
import type { Knowledge } from '../knowledge/base.js';
import { DEFAULT_BANK_ACCOUNTS } from '../knowledge/learn.js';
import { bureauVotes, DEFAULT_MIN_BUREAUS, networkVotes } from '../knowledge/network.js';
import { applyTemplate, simplifyTemplate } from '../knowledge/template.js';
import type { AccountNo, BookingTemplate, ClientSettings, Direction, TransactionInput, VatSpec, Voucher, VoucherRow } from '../knowledge/types.js';
import { counterpartyKey, NO_TEXT_KEY } from '../normalize/counterparty.js';
import type { CounterpartyKey } from '../normalize/counterparty.js';
import { carryRate, defaultVatAccounts, FOOD_VAT_CUT, vatRateOn } from '../vat/rates.js';
import type { VatCategory } from '../vat/rates.js';
import { calibrate } from './calibrate.js';
import type { CalibrationPath } from './calibrate.js';
import { findProfiles } from './candidates.js';
import type { ProfileMatch } from './candidates.js';
import { nearestInChart } from './chart.js';
import { BUILTIN_RULES, ruleWordHits } from './rules.js';
import type { BuiltinRule } from './rules.js';
import { AMOUNT_REVIEW_AFFINITY, amountAffinity, DEFAULT_AUTO_BOOK_THRESHOLD, MIN_VOUCHER_CONFIDENCE, rankAccounts, rawConfidence, tooClose } from './score.js';
import type { RankedAccount, Vote } from './score.js';
import type { Alternative, MatchKind, Suggestion, SuggestionSource } from './types.js';

/** Same-bureau evidence is a little weaker than the client's own: other clients have other habits. */
export const BUREAU_FACTOR = 0.9;
/** Network evidence is weaker still: other bureaus, other charts. */
export const NETWORK_FACTOR = 0.85;
/** A giro-number match is almost as good as an exact key (the name was written differently). */
export const GIRO_FACTOR = 0.97;
/** Word-overlap matches are the weakest own-history evidence. */
export const TOKEN_FACTOR = 0.8;
/** How other private Swish payers are booked is weaker evidence than this payer's own history. */
export const SWISH_PRIVATE_FACTOR = 0.8;
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
  /** Replaces the built-in calibration (used by the benchmark that fits it). */
  readonly calibration?: ((path: CalibrationPath, raw: number) => number) | undefined;
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

function builtinCalibration(path: CalibrationPath, raw: number): number {
  return calibrate(path, raw);
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
    votes.push({ template: top.template, weight: 1, count: 1, lastSeen: top.lastSeen });
  }
  const ranked = rankAccounts(votes, inChart(chart));
  if (ranked.length === 0) return undefined;
  const describe = (r: RankedAccount): string =>
    `${r.count === 1 ? 'One other private Swish payer was' : `${r.count} other private Swish payers were`} booked to ${r.account}${vatDescription(r.best.template.vat)} (this client); this payer is new.`;
  return { source: 'client', path: 'client-swish-private', ranked, raw: rawConfidence(ranked) * SWISH_PRIVATE_FACTOR, describe, match: 'swish-private' };
}

function clientTier(k: Knowledge, client: ClientSettings, cp: CounterpartyKey, tx: TransactionInput, direction: Direction, chart: ReadonlySet<AccountNo> | undefined): TierResult | undefined {
  if (cp.key === null) return undefined;
  const giro = cp.signals.bankgiro !== undefined ? `BG ${cp.signals.bankgiro}` : cp.signals.plusgiro !== undefined ? `PG ${cp.signals.plusgiro}` : undefined;
  const matches: ProfileMatch[] = findProfiles(k, client.id, cp.key, giro);
  // Two private names that look alike ("SWISH ERIK" and "SWISH ELIN") are two different people.
  const privatePayer = cp.signals.swish !== undefined && !cp.signals.swish.business;
  if (matches.length === 0 || (privatePayer && matches[0]?.kind !== 'exact')) return swishPrivateTier(k, client, cp, direction, chart);
  const votes: Vote[] = [];
  let affinityOfTop = 1;
  for (const m of matches) {
    for (const t of m.profile.templates) {
      if (t.template.direction !== direction) continue;
      const aff = amountAffinity(tx.amount, t.minAmount, t.maxAmount) * dayAffinity(tx.date, t.lastDay);
      votes.push({ template: t.template, weight: t.weight * aff * m.similarity, count: t.count, lastSeen: t.lastSeen });
    }
  }
  const ranked = rankAccounts(votes, inChart(chart));
  const top = ranked[0];
  if (top === undefined) return undefined;
  const bestMatch = matches[0] as ProfileMatch;
  // Lines without text name no counterparty: the client's other text-less bookings are a mix of
  // unrelated things, so they get their own calibration instead of that of a named counterparty.
  const kind: MatchKind = cp.key === NO_TEXT_KEY && bestMatch.kind === 'exact' ? 'no-text' : bestMatch.kind;
  for (const m of matches) {
    for (const t of m.profile.templates) if (t.template === top.best.template) affinityOfTop = amountAffinity(tx.amount, t.minAmount, t.maxAmount);
  }
  const factor = kind === 'exact' || kind === 'no-text' ? 1 : kind === 'giro' ? GIRO_FACTOR : kind === 'fuzzy' ? bestMatch.similarity : bestMatch.similarity * TOKEN_FACTOR;
  // An amount far outside the usual range is a reason for doubt even when the account is clear.
  const raw = rawConfidence(ranked) * factor * (0.5 + 0.5 * affinityOfTop);
  const name = bestMatch.profile.display;
  const total = ranked.reduce((s, r) => s + r.count, 0);
  const describe = (r: RankedAccount): string => {
    const all = r.count === total;
    const base = all ? (r.count === 1 ? `Booked to ${r.account} once before` : `Booked to ${r.account} the last ${r.count} times`) : `Booked to ${r.account} ${r.count} of ${total} times`;
    const whose = kind === 'exact' ? `for ${name} (this client)` : kind === 'no-text' ? 'for lines without text (this client)' : kind === 'giro' ? `for ${name}, same giro number (this client)` : `for the similar counterparty ${name} (this client)`;
    return `${base}${vatDescription(r.best.template.vat)} ${whose}.`;
  };
  const review = affinityOfTop < AMOUNT_REVIEW_AFFINITY ? `The amount ${formatKronor(Math.abs(tx.amount))} is outside the usual range for ${name}.` : undefined;
  return { source: 'client', path: `client-${kind}`, ranked, raw, describe, match: kind, review };
}

function singleLine(account: AccountNo, direction: Direction, vat: { readonly mode: VatSpec['mode']; readonly rate: VatSpec['rate'] }): BookingTemplate {
  return {
    direction,
    vat: { mode: vat.mode, rate: vat.rate, accounts: defaultVatAccounts(vat.mode, vat.rate, direction) },
    lines: [{ account, rule: 'rest', lastAmount: 0, ppm: 0 }],
  };
}

function bureauTier(k: Knowledge, client: ClientSettings, cp: CounterpartyKey, direction: Direction, chart: ReadonlySet<AccountNo> | undefined): TierResult | undefined {
  if (cp.key === null) return undefined;
  const votes = bureauVotes(k, client.bureauId, cp.key, client.id, direction);
  if (votes.length === 0) return undefined;
  const mappedFrom = new Map<AccountNo, AccountNo>();
  const ranked = rankAccounts(
    votes.map((v) => ({ template: v.template, weight: v.clients, count: v.clients })),
    (a) => {
      const m = nearestInChart(a, chart);
      if (m?.mapped === true) mappedFrom.set(m.account, a);
      return m?.account ?? null;
    },
  );
  if (ranked.length === 0) return undefined;
  const name = votes[0]?.display ?? cp.display;
  const describe = (r: RankedAccount): string =>
    `${r.count === 1 ? 'Another client' : `${r.count} other clients`} of this bureau book${r.count === 1 ? 's' : ''} ${name} to ${mappedFrom.get(r.account) ?? r.account}${vatDescription(r.best.template.vat)}.`;
  return { source: 'bureau', path: 'bureau', ranked, raw: rawConfidence(ranked) * BUREAU_FACTOR, describe, mappedFrom };
}

function networkTier(k: Knowledge, client: ClientSettings, cp: CounterpartyKey, direction: Direction, chart: ReadonlySet<AccountNo> | undefined, minBureaus: number): TierResult | undefined {
  if (cp.key === null || !cp.shareable || client.network === false) return undefined;
  const records = networkVotes(k, cp.key, direction, minBureaus);
  if (records.length === 0) return undefined;
  const mappedFrom = new Map<AccountNo, AccountNo>();
  const byAccount = new Map<AccountNo, { clients: number; bureaus: number }>();
  const ranked = rankAccounts(
    records.map((r) => {
      const prev = byAccount.get(r.account) ?? { clients: 0, bureaus: 0 };
      byAccount.set(r.account, { clients: prev.clients + r.clients, bureaus: Math.max(prev.bureaus, r.bureaus) });
      return { template: singleLine(r.account, direction, { mode: r.vatMode, rate: r.vatRate }), weight: r.clients, count: r.clients };
    }),
    (a) => {
      const m = nearestInChart(a, chart);
      if (m?.mapped === true) mappedFrom.set(m.account, a);
      return m?.account ?? null;
    },
  );
  if (ranked.length === 0) return undefined;
  const describe = (r: RankedAccount): string => {
    const original = mappedFrom.get(r.account) ?? r.account;
    const counts = byAccount.get(original) ?? { clients: r.count, bureaus: minBureaus };
    const base = `${counts.clients} clients at ${counts.bureaus} bureaus book ${cp.display} to ${original}${vatDescription(r.best.template.vat)}`;
    return original === r.account ? `${base}.` : `${base}; this client has no ${original}, so the nearest account in the same BAS group, ${r.account}, is used.`;
  };
  return { source: 'network', path: 'network', ranked, raw: rawConfidence(ranked) * NETWORK_FACTOR, describe, mappedFrom };
}

/** Whether `rule` matches the line by kind, bankgiro or pattern (its words are matched apart). */
function ruleMatches(rule: BuiltinRule, upper: string, cp: CounterpartyKey, kind: TransactionInput['kind']): boolean {
  if (kind !== undefined && rule.kinds?.some((k) => k === kind) === true) return true;
  if (rule.bankgiro !== undefined) return cp.signals.bankgiro === rule.bankgiro;
  return rule.pattern !== undefined && rule.pattern.test(upper);
}

function ruleTier(tx: TransactionInput, cp: CounterpartyKey, direction: Direction, chart: ReadonlySet<AccountNo> | undefined): TierResult | undefined {
  const upper = [tx.text, tx.counterparty ?? ''].join(' ').toUpperCase();
  let words: ReadonlyMap<number, string> | undefined;
  let rule: BuiltinRule | undefined;
  let word: string | undefined;
  for (let i = 0; i < BUILTIN_RULES.length; i++) {
    const r = BUILTIN_RULES[i] as BuiltinRule;
    if (r.direction !== undefined && r.direction !== direction) continue;
    if (r.exactAccount === true && chart !== undefined && !chart.has(r.account)) continue;
    if (ruleMatches(r, upper, cp, tx.kind)) {
      rule = r;
      break;
    }
    if (r.words !== undefined) {
      words ??= ruleWordHits(upper);
      word = words.get(i);
      if (word !== undefined) {
        rule = r;
        break;
      }
    }
  }
  if (rule === undefined) return undefined;
  const mapping = nearestInChart(rule.account, chart);
  if (mapping === null) return undefined;
  const vat = rule.vatCategory !== undefined && rule.vat.mode !== 'none' ? { mode: rule.vat.mode, rate: vatRateOn(rule.vatCategory, tx.date) } : rule.vat;
  const template = singleLine(rule.account, direction, vat);
  const ranked: RankedAccount[] = [{ account: mapping.account, weight: 1, count: 1, best: { template, weight: 1, count: 1 } }];
  const mappedFrom = new Map<AccountNo, AccountNo>(mapping.mapped ? [[mapping.account, rule.account]] : []);
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

/**
 * Suggests a balanced voucher for one bank line from what the knowledge base has learned.
 *
 * ```ts
 * const s = suggest({ date: '2026-04-02', amount: -49900, text: 'AUTOGIRO TELIA SVERIGE' }, knowledge, client);
 * if (s.autoBook) book(s.voucher);
 * ```
 */
export function suggest(tx: TransactionInput, k: Knowledge, client: ClientSettings, options: SuggestOptions = {}): Suggestion {
  const cp = counterpartyKey(tx.text, { reference: tx.reference, counterparty: tx.counterparty, counterpartyAccount: tx.counterpartyAccount });
  const direction: Direction = tx.amount < 0 ? 'out' : 'in';
  const chart = chartSet(client);
  const bankAccount = options.bankAccount ?? client.bankAccounts?.[0] ?? DEFAULT_BANK_ACCOUNTS[0] ?? '1930';
  const cal = options.calibration ?? builtinCalibration;
  if (tx.amount === 0) return nothing(cp, 'A zero amount needs no booking.');

  const own = clientTier(k, client, cp, tx, direction, chart);
  let tier: TierResult | undefined = own;
  if (own === undefined || own.match === 'tokens') {
    tier =
      bureauTier(k, client, cp, direction, chart) ??
      networkTier(k, client, cp, direction, chart, options.minBureaus ?? DEFAULT_MIN_BUREAUS) ??
      ruleTier(tx, cp, direction, chart) ??
      own;
  }
  if (tier === undefined) {
    return nothing(cp, cp.key === null ? 'The bank text names no counterparty, and no built-in rule matches.' : `No history for ${cp.display} at this client, this bureau or the network, and no built-in rule matches.`);
  }

  const top = tier.ranked[0] as RankedAccount;
  let confidence = round3(cal(tier.path, tier.raw * templateSupport(top)));
  const alternatives: Alternative[] = tier.ranked.slice(1, 1 + MAX_ALTERNATIVES).map((r) => ({
    account: r.account,
    confidence: round3(cal(tier.path, tier.raw * (r.weight / top.weight) * templateSupport(r))),
    source: tier.source,
    reason: tier.describe(r),
  }));
  const reviewReasons: string[] = [];
  if (tier.review !== undefined) reviewReasons.push(tier.review);

  if (tooClose(tier.ranked)) {
    const second = tier.ranked[1] as RankedAccount;
    reviewReasons.unshift(`${top.account} and ${second.account} are about equally likely.`);
    return {
      voucher: null,
      account: top.account,
      confidence,
      source: tier.source,
      reason: `Not sure: ${top.account} and ${second.account} are both used for ${cp.display} (${top.count} vs ${second.count} bookings). ${tier.describe(top)}`,
      alternatives,
      review: true,
      reviewReasons,
      autoBook: false,
      key: cp.key,
      match: tier.match,
    };
  }

  let reason = tier.describe(top);
  let voucher: Voucher | null = null;
  if (tier.accountOnly === true) {
    reviewReasons.push('The bank line alone cannot settle this voucher.');
  } else if (confidence >= MIN_VOUCHER_CONFIDENCE) {
    const built = buildVoucher(tx, bankAccount, top.best.template, top.account, tier.mappedFrom, client, direction, chart);
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
  if (top.best.template.lines.some((l) => VAT_LINE.test(l.account))) reviewReasons.push('Earlier receipts had several VAT rates; the split needs the receipt.');
  const threshold = client.autoBookThreshold ?? DEFAULT_AUTO_BOOK_THRESHOLD;
  // The account set and the upper-cased text are built only for clients with review settings.
  const reviewAccounts = client.review?.accounts ?? [];
  if (reviewAccounts.length > 0 || client.suspenseAccount !== undefined) {
    const accounts = new Set((voucher?.rows ?? [{ account: top.account, amount: 0 }]).map((r) => r.account));
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
    account: top.account,
    confidence,
    source: tier.source,
    reason,
    alternatives,
    review,
    reviewReasons,
    autoBook: voucher !== null && !review,
    key: cp.key,
    match: tier.match,
  };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function nothing(cp: CounterpartyKey, reason: string): Suggestion {
  return { voucher: null, account: null, confidence: 0, source: null, reason, alternatives: [], review: true, reviewReasons: [reason], autoBook: false, key: cp.key };
}

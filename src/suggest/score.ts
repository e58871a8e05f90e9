/**
 * Pure scoring: votes for templates → ranked accounts, with the named thresholds that decide
 * when to hold back.
 */
import { sortSmall } from '../core/sort.js';
import { mainAccount } from '../knowledge/template.js';
import type { AccountNo, BookingTemplate } from '../knowledge/types.js';

/** Pseudo-evidence for "something else": one booking alone gives 1/(1+0.5) ≈ 0.67 before calibration. */
export const PRIOR_WEIGHT = 0.5;
/** The best account must weigh at least twice the runner-up; otherwise two accounts are too close to call. */
export const MIN_MARGIN = 2;
/** Below this (calibrated) confidence no voucher is proposed at all. */
export const MIN_VOUCHER_CONFIDENCE = 0.3;
/** Default confidence for booking without review, when a client sets none. */
export const DEFAULT_AUTO_BOOK_THRESHOLD = 0.95;
/** An amount far outside what was seen never pulls less than this (a price can change). */
export const AMOUNT_AFFINITY_FLOOR = 0.25;
/** Below this affinity (about 2.7 times outside the seen range) the line is flagged for review. */
export const AMOUNT_REVIEW_AFFINITY = 0.5;

/** One piece of evidence for a template. */
export interface Vote {
  readonly template: BookingTemplate;
  /** Evidence weight (decayed bookings, or number of clients). */
  readonly weight: number;
  /** Raw booking count behind the vote, for reasons. */
  readonly count: number;
  readonly lastSeen?: string | undefined;
  readonly firstSeen?: string | undefined;
}

/** An account with the votes for it. */
export interface RankedAccount {
  readonly account: AccountNo;
  readonly weight: number;
  readonly count: number;
  /** Heaviest template for this account. */
  readonly best: Vote;
  /** The earliest `firstSeen` and the latest `lastSeen` of the account's votes (undefined when no vote carries dates). */
  readonly firstSeen: string | undefined;
  readonly lastSeen: string | undefined;
}

/** Groups votes by main account (after `mapAccount`), heaviest first; ties broken by account number. */
export function rankAccounts(votes: readonly Vote[], mapAccount: (a: AccountNo) => AccountNo | null = sameAccount): RankedAccount[] {
  // A line has a few votes over fewer accounts: a linear search beats building a Map per line.
  const ranked: { account: AccountNo; weight: number; count: number; best: Vote; firstSeen: string | undefined; lastSeen: string | undefined }[] = [];
  for (const v of votes) {
    const account = mapAccount(mainAccount(v.template));
    if (account === null || v.weight <= 0) continue;
    let cur: (typeof ranked)[number] | undefined;
    for (const r of ranked) {
      if (r.account === account) {
        cur = r;
        break;
      }
    }
    if (cur === undefined) ranked.push({ account, weight: v.weight, count: v.count, best: v, firstSeen: v.firstSeen, lastSeen: v.lastSeen });
    else {
      cur.weight += v.weight;
      cur.count += v.count;
      if (v.weight > cur.best.weight) cur.best = v;
      if (v.firstSeen !== undefined && (cur.firstSeen === undefined || v.firstSeen < cur.firstSeen)) cur.firstSeen = v.firstSeen;
      if (v.lastSeen !== undefined && (cur.lastSeen === undefined || v.lastSeen > cur.lastSeen)) cur.lastSeen = v.lastSeen;
    }
  }
  return ranked.length > 1 ? sortSmall(ranked, heaviestFirst) : ranked;
}

function sameAccount(a: AccountNo): AccountNo {
  return a;
}

function heaviestFirst(a: RankedAccount, b: RankedAccount): number {
  // Signs compared rather than subtracted (the same order: a difference of two doubles is 0 only
  // when they are equal, NaN when either is), so the result is a small integer, never a boxed number.
  return b.weight > a.weight ? 1 : b.weight < a.weight ? -1 : a.account < b.account ? -1 : a.account > b.account ? 1 : 0;
}

/**
 * The account the evidence switched to: every booking of it came after the last booking of every
 * other account (the client changed how it books this counterparty). Undefined when the evidence
 * names one account, carries no dates, or the accounts interleave. At most one account can qualify.
 */
export function switchedTo(ranked: readonly RankedAccount[]): RankedAccount | undefined {
  if (ranked.length < 2) return undefined;
  let latest: RankedAccount | undefined;
  for (const r of ranked) {
    if (r.firstSeen === undefined || r.lastSeen === undefined) return undefined;
    if (latest === undefined || r.lastSeen > (latest.lastSeen as string)) latest = r;
  }
  const since = (latest as RankedAccount).firstSeen as string;
  for (const r of ranked) if (r !== latest && (r.lastSeen as string) >= since) return undefined;
  return latest;
}

/** Share of the evidence behind the top account, shrunk towards zero for thin evidence. */
export function rawConfidence(ranked: readonly RankedAccount[]): number {
  const top = ranked[0];
  if (top === undefined) return 0;
  const total = ranked.reduce((s, r) => s + r.weight, 0);
  return top.weight / (total + PRIOR_WEIGHT);
}

/** True when the runner-up is too close to the best account to pick one. */
export function tooClose(ranked: readonly RankedAccount[]): boolean {
  const [a, b] = ranked;
  return a !== undefined && b !== undefined && a.weight < MIN_MARGIN * b.weight;
}

/**
 * How well an amount fits what a template has seen: 1 inside [min, max], falling with the log
 * ratio outside, never below {@link AMOUNT_AFFINITY_FLOOR}.
 */
export function amountAffinity(amount: number, min: number, max: number): number {
  const a = Math.abs(amount);
  if (a >= min && a <= max) return 1;
  const ratio = a < min ? min / Math.max(a, 1) : a / Math.max(max, 1);
  return Math.max(AMOUNT_AFFINITY_FLOOR, 1 / (1 + Math.log(ratio)));
}

/**
 * Matching a bank line to the open items it may settle: a pure function of the line and the
 * ledger. Each candidate carries its features (for a ranker that combines evidence), an evidence
 * class with a calibrated confidence, the settling voucher and a reason a bookkeeper reads.
 *
 * @module
 */
import { formatKronor } from '../core/money.js';
import type { AccountNo, Voucher, VoucherRow } from '../knowledge/types.js';
import { OPEN_ITEM_CALIBRATION } from './calibration.js';
import type { OpenItemCalibration } from './calibration.js';
import { counterpartyWords, ocrBases, references, wordOverlap } from './text.js';
import type { OpenItem, OpenItemKind } from './types.js';

/**
 * How a candidate matches, strongest first. `reference`: an invoice or OCR number of the line is
 * the item's and the amount is its open amount (or the sum of several of its counterparty's);
 * `reference-part`: the reference matches, the amount is less (a part payment); `amount-words`:
 * the open amount and the counterparty's words; `subset-words`: several items of that counterparty
 * sum to the amount; `part-words`: the counterparty's words, less than the open amount;
 * `amount-unique`: no words, but the only open item with that amount; `amount-ambiguous`: one of
 * several open items with that amount (the oldest is proposed); `subset`: items of one counterparty
 * sum to the amount, the line names no one.
 */
export const OPEN_ITEM_EVIDENCE = ['reference', 'reference-part', 'amount-words', 'subset-words', 'part-words', 'amount-unique', 'amount-ambiguous', 'subset'] as const;
export type OpenItemEvidence = (typeof OPEN_ITEM_EVIDENCE)[number];

/** A bank line as the matcher reads it. */
export interface OpenItemLine {
  readonly date: string;
  /** Signed öre: negative pays a supplier, positive is a customer's payment. */
  readonly amount: number;
  readonly text: string;
  readonly reference?: string | undefined;
  readonly counterparty?: string | undefined;
}

/** The measurable evidence of a candidate, for a ranker. */
export interface OpenItemFeatures {
  /** The open amounts of the candidate's items sum to the line's amount. */
  readonly amountExact: boolean;
  /** The line pays less than the item's open amount. */
  readonly partial: boolean;
  /** Items settled (1, or the size of a subset). */
  readonly items: number;
  /** Digits of the longest reference the line and an item share; 0 when none. */
  readonly referenceDigits: number;
  /** The line carries references and the items have references, but they share none. */
  readonly referenceConflict: boolean;
  /** Share of the items' counterparty words the line names, 0..1. */
  readonly wordOverlap: number;
  /** Days from the latest invoice date to the line. */
  readonly daysAfter: number;
  /** Open items of this kind whose open amount is the line's amount. */
  readonly sameAmount: number;
  /** No other candidate has the same evidence class. */
  readonly unique: boolean;
}

/** One item a candidate settles and how much of it. */
export interface SettledPart {
  readonly item: OpenItem;
  /** Positive öre. */
  readonly amount: number;
}

/** A way the line may settle open items. */
export interface OpenItemCandidate {
  readonly kind: OpenItemKind;
  readonly parts: readonly SettledPart[];
  readonly evidence: OpenItemEvidence;
  readonly features: OpenItemFeatures;
  /** Calibrated on the benchmark: among candidates of this evidence, about this share was right. */
  readonly confidence: number;
  /** The settling voucher: the bank row against each item's account. */
  readonly voucher: Voucher;
  /** "Settles supplier invoice A 57 of 2022-01-12, Telia, 1 249,00 kr". */
  readonly reason: string;
}

/** Options of {@link matchOpenItems}. */
export interface MatchOpenItemsOptions {
  /** The bank account of the line; default 1930. */
  readonly bankAccount?: AccountNo | undefined;
  /** Confidence per evidence class; default the shipped table. */
  readonly calibration?: OpenItemCalibration | undefined;
  /** At most this many candidates, best first (default 5). */
  readonly limit?: number | undefined;
}

/** Share of an item's words a line must name to count as naming its counterparty. */
export const WORD_EVIDENCE = 0.5;
/** Largest number of items one payment is searched to settle together. */
export const MAX_SUBSET = 4;
/** Items of one counterparty searched for subsets (the most recent ones). */
const SUBSET_POOL = 16;

const DAY_MS = 86_400_000;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

function rank(e: OpenItemEvidence): number {
  return OPEN_ITEM_EVIDENCE.indexOf(e);
}

/** "A 57", or "57" when the books use no series. */
export function voucherLabel(item: Pick<OpenItem, 'series' | 'number'>): string {
  return item.series === '' ? item.number : `${item.series} ${item.number}`;
}

function kronor(ore: number): string {
  return `${formatKronor(ore)} kr`;
}

function listLabels(parts: readonly SettledPart[]): string {
  const labels = parts.map((p) => `${voucherLabel(p.item)} of ${p.item.date}`);
  return labels.length <= 1 ? (labels[0] ?? '') : `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1] ?? ''}`;
}

/** The reason of a candidate: which invoice vouchers it settles, whose, and for how much. */
export function settlementReason(kind: OpenItemKind, parts: readonly SettledPart[], partial: boolean): string {
  const name = parts.find((p) => p.item.name !== '')?.item.name;
  const who = name === undefined ? '' : `, ${name}`;
  const total = parts.reduce((s, p) => s + p.amount, 0);
  const first = parts[0];
  if (partial && first !== undefined) {
    return `Part payment of ${kind} invoice ${listLabels(parts)}${who}: ${kronor(total)} of ${kronor(first.item.open)} open`;
  }
  return `Settles ${kind} invoice${parts.length > 1 ? 's' : ''} ${listLabels(parts)}${who}, ${kronor(total)}`;
}

/** The settling voucher: the bank row, then one row per item on the item's account. */
export function settlingVoucher(line: Pick<OpenItemLine, 'date' | 'amount'>, parts: readonly SettledPart[], bankAccount: AccountNo, text: string): Voucher {
  const sign = line.amount < 0 ? 1 : -1;
  const rows: VoucherRow[] = [{ account: bankAccount, amount: line.amount }];
  for (const p of parts) rows.push({ account: p.item.account, amount: sign * p.amount });
  return { date: line.date, text, rows };
}

interface Draft {
  readonly parts: readonly SettledPart[];
  readonly evidence: OpenItemEvidence;
  readonly referenceDigits: number;
  readonly overlap: number;
  readonly partial: boolean;
}

/** Items with the same counterparty words, for subset search. */
function groupKey(item: OpenItem): string {
  return item.words.length === 0 ? '' : [...item.words].sort().join(' ');
}

/** Subsets of 2..MAX_SUBSET items whose open amounts sum to `target`, smallest first. */
function subsetsSumming(items: readonly OpenItem[], target: number): OpenItem[][] {
  const pool = [...items].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0)).slice(0, SUBSET_POOL);
  pool.sort((a, b) => a.open - b.open);
  const out: OpenItem[][] = [];
  const pick: OpenItem[] = [];
  const walk = (start: number, rest: number): void => {
    if (rest === 0 && pick.length >= 2) {
      out.push([...pick]);
      return;
    }
    if (pick.length === MAX_SUBSET || out.length >= 8) return;
    for (let i = start; i < pool.length; i++) {
      const it = pool[i] as OpenItem;
      if (it.open > rest) break;
      pick.push(it);
      walk(i + 1, rest - it.open);
      pick.pop();
    }
  };
  walk(0, target);
  return out;
}

/**
 * The open items a bank line may settle, best first. Only items of the line's direction (a payment
 * out settles supplier items, money in customer items), open, and dated on or before the line are
 * considered.
 *
 * ```ts
 * const [best] = matchOpenItems({ date: '2022-02-10', amount: -124900, text: 'BG 5020-1234 TELIA' }, items);
 * best?.reason // "Settles supplier invoice A 57 of 2022-01-12, Telia Sverige AB, 1 249,00 kr"
 * ```
 */
export function matchOpenItems(line: OpenItemLine, ledger: readonly OpenItem[], options: MatchOpenItemsOptions = {}): OpenItemCandidate[] {
  if (!Number.isSafeInteger(line.amount) || line.amount === 0) return [];
  const kind: OpenItemKind = line.amount < 0 ? 'supplier' : 'customer';
  const target = Math.abs(line.amount);
  const items = ledger.filter((i) => i.kind === kind && i.open > 0 && i.date <= line.date);
  if (items.length === 0) return [];
  const lineText = [line.text, line.counterparty ?? '', line.reference ?? ''].join(' ');
  const words = counterpartyWords(lineText);
  const refs = new Set(references(lineText));
  for (const r of [...refs]) for (const base of ocrBases(r)) refs.add(base);
  const bankAccount = options.bankAccount ?? '1930';
  const table = options.calibration ?? OPEN_ITEM_CALIBRATION;

  const refDigits = (item: OpenItem): number => {
    let best = 0;
    for (const r of item.references) if (refs.has(r) && r.length > best) best = r.length;
    return best;
  };
  /** The line names invoice numbers, the item has its own, and they differ: a part payment of another invoice. */
  const conflicts = (item: OpenItem): boolean => refs.size > 0 && item.references.length > 0 && refDigits(item) === 0;
  const sameAmount = items.filter((i) => i.open === target).length;
  const drafts: Draft[] = [];
  const overlapOf = new Map<OpenItem, number>();
  for (const item of items) {
    const overlap = wordOverlap(words, item.words);
    overlapOf.set(item, overlap);
    const ref = refDigits(item);
    const named = overlap >= WORD_EVIDENCE;
    if (ref > 0 && item.open === target) drafts.push({ parts: [{ item, amount: target }], evidence: 'reference', referenceDigits: ref, overlap, partial: false });
    else if (ref > 0 && target < item.open) drafts.push({ parts: [{ item, amount: target }], evidence: 'reference-part', referenceDigits: ref, overlap, partial: true });
    else if (item.open === target && named) drafts.push({ parts: [{ item, amount: target }], evidence: 'amount-words', referenceDigits: 0, overlap, partial: false });
    else if (item.open === target) drafts.push({ parts: [{ item, amount: target }], evidence: sameAmount === 1 ? 'amount-unique' : 'amount-ambiguous', referenceDigits: 0, overlap, partial: false });
    else if (named && target < item.open && !conflicts(item)) drafts.push({ parts: [{ item, amount: target }], evidence: 'part-words', referenceDigits: 0, overlap, partial: true });
  }
  // Several invoices paid at once: items of one counterparty (named by the line, or sharing words).
  const groups = new Map<string, OpenItem[]>();
  for (const item of items) {
    if (item.open >= target) continue;
    const key = groupKey(item);
    if (key === '') continue;
    let g = groups.get(key);
    if (g === undefined) groups.set(key, (g = []));
    g.push(item);
  }
  const byRefs = items.filter((i) => i.open < target && refDigits(i) > 0);
  if (byRefs.length >= 2) groups.set('\u0000refs', byRefs);
  for (const [key, group] of groups) {
    if (group.length < 2) continue;
    // A loop, not Math.max(...group): spreading a group of some 100 000 items overflows the stack.
    let overlap = 0;
    for (const i of group) overlap = Math.max(overlap, overlapOf.get(i) ?? 0);
    const viaRefs = key === '\u0000refs';
    if (!viaRefs && overlap < WORD_EVIDENCE && words.length > 0) continue;
    for (const subset of subsetsSumming(group, target)) {
      const ref = Math.max(...subset.map(refDigits));
      const allRefs = subset.every((i) => refDigits(i) > 0);
      drafts.push({
        parts: subset.map((item) => ({ item, amount: item.open })),
        evidence: allRefs ? 'reference' : overlap >= WORD_EVIDENCE ? 'subset-words' : 'subset',
        referenceDigits: ref,
        overlap,
        partial: false,
      });
    }
  }
  if (drafts.length === 0) return [];
  // Best first: evidence, then references, words, then the oldest invoice (paid first).
  const oldest = (d: Draft): string => d.parts.reduce((m, p) => (p.item.date < m ? p.item.date : m), '9999-12-31');
  drafts.sort(
    (a, b) =>
      rank(a.evidence) - rank(b.evidence) ||
      b.referenceDigits - a.referenceDigits ||
      b.overlap - a.overlap ||
      (oldest(a) < oldest(b) ? -1 : oldest(a) > oldest(b) ? 1 : 0) ||
      a.parts.length - b.parts.length,
  );
  // One candidate per set of items (the same subset is found through references and through words).
  const seen = new Set<string>();
  const distinct = drafts.filter((d) => {
    const id = d.parts.map((p) => p.item.id).sort().join('\u0000');
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  const unique = new Map<OpenItemEvidence, number>();
  for (const d of distinct) unique.set(d.evidence, (unique.get(d.evidence) ?? 0) + 1);
  const out: OpenItemCandidate[] = [];
  for (const d of distinct) {
    const isUnique = (unique.get(d.evidence) ?? 0) === 1;
    const latest = d.parts.reduce((m, p) => (p.item.date > m ? p.item.date : m), '0000-01-01');
    const reason = settlementReason(kind, d.parts, d.partial);
    const features: OpenItemFeatures = {
      amountExact: !d.partial,
      partial: d.partial,
      items: d.parts.length,
      referenceDigits: d.referenceDigits,
      referenceConflict: d.referenceDigits === 0 && d.parts.some((p) => conflicts(p.item)),
      wordOverlap: d.overlap,
      daysAfter: daysBetween(latest, line.date),
      sameAmount,
      unique: isUnique,
    };
    out.push({
      kind,
      parts: d.parts,
      evidence: d.evidence,
      features,
      confidence: isUnique ? table[d.evidence] : Math.min(table[d.evidence], table.ambiguous),
      voucher: settlingVoucher(line, d.parts, bankAccount, line.text),
      reason,
    });
    if (out.length >= (options.limit ?? 5)) break;
  }
  return out;
}


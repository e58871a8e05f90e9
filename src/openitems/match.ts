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
import { partitionPoint } from '../core/sort.js';

/**
 * How a candidate matches, strongest first. `reference`: an invoice or OCR number of the line is
 * the item's and the amount is its open amount (or the sum of several of its counterparty's);
 * `reference-part`: the reference matches, the amount is less (a part payment); `amount-words`:
 * the open amount and the counterparty's words; `subset-words`: several items of that counterparty
 * sum to the amount; `part-words`: less than the open amount, from a line that names every word of
 * the counterparty's name (no amount corroborates it, so half the name, which may be another
 * party's, is not enough);
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
 * Most group members the search for several invoices paid together examines for a line that names
 * no one (every counterparty's group is then searched; a line that names someone searches only
 * the groups of the items that share its words). A counterparty's search walks at most
 * Σ C(SUBSET_POOL, k≤MAX_SUBSET) = 2 517 steps, so a member costs at most some 160 steps and a line
 * at most about 1.6 million: a few milliseconds. Ten thousand is more open items in groups of two
 * or more than the benchmark's clients (some hundred items each) or a bureau's large client holds
 * at once; past it, the subsets found so far are kept but none is called unique (it may have had a
 * rival in a counterparty not searched), so a huge ledger gets an ambiguous answer, not a wrong
 * confident one.
 */
export const SUBSET_SEARCH_BUDGET = 10_000;

/** An item of the indexed ledger: its place in the ledger orders ties as the ledger does. */
interface Entry {
  item: OpenItem;
  readonly idx: number;
}

/**
 * The item words {@link wordOverlap} may match to the line's word `l`: `l` itself, and, for four
 * letters or more, the words of four letters or more that `l` starts with or that start with `l`.
 */
function wordsMatching(l: string, sorted: readonly string[], has: (w: string) => boolean): string[] {
  const out = has(l) ? [l] : [];
  if (l.length < 4) return out;
  for (let n = 4; n < l.length; n++) if (has(l.slice(0, n))) out.push(l.slice(0, n));
  for (let k = partitionPoint(sorted, (w) => w <= l); k < sorted.length && (sorted[k] as string).startsWith(l); k++) out.push(sorted[k] as string);
  return out;
}

function compareEntries(a: Entry, b: Entry): number {
  return a.item.date < b.item.date ? -1 : a.item.date > b.item.date ? 1 : a.idx - b.idx;
}

/** The first place in `list` (in {@link compareEntries} order) whose entry does not come before `e`. */
function lowerBound(list: readonly Entry[], e: Entry): number {
  return partitionPoint(list, (x) => compareEntries(x, e) < 0);
}

/** How many entries of `list` (in {@link compareEntries} order) are dated on or before `date`. */
function countUpTo(list: readonly Entry[], date: string): number {
  return partitionPoint(list, (x) => x.item.date <= date);
}

function pushTo<K>(map: Map<K, Entry[]>, key: K, e: Entry): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [e]);
  else list.push(e);
}

/** The items of one kind, indexed: by reference, by word key, by open amount (in date order) and by counterparty group. */
class KindIndex {
  readonly byRef = new Map<string, Entry[]>();
  readonly byWord = new Map<string, Entry[]>();
  readonly byAmount = new Map<number, Entry[]>();
  readonly groups = new Map<string, Entry[]>();
  private sortedWords: string[] | undefined;

  /** The item words, sorted. */
  words(): readonly string[] {
    return (this.sortedWords ??= [...this.byWord.keys()].sort());
  }

  add(e: Entry): void {
    for (const r of new Set(e.item.references)) pushTo(this.byRef, r, e);
    for (const w of new Set(e.item.words)) pushTo(this.byWord, w, e);
    this.sortedWords = undefined;
    const key = groupKey(e.item);
    if (key !== '') pushTo(this.groups, key, e);
    this.addAmount(e);
  }

  addAmount(e: Entry): void {
    if (e.item.open <= 0) return;
    const list = this.byAmount.get(e.item.open);
    if (list === undefined) this.byAmount.set(e.item.open, [e]);
    else list.splice(lowerBound(list, e), 0, e);
  }

  removeAmount(e: Entry): void {
    const list = this.byAmount.get(e.item.open);
    if (list === undefined) return;
    const at = lowerBound(list, e);
    if (list[at] === e) list.splice(at, 1);
    if (list.length === 0) this.byAmount.delete(e.item.open);
  }
}

/**
 * A ledger indexed for matching many bank lines: {@link OpenItemMatcher.match} gives what
 * {@link matchOpenItems} gives on the same ledger, but reads only the items the line's references,
 * words and amount lead to, the first few of the items of its amount (the others of them cannot
 * rank first, and are counted), and, for a line that names no one, the counterparties' groups up to
 * {@link SUBSET_SEARCH_BUDGET}. Building it takes O(n log n); a line then costs about what its
 * candidates do, not what the ledger holds.
 */
export class OpenItemMatcher {
  private readonly kinds = new Map<OpenItemKind, KindIndex>();
  private readonly byId = new Map<string, Entry>();

  constructor(ledger: readonly OpenItem[]) {
    ledger.forEach((item, idx) => {
      // A settled item never matches again (a settlement only lowers what is open): most of a
      // ledger kept for years, and not worth indexing.
      if (!(item.open > 0)) return;
      let index = this.kinds.get(item.kind);
      if (index === undefined) this.kinds.set(item.kind, (index = new KindIndex()));
      const e: Entry = { item, idx };
      index.add(e);
      if (!this.byId.has(item.id)) this.byId.set(item.id, e);
    });
  }

  /**
   * Takes `item` in place of the ledger's item of its id (the first, if the ledger had several),
   * which must differ from it in its open amount and settlements only (a payment settled part of it).
   */
  update(item: OpenItem): void {
    const e = this.byId.get(item.id);
    const index = this.kinds.get(item.kind);
    if (e === undefined || index === undefined) return;
    index.removeAmount(e);
    e.item = item;
    index.addAmount(e);
  }

  /** The open items `line` may settle, best first: see {@link matchOpenItems}. */
  match(line: OpenItemLine, options: MatchOpenItemsOptions = {}): OpenItemCandidate[] {
    if (!Number.isSafeInteger(line.amount) || line.amount === 0) return [];
    const kind: OpenItemKind = line.amount < 0 ? 'supplier' : 'customer';
    const index = this.kinds.get(kind);
    if (index === undefined) return [];
    const target = Math.abs(line.amount);
    const live = (e: Entry): boolean => e.item.open > 0 && e.item.date <= line.date;
    const lineText = [line.text, line.counterparty ?? '', line.reference ?? ''].join(' ');
    const words = counterpartyWords(lineText);
    const refs = new Set(references(lineText));
    for (const r of [...refs]) for (const base of ocrBases(r)) refs.add(base);
    const limit = options.limit ?? 5;

    // The items the line's references or words lead to.
    const hits = new Map<number, Entry>();
    for (const r of refs) for (const e of index.byRef.get(r) ?? []) if (live(e)) hits.set(e.idx, e);
    const itemWords = new Set<string>();
    for (const l of words) for (const w of wordsMatching(l, index.words(), (x) => index.byWord.has(x))) itemWords.add(w);
    for (const w of itemWords) for (const e of index.byWord.get(w) ?? []) if (live(e)) hits.set(e.idx, e);
    // Of the other items of the line's amount, the first `limit` (date, then ledger order): the
    // rest are candidates of the same evidence ranking after them, counted but not drafted.
    const same = index.byAmount.get(target) ?? [];
    const sameAmount = countUpTo(same, line.date);
    let sameDrafted = 0;
    for (const e of hits.values()) if (e.item.open === target) sameDrafted++;
    const chosen = new Map(hits);
    const take = Number.isFinite(limit) ? Math.max(1, Math.ceil(limit)) : Infinity;
    for (let k = 0, taken = 0; k < sameAmount && taken < take; k++) {
      const e = same[k] as Entry;
      if (chosen.has(e.idx)) continue;
      chosen.set(e.idx, e);
      taken++;
      sameDrafted++;
    }
    const items = [...chosen.values()].sort((a, b) => a.idx - b.idx).map((e) => e.item);
    const unseen = new Map<OpenItemEvidence, number>([['amount-ambiguous', sameAmount - sameDrafted]]);

    // Counterparty groups for several invoices paid together, in the order the ledger first names them.
    const groupList: { readonly first: number; readonly members: OpenItem[] }[] = [];
    if (words.length > 0) {
      const named = new Map<string, Entry[]>();
      for (const e of [...hits.values()].sort((a, b) => a.idx - b.idx)) {
        if (e.item.open >= target) continue;
        const key = groupKey(e.item);
        if (key !== '' && wordOverlap(words, e.item.words) >= WORD_EVIDENCE) pushTo(named, key, e);
      }
      for (const members of named.values()) groupList.push({ first: (members[0] as Entry).idx, members: members.map((e) => e.item) });
    } else {
      let budget = SUBSET_SEARCH_BUDGET;
      for (const group of index.groups.values()) {
        if (group.length < 2) continue;
        if (budget < group.length) {
          unseen.set('subset', 1);
          break;
        }
        budget -= group.length;
        const members = group.filter((e) => live(e) && e.item.open < target);
        if (members.length > 0) groupList.push({ first: (members[0] as Entry).idx, members: members.map((e) => e.item) });
      }
    }
    groupList.sort((a, b) => a.first - b.first);
    return draftCandidates(line, kind, target, words, refs, items, sameAmount, groupList.map((g) => g.members), unseen, options);
  }
}

/**
 * The open items a bank line may settle, best first. Only items of the line's direction (a payment
 * out settles supplier items, money in customer items), open, and dated on or before the line are
 * considered. For many lines against one ledger, index it once with {@link OpenItemMatcher}.
 *
 * ```ts
 * const [best] = matchOpenItems({ date: '2022-02-10', amount: -124900, text: 'BG 5020-1234 TELIA' }, items);
 * best?.reason // "Settles supplier invoice A 57 of 2022-01-12, Telia Sverige AB, 1 249,00 kr"
 * ```
 */
export function matchOpenItems(line: OpenItemLine, ledger: readonly OpenItem[], options: MatchOpenItemsOptions = {}): OpenItemCandidate[] {
  if (!Number.isSafeInteger(line.amount) || line.amount === 0) return [];
  // One line: only the items it may settle are indexed (same order, so ties break the same way).
  const kind: OpenItemKind = line.amount < 0 ? 'supplier' : 'customer';
  return new OpenItemMatcher(ledger.filter((i) => i.kind === kind && i.open > 0 && i.date <= line.date)).match(line, options);
}

/**
 * The candidates from the items a line leads to (`items`, live, in ledger order), the number of
 * live items of its amount, the counterparty groups to search for subsets (live items below the
 * amount), and per evidence the candidates not drafted (they rank after those drafted).
 */
function draftCandidates(
  line: OpenItemLine,
  kind: OpenItemKind,
  target: number,
  words: readonly string[],
  refs: ReadonlySet<string>,
  items: readonly OpenItem[],
  sameAmount: number,
  wordGroups: readonly (readonly OpenItem[])[],
  unseen: ReadonlyMap<OpenItemEvidence, number>,
  options: MatchOpenItemsOptions,
): OpenItemCandidate[] {
  const bankAccount = options.bankAccount ?? '1930';
  const table = options.calibration ?? OPEN_ITEM_CALIBRATION;

  const refDigits = (item: OpenItem): number => {
    let best = 0;
    for (const r of item.references) if (refs.has(r) && r.length > best) best = r.length;
    return best;
  };
  /** The line names invoice numbers, the item has its own, and they differ: a part payment of another invoice. */
  const conflicts = (item: OpenItem): boolean => refs.size > 0 && item.references.length > 0 && refDigits(item) === 0;
  const drafts: Draft[] = [];
  for (const item of items) {
    const overlap = wordOverlap(words, item.words);
    const ref = refDigits(item);
    const named = overlap >= WORD_EVIDENCE;
    if (ref > 0 && item.open === target) drafts.push({ parts: [{ item, amount: target }], evidence: 'reference', referenceDigits: ref, overlap, partial: false });
    else if (ref > 0 && target < item.open) drafts.push({ parts: [{ item, amount: target }], evidence: 'reference-part', referenceDigits: ref, overlap, partial: true });
    else if (item.open === target && named) drafts.push({ parts: [{ item, amount: target }], evidence: 'amount-words', referenceDigits: 0, overlap, partial: false });
    else if (item.open === target) drafts.push({ parts: [{ item, amount: target }], evidence: sameAmount === 1 ? 'amount-unique' : 'amount-ambiguous', referenceDigits: 0, overlap, partial: false });
    else if (overlap === 1 && target < item.open && !conflicts(item)) drafts.push({ parts: [{ item, amount: target }], evidence: 'part-words', referenceDigits: 0, overlap, partial: true });
  }
  // Several invoices paid at once: items of one counterparty (named by the line, or sharing words),
  // and the items whose references the line names.
  const groups: (readonly OpenItem[])[] = [...wordGroups];
  const byRefs = items.filter((i) => i.open < target && refDigits(i) > 0);
  if (byRefs.length >= 2) groups.push(byRefs);
  for (const group of groups) {
    if (group.length < 2) continue;
    const viaRefs = group === byRefs;
    // One group's items share their words, so they share the overlap; the referenced items may not.
    let overlap = 0;
    for (const i of group) overlap = Math.max(overlap, wordOverlap(words, i.words));
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
  const unique = new Map<OpenItemEvidence, number>(unseen);
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


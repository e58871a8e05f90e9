/**
 * Relearning: a client's knowledge rebuilt from what the store holds, under the current key rules.
 *
 * Profiles keep no bank texts, only the keys the rules of their time made of them; when the rules
 * change (an upgrade), known counterparties look new. The store keeps what the profiles were learned
 * from: the bank vouchers of the client's SIE history (ledger vouchers, learned as `learnFromSie`
 * learns them, see {@link bookingOf}) and its confirmed vouchers with the line texts confirm read
 * (`VoucherRecord.learnedFrom`). Relearning withdraws every profile of the client and its share of
 * the bureau and network aggregates (as erasure does, {@link removeClient}) and learns those bookings
 * again in their original order, in one change set applied in one transaction.
 *
 * @module
 */
import { learn, learnedAs, removeClient } from '../knowledge/learn.js';
import type { ClientSettings, ConfirmedBooking } from '../knowledge/types.js';
import { keyRulesFingerprint } from '../normalize/key-fingerprint.js';
import type { ClientRow, LearnedFrom, StoreSession, TransactionKey, VoucherRecord } from '../store/store.js';
import { bankAmount, bookingOf } from './ledger.js';
import { CHUNK, ChangeAccumulator, checkAbort, engineClient, keysOf, knowledgeForLearning, refOf, yieldToEventLoop } from './shared.js';
import type { FacadeContext } from './shared.js';
import type { Kontera, LongOperationOptions, RelearnResult } from './types.js';

/** One booking to learn again, with the bank accounts it is read against. */
interface Replay {
  readonly booking: ConfirmedBooking;
  readonly settings: ClientSettings;
  /** When it was learned (ledger `learnedAt`, voucher `confirmedAt`); undefined when not kept. */
  readonly at: string | undefined;
}

/** True when the client's knowledge was learned under other key rules than the current ones (or unknown ones). */
export function keyRulesOutdated(client: ClientRow): boolean {
  return client.keyRules !== keyRulesFingerprint();
}

/**
 * What the client learned: the SIE history's bank vouchers that taught something (date order, as
 * `learnFromSie` learns a file), and the confirmed vouchers in the order they were confirmed (time,
 * then series and number: the order confirm numbered them in); {@link inLearningOrder} interleaves them.
 * What `unlearn` took back is left out: ledger vouchers it marked not learned, confirmed ones it
 * marked `forgotten`.
 */
async function replaysOf(
  tx: StoreSession,
  client: ClientRow,
): Promise<{ sie: Replay[]; confirmed: Replay[]; fromImportedLine: number; notReplayable: VoucherRecord[]; forgotten: number }> {
  const ref = refOf(client);
  const settings = engineClient(client);
  // The same booking learnFromSie learns (and forgets, when a later export changes it), against
  // the bank accounts the voucher had when it was learned.
  const ledger = await tx.listLedgerVouchers(ref);
  const sie = ledger.filter((v) => v.learned).map((v) => ({ booking: bookingOf(v), settings: { ...settings, bankAccounts: v.bankAccounts }, at: v.learnedAt }));
  const confirmed: Replay[] = [];
  const notReplayable: VoucherRecord[] = [];
  let fromImportedLine = 0;
  let forgotten = ledger.filter((v) => v.forgotten === true).length;
  for (const c of await confirmedBookings(tx, client)) {
    if (c.from?.forgotten === true) {
      forgotten++;
      continue;
    }
    if (c.booking === undefined) {
      notReplayable.push(c.voucher);
      continue;
    }
    if (c.fromLine) fromImportedLine++;
    confirmed.push({ booking: c.booking, settings, at: c.voucher.confirmedAt });
  }
  return { sie, confirmed, fromImportedLine, notReplayable, forgotten };
}

/**
 * Whether each key the client's stored bookings teach is free of personal data, as learning reads
 * them (a key is shareable only when every booking that teaches it is): what the client's profiles
 * would say had it taken part in the network. A key no stored booking teaches (learned from a
 * voucher that cannot be learned again, or under other key rules) is absent.
 */
export async function shareableKeys(tx: StoreSession, client: ClientRow): Promise<Map<string, boolean>> {
  const { sie, confirmed } = await replaysOf(tx, client);
  const out = new Map<string, boolean>();
  for (const r of [...sie, ...confirmed]) {
    const as = learnedAs(r.settings, r.booking);
    if (as !== undefined) out.set(as.key, (out.get(as.key) ?? true) && as.shareable);
  }
  return out;
}

/** A confirmed voucher with the booking it was learned as (undefined when that cannot be known). */
export interface ConfirmedReplay {
  readonly voucher: VoucherRecord;
  /** What it was learned from: its `learnedFrom`, else the imported line it books. */
  readonly from: LearnedFrom | undefined;
  /** True when `from` is the imported line (a voucher confirmed before `learnedFrom` was kept). */
  readonly fromLine: boolean;
  readonly booking: ConfirmedBooking | undefined;
}

/**
 * The client's confirmed vouchers in the order they were confirmed, each with the booking confirm
 * learned: the line's texts (`learnedFrom`, or for vouchers confirmed before it was kept, the imported
 * line the voucher books), the voucher's date and rows (learning reads no more).
 */
export async function confirmedBookings(tx: StoreSession, client: ClientRow): Promise<ConfirmedReplay[]> {
  const ref = refOf(client);
  const banksOf = engineClient(client).bankAccounts ?? [];
  const vouchers = [...(await tx.listVouchers(ref))].sort(
    (a, b) => (a.confirmedAt < b.confirmedAt ? -1 : a.confirmedAt > b.confirmedAt ? 1 : a.series < b.series ? -1 : a.series > b.series ? 1 : a.number - b.number),
  );
  // Vouchers confirmed before their line texts were kept: the imported line they book has them.
  const lineKeys: TransactionKey[] = vouchers.flatMap((v) => (v.learnedFrom === undefined && v.transactionId !== undefined && v.bankAccount !== undefined ? [{ bankAccount: v.bankAccount, id: v.transactionId }] : []));
  const lines = new Map((lineKeys.length === 0 ? [] : await tx.getTransactions(ref, lineKeys)).map((l) => [`${l.bankAccount}\u0000${l.id}`, l]));
  return vouchers.map((v) => {
    const from = v.learnedFrom ?? lineOf(v, lines);
    if (from === undefined) return { voucher: v, from, fromLine: false, booking: undefined };
    const rows = v.rows.map((r) => ({ account: r.account, amount: r.amount }));
    const banks = v.bankAccount !== undefined ? [v.bankAccount] : banksOf;
    return {
      voucher: v,
      from,
      fromLine: v.learnedFrom === undefined,
      booking: {
        transaction: { date: v.date, amount: bankAmount(rows, banks), text: from.text, reference: from.reference, counterparty: from.counterparty, counterpartyAccount: from.counterpartyAccount },
        voucher: { date: v.date, text: v.text, rows },
        origin: from.correction === true ? 'correction' : 'confirmed',
      },
    };
  });
}

function lineOf(
  v: VoucherRecord,
  lines: ReadonlyMap<string, { readonly text: string; readonly reference?: string | undefined; readonly counterparty?: string | undefined; readonly counterpartyAccount?: string | undefined }>,
): VoucherRecord['learnedFrom'] {
  if (v.transactionId === undefined || v.bankAccount === undefined) return undefined;
  const l = lines.get(`${v.bankAccount}\u0000${v.transactionId}`);
  return l === undefined ? undefined : { text: l.text, reference: l.reference, counterparty: l.counterparty, counterpartyAccount: l.counterpartyAccount };
}

/**
 * The SIE history's and the confirmed vouchers' bookings in the order they were learned: by
 * `learnedAt` and `confirmedAt` (both from the same clock), a file's vouchers in date order among
 * themselves. Ledger vouchers stored before `learnedAt` was kept come first, as they were learned
 * before any confirmed voucher that knows its time for all relearn can tell; at the same instant
 * (one clock tick), the SIE voucher first.
 */
function inLearningOrder(sie: readonly Replay[], confirmed: readonly Replay[]): Replay[] {
  const timed = [...sie.map((r, i) => ({ r, i, at: r.at ?? '', kind: 0 })), ...confirmed.map((r, i) => ({ r, i, at: r.at ?? '', kind: 1 }))];
  timed.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.kind - b.kind || a.i - b.i));
  return timed.map((t) => t.r);
}

/**
 * Everything the client learned, as `relearn` learns it again: its SIE history's bank vouchers and
 * its confirmed vouchers (those `unlearn` took back left out), in the order they were learned, each
 * with the bank accounts it is read against.
 */
export async function learningHistory(tx: StoreSession, client: ClientRow): Promise<readonly { readonly booking: ConfirmedBooking; readonly settings: ClientSettings }[]> {
  const { sie, confirmed } = await replaysOf(tx, client);
  return inLearningOrder(sie, confirmed);
}

/** `relearn`. */
export function relearnApi(ctx: FacadeContext): Pick<Kontera, 'relearn'> {
  const { store, clientOf } = ctx;
  return {
    async relearn(clientId: string, options: LongOperationOptions = {}): Promise<RelearnResult> {
      checkAbort(options.signal);
      return store.transaction(async (tx) => {
        const client = await clientOf(tx, clientId);
        const ref = refOf(client);
        const before = await tx.getProfiles(ref);
        const { sie, confirmed, fromImportedLine, notReplayable, forgotten } = await replaysOf(tx, client);
        const all = inLearningOrder(sie, confirmed);
        // The old keys (to withdraw) and the new ones (to learn), with every other client's
        // profiles and the aggregates for them: the base the store applies the changes against.
        const { k, base } = await knowledgeForLearning(tx, client, [...before.map((p) => p.key), ...keysOf(all.map((r) => r.booking))]);
        const changes = new ChangeAccumulator();
        changes.add(removeClient(k, engineClient(client)));
        for (let i = 0; i < all.length; i += CHUNK) {
          checkAbort(options.signal);
          for (const r of all.slice(i, i + CHUNK)) changes.add(learn(k, r.settings, r.booking).changes);
          options.onProgress?.({ phase: 'learn', done: Math.min(i + CHUNK, all.length), total: all.length });
          await yieldToEventLoop();
        }
        checkAbort(options.signal);
        await tx.applyKnowledge(client.bureauId, changes.result(), base, ctx.shareAt);
        await tx.updateClient({ ...client, keyRules: keyRulesFingerprint() });
        return {
          profilesBefore: before.length,
          profilesAfter: k.profiles.get(client.id)?.size ?? 0,
          replayed: { sie: sie.length, confirmed: confirmed.length },
          fromImportedLine,
          notReplayable: notReplayable.length,
          notReplayableVouchers: notReplayable.map((v) => ({ series: v.series, number: v.number, date: v.date, text: v.text })),
          forgotten,
          wasOutdated: keyRulesOutdated(client),
        };
      });
    },
  };
}

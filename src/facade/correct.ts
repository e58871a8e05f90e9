/**
 * Correcting a confirmed voucher before it was exported: while no SIE export recorded it, kontera's
 * voucher is still its draft of the client's books, and a wrong one (6212 for 6211, wrong VAT) is
 * replaced in place, keeping its series, number and bank line. Once exported it is part of the books
 * and is corrected there, with a correction voucher (rättelse) that `learnFromSie` of the books'
 * next export teaches kontera.
 *
 * Knowledge: a counterparty's profile is what learning its bookings in order gives (`relearn` rests
 * on that), so what the voucher taught is taken back exactly by learning the counterparty again from
 * the client's stored history, the corrected voucher in it as a correction learned now.
 *
 * @module
 */
import { ConflictError, NotFoundError, ValidationError } from '../core/errors.js';
import { learn, learnedAs, unlearn } from '../knowledge/learn.js';
import type { ConfirmedBooking } from '../knowledge/types.js';
import { openItemKind } from '../openitems/accounts.js';
import { sameRows } from '../openitems/ledger.js';
import { VOUCHER_SERIES } from '../store/store.js';
import type { LearnedFrom, VoucherRecord } from '../store/store.js';
import { checkBooking } from './confirm.js';
import { confirmedBookings, keyRulesOutdated, learningHistory } from './relearn.js';
import { ChangeAccumulator, engineClient, knowledgeForLearning, refOf, show, withBooksAccounts } from './shared.js';
import type { FacadeContext } from './shared.js';
import type { CorrectVoucherResult, Kontera, VoucherCorrection, VoucherId } from './types.js';

/** `correctVoucher`. */
export function correctApi(ctx: FacadeContext): Pick<Kontera, 'correctVoucher'> {
  const { store, clientOf, now } = ctx;
  return {
    async correctVoucher(clientId: string, which: VoucherId, correction: VoucherCorrection): Promise<CorrectVoucherResult> {
      if (typeof which !== 'object' || which === null || !(VOUCHER_SERIES as readonly unknown[]).includes(which.series) || !Number.isSafeInteger(which.number) || which.number < 1) {
        throw new ValidationError(`Invalid voucher: expected { series: 'A'–'Z', number: 1 or more }, got ${show(which)}`);
      }
      if (typeof correction !== 'object' || correction === null) throw new ValidationError(`Invalid correction: expected { date?, text?, rows }, got ${show(correction)}`);
      const name = `${which.series} ${which.number}`;
      return store.transaction(async (tx) => {
        const client = await clientOf(tx, clientId);
        const ref = refOf(client);
        const history = await confirmedBookings(tx, client);
        const old = history.find((c) => c.voucher.series === which.series && c.voucher.number === which.number);
        if (old === undefined) throw new NotFoundError(`Unknown voucher: expected a confirmed voucher ${name} of client "${client.id}", found none`);
        const before: VoucherRecord = old.voucher;
        const through = client.exported?.through[which.series];
        if (through !== undefined && which.number <= through) {
          throw new ConflictError(
            `Voucher exported: expected a voucher no SIE export recorded yet, ${name} (${before.date}) was exported (series ${which.series} through ${through}, ${client.exported?.at ?? ''}) and is part of the client's books: correct it in the bookkeeping program with a correction voucher (rättelse); learnFromSie of the books' next SIE export teaches kontera the correction`,
          );
        }
        // Knowledge learned under other key rules sits under other keys: what the voucher taught could not be found to take back.
        if (keyRulesOutdated(client)) {
          throw new ValidationError(`Cannot correct voucher ${name} yet: expected the client's knowledge learned under this version's key rules, it was learned under others; run relearn for client "${client.id}" first`);
        }
        if (before.bankAccount === undefined || before.transactionId === undefined) {
          throw new ValidationError(`Cannot correct voucher ${name}: expected a voucher that books an imported bank line, it books none; book the correction with a voucher of its own`);
        }
        const [line] = await tx.getTransactions(ref, [{ bankAccount: before.bankAccount, id: before.transactionId }]);
        if (line === undefined) throw new NotFoundError(`Unknown transaction: expected the bank line ${before.transactionId} on ${before.bankAccount} that voucher ${name} books, found none`);
        const date = correction.date ?? before.date;
        const text = correction.text ?? before.text;
        // Checked exactly as confirm checks a booking of this line.
        checkBooking(
          client,
          {
            transaction: { id: line.id, date: line.date, amount: line.amount, text: line.text, bankAccount: line.bankAccount, reference: line.reference, counterparty: line.counterparty, counterpartyAccount: line.counterpartyAccount },
            voucher: { date, text, rows: correction.rows },
            correction: true,
          },
          `correction of voucher ${name}`,
        );
        const rows = correction.rows.map((r) => ({ account: r.account, amount: r.amount }));
        if (date === before.date && text === before.text && sameRows(rows, before.rows)) {
          throw new ValidationError(`Invalid correction of voucher ${name}: expected other rows, date or text than the voucher has, got the same`);
        }
        // What confirm did besides storing and learning is not redone here: refused rather than left wrong.
        const itemRow = [...before.rows, ...rows].find((r) => openItemKind(r.account) !== null);
        if (itemRow !== undefined) {
          throw new ValidationError(
            `Cannot correct voucher ${name}: expected no row on an open-item account, ${itemRow.account} is one (the voucher ${before.rows.includes(itemRow) ? 'settled or added' : 'would settle or add'} items of the client's open-item ledger, which a correction does not redo); correct it in the books, or leave it`,
          );
        }
        const otherBank = [...before.rows, ...rows].find((r) => r.account !== before.bankAccount && client.bankAccounts.includes(r.account));
        if (otherBank !== undefined) {
          throw new ValidationError(
            `Cannot correct voucher ${name}: expected no row on another of the client's bank accounts, ${otherBank.account} is one (a transfer between the client's own accounts books the other account's line too, which a correction does not redo); correct it in the books, or leave it`,
          );
        }
        const from: LearnedFrom = old.from ?? { text: line.text, reference: line.reference, counterparty: line.counterparty, counterpartyAccount: line.counterpartyAccount };
        const { forgotten: _forgotten, correction: _correction, ...texts } = from;
        const after = await tx.replaceVoucher(ref, { series: which.series, number: which.number, date, text, rows, confirmedAt: now().toISOString(), learnedFrom: { ...texts, correction: true } });
        // The counterparties the voucher taught and teaches now (one, unless a version teaches nothing):
        // learned again from the client's history, in order, as relearn learns them.
        const settings = engineClient(client);
        const corrected: ConfirmedBooking | undefined = old.booking === undefined ? undefined : { ...old.booking, transaction: { ...old.booking.transaction, amount: line.amount }, voucher: { date, text, rows }, origin: 'correction' };
        const keys = new Set<string>();
        for (const b of [old.from?.forgotten === true ? undefined : old.booking, corrected]) {
          const as = b === undefined ? undefined : learnedAs(settings, b);
          if (as !== undefined) keys.add(as.key);
        }
        const { k, base } = await knowledgeForLearning(tx, client, [...keys]);
        const changes = new ChangeAccumulator();
        for (const key of keys) changes.add(unlearn(k, settings, key));
        for (const r of await learningHistory(tx, client)) {
          const as = learnedAs(r.settings, r.booking);
          if (as !== undefined && keys.has(as.key)) changes.add(learn(k, r.settings, r.booking).changes);
        }
        await tx.applyKnowledge(client.bureauId, changes.result(), base, ctx.shareAt);
        const grown = withBooksAccounts(client, rows.map((r) => r.account), false);
        if (grown !== undefined) await tx.updateClient(grown);
        return { voucher: after, before, learned: corrected !== undefined && learnedAs(settings, corrected) !== undefined };
      });
    },
  };
}

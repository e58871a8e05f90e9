/**
 * Learning: a client's history from a SIE 4 file (cold start), and forgetting one counterparty.
 *
 * Learning is idempotent per voucher (see ./ledger.ts): a voucher learned before is learned again
 * only when its date, text or rows changed, and then its earlier evidence is taken back first.
 *
 * @module
 */
import { forgetBooking, learn, learnedAs, unlearn } from '../knowledge/learn.js';
import type { AccountNo, ClientSettings, ConfirmedBooking } from '../knowledge/types.js';
import { confirmedBookings } from './relearn.js';
import { fiscalYearOf, monthIndex, numberingContradicts, replacesExport, unlawfulFiscalYear } from '../sie/fiscal-year.js';
import { yearsForFile } from './fiscal-years.js';
import type { YearRevision } from './fiscal-years.js';
import { readSie } from '../sie/reader.js';
import type { ClientRow, LedgerVoucher, TransactionMark } from '../store/store.js';
import { bankAccountsFor } from './bank-accounts.js';
import { learnOpenItemsFromSie, unlearnOpenItems } from './open-items.js';
import { bookingOf, confirmedLines, keyOfLine, knownYearStarts, ledgerEntries, matchLedger, sameVoucherIds, unnumberedNotInFile } from './ledger.js';
import type { VoucherSpot } from './ledger.js';
import type { LedgerEntry } from './ledger.js';
import { ACCOUNT_PATTERN, CHUNK, checkFiscalYears, ChangeAccumulator, checkAbort, checkAccount, digits, engineClient, keysOf, knowledgeForLearning, nonEmpty, refOf, withBooksAccounts, yieldToEventLoop } from './shared.js';
import { ValidationError } from '../core/errors.js';
import type { SieDocument } from '../sie/types.js';
import type { FacadeContext } from './shared.js';
import type { Kontera, LearnFromSieOptions, LearnFromSieResult, LearnWarning, UnlearnResult } from './types.js';

/** `learnFromSie`, `unlearn`. */
export function learnApi(ctx: FacadeContext): Pick<Kontera, 'learnFromSie' | 'unlearn'> {
  const { store, clientOf } = ctx;
  return {
    async learnFromSie(clientId: string, bytes: Uint8Array | string, options: LearnFromSieOptions = {}): Promise<LearnFromSieResult> {
      checkAbort(options.signal);
      const statedNow = options.fiscalYears === undefined ? undefined : checkFiscalYears(options.fiscalYears, 'fiscalYears option');
      const doc = readSie(bytes, { strict: false, fileName: options.fileName });
      return store.transaction(async (tx) => {
        const found = await clientOf(tx, clientId);
        checkSameCompany(found, doc, options.fileName);
        const ref = refOf(found);
        const given = options.bankAccounts?.map((a) => checkAccount(a, 'bankAccounts option'));
        const { client, bankAccounts, warnings } = await bankAccountsFor(tx, found, doc, given);
        const storedList = await tx.listLedgerVouchers(ref);
        const storedItems = await tx.listOpenItems(ref);
        // A file without #RAR: its fiscal years as the caller, the client's earlier files or its numbering say.
        const stated = statedNow ?? client.fiscalYears ?? [];
        const knownYears = await tx.listFiscalYears(ref);
        const { years, facts, put: newYears, drop: droppedYears, revisions } = yearsForFile(doc, knownYears, knownYearStarts(storedList, storedItems), stated, storedList);
        if (revisions.length > 0) warnings.push(revisedYearWarning(revisions));
        // Years inferred against the file's own numbering: an irregular year, said rather than guessed silently.
        const contradiction = numberingContradicts(doc, years, facts);
        if (contradiction !== undefined) warnings.push(uncertainYearWarning(contradiction));
        const unlawful = doc.header.fiscalYears.flatMap((y) => {
          if (y.start === undefined || y.end === undefined) return [];
          const why = unlawfulFiscalYear({ start: y.start, end: y.end });
          return why === undefined ? [] : [`#RAR ${y.yearIndex} ${y.start} – ${y.end}: ${why}`];
        });
        if (unlawful.length > 0) warnings.push({ code: 'FISCAL_YEAR_UNLAWFUL', message: `The file states fiscal years (#RAR) the law does not allow: ${unlawful.join('; ')}. They are taken as the file states them; check the export` });
        const read = ledgerEntries(doc, bankAccounts, years);
        const stored = new Map(storedList.map((v) => [v.id, v]));
        // A voucher stored under another id (a 4I file without #RAR after the 4E export of a broken fiscal year) keeps it.
        const same = sameVoucherIds(read, stored);
        const entries = read.map((e, i) => {
          const id = same.get(e);
          return { e: id === undefined ? e : { ...e, voucher: { ...e.voucher, id } }, i };
        });
        // Date order, as the engine learns a history (stable within a day).
        entries.sort((a, b) => (a.e.voucher.date < b.e.voucher.date ? -1 : a.e.voucher.date > b.e.voucher.date ? 1 : a.i - b.i));
        const fresh: LedgerEntry[] = [];
        const replacedOld: LedgerVoucher[] = [];
        /** Vouchers a correction in this file reverses, learned from an earlier file: taken back, kept as not learned. */
        const cancelledNow: LedgerVoucher[] = [];
        let unchanged = 0;
        /** Vouchers whose version here is older than the stored one: not taken (see `BANK_VOUCHERS_FROM_NEWER_EXPORT`). */
        const olderBank: LedgerVoucher[] = [];
        /** Vouchers of a guessed year that take the id of a stored voucher dated far from them. */
        const farApart: [LedgerVoucher, LedgerVoucher][] = [];
        for (const { e } of entries) {
          const before = stored.get(e.voucher.id);
          if (before !== undefined && !facts.some((f) => f.start <= e.voucher.date && e.voucher.date <= f.end) && fiscalYearOf(doc, e.voucher.date) === undefined && monthsApart(before.date, e.voucher.date) >= FAR_APART_MONTHS) {
            farApart.push([before, e.voucher]);
          }
          if (e.cancelled === true) {
            if (before?.learned === true) {
              replacedOld.push(before);
              cancelledNow.push({ ...before, learned: false });
            }
            continue;
          }
          if (before !== undefined && before.fingerprint === e.voucher.fingerprint) {
            unchanged++;
            continue;
          }
          // An older export's version of a voucher edited since (by `#GEN`): the later version stands.
          if (before !== undefined && !replacesExport(e.voucher.exported, before.exported)) {
            unchanged++;
            olderBank.push(e.voucher);
            continue;
          }
          if (before !== undefined) replacedOld.push(before);
          fresh.push(e);
        }
        // Lines the replaced vouchers booked are free again until matching runs below.
        const lines = await tx.listTransactions(ref);
        const replacedIds = new Set(replacedOld.map((v) => v.id));
        const freed: TransactionMark[] = lines.flatMap((l) => (l.booked !== undefined && replacedIds.has(l.booked.voucher) ? [{ bankAccount: l.bankAccount, id: l.id, booked: undefined }] : []));
        const freedKeys = new Set(freed.map(keyOfLine));
        const open = lines.map((l) => (freedKeys.has(keyOfLine(l)) ? { ...l, booked: undefined } : l));
        const marks = matchLedger(
          fresh.map((e) => e.voucher),
          open,
        );
        // A voucher of the books that kontera confirmed itself (its SIE export was imported into the
        // books) was learned when it was confirmed: it books its line but teaches nothing twice.
        const confirmed = confirmedLines(await tx.listVouchers(ref));
        const alreadyLearned = new Set(marks.filter((m) => confirmed.has(keyOfLine(m))).map((m) => m.booked?.voucher));

        const settings: ClientSettings = { ...engineClient(client), bankAccounts };
        const toLearn = fresh.filter((e) => !alreadyLearned.has(e.voucher.id));
        const oldBookings = replacedOld.filter((v) => v.learned).map((v) => ({ booking: bookingOf(v), bankAccounts: v.bankAccounts }));
        const { k, base } = await knowledgeForLearning(tx, client, [...keysOf(toLearn.map((e) => e.booking)), ...keysOf(oldBookings.map((o) => o.booking))]);
        const changes = new ChangeAccumulator();
        for (const o of oldBookings) changes.add(forgetBooking(k, { ...settings, bankAccounts: o.bankAccounts }, o.booking));
        const learnedIds = new Set<string>();
        for (let i = 0; i < toLearn.length; i += CHUNK) {
          checkAbort(options.signal);
          for (const e of toLearn.slice(i, i + CHUNK)) {
            const r = learn(k, settings, e.booking);
            if (r.learned) learnedIds.add(e.voucher.id);
            changes.add(r.changes);
          }
          options.onProgress?.({ phase: 'learn', done: Math.min(i + CHUNK, toLearn.length), total: toLearn.length });
          await yieldToEventLoop();
        }
        checkAbort(options.signal);
        await tx.applyKnowledge(client.bureauId, changes.result(), base, ctx.shareAt);
        // When they were learned: relearn learns them again in this order among the confirmed vouchers.
        const learnedAt = ctx.now().toISOString();
        await tx.putLedgerVouchers(ref, [...fresh.map((e) => ({ ...e.voucher, learned: learnedIds.has(e.voucher.id), learnedAt })), ...cancelledNow]);
        const markedNow = new Set(marks.map(keyOfLine));
        await tx.markTransactions(ref, [...freed.filter((f) => !markedNow.has(keyOfLine(f))), ...marks]);
        // Account names from #KONTO fill gaps for SIE export; names the bureau gave are kept.
        const names: Record<AccountNo, string> = { ...client.accountNames };
        let added = false;
        for (const a of doc.accounts) {
          if (ACCOUNT_PATTERN.test(a.number) && a.name.trim() !== '' && names[a.number] === undefined) {
            names[a.number] = a.name.trim();
            added = true;
          }
        }
        // The accounts of the books: what the file declares and what its vouchers book (a set: a
        // file of a million rows names a few hundred accounts).
        const accounts = new Set(doc.accounts.map((a) => a.number));
        for (const v of doc.vouchers) for (const t of v.transactions) accounts.add(t.account);
        const named = added ? { ...client, accountNames: names } : client;
        const withBooks = withBooksAccounts(named, accounts, true) ?? named;
        if (withBooks !== found) await tx.updateClient(withBooks);
        // The books' vouchers that book a line kontera confirmed: what such a payment settled, its
        // confirmation settled already (whenever the file is read, this time or again later).
        const bookedNow = new Map(open.map((l) => [keyOfLine(l), l.booked?.voucher]));
        for (const m of marks) bookedNow.set(keyOfLine(m), m.booked?.voucher);
        const confirmedCopies = new Set<string>();
        for (const [line, voucher] of bookedNow) if (voucher !== undefined && confirmed.has(line)) confirmedCopies.add(voucher);
        const { notInFile, outdated, ...openItems } = await learnOpenItemsFromSie(tx, ref, doc, { years, stored: storedItems, ledger: storedList, confirmedCopies });
        const gone = [...unnumberedNotInFile(read.map((e) => same.get(e) === undefined ? e.voucher : { ...e.voucher, id: same.get(e) as string }), storedList), ...notInFile];
        if (gone.length > 0) warnings.push(notInFileWarning(gone));
        if (outdated.length > 0) warnings.push(olderExportWarning(outdated, doc.header.generated?.date));
        if (olderBank.length > 0) warnings.push(olderBankWarning(olderBank, doc.header.generated?.date));
        if (farApart.length > 0) warnings.push(farApartWarning(farApart));
        if (droppedYears.length > 0) await tx.deleteFiscalYears(ref, droppedYears);
        if (newYears.length > 0) await tx.putFiscalYears(ref, newYears);
        checkAbort(options.signal);
        return {
          vouchers: doc.vouchers.length,
          learned: learnedIds.size,
          skipped: fresh.length - learnedIds.size,
          unchanged,
          replaced: replacedOld.length,
          booked: marks.length,
          bankAccounts,
          issues: doc.issues,
          warnings,
          openItems,
        };
      });
    },

    async unlearn(clientId: string, key: string, templateId?: string): Promise<UnlearnResult> {
      nonEmpty(key, 'counterparty key');
      if (templateId !== undefined) nonEmpty(templateId, 'template id');
      return store.transaction(async (tx) => {
        const client = await clientOf(tx, clientId);
        const { k, base } = await knowledgeForLearning(tx, client, [key]);
        const settings = engineClient(client);
        const changes = unlearn(k, settings, key, templateId);
        await tx.applyKnowledge(client.bureauId, changes, base, ctx.shareAt);
        // The bookings that taught it are marked, so that relearn does not learn it again: those that
        // teach this key (and template) under the current key rules.
        const ref = refOf(client);
        const teaches = (b: ConfirmedBooking, s: ClientSettings): boolean => {
          const as = learnedAs(s, b);
          return as !== undefined && as.key === key && (templateId === undefined || as.templateId === templateId);
        };
        const ledger = (await tx.listLedgerVouchers(ref)).filter((v) => v.learned && teaches(bookingOf(v), { ...settings, bankAccounts: v.bankAccounts }));
        if (ledger.length > 0) await tx.putLedgerVouchers(ref, ledger.map((v) => ({ ...v, learned: false, forgotten: true as const })));
        const confirmed = (await confirmedBookings(tx, client)).flatMap((c) =>
          c.booking !== undefined && c.from !== undefined && c.from.forgotten !== true && teaches(c.booking, settings) ? [{ series: c.voucher.series, number: c.voucher.number, learnedFrom: { ...c.from, forgotten: true as const } }] : [],
        );
        if (confirmed.length > 0) await tx.setLearnedFrom(ref, confirmed);
        // Forgetting a counterparty also reopens the invoices its confirmed payments settled.
        const reopened = templateId === undefined ? await unlearnOpenItems(tx, ref, key) : 0;
        return { changed: changes.putProfiles.length + changes.deleteProfiles.length > 0 || reopened > 0 || ledger.length + confirmed.length > 0 };
      });
    },
  };
}

/**
 * The ten digits of an organisation or personal number as a SIE file or a client writes it
 * (`556677-8899`, `5566778899`, `19770101-1234`, or Skatteverket's `16556677-8899`: the last ten of
 * twelve); undefined for any other form, which says nothing.
 */
function orgDigits(written: string): string | undefined {
  const d = digits(written);
  return d.length === 10 ? d : d.length === 12 ? d.slice(2) : undefined;
}

/**
 * `VALIDATION` when the file states (`#ORGNR`) the books of another company than the client's own
 * `orgNr`: learning it would teach this client another company's counterparties and mark its bank
 * lines booked by that company's vouchers. Checked only when both numbers are given.
 */
function checkSameCompany(client: ClientRow, doc: SieDocument, fileName: string | undefined): void {
  const written = doc.header.orgNumber?.number;
  if (client.orgNr === undefined || written === undefined) return;
  const file = orgDigits(written);
  const own = orgDigits(client.orgNr);
  if (file === undefined || own === undefined || file === own) return;
  const company = doc.header.companyName === undefined ? '' : ` (${doc.header.companyName})`;
  throw new ValidationError(
    `Invalid SIE file for client "${client.id}": expected the books of organisation number ${client.orgNr} (the client's orgNr), the file (#ORGNR) is for ${written}${company}; nothing was learned`,
    { file: fileName, field: '#ORGNR' },
  );
}

/** Months between two ISO dates, in whole months by calendar (2025-06-15 to 2026-04-15: 10). */
function monthsApart(a: string, b: string): number {
  return Math.abs(monthIndex(a) - monthIndex(b));
}

/**
 * A numbered voucher re-dated by this many months or more in an inferred year is more likely
 * another year's voucher of the same number than an edit: the year is a guess, said.
 */
const FAR_APART_MONTHS = 6;

/** The warning for guessed fiscal years a file contradicted and that were revised (see `yearsForFile`). */
function revisedYearWarning(revisions: readonly YearRevision[]): LearnWarning {
  const said = revisions.map((r) => `voucher ${r.before.what} (${r.before.date}, learned before) and ${r.after.what} (${r.after.date}, in this file) follow each other, yet the year inferred before ran ${r.guess.start} – ${r.guess.end}; it is now taken to run ${r.revised.start} – ${r.revised.end} at least`);
  return {
    code: 'FISCAL_YEAR_GUESS_CONTRADICTED',
    message: `A fiscal year kontera inferred from earlier files (they have no #RAR) does not hold: ${said.join('; ')}. An irregular first or last year (förlängt or förkortat räkenskapsår)? Give the client's fiscal years (updateClient fiscalYears)`,
  };
}

/** The warning for vouchers of an inferred year that take the id of a stored voucher dated months apart. */
function farApartWarning(pairs: readonly [LedgerVoucher, LedgerVoucher][]): LearnWarning {
  const named = pairs.map(([a, b]) => `${b.series} ${b.number} (${a.date} learned before, ${b.date} in this file)`.trim()).sort();
  return {
    code: 'FISCAL_YEAR_GUESS_CONTRADICTED',
    message: `Vouchers of a fiscal year kontera inferred (the file has no #RAR) take the place of vouchers with the same series and number dated ${FAR_APART_MONTHS} months or more apart: ${named.join(', ')}. Taken as the same vouchers edited; if they are vouchers of two fiscal years, give the client's fiscal years (updateClient fiscalYears) and learn the files again`,
  };
}

/** The warning for fiscal years inferred against a file's numbering (see `numberingContradicts`). */
function uncertainYearWarning(contradiction: string): LearnWarning {
  return {
    code: 'FISCAL_YEAR_UNCERTAIN',
    message: `The file does not state the fiscal year (#RAR) of all its numbered vouchers, and no year of twelve months fits its numbering: ${contradiction}. An irregular first or last year (förlängt or förkortat räkenskapsår)? Vouchers are identified by fiscal year, series and number; give the client's fiscal years (option fiscalYears) and learn the file again`,
  };
}

/**
 * The warning for vouchers without a number that an earlier file taught and this one no longer
 * holds (see `unnumberedNotInFile`): each by date, series and text, once (a bank voucher can be an
 * open item's voucher too).
 */
function notInFileWarning(gone: readonly VoucherSpot[]): LearnWarning {
  const named = [...new Set(gone.map((v) => `${v.date}${v.series.trim() === '' ? '' : ` ${v.series.trim()}`}${v.text.trim() === '' ? '' : ` "${v.text.trim()}"`}`))].sort();
  return {
    code: 'UNNUMBERED_VOUCHER_NOT_IN_FILE',
    message: `Vouchers without a number learned from an earlier file are not in this file, though it holds vouchers of their series before and after them: ${named.join(', ')}. Edited in the books (the edited voucher is then kept besides the earlier one), removed, or left out of this export; they are kept`,
  };
}

/**
 * The warning for a file whose versions of bank vouchers are older (by `#GEN`) than the ones the
 * client's ledger holds, which differ: an earlier export learned again, maybe by mistake. The later
 * versions keep their evidence and the lines they book.
 */
function olderBankWarning(vouchers: readonly LedgerVoucher[], generated: string | undefined): LearnWarning {
  const named = vouchers.map((v) => `${v.series} ${v.number} ${v.date}`.trim()).sort();
  return {
    code: 'BANK_VOUCHERS_FROM_NEWER_EXPORT',
    message: `This file${generated !== undefined ? ` (exported ${generated})` : ''} holds older versions of bank vouchers that a later export changed: ${named.join(', ')}. The later versions are kept, with what they taught and the lines they book; this file's versions are not learned`,
  };
}

/**
 * The warning for a file whose versions of vouchers the open items were read from are older (by
 * `#GEN`) than the ones the ledger holds: an earlier export learned again, maybe by mistake. The
 * items keep the newer versions, and this file's balances close none of them.
 */
function olderExportWarning(ids: readonly string[], generated: string | undefined): LearnWarning {
  const named = [...new Set(ids.map((id) => id.replace(/^sie:/, '')))].sort();
  return {
    code: 'OPEN_ITEMS_FROM_NEWER_EXPORT',
    message: `This file${generated !== undefined ? ` (exported ${generated})` : ''} holds older versions of vouchers that the open items were read from a later export: ${named.join(', ')}. The open items keep the later versions, and this file's balances close no item`,
  };
}

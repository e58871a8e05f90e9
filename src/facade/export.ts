/**
 * Exporting: the client's confirmed vouchers as SIE 4I, and everything stored about it as JSON (portability).
 *
 * @module
 */
import { NotFoundError, ValidationError } from '../core/errors.js';
import { isIsoDate } from '../core/dates.js';
import { createSieDocument } from '../sie/document.js';
import { writeSie } from '../sie/writer.js';
import { VOUCHER_SERIES } from '../store/store.js';
import type { VoucherRecord, VoucherSeries } from '../store/store.js';
import { READ_ONLY, checkPeriod, refOf, show } from './shared.js';
import type { FacadeContext } from './shared.js';
import type { ClientDataExport, ExportSieOptions, Kontera } from './types.js';

/** `exportSie`, `exportClientData`. */
export function exportApi(ctx: FacadeContext): Pick<Kontera, 'exportSie' | 'exportClientData'> {
  const { store, clientOf, now } = ctx;
  return {
    async exportSie(clientId: string, options: ExportSieOptions = {}): Promise<Uint8Array> {
      checkPeriod(options.from, options.to);
      if (options.generated !== undefined && (typeof options.generated !== 'string' || !isIsoDate(options.generated))) {
        throw new ValidationError(`Invalid generated: expected an ISO date YYYY-MM-DD, got ${show(options.generated)}`, { field: 'generated' });
      }
      if (options.series !== undefined && !VOUCHER_SERIES.includes(options.series)) {
        throw new ValidationError(`Invalid series: expected a letter A–Z, got ${JSON.stringify(options.series)}`);
      }
      const { client, vouchers } = await store.transaction(
        async (tx) => {
          const c = await clientOf(tx, clientId);
          const through = c.exported?.through ?? {};
          const exportedBefore = (v: VoucherRecord): boolean => v.number <= (through[v.series] ?? 0);
          // Recording reads every voucher (the mark runs over all of a series), so the filters apply here then.
          const inFilter = (v: VoucherRecord): boolean => (options.from === undefined || v.date >= options.from) && (options.to === undefined || v.date <= options.to) && (options.series === undefined || v.series === options.series);
          const all = options.record === true ? await tx.listVouchers(refOf(c)) : undefined;
          const listed = (all?.filter(inFilter) ?? (await tx.listVouchers(refOf(c), { from: options.from, to: options.to, series: options.series }))).filter((v) => options.newOnly !== true || !exportedBefore(v));
          // A voucher whose bank line the client's own learned books already hold is in the books: not exported twice.
          const keys = listed.flatMap((v) => (v.bankAccount !== undefined && v.transactionId !== undefined ? [{ bankAccount: v.bankAccount, id: v.transactionId }] : []));
          const inBooks = new Set((keys.length === 0 ? [] : await tx.getTransactions(refOf(c), keys)).filter((t) => t.booked !== undefined).map((t) => `${t.bankAccount}\u0000${t.id}`));
          const chosen = listed.filter((v) => !inBooks.has(`${v.bankAccount ?? ''}\u0000${v.transactionId ?? ''}`));
          if (all !== undefined) {
            // Per series (the list is by series, then number), up to the first voucher neither
            // exported now nor before (a filter left it out); one whose line the books hold counts as
            // done, as no export will carry it.
            const done = new Set(listed);
            const next: Partial<Record<VoucherSeries, number>> = { ...through };
            const stopped = new Set<VoucherSeries>();
            for (const v of all) {
              if (stopped.has(v.series) || exportedBefore(v)) continue;
              if (done.has(v)) next[v.series] = v.number;
              else stopped.add(v.series);
            }
            await tx.updateClient({ ...c, exported: { through: next, at: now().toISOString() } });
          }
          return { client: c, vouchers: chosen };
        },
        options.record === true ? undefined : READ_ONLY,
      );
      const latest = vouchers.reduce((max, v) => (v.confirmedAt > max ? v.confirmedAt : max), '');
      const generated = options.generated ?? (latest !== '' ? latest.slice(0, 10) : options.to ?? now().toISOString().slice(0, 10));
      const used = [...new Set(vouchers.flatMap((v) => v.rows.map((r) => r.account)))].sort();
      // Names from the client's own chart; the rest get their BAS 2025 name (else the number) from
      // writeSie: an importer compares #KONTO names with its chart (Visma warns on each difference),
      // and "Konto 6212" matches no chart.
      const accounts: Record<string, string> = {};
      for (const a of used) {
        const name = client.accountNames?.[a];
        if (name !== undefined) accounts[a] = name;
      }
      const doc = createSieDocument({
        company: { name: client.name, ...(client.orgNr !== undefined ? { orgNumber: client.orgNr } : {}) },
        generated,
        accounts,
        vouchers: vouchers.map((v) => ({
          series: v.series,
          number: String(v.number),
          date: v.date,
          text: v.text,
          registrationDate: v.confirmedAt.slice(0, 10),
          transactions: v.rows.map((r) => ({ account: r.account, amount: r.amount, ...(r.text !== undefined ? { text: r.text } : {}) })),
        })),
      });
      return writeSie(doc, { type: '4I', maxTextLength: true });
    },

    async exportClientData(clientId: string): Promise<ClientDataExport> {
      return store.transaction(async (tx) => {
        const client = await clientOf(tx, clientId);
        const bureau = await tx.getBureau(client.bureauId);
        if (bureau === undefined) throw new NotFoundError(`Unknown bureau: expected bureau "${client.bureauId}" of client "${clientId}", found none`);
        const data = await tx.exportClient(refOf(client));
        return { format: 'kontera-client-data', version: 1, bureau, ...data };
      }, READ_ONLY);
    },
  };
}

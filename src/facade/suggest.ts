/**
 * Suggesting: one suggestion per bank line from the client's, the bureau's and the network's knowledge,
 * and from the client's open items (./open-items.ts). Reads only.
 *
 * @module
 */
import { ValidationError } from '../core/errors.js';
import { isIsoDate } from '../core/dates.js';
import { createKnowledge } from '../knowledge/base.js';
import { counterpartyKey } from '../normalize/counterparty.js';
import { suggest as suggestOne } from '../suggest/suggest.js';
import type { Suggestion } from '../suggest/types.js';
import { matchOpenItems } from '../openitems/match.js';
import { openItemsForSuggest } from './open-items.js';
import { DEFAULT_BANK_ACCOUNT, READ_ONLY, engineClient, refOf } from './shared.js';
import type { FacadeContext } from './shared.js';
import type { Kontera, TransactionLike } from './types.js';

/** `suggest`. */
export function suggestApi(ctx: FacadeContext): Pick<Kontera, 'suggest'> {
  const { store, clientOf, minBureaus } = ctx;
  return {
    async suggest(clientId: string, transactions: readonly TransactionLike[]): Promise<readonly Suggestion[]> {
      if (!Array.isArray(transactions)) throw new ValidationError('Invalid transactions: expected an array');
      return store.transaction(async (tx) => {
        const client = await clientOf(tx, clientId);
        const settings = engineClient(client);
        transactions.forEach((t, i) => {
          if (typeof t !== 'object' || t === null || !Number.isSafeInteger(t.amount) || !isIsoDate(t.date) || typeof t.text !== 'string') {
            throw new ValidationError(`Invalid transaction ${i + 1}: expected { date: 'YYYY-MM-DD', amount: whole öre, text }`);
          }
          if (t.counterpartyAccount !== undefined && typeof t.counterpartyAccount !== 'string') {
            throw new ValidationError(`Invalid transaction ${i + 1}: expected the counterparty account as a string, got ${JSON.stringify(t.counterpartyAccount)}`);
          }
          if (t.bankAccount !== undefined && !client.bankAccounts.includes(t.bankAccount)) {
            throw new ValidationError(`Invalid transaction ${i + 1}: expected one of the client's bank accounts (${client.bankAccounts.join(', ')}), got ${t.bankAccount}`);
          }
        });
        const keys = [
          ...new Set(
            transactions.flatMap((t) => {
              const k = counterpartyKey(t.text, { reference: t.reference, counterparty: t.counterparty, counterpartyAccount: t.counterpartyAccount }).key;
              return k === null ? [] : [k];
            }),
          ),
        ];
        const profiles = await tx.getProfiles(refOf(client));
        // All of the bureau's records, not only the lines' keys: the bureau's text model learns from
        // every counterparty its clients book, which is what lets a new counterparty borrow from them.
        const bureaus = await tx.getBureauRecords(client.bureauId);
        const network = keys.length === 0 || !client.network ? [] : await tx.getNetworkRecords(keys);
        const k = createKnowledge({ profiles, bureaus, network });
        const items = await openItemsForSuggest(tx, refOf(client));
        return transactions.map((t) => {
          const bankAccount = t.bankAccount ?? client.bankAccounts[0] ?? DEFAULT_BANK_ACCOUNT;
          // The open invoice the line may settle is one more piece of evidence for the ranker.
          const openItem = items.length === 0 ? undefined : matchOpenItems(t, items, { bankAccount, limit: 1 })[0];
          return suggestOne(
            { date: t.date, amount: t.amount, text: t.text, reference: t.reference, counterparty: t.counterparty, counterpartyAccount: t.counterpartyAccount, kind: t.kind, currency: t.currency },
            k,
            settings,
            { bankAccount: t.bankAccount, openItem, ...(minBureaus !== undefined ? { minBureaus } : {}) },
          );
        });
      }, READ_ONLY);
    },
  };
}

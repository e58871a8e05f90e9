/**
 * Learning: a client's history from a SIE 4 file (cold start), and forgetting one counterparty.
 *
 * @module
 */
import { sieBookings } from '../knowledge/cold-start.js';
import { learn, unlearn } from '../knowledge/learn.js';
import type { AccountNo, ClientSettings } from '../knowledge/types.js';
import { readSie } from '../sie/reader.js';
import { ACCOUNT_PATTERN, CHUNK, ChangeAccumulator, checkAbort, checkAccount, engineClient, keysOf, knowledgeForLearning, nonEmpty, yieldToEventLoop } from './shared.js';
import type { FacadeContext } from './shared.js';
import type { Kontera, LearnFromSieOptions, LearnFromSieResult, UnlearnResult } from './types.js';

/** `learnFromSie`, `unlearn`. */
export function learnApi(ctx: FacadeContext): Pick<Kontera, 'learnFromSie' | 'unlearn'> {
  const { store, clientOf } = ctx;
  return {
    async learnFromSie(clientId: string, bytes: Uint8Array | string, options: LearnFromSieOptions = {}): Promise<LearnFromSieResult> {
      checkAbort(options.signal);
      const doc = readSie(bytes, { strict: false, fileName: options.fileName });
      return store.transaction(async (tx) => {
        const client = await clientOf(tx, clientId);
        const bankAccounts = options.bankAccounts?.map((a) => checkAccount(a, 'bankAccounts option')) ?? client.bankAccounts;
        const bookings = sieBookings(doc, { bankAccounts });
        const settings: ClientSettings = { ...engineClient(client), bankAccounts };
        const { k, base } = await knowledgeForLearning(tx, client, keysOf(bookings));
        const changes = new ChangeAccumulator();
        let learned = 0;
        for (let i = 0; i < bookings.length; i += CHUNK) {
          checkAbort(options.signal);
          for (const b of bookings.slice(i, i + CHUNK)) {
            const r = learn(k, settings, b);
            if (r.learned) learned++;
            changes.add(r.changes);
          }
          options.onProgress?.({ phase: 'learn', done: Math.min(i + CHUNK, bookings.length), total: bookings.length });
          await yieldToEventLoop();
        }
        checkAbort(options.signal);
        await tx.applyKnowledge(client.bureauId, changes.result(), base);
        // Account names from #KONTO fill gaps for SIE export; names the bureau gave are kept.
        const names: Record<AccountNo, string> = { ...client.accountNames };
        let added = false;
        for (const a of doc.accounts) {
          if (ACCOUNT_PATTERN.test(a.number) && a.name.trim() !== '' && names[a.number] === undefined) {
            names[a.number] = a.name.trim();
            added = true;
          }
        }
        if (added) await tx.updateClient({ ...client, accountNames: names });
        checkAbort(options.signal);
        return { vouchers: doc.vouchers.length, learned, skipped: bookings.length - learned, issues: doc.issues };
      });
    },

    async unlearn(clientId: string, key: string, templateId?: string): Promise<UnlearnResult> {
      nonEmpty(key, 'counterparty key');
      if (templateId !== undefined) nonEmpty(templateId, 'template id');
      return store.transaction(async (tx) => {
        const client = await clientOf(tx, clientId);
        const { k, base } = await knowledgeForLearning(tx, client, [key]);
        const changes = unlearn(k, engineClient(client), key, templateId);
        await tx.applyKnowledge(client.bureauId, changes, base);
        return { changed: changes.putProfiles.length + changes.deleteProfiles.length > 0 };
      });
    },
  };
}

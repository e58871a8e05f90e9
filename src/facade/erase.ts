/**
 * Erasing: a client or a whole bureau, with its share of bureau and network knowledge withdrawn first.
 *
 * @module
 */
import { NotFoundError } from '../core/errors.js';
import { removeClient } from '../knowledge/learn.js';
import type { ClientRow, DeleteCounts, StoreSession } from '../store/store.js';
import { checkAbort, engineClient, knowledgeForLearning, nonEmpty, refOf } from './shared.js';
import type { FacadeContext } from './shared.js';
import type { Kontera, LongOperationOptions } from './types.js';

/**
 * Withdraws a client's profiles and its contribution to bureau and network knowledge (before its
 * other rows go), and says how many profiles and bureau records that touched.
 */
async function forget(ctx: FacadeContext, tx: StoreSession, client: ClientRow): Promise<{ profiles: number; bureauRecords: number }> {
  const profiles = await tx.getProfiles(refOf(client));
  const keys = profiles.map((p) => p.key);
  const { k, base } = await knowledgeForLearning(tx, client, keys);
  const contributed = base.bureauRecords.filter((r) => r.clients.includes(client.id)).length;
  await tx.applyKnowledge(client.bureauId, removeClient(k, engineClient(client)), base, ctx.shareAt);
  return { profiles: profiles.length, bureauRecords: contributed };
}

/** `deleteClient`, `deleteBureau`. */
export function eraseApi(ctx: FacadeContext): Pick<Kontera, 'deleteClient' | 'deleteBureau'> {
  const { store, clientOf, visibleBureau } = ctx;
  return {
    async deleteClient(clientId: string, options: LongOperationOptions = {}): Promise<DeleteCounts> {
      checkAbort(options.signal);
      return store.transaction(async (tx) => {
        const client = await clientOf(tx, clientId);
        const forgotten = await forget(ctx, tx, client);
        options.onProgress?.({ phase: 'delete', done: 1, total: 1 });
        checkAbort(options.signal);
        const counts = await tx.deleteClient(refOf(client));
        return { ...counts, profiles: counts.profiles + forgotten.profiles, bureauRecords: counts.bureauRecords + forgotten.bureauRecords };
      });
    },

    async deleteBureau(bureauId: string, options: LongOperationOptions = {}): Promise<DeleteCounts> {
      checkAbort(options.signal);
      nonEmpty(bureauId, 'bureau id');
      visibleBureau(bureauId);
      return store.transaction(async (tx) => {
        if ((await tx.getBureau(bureauId)) === undefined) throw new NotFoundError(`Unknown bureau: expected a bureau with id "${bureauId}", found none`);
        const clients = await tx.listClients(bureauId);
        let profiles = 0;
        for (let i = 0; i < clients.length; i++) {
          checkAbort(options.signal);
          profiles += (await forget(ctx, tx, clients[i] as ClientRow)).profiles;
          options.onProgress?.({ phase: 'delete', done: i + 1, total: clients.length });
        }
        checkAbort(options.signal);
        const counts = await tx.deleteBureau(bureauId);
        return { ...counts, profiles: counts.profiles + profiles };
      });
    },
  };
}

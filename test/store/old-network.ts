/**
 * A knowledge world as a kontera before schema version 5 stored it, for the migration tests of
 * both SQL stores: the profiles (the source of truth) and the network table with every mapping,
 * also those of one bureau (`bureaus = 1`). The expected result comes from a memory store that ran
 * the same work under the sharing rule.
 */
import { createKontera } from '../../src/kontera.js';
import type { ImportedTransaction, Kontera } from '../../src/kontera.js';
import { rebuildAggregates } from '../../src/knowledge/network.js';
import type { NetworkRecord, ProfileRecord } from '../../src/knowledge/types.js';
import { createMemoryStore } from '../../src/store/memory.js';
import type { ClientRow, Store } from '../../src/store/store.js';
import { expect } from 'vitest';
import { swedbankCsv } from '../kontera/helpers.js';

export interface OldNetworkWorld {
  readonly bureaus: readonly string[];
  readonly clients: readonly ClientRow[];
  readonly profiles: readonly ProfileRecord[];
  /** The network table as the previous schema held it (one-bureau mappings included). */
  readonly oldNetwork: readonly NetworkRecord[];
  /** What the network holds after the migration. */
  readonly network: readonly NetworkRecord[];
  /** Each bureau's candidates after the migration. */
  readonly candidates: ReadonlyMap<string, readonly NetworkRecord[]>;
  /** Every key of the world. */
  readonly keys: readonly string[];
}

async function books(k: Kontera, bureauId: string, clientId: string, account: (text: string) => string): Promise<void> {
  await k.addClient({ bureauId, id: clientId, name: `${clientId} AB` });
  const { transactions } = await k.importStatement(clientId, swedbankCsv(18));
  await k.confirm(
    clientId,
    transactions.map((t: ImportedTransaction) => ({
      transaction: t,
      voucher: { date: t.date, text: t.text, rows: [{ account: '1930', amount: t.amount }, { account: account(t.text), amount: -t.amount }] },
    })),
  );
}

/** Bureaus b1–b3 book the same lines alike; b1's second client and b4 book them their own way. */
export async function oldNetworkWorld(): Promise<OldNetworkWorld> {
  const store = createMemoryStore();
  const k = await createKontera({ store });
  const bureaus = ['b1', 'b2', 'b3', 'b4'];
  for (const b of bureaus) await k.addBureau({ id: b, name: `Byrå ${b}` });
  const alike = (text: string): string => (text.startsWith('EASYPARK') ? '5800' : text.startsWith('TELIA') ? '6212' : '4010');
  for (const b of ['b1', 'b2', 'b3']) await books(k, b, `${b}-c`, alike);
  await books(k, 'b1', 'b1-d', () => '6991');
  await books(k, 'b4', 'b4-c', (text) => (text.startsWith('EASYPARK') ? '5810' : alike(text)));
  const clients: ClientRow[] = [];
  const profiles: ProfileRecord[] = [];
  for (const b of bureaus) {
    for (const c of await store.listClients(b)) {
      clients.push(c);
      profiles.push(...(await store.getProfiles({ bureauId: b, clientId: c.id })));
    }
  }
  const keys = [...new Set(profiles.map((p) => p.key))];
  const candidates = new Map<string, readonly NetworkRecord[]>();
  for (const b of bureaus) candidates.set(b, await store.getNetworkCandidates(b, keys));
  return { bureaus, clients, profiles, oldNetwork: rebuildAggregates(profiles).network, network: await store.listNetworkRecords(), candidates, keys };
}

/** What a store upgraded from `world` must hold: the shared rows k-anonymous, every bureau's candidates. */
export async function expectUpgradedNetwork(store: Pick<Store, 'listNetworkRecords' | 'getNetworkCandidates'>, world: OldNetworkWorld): Promise<void> {
  const network = await store.listNetworkRecords();
  expect(network).toEqual(world.network);
  expect(network.length).toBeGreaterThan(0);
  expect(network.every((n) => n.bureaus >= 3)).toBe(true);
  for (const b of world.bureaus) expect(await store.getNetworkCandidates(b, world.keys)).toEqual(world.candidates.get(b));
}

/**
 * Reading the aggregates: what the same bureau's other clients and what other bureaus do with a
 * counterparty. The network is private by construction: its records hold only key → account + VAT
 * → distinct bureau and client counts, and a mapping is used only when at least K bureaus agree.
 */
import { sortSmall } from '../core/sort.js';
import { networkRecordId, occurrences } from './base.js';
import type { Knowledge } from './base.js';
import { mainAccount } from './template.js';
import { KNOWLEDGE_FORMAT_VERSION } from './types.js';
import type { BookingTemplate, BureauRecord, Direction, NetworkRecord, NetworkRecordKey, ProfileRecord } from './types.js';

import { DEFAULT_MIN_BUREAUS } from './types.js';
export { DEFAULT_MIN_BUREAUS };

/** One template voted for by other clients of the same bureau. */
export interface BureauVote {
  readonly templateId: string;
  readonly template: BookingTemplate;
  readonly display: string;
  /** Number of other clients (the asking client excluded). */
  readonly clients: number;
}

/**
 * Templates the bureau's other clients use for `key`, most clients first.
 *
 * ```ts
 * bureauVotes(knowledge, 'b1', 'TELIA', 'c7', 'out')
 * ```
 */
export function bureauVotes(k: Knowledge, bureauId: string, key: string, excludeClientId: string, direction: Direction): BureauVote[] {
  const list = k.bureaus.get(bureauId)?.get(key);
  if (list === undefined) return [];
  const out: BureauVote[] = [];
  for (const r of list) {
    if (r.template.direction !== direction) continue;
    const clients = r.clients.length - occurrences(r.clients, excludeClientId);
    if (clients > 0) out.push({ templateId: r.templateId, template: r.template, display: r.display, clients });
  }
  return out.length > 1 ? sortSmall(out, mostClients) : out;
}

/**
 * Network mappings for `key` that at least `minBureaus` bureaus agree on, most clients first.
 * A client's own bureau is part of the counts; callers that want "other bureaus only" should rely
 * on the bureau tier first.
 *
 * ```ts
 * networkVotes(knowledge, 'EASYPARK', 'out') // [{ account: '5800', bureaus: 7, clients: 31, … }]
 * ```
 */
export function networkVotes(k: Knowledge, key: string, direction: Direction, minBureaus: number = DEFAULT_MIN_BUREAUS): NetworkRecord[] {
  const list = k.network.get(key);
  if (list === undefined) return [];
  const out: NetworkRecord[] = [];
  for (const r of list) if (r.direction === direction && r.bureaus >= minBureaus) out.push(r);
  return out.length > 1 ? sortSmall(out, mostClientsAndBureaus) : out;
}

function mostClients(a: BureauVote, b: BureauVote): number {
  return b.clients - a.clients || a.templateId.localeCompare(b.templateId);
}

function mostClientsAndBureaus(a: NetworkRecord, b: NetworkRecord): number {
  return b.clients - a.clients || b.bureaus - a.bureaus || a.account.localeCompare(b.account);
}

/**
 * Recomputes the bureau and network aggregates from profile records alone: each profile
 * contributes its top template to its bureau, and — when shareable — its main account and VAT to
 * the network. A store can use it to repair or migrate aggregates; `learn` keeps them equal to
 * this incrementally. Client lists come out sorted.
 *
 * ```ts
 * const { bureaus, network } = rebuildAggregates(allProfiles);
 * ```
 */
export function rebuildAggregates(profiles: Iterable<ProfileRecord>): { bureaus: BureauRecord[]; network: NetworkRecord[] } {
  const bureau = new Map<string, { rec: Omit<BureauRecord, 'clients'>; clients: string[] }>();
  const net = new Map<string, { key: NetworkRecordKey; bureaus: Set<string>; clients: number }>();
  for (const p of profiles) {
    const top = p.templates[0];
    if (top === undefined) continue;
    const id = `${p.bureauId}\u0000${p.key}\u0000${top.id}`;
    const b = bureau.get(id);
    if (b === undefined) {
      bureau.set(id, { rec: { v: KNOWLEDGE_FORMAT_VERSION, bureauId: p.bureauId, key: p.key, display: p.display, templateId: top.id, template: top.template }, clients: [p.clientId] });
    } else b.clients.push(p.clientId);
    if (!p.shareable) continue;
    const nk: NetworkRecordKey = { key: p.key, direction: top.template.direction, account: mainAccount(top.template), vatMode: top.template.vat.mode, vatRate: top.template.vat.rate };
    const nid = `${p.key}\u0000${networkRecordId(nk)}`;
    const n = net.get(nid);
    if (n === undefined) net.set(nid, { key: nk, bureaus: new Set([p.bureauId]), clients: 1 });
    else {
      n.bureaus.add(p.bureauId);
      n.clients++;
    }
  }
  return {
    bureaus: [...bureau.values()].map((b) => ({ ...b.rec, clients: [...b.clients].sort() })),
    network: [...net.values()].map((n) => ({ v: KNOWLEDGE_FORMAT_VERSION, ...n.key, bureaus: n.bureaus.size, clients: n.clients })),
  };
}

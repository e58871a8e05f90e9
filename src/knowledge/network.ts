/**
 * Reading the aggregates: what the same bureau's other clients and what other bureaus do with a
 * counterparty. The network is private by construction: its records hold only key → account + VAT
 * → distinct bureau and client counts, and a mapping is used only when at least K bureaus agree.
 */
import type { Knowledge } from './base.js';
import type { BookingTemplate, Direction, NetworkRecord } from './types.js';

/** A network mapping counts only when this many distinct bureaus agree (k-anonymity). */
export const DEFAULT_MIN_BUREAUS = 3;

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
    const clients = r.clients.reduce((n, c) => (c === excludeClientId ? n : n + 1), 0);
    if (clients > 0) out.push({ templateId: r.templateId, template: r.template, display: r.display, clients });
  }
  return out.sort((a, b) => b.clients - a.clients || a.templateId.localeCompare(b.templateId));
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
  return out.sort((a, b) => b.clients - a.clients || b.bureaus - a.bureaus || a.account.localeCompare(b.account));
}

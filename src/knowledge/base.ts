/**
 * The in-memory knowledge base: the records of `types.ts` held in Maps, plus look-up indexes.
 * Built from records (`createKnowledge(snapshot)`), turned back into plain JSON with
 * `knowledgeSnapshot`. Learning functions mutate it and return the records that changed.
 */
import { TextModel } from './text-model.js';
import { KeyIndex } from './key-index.js';
import { KeyFilter } from './key-filter.js';
import { KNOWLEDGE_FORMAT_VERSION } from './types.js';
import type { BookingTemplate, BureauRecord, KnowledgeSnapshot, NetworkRecord, NetworkRecordKey, ProfileRecord } from './types.js';

/** Everything the engine knows, indexed. Treat as opaque; persist through the records. */
export interface Knowledge {
  /** clientId → key → profile. */
  readonly profiles: Map<string, Map<string, ProfileRecord>>;
  /** clientId → fuzzy index over that client's keys. */
  readonly clientIndex: Map<string, KeyIndex>;
  /** clientId → bankgiro/plusgiro ("BG 5050-1055") → key last booked with it. */
  readonly giro: Map<string, Map<string, string>>;
  /** bureauId → key → records (one per template; usually one). */
  readonly bureaus: Map<string, Map<string, BureauRecord[]>>;
  /** key → network records (one per account + VAT; usually one). */
  readonly network: Map<string, NetworkRecord[]>;
  /** clientId → bureauId, for erasure. */
  readonly clientBureau: Map<string, string>;
  /** Shared copies of single-line templates and their ids (a million profiles use a few hundred shapes). */
  readonly pool: Map<string, { readonly id: string; readonly template: BookingTemplate }>;
  /** One string object per date (a few hundred dates are referenced by millions of records). */
  readonly dates: Map<string, string>;
  /** clientId → text model over its profiles; built on first use, then kept in step. */
  readonly textModels: Map<string, TextModel>;
  /** bureauId → text model over its bureau records; built on first use, then kept in step. */
  readonly bureauTextModels: Map<string, TextModel>;
  /** clientId → the client's own share of its bureau's text model (taken out when the client asks the bureau). */
  readonly ownBureauShares: Map<string, TextModel>;
  /** Which look-ups into `bureaus` and `network` can be skipped: see {@link SharedKeyFilters}. */
  readonly filters: SharedKeyFilters;
}

/**
 * The least number of bureaus a network record must hold for {@link SharedKeyFilters.networkShared}
 * to list its key: the filter serves `suggest` calls whose `minBureaus` is at least this.
 */
export const FILTERED_MIN_BUREAUS = 2;

/**
 * Bloom filters over the aggregates, kept in step by the put functions below (keys are only added;
 * see `key-filter.ts`). A pair or key they do not hold has, for certain:
 * - `bureauKeys` (bureauId, key): no bureau record;
 * - `bureauShared` (bureauId, key): at most one client in all its bureau records together;
 * - `networkShared` (key): no network record held by {@link FILTERED_MIN_BUREAUS} bureaus or more.
 * In memory only: never stored, never shared; rebuilt after a client is removed.
 */
export interface SharedKeyFilters {
  readonly bureauKeys: KeyFilter;
  readonly bureauShared: KeyFilter;
  readonly networkShared: KeyFilter;
}

/** Clients counted over a key's bureau records (each client once per record). */
function clientEntries(list: readonly BureauRecord[]): number {
  let n = 0;
  for (const r of list) n += r.clients.length;
  return n;
}

function newFilters(k: Pick<Knowledge, 'bureaus' | 'network'>): SharedKeyFilters {
  return {
    bureauKeys: new KeyFilter((add) => {
      for (const [bureauId, byKey] of k.bureaus) for (const key of byKey.keys()) add(bureauId, key);
    }),
    bureauShared: new KeyFilter((add) => {
      for (const [bureauId, byKey] of k.bureaus) for (const [key, list] of byKey) if (clientEntries(list) >= 2) add(bureauId, key);
    }),
    networkShared: new KeyFilter((add) => {
      for (const [key, list] of k.network) if (list.some((r) => r.bureaus >= FILTERED_MIN_BUREAUS)) add(key);
    }),
  };
}

/** Empties the filters and fills them from what the knowledge holds now (after erasure: nothing of the removed keys stays). */
export function rebuildFilters(k: Knowledge): void {
  k.filters.bureauKeys.rebuild();
  k.filters.bureauShared.rebuild();
  k.filters.networkShared.rebuild();
}

/** The client's own share of the bureau's text model, built on first use. */
export function ownBureauShare(k: Knowledge, clientId: string): TextModel {
  let m = k.ownBureauShares.get(clientId);
  if (m === undefined) {
    m = new TextModel();
    for (const p of k.profiles.get(clientId)?.values() ?? []) m.profileTop(p, 1);
    k.ownBureauShares.set(clientId, m);
  }
  return m;
}

/**
 * The client's text model (see `src/knowledge/text-model.ts`), built from its profiles on first use.
 */
export function clientTextModel(k: Knowledge, clientId: string): TextModel {
  let m = k.textModels.get(clientId);
  if (m === undefined) {
    m = new TextModel();
    for (const p of k.profiles.get(clientId)?.values() ?? []) m.profile(p, 1);
    k.textModels.set(clientId, m);
  }
  return m;
}

/** The bureau's text model, built from its bureau records on first use. Never leaves the bureau. */
export function bureauTextModel(k: Knowledge, bureauId: string): TextModel {
  let m = k.bureauTextModels.get(bureauId);
  if (m === undefined) {
    m = new TextModel();
    for (const list of k.bureaus.get(bureauId)?.values() ?? []) for (const r of list) m.bureauRecord(r, 1);
    k.bureauTextModels.set(bureauId, m);
  }
  return m;
}

/** Stable id of a network record within its key. */
export function networkRecordId(r: NetworkRecordKey): string {
  return `${r.direction}|${r.account}|${r.vatMode}|${r.vatRate}`;
}

/**
 * Builds a knowledge base from persisted records (or an empty one).
 *
 * ```ts
 * const knowledge = createKnowledge(); // empty
 * const restored = createKnowledge(JSON.parse(json) as KnowledgeSnapshot);
 * ```
 */
export function createKnowledge(snapshot?: Partial<KnowledgeSnapshot>): Knowledge {
  const bureaus = new Map<string, Map<string, BureauRecord[]>>();
  const network = new Map<string, NetworkRecord[]>();
  const k: Knowledge = {
    profiles: new Map(),
    clientIndex: new Map(),
    giro: new Map(),
    bureaus,
    network,
    clientBureau: new Map(),
    pool: new Map(),
    dates: new Map(),
    textModels: new Map(),
    bureauTextModels: new Map(),
    ownBureauShares: new Map(),
    filters: newFilters({ bureaus, network }),
  };
  for (const p of snapshot?.profiles ?? []) putProfile(k, p);
  for (const b of snapshot?.bureaus ?? []) putBureauRecord(k, b);
  for (const n of snapshot?.network ?? []) putNetworkRecord(k, n);
  return k;
}

/** The whole state as plain JSON-safe records. */
export function knowledgeSnapshot(k: Knowledge): KnowledgeSnapshot {
  const profiles: ProfileRecord[] = [];
  for (const m of k.profiles.values()) profiles.push(...m.values());
  const bureaus: BureauRecord[] = [];
  for (const byKey of k.bureaus.values()) for (const list of byKey.values()) bureaus.push(...list);
  const network: NetworkRecord[] = [];
  for (const list of k.network.values()) network.push(...list);
  return { v: KNOWLEDGE_FORMAT_VERSION, profiles, bureaus, network };
}

/** @internal */
export function putProfile(k: Knowledge, p: ProfileRecord): void {
  let m = k.profiles.get(p.clientId);
  if (m === undefined) {
    m = new Map();
    k.profiles.set(p.clientId, m);
  }
  const model = k.textModels.get(p.clientId);
  const share = k.ownBureauShares.get(p.clientId);
  const old = m.get(p.key);
  if (model !== undefined) {
    if (old !== undefined) model.profile(old, -1);
    model.profile(p, 1);
  }
  if (share !== undefined) {
    if (old !== undefined) share.profileTop(old, -1);
    share.profileTop(p, 1);
  }
  m.set(p.key, p);
  k.clientBureau.set(p.clientId, p.bureauId);
  let idx = k.clientIndex.get(p.clientId);
  if (idx === undefined) {
    idx = new KeyIndex();
    k.clientIndex.set(p.clientId, idx);
  }
  idx.add(p.key);
  if (p.giro !== undefined) {
    let g = k.giro.get(p.clientId);
    if (g === undefined) {
      g = new Map();
      k.giro.set(p.clientId, g);
    }
    g.set(p.giro, p.key);
  }
}

/** @internal */
export function deleteProfile(k: Knowledge, clientId: string, key: string): void {
  const m = k.profiles.get(clientId);
  const p = m?.get(key);
  if (m === undefined || p === undefined) return;
  k.textModels.get(clientId)?.profile(p, -1);
  k.ownBureauShares.get(clientId)?.profileTop(p, -1);
  m.delete(key);
  k.clientIndex.get(clientId)?.remove(key);
  if (p.giro !== undefined) {
    const g = k.giro.get(clientId);
    if (g?.get(p.giro) === key) g.delete(p.giro);
  }
}

/**
 * A bureau record's clients are kept sorted (by UTF-16 code units, as `Array.prototype.sort`): the
 * asking client is then found by binary search. A popular counterparty is booked by most of a
 * bureau's clients, and reading every client id of the list on every line costs a cache miss each.
 */
function isSorted(ids: readonly string[]): boolean {
  for (let i = 1; i < ids.length; i++) if ((ids[i - 1] as string) > (ids[i] as string)) return false;
  return true;
}

/**
 * First index in a sorted list whose id is not below `id`: `partitionPoint` (core/sort.ts) written
 * out, as it runs for every bureau record a suggestion reads and a shared search's predicate call
 * is not inlined there.
 */
function lowerBound(ids: readonly string[], id: string): number {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((ids[mid] as string) < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How often `id` occurs in a sorted list of client ids (0 or 1 in well-formed records). */
export function occurrences(sorted: readonly string[], id: string): number {
  let n = 0;
  for (let i = lowerBound(sorted, id); i < sorted.length && sorted[i] === id; i++) n++;
  return n;
}

/** A sorted list of client ids with `id` added at its place (the same list when it is there). */
export function withClient(sorted: readonly string[], id: string): readonly string[] {
  const i = lowerBound(sorted, id);
  if (sorted[i] === id) return sorted;
  return [...sorted.slice(0, i), id, ...sorted.slice(i)];
}

/** @internal */
export function putBureauRecord(k: Knowledge, given: BureauRecord): void {
  const r = isSorted(given.clients) ? given : { ...given, clients: [...given.clients].sort() };
  let byKey = k.bureaus.get(r.bureauId);
  if (byKey === undefined) {
    byKey = new Map();
    k.bureaus.set(r.bureauId, byKey);
  }
  const list = byKey.get(r.key);
  const model = k.bureauTextModels.get(r.bureauId);
  // The filters learn a pair when it first has a record, and when its records first hold two
  // clients (a pair in them stays in them until a rebuild, which adds every pair that still is).
  const before = list === undefined ? 0 : clientEntries(list);
  if (list === undefined) {
    byKey.set(r.key, [r]);
    k.filters.bureauKeys.add(r.bureauId, r.key);
  } else {
    const i = list.findIndex((x) => x.templateId === r.templateId);
    if (i >= 0) {
      model?.bureauRecord(list[i] as BureauRecord, -1);
      list[i] = r;
    } else list.push(r);
  }
  model?.bureauRecord(r, 1);
  for (const c of r.clients) k.clientBureau.set(c, r.bureauId);
  if (before < 2 && clientEntries(byKey.get(r.key) as BureauRecord[]) >= 2) k.filters.bureauShared.add(r.bureauId, r.key);
}

/** @internal */
export function getBureauRecord(k: Knowledge, bureauId: string, key: string, templateId: string): BureauRecord | undefined {
  return k.bureaus.get(bureauId)?.get(key)?.find((x) => x.templateId === templateId);
}

/** @internal */
export function deleteBureauRecord(k: Knowledge, bureauId: string, key: string, templateId: string): void {
  const byKey = k.bureaus.get(bureauId);
  const list = byKey?.get(key);
  if (byKey === undefined || list === undefined) return;
  const i = list.findIndex((x) => x.templateId === templateId);
  if (i >= 0) {
    k.bureauTextModels.get(bureauId)?.bureauRecord(list[i] as BureauRecord, -1);
    list.splice(i, 1);
  }
  if (list.length === 0) byKey.delete(key);
}

/** @internal */
export function getNetworkRecord(k: Knowledge, r: NetworkRecordKey): NetworkRecord | undefined {
  const id = networkRecordId(r);
  return k.network.get(r.key)?.find((x) => networkRecordId(x) === id);
}

/** @internal */
export function putNetworkRecord(k: Knowledge, r: NetworkRecord): void {
  const list = k.network.get(r.key);
  if (list === undefined) {
    k.network.set(r.key, [r]);
    if (r.bureaus >= FILTERED_MIN_BUREAUS) k.filters.networkShared.add(r.key);
    return;
  }
  const id = networkRecordId(r);
  const i = list.findIndex((x) => networkRecordId(x) === id);
  // The filter learns the key when one of its records first reaches the bureaus it counts.
  if (r.bureaus >= FILTERED_MIN_BUREAUS && (i < 0 || (list[i] as NetworkRecord).bureaus < FILTERED_MIN_BUREAUS)) k.filters.networkShared.add(r.key);
  if (i >= 0) list[i] = r;
  else list.push(r);
}

/** @internal */
export function deleteNetworkRecord(k: Knowledge, r: NetworkRecordKey): void {
  const list = k.network.get(r.key);
  if (list === undefined) return;
  const id = networkRecordId(r);
  const i = list.findIndex((x) => networkRecordId(x) === id);
  if (i >= 0) list.splice(i, 1);
  if (list.length === 0) k.network.delete(r.key);
}

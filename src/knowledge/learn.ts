/**
 * Learning: a confirmed booking becomes evidence for (client, counterparty key, template), with
 * decay, immediate corrections, unlearning and erasure. Bureau and network aggregates follow each
 * client's current top template per key. Every function returns the records that changed so a
 * store can persist them incrementally.
 */
import { trySumAmounts } from '../core/money.js';
import { readCounterparty } from '../normalize/counterparty.js';
import {
  getBureauRecord,
  getNetworkRecord,
  deleteBureauRecord,
  deleteNetworkRecord,
  deleteProfile,
  networkRecordId,
  putBureauRecord,
  putNetworkRecord,
  putProfile,
  rebuildFilters,
  withClient,
} from './base.js';
import type { Knowledge } from './base.js';
import { mainAccount, mergeTemplate, readTemplate, templateId } from './template.js';
import { KNOWLEDGE_FORMAT_VERSION } from './types.js';
import type {
  AccountNo,
  BookingTemplate,
  BureauRecord,
  ClientSettings,
  ConfirmedBooking,
  KnowledgeChanges,
  NetworkRecord,
  NetworkRecordKey,
  ProfileRecord,
  TemplateEvidence,
} from './types.js';

/** Evidence halves in weight every year: last year's habit still counts, this month's counts double. */
export const DECAY_HALF_LIFE_DAYS = 365;
/** After a correction, competing templates keep only this share of their weight. */
export const CORRECTION_DAMPING = 0.2;
/** …and the corrected template weighs at least this many times all others together, so it wins at once. */
export const CORRECTION_LEAD = 4;
/** The default bank account when a client does not say. */
export const DEFAULT_BANK_ACCOUNTS: readonly AccountNo[] = ['1930'];

/** Why a booking taught nothing. */
export const LEARN_SKIP_REASONS = ['no-key', 'unbalanced', 'no-bank-row', 'only-bank-rows', 'zero-amount'] as const;
export type LearnSkipReason = (typeof LEARN_SKIP_REASONS)[number];

/** Result of {@link learn}. */
export type LearnResult =
  | { readonly learned: true; readonly key: string; readonly templateId: string; readonly changes: KnowledgeChanges }
  | { readonly learned: false; readonly reason: LearnSkipReason; readonly changes: KnowledgeChanges };

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of an ISO date. */
export function dayNumber(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / MS_PER_DAY;
}

/** Weight `w` measured at `from`, seen from `to` (either direction). */
export function decayed(w: number, from: string, to: string): number {
  const days = dayNumber(to) - dayNumber(from);
  return w * Math.pow(2, -days / DECAY_HALF_LIFE_DAYS);
}

/** The template a profile currently stands for: heaviest, ties to the most recent. */
export function topTemplate(p: ProfileRecord | undefined): TemplateEvidence | undefined {
  return p?.templates[0];
}

function sortTemplates(ts: TemplateEvidence[]): TemplateEvidence[] {
  return ts.sort((a, b) => b.weight - a.weight || (a.lastSeen < b.lastSeen ? 1 : a.lastSeen > b.lastSeen ? -1 : 0));
}

/**
 * Records of one kind that a learning step puts or deletes, by record identity: a later put of the
 * same record replaces an earlier one and cancels its delete, and the other way round. The maps
 * are made on first use: most steps touch a kind or two of the three, and a map is not free.
 */
class Pending<P, D> {
  #put: Map<string, P> | undefined;
  #delete: Map<string, D> | undefined;

  put(id: string, record: P): void {
    (this.#put ??= new Map()).set(id, record);
    this.#delete?.delete(id);
  }

  delete(id: string, identity: D): void {
    (this.#delete ??= new Map()).set(id, identity);
    this.#put?.delete(id);
  }

  puts(): P[] {
    return this.#put === undefined ? [] : [...this.#put.values()];
  }

  deletes(): D[] {
    return this.#delete === undefined ? [] : [...this.#delete.values()];
  }
}

class ChangeSet {
  readonly profiles = new Pending<ProfileRecord, { clientId: string; key: string }>();
  readonly bureau = new Pending<BureauRecord, { bureauId: string; key: string; templateId: string }>();
  readonly network = new Pending<NetworkRecord, NetworkRecordKey>();

  result(): KnowledgeChanges {
    return {
      putProfiles: this.profiles.puts(),
      deleteProfiles: this.profiles.deletes(),
      putBureau: this.bureau.puts(),
      deleteBureau: this.bureau.deletes(),
      putNetwork: this.network.puts(),
      deleteNetwork: this.network.deletes(),
    };
  }
}

const NO_CHANGES: KnowledgeChanges = { putProfiles: [], deleteProfiles: [], putBureau: [], deleteBureau: [], putNetwork: [], deleteNetwork: [] };

function networkKeyOf(key: string, t: BookingTemplate): NetworkRecordKey {
  return { key, direction: t.direction, account: mainAccount(t), vatMode: t.vat.mode, vatRate: t.vat.rate };
}

/** Withdraws or adds one client's contribution for (key, template) in bureau and network aggregates. */
function contribute(
  k: Knowledge,
  cs: ChangeSet,
  bureauId: string,
  clientId: string,
  key: string,
  display: string,
  evidence: TemplateEvidence,
  toNetwork: boolean,
  add: boolean,
): void {
  const existing = getBureauRecord(k, bureauId, key, evidence.id);
  const before = existing?.clients ?? [];
  const clients = add ? withClient(before, clientId) : before.filter((c) => c !== clientId);
  if (clients.length === before.length && existing !== undefined) return;
  if (clients.length === 0) {
    deleteBureauRecord(k, bureauId, key, evidence.id);
    cs.bureau.delete(`${bureauId}\u0000${key}\u0000${evidence.id}`, { bureauId, key, templateId: evidence.id });
  } else {
    const rec: BureauRecord = { v: KNOWLEDGE_FORMAT_VERSION, bureauId, key, display, templateId: evidence.id, template: evidence.template, clients };
    putBureauRecord(k, rec);
    cs.bureau.put(`${bureauId}\u0000${key}\u0000${evidence.id}`, rec);
  }
  if (!toNetwork) return;
  const nk = networkKeyOf(key, evidence.template);
  const nid = networkRecordId(nk);
  // Is another client of the same bureau still contributing the same network mapping?
  let bureauStillThere = false;
  for (const r of k.bureaus.get(bureauId)?.get(key) ?? []) {
    if (networkRecordId(networkKeyOf(key, r.template)) !== nid) continue;
    if (r.clients.some((c) => c !== clientId && k.profiles.get(c)?.get(key)?.shareable === true)) bureauStillThere = true;
  }
  const cur = getNetworkRecord(k, nk);
  const bureaus = (cur?.bureaus ?? 0) + (bureauStillThere ? 0 : add ? 1 : -1);
  const count = (cur?.clients ?? 0) + (add ? 1 : -1);
  const mapKey = `${key}\u0000${nid}`;
  if (count <= 0 || bureaus <= 0) {
    deleteNetworkRecord(k, nk);
    cs.network.delete(mapKey, nk);
  } else {
    const rec: NetworkRecord = { v: KNOWLEDGE_FORMAT_VERSION, ...nk, bureaus, clients: count };
    putNetworkRecord(k, rec);
    cs.network.put(mapKey, rec);
  }
}

/** Replaces a client's profile for a key (or deletes it) and keeps aggregates in step. */
function replaceProfile(k: Knowledge, cs: ChangeSet, client: ClientSettings, key: string, next: ProfileRecord | undefined): void {
  const prev = k.profiles.get(client.id)?.get(key);
  const prevTop = topTemplate(prev);
  const nextTop = topTemplate(next);
  const networkOn = client.network !== false;
  // Refining a template (a row turning fixed or share) can change its main account, and with it
  // the network record the client counts in: move the contribution then, or erasure would later
  // withdraw it from a record it was never added to.
  const movedInNetwork =
    prevTop !== undefined && nextTop !== undefined && networkRecordId(networkKeyOf(key, prevTop.template)) !== networkRecordId(networkKeyOf(key, nextTop.template));
  if (prevTop !== undefined && prev !== undefined && (nextTop === undefined || nextTop.id !== prevTop.id || next?.shareable !== prev.shareable || movedInNetwork)) {
    contribute(k, cs, client.bureauId, client.id, key, prev.display, prevTop, networkOn && prev.shareable, false);
  }
  if (next === undefined) {
    deleteProfile(k, client.id, key);
    cs.profiles.delete(`${client.id}\u0000${key}`, { clientId: client.id, key });
  } else {
    putProfile(k, next);
    cs.profiles.put(`${client.id}\u0000${key}`, next);
  }
  if (nextTop !== undefined && next !== undefined && (prevTop === undefined || nextTop.id !== prevTop.id || next.shareable !== prev?.shareable || movedInNetwork)) {
    contribute(k, cs, client.bureauId, client.id, key, next.display, nextTop, networkOn && next.shareable, true);
  } else if (nextTop !== undefined && next !== undefined && prevTop !== undefined) {
    // Same top template, but its shape details (fixed amounts) may have been refined: refresh the bureau copy.
    const rec = getBureauRecord(k, client.bureauId, key, nextTop.id);
    if (rec !== undefined && rec.template !== nextTop.template) {
      const updated: BureauRecord = { ...rec, template: nextTop.template };
      putBureauRecord(k, updated);
      cs.bureau.put(`${client.bureauId}\u0000${key}\u0000${nextTop.id}`, updated);
    }
  }
}

/**
 * Learns one confirmed booking (or one SIE voucher) for a client. A `correction` takes effect at
 * once: the corrected template outweighs everything learned before for that counterparty.
 *
 * ```ts
 * const k = createKnowledge();
 * learn(k, { id: 'c1', bureauId: 'b1' }, {
 *   transaction: { date: '2026-03-02', amount: -49900, text: 'AUTOGIRO TELIA SVERIGE' },
 *   voucher: { date: '2026-03-02', text: 'Telia', rows: [
 *     { account: '1930', amount: -49900 }, { account: '6212', amount: 39920 }, { account: '2641', amount: 9980 }] },
 * });
 * ```
 */
export function learn(k: Knowledge, client: ClientSettings, booking: ConfirmedBooking): LearnResult {
  const cs = new ChangeSet();
  const r = learnInto(k, cs, client, booking);
  return r.learned ? { ...r, changes: cs.result() } : { ...r, changes: NO_CHANGES };
}

/** @internal `learn` into a change set shared by several bookings (cold start, batches). */
export function learnInto(
  k: Knowledge,
  cs: ChangeSet,
  client: ClientSettings,
  booking: ConfirmedBooking,
): { readonly learned: true; readonly key: string; readonly templateId: string } | { readonly learned: false; readonly reason: LearnSkipReason } {
  const tx = booking.transaction;
  const cp = readCounterparty(tx.text, { reference: tx.reference, counterparty: tx.counterparty, counterpartyAccount: tx.counterpartyAccount });
  if (cp.key === null) return { learned: false, reason: 'no-key' };
  if (trySumAmounts(booking.voucher.rows) !== 0) return { learned: false, reason: 'unbalanced' };
  const reading = readTemplate(booking.voucher.rows, client.bankAccounts ?? DEFAULT_BANK_ACCOUNTS);
  if (!reading.ok) return { learned: false, reason: reading.reason };
  // A client outside the network never contributes, so its profiles are not shareable either.
  learnReading(k, cs, client, cp.key, cp.display, cp.shareable && client.network !== false, giroOf(cp.signals), reading.template, reading.bankAmount, booking.voucher.date, booking.origin ?? 'confirmed', cp.signals.type);
  return { learned: true, key: cp.key, templateId: templateId(reading.template) };
}

function giroOf(signals: { readonly bankgiro?: string | undefined; readonly plusgiro?: string | undefined }): string | undefined {
  if (signals.bankgiro !== undefined) return `BG ${signals.bankgiro}`;
  if (signals.plusgiro !== undefined) return `PG ${signals.plusgiro}`;
  return undefined;
}

/**
 * The counterparty key and template a booking teaches, read as {@link learn} reads it, or undefined
 * when it teaches nothing: what `unlearn` compares stored bookings with. `shareable` is whether the
 * key, as this booking's texts give it, is free of personal data (the client's `network` aside).
 */
export function learnedAs(
  client: ClientSettings,
  booking: ConfirmedBooking,
): { readonly key: string; readonly templateId: string; readonly shareable: boolean } | undefined {
  const tx = booking.transaction;
  const cp = readCounterparty(tx.text, { reference: tx.reference, counterparty: tx.counterparty, counterpartyAccount: tx.counterpartyAccount });
  if (cp.key === null || trySumAmounts(booking.voucher.rows) !== 0) return undefined;
  const reading = readTemplate(booking.voucher.rows, client.bankAccounts ?? DEFAULT_BANK_ACCOUNTS);
  return reading.ok ? { key: cp.key, templateId: templateId(reading.template), shareable: cp.shareable } : undefined;
}

/**
 * Sets whether a client's profiles count in the network: `shareable(key)` for each of its profiles
 * (false for every one when the client leaves the network), its contribution moved with it, so that
 * the network counts are what they would be had the client learned with that setting (see
 * {@link ProfileRecord.shareable}). Templates and bureau records stay as they are.
 *
 * ```ts
 * const changes = setNetworkShare(k, client, () => false); // the client leaves the network
 * ```
 */
export function setNetworkShare(k: Knowledge, client: ClientSettings, shareable: (key: string) => boolean): KnowledgeChanges {
  const cs = new ChangeSet();
  // The flag on each profile says whether it counts; the client's own setting must not hide the
  // withdrawal of a contribution made while it took part (replaceProfile reads both).
  const counted: ClientSettings = { ...client, network: true };
  for (const prev of [...(k.profiles.get(client.id)?.values() ?? [])]) {
    const next = shareable(prev.key);
    if (next !== prev.shareable) replaceProfile(k, cs, counted, prev.key, { ...prev, shareable: next });
  }
  return cs.result();
}

/** @internal Shared by `learn` and cold start. */
export function learnReading(
  k: Knowledge,
  cs: ChangeSet,
  client: ClientSettings,
  key: string,
  display: string,
  shareable: boolean,
  giro: string | undefined,
  fresh: BookingTemplate,
  bankAmount: number,
  date: string,
  origin: 'confirmed' | 'correction' | 'sie',
  type?: string,
): void {
  const prev = k.profiles.get(client.id)?.get(key);
  const types = type === undefined || prev?.types?.includes(type) === true ? prev?.types : [...(prev?.types ?? []), type].sort();
  const sharedDate = k.dates.get(date);
  if (sharedDate === undefined) k.dates.set(date, date);
  else date = sharedDate;
  let id = templateId(fresh);
  if (fresh.lines.length === 1) {
    const shared = k.pool.get(id);
    if (shared === undefined) k.pool.set(id, { id, template: fresh });
    else {
      id = shared.id;
      fresh = shared.template;
    }
  }
  const abs = Math.abs(bankAmount);
  const day = Number(date.slice(8, 10));
  const templates: TemplateEvidence[] = [];
  let found = false;
  for (const t of prev?.templates ?? []) {
    const later = date > t.asOf;
    const base = later ? decayed(t.weight, t.asOf, date) : t.weight;
    const asOf = later ? date : t.asOf;
    if (t.id === id) {
      found = true;
      const add = later ? 1 : decayed(1, date, t.asOf);
      const newer = date >= t.lastSeen;
      templates.push({
        ...t,
        template: newer ? mergeTemplate(t.template, fresh, bankAmount) : t.template,
        weight: base + add,
        asOf,
        count: t.count + 1,
        firstSeen: date < t.firstSeen ? date : t.firstSeen,
        lastSeen: newer ? date : t.lastSeen,
        minAmount: Math.min(t.minAmount, abs),
        maxAmount: Math.max(t.maxAmount, abs),
        lastAmount: newer ? abs : t.lastAmount,
        lastDay: newer ? day : t.lastDay,
      });
    } else {
      templates.push({ ...t, weight: origin === 'correction' ? base * CORRECTION_DAMPING : base, asOf });
    }
  }
  if (!found) {
    const asOf = prev !== undefined && prev.lastSeen > date ? prev.lastSeen : date;
    templates.push({
      id,
      template: fresh,
      weight: decayed(1, date, asOf),
      asOf,
      count: 1,
      firstSeen: date,
      lastSeen: date,
      minAmount: abs,
      maxAmount: abs,
      lastAmount: abs,
      lastDay: day,
    });
  }
  if (origin === 'correction') {
    const others = templates.reduce((s, t) => (t.id === id ? s : s + t.weight), 0);
    const i = templates.findIndex((t) => t.id === id);
    const t = templates[i];
    if (t !== undefined && t.weight < others * CORRECTION_LEAD) templates[i] = { ...t, weight: others * CORRECTION_LEAD };
  }
  sortTemplates(templates);
  const next: ProfileRecord = {
    v: KNOWLEDGE_FORMAT_VERSION,
    bureauId: client.bureauId,
    clientId: client.id,
    key,
    display: prev?.display ?? display,
    shareable: (prev?.shareable ?? true) && shareable,
    ...(giro !== undefined ? { giro } : prev?.giro !== undefined ? { giro: prev.giro } : {}),
    ...(types !== undefined ? { types } : {}),
    templates,
    lastSeen: prev !== undefined && prev.lastSeen > date ? prev.lastSeen : date,
  };
  replaceProfile(k, cs, client, key, next);
}

/** @internal */
export function newChangeSet(): ChangeSet {
  return new ChangeSet();
}
export type { ChangeSet };

/**
 * Forgets one learned mapping: a single template of a counterparty (when `templateId` is given)
 * or everything the client learned about it.
 *
 * ```ts
 * unlearn(k, client, 'TELIA');               // forget TELIA for this client
 * unlearn(k, client, 'TELIA', someTemplateId); // forget one way of booking it
 * ```
 */
export function unlearn(k: Knowledge, client: ClientSettings, key: string, templateIdToDrop?: string): KnowledgeChanges {
  const prev = k.profiles.get(client.id)?.get(key);
  if (prev === undefined) return NO_CHANGES;
  // A template the profile does not have: nothing to forget (not the profile written back unchanged).
  if (templateIdToDrop !== undefined && !prev.templates.some((t) => t.id === templateIdToDrop)) return NO_CHANGES;
  const cs = new ChangeSet();
  const templates = templateIdToDrop === undefined ? [] : prev.templates.filter((t) => t.id !== templateIdToDrop);
  replaceProfile(k, cs, client, key, templates.length === 0 ? undefined : { ...prev, templates });
  return cs.result();
}

/**
 * Erases a client: its profiles and its contribution to bureau and network counts.
 *
 * ```ts
 * const changes = removeClient(k, client);
 * ```
 */
export function removeClient(k: Knowledge, client: ClientSettings): KnowledgeChanges {
  const cs = new ChangeSet();
  for (const key of [...(k.profiles.get(client.id)?.keys() ?? [])]) replaceProfile(k, cs, client, key, undefined);
  k.profiles.delete(client.id);
  k.clientIndex.delete(client.id);
  k.giro.delete(client.id);
  k.textModels.delete(client.id);
  k.ownBureauShares.delete(client.id);
  k.clientBureau.delete(client.id);
  // Nothing of the client's keys stays behind in the look-up filters either.
  rebuildFilters(k);
  return cs.result();
}

/**
 * Takes back one booking learned earlier with {@link learn} (a SIE voucher that a later export
 * changed): the template it counted for loses that booking's count and its weight, measured as
 * learning added it, and goes when no booking is left; a profile left without templates goes too.
 * The seen-range fields (first/last seen, min/max amount) keep their values: they are bounds, not sums.
 * Exact for bookings learned without correction damping (SIE and confirmed ones).
 *
 * ```ts
 * const changes = forgetBooking(k, client, oldVersionOfVoucher);
 * ```
 */
export function forgetBooking(k: Knowledge, client: ClientSettings, booking: ConfirmedBooking): KnowledgeChanges {
  const tx = booking.transaction;
  const cp = readCounterparty(tx.text, { reference: tx.reference, counterparty: tx.counterparty, counterpartyAccount: tx.counterpartyAccount });
  if (cp.key === null) return NO_CHANGES;
  const reading = readTemplate(booking.voucher.rows, client.bankAccounts ?? DEFAULT_BANK_ACCOUNTS);
  if (!reading.ok) return NO_CHANGES;
  const prev = k.profiles.get(client.id)?.get(cp.key);
  const id = templateId(reading.template);
  const t = prev?.templates.find((x) => x.id === id);
  if (prev === undefined || t === undefined) return NO_CHANGES;
  const date = booking.voucher.date;
  const share = date <= t.asOf ? decayed(1, date, t.asOf) : 1;
  const rest = prev.templates.filter((x) => x.id !== id);
  if (t.count > 1) rest.push({ ...t, count: t.count - 1, weight: Math.max(0, t.weight - share) });
  const cs = new ChangeSet();
  replaceProfile(k, cs, client, cp.key, rest.length === 0 ? undefined : { ...prev, templates: sortTemplates(rest) });
  return cs.result();
}

/**
 * The shape of what the engine learns, as plain JSON-safe data.
 *
 * Everything a store has to persist is one of three record kinds, each small and keyed so that a
 * store can write them one at a time after every `learn` (no big blob):
 *
 * | record                  | key                                   | holds                                          |
 * |-------------------------|---------------------------------------|------------------------------------------------|
 * | {@link ProfileRecord}   | (clientId, key)                       | one client's booking templates for one counterparty, with decayed weights |
 * | {@link BureauRecord}    | (bureauId, key, templateId)           | how many of the bureau's clients book that counterparty with that template |
 * | {@link NetworkRecord}   | (key, account, vat)                   | how many distinct bureaus / clients book it so — counts only |
 *
 * Profile records are the source of truth. Bureau and network records are derived aggregates
 * (each client contributes its current top template per key); `learn`/`unlearn`/`removeClient`
 * return exactly which records changed so the store can write them incrementally, and a store can
 * always rebuild the aggregates from the profiles.
 *
 * Amounts are integer öre (debit positive, credit negative, as in SIE `#TRANS`), dates ISO
 * `YYYY-MM-DD`. Evidence is keyed by account number, never account name, so a renamed account keeps
 * its history.
 *
 * @module
 */

/** Version of the record shapes below; bump and migrate when a persisted field changes meaning. */
export const KNOWLEDGE_FORMAT_VERSION = 1 as const;

/** A network mapping is shared, and counts, only when this many distinct bureaus hold it (k-anonymity). */
export const DEFAULT_MIN_BUREAUS = 3;

export { DIRECTIONS, VAT_MODES, VAT_RATES } from '../vat/types.js';
export type { AccountNo, Direction, VatMode, VatRate, VoucherRow } from '../vat/types.js';
import type { AccountNo, Direction, VatMode, VatRate, VoucherRow } from '../vat/types.js';

/** The VAT part of a booking template. */
export interface VatSpec {
  readonly mode: VatMode;
  /** 0 when `mode` is `none`. */
  readonly rate: VatRate;
  /**
   * The VAT accounts actually used, e.g. `['2641']` for a domestic purchase, `['2611']` for a sale,
   * `['2645', '2614']` (input, output) for reverse charge. Empty for `none`.
   */
  readonly accounts: readonly AccountNo[];
}

/**
 * How the amount of one counter-row is derived from the bank amount.
 * - `rest`: whatever is left after the other rows and VAT (exactly one row per template has it).
 * - `fixed`: the same amount every time (loan amortisation, a fixed fee) — `amount` in öre.
 * - `share`: a fixed proportion of the bank amount (parts per million of |gross|).
 */
export const LINE_RULES = ['rest', 'fixed', 'share'] as const;
export type LineRule = (typeof LINE_RULES)[number];

/** One counter-row of a template (never the bank row, never a VAT row). */
export interface TemplateLine {
  readonly account: AccountNo;
  readonly rule: LineRule;
  /**
   * Signed öre of this row in the last observation (debit +, credit −). For `fixed` this is the
   * amount to book; for `share` and `rest` it documents the last booking (and gives the sign of a
   * `rest` row). 0 in a single-line template, whose one row takes the whole amount.
   */
  readonly lastAmount: number;
  /** For `share`: signed parts per million of |gross| (e.g. 400000 = 40 % of the bank amount); 0 in a single-line template. */
  readonly ppm: number;
}

/**
 * A whole booking pattern: which counter-accounts, how the amount is split, which VAT. Two
 * bookings with the same {@link templateId} are evidence for the same template.
 */
export interface BookingTemplate {
  readonly direction: Direction;
  readonly vat: VatSpec;
  /** Counter-rows sorted by account. The first `rest` row (or the first row) is the main account. */
  readonly lines: readonly TemplateLine[];
}

/** Decayed evidence for one template of one counterparty at one client. */
export interface TemplateEvidence {
  /** Stable id of the template's shape: direction, VAT spec, accounts (see `templateId()`). */
  readonly id: string;
  readonly template: BookingTemplate;
  /**
   * Evidence weight as of `asOf`: each booking adds 1 and then halves every
   * `DECAY_HALF_LIFE_DAYS`; a correction also scales the competing templates down.
   */
  readonly weight: number;
  /** The date `weight` was last brought up to. */
  readonly asOf: string;
  /** Raw number of bookings seen (never decayed); for reasons such as "the last 7 times". */
  readonly count: number;
  readonly firstSeen: string;
  readonly lastSeen: string;
  /** Smallest and largest |bank amount| in öre seen with this template. */
  readonly minAmount: number;
  readonly maxAmount: number;
  /** |bank amount| of the most recent booking. */
  readonly lastAmount: number;
  /** Day of month (1–31) of the most recent booking. */
  readonly lastDay: number;
}

/** Where a booking came from; SIE history counts as confirmed. */
export const EVIDENCE_ORIGINS = ['confirmed', 'correction', 'sie'] as const;
export type EvidenceOrigin = (typeof EVIDENCE_ORIGINS)[number];

/**
 * Everything one client has taught about one counterparty key. Persist per (clientId, key).
 * The store may index `key` for fuzzy look-ups, but the engine builds its own candidate index.
 */
export interface ProfileRecord {
  readonly v: typeof KNOWLEDGE_FORMAT_VERSION;
  readonly bureauId: string;
  readonly clientId: string;
  /** Normalised counterparty key (see `counterpartyKey`). */
  readonly key: string;
  /** Readable name for reasons ("TELIA"). */
  readonly display: string;
  /**
   * Whether this profile contributes to network counts: the key is free of personal data and the
   * client takes part in the network. Once false it stays false for the key as learning goes on;
   * `setNetworkShare` (the facade's `updateClient` with `network`) changes a client's participation.
   */
  readonly shareable: boolean;
  /** Bankgiro/plusgiro seen with this counterparty ("BG 5050-1055", "PG 412345"), a second way to find it. */
  readonly giro?: string | undefined;
  /**
   * Transaction types seen with this counterparty ("KORT", "SWISH", "BG", …; see
   * `CounterpartySignals.type`), sorted: a feature of the text model. Absent in records written
   * before it existed.
   */
  readonly types?: readonly string[] | undefined;
  /** Heaviest first. */
  readonly templates: readonly TemplateEvidence[];
  readonly lastSeen: string;
}

/**
 * Bureau-internal aggregate: how many of a bureau's clients currently book `key` with this template
 * (their top template). Persist per (bureauId, key, templateId). Never leaves the bureau.
 */
export interface BureauRecord {
  readonly v: typeof KNOWLEDGE_FORMAT_VERSION;
  readonly bureauId: string;
  readonly key: string;
  readonly display: string;
  readonly templateId: string;
  readonly template: BookingTemplate;
  /** The clients that contribute (ids of the same bureau; needed to exclude the asking client and to erase). */
  readonly clients: readonly string[];
}

/**
 * Anonymous cross-bureau count: `bureaus` distinct bureaus and `clients` distinct clients book the
 * shareable `key` to `account` with VAT `vat` (mode and rate). Nothing else: no client or bureau id,
 * no amount, date or raw text. Persist per (key, account, vatMode, vatRate).
 */
export interface NetworkRecord {
  readonly v: typeof KNOWLEDGE_FORMAT_VERSION;
  readonly key: string;
  readonly direction: Direction;
  readonly account: AccountNo;
  readonly vatMode: VatMode;
  readonly vatRate: VatRate;
  readonly bureaus: number;
  readonly clients: number;
}

/** The whole engine state as plain JSON (for tests, export and the memory store). */
export interface KnowledgeSnapshot {
  readonly v: typeof KNOWLEDGE_FORMAT_VERSION;
  readonly profiles: readonly ProfileRecord[];
  readonly bureaus: readonly BureauRecord[];
  readonly network: readonly NetworkRecord[];
}

/** What changed in one learning step; a store writes `put*` and deletes `delete*`. */
export interface KnowledgeChanges {
  readonly putProfiles: readonly ProfileRecord[];
  /** (clientId, key) pairs whose profile record is gone. */
  readonly deleteProfiles: readonly { readonly clientId: string; readonly key: string }[];
  readonly putBureau: readonly BureauRecord[];
  readonly deleteBureau: readonly { readonly bureauId: string; readonly key: string; readonly templateId: string }[];
  readonly putNetwork: readonly NetworkRecord[];
  /** Network records whose counts reached zero. */
  readonly deleteNetwork: readonly NetworkRecordKey[];
}

/** Identity of a {@link NetworkRecord}. */
export interface NetworkRecordKey {
  readonly key: string;
  readonly direction: Direction;
  readonly account: AccountNo;
  readonly vatMode: VatMode;
  readonly vatRate: VatRate;
}

/** A balanced voucher (rows sum to 0). */
export interface Voucher {
  readonly date: string;
  readonly text: string;
  readonly rows: readonly VoucherRow[];
}

/** The bank line part of a booking; a subset of `BankTransaction`, so bank-feed objects fit too. */
export interface TransactionInput {
  readonly date: string;
  /** Signed öre, negative = money out. */
  readonly amount: number;
  readonly text: string;
  readonly reference?: string | undefined;
  readonly counterparty?: string | undefined;
  /**
   * The other party's account as the bank gives it (Nordea `Mottagare`, camt.053 `CdtrAcct`). A
   * bankgiro or plusgiro number here is a second way to recognise the counterparty (see
   * `counterpartyKey`); other account numbers are ignored.
   */
  readonly counterpartyAccount?: string | undefined;
  /**
   * The statement parser's coarse type (a `TransactionKind`: card, bankgiro, swish, fee, interest,
   * tax-account, …), read from the bank's type column as well as the text. A string, as stores keep
   * it; unknown values are ignored. Evidence for the built-in rules only.
   */
  readonly kind?: string | undefined;
  /**
   * ISO 4217 code of `amount` when the line is not in the books' currency, {@link BOOK_CURRENCY}
   * (a currency account's statement: `amount` is then in euro cents, say). Such a line still gets
   * its account, but no voucher: the voucher needs the amount in SEK at the day's rate, which the
   * bank line does not give.
   */
  readonly currency?: string | undefined;
}

/** The currency vouchers are booked in (SIE without `#VALUTA`): amounts of other currencies are not öre of it. */
export const BOOK_CURRENCY = 'SEK';

/** A transaction plus the voucher the accountant approved for it. */
export interface ConfirmedBooking {
  readonly transaction: TransactionInput;
  readonly voucher: Voucher;
  /**
   * `correction` when the accountant changed a suggestion: it takes effect at once.
   * `sie` for history read from a SIE file. Default `confirmed`.
   */
  readonly origin?: EvidenceOrigin | undefined;
}

/** Review wishes of a bureau for one client. */
export interface ReviewSettings {
  /** Always flag suggestions to these accounts, however confident. */
  readonly accounts?: readonly AccountNo[] | undefined;
  /** Always flag these counterparties (matched on the normalised key, or on a substring of the bank text). */
  readonly counterparties?: readonly string[] | undefined;
}

/** What the engine needs to know about a client. Mirrors the facade's `addClient` options. */
export interface ClientSettings {
  readonly id: string;
  readonly bureauId: string;
  /** The client's bank/cash accounts (default `['1930']`); also the accounts cold start looks for. */
  readonly bankAccounts?: readonly AccountNo[] | undefined;
  /** Default true. A client that is not VAT-registered never gets VAT rows. */
  readonly vatRegistered?: boolean | undefined;
  /** The client's chart of accounts when known; only these accounts are suggested. */
  readonly chart?: readonly AccountNo[] | undefined;
  /** OBS-konto; anything suggested there is flagged for review. */
  readonly suspenseAccount?: AccountNo | undefined;
  readonly review?: ReviewSettings | undefined;
  /** Confidence at or above which a suggestion counts as auto-bookable (default `DEFAULT_AUTO_BOOK_THRESHOLD`). */
  readonly autoBookThreshold?: number | undefined;
  /**
   * Default false: a line whose suggestion rests only on other clients' bookings (the bureau's or
   * the network's, with no booking of that counterparty to that account by this client) is never
   * auto-booked, however confident; it is proposed for review. True lets such lines auto-book at
   * the threshold like any other.
   */
  readonly autoBookShared?: boolean | undefined;
  /** Default true. When false the client neither contributes to nor draws from the network. */
  readonly network?: boolean | undefined;
}

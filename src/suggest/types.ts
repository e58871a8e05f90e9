/**
 * What `suggest` returns.
 */
import type { AccountNo, Voucher } from '../knowledge/types.js';
import type { OpenItemEvidence, OpenItemFeatures } from '../openitems/match.js';

/** Where a suggestion's evidence came from, best first. */
export const SUGGESTION_SOURCES = ['client', 'bureau', 'network', 'rule'] as const;
export type SuggestionSource = (typeof SUGGESTION_SOURCES)[number];

/**
 * How the counterparty was found in the client's history. `swish-private`: not this payer, but
 * how the client books the other private persons who paid by Swish. `no-text`: the line has no
 * text, and the client's other text-less bookings are the evidence. `words`: the counterparty is new,
 * and the text model (what the words, transaction type and amount say) is the evidence. `open-item`:
 * the line settles an open invoice of the client's books (see {@link Suggestion.openItem}). `refund`:
 * money back from a counterparty the client only pays (or paid to one that only pays it), read as a
 * refund or credit of its usual booking, reversed; for review unless the client booked earlier refunds
 * from the party so (same account, VAT mode and rate as its purchases, reversed). `transfer` (set by
 * `Kontera.suggest`): money between two of the client's own bank accounts, booked against the other
 * one; always for review, confidence 0.
 */
export const MATCH_KINDS = ['exact', 'giro', 'fuzzy', 'tokens', 'swish-private', 'no-text', 'words', 'open-item', 'refund', 'transfer'] as const;
export type MatchKind = (typeof MATCH_KINDS)[number];

/** A runner-up account. */
export interface Alternative {
  readonly account: AccountNo;
  readonly confidence: number;
  readonly source: SuggestionSource;
  readonly reason: string;
}

/** The voucher that books a line already (see {@link Suggestion.booked}). */
export interface BookedAlready {
  /** Series and number as the voucher has them (SIE `#VER`, or kontera's numbering). */
  readonly series: string;
  readonly number: string;
  /** `sie`: a voucher of the client's books learned with `learnFromSie`; `confirmed`: confirmed in kontera. */
  readonly from: 'sie' | 'confirmed';
}

/**
 * A suggested booking for one bank line. `voucher` is null when the engine holds back (thin or
 * conflicting evidence); `account` is then the best guess, if any, for display only.
 */
export interface Suggestion {
  /** Balanced to the öre: the bank row against counter and VAT rows. */
  readonly voucher: Voucher | null;
  readonly account: AccountNo | null;
  /** Calibrated: among suggestions with confidence ≥ c, about c or more were right on the benchmark. */
  readonly confidence: number;
  readonly source: SuggestionSource | null;
  /** A sentence a bookkeeper understands. */
  readonly reason: string;
  readonly alternatives: readonly Alternative[];
  /** Someone should look at this before it is booked. */
  readonly review: boolean;
  /** Why `review` is set (empty when it is not). */
  readonly reviewReasons: readonly string[];
  /** True when the voucher may be booked without review under the client's threshold. */
  readonly autoBook: boolean;
  /** The normalised counterparty key, null when the text had none. */
  readonly key: string | null;
  /**
   * Set (by `Kontera.suggest`) when the client's knowledge was learned under other key rules than
   * this kontera's (an upgrade changed how bank texts are keyed): known counterparties may look new
   * until the client is relearned (`Kontera.relearn`, `kontera relearn --client ID`).
   */
  readonly keyRulesOutdated?: true | undefined;
  /**
   * Set (by `Kontera.suggest`) on an imported line that a voucher books already: one of the client's
   * own books learned from SIE (`from: 'sie'`), or one confirmed in kontera (`from: 'confirmed'`).
   * Such a suggestion is never auto-booked (`autoBook` false, `review` true, with a review reason
   * naming the voucher): `confirm` refuses the line (`CONFLICT`).
   */
  readonly booked?: BookedAlready | undefined;
  /** How the client's history was matched, when it was. */
  readonly match?: MatchKind | undefined;
  /**
   * When the voucher settles open items of the client's books (a supplier or customer invoice):
   * the match's evidence class and features, and the ids of the items it settles. Confirming the
   * voucher as proposed settles exactly these items.
   */
  readonly openItem?:
    | {
        readonly evidence: OpenItemEvidence;
        readonly features: OpenItemFeatures;
        readonly items: readonly string[];
      }
    | undefined;
}

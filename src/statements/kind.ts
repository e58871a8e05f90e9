/**
 * Coarse transaction kind from the bank's texts (formats.md §3.4). Only what the text shows:
 * no kind is better than a wrong one.
 */
import type { TransactionKind } from './types.js';

interface KindRule {
  readonly kind: TransactionKind;
  readonly pattern: RegExp;
}

/**
 * Whole-word alternatives, case-insensitive. JavaScript's `\b` treats å, ä and ö as non-word
 * characters ("\böverföring" never matches), so word edges are letter/digit lookarounds instead.
 */
function words(...alternatives: string[]): RegExp {
  return new RegExp(`(?<![\\p{L}\\d])(?:${alternatives.join('|')})(?![\\p{L}\\d])`, 'iu');
}

// Order matters: the first rule that matches wins (Skatteverket before bankgiro, fees before card).
const KIND_RULES: readonly KindRule[] = [
  // Payment to / refund from the tax account: Skatteverket's bankgiro 5050-1055, refunds 5050-1030.
  { kind: 'tax-account', pattern: words('skatteverket', 'skattev', '5050-1055', '5050-1030', 'preliminär ?skatt', 'skattekonto', 'skatteåterbäring') },
  { kind: 'salary', pattern: words('lön', 'löner', 'löneutbetalning', 'lon', 'salary', 'sal [a-zåäö]+ \\d{4}') },
  { kind: 'fee', pattern: words('pris enl spec', 'avgift', 'avgifter', 'vardagspaket', 'pris nyckelkund', 'månadsavgift', 'årsavgift', 'kortavgift', 'fee', '[\\p{L}]*avgift') },
  // Compounds too: Kreditränta, Inlåningsränta, Dröjsmålsränta.
  { kind: 'interest', pattern: words('ränta', 'sparränta', 'intäktsränta', 'kostnadsränta', 'räntor', 'interest', '[\\p{L}]+ränta') },
  { kind: 'swish', pattern: words('swish', 'swish(?:in)?betalning') },
  { kind: 'autogiro', pattern: words('autogiro', 'autogiro(?:dragning|betalning)', 'direct debit') },
  { kind: 'plusgiro', pattern: words('pg(?!-bg)', 'plusgiro', 'plusgiro(?:in)?betalning') },
  // An e-faktura is an invoice delivered to the internet bank; paying it sends a giro payment to the
  // biller's number (Bankgirot runs the e-faktura service; formats.md §3.4 groups `E-faktura` with
  // `Pg-Bg`/`Bg-bet`): an invoice paid by giro like any other, hence 'bankgiro'.
  { kind: 'bankgiro', pattern: words('bg', 'bankgiro', 'bankgiro(?:in)?betalning', 'bg-bet\\.?', 'pg-bg', 'e-faktura', 'bg kontoins') },
  { kind: 'card', pattern: words('kortköp', 'kortköp/uttag', 'kort', 'korttransaktion', 'kortbetalning', 'card purchase', 'card payment', 'card transaction') },
  { kind: 'transfer', pattern: words('överföring', 'överföring via internet', 'insättning', 'uttag', 'bankomatuttag', 'kontantuttag', 'incoming payment', 'transfer') },
];

/** SEB card purchases: merchant padded to 12 characters, a slash and the purchase date YY-MM-DD. */
const SEB_CARD = /^.{1,12}\/\d{2}-\d{2}-\d{2}$/;
/** SEB writes Swish as digits only: 46… (phone, 11 digits) or 123… (Swish-företag, 10 digits). */
const SEB_SWISH = /^(?:46\d{9}|123\d{7})$/;
/**
 * SEB writes a transfer between the customer's own accounts as the other account's number: a
 * 4-digit clearing number and 7 digits, bare or grouped as SEB prints it (`53571098765`,
 * `5357 10 987 65`, `5357-10 987 65`). Eleven digits are no Swish number unless they start with 46.
 */
const SEB_ACCOUNT = /^\d{4}[ -]?\d{2} ?\d{3} ?\d{2}$/;

/** Bankgiro numbers are 7–8 digits written NNN-NNNN or NNNN-NNNN (Nordea's Mottagare column). */
const BANKGIRO_NUMBER = /^\d{3,4}-\d{4}$/;
/** Plusgiro numbers end in a check digit after a dash: 4875503-7, 192 69 85-1. */
const PLUSGIRO_NUMBER = /^(?:\d{1,7}|\d{1,3}(?: \d{2}){1,3})-\d$/;

/** Classifies a row from its text, the bank's type column and the counterparty name. */
export function classifyKind(text: string, typeText?: string, counterparty?: string): TransactionKind | undefined {
  const parts = [typeText, text, counterparty].filter((p): p is string => p !== undefined && p !== '');
  for (const rule of KIND_RULES) {
    if (parts.some((p) => rule.pattern.test(p))) return rule.kind;
  }
  const t = text.trim();
  if (SEB_CARD.test(t)) return 'card';
  if (SEB_SWISH.test(t)) return 'swish';
  if (SEB_ACCOUNT.test(t)) return 'transfer';
  return undefined;
}

/**
 * Skatteverket's bankgiro numbers: 5050-1055 (payments to the tax account) and 5050-1030 (its
 * refunds, `BG KONTOINS` with the message `5050-1030 SK<orgnr>`), with or without the dash.
 */
const TAX_ACCOUNT_GIRO = /(?<!\d)5050-?10(?:55|30)(?!\d)/;

/**
 * True when the other party's account, or the row's message, is one of Skatteverket's bankgiro
 * numbers: the money went to or came from the tax account, whatever the text calls it
 * (`Betalning`, `BG KONTOINS`).
 */
export function namesTaxAccountGiro(counterpartyAccount: string | undefined, reference: string | undefined): boolean {
  return (counterpartyAccount !== undefined && TAX_ACCOUNT_GIRO.test(counterpartyAccount)) || (reference !== undefined && TAX_ACCOUNT_GIRO.test(reference));
}

/** Bankgiro or plusgiro, from the shape of the other party's number alone (when the texts say nothing). */
export function kindFromAccount(counterpartyAccount: string): TransactionKind | undefined {
  if (BANKGIRO_NUMBER.test(counterpartyAccount)) return 'bankgiro';
  if (PLUSGIRO_NUMBER.test(counterpartyAccount)) return 'plusgiro';
  return undefined;
}

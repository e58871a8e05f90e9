/**
 * Built-in BAS rules, as data: used only when neither the client, the bureau nor the network knows
 * the counterparty. Each rule carries the sentence shown to the bookkeeper. Sources: formats.md
 * §2.2 (real bookings seen in exports) and §3.4 (bank text patterns).
 */
import type { AccountNo, Direction, VatMode, VatRate } from '../knowledge/types.js';
import type { TransactionKind } from '../statements/types.js';

/** One built-in rule. */
export interface BuiltinRule {
  readonly id: string;
  /** Tested against the upper-cased bank text (and reference/counterparty columns). */
  readonly pattern?: RegExp | undefined;
  /** Matches when the text carries this bankgiro number. */
  readonly bankgiro?: string | undefined;
  /**
   * Also matches when the statement parser gave the line one of these kinds (from the bank's type
   * column, which the text may not repeat). Only for kinds as narrow as the rule itself: `fee` also
   * covers membership and union fees, so it does not imply a bank fee.
   */
  readonly kinds?: readonly TransactionKind[] | undefined;
  /** Only for money in or out; both when absent. */
  readonly direction?: Direction | undefined;
  readonly account: AccountNo;
  readonly vat: { readonly mode: VatMode; readonly rate: VatRate };
  /** Prior confidence before calibration; rules that need facts from outside the bank line stay low. */
  readonly confidence: number;
  /** Always ask a human (e.g. salary needs payroll data). */
  readonly review?: boolean | undefined;
  readonly reason: string;
}

/** In priority order: the first rule that matches wins. */
export const BUILTIN_RULES: readonly BuiltinRule[] = [
  {
    id: 'skatteverket-refund',
    bankgiro: '5050-1030',
    direction: 'in',
    account: '1630',
    vat: { mode: 'none', rate: 0 },
    confidence: 0.95,
    reason: 'Refund from Skatteverket (bankgiro 5050-1030) is credited to the tax account 1630.',
  },
  {
    id: 'skatteverket-bankgiro',
    bankgiro: '5050-1055',
    account: '1630',
    vat: { mode: 'none', rate: 0 },
    confidence: 0.95,
    reason: 'Payments to Skatteverket\'s bankgiro 5050-1055 go to the tax account 1630.',
  },
  {
    id: 'skatteverket-name',
    pattern: /\bSKATTEVERKET\b|^SKV\b/,
    kinds: ['tax-account'],
    account: '1630',
    vat: { mode: 'none', rate: 0 },
    confidence: 0.9,
    reason: 'Skatteverket lines are booked against the tax account 1630.',
  },
  {
    id: 'bank-fee',
    pattern: /PRIS ENL SPEC|BANKKOSTNAD|\bAVGIFT(?:ER)?\b|VARDAGSPAKET|PRIS NYCKELKUND|M[ÅA]NADSAVGIFT|KONTOAVGIFT|\bBANKTJ[ÄA]NSTER|\bKORTAVGIFT|\bÅRSAVGIFT/,
    direction: 'out',
    account: '6570',
    vat: { mode: 'none', rate: 0 },
    confidence: 0.9,
    reason: 'Bank fees go to 6570 Bankkostnader, without VAT (financial services are exempt).',
  },
  {
    id: 'interest-income',
    pattern: /R[ÄA]NTA|SPARR[ÄA]NTA|INT[ÄA]KTSR[ÄA]NTA/,
    kinds: ['interest'],
    direction: 'in',
    account: '8310',
    vat: { mode: 'none', rate: 0 },
    confidence: 0.8,
    reason: 'Interest received goes to 8310 Ränteintäkter, without VAT.',
  },
  {
    id: 'interest-cost',
    pattern: /R[ÄA]NTA|KOSTNADSR[ÄA]NTA/,
    kinds: ['interest'],
    direction: 'out',
    account: '8410',
    vat: { mode: 'none', rate: 0 },
    confidence: 0.75,
    reason: 'Interest paid goes to 8410 Räntekostnader, without VAT.',
  },
  // Category words accountants write as voucher texts (SIE history) and some banks print. Lower
  // confidence: they say what was bought, not how this client books it.
  { id: 'office-supplies', pattern: /\bKONTORSMAT(?:ERIAL|ERIEL)\b/, direction: 'out', account: '6110', vat: { mode: 'standard', rate: 25 }, confidence: 0.7, reason: 'Office supplies go to 6110 Kontorsmateriel with 25 % VAT.' },
  { id: 'postage', pattern: /\bFRIM[ÄA]RKEN\b|\bPORTO\b/, direction: 'out', account: '6250', vat: { mode: 'standard', rate: 25 }, confidence: 0.7, reason: 'Stamps and postage go to 6250 Postbefordran.' },
  { id: 'advertising', pattern: /\bREKLAM\b|\bANNONS(?:ER|ERING)?\b/, direction: 'out', account: '5910', vat: { mode: 'standard', rate: 25 }, confidence: 0.6, reason: 'Advertising goes to 5910 Annonsering with 25 % VAT.' },
  { id: 'insurance', pattern: /F[ÖO]RS[ÄA]KRING/, direction: 'out', account: '6310', vat: { mode: 'none', rate: 0 }, confidence: 0.7, reason: 'Insurance premiums go to 6310 Företagsförsäkringar, without VAT.' },
  { id: 'fuel', pattern: /\bDRIVMEDEL\b|\bBENSIN\b|\bDIESEL\b/, direction: 'out', account: '5611', vat: { mode: 'standard', rate: 25 }, confidence: 0.65, reason: 'Fuel goes to 5611 Drivmedel för personbilar with 25 % VAT.' },
  { id: 'rent', pattern: /\bLOKALHYRA\b/, direction: 'out', account: '5010', vat: { mode: 'standard', rate: 25 }, confidence: 0.65, reason: 'Premises rent goes to 5010 Lokalhyra.' },
  { id: 'newspapers', pattern: /\bTIDNING(?:AR)?\b|\bTIDSKRIFT/, direction: 'out', account: '6970', vat: { mode: 'standard', rate: 6 }, confidence: 0.6, reason: 'Newspapers and journals go to 6970 with 6 % VAT.' },
  {
    id: 'salary',
    pattern: /^L[ÖO]N\b|L[ÖO]NEUTBETALNING/,
    kinds: ['salary'],
    direction: 'out',
    account: '7210',
    vat: { mode: 'none', rate: 0 },
    confidence: 0.5,
    review: true,
    reason: 'Salary payments go to 7210 Löner till tjänstemän; the tax and social fees need payroll data.',
  },
];

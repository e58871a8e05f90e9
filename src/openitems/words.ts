/**
 * Data only: the words Swedish vouchers and bank lines put around an invoice's counterparty, which
 * name no one. Voucher texts as bookkeeping programs write them ("Kundfakt 2446", "Lev.fakt -
 * journalnr 152", "Inbetalningsjournal nr 154", "Betalning för fakt. 15, Ulla Andersson", seen in
 * the SIE corpus of Fortnox, BL, Visma, SoftOne and Norstedts exports) and bank texts
 * (formats.md §3.4). Upper case, after `normalizeText`.
 *
 * @module
 */

/** Bookkeeping words: invoice, payment and journal vocabulary. */
export const BOOKKEEPING_WORDS: ReadonlySet<string> = new Set([
  'FAKTURA', 'FAKTUROR', 'FAKT', 'FA', 'FAKTNR', 'FAKTURANR', 'FAKTURANUMMER', 'KUNDFAKTURA', 'KUNDFAKT', 'KUNDFAKTUROR',
  'LEVFAKTURA', 'LEVFAKT', 'LEVERANTÖRSFAKTURA', 'LEVERANTÖRSFAKT', 'LEVERANTÖR', 'LEVERANTÖRER', 'LEV', 'LEVERANTÖRSSKULD',
  'KREDITFAKTURA', 'KREDITNOTA', 'KREDIT', 'FAKTURAJOURNAL', 'LEVERANTÖRSFAKTURAJOURNAL', 'INBETALNINGSJOURNAL',
  'UTBETALNINGSJOURNAL', 'JOURNAL', 'JOURNALNR', 'INBETALNING', 'INBETALNINGAR', 'UTBETALNING', 'UTBETALNINGAR',
  'INBET', 'UTBET', 'KUNDINBET', 'KUNDINBETALNING', 'KUNDBET', 'KUNDBETALNING', 'LEVBET', 'LEVERANTÖRSBETALNING',
  'BETALNING', 'BETALNINGAR', 'BET', 'BETALD', 'DELBETALNING', 'SLUTBETALNING', 'AVBETALNING', 'REST', 'RESTERANDE',
  'KUND', 'KUNDNR', 'KUNDFORDRAN', 'KUNDFORDRINGAR', 'NR', 'NUMMER', 'REF', 'REFERENS', 'OCR', 'MEDD', 'MEDDELANDE',
  'AVSER', 'ENL', 'ENLIGT', 'SEK', 'KR', 'VER', 'VERIFIKATION', 'BG', 'PG', 'BANKGIRO', 'PLUSGIRO', 'BANKGIROT',
  'INSÄTTNING', 'ÖVERFÖRING', 'AUTOGIRO', 'AG', 'EFAKTURA', 'E', 'BETALNINGSUPPDRAG', 'BETALT', 'DEL', 'MOMS',
  'TILL', 'FRÅN', 'FR', 'PÅ', 'OCH', 'AV', 'FÖR', 'M', 'FL', 'MFL', 'SAMT', 'MED', 'PER', 'OMBOK', 'OMBOKNING',
]);

/** Words after which a short number is an invoice or customer number ("fakt. 15", "nr 42"). */
export const REFERENCE_WORDS: ReadonlySet<string> = new Set([
  'FAKTURA', 'FAKT', 'FA', 'FAKTNR', 'FAKTURANR', 'FAKTURANUMMER', 'KUNDFAKTURA', 'KUNDFAKT', 'LEVFAKT',
  'LEVFAKTURA', 'KREDITFAKTURA', 'NR', 'NUMMER', 'REF', 'REFERENS', 'OCR',
]);

/**
 * Data only: the noise Swedish bank texts carry around the counterparty's name. Each entry says
 * where it was seen (formats.md §3.4 and the corpus files in ../shared/corpus/bank).
 */

/**
 * Transaction-type prefixes, matched at the start of the (upper-cased) text, repeatedly.
 * Group 1, when present, is a YYMMDD purchase date.
 */
export const TYPE_PREFIXES: readonly { readonly pattern: RegExp; readonly source: string }[] = [
  // Nordea "Kortköp 230415 ICA NARA ORMINGE" / "KORTKÖP 230415 …"
  { pattern: /^KORTK[ÖO]P\s+(\d{6})\s+/, source: 'Nordea card purchase with YYMMDD' },
  { pattern: /^KORTK[ÖO]P(?:\/UTTAG)?\s+/, source: 'Swedbank Beskrivning "Kortköp/uttag"' },
  // "KORT PAYPAL *HKSITES 26", "KORT  CLAUDE AI SUBSC"
  { pattern: /^KORT(?:TRANSAKTION)?\s+/, source: 'Nordea/ICA card lines' },
  { pattern: /^K[ÖO]P\s+/, source: 'generic "Köp"' },
  // "Swish betalning JOHAN", "Swish inbetalning FÖRENINGEN"
  { pattern: /^SWISH\s+(?:BETALNING|INBETALNING|UTBETALNING|BET|INB)?\s*/, source: 'Nordea Swish lines' },
  // "Betalning BG 5050-1055 Skatteverket", "Bg-bet", "BG 5050-1055 SKATTEVERKET"
  { pattern: /^(?:BETALNING|BET)\s+(?:BG|PG)?\s*/, source: 'Nordea "Betalning BG/PG"' },
  { pattern: /^(?:BG|PG)-?BET\.?\s+/, source: 'Swedbank "Bg-bet"' },
  { pattern: /^(?:BG|PG|BANKGIRO|PLUSGIRO)\s+(?!INBETALNING)/, source: 'giro prefix' },
  { pattern: /^(?:E-?FAKTURA|AUTOGIRO|AG)\s+/, source: 'e-invoice and direct debit' },
  { pattern: /^PG-BG\s+/, source: 'ICA Banken Typ "Pg-Bg"' },
];

/** Words that never identify a counterparty (references, invoice words). Upper case. */
export const NOISE_WORDS: ReadonlySet<string> = new Set([
  'FAKT', 'FAKTURA', 'FAKTURANR', 'FAKTNR', 'NR', 'KUND', 'KUNDNR', 'REF', 'REFERENS', 'OCR', 'MEDD',
  'MEDDELANDE', 'BETALNING', 'BET', 'AVSER', 'SEK', 'KR', 'ENL', 'BM', 'LNR', 'JOURNALNR', 'VER',
  'TILL', 'FRÅN', 'FR', 'PÅ', 'OCH', 'AV', 'FÖR', 'M', 'FL', 'MFL',
]);

/** Legal-form words dropped at the end of a name ("FÄNSBODA AB", "Goodman Lawrence Co"). */
export const LEGAL_FORMS: ReadonlySet<string> = new Set([
  'AB', 'PUBL', 'HB', 'KB', 'EF', 'AKTIEBOLAG', 'HANDELSBOLAG', 'KOMMANDITBOLAG', 'EK', 'EKONOMISK',
  'FÖRENING', 'LTD', 'LIMITED', 'INC', 'LLC', 'GMBH', 'OY', 'OYJ', 'AS', 'ASA', 'APS', 'BV', 'NV', 'SA',
  'SARL', 'SRL', 'CO', 'CORP', 'PLC', 'SE',
]);

/** Month names and abbreviations: "LÖN MARS", "Moms jan–mars", "Hyra april". */
export const MONTH_WORDS: ReadonlySet<string> = new Set([
  'JANUARI', 'FEBRUARI', 'MARS', 'APRIL', 'MAJ', 'JUNI', 'JULI', 'AUGUSTI', 'SEPTEMBER', 'OKTOBER',
  'NOVEMBER', 'DECEMBER', 'JAN', 'FEB', 'MAR', 'APR', 'JUN', 'JUL', 'AUG', 'SEP', 'SEPT', 'OKT', 'NOV', 'DEC',
]);

/**
 * Place names that card terminals append ("ICA NARA ORMINGE", "PRESSBYRAN STOCKHOLM C"). Only
 * dropped at the end of a name with something before them.
 */
export const CITY_TAILS: ReadonlySet<string> = new Set([
  'STOCKHOLM', 'STHLM', 'GÖTEBORG', 'GOTEBORG', 'GBG', 'MALMÖ', 'MALMO', 'UPPSALA', 'VÄSTERÅS', 'ÖREBRO',
  'LINKÖPING', 'HELSINGBORG', 'JÖNKÖPING', 'NORRKÖPING', 'LUND', 'UMEÅ', 'GÄVLE', 'BORÅS', 'SÖDERTÄLJE',
  'ESKILSTUNA', 'HALMSTAD', 'VÄXJÖ', 'KARLSTAD', 'SUNDSVALL', 'ÖSTERSUND', 'TROLLHÄTTAN', 'LULEÅ',
  'KALMAR', 'KRISTIANSTAD', 'SKÖVDE', 'FALUN', 'NACKA', 'SOLNA', 'SUNDBYBERG', 'KISTA', 'TÄBY', 'HUDDINGE',
  'ORMINGE', 'LIDINGÖ', 'BROMMA', 'VÄLLINGBY', 'FARSTA', 'SKÄRHOLMEN', 'KUMLA', 'LINDESBERG', 'VISBY',
  'ARLANDA', 'KIRUNA', 'NORRTÄLJE', 'ÅRE', 'MÖLNDAL', 'KUNGSBACKA', 'VARBERG', 'LANDSKRONA', 'YSTAD',
  'TRELLEBORG', 'KARLSKRONA', 'MOTALA', 'NYKÖPING', 'ENKÖPING', 'SANDVIKEN', 'PITEÅ', 'SKELLEFTEÅ',
  'HÄSSLEHOLM', 'ÄNGELHOLM', 'ALINGSÅS', 'LERUM', 'PARTILLE', 'HAPARANDA', 'C', 'CITY', 'CENTRUM',
  'SE', 'SWE', 'SWEDEN',
]);

/**
 * Words that name only the kind of a bank transaction, never who it was with. A field made of
 * nothing else (Swedbank's business report puts `Kortköp`, `Överföring via internet`, `Bankgiro
 * inbetalning` in its Text column and the merchant or payer in Referens) is a type signal, and the
 * counterparty is taken from another field. Upper case, with and without å ä ö.
 */
export const TRANSACTION_TYPE_WORDS: ReadonlySet<string> = new Set([
  'KORTKÖP', 'KORTKOP', 'KORTTRANSAKTION', 'KORTBETALNING', 'KORT', 'KÖP', 'KOP', 'UTTAG', 'KONTANTUTTAG',
  'BANKOMAT', 'INSÄTTNING', 'INSATTNING', 'ÖVERFÖRING', 'OVERFORING', 'VIA', 'INTERNET', 'INTERNETBANK',
  'INTERNETBANKEN', 'MOBILBANK', 'MOBILBANKEN', 'BANKGIRO', 'PLUSGIRO', 'BG', 'PG', 'INBETALNING',
  'UTBETALNING', 'BETALNING', 'BET', 'SWISH', 'AUTOGIRO', 'AG', 'EFAKTURA', 'E', 'FAKTURA', 'GIRERING',
  'DIREKTDEBITERING', 'DEBITERING', 'KREDITERING', 'TRANSAKTION', 'UTLANDSBETALNING', 'UTLANDSBET',
  'CARD', 'PURCHASE', 'TRANSFER', 'PAYMENT', 'DEPOSIT', 'WITHDRAWAL', 'DIRECT', 'DEBIT', 'CREDIT',
  'INCOMING', 'OUTGOING', 'RECEIVED', 'SENT', 'MOBIL', 'KONTO',
  // A customer's or a supplier's payment (kundbetalning, leverantörsbetalning), as banks and
  // bookkeeping programs abbreviate them: the kind of payment, the party named elsewhere.
  'KUNDBET', 'KUNDBETALNING', 'KUNDINBETALNING', 'KUNDINBET', 'LEVBET', 'LEVERANTÖRSBETALNING', 'LEVERANTORSBETALNING',
]);

/**
 * The first word of a bank text → the canonical transaction type it names (a feature of the text
 * model, and the type signal of a type-only field).
 */
export const TRANSACTION_TYPE_LABELS: ReadonlyMap<string, string> = new Map([
  ['KORTKÖP', 'KORT'], ['KORTKOP', 'KORT'], ['KORT', 'KORT'], ['KORTTRANSAKTION', 'KORT'], ['KORTBETALNING', 'KORT'],
  ['KÖP', 'KORT'], ['KOP', 'KORT'], ['CARD', 'KORT'],
  ['UTTAG', 'UTTAG'], ['KONTANTUTTAG', 'UTTAG'], ['BANKOMAT', 'UTTAG'], ['WITHDRAWAL', 'UTTAG'],
  ['INSÄTTNING', 'INSÄTTNING'], ['INSATTNING', 'INSÄTTNING'], ['DEPOSIT', 'INSÄTTNING'],
  ['ÖVERFÖRING', 'ÖVERFÖRING'], ['OVERFORING', 'ÖVERFÖRING'], ['TRANSFER', 'ÖVERFÖRING'], ['GIRERING', 'ÖVERFÖRING'],
  ['BANKGIRO', 'BG'], ['BG', 'BG'], ['PLUSGIRO', 'PG'], ['PG', 'PG'],
  ['SWISH', 'SWISH'], ['AUTOGIRO', 'AUTOGIRO'], ['AG', 'AUTOGIRO'], ['DIREKTDEBITERING', 'AUTOGIRO'],
  ['EFAKTURA', 'E-FAKTURA'], ['E', 'E-FAKTURA'],
  ['INBETALNING', 'INBETALNING'], ['UTBETALNING', 'UTBETALNING'], ['BETALNING', 'BETALNING'], ['BET', 'BETALNING'], ['PAYMENT', 'BETALNING'],
  ['UTLANDSBETALNING', 'UTLAND'], ['UTLANDSBET', 'UTLAND'],
  ['KUNDBET', 'KUNDBET'], ['KUNDBETALNING', 'KUNDBET'], ['KUNDINBETALNING', 'KUNDBET'], ['KUNDINBET', 'KUNDBET'],
  ['LEVBET', 'LEVBET'], ['LEVERANTÖRSBETALNING', 'LEVBET'], ['LEVERANTORSBETALNING', 'LEVBET'],
]);

/**
 * Words that mark a line as money back for an earlier purchase (or paid back on an earlier sale):
 * a refund, a return, a credit note. Upper case, as in a counterparty key. Not `KREDITERING`, which
 * banks use for any money in.
 */
export const REFUND_WORDS: ReadonlySet<string> = new Set([
  'ÅTERBETALNING', 'ATERBETALNING', 'ÅTERBET', 'ATERBET', 'ÅTERBÄRING', 'ATERBARING', 'RETUR', 'RETURER', 'RETURNERING',
  'KREDITNOTA', 'KREDITFAKTURA', 'ÅTERKÖP', 'ATERKOP', 'REFUND', 'REFUNDERING', 'ÅTERFÖRING', 'ATERFORING',
]);

/*
 * The grammar of a bank text written as a sentence ("Sent money to Tove Lindqvist", "Card
 * transaction of 612.50 SEK issued by Björks Färg Lund", "Betalning till Ekdahls Måleri AB avseende
 * faktura 123", "Kortköp hos Björks Färg"). These are words of English and Swedish, not of any one
 * bank's export: the prepositions that introduce the other party, the few verbs and nouns a
 * payment sentence opens with besides the transaction-type words above, the words that open a
 * reference or message clause after the name, and the currency codes an amount is written with.
 * counterparty.ts reads a text as a sentence only when every word before the preposition is one of
 * these, a type word, a noise word or a number; the name is the span after it, up to a clause
 * marker, a number or an amount.
 */

/** Prepositions that introduce the other party: from, to, by, at; till, från (fran without å), hos, av. */
export const PARTY_PREPOSITIONS: ReadonlySet<string> = new Set(['FROM', 'TO', 'BY', 'AT', 'TILL', 'FRÅN', 'FRAN', 'HOS', 'AV']);

/**
 * Verbs and nouns of a payment sentence's head that are not transaction-type words ("issued by",
 * "paid to", "sent money to", "money received from"; "betalt till", "skickat till", "mottaget från").
 */
export const SENTENCE_HEAD_WORDS: ReadonlySet<string> = new Set([
  'ISSUED', 'PAID', 'SENT', 'MONEY', 'SPENT', 'CHARGED', 'MADE', 'TRANSACTION', 'TRANSFERRED', 'REQUESTED',
  'BETALT', 'BETALD', 'BETALDA', 'SKICKAT', 'SKICKADE', 'MOTTAGET', 'MOTTAGEN', 'MOTTAGNA', 'PENGAR', 'ÖVERFÖRT', 'OVERFORT',
]);

/** Words that open a reference or message clause after the name: with reference …, ref …, avseende faktura …, meddelande …, OCR …. */
export const CLAUSE_MARKERS: ReadonlySet<string> = new Set([
  'WITH', 'REF', 'REFERENCE', 'MESSAGE', 'NOTE', 'MEMO', 'INVOICE',
  'AVSEENDE', 'AVSER', 'MEDDELANDE', 'MEDD', 'REFERENS', 'OCR', 'FAKTURA', 'FAKTURANR', 'FAKT',
]);

/**
 * ISO 4217 codes of the currencies Swedish businesses are paid and charged in. Next to a number
 * ("612.50 SEK", "EUR 12,00") one is part of an amount, never of a name.
 */
export const CURRENCY_CODES: ReadonlySet<string> = new Set([
  'SEK', 'EUR', 'USD', 'GBP', 'NOK', 'DKK', 'ISK', 'CHF', 'PLN', 'CZK', 'HUF', 'JPY', 'CNY', 'CAD', 'AUD', 'NZD', 'SGD', 'HKD', 'INR', 'TRY', 'THB',
]);

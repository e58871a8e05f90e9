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

/**
 * The privacy rule of the cross-bureau network: a counterparty key is never shared when it, or
 * the line it came from, points at a private person. Checked words are the key's own; numbers and
 * e-mail addresses are looked for in the whole line (text, reference and counterparty columns).
 *
 * - a personal name: a listed Swedish given name or surname (./names.ts), or a word ending in -SSON
 *   (a name in the genitive before a trade word, "HEDLUNDS EL", is a business and does not count);
 * - an e-mail address, or the user part of one next to a mail provider's name (`ANNA.ANDERSSON GMAIL`);
 * - a street address: a word with a street ending that is almost never anything else (`STORGATAN`,
 *   `BJÖRKVÄGEN`, `KOPPARGRÄND`), an address word (`LGH 1102`, `c/o`), or a word with an ending
 *   that merchants share with streets (`BJÖRKBACKEN`, `ÄPPELALLÉN` beside `WEBHALLEN`,
 *   `MATHALLEN`) when the line gives address evidence: a house number right after it
 *   (`BJÖRKBACKEN 4`, `EKLIDEN 12B`), a postcode (`123 45 LUND`), or another street word;
 * - a date-like 10- or 12-digit number (YYMMDD + 4 digits), whatever its check digit: a
 *   personnummer with a typo is still one.
 *
 * An organisation marker in the line (AB, HB, KB, BRF, kommun, region, förening, …) or a known
 * merchant key lifts the name and street rules ("ANDERSSONS BYGG AB", "BRF STORGATAN 12", "CLAS
 * OHLSON"); nothing lifts an e-mail address or a personal number.
 */
import { GIVEN_NAMES, NAMED_MERCHANTS, SURNAMES } from './names.js';
import { CURRENCY_CODES } from './noise.js';
import { countDigits, normalizeText } from './text.js';

const NAMES: ReadonlySet<string> = new Set([...GIVEN_NAMES, ...SURNAMES]);
/** Fewest letters of a word taken as a surname by its -SSON ending alone ("OLSSON" has 6). */
const SSON_MIN_LENGTH = 6;

/** Words that mark an organisation, not a person. */
const ORGANISATION_MARKERS: ReadonlySet<string> = new Set([
  'AB', 'PUBL', 'HB', 'KB', 'AKTIEBOLAG', 'AKTIEBOLAGET', 'HANDELSBOLAG', 'KOMMANDITBOLAG', 'EKONOMISK', 'FÖRENING',
  'FÖRENINGEN', 'BRF', 'BOSTADSRÄTTSFÖRENING', 'BOSTADSRÄTTSFÖRENINGEN', 'KOMMUN', 'KOMMUNEN', 'REGION', 'REGIONEN',
  'LANDSTING', 'LANDSTINGET', 'FÖRSAMLING', 'STIFTELSE', 'STIFTELSEN', 'LTD', 'LIMITED', 'INC', 'LLC', 'GMBH', 'OY',
  'OYJ', 'ASA', 'APS', 'PLC', 'CORP',
]);

/**
 * Endings of Swedish street names that a business name almost never has: a word with one is a
 * street on its own (the word must be longer than the ending by two letters).
 */
const STREET_ENDINGS = ['GATAN', 'GATA', 'VÄGEN', 'VÄG', 'GRÄND', 'GRÄNDEN'];
/**
 * Endings streets share with business and place names (WEBHALLEN, MATHALLEN, TRYCKERIET EKBACKEN,
 * FLYGPLAN): a word with one is a street only with address evidence in the line
 * ({@link addressEvidence}). Keys are normalised (ALLÉN is written ALLEN).
 */
const WEAK_STREET_ENDINGS = ['ALLEN', 'BACKEN', 'LEDEN', 'PLAN', 'TORGET', 'STIGEN', 'SLINGAN', 'BRINKEN', 'LIDEN', 'KROKEN'];
/** A house number as bank texts write it after the street: "4", "12B", "3A" (not a store number of four digits). */
const HOUSE_NUMBER = /^\d{1,3}[A-Z]?$/;
/** A Swedish postcode ("123 45", "12345") followed by a place name. */
const POSTCODE = /(?<![\d.,])[1-9]\d{2} ?\d{2}(?![\d.,]) +([A-ZÅÄÖ]{2,})/;
/** Words that announce an address: lägenhet (flat) and its number. */
const ADDRESS_WORDS: ReadonlySet<string> = new Set(['LGH', 'LÄGENHET', 'C/O', 'CO/']);
const CARE_OF = /(?<![A-Z0-9ÅÄÖ])C\/O(?![A-Z0-9ÅÄÖ])/;
/** Mail providers whose name next to a person's user part gives the address away. */
const MAIL_PROVIDERS: ReadonlySet<string> = new Set(['GMAIL', 'HOTMAIL', 'OUTLOOK', 'YAHOO', 'ICLOUD', 'LIVE.SE', 'LIVE.COM', 'TELIA.COM', 'BREDBAND', 'SPRAY']);

const EMAIL = /[A-Z0-9._%+-]@[A-Z0-9-]+\.[A-Z]{2,}/i;
const DATE_LIKE = /(?<!\d)(?:19|20)?(\d{6})[-+]?\d{4}(?!\d)/g;
const WORD_SPLIT = /[^A-Z0-9ÅÄÖÉÜ@._-]+/;

function dateLike(d6: string): boolean {
  const month = Number(d6.slice(2, 4));
  const day = Number(d6.slice(4, 6));
  return month >= 1 && month <= 12 && ((day >= 1 && day <= 31) || (day >= 61 && day <= 91));
}

function endsWithOneOf(word: string, endings: readonly string[]): boolean {
  for (const end of endings) if (word.length > end.length + 1 && word.endsWith(end)) return true;
  return false;
}

function isStreet(word: string): boolean {
  return endsWithOneOf(word, STREET_ENDINGS);
}

function isWeakStreet(word: string): boolean {
  return endsWithOneOf(word, WEAK_STREET_ENDINGS);
}

/**
 * Whether the line holds address evidence around `word` (a key word with a weak street ending): a
 * house number right after it, a postcode anywhere, or another word with a street ending.
 */
function addressEvidence(word: string, line: string): boolean {
  const words = normalizeText(line).split(' ');
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (w === word) {
      const next = words[i + 1];
      if (next !== undefined && HOUSE_NUMBER.test(next)) return true;
    } else if (isStreet(w) || isWeakStreet(w)) {
      return true;
    }
  }
  const postcode = POSTCODE.exec(line);
  return postcode !== null && !CURRENCY_CODES.has(postcode[1] as string);
}

function isPlainName(word: string): boolean {
  return NAMES.has(word) || (word.length >= SSON_MIN_LENGTH && word.endsWith('SSON'));
}

/** "ANNAS", "JOHANSSONS", "HEDLUNDS": a name in the genitive. */
function isGenitiveName(word: string): boolean {
  return word.length > 2 && word.endsWith('S') && isPlainName(word.slice(0, -1));
}

/**
 * True when a word of the key names a person. A name in the genitive followed by a word that is
 * not a name is how Swedish family businesses are called ("HEDLUNDS EL", "ANDERSSONS BYGG",
 * "LISAS BLOMMOR") and does not count; alone or last ("LÅN JOHANSSONS") it does.
 */
function namesPerson(words: readonly string[]): boolean {
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (isPlainName(w)) return true;
    if (isGenitiveName(w)) {
      const next = words[i + 1];
      if (next === undefined || isPlainName(next) || isGenitiveName(next)) return true;
    }
  }
  return false;
}

/** Why `key` from `line` must not be shared, or undefined when it may be. `line` in upper case. */
export function personalDataReason(key: string, line: string): 'name' | 'e-mail' | 'street' | 'personal number' | undefined {
  if (line.includes('@') && EMAIL.test(line)) return 'e-mail';
  // A date-like number has at least 10 digits: most lines have fewer, and are not searched.
  if (countDigits(line) >= DATE_LIKE_MIN_DIGITS) {
    DATE_LIKE.lastIndex = 0;
    for (let m = DATE_LIKE.exec(line); m !== null; m = DATE_LIKE.exec(line)) {
      if (dateLike(m[1] as string)) {
        DATE_LIKE.lastIndex = 0;
        return 'personal number';
      }
    }
  }
  // The line's words, looked at once for all three lists (the order of the answers is kept:
  // a mail provider before an organisation marker, an address word only after the key's names).
  let mail = false;
  let organisation = false;
  let address = false;
  for (const w of line.split(WORD_SPLIT)) {
    if (MAIL_PROVIDERS.has(w)) mail = true;
    else if (ORGANISATION_MARKERS.has(w)) organisation = true;
    else if (ADDRESS_WORDS.has(w)) address = true;
  }
  // "c/o" splits at its slash into two one-letter words: looked for as written.
  if (!address && line.includes('C/O') && CARE_OF.test(line)) address = true;
  if (mail) return 'e-mail';
  if (organisation) return undefined;
  if (NAMED_MERCHANTS.some((m) => key.startsWith(m) && (key.length === m.length || key.charCodeAt(m.length) === SPACE))) return undefined;
  const words = key.split(' ');
  if (namesPerson(words)) return 'name';
  if (address || words.some(isStreet)) return 'street';
  if (words.some((w) => isWeakStreet(w) && addressEvidence(w, line))) return 'street';
  return undefined;
}

/** Digits in a date-like number: YYMMDD and four more. */
const DATE_LIKE_MIN_DIGITS = 10;
const SPACE = 0x20;

/**
 * From a bank text to a stable counterparty key plus the structured signals around it.
 *
 * Bank texts for the same counterparty differ in dates, card digits, store numbers, references
 * and city tails (`KORTKÖP 230415 ICA NARA ORMINGE`, `EASYPARK /25-04-29`). The key keeps only the
 * words that name the counterparty. Personal data (phone numbers, personnummer, private Swish
 * names) never ends up in a key marked `shareable`.
 */
import {
  CITY_TAILS,
  CLAUSE_MARKERS,
  CURRENCY_CODES,
  LEGAL_FORMS,
  MONTH_WORDS,
  NOISE_WORDS,
  PARTY_PREPOSITIONS,
  REFUND_WORDS,
  SENTENCE_HEAD_WORDS,
  TRANSACTION_TYPE_LABELS,
  TRANSACTION_TYPE_WORDS,
  TYPE_PREFIXES,
} from './noise.js';
import { personalDataReason } from './personal.js';
import { countDigits, normalizeText, plainWords } from './text.js';

/** Longest key, in words; later words are almost always references or places. */
const MAX_KEY_WORDS = 4;

/**
 * Key for lines without any text (common in SIE history, rare on bank lines): the client's other
 * text-less bookings are the only evidence. Never shared.
 */
export const NO_TEXT_KEY = '(NO TEXT)';

/** Structured facts read from a bank text. */
export interface CounterpartySignals {
  /** Bankgiro number as written "5050-1055". */
  readonly bankgiro?: string | undefined;
  /** Plusgiro number as written "4 12 34-5" → "412345". */
  readonly plusgiro?: string | undefined;
  /** OCR / payment reference digits. */
  readonly ocr?: string | undefined;
  /** Present on Swish lines; `business` when the Swish number is a 123-number. */
  readonly swish?: { readonly business: boolean } | undefined;
  /** Present on card purchases; `date` is the purchase date from the text when given. */
  readonly card?: { readonly date?: string | undefined } | undefined;
  readonly autogiro?: true | undefined;
  /** The text contained a phone number, personnummer or a private Swish name. */
  readonly personalData?: true | undefined;
  /**
   * The kind of transaction the text names ("KORT", "SWISH", "BG", "ÖVERFÖRING", "INSÄTTNING", …),
   * from its first word or from a field that names nothing else.
   */
  readonly type?: string | undefined;
}

/** Result of {@link counterpartyKey}. */
export interface CounterpartyKey {
  /** Normalised key ("ICA NARA", "SKATTEVERKET", "BG 5050-1055"); null when nothing identifying is left. */
  readonly key: string | null;
  /** Readable form for reasons. */
  readonly display: string;
  /** True when the key holds no personal data and may contribute to network counts. */
  readonly shareable: boolean;
  readonly signals: CounterpartySignals;
}

/** Optional separate columns some banks give. */
export interface CounterpartyExtras {
  readonly reference?: string | undefined;
  readonly counterparty?: string | undefined;
  /**
   * The other party's account column (Nordea `Mottagare`/`Avsändare`, camt.053 `CdtrAcct`/`DbtrAcct`).
   * Only a whole bankgiro or plusgiro number with a valid check digit is used: it becomes the
   * `bankgiro`/`plusgiro` signal when the text carries no giro number of its own. Anything else
   * (clearing + account numbers, IBANs, internal ids) is ignored, so a private account number never
   * reaches a key.
   */
  readonly counterpartyAccount?: string | undefined;
}

/**
 * The first letters of every TYPE_PREFIXES pattern: a cheap first test before each round of the
 * prefix loop, which most texts (names) do not pass. A pattern added there must start with one of
 * these (test/normalize/counterparty-paths.test.ts reads the patterns and checks it).
 *
 * @internal
 */
export const PREFIX_FIRST_LETTERS: readonly string[] = ['K', 'S', 'B', 'P', 'E', 'A'];
const PREFIX_FIRST_CODES: ReadonlySet<number> = new Set(PREFIX_FIRST_LETTERS.map((letter) => letter.charCodeAt(0)));
// All TYPE_PREFIXES as one alternation, in their priority order (only the first has a capture group).
const ALL_PREFIXES = new RegExp(`^(?:${TYPE_PREFIXES.map((p) => p.pattern.source.replace(/^\^/, '')).join('|')})`);
const PHONE = /(?:\+46|\b0046|\b46|\b0)\s?7\d(?:[\s-]?\d){7}\b/g;
const PERSONNUMMER = /\b(?:19|20)?(\d{6})[-+]?(\d{4})\b/g;
const BANKGIRO = /\b(\d{3,4}-\d{4})\b/;
const PLUSGIRO = /\bPG\s*((?:\d[\s]?){1,7}-\d)\b/;
/** A whole account column that is a bankgiro number: NNN-NNNN or NNNN-NNNN. */
const BANKGIRO_ACCOUNT = /^\d{3,4}-\d{4}$/;
/** A whole account column that is a plusgiro number: up to 7 digits (or "192 69 56") and a check digit. */
const PLUSGIRO_ACCOUNT = /^(?:\d{1,7}|\d{1,3}(?: \d{2}){1,3})-\d$/;
const SWISH = /\bSWISH\b/;
const SWISH_BUSINESS_NUMBER = /\b123\d{7}\b/;
const AUTOGIRO = /\bAUTOGIRO\b|^AG\s/;
// SEB card lines end in "/YY-MM-DD": "WIRSTRÖMS PU/14-12-31", "EASYPARK /25-04-29".
const CARD_DATE = /^(\d\d)-(\d\d)-(\d\d)$/;
const BLANK = /\s/;

/**
 * `…  / YY-MM-DD  ` at the end of `s`: where the suffix (with the blanks before the slash) starts
 * and the date. A scan from the end: the regular expression `\s*\/\s*(\d\d)-(\d\d)-(\d\d)\s*$`
 * retries a run of blanks from every start (quadratic on a long blank run).
 */
function cardDateSuffix(s: string): { index: number; date: string } | undefined {
  let end = s.length;
  while (end > 0 && BLANK.test(s.charAt(end - 1))) end--;
  const m = end >= 9 ? CARD_DATE.exec(s.slice(end - 8, end)) : null;
  if (m === null) return undefined;
  let i = end - 8;
  while (i > 0 && BLANK.test(s.charAt(i - 1))) i--;
  if (i === 0 || s.charAt(i - 1) !== '/') return undefined;
  i--;
  while (i > 0 && BLANK.test(s.charAt(i - 1))) i--;
  return { index: i, date: `20${m[1]}-${m[2]}-${m[3]}` };
}
const ISO_DATE = /\b\d{4}-\d\d-\d\d\b/g;
const SHORT_DATE = /\b\d\d-\d\d-\d\d\b/g;
/** Hyphens in an ISO_DATE or SHORT_DATE: a text with fewer holds neither. */
const DATE_HYPHENS = 2;
/** The card purchase prefixes of TYPE_PREFIXES (the ones whose group 1 is a purchase date). */
const CARD_PREFIX = /^K(?:ORT|[ÖO]P)/;
// OCR / payment reference: a run of 8–25 digits (shorter runs are dates and store numbers).
const OCR_DIGITS = /\d{8,25}/g;
// Whitespace that collapsing would change: a run, or a tab/newline/other space (most texts have neither).
const COLLAPSIBLE_SPACE = /\s\s|[^\S ]/;
/** Fewest digits a PHONE or PERSONNUMMER match has ("07" + 8 digits; 6 + 4 digits). */
const PERSONAL_NUMBER_MIN_DIGITS = 10;
/** Fewest digits an OCR reference has (OCR_DIGITS). */
const OCR_MIN_DIGITS = 8;

/** What one pass over a plain text tells ({@link scanPlain}). */
interface PlainScan {
  /** It has lower-case letters (a–z, å ä ö ü): upper-casing changes it, and nothing else does. */
  readonly lower: boolean;
  /** It has two spaces in a row: the only whitespace COLLAPSIBLE_SPACE finds in plain text (no tab, no newline). */
  readonly spaceRun: boolean;
  readonly digits: number;
  readonly hyphens: number;
  /** It has a slash (a card date suffix "/YY-MM-DD" needs one). */
  readonly slash: boolean;
  /**
   * The letters A–Z it has, in either case, as bits (A is bit 0): a text that lacks a letter of
   * "SWISH" does not hold the word, and is not searched for it.
   */
  readonly letters: number;
}

const HYPHEN = 0x2d;
const SPACE = 0x20;
const SLASH = 0x2f;

/** {@link PlainScan.letters} of an upper-case word of A–Z. */
function lettersOf(word: string): number {
  let letters = 0;
  for (let i = 0; i < word.length; i++) letters |= 1 << (word.charCodeAt(i) - 0x41);
  return letters;
}

/** Whether a text's {@link PlainScan.letters} has every letter of `word` (its {@link lettersOf}). */
function hasLetters(letters: number, word: number): boolean {
  return (letters & word) === word;
}

const SWISH_LETTERS = lettersOf('SWISH');
const AUTOGIRO_LETTERS = lettersOf('AUTOGIRO');

/**
 * Whether `text` is plain, text that NFKC cannot change (printable ASCII and å ä ö ü Å Ä Ö Ü, as
 * `/^[\x20-\x7eåäöüÅÄÖÜ]*$/` tests), and what readCounterparty asks of a plain text besides, in
 * one pass code by code: undefined when it is not plain (it is asked again after NFKC then).
 */
function scanPlain(text: string): PlainScan | undefined {
  let lower = false;
  let spaceRun = false;
  let digits = 0;
  let hyphens = 0;
  let slash = false;
  let letters = 0;
  let previous = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) {
      letters |= 1 << (c - 0x41);
    } else if (c >= 0x61 && c <= 0x7a) {
      lower = true;
      letters |= 1 << (c - 0x61);
    } else if (c >= 0x30 && c <= 0x39) digits++;
    else if (c === HYPHEN) hyphens++;
    else if (c === SPACE) spaceRun ||= previous === SPACE;
    else if (c === SLASH) slash = true;
    else if (c === 0xe5 || c === 0xe4 || c === 0xf6 || c === 0xfc) lower = true; // å ä ö ü
    else if (!((c > SPACE && c <= 0x7e) || c === 0xc5 || c === 0xc4 || c === 0xd6 || c === 0xdc)) return undefined; // not Å Ä Ö Ü
    previous = c;
  }
  return { lower, spaceRun, digits, hyphens, slash, letters };
}

/** How many hyphens `s` holds. */
function countHyphens(s: string): number {
  let n = 0;
  for (let i = s.indexOf('-'); i >= 0; i = s.indexOf('-', i + 1)) n++;
  return n;
}

/** The TYPE_PREFIXES match at the start of `s`, tried only when `s` starts with one of their first letters. */
function typePrefixOf(s: string): RegExpExecArray | null {
  return PREFIX_FIRST_CODES.has(s.charCodeAt(0)) ? ALL_PREFIXES.exec(s) : null;
}

/** Luhn mod-10 over a digit string (personnummer, org numbers, OCR). */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** A personnummer or samordningsnummer: YYMMDD (day + 60 for samordning) with a valid check digit. */
function looksLikePersonnummer(date6: string, last4: string): boolean {
  const month = Number(date6.slice(2, 4));
  const day = Number(date6.slice(4, 6));
  const validDay = (day >= 1 && day <= 31) || (day >= 61 && day <= 91);
  return month >= 1 && month <= 12 && validDay && luhnValid(date6 + last4);
}

type Mutable<T> = { -readonly [P in keyof T]: T[P] };

/**
 * The bankgiro ("5050-1055") or plusgiro ("19269562") number an account column holds, or undefined.
 * The whole value must have a giro number's shape and its check digit (both are mod 10): a clearing
 * plus account number is longer than either shape, so a private bank account never passes.
 */
function giroOfAccount(account: string): { readonly bankgiro?: string; readonly plusgiro?: string } | undefined {
  const a = account.trim();
  if (a.length < 3 || a.length > 12 || !a.includes('-')) return undefined;
  const digits = a.replace(/\D/g, '');
  if (!luhnValid(digits)) return undefined;
  if (BANKGIRO_ACCOUNT.test(a)) return { bankgiro: a };
  if (PLUSGIRO_ACCOUNT.test(a) && digits.length >= 2) return { plusgiro: digits };
  return undefined;
}

/** Whether `normalized` from `start` to `end` is mostly digits (amounts, dates, store numbers, references: "612", "A012"). */
function mostlyDigits(normalized: string, start: number, end: number): boolean {
  // Decided as soon as either kind is half the word: a name within a few letters.
  const length = end - start;
  let digits = 0;
  let others = 0;
  for (let i = start; i < end; i++) {
    const c = normalized.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (++digits * 2 >= length) return true;
    } else if (++others * 2 > length) {
      return false;
    }
  }
  return digits * 2 >= length;
}

/** The end of the word of `normalized` that starts at `start`. */
function wordEnd(normalized: string, start: number): number {
  const end = normalized.indexOf(' ', start);
  return end < 0 ? normalized.length : end;
}

/**
 * Whether the word from `start` to `end` is a currency code next to a number ("612 50 SEK", "EUR 12
 * 00"): part of an amount, never of a name. `afterNumber` says whether the word before it is a number.
 */
function isAmountCurrency(normalized: string, start: number, end: number, afterNumber: boolean): boolean {
  if (end - start !== 3 || !CURRENCY_CODES.has(normalized.slice(start, end))) return false;
  if (afterNumber) return true;
  if (end >= normalized.length) return false;
  const next = wordEnd(normalized, end + 1);
  return next > end + 1 && mostlyDigits(normalized, end + 1, next);
}

/**
 * The words of normalised text that name the counterparty, in one pass (no intermediate arrays):
 * no digit-only words, no noise words, no single letters but "&", no words that are mostly digits
 * (store numbers, references: "A012", "00032K"), no currency code next to a number; then no
 * legal-form, city or month words at the end, no month words after the first, each word once, at
 * most {@link MAX_KEY_WORDS}. A text written as a sentence ({@link sentenceName}) keys on the name
 * it points at.
 */
function keyWords(normalized: string): string[] {
  const sentence = sentenceName(normalized);
  const kept: string[] = sentence?.refund ?? [];
  // The kept words' WORD_CLASSES, looked up once for the steps below.
  const classes: number[] = kept.map((w) => WORD_CLASSES.get(w) ?? 0);
  const from = sentence?.from ?? 0;
  const to = sentence?.to ?? normalized.length;
  let afterNumber = false;
  let start = from;
  while (start <= to) {
    let end = normalized.indexOf(' ', start);
    if (end < 0 || end > to) end = to;
    if (end > start) {
      const length = end - start;
      const number = mostlyDigits(normalized, start, end);
      // Mostly-digit words include digit-only ones; single letters other than "&" carry nothing.
      if (!number && (length > 1 || normalized.charCodeAt(start) === 38) && !isAmountCurrency(normalized, start, end, afterNumber)) {
        const w = normalized.slice(start, end);
        const bits = WORD_CLASSES.get(w) ?? 0;
        if ((bits & NOISE) === 0) {
          kept.push(w);
          classes.push(bits);
        }
      }
      afterNumber = number;
    }
    start = end + 1;
  }
  // A text that opens with the kind of transaction before the name ("Överföring Kalles Bygg",
  // "Payment from Kundbolaget", "Inbetalning Kundbolaget") keys on the name, as the same
  // counterparty written without it does; the kind is a signal of its own (`signals.type`). A text
  // of type words only keeps them: they are all it says; so does one whose words after the type
  // are only legal forms ("Kundbet Kund AB"): a legal form alone names no one, and a text of
  // legal forms and noise only ("Faktura AB") has no name at all.
  let lead = 0;
  while (lead < kept.length && (((classes[lead] as number) & (TYPE | CONNECTOR)) !== 0 || typeCompoundHead(kept[lead] as string) > 0)) lead++;
  let named = false;
  for (let i = lead; i < kept.length && !named; i++) named = ((classes[i] as number) & LEGAL) === 0;
  if (!named && lead === 0) return [];
  const first = lead > 0 && named ? lead : 0;
  let last = kept.length - 1;
  while (last > first && ((classes[last] as number) & (LEGAL | CITY | MONTH)) !== 0) last--;
  // Month words after the first word go, then repeats ("SPOTIFY Spotify"), then the tail.
  const out: string[] = [];
  for (let i = first; i <= last && out.length < MAX_KEY_WORDS; i++) {
    const w = kept[i] as string;
    if ((i > first && ((classes[i] as number) & MONTH) !== 0) || out.includes(w)) continue;
    out.push(w);
  }
  return out;
}

/**
 * `words.join(' ')` of one to {@link MAX_KEY_WORDS} words, by concatenation: `join` costs several
 * times more on arrays this short.
 */
function joinWords(words: readonly string[]): string {
  let key = words[0] as string;
  for (let i = 1; i < words.length; i++) key += ` ${words[i] as string}`;
  return key;
}

/**
 * The name a text written as a sentence points at: the span after the last preposition that
 * introduces a party ("Sent money to ⟨Tove Lindqvist⟩", "Card transaction of 612.50 SEK issued by
 * ⟨Björks Färg Lund⟩", "Betalning till ⟨Ekdahls Måleri AB⟩ avseende faktura 123", "Kortköp hos
 * ⟨Björks Färg⟩"), up to where a reference or message clause, a number or an amount starts. Only
 * when every word before that preposition is sentence grammar (noise.ts: type words, connectors,
 * prepositions, the head words of a payment sentence, noise words, refund words, numbers, currency
 * codes): a text that opens with a name ("ICA NARA LUND", "Lön till Anna") keeps its own words, and
 * a text of grammar only (no name after the preposition) too. Refund words of the head stay in
 * front of the name ("Refund from Webhallen" → REFUND WEBHALLEN), as the refund path reads them.
 * One pass over the words: linear in the text.
 */
function sentenceName(normalized: string): { from: number; to: number; refund: string[] | undefined } | undefined {
  let after = -1;
  let refund: string[] | undefined;
  let start = 0;
  while (start < normalized.length) {
    const end = wordEnd(normalized, start);
    const w = normalized.slice(start, end);
    const classes = WORD_CLASSES.get(w) ?? 0;
    if (!isSentenceHead(w, classes, normalized, start, end)) break;
    if ((classes & PREPOSITION) !== 0) after = end + 1;
    else if ((classes & REFUND) !== 0) (refund ??= []).push(w);
    start = end + 1;
  }
  if (after < 0 || after >= normalized.length) return undefined;
  let to = after;
  let named = false;
  let afterNumber = false;
  for (let i = after; i < normalized.length; ) {
    const end = wordEnd(normalized, i);
    const w = normalized.slice(i, end);
    const number = mostlyDigits(normalized, i, end);
    const marker = hasClass(w, CLAUSE | PREPOSITION);
    if (marker || number || isAmountCurrency(normalized, i, end, afterNumber)) {
      // A number before the name ("Sent to 4670… Anna") is skipped; a clause before it means no name.
      if (named || marker) break;
    } else {
      named = true;
      to = end;
    }
    afterNumber = number;
    i = end + 1;
  }
  return named ? { from: after, to, refund } : undefined;
}

/**
 * Whether a word (from `start` to `end` of `normalized`, of {@link WORD_CLASSES} `classes`) can
 * stand before the name of a payment sentence.
 */
function isSentenceHead(w: string, classes: number, normalized: string, start: number, end: number): boolean {
  return (classes & SENTENCE_GRAMMAR) !== 0 || mostlyDigits(normalized, start, end) || typeCompoundHead(w) > 0;
}

/**
 * Words that join a transaction type to the name after it in English bank texts ("Payment from",
 * "Transfer to", "Card transaction of … issued by"), and "från" as texts without å ä ö write it
 * (MT940's character set: "Overforing fran sparkonto"); till, från and av are noise words everywhere.
 */
const TYPE_CONNECTORS: ReadonlySet<string> = new Set(['FROM', 'TO', 'OF', 'BY', 'FRAN']);

/*
 * The word lists keyWords and sentenceName ask about (noise.ts and TYPE_CONNECTORS), as bits of one
 * table: a word is looked up once for all of them, not once per list.
 */
const NOISE = 1 << 0;
const PREPOSITION = 1 << 1;
const CONNECTOR = 1 << 2;
const HEAD = 1 << 3;
const CURRENCY = 1 << 4;
const REFUND = 1 << 5;
/** TRANSACTION_TYPE_WORDS as listed; a compound of them is found by {@link typeCompoundHead}. */
const TYPE = 1 << 6;
const LEGAL = 1 << 7;
const CITY = 1 << 8;
const MONTH = 1 << 9;
const CLAUSE = 1 << 10;
/** The listed words that can stand before the name of a payment sentence ({@link isSentenceHead}). */
const SENTENCE_GRAMMAR = PREPOSITION | CONNECTOR | HEAD | NOISE | CURRENCY | REFUND | TYPE;

/** Upper-case word → the lists it is on, as the bits above. */
const WORD_CLASSES: ReadonlyMap<string, number> = (() => {
  const classes = new Map<string, number>();
  const lists: readonly (readonly [ReadonlySet<string>, number])[] = [
    [NOISE_WORDS, NOISE], [PARTY_PREPOSITIONS, PREPOSITION], [TYPE_CONNECTORS, CONNECTOR], [SENTENCE_HEAD_WORDS, HEAD],
    [CURRENCY_CODES, CURRENCY], [REFUND_WORDS, REFUND], [TRANSACTION_TYPE_WORDS, TYPE], [LEGAL_FORMS, LEGAL],
    [CITY_TAILS, CITY], [MONTH_WORDS, MONTH], [CLAUSE_MARKERS, CLAUSE],
  ];
  for (const [words, bit] of lists) for (const w of words) classes.set(w, (classes.get(w) ?? 0) | bit);
  return classes;
})();

/** Whether `w` is on any of the lists `bits` name. */
function hasClass(w: string, bits: number): boolean {
  return ((WORD_CLASSES.get(w) ?? 0) & bits) !== 0;
}

/**
 * The counterparty column's name as the key, when the text is a sentence around that name that
 * does not open with it ("Card transaction of 349.00 SEK issued by Clas Ohlson Stockholm",
 * "Received money from Kundbolaget AB with reference …", the name in a column of its own): the
 * text holds every word of the name, and its key words either miss the name or open with other
 * words. Otherwise undefined, and the text keys the line: a text that opens with the name keeps
 * what follows it ("ICA NARA LUND" beside a name column "ICA"), and a name the text does not hold
 * ("Lön" beside the employer) is another fact, not the text's counterparty.
 */
function nameInSentence(kept: readonly string[], textWords: string, counterparty: string): string | undefined {
  const name = keyWords(normalizeText(counterparty.toUpperCase()));
  if (name.length === 0 || name.includes(kept[0] as string)) return undefined;
  const words = new Set(textWords.split(' '));
  return name.every((w) => words.has(w)) ? name.join(' ') : undefined;
}

/** Shortest part of a compound type word ("BG" in "BGINBETALNING"; not the "E" of "E-faktura"). */
const MIN_TYPE_PART = 2;

/** Type words start with codes below this (upper-case Latin-1: A–Z, Å Ä Ö), so two fit in a table. */
const PAIR_CODES = 0x100;

/** The first two codes of every type word (and type label's word), as bits of a table by code pair. */
const TYPE_WORD_STARTS: Uint32Array = (() => {
  const bits = new Uint32Array((PAIR_CODES * PAIR_CODES) / 32);
  for (const w of [...TRANSACTION_TYPE_WORDS, ...TRANSACTION_TYPE_LABELS.keys()]) {
    if (w.length < MIN_TYPE_PART) continue;
    const a = w.charCodeAt(0);
    const b = w.charCodeAt(1);
    if (a >= PAIR_CODES || b >= PAIR_CODES) throw new Error(`type word outside Latin-1: ${w}`);
    const pair = a * PAIR_CODES + b;
    bits[pair >>> 5] = (bits[pair >>> 5] as number) | (1 << (pair & 31));
  }
  return bits;
})();

/**
 * Whether `w` starts with the first two letters of a type word: one look-up without a substring,
 * which rules most words (names) out as compounds.
 */
function startsAsTypeWord(w: string): boolean {
  if (w.length < MIN_TYPE_PART) return false;
  const a = w.charCodeAt(0);
  const b = w.charCodeAt(1);
  if (a >= PAIR_CODES || b >= PAIR_CODES) return false;
  const pair = a * PAIR_CODES + b;
  return ((TYPE_WORD_STARTS[pair >>> 5] as number) & (1 << (pair & 31))) !== 0;
}

/**
 * Where a word that is not itself a type word splits into type words written as one (Swedish
 * compounds: "Bankgiroinbetalning", "Kontoinsättning", "Swishbetalning"): the length of its first
 * part, or 0 when it does not split. Every split point is tried, so the cost is bounded by the
 * word's length squared over short words (type words are short; longer words are not tried).
 */
function typeCompoundHead(w: string, depth = 0): number {
  if (depth > 3 || w.length > 40 || !startsAsTypeWord(w)) return 0;
  for (let i = MIN_TYPE_PART; i <= w.length - MIN_TYPE_PART; i++) {
    if (!TRANSACTION_TYPE_WORDS.has(w.slice(0, i))) continue;
    const rest = w.slice(i);
    if (TRANSACTION_TYPE_WORDS.has(rest) || typeCompoundHead(rest, depth + 1) > 0) return i;
  }
  return 0;
}

/** Whether a normalised word names only a kind of transaction, alone or as a compound of such words. */
function isTypeWord(w: string): boolean {
  return TRANSACTION_TYPE_WORDS.has(w) || typeCompoundHead(w) > 0;
}

/**
 * Whether every word of a text names only a kind of transaction ("Kortköp", "Överföring via
 * internet", "Bankgiroinbetalning", "Incoming payment").
 */
export function isTypeOnly(text: string): boolean {
  const norm = normalizeText(text);
  if (norm === '') return false;
  let words = 0;
  for (const w of norm.split(' ')) {
    if (/^\d+$/.test(w)) continue;
    if (!isTypeWord(w)) return false;
    words++;
  }
  return words > 0;
}

/** A–Z, Å Ä Ö: the letters of a first word that {@link typeOf} reads. */
function isTypeLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || c === 0xc5 || c === 0xc4 || c === 0xd6;
}

/**
 * The canonical transaction type named by the first word of upper-case text, if any; for a
 * compound of type words, the first part that names one ("BANKGIROINBETALNING" → "BG").
 */
function typeOf(text: string): string | undefined {
  // The first word, after any blanks ("  KORTKÖP 260214 ICA" is a card purchase as well).
  const upper = text.trimStart();
  // A first word of two letters or more that starts as no type word names none (most texts: names).
  if (isTypeLetter(upper.charCodeAt(0)) && isTypeLetter(upper.charCodeAt(1)) && !startsAsTypeWord(upper)) return undefined;
  let end = 0;
  // Letters only: the first word ends at a space, digit, hyphen or punctuation.
  while (end < upper.length && isTypeLetter(upper.charCodeAt(end))) end++;
  if (end === 0) return undefined;
  const word = upper.slice(0, end);
  const label = TRANSACTION_TYPE_LABELS.get(word);
  if (label !== undefined) return label;
  // A compound's parts, left to right: the first that has a label names the type.
  let rest = word;
  for (let head = typeCompoundHead(rest); head > 0; head = typeCompoundHead(rest)) {
    const part = TRANSACTION_TYPE_LABELS.get(rest.slice(0, head));
    if (part !== undefined) return part;
    rest = rest.slice(head);
    if (TRANSACTION_TYPE_WORDS.has(rest)) return TRANSACTION_TYPE_LABELS.get(rest);
  }
  return undefined;
}

/**
 * Normalises a bank text to a counterparty key and extracts bankgiro/plusgiro, OCR, Swish, card
 * and autogiro signals.
 *
 * ```ts
 * counterpartyKey('KORTKÖP 230415 ICA NARA ORMINGE').key // "ICA NARA"
 * counterpartyKey('BG 5050-1055 SKATTEVERKET').signals.bankgiro // "5050-1055"
 * counterpartyKey('Swish 46701234567 JOHAN').shareable // false
 * ```
 */
export function counterpartyKey(text: string, extras: CounterpartyExtras = {}, options: { readonly personalRule?: boolean } = {}): CounterpartyKey {
  const cp = readCounterparty(text, extras, options);
  if (!(cp instanceof LazyShareable)) return cp;
  // As it always was: a plain object whose `shareable` is an own property, worked out when first read.
  let shareable: boolean | undefined;
  return {
    key: cp.key,
    display: cp.display,
    get shareable(): boolean {
      shareable ??= cp.shareable;
      return shareable;
    },
    signals: cp.signals,
  };
}

/**
 * A key whose `shareable` is worked out when first read: names, e-mail addresses, streets and
 * date-like numbers (./personal.ts) are looked for in the whole text only then (learning and the
 * network tier read it; most suggestions never do). A class, so that making one builds no closure
 * and no accessor property.
 */
class LazyShareable implements CounterpartyKey {
  readonly key: string;
  readonly display: string;
  readonly signals: CounterpartySignals;
  readonly #personalKey: string;
  readonly #all: string;
  #shareable: boolean | undefined;

  constructor(key: string, signals: CounterpartySignals, personalKey: string, all: string) {
    this.key = key;
    this.display = key;
    this.signals = signals;
    this.#personalKey = personalKey;
    this.#all = all;
  }

  get shareable(): boolean {
    this.#shareable ??= personalDataReason(this.#personalKey, this.#all) === undefined;
    return this.#shareable;
  }
}

/**
 * {@link counterpartyKey} for the engine (suggest, learn): the same key, display, signals and
 * `shareable`, but a key whose `shareable` is checked lazily comes as a {@link LazyShareable}
 * (read `shareable` as a property; a spread does not copy it).
 *
 * @internal
 */
export function readCounterparty(text: string, extras: CounterpartyExtras = {}, options: { readonly personalRule?: boolean } = {}): CounterpartyKey {
  const other = (extras.counterparty ?? '').trim() !== '' ? extras.counterparty : (extras.reference ?? '').trim() !== '' ? extras.reference : undefined;
  if (other !== undefined && isTypeOnly(text)) {
    // The text names only the kind of transaction; another field names the counterparty.
    const inner = readCounterparty(other, {
      reference: other === extras.counterparty ? extras.reference : undefined,
      counterpartyAccount: extras.counterpartyAccount,
    }, options);
    if (inner.key !== null && inner.key !== NO_TEXT_KEY) {
      const type = inner.signals.type ?? typeOf(normalizeText(text));
      // A new object with `shareable` read now (as a spread of the public form reads it).
      return type === undefined ? inner : { key: inner.key, display: inner.display, shareable: inner.shareable, signals: { ...inner.signals, type } };
    }
  }
  const accountGiro = extras.counterpartyAccount === undefined ? undefined : giroOfAccount(extras.counterpartyAccount);
  if (text.trim() === '' && (extras.counterparty ?? '').trim() === '' && (extras.reference ?? '').trim() === '' && accountGiro === undefined) {
    return { key: NO_TEXT_KEY, display: '(no text)', shareable: false, signals: {} };
  }
  const scan = scanPlain(text);
  const plain = scan !== undefined;
  // Plain text without lower-case letters (most bank texts) is its own upper case.
  const upper = scan === undefined ? text.normalize('NFKC').toUpperCase() : scan.lower ? text.toUpperCase() : text;
  let s = ((scan === undefined ? COLLAPSIBLE_SPACE.test(upper) : scan.spaceRun) ? upper.replace(/\s+/g, ' ') : upper).trim();
  const hasExtras = (extras.reference ?? '') !== '' || (extras.counterparty ?? '') !== '';
  const all = hasExtras ? [s, extras.reference ?? '', extras.counterparty ?? ''].join(' ').toUpperCase() : s;
  // Most bank texts have few digits and hyphens: skip the number patterns that cannot match then
  // (speed only; the text never gains digits or hyphens below, so the counts bound every later
  // string). Upper-casing, collapsing and trimming plain text keep both counts.
  const bare = scan !== undefined && !hasExtras;
  const digits = bare ? scan.digits : countDigits(all);
  const hyphens = bare ? scan.hyphens : countHyphens(all);
  const hasHyphen = hyphens > 0;

  let personal = false;
  if (digits >= PERSONAL_NUMBER_MIN_DIGITS) {
    if (PHONE.test(all)) personal = true;
    PHONE.lastIndex = 0;
    s = s.replace(PHONE, ' ');
    s = s.replace(PERSONNUMMER, (match, d6: string, l4: string) => {
      if (looksLikePersonnummer(d6, l4)) {
        personal = true;
        return ' ';
      }
      return match;
    });
    if (!personal) {
      for (const m of all.matchAll(PERSONNUMMER)) {
        if (looksLikePersonnummer(m[1] ?? '', m[2] ?? '')) personal = true;
      }
    }
  }

  const bg = hasHyphen ? BANKGIRO.exec(all)?.[1] : undefined;
  const pgRaw = hasHyphen ? PLUSGIRO.exec(all)?.[1] : undefined;
  const plusgiro = pgRaw === undefined ? undefined : pgRaw.replace(/\D/g, '');
  // The account column's giro number counts only when the text carries none of its own.
  const fromAccount = bg === undefined && plusgiro === undefined ? accountGiro : undefined;
  // A plain text without extras is searched for a word only when it has the word's letters (and a
  // slash): `all` and `s` have no letter or slash the text does not.
  const maySwish = bare ? hasLetters(scan.letters, SWISH_LETTERS) : true;
  const swish = maySwish && all.includes('SWISH') && SWISH.test(all) ? { business: SWISH_BUSINESS_NUMBER.test(all) } : undefined;
  const mayAutogiro = bare ? hasLetters(scan.letters, AUTOGIRO_LETTERS) : true;
  const autogiro = (s.startsWith('AG ') || (mayAutogiro && s.includes('AUTOGIRO'))) && AUTOGIRO.test(s) ? (true as const) : undefined;

  let card: { date?: string | undefined } | undefined;
  const suffix = (bare ? scan.slash : s.includes('/')) ? cardDateSuffix(s) : undefined;
  if (suffix) {
    card = { date: suffix.date };
    s = s.slice(0, suffix.index);
  }

  // Strip transaction-type prefixes, repeatedly ("KORT PAYPAL …" after "KORTKÖP").
  for (let m = typePrefixOf(s); m !== null && m[0].length > 0; m = typePrefixOf(s)) {
    if (CARD_PREFIX.test(m[0])) {
      const d = m[1];
      card = { date: d === undefined ? card?.date : `20${d.slice(0, 2)}-${d.slice(2, 4)}-${d.slice(4, 6)}` };
    }
    s = s.slice(m[0].length);
  }

  if (hyphens >= DATE_HYPHENS) s = s.replace(ISO_DATE, ' ').replace(SHORT_DATE, ' ');
  if (bg !== undefined) s = s.replace(bg, ' ');

  // OCR: the longest run of digits (8–25) left in text or reference.
  let ocr: string | undefined;
  // Digits the steps above took away (a bankgiro number, dates) often leave too few for one.
  const reference = extras.reference ?? '';
  if (digits >= OCR_MIN_DIGITS && (swish === undefined ? countDigits(s) : 0) + countDigits(reference) >= OCR_MIN_DIGITS) {
    const ocrSource = swish === undefined ? `${s} ${reference}` : reference;
    // `exec` on the shared global pattern (it never matches empty, and a failed `exec` leaves
    // `lastIndex` at 0): the matches of `matchAll` without its copy of the pattern per line.
    OCR_DIGITS.lastIndex = 0;
    for (let m = OCR_DIGITS.exec(ocrSource); m !== null; m = OCR_DIGITS.exec(ocrSource)) {
      if (ocr === undefined || m[0].length > ocr.length) ocr = m[0];
    }
  }

  // Plain text stays plain and upper case through the steps above: only punctuation is left to go.
  const words = plain ? plainWords(s) : normalizeText(s);
  const kept = keyWords(words);
  const privateSwish = swish !== undefined && !swish.business;
  if (privateSwish && kept.length > 0) personal = true;

  let key: string | null = kept.length > 0 ? joinWords(kept) : null;
  if (key !== null && privateSwish) key = `SWISH ${key}`;
  else if (key !== null && extras.counterparty !== undefined) key = nameInSentence(kept, words, extras.counterparty) ?? key;
  if (key === null && bg !== undefined) key = `BG ${bg}`;
  if (key === null && plusgiro !== undefined) key = `PG ${plusgiro}`;
  if (key === null && swish !== undefined) key = 'SWISH';
  if (key === null && extras.counterparty !== undefined && extras.counterparty.trim() !== '') {
    return readCounterparty(extras.counterparty, { reference: extras.reference, counterpartyAccount: extras.counterpartyAccount }, options);
  }
  // Nothing else names the line: the account column's giro number does. Only companies and
  // organisations hold bankgiro numbers; a plusgiro number may be a private person's account, so a
  // key made of one is never shared.
  let unshareable = personal;
  // Names, e-mail addresses, streets and date-like numbers (./personal.ts) are never in the network;
  // that check is made when `shareable` is first read (learning and the network tier read it; most
  // suggestions never do).
  const checkPersonal = !unshareable && key !== null && options.personalRule !== false;
  const personalKey = key;
  if (key === null && fromAccount?.bankgiro !== undefined) key = `BG ${fromAccount.bankgiro}`;
  else if (key === null && fromAccount?.plusgiro !== undefined) {
    key = `PG ${fromAccount.plusgiro}`;
    unshareable = true;
  }

  // Only the signals present become properties, in this order (as a spread of each would give).
  const signals: Mutable<CounterpartySignals> = {};
  const bankgiro = bg ?? fromAccount?.bankgiro;
  const plusgiroSignal = plusgiro ?? fromAccount?.plusgiro;
  if (bankgiro !== undefined) signals.bankgiro = bankgiro;
  if (plusgiroSignal !== undefined) signals.plusgiro = plusgiroSignal;
  if (ocr !== undefined) signals.ocr = ocr;
  if (swish !== undefined) signals.swish = swish;
  if (card !== undefined) signals.card = card;
  if (autogiro !== undefined) signals.autogiro = autogiro;
  if (personal) signals.personalData = true;
  const type = typeOf(upper);
  if (type !== undefined) signals.type = type;
  if (key === null || unshareable) return { key, display: key ?? text.trim(), shareable: false, signals };
  if (!checkPersonal) return { key, display: key, shareable: true, signals };
  return new LazyShareable(key, signals, personalKey as string, all);
}

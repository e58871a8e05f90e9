/**
 * From a bank text to a stable counterparty key plus the structured signals around it.
 *
 * Bank texts for the same counterparty differ in dates, card digits, store numbers, references
 * and city tails (`KORTKÖP 230415 ICA NARA ORMINGE`, `EASYPARK /25-04-29`). The key keeps only the
 * words that name the counterparty. Personal data (phone numbers, personnummer, private Swish
 * names) never ends up in a key marked `shareable`.
 */
import { CITY_TAILS, LEGAL_FORMS, MONTH_WORDS, NOISE_WORDS, TYPE_PREFIXES } from './noise.js';
import { normalizeText } from './text.js';

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
}

// Cheap first test before the prefix loop: every TYPE_PREFIXES pattern starts with one of these.
const ANY_PREFIX = /^(?:K[ÖO]P|KORT|SWISH|BET|BG|PG|BANKGIRO|PLUSGIRO|E-?FAKTURA|AUTOGIRO|AG)/;
// All TYPE_PREFIXES as one alternation, in their priority order (only the first has a capture group).
// Text that NFKC cannot change: printable ASCII and Swedish letters.
const PLAIN_TEXT = /^[\x20-\x7eåäöüÅÄÖÜ]*$/;
const ALL_PREFIXES = new RegExp(`^(?:${TYPE_PREFIXES.map((p) => p.pattern.source.replace(/^\^/, '')).join('|')})`);
const PHONE = /(?:\+46|\b0046|\b46|\b0)\s?7\d(?:[\s-]?\d){7}\b/g;
const PERSONNUMMER = /\b(?:19|20)?(\d{6})[-+]?(\d{4})\b/g;
const BANKGIRO = /\b(\d{3,4}-\d{4})\b/;
const PLUSGIRO = /\bPG\s*((?:\d[\s]?){1,7}-\d)\b/;
const SWISH = /\bSWISH\b/;
const SWISH_BUSINESS_NUMBER = /\b123\d{7}\b/;
const AUTOGIRO = /\bAUTOGIRO\b|^AG\s/;
// SEB card lines end in "/YY-MM-DD": "WIRSTRÖMS PU/14-12-31", "EASYPARK /25-04-29".
const CARD_DATE_SUFFIX = /\s*\/\s*(\d\d)-(\d\d)-(\d\d)\s*$/;
const ISO_DATE = /\b\d{4}-\d\d-\d\d\b/g;
const SHORT_DATE = /\b\d\d-\d\d-\d\d\b/g;

/** Luhn mod-10 over a digit string (personnummer, org numbers, OCR). */
function luhnValid(digits: string): boolean {
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

function countDigits(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

function isDigits(s: string): boolean {
  return /^\d+$/.test(s);
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
export function counterpartyKey(text: string, extras: CounterpartyExtras = {}): CounterpartyKey {
  if (text.trim() === '' && (extras.counterparty ?? '').trim() === '' && (extras.reference ?? '').trim() === '') {
    return { key: NO_TEXT_KEY, display: '(no text)', shareable: false, signals: {} };
  }
  let s = (PLAIN_TEXT.test(text) ? text : text.normalize('NFKC')).toUpperCase().replace(/\s+/g, ' ').trim();
  const hasExtras = (extras.reference ?? '') !== '' || (extras.counterparty ?? '') !== '';
  const all = hasExtras ? [s, extras.reference ?? '', extras.counterparty ?? ''].join(' ').toUpperCase() : s;
  // Most bank texts have few digits and no hyphen: skip the number patterns then (speed only).
  const manyDigits = countDigits(all) >= 6;
  const hasHyphen = all.includes('-');

  let personal = false;
  if (manyDigits) {
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
  const swish = all.includes('SWISH') && SWISH.test(all) ? { business: SWISH_BUSINESS_NUMBER.test(all) } : undefined;
  const autogiro = (s.startsWith('AG ') || s.includes('AUTOGIRO')) && AUTOGIRO.test(s) ? (true as const) : undefined;

  let card: { date?: string | undefined } | undefined;
  const suffix = s.includes('/') ? CARD_DATE_SUFFIX.exec(s) : null;
  if (suffix) {
    card = { date: `20${suffix[1]}-${suffix[2]}-${suffix[3]}` };
    s = s.slice(0, suffix.index);
  }

  // Strip transaction-type prefixes, repeatedly ("KORT PAYPAL …" after "KORTKÖP").
  for (let m = ANY_PREFIX.test(s) ? ALL_PREFIXES.exec(s) : null; m !== null && m[0].length > 0; m = ALL_PREFIXES.exec(s)) {
    if (/^K(?:ORT|[ÖO]P)/.test(m[0])) {
      const d = m[1];
      card = { date: d === undefined ? card?.date : `20${d.slice(0, 2)}-${d.slice(2, 4)}-${d.slice(4, 6)}` };
    }
    s = s.slice(m[0].length);
  }

  if (hasHyphen) s = s.replace(ISO_DATE, ' ').replace(SHORT_DATE, ' ');
  if (bg !== undefined) s = s.replace(bg, ' ');

  // OCR: the longest run of digits (8–25) left in text or reference.
  let ocr: string | undefined;
  const ocrSource = swish === undefined ? [s, extras.reference ?? ''].join(' ') : (extras.reference ?? '');
  for (const m of manyDigits ? ocrSource.matchAll(/\d{8,25}/g) : []) {
    if (ocr === undefined || m[0].length > ocr.length) ocr = m[0];
  }

  const words = normalizeText(s)
    .split(' ')
    .filter((w) => w.length > 0 && !isDigits(w));
  let kept = words.filter((w) => !NOISE_WORDS.has(w) && (w.length > 1 || w === '&'));
  // A word that is mostly digits is a store number or reference ("A012", "00032K").
  kept = kept.filter((w) => w.replace(/\D/g, '').length * 2 < w.length);
  while (kept.length > 1) {
    const last = kept[kept.length - 1] ?? '';
    if (LEGAL_FORMS.has(last) || CITY_TAILS.has(last) || MONTH_WORDS.has(last)) kept.pop();
    else break;
  }
  kept = kept.filter((w, i) => i === 0 || !MONTH_WORDS.has(w));
  // "SPOTIFY Spotify": the same word twice adds nothing.
  kept = kept.filter((w, i) => kept.indexOf(w) === i);
  kept = kept.slice(0, MAX_KEY_WORDS);

  const privateSwish = swish !== undefined && !swish.business;
  if (privateSwish && kept.length > 0) personal = true;

  let key: string | null = kept.length > 0 ? kept.join(' ') : null;
  if (key !== null && privateSwish) key = `SWISH ${key}`;
  if (key === null && bg !== undefined) key = `BG ${bg}`;
  if (key === null && plusgiro !== undefined) key = `PG ${plusgiro}`;
  if (key === null && swish !== undefined) key = 'SWISH';
  if (key === null && extras.counterparty !== undefined && extras.counterparty.trim() !== '') {
    return counterpartyKey(extras.counterparty, { reference: extras.reference });
  }

  const signals: CounterpartySignals = {
    ...(bg !== undefined ? { bankgiro: bg } : {}),
    ...(plusgiro !== undefined ? { plusgiro } : {}),
    ...(ocr !== undefined ? { ocr } : {}),
    ...(swish !== undefined ? { swish } : {}),
    ...(card !== undefined ? { card } : {}),
    ...(autogiro !== undefined ? { autogiro } : {}),
    ...(personal ? { personalData: true as const } : {}),
  };
  return { key, display: key ?? text.trim(), shareable: key !== null && !personal, signals };
}

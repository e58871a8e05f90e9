/**
 * Text normalisation shared by keys and tokens: one spelling per letter, upper case, Swedish
 * å ä ö kept, other diacritics folded ("CAFÉ" → "CAFE"), whitespace collapsed.
 */

const COMBINING_MARKS = /[\u0300-\u036f]/g;
// Characters that stay inside a word: letters, digits, and "&" as in "H&M".
const NON_WORD = /[^\p{L}\p{N}&]+/gu;
const PLAIN = /^[\x20-\x7eåäöüÅÄÖÜ]*$/;
// NON_WORD restricted to PLAIN text, where the only letters are A–Z, a–z and å ä ö ü (either case)
// and the only numbers 0–9: the same matches without Unicode property look-ups.
const PLAIN_NON_WORD = /[^A-Za-z0-9åäöüÅÄÖÜ&]+/g;

/** How many ASCII digits `s` holds. */
export function countDigits(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) n++;
  }
  return n;
}

/**
 * Case-folds to upper case, keeps Å Ä Ö (and Ü), strips other diacritics, turns punctuation into
 * spaces and collapses whitespace.
 *
 * ```ts
 * normalizeText('Café  Ströms/kök') // "CAFE STRÖMS KÖK"
 * ```
 */
export function normalizeText(text: string): string {
  // Already normal (a counterparty key, normalised again to get its words): nothing to build.
  if (isNormal(text)) return text;
  // Fast path: plain ASCII plus Swedish letters needs no Unicode folding (almost every bank line).
  if (PLAIN.test(text)) return text.toUpperCase().replace(PLAIN_NON_WORD, ' ').trim();
  const upper = text.normalize('NFKC').toUpperCase();
  let out = '';
  for (const ch of upper) {
    if (ch === 'Å' || ch === 'Ä' || ch === 'Ö' || ch === 'Ü') {
      out += ch;
    } else if (ch.charCodeAt(0) < 0x80) {
      out += ch;
    } else {
      out += ch.normalize('NFD').replace(COMBINING_MARKS, '');
    }
  }
  return out.replace(NON_WORD, ' ').trim();
}

const SPACE = 0x20;

/**
 * Whether `text` is its own {@link normalizeText}: only A–Z, 0–9, Å Ä Ö Ü and "&", in words
 * separated by single spaces. Checked code by code, which is cheaper than the regex passes and
 * the new strings of the general path.
 */
function isNormal(text: string): boolean {
  let previous = SPACE; // so a leading space fails
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === SPACE ? previous === SPACE : !isNormalWordCode(c)) return false;
    previous = c;
  }
  return previous !== SPACE || text.length === 0;
}

/** A–Z, 0–9, "&", Å Ä Ö Ü: the codes {@link normalizeText} keeps as they are inside a word. */
function isNormalWordCode(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x26 || c === 0xc5 || c === 0xc4 || c === 0xd6 || c === 0xdc;
}

/**
 * {@link normalizeText} of text already upper case and plain (printable ASCII and Swedish letters):
 * punctuation to single spaces, trimmed.
 */
export function plainWords(upperPlain: string): string {
  // Most keys' text is already words and single spaces ("ICA NARA"): a check code by code, no regex pass.
  if (isNormal(upperPlain)) return upperPlain;
  return upperPlain.replace(PLAIN_NON_WORD, ' ').trim();
}


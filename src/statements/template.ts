/**
 * Names in texts built from a template. Payment services and neobanks write each line as a
 * sentence with the other party in a slot ("Sent money to ⟨Tove Lindqvist⟩", "Card transaction of
 * 612.50 SEK issued by ⟨Björks Färg Lund⟩", "Received money from ⟨Kundbolaget Norr AB⟩ with
 * reference 2031"), often without a name column. When a file has no name column, the template is
 * induced from the file itself: no word list, in any language, only which words stay the same
 * across the file's lines. The slot's words become the row's `counterparty`, which the key builder
 * keys a sentence on (normalize/counterparty.ts, nameInSentence).
 *
 * Every word with a digit (amounts, dates, numbers) counts as one variable word "#"; other words
 * are case-folded. For each word of the file, the different words that follow it anywhere in the
 * file are its fillers. A line's slot starts after its first word that many different
 * words follow: in a sentence that is the template's last word ("by" in "issued by", "to" in
 * "Sent money to"), which the file's parties follow. It is a template only when the word before
 * that one is constant too and the pair is itself followed by {@link MIN_TEMPLATE_FILLERS}
 * different words (so "Kortköp 260105 ⟨name⟩", a type word and a date, and "ICA ⟨Nära⟩", a chain's
 * name, are not). The slot ends where the same holds read backwards (a constant clause after the
 * name: "with reference …", "Betrag …"), or at its first word with a digit.
 */

/**
 * Fewest different words that must follow a template (its fillers). Two lines that share their
 * first words and then differ can be two shops of one chain ("ICA Nära", "ICA Maxi"); a template
 * is what many parties are written into, and three different fillers is the least that is more
 * than such a pair.
 */
export const MIN_TEMPLATE_FILLERS = 3;
/**
 * Constant words right before the slot. One constant word before a name is a type word the bank
 * writes in front of it ("Kortköp", "Swish"; the key builder strips those), or the first word of a
 * name shared by a chain's shops ("ICA"); a sentence joins the kind of transaction to the name
 * with at least one more word ("money to", "issued by", "Betalning till").
 */
export const MIN_TEMPLATE_WORDS = 2;
/**
 * Most words of a line looked at from either end. A template's head or tail is a short phrase;
 * the bound keeps the work linear in the number of lines, whatever the length of a line.
 */
export const MAX_TEMPLATE_WORDS = 16;

const VARIABLE = '#';
const LETTER = /\p{L}/u;

/** Whether a word has a digit (the test `/\d/`, without a regular expression: it runs for every word of a file). */
function hasDigit(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) return true;
  }
  return false;
}

/** The words of a text for the statistics: case-folded, any word with a digit as {@link VARIABLE}. */
function shapes(words: readonly string[]): string[] {
  return words.map((w) => (hasDigit(w) ? VARIABLE : w.toLowerCase()));
}

/** White space as `\s` has it (the characters `split(/\s+/)` splits at), by code. */
function isBlank(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * The shapes of the first {@link MAX_TEMPLATE_WORDS} words of `text` (as {@link shapes} gives them
 * for its words) into `out`, which is reused from line to line; returns how many. Every line of
 * every file without a name column is read so: one pass over the text, no array per line.
 */
function headShapes(text: string, out: string[], max = MAX_TEMPLATE_WORDS): number {
  let n = 0;
  let i = 0;
  while (n < max) {
    while (i < text.length && isBlank(text.charCodeAt(i))) i++;
    if (i >= text.length) break;
    let j = i;
    let digit = false;
    for (; j < text.length; j++) {
      const c = text.charCodeAt(j);
      if (isBlank(c)) break;
      if (c >= 0x30 && c <= 0x39) digit = true;
    }
    out[n++] = digit ? VARIABLE : text.slice(i, j).toLowerCase();
    i = j;
  }
  return n;
}

/**
 * {@link slotStart} read forwards for `text`, reading only as many of its words as the answer
 * needs (most lines are answered by their second or third word): the same answer.
 */
function headStart(fillers: Fillers, text: string, scratch: string[]): number {
  for (let read = 2; ; read *= 2) {
    const n = headShapes(text, scratch, Math.min(read, MAX_TEMPLATE_WORDS));
    const j = slotStart(fillers, scratch, n, true);
    // Decided within the words read: a start, or a "no" before the last of them, or the line ended.
    if (j > 0 || n < read || read >= MAX_TEMPLATE_WORDS || decidedBefore(fillers, scratch, n)) return j;
  }
}

/** Whether {@link slotStart} forwards over `s`'s first `n` words stopped before its last one (a "no"). */
function decidedBefore(fillers: Fillers, s: readonly string[], n: number): boolean {
  for (let j = 1; j < n; j++) if ((fillers.one.get(s[j - 1] as string)?.size ?? 0) >= MIN_TEMPLATE_FILLERS) return true;
  return false;
}

/**
 * What follows each context, up to {@link MIN_TEMPLATE_FILLERS} different words: only whether a
 * context has that many is asked, so a context followed by thousands of names (a date before every
 * card purchase's merchant) holds three. `one`: after one word; `two`: after two constant words.
 */
interface Fillers {
  readonly one: Map<string, Set<string>>;
  readonly two: Map<string, Map<string, Set<string>>>;
}

function add(map: Map<string, Set<string>>, context: string, next: string): void {
  let set = map.get(context);
  if (set === undefined) {
    set = new Set();
    map.set(context, set);
  }
  if (set.size < MIN_TEMPLATE_FILLERS) set.add(next);
}

/** Adds the fillers of one line's window `s` (its first `n` words). */
function addLine(fillers: Fillers, s: readonly string[], n: number): void {
  for (let j = 1; j < n; j++) {
    const before = s[j - 1] as string;
    add(fillers.one, before, s[j] as string);
    if (j >= MIN_TEMPLATE_WORDS && before !== VARIABLE && s[j - 2] !== VARIABLE) {
      let inner = fillers.two.get(s[j - 2] as string);
      if (inner === undefined) fillers.two.set(s[j - 2] as string, (inner = new Map()));
      add(inner, before, s[j] as string);
    }
  }
}

function newFillers(): Fillers {
  return { one: new Map(), two: new Map() };
}

/**
 * How many words of a line's window `s` (its first `n`) come before its slot, or 0: the slot starts
 * after the first word that {@link MIN_TEMPLATE_FILLERS} different words follow in the file (where
 * the lines start to differ). Read forwards (`pair`), that is a template only when that word and
 * the one before it are constant and the pair is followed by as many different words; else the line
 * has none (a name is never looked for further on). Read backwards (the clause after a name),
 * numbers are read past and one constant word is enough.
 */
function slotStart(fillers: Fillers, s: readonly string[], n: number, pair: boolean): number {
  for (let j = 1; j < n; j++) {
    const context = s[j - 1] as string;
    // Backwards, a number is never the clause's constant ("… reference 2031"): read past it.
    if ((!pair && context === VARIABLE) || (fillers.one.get(context)?.size ?? 0) < MIN_TEMPLATE_FILLERS) continue;
    if (!pair) return j;
    // Forwards, many words after a number ("Kortköp 260105 ⟨name⟩") or after a line's first word is no template.
    if (j < MIN_TEMPLATE_WORDS || context === VARIABLE) return 0;
    const words = fillers.two.get(s[j - 2] as string)?.get(context);
    return words !== undefined && words.size >= MIN_TEMPLATE_FILLERS ? j : 0;
  }
  return 0;
}

/**
 * The name slot of each text, when the texts are built from templates; undefined for a text that
 * fits none. Only when templates hold more than half of the texts: a file of names of which a few
 * share their first words is not a file of sentences. Linear in the number of texts (each is looked
 * at through {@link MAX_TEMPLATE_WORDS} words from either end).
 */
export function templateNames(texts: readonly string[]): (string | undefined)[] {
  const none = (): undefined[] => texts.map(() => undefined);
  // The heads, read twice without keeping them: once for what follows each word in the file, once
  // for where each line's slot starts. A file where no more than half the lines have one holds no
  // template, and the usual bank file ends here.
  const scratch: string[] = [];
  const headFillers = newFillers();
  for (const t of texts) addLine(headFillers, scratch, headShapes(t, scratch));
  const starts = new Int32Array(texts.length);
  let open = 0;
  for (let i = 0; i < texts.length; i++) {
    const h = headStart(headFillers, texts[i] as string, scratch);
    starts[i] = h;
    if (h > 0) open++;
  }
  if (open * 2 <= texts.length) return none();
  const words = texts.map((t) => t.trim().split(/\s+/).filter((w) => w !== ''));
  const tails = words.map((w) => shapes(w.slice(Math.max(0, w.length - MAX_TEMPLATE_WORDS)).reverse()));
  const tailFillers = newFillers();
  for (const t of tails) addLine(tailFillers, t, t.length);
  const names: (string | undefined)[] = [];
  let fitted = 0;
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string[];
    const head = starts[i] as number;
    if (head === 0) {
      names.push(undefined);
      continue;
    }
    // A tail that would reach into the head is not this line's.
    const tail = slotStart(tailFillers, tails[i] as string[], (tails[i] as string[]).length, false);
    let end = w.length - tail > head ? w.length - tail : w.length;
    // The slot ends at its first word with a digit after its first word (an amount, a reference, a date).
    for (let j = head + 1; j < end; j++) {
      if (hasDigit(w[j] as string)) {
        end = j;
        break;
      }
    }
    const name = w.slice(head, end).join(' ');
    if (!LETTER.test(name)) {
      names.push(undefined);
      continue;
    }
    fitted++;
    names.push(name);
  }
  return fitted * 2 > texts.length ? names : none();
}

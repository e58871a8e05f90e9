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
const HAS_DIGIT = /\d/;
const LETTER = /\p{L}/u;

/** The words of a text for the statistics: case-folded, any word with a digit as {@link VARIABLE}. */
function shapes(words: readonly string[]): string[] {
  return words.map((w) => (HAS_DIGIT.test(w) ? VARIABLE : w.toLowerCase()));
}

/** Context (one word, or {@link MIN_TEMPLATE_WORDS} words joined by a space) → the different words that follow it. */
type Fillers = Map<string, Set<string>>;

function add(fillers: Fillers, context: string, next: string): void {
  let set = fillers.get(context);
  if (set === undefined) {
    set = new Set();
    fillers.set(context, set);
  }
  set.add(next);
}

/** The fillers of every word and of every pair of constant words, over each line's window. */
function fillersOf(lines: readonly string[][]): Fillers {
  const fillers: Fillers = new Map();
  for (const s of lines) {
    for (let j = 1; j < s.length; j++) {
      add(fillers, s[j - 1] as string, s[j] as string);
      if (j >= MIN_TEMPLATE_WORDS && s[j - 1] !== VARIABLE && s[j - 2] !== VARIABLE) add(fillers, `${s[j - 2]} ${s[j - 1]}`, s[j] as string);
    }
  }
  return fillers;
}

/**
 * How many words of a line's window `s` come before its slot, or 0: the slot starts after the
 * first word that {@link MIN_TEMPLATE_FILLERS} different words follow in the file (where the lines
 * start to differ). Read forwards (`pair`), that is a template only when that word and the one
 * before it are constant and the pair is followed by as many different words; else the line has
 * none (a name is never looked for further on). Read backwards (the clause after a name), numbers
 * are read past and one constant word is enough.
 */
function slotStart(fillers: Fillers, s: readonly string[], pair: boolean): number {
  for (let j = 1; j < s.length; j++) {
    const context = s[j - 1] as string;
    // Backwards, a number is never the clause's constant ("… reference 2031"): read past it.
    if ((!pair && context === VARIABLE) || (fillers.get(context)?.size ?? 0) < MIN_TEMPLATE_FILLERS) continue;
    if (!pair) return j;
    // Forwards, many words after a number ("Kortköp 260105 ⟨name⟩") or after a line's first word is no template.
    if (j < MIN_TEMPLATE_WORDS || context === VARIABLE) return 0;
    const words = fillers.get(`${s[j - 2]} ${context}`);
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
  const words = texts.map((t) => t.trim().split(/\s+/).filter((w) => w !== ''));
  const heads = words.map((w) => shapes(w.slice(0, MAX_TEMPLATE_WORDS)));
  const tails = words.map((w) => shapes(w.slice(Math.max(0, w.length - MAX_TEMPLATE_WORDS)).reverse()));
  const headFillers = fillersOf(heads);
  const tailFillers = fillersOf(tails);
  const names: (string | undefined)[] = [];
  let fitted = 0;
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string[];
    const head = slotStart(headFillers, heads[i] as string[], true);
    if (head === 0) {
      names.push(undefined);
      continue;
    }
    // A tail that would reach into the head is not this line's.
    const tail = slotStart(tailFillers, tails[i] as string[], false);
    let end = w.length - tail > head ? w.length - tail : w.length;
    // The slot ends at its first word with a digit after its first word (an amount, a reference, a date).
    for (let j = head + 1; j < end; j++) {
      if (HAS_DIGIT.test(w[j] as string)) {
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
  return fitted * 2 > texts.length ? names : texts.map(() => undefined);
}

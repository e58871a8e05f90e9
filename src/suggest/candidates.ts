/**
 * Finds a client's profiles for a counterparty key: exact, by bankgiro/plusgiro, fuzzy
 * (fast-levenshtein over the few keys a candidate index returns — never a scan of all keys),
 * then by shared stemmed words. Returns evidence, never a decision.
 */
import levenshtein from 'fast-levenshtein';
import { sortSmall } from '../core/sort.js';
import type { Knowledge } from '../knowledge/base.js';
import type { ProfileRecord } from '../knowledge/types.js';
import { tokenize, tokenSimilarity } from '../normalize/tokens.js';
import type { MatchKind } from './types.js';

/** Fuzzy matching looks at no more than this many keys from the index. */
export const MAX_FUZZY_CANDIDATES = 24;
/** Word overlap, which needs stemming, is computed for the first (rarest-word) candidates only. */
export const MAX_TOKEN_CANDIDATES = 8;
/** Edit similarity (1 − distance / longer length) a key needs to count as the same counterparty with a typo or a cut. */
export const FUZZY_MIN_SIMILARITY = 0.8;
/** Jaccard similarity of stemmed words needed for the weakest match ("TELIA SVERIGE" vs "TELIA MOBIL"). */
export const TOKEN_MIN_SIMILARITY = 0.5;
/** At most this many similar profiles are combined. */
const MAX_SIMILAR_PROFILES = 3;

/** One matched profile and how well it matched (1 = exact). */
export interface ProfileMatch {
  readonly profile: ProfileRecord;
  readonly kind: MatchKind;
  readonly similarity: number;
}

/**
 * Banks and card terminals often drop the dots and rings of Swedish letters ("ICA NARA" for
 * "ICA NÄRA", "FORSAKRING"); names are compared with them folded, so such a pair is no typo.
 */
function foldSwedish(key: string): string {
  let out = '';
  let from = 0;
  // One pass, and no new string when there is nothing to fold.
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    const plain = foldCode(c);
    if (plain === c) continue;
    out += key.slice(from, i) + String.fromCharCode(plain);
    from = i + 1;
  }
  return from === 0 ? key : out + key.slice(from);
}

/** One UTF-16 code of {@link foldSwedish}: Å Ä → A, Ö → O, É → E, Ü → U, anything else as is. */
function foldCode(c: number): number {
  return c === 0xc5 || c === 0xc4 ? 0x41 : c === 0xd6 ? 0x4f : c === 0xc9 ? 0x45 : c === 0xdc ? 0x55 : c;
}

/** Keys shorter than this are too short for "cut-off start of the other" to mean the same name. */
const CUT_OFF_MIN_LENGTH = 6;

/** Edit similarity of two keys, 0..1; Swedish letters and their plain forms count as the same. */
export function editSimilarity(keyA: string, keyB: string): number {
  if (keyA === keyB) return 1;
  return foldedSimilarity(foldSwedish(keyA), foldSwedish(keyB));
}

/** {@link editSimilarity} of two keys already folded (the query is folded once, not per candidate). */
function foldedSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const longer = Math.max(a.length, b.length);
  if (longer === 0) return 0;
  // A key that is a cut-off start of the other ("STANDARDLEVERANTÖ") is a strong match.
  if (a.length >= CUT_OFF_MIN_LENGTH && b.length >= CUT_OFF_MIN_LENGTH && (a.startsWith(b) || b.startsWith(a))) return Math.max(FUZZY_MIN_SIMILARITY, Math.min(a.length, b.length) / longer);
  // The distance is at least the length difference: skip the DP when that alone rules a match out.
  const bound = 1 - Math.abs(a.length - b.length) / longer;
  if (bound < FUZZY_MIN_SIMILARITY) return bound;
  return 1 - levenshtein.get(a, b) / longer;
}

/**
 * {@link foldedSimilarity} of a folded query and a candidate key as stored. When the lengths alone
 * rule out an edit match (most candidates), only a cut-off start can still match, and that is
 * checked code by code without building the folded candidate.
 */
function similarityToFolded(folded: string, candidate: string): number {
  const longer = Math.max(folded.length, candidate.length);
  const shorter = Math.min(folded.length, candidate.length);
  const bound = 1 - (longer - shorter) / longer;
  if (longer === 0 || !(bound < FUZZY_MIN_SIMILARITY)) return foldedSimilarity(folded, foldSwedish(candidate));
  if (shorter < CUT_OFF_MIN_LENGTH) return bound;
  for (let i = 0; i < shorter; i++) if (folded.charCodeAt(i) !== foldCode(candidate.charCodeAt(i))) return bound;
  return Math.max(FUZZY_MIN_SIMILARITY, shorter / longer);
}

/** Edits a word of this many letters or more may differ by and still be the same word with a typo; shorter ones, one. */
const LONG_WORD = 8;

/**
 * Whether two folded keys that look alike name the same counterparty word by word: every word of
 * the key with fewer words has, in order, a word of the other that is the same, the same with a
 * typo (one edit; two in a long word) or a cut-off start of it ("CREAT", "CREATIVE"); words the
 * other key has besides are allowed ("WEBHALLEN SVERIGE"). Keys that differ only in their spaces
 * ("OFFICEDEPOT") are the same too. Two firms whose names share a long family name differ in a
 * whole word ("JOHANSSONS EL" and "JOHANSSONS GOLV", "DAHLS MÅLERI" and "DAHLS BAGERI"): that is
 * another counterparty however alike the letters are.
 */
export function sameWords(a: string, b: string): boolean {
  const wa = a.split(' ');
  const wb = b.split(' ');
  const [short, long] = wa.length <= wb.length ? [wa, wb] : [wb, wa];
  let j = 0;
  for (const w of short) {
    while (j < long.length && !sameWord(w, long[j] as string)) j++;
    if (j === long.length) return wa.length !== wb.length && a.replaceAll(' ', '') === b.replaceAll(' ', '');
    j++;
  }
  return true;
}

function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.min(a.length, b.length) >= 3 && (a.startsWith(b) || b.startsWith(a))) return true;
  if (Math.abs(a.length - b.length) > 2) return false;
  return levenshtein.get(a, b) <= (Math.max(a.length, b.length) >= LONG_WORD ? 2 : 1);
}

/**
 * The client's profiles for `key`: the exact one if present, else the profile last booked with the
 * same giro number, else up to three similar ones (fuzzy, then shared words).
 *
 * ```ts
 * findProfiles(knowledge, 'c1', 'TELIA SVERIGE', 'BG 5961-0000')
 * ```
 */
export function findProfiles(k: Knowledge, clientId: string, key: string, giro: string | undefined): ProfileMatch[] {
  const profiles = k.profiles.get(clientId);
  if (profiles === undefined || profiles.size === 0) return [];
  const exact = profiles.get(key);
  if (exact !== undefined) return [{ profile: exact, kind: 'exact', similarity: 1 }];
  if (giro !== undefined) {
    const viaGiro = k.giro.get(clientId)?.get(giro);
    const p = viaGiro === undefined ? undefined : profiles.get(viaGiro);
    if (p !== undefined) return [{ profile: p, kind: 'giro', similarity: 1 }];
  }
  const index = k.clientIndex.get(clientId);
  if (index === undefined) return [];
  const candidates = index.candidates(key, MAX_FUZZY_CANDIDATES);
  if (candidates.length === 0) return [];
  const fuzzy: ProfileMatch[] = [];
  const folded = foldSwedish(key);
  for (const c of candidates) {
    const s = c === key ? 1 : similarityToFolded(folded, c);
    if (s < FUZZY_MIN_SIMILARITY || (c !== key && !sameWords(folded, foldSwedish(c)))) continue;
    const p = profiles.get(c);
    if (p !== undefined) fuzzy.push({ profile: p, kind: 'fuzzy', similarity: s });
  }
  if (fuzzy.length > 0) return sortSmall(fuzzy, bySimilarity).slice(0, MAX_SIMILAR_PROFILES);
  const qt = tokenize(key);
  const byTokens: ProfileMatch[] = [];
  for (const c of candidates.slice(0, MAX_TOKEN_CANDIDATES)) {
    const s = tokenSimilarity(qt, tokenize(c));
    if (s < TOKEN_MIN_SIMILARITY) continue;
    const p = profiles.get(c);
    if (p !== undefined) byTokens.push({ profile: p, kind: 'tokens', similarity: s });
  }
  return sortSmall(byTokens, bySimilarity).slice(0, MAX_SIMILAR_PROFILES);
}

function bySimilarity(a: ProfileMatch, b: ProfileMatch): number {
  return b.similarity - a.similarity;
}

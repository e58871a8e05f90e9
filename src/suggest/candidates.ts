/**
 * Finds a client's profiles for a counterparty key: exact, by bankgiro/plusgiro, fuzzy
 * (fast-levenshtein over the few keys a candidate index returns — never a scan of all keys),
 * then by shared stemmed words. Returns evidence, never a decision.
 */
import levenshtein from 'fast-levenshtein';
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
  return /[ÅÄÖÉÜ]/.test(key) ? key.replace(/[ÅÄ]/g, 'A').replace(/Ö/g, 'O').replace(/É/g, 'E').replace(/Ü/g, 'U') : key;
}

/** Edit similarity of two keys, 0..1; Swedish letters and their plain forms count as the same. */
export function editSimilarity(keyA: string, keyB: string): number {
  if (keyA === keyB) return 1;
  const a = foldSwedish(keyA);
  const b = foldSwedish(keyB);
  if (a === b) return 1;
  const longer = Math.max(a.length, b.length);
  if (longer === 0) return 0;
  // A key that is a cut-off start of the other ("STANDARDLEVERANTÖ") is a strong match.
  if (a.length >= 6 && b.length >= 6 && (a.startsWith(b) || b.startsWith(a))) return Math.max(FUZZY_MIN_SIMILARITY, Math.min(a.length, b.length) / longer);
  // The distance is at least the length difference: skip the DP when that alone rules a match out.
  const bound = 1 - Math.abs(a.length - b.length) / longer;
  if (bound < FUZZY_MIN_SIMILARITY) return bound;
  return 1 - levenshtein.get(a, b) / longer;
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
  for (const c of candidates) {
    const s = editSimilarity(key, c);
    const p = profiles.get(c);
    if (p !== undefined && s >= FUZZY_MIN_SIMILARITY) fuzzy.push({ profile: p, kind: 'fuzzy', similarity: s });
  }
  if (fuzzy.length > 0) return fuzzy.sort((a, b) => b.similarity - a.similarity).slice(0, MAX_SIMILAR_PROFILES);
  const qt = tokenize(key);
  const byTokens: ProfileMatch[] = [];
  for (const c of candidates.slice(0, MAX_TOKEN_CANDIDATES)) {
    const s = tokenSimilarity(qt, tokenize(c));
    const p = profiles.get(c);
    if (p !== undefined && s >= TOKEN_MIN_SIMILARITY) byTokens.push({ profile: p, kind: 'tokens', similarity: s });
  }
  return byTokens.sort((a, b) => b.similarity - a.similarity).slice(0, MAX_SIMILAR_PROFILES);
}

/**
 * Every bank file in fixtures/ and the corpus reads exactly as it did when
 * fixtures/statement-reads.json was written (by test/statements/reads-snapshot.ts, on the commit
 * it names, before the header-semantics reader existed): same format, count, sum, dates and ids.
 * Files that were refused then may read now; nothing that read may change.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Read, bankFiles, key, readNow } from './reads-snapshot.js';

const snapshot = JSON.parse(readFileSync(new URL('../../fixtures/statement-reads.json', import.meta.url), 'utf8')) as {
  reads: Record<string, Read | { error: string }>;
};

describe('every known bank file reads exactly as before', () => {
  const files = bankFiles().filter((p) => existsSync(p));
  it('every fixture in the snapshot is still there', () => {
    const present = new Set(files.map(key));
    expect(Object.keys(snapshot.reads).filter((k) => !k.startsWith('corpus:') && !present.has(k))).toEqual([]);
  });
  for (const p of files) {
    const k = key(p);
    const before = snapshot.reads[k];
    if (before === undefined || 'error' in before) continue;
    it(k, () => {
      expect(readNow(p)).toEqual(before);
    });
  }
});

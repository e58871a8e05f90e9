/** Shared helpers of the SIE tests: fixture loading and a structural summary of a document. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SieDocument } from '../../src/sie/types.js';

export const FIXTURE_DIR = fileURLToPath(new URL('../../fixtures/sie/', import.meta.url));

/** Every SIE fixture file name (not SOURCES.md, not the licences folder). */
export function fixtureNames(): string[] {
  return readdirSync(FIXTURE_DIR)
    .filter((f) => !f.endsWith('.md') && !statSync(FIXTURE_DIR + f).isDirectory())
    .sort();
}

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(FIXTURE_DIR + name));
}

/** Counts and sums that the independent script (corpus-expected.py) also computes. */
export function summarize(doc: SieDocument) {
  let trans = 0;
  let removed = 0;
  let sum = 0;
  let debit = 0;
  for (const v of doc.vouchers) {
    trans += v.transactions.length;
    removed += v.removed.length;
    for (const t of v.transactions) {
      sum += t.amount;
      if (t.amount > 0) debit += t.amount;
    }
  }
  return {
    vouchers: doc.vouchers.length,
    trans,
    removed,
    sum,
    debit,
    accounts: doc.accounts.length,
    balances: doc.balances.length,
    periodBalances: doc.periodBalances.length,
    objects: doc.objects.length,
    encoding: doc.encoding,
    checksum: doc.checksum.status,
  };
}


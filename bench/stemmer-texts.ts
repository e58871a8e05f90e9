/**
 * The texts of the repository the stemmer reference covers besides the shared corpus: every text
 * line of fixtures/ (statements, SIE files, the demo world) and every bank text and voucher text of
 * the generated worlds bench/accuracy.ts measures (seeds 1 and 2, full size). Deterministic, so
 * bench/stemmer-reference.ts and the test that checks against its output see the same lines.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { generateWorld } from './world/generate.js';

/** The full-size world of bench/accuracy.ts. */
const WORLD_SIZE = { bureaus: 8, clientsPerBureau: 20, months: 12, coldClientsPerBureau: 3 } as const;
const WORLD_SEEDS = [1, 2] as const;
/** Files that are not text (spreadsheets, archives): their bytes carry no words. */
const BINARY = /\.(xlsx|xls|zip|gz|png|pdf|ods)$/i;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/** Distinct non-empty text lines of the fixtures and the generated worlds. */
export function referenceTexts(root: string): Set<string> {
  const lines = new Set<string>();
  const add = (text: string): void => {
    for (const line of text.split(/\r\n|\r|\n/)) if (line.trim() !== '') lines.add(line);
  };
  for (const f of filesUnder(join(root, 'fixtures'))) {
    if (BINARY.test(f) || f.includes(`${join('fixtures', 'stemmer')}`)) continue;
    const bytes = readFileSync(f);
    add(bytes.toString('utf8'));
    add(iconv.decode(bytes, 'cp437'));
    add(iconv.decode(bytes, 'win1252'));
  }
  for (const seed of WORLD_SEEDS) {
    const world = generateWorld({ seed, start: '2025-10', ...WORLD_SIZE });
    for (const m of world.months) {
      for (const l of m.lines) {
        add(l.tx.text);
        add(l.truth.text);
      }
    }
  }
  return lines;
}

/**
 * A warning's lines are lines of the file: a row and its fee's row (a fee in a column of its own)
 * share one, and no warning names a line twice.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseStatement } from '../../src/statements/index.js';
import { bankFiles, key } from './reads-snapshot.js';

describe('every warning names each line of the file once', () => {
  const files = bankFiles().filter((p) => existsSync(p) && !key(p).startsWith('corpus:'));
  it('over every fixture that reads, with and without pending rows', () => {
    const twice: string[] = [];
    for (const p of files) {
      for (const includePending of [false, true]) {
        let warnings;
        try {
          warnings = parseStatement(readFileSync(p), { fileName: p.split('/').pop(), includePending }).warnings;
        } catch {
          continue;
        }
        for (const w of warnings) if (new Set(w.lines).size !== w.lines.length) twice.push(`${key(p)} ${w.code} [${w.lines.join(',')}]`);
      }
    }
    expect(twice).toEqual([]);
  });
});

/**
 * Damaged files, of every kind kontera reads: each fixture (bank exports in every layout and
 * container, SIE files, BgMax files) mutated the ways real files get damaged (test/support/
 * mutate.ts: cut short, bytes lost or changed, a line pasted thousands of times, deep nesting, a
 * huge field, chunks moved). Whatever the damage, reading it either succeeds or throws a
 * KonteraError with a code that names the file the caller gave, in bounded time: never a
 * TypeError, a RangeError, a hang, or an error that points into a ZIP entry instead of the file.
 * Seeded, so a failure reproduces; bench/fuzz.ts runs the same for as long as one likes.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readBgmax } from '../../src/bgmax/reader.js';
import { KonteraError } from '../../src/core/errors.js';
import { readSie } from '../../src/sie/reader.js';
import { parseStatement } from '../../src/statements/index.js';
import { caught } from '../support/errors.js';
import { type MutationOutcome, readMutations } from '../support/mutate.js';
import { seededRandom } from '../support/random.js';
import { zip } from '../support/zip.js';

const ROOT = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const MUTATIONS = 4;
/** Generous: a mutated fixture reads in milliseconds; this only catches a hang or a blow-up. */
const BOUND_MS = 10_000;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/** What reads a fixture, by where it lies. */
function readerFor(path: string): ((bytes: Uint8Array, fileName: string) => unknown) | undefined {
  const rel = relative(ROOT, path);
  if (/LICENSE|\.md$/i.test(rel)) return undefined;
  if (rel.startsWith('sie/')) return (b, fileName) => readSie(b, { fileName });
  if (rel.startsWith('bgmax/')) return (b, fileName) => readBgmax(b, { fileName });
  if (rel.startsWith('statements/')) return (b, fileName) => parseStatement(b, { fileName });
  return undefined;
}

const isTyped = (e: unknown): e is KonteraError => e instanceof KonteraError;

const fixtures = ['statements', 'sie', 'bgmax'].flatMap((d) => filesUnder(join(ROOT, d))).filter((f) => readerFor(f) !== undefined);

describe('damaged files get a typed error naming the file, in bounded time', () => {
  it('covers every kind of fixture', () => {
    const kinds = new Set(fixtures.map((f) => f.slice(f.lastIndexOf('.') + 1).toLowerCase()));
    for (const k of ['csv', 'txt', 'xls', 'xlsx', 'ods', 'xml', 'json', 'sta', 'se', 'si']) expect(kinds).toContain(k);
    expect(fixtures.length).toBeGreaterThan(150);
  });

  it(`every fixture, ${MUTATIONS} mutations each`, () => {
    const outcome: MutationOutcome = { read: 0, typed: 0, problems: [] };
    fixtures.forEach((path, index) => {
      const reader = readerFor(path) as NonNullable<ReturnType<typeof readerFor>>;
      readMutations(new Uint8Array(readFileSync(path)), relative(ROOT, path), reader, { mutations: MUTATIONS, random: seededRandom(1_000 + index), boundMs: BOUND_MS, isTyped }, outcome);
    });
    expect(outcome.problems).toEqual([]);
    // Both outcomes occur: the mutations damage files, and many damaged files still read.
    expect(outcome.typed).toBeGreaterThan(fixtures.length);
    expect(outcome.read).toBeGreaterThan(fixtures.length / 2);
  });

  it('broken markup inside an XLSX or ODS names the file, and the entry and its line in the message', () => {
    const workbook = zip([{ name: 'xl/workbook.xml', data: Buffer.from('<?xml version="1.0"?>\n<workbook><sheets><sheet name="A" r:id="rId1"/></workbook>'), method: 0 }]);
    const e = caught(() => parseStatement(workbook, { fileName: 'kontoutdrag.xlsx' }));
    expect(e).toMatchObject({ code: 'UNSUPPORTED_CONTAINER', file: 'kontoutdrag.xlsx', line: undefined });
    expect(e.message).toBe('Unreadable Excel workbook (XLSX): Invalid XML: expected </sheets>, found </workbook> (in xl/workbook.xml, line 2) (kontoutdrag.xlsx)');
    const ods = zip([
      { name: 'mimetype', data: Buffer.from('application/vnd.oasis.opendocument.spreadsheet'), method: 0 },
      { name: 'content.xml', data: Buffer.from('<office:document-content>\n<office:body>\n<office:spreadsheet>\n<table:table>'), method: 0 },
    ]);
    const o = caught(() => parseStatement(ods, { fileName: 'konto.ods' }));
    expect(o).toMatchObject({ code: 'UNSUPPORTED_CONTAINER', file: 'konto.ods' });
    expect(o.message).toMatch(/^Unreadable OpenDocument spreadsheet \(ODS\): Invalid XML: <table> opened on line 4 is never closed \(in content\.xml, line 4\) \(konto\.ods\)$/);
  });
});

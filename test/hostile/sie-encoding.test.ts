/**
 * The SIE decoder's repair paths (UTF-8 with invalid bytes, UTF-16, a BOM before other bytes) on
 * adversarial byte patterns: a typed result or a typed error, in linear time.
 */
import { describe, expect, it } from 'vitest';
import { KonteraError } from '../../src/core/errors.js';
import { readSie } from '../../src/sie/reader.js';

const MIB = 1 << 20;

function timedRead(bytes: Uint8Array): { ms: number; error: unknown } {
  const t0 = performance.now();
  try {
    readSie(bytes, { strict: false, fileName: 'h.se' });
    return { ms: performance.now() - t0, error: undefined };
  } catch (error) {
    return { ms: performance.now() - t0, error };
  }
}

function withHead(body: Uint8Array, head = '#FLAGGA 0\n#FNAMN "'): Uint8Array {
  const h = new TextEncoder().encode(head);
  const out = new Uint8Array(h.length + body.length);
  out.set(h);
  out.set(body, h.length);
  return out;
}

describe('SIE decoding of hostile bytes', () => {
  const cases: [string, Uint8Array][] = [
    // Valid "ö" and an invalid byte in turn: as many valid sequences as invalid ones, the most work for the UTF-8 repair.
    ['alternating valid and invalid UTF-8', withHead(new Uint8Array(8 * MIB).map((_, i) => [0xc3, 0xb6, 0xff][i % 3] ?? 0))],
    ['cut sequences only', withHead(new Uint8Array(8 * MIB).map((_, i) => (i % 2 === 0 ? 0xe2 : 0x22)))],
    ['UTF-16 pattern of junk', new Uint8Array(8 * MIB).map((_, i) => (i % 2 === 0 ? 0x23 : 0))],
    ['BOM before junk', withHead(new Uint8Array(8 * MIB).fill(0xb6), '\ufeff#FLAGGA 0\n#FNAMN "')],
  ];
  for (const [name, bytes] of cases) {
    it(`${name}: read or refused with a KonteraError in bounded time`, () => {
      const { ms, error } = timedRead(bytes);
      if (error !== undefined) expect(error).toBeInstanceOf(KonteraError);
      expect(ms).toBeLessThan(5000);
    });
  }
});

describe('SIE lexing of hostile quote patterns', () => {
  it('a 4 MB line of glued quotes ("a"b "a"b …) is read in linear time', () => {
    const line = '#FNAMN ' + '"a"b '.repeat((4 * MIB) / 5);
    const bytes = new TextEncoder().encode(`#FLAGGA 0\n${line}\n#PROSA "x"y" z"\n`);
    const { ms, error } = timedRead(bytes);
    if (error !== undefined) expect(error).toBeInstanceOf(KonteraError);
    expect(ms).toBeLessThan(5000);
  });

  it('4 MB lines of odd unescaped quotes (one open field with stray quotes, many fields each with one) are read in linear time', () => {
    for (const line of ['#FNAMN "a' + ' b"c'.repeat(MIB) + '"', '#VER A 1 20250101 ' + '"x" y" '.repeat((4 * MIB) / 7), '#PROSA ' + '"x" y"z '.repeat(MIB / 2), '#PROSA ' + '"'.repeat(4 * MIB)]) {
      const bytes = new TextEncoder().encode(`#FLAGGA 0\n${line}\n`);
      const { ms, error } = timedRead(bytes);
      if (error !== undefined) expect(error).toBeInstanceOf(KonteraError);
      expect(ms).toBeLessThan(5000);
    }
    // 100 000 short lines that each need the repair.
    const many = `#FLAGGA 0\n${'#PROSA "Skruv 3/4" 12" lådor" 20250102\n'.repeat(100_000)}`;
    const { ms, error } = timedRead(new TextEncoder().encode(many));
    expect(error).toBeUndefined();
    expect(ms).toBeLessThan(5000);
  });
});

describe('SIE checksums and joined files built to be slow', () => {
  it('4 MB lines of no-break and thin spaces inside a #KSUMMA section (one gap, many gaps, in an object list) are summed in linear time', () => {
    for (const line of ['#PROSA x' + '\u00a0'.repeat(4 * MIB) + 'y', '#PROSA ' + 'x\u202f'.repeat(2 * MIB), '#OBJEKT 1 {1\u2009' + '1\u00a0'.repeat(2 * MIB) + '}']) {
      const bytes = new TextEncoder().encode(`#FLAGGA 0\n#KSUMMA\n${line}\n#KSUMMA 1\n`);
      const { ms, error } = timedRead(bytes);
      if (error !== undefined) expect(error).toBeInstanceOf(KonteraError);
      expect(ms).toBeLessThan(5000);
    }
  });

  it('200 000 repeated header records after the body are refused as a second file at the first, in bounded time', () => {
    const text = `#FLAGGA 0\n#GEN 20250101\n#KONTO 1930 "Bank"\n${'#PROSA "x"\n#GEN 20250101\n'.repeat(200_000)}`;
    const { ms, error } = timedRead(new TextEncoder().encode(text));
    expect(error).toMatchObject({ code: 'SIE_JOINED_FILES', line: 4 });
    expect(ms).toBeLessThan(5000);
  });
});

describe('SIE vouchers built to be slow', () => {
  it('a 2 MB unquoted name of words joined by no-break spaces is read whole in linear time, and its note quotes only its start', () => {
    const t0 = performance.now();
    const doc = readSie(new TextEncoder().encode(`#FLAGGA 0\n#FNAMN ${'Cell\u00a0'.repeat(400_000)}AB\n`));
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(doc.header.companyName).toHaveLength(2_000_002);
    expect(doc.issues.map((i) => [i.code, i.line])).toEqual([['SIE_REPAIRED', 2]]);
    expect(doc.issues[0]?.message.length).toBeLessThan(200);
  });

  it('runs of no-break spaces inside names, #ADRESS fields and amounts (2–4 MB lines) are read or refused in linear time', () => {
    const run = '\u00a0\u00a0\u00a0';
    const t0 = performance.now();
    const doc = readSie(new TextEncoder().encode(`#FLAGGA 0\n#FNAMN ${`Cell${run}`.repeat(300_000)}AB\n#ADRESS ${`A${run}`.repeat(200_000)}x ${`B${run}`.repeat(200_000)}y "p" t\n`));
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(doc.header.companyName).toHaveLength(2_100_002);
    expect(doc.header.address).toMatchObject({ postal: 'p', phone: 't' });
    expect(doc.header.address?.street).toHaveLength(800_001);
    const bytes = new TextEncoder().encode(['#FLAGGA 0', '#FNAMN "x"', '#VER A 1 20250105', '{', `#TRANS 1930 {} 1${`${run}234`.repeat(250_000)}`, '}', ''].join('\n'));
    const t1 = performance.now();
    expect(() => readSie(bytes)).toThrow(expect.objectContaining({ code: 'SIE_INVALID_VALUE', line: 5 }));
    expect(performance.now() - t1).toBeLessThan(5000);
  });

  it('an amount or quantity of 250 000 digit groups joined by no-break spaces (1 MB) is refused in linear time, naming the field', () => {
    for (const row of [`#TRANS 1930 {} 1${'\u00a0234'.repeat(250_000)}`, `#TRANS 1930 {} 1 "" "" 1${'\u202f234'.repeat(250_000)}`]) {
      const bytes = new TextEncoder().encode(['#FLAGGA 0', '#FNAMN "x"', '#VER A 1 20250105', '{', row, '}', ''].join('\n'));
      const t0 = performance.now();
      let error: unknown;
      try {
        readSie(bytes);
      } catch (e) {
        error = e;
      }
      expect(performance.now() - t0).toBeLessThan(5000);
      expect(error).toMatchObject({ code: 'SIE_INVALID_VALUE', line: 5 });
      expect((error as Error).message).toMatch(/field (3|6)/);
    }
  });

  it('a voucher of 40 000 #RTRANS without echoes and 40 000 other rows is read in linear time', () => {
    const rows = [...Array.from({ length: 40_000 }, () => '#RTRANS 1930 {1 "a" 6 "b"} 1'), ...Array.from({ length: 40_000 }, () => '#TRANS 1931 {6 "b" 1 "a"} 1')];
    const bytes = new TextEncoder().encode(['#FLAGGA 0', '#FNAMN "x"', '#VER A 1 20250105', '{', ...rows, '}', ''].join('\n'));
    const { ms, error } = timedRead(bytes);
    expect(error).toBeUndefined();
    expect(ms).toBeLessThan(5000);
    // Their echoes all further down: found, in linear time too.
    const echoed = [...Array.from({ length: 40_000 }, () => '#RTRANS 1930 {1 "a" 6 "b"} 1'), ...Array.from({ length: 40_000 }, () => '#TRANS 1930 {6 "b" 1 "a"} 1'), '#TRANS 1931 {} -40000'];
    const t0 = performance.now();
    const doc = readSie(new TextEncoder().encode(['#FLAGGA 0', '#FNAMN "x"', '#VER A 1 20250105', '{', ...echoed, '}', ''].join('\n')));
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(doc.vouchers[0]?.transactions).toHaveLength(40_001);
  });

  it('40 000 #TRANS echoes written before their #RTRANS, one by one or all in a block, are found in linear time', () => {
    const read = (rows: readonly string[]) => {
      const t0 = performance.now();
      const doc = readSie(new TextEncoder().encode(['#FLAGGA 0', '#FNAMN "x"', '#VER A 1 20250105', '{', ...rows, '#TRANS 1931 {} -40000', '}', ''].join('\n')));
      return { doc, ms: performance.now() - t0 };
    };
    const pairs = Array.from({ length: 40_000 }, () => ['#TRANS 1930 {6 "b" 1 "a"} 1', '#RTRANS 1930 {1 "a" 6 "b"} 1']).flat();
    const block = [...Array.from({ length: 40_000 }, () => '#TRANS 1930 {6 "b" 1 "a"} 1'), ...Array.from({ length: 40_000 }, () => '#RTRANS 1930 {1 "a" 6 "b"} 1')];
    for (const rows of [pairs, block]) {
      const { doc, ms } = read(rows);
      expect(ms).toBeLessThan(5000);
      expect(doc.vouchers[0]?.transactions).toHaveLength(40_001);
      expect(doc.vouchers[0]?.transactions.filter((t) => t.added === true)).toHaveLength(40_000);
    }
  });
});

/** Large inputs: linear time, and issues that do not grow with the file. */
import { describe, expect, it } from 'vitest';
import { MAX_LISTED_ERRORS, readSie } from '../../src/sie/reader.js';

function file(vouchers: number, row: (v: number) => string): string {
  let s = '#FLAGGA 0\r\n#FNAMN "x"\r\n';
  for (let v = 1; v <= vouchers; v++) s += `#VER A ${v} 20250101 "Voucher ${v}"\r\n{\r\n${row(v)}\r\n#TRANS 1930 {} 0\r\n}\r\n`;
  return s;
}

function seconds(f: () => void): number {
  const t = performance.now();
  f();
  return (performance.now() - t) / 1000;
}

describe('readSie on large inputs', () => {
  it('reads quoted texts in linear time even when the only backslash is at the end of the file', () => {
    // A search for "\" from every quote to the end of the text made this quadratic (seconds at 50k rows).
    const small = file(10_000, (v) => `#TRANS 6570 {} 0 "" "Text ${v}"`) + '#X "\\"';
    const large = file(80_000, (v) => `#TRANS 6570 {} 0 "" "Text ${v}"`) + '#X "\\"';
    readSie(small, { strict: false });
    const a = seconds(() => readSie(small, { strict: false }));
    const b = seconds(() => readSie(large, { strict: false }));
    expect(b).toBeLessThan(3);
    // 8× the input: linear is ~8×; allow noise from a shared machine, quadratic would be ~64×.
    expect(b / Math.max(a, 0.005)).toBeLessThan(30);
  });

  it('gives vouchers without rows one shared, frozen empty row list, not an array each', () => {
    // An empty array per voucher was a third of the heap: a million empty #VER held 117 MB, now 85 MB.
    const doc = readSie('#FLAGGA 0\r\n#FNAMN "x"\r\n' + '#VER A 1 20250101 ""\r\n{\r\n}\r\n#VER A 2 20250101 ""\r\n{\r\n}\r\n');
    const [a, b] = doc.vouchers;
    expect(a?.transactions).toEqual([]);
    expect(a?.transactions).toBe(b?.transactions);
    expect(a?.removed).toBe(a?.transactions);
    expect(Object.isFrozen(a?.transactions)).toBe(true);
  });

  it('lists a repeated repair 50 times and then only counts it', () => {
    const doc = readSie(file(200, () => '#TRANS 6570 {} 0,00'));
    const repaired = doc.issues.filter((i) => i.code === 'SIE_REPAIRED');
    expect(repaired).toHaveLength(51);
    expect(repaired.at(-1)?.message).toBe('150 more SIE_REPAIRED issues like the ones above were not listed');
  });
});

describe('readSie lenient on a file of errors', () => {
  it('lists 1000 errors of a code and then only counts them, so junk lines cannot exhaust the heap', () => {
    // 10 MB of such lines held 5 million error objects and crashed the process (learnFromSie reads leniently).
    const junk = `#FLAGGA 0\n#FNAMN "x"\n${'x\n'.repeat(100_000)}#VER A 1 20250101 ""\n{\n${'#TRANS 1930 {} 1 2\n'.repeat(5_000)}}\n`;
    const doc = readSie(junk, { strict: false });
    const syntax = doc.issues.filter((i) => i.code === 'SIE_SYNTAX');
    expect(syntax).toHaveLength(MAX_LISTED_ERRORS + 1);
    expect(syntax[0]?.line).toBe(3);
    expect(syntax[0]?.error?.message).toContain('Expected a record starting with a #LABEL, found "x"');
    expect(syntax.at(-1)).toEqual({ severity: 'error', code: 'SIE_SYNTAX', message: '99000 more SIE_SYNTAX errors like the ones above were not listed' });
    const invalid = doc.issues.filter((i) => i.code === 'SIE_INVALID_VALUE');
    expect(invalid).toHaveLength(MAX_LISTED_ERRORS + 1);
    expect(invalid.at(-1)?.message).toBe('4000 more SIE_INVALID_VALUE errors like the ones above were not listed');
    // The voucher itself is still read (rows with a bad date are dropped, leaving it empty).
    expect(doc.vouchers).toHaveLength(1);
  });

  it('still words a header date warning in full once its error code is only counted', () => {
    const text = `#FLAGGA 0\n#FNAMN "x"\n${'#KTYP 1930 Q\n'.repeat(MAX_LISTED_ERRORS + 5)}#OMFATTN 20251399\n`;
    const doc = readSie(text, { strict: false });
    const omfattn = doc.issues.find((i) => i.label === '#OMFATTN');
    expect(omfattn?.message).toMatch(/^Invalid date: expected YYYYMMDD \(a real calendar day\) in field 1, found "20251399"/);
  });
});

/** Large inputs: linear time, and issues that do not grow with the file. */
import { describe, expect, it } from 'vitest';
import { readSie } from '../../src/sie/reader.js';

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

  it('lists a repeated repair 50 times and then only counts it', () => {
    const doc = readSie(file(200, () => '#TRANS 6570 {} 0,00'));
    const repaired = doc.issues.filter((i) => i.code === 'SIE_REPAIRED');
    expect(repaired).toHaveLength(51);
    expect(repaired.at(-1)?.message).toBe('150 more SIE_REPAIRED issues like the ones above were not listed');
  });
});

/**
 * The header reader's row rules (totals, balance rows, a repeated header, D/K markers, fees, krona
 * units in headers, `="…"` cells, BOM-less UTF-16, day/month sniffing) on hostile input: a typed
 * result or a typed error, in bounded time.
 */
import { describe, expect, it } from 'vitest';
import { StatementParseError } from '../../src/core/errors.js';
import { parseAmount } from '../../src/core/money.js';
import { parseStatement } from '../../src/statements/index.js';

const BUDGET_MS = 3000;

function typedOrResult(input: string | Uint8Array): string {
  try {
    return `ok:${parseStatement(input).transactions.length}`;
  } catch (e) {
    expect(e).toBeInstanceOf(StatementParseError);
    return (e as StatementParseError).code;
  }
}

function timed(input: string | Uint8Array): { ms: number; out: string } {
  const t = performance.now();
  const out = typedOrResult(input);
  return { ms: performance.now() - t, out };
}

describe('hostile input to the header reader stays typed and bounded', () => {
  it('a 1 MB cell after a totals word, a huge krona-unit header, a 1 MB `="` cell', () => {
    const blanks = ' '.repeat(1 << 20);
    for (const input of [
      `Datum;Text;Belopp\n2026-10-02;Hyra;-100,00\n;Summa${blanks}x;100,00\n`,
      `Datum;Text;Belopp\n2026-10-02;Hyra;-100,00\n;Ingående saldo${blanks};\n`,
      `Datum;Text;${'Belopp kr '.repeat(50_000)}kr\n2026-10-02;Hyra;-100,00\n`,
      `Datum;Text;Belopp\n2026-10-02;Hyra;="${'"'.repeat(1 << 20)}\n`,
      `Datum;Text;Belopp;D/K\n2026-10-02;Hyra;100,00;${'D'.repeat(1 << 20)}\n`,
      `Datum;Text;Belopp;Avgift;Saldo\n2026-10-02;Hyra;-100,00;${'9'.repeat(1 << 20)};1,00\n`,
      `Date,Text,Amount\n${'01/02/2026,A,1.00\n'.repeat(20_000)}`,
      `Datum;Text;Belopp\n2026-10-02;${'Ã¶'.repeat(1 << 19)};-1,00\n`,
    ]) {
      const { ms, out } = timed(input);
      expect(ms, out).toBeLessThan(BUDGET_MS);
    }
  });

  it('many repeated headers and totals rows', () => {
    // Each copy a one-day export of the same line (each after the one before, as `cat a a …` writes it): one line.
    const body = 'Datum;Text;Belopp\n2026-10-02;Hyra;-100,00\n;Summa;-100,00\n'.repeat(30_000);
    const { ms, out } = timed(`Datum;Text;Belopp\n${body}`);
    expect(out).toBe('ok:1');
    expect(ms).toBeLessThan(BUDGET_MS);
    // One-day sections of one day whose lines all differ: none repeats another, every line read.
    const distinct = Array.from({ length: 30_000 }, (_, k) => `Datum;Text;Belopp\n2026-10-02;Hyra ${k};-100,00\n;Summa;-100,00\n`).join('');
    const other = timed(`Datum;Text;Belopp\n${distinct}`);
    expect(other.out).toBe('ok:30000');
    expect(other.ms).toBeLessThan(BUDGET_MS);
  });

  it('NUL-every-other-byte input that is not UTF-16 text', () => {
    const bytes = new Uint8Array(1 << 16);
    for (let i = 0; i < bytes.length; i += 2) bytes[i] = 0x01;
    const { ms, out } = timed(bytes);
    expect(out).toBe('BINARY_INPUT');
    expect(ms).toBeLessThan(BUDGET_MS);
  });

  it('a currency word before a long run of blanks', () => {
    const sv = { decimal: ',', thousands: 'space', maxDecimals: 2 } as const;
    const t = performance.now();
    expect(() => parseAmount(`SEK${' '.repeat(1 << 20)}-`, sv)).toThrow();
    expect(() => parseAmount(`kr ${'1 '.repeat(1 << 18)}`, sv)).toThrow();
    expect(performance.now() - t).toBeLessThan(BUDGET_MS);
  });
});

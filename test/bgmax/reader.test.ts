/**
 * The BgMax reader on Bankgirot's published example file, checked against an independent reading
 * of the same bytes (fixed positions sliced here), and on broken copies of it.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readBgmax } from '../../src/bgmax/reader.js';
import { BgmaxParseError, KonteraError } from '../../src/core/errors.js';

const DIR = fileURLToPath(new URL('../../fixtures/bgmax/', import.meta.url));
const EXAMPLE = new Uint8Array(readFileSync(`${DIR}bgc-example-ocr.txt`));
const latin1 = (b: Uint8Array): string => Buffer.from(b).toString('latin1');
const lines = latin1(EXAMPLE).split('\n');

function expectError(input: Uint8Array | string, code: string, line: number, field?: string): BgmaxParseError {
  try {
    readBgmax(input, { fileName: 'bg.txt' });
  } catch (error) {
    expect(error).toBeInstanceOf(BgmaxParseError);
    const e = error as BgmaxParseError;
    expect(e.code).toBe(code);
    expect(e.line).toBe(line);
    expect(e.file).toBe('bg.txt');
    if (field !== undefined) expect(e.field).toBe(field);
    return e;
  }
  throw new Error('expected a BgmaxParseError, the file was read');
}

function replaceLine(n: number, text: string): string {
  const copy = [...lines];
  copy[n - 1] = text;
  return copy.join('\n');
}

describe('readBgmax on Bankgirot’s example', () => {
  const file = readBgmax(EXAMPLE);

  it('reads the start record', () => {
    const l1 = lines[0] as string;
    expect(file.version).toBe(l1.slice(22, 24));
    expect(file.timestamp.replace(/\D/g, '')).toBe(l1.slice(24, 44));
    expect(file.test).toBe(l1[44] === 'T');
  });

  it('has one deposit per TK15 record, with its date, amount and payment count', () => {
    const tk15 = lines.filter((l) => l.startsWith('15'));
    expect(file.deposits).toHaveLength(tk15.length);
    file.deposits.forEach((d, i) => {
      const l = tk15[i] as string;
      expect(d.date.replace(/-/g, '')).toBe(l.slice(37, 45));
      expect(d.amount).toBe(Number(l.slice(50, 68)));
      expect(d.currency).toBe(l.slice(68, 71));
      expect(d.payments).toHaveLength(Number(l.slice(71, 79)));
      expect(d.payments.reduce((s, p) => s + p.amount, 0)).toBe(d.amount);
    });
  });

  it('reads every payment and deduction with its amount, reference, payer and extra references', () => {
    const records = lines.map((l, i) => ({ l, n: i + 1 })).filter(({ l }) => l.startsWith('20') || l.startsWith('21'));
    const payments = file.deposits.flatMap((d) => d.payments);
    expect(payments).toHaveLength(records.length);
    payments.forEach((p, i) => {
      const { l, n } = records[i] as { l: string; n: number };
      expect(p.line).toBe(n);
      expect(p.kind).toBe(l.startsWith('20') ? 'payment' : 'deduction');
      expect(p.amount).toBe((l.startsWith('21') ? -1 : 1) * Number(l.slice(37, 55)));
      expect(p.reference).toBe(l.slice(12, 37).trim());
      // The TK26 name after it.
      const name = lines.slice(n).find((x) => x.startsWith('26'))?.slice(2, 37).trim();
      expect(p.name).toBe(name);
    });
    const multi = payments.find((p) => p.reference.includes(' '));
    expect(multi?.referenceCode).toBe('3');
    // Its three references, then its extra references (TK22), each once.
    expect(new Set(multi?.references).size).toBe(multi?.references.length);
    expect(multi?.extraReferences.length).toBeGreaterThan(0);
    expect(payments.find((p) => p.kind === 'deduction')?.amount).toBeLessThan(0);
    expect(payments[0]?.name).toBe('Kalles Plåt AB');
    expect(payments[0]?.town).toBe('Storåker');
    expect(payments[0]?.orgNumber).toBe('005500001234');
  });

  it('repairs the TK22 line whose reference went through an editor (tabs) and says so', () => {
    const n = lines.findIndex((l) => l.includes('\t')) + 1;
    expect(n).toBeGreaterThan(0);
    expect(file.issues).toContainEqual({ line: n, message: 'tab characters expanded to eight-column stops' });
    const refs = file.deposits.flatMap((d) => d.payments).flatMap((p) => p.extraReferences);
    const repaired = refs.find((r) => r.line === n);
    expect(repaired?.reference).toMatch(/^\d{6}$/);
  });

  it('reads the same file with CRLF line ends and from a string', () => {
    const crlf = lines.join('\r\n');
    expect(readBgmax(crlf)).toEqual(file);
  });
});

describe('readBgmax errors', () => {
  it('refuses the upstream file of junk records with the line and field', () => {
    const bytes = new Uint8Array(readFileSync(`${DIR}invalid-transaction-codes.txt`));
    expectError(bytes, 'BGMAX_INVALID_VALUE', 2, 'currency');
  });

  it('refuses a deposit whose stated amount is not the sum of its payments, naming both', () => {
    const n = lines.findIndex((l) => l.startsWith('15')) + 1;
    const l = lines[n - 1] as string;
    const bad = `${l.slice(0, 50)}${String(Number(l.slice(50, 68)) + 1).padStart(18, '0')}${l.slice(68)}`;
    const e = expectError(replaceLine(n, bad), 'BGMAX_INVALID_VALUE', n, 'deposit amount');
    expect(e.message).toContain(String(Number(l.slice(50, 68))));
    expect(e.message).toContain(String(Number(l.slice(50, 68)) + 1));
  });

  it('refuses letters in an amount, a payment outside a deposit, a missing end record and wrong end counts', () => {
    const n = lines.findIndex((l) => l.startsWith('20')) + 1;
    const l = lines[n - 1] as string;
    expectError(replaceLine(n, `${l.slice(0, 40)}12X${l.slice(43)}`), 'BGMAX_INVALID_VALUE', n, 'amount');
    const firstOpen = lines.findIndex((l2) => l2.startsWith('05')) + 1;
    expectError(replaceLine(firstOpen, ''), 'BGMAX_SYNTAX', firstOpen + 1);
    const end = lines.findIndex((l2) => l2.startsWith('70')) + 1;
    expectError(replaceLine(end, ''), 'BGMAX_SYNTAX', lines.length);
    const tk70 = lines[end - 1] as string;
    expectError(replaceLine(end, `70${String(Number(tk70.slice(2, 10)) + 1).padStart(8, '0')}${tk70.slice(10)}`), 'BGMAX_INVALID_VALUE', end, 'number of payments');
  });

  it('skips a record type it does not know, and says so', () => {
    const n = lines.findIndex((l) => l.startsWith('29')) + 1;
    const copy = [...lines];
    copy.splice(n, 0, '99 a record type from a later version');
    const f = readBgmax(copy.join('\n'));
    expect(f.issues).toContainEqual({ line: n + 1, message: 'unknown transaction code 99 skipped' });
  });

  it('answers hostile input with a typed error in bounded time', () => {
    let seed = 7;
    const bytes = new Uint8Array(1 << 20).map(() => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed & 0xff;
    });
    const started = performance.now();
    expect(() => readBgmax(bytes)).toThrow(KonteraError);
    expect(() => readBgmax('')).toThrow(BgmaxParseError);
    expect(() => readBgmax(`01BGMAX               0120040525173035010331P\n${'20'.repeat(100_000)}`)).toThrow(BgmaxParseError);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

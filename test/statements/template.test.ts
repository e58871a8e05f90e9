/**
 * Templates induced from a file without a name column (src/statements/template.ts): the name slot
 * of sentence texts becomes the row's counterparty, from the file's own statistics, in any
 * language; files of names, and Swedish bank texts with a type word and a date before the name, get
 * none. All names are invented.
 */
import { describe, expect, test } from 'vitest';
import { counterpartyKey } from '../../src/normalize/counterparty.js';
import { parseStatement } from '../../src/statements/index.js';
import { MIN_TEMPLATE_FILLERS, templateNames } from '../../src/statements/template.js';

const MERCHANTS = ['Björks Färg', 'Kafé Grönstedt', 'Lindbloms Järn', 'Tryckeriet Ekbacken', 'Sjöbergs Rör'];

/** A generic CSV (no name column) of `texts`, newest last, balances chained. */
function csv(texts: readonly string[]): string {
  let balance = 1_000_000;
  const lines = ['Date,Amount,Currency,Description,Running Balance'];
  texts.forEach((t, i) => {
    const amount = -(1000 + i * 37);
    balance += amount;
    lines.push(`2026-03-${String(1 + (i % 28)).padStart(2, '0')},${(amount / 100).toFixed(2)},SEK,"${t}",${(balance / 100).toFixed(2)}`);
  });
  return `${lines.join('\n')}\n`;
}

describe('templates induced from the file', () => {
  test('English: the slot after the template is the counterparty, up to a constant clause after it', () => {
    const texts = [
      ...MERCHANTS.map((m, i) => `Card transaction of ${100 + i}.50 SEK issued by ${m}`),
      `Card transaction of 12.00 EUR issued by ${MERCHANTS[0]}`,
      ...['Kundbolaget Norr AB', 'Hallonbergs Fastigheter AB', 'Grönvalls Café AB'].map((c, i) => `Received money from ${c} with reference Faktura ${2031 + i}`),
    ];
    expect(templateNames(texts)).toEqual([...MERCHANTS, MERCHANTS[0], 'Kundbolaget Norr', 'Hallonbergs Fastigheter', 'Grönvalls Café']);
  });

  test('a template the key builder has no grammar for: the induced name keys each line on its merchant', () => {
    // Four constant words before the name: without the name, every line keys on them.
    const texts = MERCHANTS.map((m, i) => `Zahlung mit Karte bei Händler ${m} Betrag ${200 + i},00`);
    expect(new Set(texts.map((t) => counterpartyKey(t).key)).size).toBe(1);
    const rows = parseStatement(csv(texts)).transactions;
    expect(rows.map((r) => r.counterparty)).toEqual(MERCHANTS);
    const keys = rows.map((r) => counterpartyKey(r.text, { counterparty: r.counterparty }).key);
    expect(keys).toEqual(['BJÖRKS FÄRG', 'KAFE GRÖNSTEDT', 'LINDBLOMS JÄRN', 'TRYCKERIET EKBACKEN', 'SJÖBERGS RÖR']);
  });

  test(`fewer than ${MIN_TEMPLATE_FILLERS} different fillers is no template`, () => {
    const texts = ['Sent money to Tove Lindqvist', 'Sent money to Maja Karlsson', 'Sent money to Tove Lindqvist', 'Sent money to Maja Karlsson'];
    expect(templateNames(texts)).toEqual([undefined, undefined, undefined, undefined]);
    expect(templateNames([...texts, 'Sent money to Ekdahls Måleri AB'])).toEqual(['Tove Lindqvist', 'Maja Karlsson', 'Tove Lindqvist', 'Maja Karlsson', 'Ekdahls Måleri AB']);
  });

  test('a file of names, some sharing their first words, has no template', () => {
    const texts = ['ICA NARA LUND', 'ICA NARA ORMINGE', 'ICA NARA STHLM', 'ICA MAXI', 'ICA KVANTUM', 'CLAS OHLSON', 'SPOTIFY', 'TELIA SVERIGE AB'];
    expect(templateNames(texts).every((n) => n === undefined)).toBe(true);
  });

  test('a type word and a date before the name is no sentence: Swedish card lines keep their own text', () => {
    const texts = MERCHANTS.flatMap((m, i) => [`Kortköp 2603${String(10 + i)} ${m}`, `Kortköp 2604${String(10 + i)} ${m}`]);
    expect(templateNames(texts).every((n) => n === undefined)).toBe(true);
  });

  test('fewer than half the lines in templates: no names at all', () => {
    const sentences = MERCHANTS.slice(0, 3).map((m) => `Sent money to ${m}`);
    const others = ['Account fee', 'Interest', 'SPOTIFY', 'CLAS OHLSON'];
    expect(templateNames([...sentences, ...others]).every((n) => n === undefined)).toBe(true);
  });

  test('a file with a name column keeps its column, whatever its texts', () => {
    const body = MERCHANTS.map((m, i) => `2026-03-0${i + 1},-10.00,"Sent money to ${m}","Kolumnnamn ${i}",${(1000 - 10 * (i + 1)).toFixed(2)}`);
    const rows = parseStatement(`Date,Amount,Description,Payee Name,Running Balance\n${body.join('\n')}\n`).transactions;
    expect(rows.map((r) => r.counterparty)).toEqual(MERCHANTS.map((_, i) => `Kolumnnamn ${i}`));
  });
});

describe('bounded on hostile input', () => {
  test('100 000 lines of one template and a 1 MB line', () => {
    const letter = (n: number): string => String.fromCharCode(65 + (n % 26));
    const texts = Array.from({ length: 100_000 }, (_, i) => `Sent money to Person${letter(i)} Namn${letter(i >> 5)}${letter(i >> 10)} with reference ${i}`);
    texts.push(`Sent money to ${'Björks '.repeat(150_000)}`);
    const t0 = performance.now();
    const names = templateNames(texts);
    expect(performance.now() - t0).toBeLessThan(10_000);
    expect(names[0]).toBe('PersonA NamnAA');
    expect(names[99_999]).toBe(`Person${letter(99_999)} Namn${letter(99_999 >> 5)}${letter(99_999 >> 10)}`);
    expect(names[100_000]?.length).toBeGreaterThan(1_000_000);
  });
});

/**
 * The command line's texts: both tables have every key with the same placeholders, the language
 * comes from --lang or the locale environment, and the command line uses only keys that exist.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EN } from '../../src/cli/messages-en.js';
import { SV } from '../../src/cli/messages-sv.js';
import { MESSAGES, fill, localeFromEnv, sayer } from '../../src/cli/messages.js';
import { runCli } from '../../src/cli/run.js';
import { ROOT } from './helpers.js';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)(?:\|[^}]*)?\}/g)].map((m) => m[1] as string).sort();

describe('message tables', () => {
  it('Swedish and English have the same keys, and each text the same placeholders', () => {
    expect(Object.keys(SV).sort()).toEqual(Object.keys(EN).sort());
    for (const key of Object.keys(EN) as (keyof typeof EN)[]) {
      expect([...new Set(placeholders(SV[key]))], key).toEqual([...new Set(placeholders(EN[key]))]);
      expect(SV[key].trim(), key).not.toBe('');
    }
  });

  it('the texts differ between the languages where they are words (codes, units and symbols may be shared)', () => {
    // "text" and "status" are Swedish as well.
    const shared = new Set(['csv.text', 'col.status']);
    const same = (Object.keys(EN) as (keyof typeof EN)[]).filter((k) => !shared.has(k) && SV[k] === EN[k] && /[a-z]{4,}/i.test(EN[k].replace(/\{[^}]*\}/g, '').replace(/--[\w-]+|kontera|auto|precision|[\w.]+\.(se|csv)/g, '')));
    expect(same).toEqual([]);
  });

  it('every key the command line uses is in the tables', () => {
    const dir = join(ROOT, 'src', 'cli');
    const used = new Set<string>();
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.startsWith('messages'))) {
      const src = readFileSync(join(dir, f), 'utf8');
      for (const m of src.matchAll(/'((?:help|cmd|opt|err|hint|where|file|progress|col|csv|action|line|word|vat|suggest|clients|learn|import|confirm|correct|export|backtest|chart|label|lines)\.[A-Za-z0-9.]+)'/g)) used.add(m[1] as string);
    }
    expect(used.size).toBeGreaterThan(150);
    expect([...used].filter((k) => !(k in EN))).toEqual([]);
  });

  it('fills placeholders and picks singular or plural by the number', () => {
    expect(fill('{n} {n|line|lines}', { n: 1 })).toBe('1 line');
    expect(fill('{n} {n|line|lines}', { n: 2 })).toBe('2 lines');
    expect(fill('{n} {n|rad|rader}', { n: 0 })).toBe('0 rader');
    expect(fill('{missing}', {})).toBe('{missing}');
    expect(sayer('sv')('vat.rate', { rate: 25 })).toBe('25 % moms');
    expect(MESSAGES.en['vat.rate']).toBe('{rate} % VAT');
  });

  it('takes the language from LC_ALL, then LC_MESSAGES, then LANG; English when none is Swedish', () => {
    expect(localeFromEnv({ LANG: 'sv_SE.UTF-8' })).toBe('sv');
    expect(localeFromEnv({ LANG: 'sv' })).toBe('sv');
    expect(localeFromEnv({ LANG: 'sv_FI.UTF-8' })).toBe('sv');
    expect(localeFromEnv({ LC_ALL: 'en_US.UTF-8', LANG: 'sv_SE.UTF-8' })).toBe('en');
    expect(localeFromEnv({ LC_ALL: '', LC_MESSAGES: 'sv_SE.UTF-8', LANG: 'en_GB.UTF-8' })).toBe('sv');
    expect(localeFromEnv({ LANG: 'C.UTF-8' })).toBe('en');
    expect(localeFromEnv({ LANG: 'svenska' })).toBe('en');
    expect(localeFromEnv({})).toBe('en');
  });
});

describe('runCli io options', () => {
  const capture = (): { out: string[]; err: string[]; io: { out: (s: string) => void; err: (s: string) => void } } => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { out: (s) => void out.push(s), err: (s) => void err.push(s) } };
  };

  it('the locale option is the default, --lang overrides it', async () => {
    const a = capture();
    expect(await runCli(['--help'], { ...a.io, locale: 'sv' })).toBe(0);
    expect(a.out.join('')).toContain('Kommandon:');
    const b = capture();
    expect(await runCli(['--help', '--lang', 'en'], { ...a.io, ...b.io, locale: 'sv' })).toBe(0);
    expect(b.out.join('')).toContain('Commands:');
  });

  it('progress goes to err only when interactive and not --json', async () => {
    const file = join(ROOT, 'fixtures', 'demo', 'ljusgard', 'history-2025.se');
    const chart = join(mkdtempSync(join(tmpdir(), 'kontera-messages-')), 'chart.svg');
    const a = capture();
    expect(await runCli(['backtest', file, '--chart', chart], { ...a.io, interactive: true, locale: 'en' })).toBe(0);
    expect(a.err.join('')).toMatch(/^\rreplaying .*: \d+\/\d+ \(\d+ %\)/);
    const b = capture();
    expect(await runCli(['backtest', file, '--chart', chart, '--json'], { ...b.io, interactive: true, locale: 'en' })).toBe(0);
    expect(b.err).toEqual([]);
    const c = capture();
    expect(await runCli(['backtest', file, '--chart', chart], { ...c.io, interactive: false, locale: 'en' })).toBe(0);
    expect(c.err).toEqual([]);
  });
});

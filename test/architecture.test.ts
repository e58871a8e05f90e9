/**
 * The layout rules of the design (../shared/docs/style.md §3), enforced by reading the import
 * specifiers in src/: dependency direction between folders, third-party packages each confined to
 * one file, natural only through submodules, no `any` or ts-ignore, and a library that never logs.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('../src/', import.meta.url));
const files = readdirSync(src, { recursive: true, withFileTypes: true })
  .filter((d) => d.isFile() && d.name.endsWith('.ts'))
  .map((d) => `${d.parentPath}/${d.name}`.slice(src.length));

function imports(file: string): string[] {
  const text = readFileSync(src + file, 'utf8').replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, '');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => (m[1] ?? m[2]) as string);
}

/** Folder of a src-relative file ('' for top-level files). */
function folder(file: string): string {
  return file.includes('/') ? (file.split('/')[0] as string) : '';
}

/** Which folders each folder may import (core is open to all; top-level files may import anything). */
const ALLOWED: Record<string, readonly string[]> = {
  core: ['core'],
  statements: ['core', 'statements'],
  sie: ['core', 'sie'],
  vat: ['core', 'vat'],
  normalize: ['core', 'normalize', 'types'],
  knowledge: ['core', 'normalize', 'knowledge', 'sie', 'vat', 'statements', 'types'],
  // The engine takes an open-item match as evidence (types only; openitems never imports suggest).
  suggest: ['core', 'normalize', 'vat', 'knowledge', 'suggest', 'statements', 'sie', 'openitems', 'types'],
  store: ['core', 'knowledge', 'store', 'statements', 'sie', 'suggest', 'openitems'],
  bgmax: ['core', 'bgmax'],
  openitems: ['core', 'normalize', 'knowledge', 'sie', 'bgmax', 'openitems', 'types'],
  types: ['types'],
  facade: ['core', 'normalize', 'knowledge', 'sie', 'vat', 'statements', 'suggest', 'store', 'openitems', 'bgmax', 'facade', 'types'],
};

/** Each third-party package lives behind exactly one file. */
const THIRD_PARTY: Record<string, string> = {
  papaparse: 'statements/csv.ts',
  'iconv-lite': 'core/encoding.ts',
  'fast-levenshtein': 'suggest/candidates.ts',
  'better-sqlite3': 'store/sqlite.ts',
  pg: 'store/postgres.ts',
};

describe('architecture', () => {
  it('finds the source files', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it('imports only in the allowed direction', () => {
    const bad: string[] = [];
    for (const file of files) {
      const from = folder(file);
      const allowed = ALLOWED[from];
      if (allowed === undefined) continue; // index.ts, kontera.ts and other entry points
      for (const spec of imports(file)) {
        if (!spec.startsWith('.')) continue;
        const target = new URL(spec, `file:///src/${file}`).pathname.slice('/src/'.length);
        const to = folder(target);
        if (to === '' || !allowed.includes(to)) bad.push(`${file} → ${target}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('keeps each third-party package behind one file, natural behind submodules', () => {
    const bad: string[] = [];
    for (const file of files) {
      for (const spec of imports(file)) {
        if (spec.startsWith('.') || spec.startsWith('node:')) continue;
        if (spec === 'natural') bad.push(`${file} imports the natural package root (it loads databases and prints banners)`);
        else if (spec.startsWith('natural/')) {
          if (file !== 'normalize/tokens.ts') bad.push(`${file} → ${spec}`);
        } else if (THIRD_PARTY[spec] !== file) bad.push(`${file} → ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('has no any, no ts-ignore and no console output in src', () => {
    const bad: string[] = [];
    for (const file of files) {
      const text = readFileSync(src + file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
      text.split('\n').forEach((line, i) => {
        const code = line.replace(/\/\/.*$/, '');
        if (/:\s*any\b|\bas any\b|<any>/.test(code)) bad.push(`${file}:${i + 1} any`);
        if (/@ts-(ignore|nocheck|expect-error)/.test(line)) bad.push(`${file}:${i + 1} ts directive`);
        if (/\bconsole\.(log|warn|error|info|debug)\(/.test(code)) bad.push(`${file}:${i + 1} console`);
      });
    }
    expect(bad).toEqual([]);
  });

  it('does no file or network I/O outside the store', () => {
    const bad: string[] = [];
    for (const file of files) {
      if (folder(file) === 'store' || file === 'cli.ts' || file.startsWith('cli/')) continue;
      for (const spec of imports(file)) {
        if (/^node:(fs|net|http|https|child_process|dgram|worker_threads)/.test(spec) || spec === 'fs') bad.push(`${file} → ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });
});

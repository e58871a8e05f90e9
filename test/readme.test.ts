/**
 * README.md keeps its promises: the quick start is two lines, the embedding example runs as
 * written, every bank format kontera detects is in the format table, and every benchmark figure
 * in it comes from bench/report.md.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { STATEMENT_FORMAT_IDS } from '../src/statements/types.js';

const ROOT = join(import.meta.dirname, '..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The body of the first fenced block with `lang` after the heading `## title`. */
function block(title: string, lang: string): string {
  const at = readme.indexOf(`\n## ${title}`);
  expect(at, `README has a "## ${title}" section`).toBeGreaterThanOrEqual(0);
  const m = new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(readme.slice(at));
  expect(m, `"## ${title}" has a \`\`\`${lang} block`).not.toBeNull();
  return m?.[1] ?? '';
}

/** The rows of the first table after the heading `## title`, as cells. */
function tableRows(title: string): string[][] {
  const section = readme.slice(readme.indexOf(`\n## ${title}`) + 1);
  const end = section.indexOf('\n## ');
  return (end < 0 ? section : section.slice(0, end))
    .split('\n')
    .filter((l) => l.startsWith('|') && !l.startsWith('|---'))
    .slice(1)
    .map((l) => l.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim()));
}

describe('README.md', () => {
  it('quick start is exactly two lines: install + demo, and the tests', () => {
    expect(block('Quick start', 'sh').trim().split('\n')).toEqual(['npm install && npm run demo', 'npm test']);
    const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.demo).toContain('bench/demo.ts');
    expect(scripts.bench).toContain('bench/run.ts');
  });

  it('the embedding example runs as written and books part of the sample statement', () => {
    const code = block('Embedding', 'ts');
    expect(code.trim().split('\n').length).toBeLessThanOrEqual(12);
    // The only change: the package name points at the source, since tests run without a build.
    const src = pathToFileURL(join(ROOT, 'src', 'index.ts')).href;
    const runnable = code.replace(/from 'kontera'/g, `from '${src}'`);
    expect(runnable).not.toBe(code);
    const file = join(mkdtempSync(join(tmpdir(), 'kontera-readme-')), 'example.mts');
    writeFileSync(file, runnable);
    const r = spawnSync(process.execPath, ['--import', join(ROOT, 'node_modules', 'tsx', 'dist', 'esm', 'index.mjs'), file], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const m = /^(\d+) of (\d+) lines booked; SIE 4I: (\d+) bytes\n$/.exec(r.stdout);
    expect(m, r.stdout).not.toBeNull();
    const answers = JSON.parse(readFileSync(join(ROOT, 'fixtures', 'demo', 'kaffebryggeriet', 'answers.json'), 'utf8')) as { lines: unknown[] };
    expect(Number(m?.[2])).toBe(answers.lines.length);
    expect(Number(m?.[1])).toBeGreaterThan(0);
    expect(Number(m?.[1])).toBeLessThan(answers.lines.length);
    expect(Number(m?.[3])).toBeGreaterThan(200);
  });

  it('lists every bank format kontera detects, once', () => {
    const ids = tableRows('Supported bank formats').map((r) => (r[1] ?? '').replace(/`/g, ''));
    expect([...ids].sort()).toEqual([...STATEMENT_FORMAT_IDS].sort());
  });

  it('takes every benchmark figure from bench/report.md', () => {
    const report = readFileSync(join(ROOT, 'bench', 'report.md'), 'utf8');
    const rows = tableRows('Benchmarks');
    expect(rows.length).toBeGreaterThanOrEqual(8);
    for (const row of rows) {
      for (const cell of [row[1] ?? '', row[2] ?? '']) {
        for (const n of cell.match(/\d+(?:[ ,.]\d+)*/g) ?? []) expect(report, `${n} (from "${cell}")`).toContain(n);
      }
      expect(row[3]).toMatch(/^`npm run bench:(accuracy|suggest|sie|parse|store)`$/);
    }
  });
});

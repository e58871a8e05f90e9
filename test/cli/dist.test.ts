/**
 * The built executable: tsup with the project's config (entries index, sqlite and cli) into a
 * folder of its own, then `dist/cli.js` run directly, as npm's `bin` link runs it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO, ROOT, tempDir } from './helpers.js';

// Inside the project, so the built files resolve the project's node_modules.
const OUT = join(ROOT, 'node_modules', '.cache', `kontera-cli-test-${process.pid}`);
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };

describe('dist/cli.js', () => {
  beforeAll(() => {
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'tsup', 'dist', 'cli-default.js'), '--silent', '--out-dir', OUT], { cwd: ROOT, stdio: 'pipe' });
    return () => rmSync(OUT, { recursive: true, force: true });
  }, 180_000);

  it('is the package bin, starts with a shebang and is executable', () => {
    expect(pkg.bin.kontera).toBe('./dist/cli.js');
    const file = join(OUT, 'cli.js');
    expect(readFileSync(file, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
    expect(statSync(file).mode & 0o111).not.toBe(0);
  });

  it('is built once, as ESM, with no declarations or CommonJS copy that nothing imports', () => {
    expect(existsSync(join(OUT, 'cli.cjs'))).toBe(false);
    expect(existsSync(join(OUT, 'cli.d.ts'))).toBe(false);
    expect(readdirSync(OUT).filter((f) => f.endsWith('.map'))).toEqual([]);
  });

  it('runs on its own: --version, and a back-test on a demo client', () => {
    const version = spawnSync(join(OUT, 'cli.js'), ['--version'], { encoding: 'utf8' });
    expect(spawnSync(join(OUT, 'cli.js'), ['-V'], { encoding: 'utf8' }).stdout).toBe(version.stdout);
    expect(version.status).toBe(0);
    expect(version.stdout).toMatch(/^kontera \d+\.\d+\.\d+\n$/);
    const dir = tempDir();
    for (const file of ['cli.js']) {
      const r = spawnSync(process.execPath, [join(OUT, file), 'backtest', join(DEMO, 'roslagens-data', 'history-2025.se'), '--chart', join(dir, `${file}.svg`), '--json'], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect((JSON.parse(r.stdout) as { tested: number }).tested).toBeGreaterThan(0);
    }
  });

  it('keeps the one-line errors and exit codes', () => {
    const r = spawnSync(join(OUT, 'cli.js'), ['suggest', 'x.csv', '--history', 'y.se'], { encoding: 'utf8', cwd: tempDir(), env: { ...process.env, LC_ALL: 'C' } });
    expect(r.status).toBe(4);
    expect(r.stderr).toBe('kontera: file: Cannot read y.se: no such file\n');
  });
});

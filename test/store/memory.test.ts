import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { createMemoryStore } from '../../src/store/memory.js';
import { describeStore } from './conformance.js';

describeStore('memory', async () => ({
  open: async () => createMemoryStore(),
  dispose: async () => {},
}));

it('the memory store runs in a browser: nothing it imports, directly or not, uses Node built-ins', () => {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(/^\s*(?:import|export)[^'"]*from\s+'([^']+)'/gm)) {
      const spec = m[1] ?? '';
      // Only kontera's own files: no `node:` built-in and no package (better-sqlite3 above all).
      expect(spec.startsWith('.'), `${file} imports ${spec}`).toBe(true);
      visit(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
    }
  };
  visit(join(import.meta.dirname, '..', '..', 'src', 'store', 'memory.ts'));
  const files = [...seen].map((f) => f.split('/src/')[1] ?? f);
  expect(files).toContain('store/memory.ts');
  expect(files.filter((f) => f.startsWith('store/sqlite') || f.startsWith('statements/') || f.startsWith('core/encoding'))).toEqual([]);
});

/**
 * The engine as users run it: the speed benches import a tsup build of the library (the same
 * bundler and target as the package), not the sources through tsx. tsx compiles with esbuild's
 * `keepNames`, which wraps every closure the engine creates in a `__name(…)` call; measured on the
 * suggest bench that costs about a tenth of the time, and no installed kontera pays it.
 *
 * The build goes to node_modules/.cache/kontera-bench (inside the project, so it resolves the
 * project's dependencies) and takes a few seconds.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'tsup';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Builds `src/index.ts` as the package does and imports it. */
export async function builtKontera(): Promise<typeof import('../src/index.js')> {
  const out = `${root}node_modules/.cache/kontera-bench-${process.pid}`;
  mkdirSync(out, { recursive: true });
  process.on('exit', () => rmSync(out, { recursive: true, force: true }));
  await build({ entry: { index: `${root}src/index.ts` }, outDir: out, format: ['esm'], target: 'node20', platform: 'node', sourcemap: false, skipNodeModulesBundle: true, dts: false, silent: true, clean: true, config: false });
  return (await import(pathToFileURL(`${out}/index.js`).href)) as typeof import('../src/index.js');
}

import { defineConfig } from 'tsup';

export default defineConfig({
  // cli: the `kontera` executable (package.json `bin`); nothing in index imports it.
  entry: { index: 'src/index.ts', sqlite: 'src/store/sqlite.ts', postgres: 'src/store/postgres.ts', cli: 'src/cli/main.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  splitting: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  platform: 'node',
  // Dependencies stay external: they are installed next to kontera.
  skipNodeModulesBundle: true,
});

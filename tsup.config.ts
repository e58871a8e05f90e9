import { defineConfig } from 'tsup';

// No source maps in the package: with embedded sources they were most of the tarball, and without
// them they point at src/, which is not shipped.
const common = { target: 'node20', platform: 'node', sourcemap: false, skipNodeModulesBundle: true } as const;

export default defineConfig([
  {
    // The library, as ESM and CJS with declarations for both. Dependencies stay external: they are
    // installed next to kontera.
    ...common,
    entry: { index: 'src/index.ts', sqlite: 'src/store/sqlite.ts', postgres: 'src/store/postgres.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    splitting: true,
    clean: true,
  },
  {
    // The `kontera` executable (package.json `bin`): ESM only and no declarations, as nothing
    // imports it. Nothing in the library imports it either.
    ...common,
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    dts: false,
    splitting: false,
    clean: false,
  },
]);

import { defineConfig } from 'tsup';

// No source maps in the package: with embedded sources they were most of the tarball, and without
// them they point at src/, which is not shipped.
const common = { target: 'node20', platform: 'node', sourcemap: false, skipNodeModulesBundle: true } as const;
const library = { index: 'src/index.ts', sqlite: 'src/store/sqlite.ts', postgres: 'src/store/postgres.ts' };

export default defineConfig([
  {
    // The library for require(), with its declarations (.d.cts). Dependencies stay external: they
    // are installed next to kontera.
    ...common,
    entry: library,
    format: ['cjs'],
    dts: true,
    splitting: true,
    clean: true,
  },
  {
    // The library for import, with its declarations (.d.ts), and the `kontera` executable
    // (package.json `bin`) in the same build: they share chunks, so the executable does not carry a
    // second copy of the library. Nothing in the library imports the executable, and it gets no
    // declarations, as nothing imports it.
    ...common,
    entry: { ...library, cli: 'src/cli/main.ts' },
    format: ['esm'],
    dts: { entry: library },
    splitting: true,
    clean: false,
  },
]);

/**
 * What a user downloads: builds the package, packs it with `npm pack`, installs the tarball into an
 * empty scratch project (as `npm install kontera` would, optional dependencies included, so
 * better-sqlite3 is fetched or built) and measures
 *
 * - the tarball: packed and unpacked size, file count, source maps and whether they embed sources;
 * - node_modules: size on disk and package count, with and without optional dependencies;
 * - whether any database driver or server package is in the tree (kontera needs none of them:
 *   pg is an optional peer, better-sqlite3 optional).
 *
 *     npm run bench:install [-- --json]
 *
 * Needs the registry (or a warm npm cache). Prints a Markdown section for bench/report.md.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
/** Packages that are database drivers, servers or server configuration: none belongs in kontera's tree. */
export const SERVER_PACKAGES = ['mongoose', 'mongodb', 'redis', 'memjs', 'http-server', 'dotenv', 'pg', 'mysql', 'mysql2', 'sqlite3'] as const;

interface Tree {
  readonly bytes: number;
  readonly packages: number;
  readonly names: ReadonlySet<string>;
}

function diskBytes(path: string): number {
  // Apparent size is what `du -sb` shows; block size varies by file system.
  const out = execFileSync('du', ['-sb', path], { encoding: 'utf8' });
  return Number(out.split('\t')[0]);
}

/** Every package folder in a node_modules tree (nested ones too), by name. */
function packagesIn(nodeModules: string, names: Set<string>): number {
  let n = 0;
  let entries: string[];
  try {
    entries = readdirSync(nodeModules);
  } catch {
    return 0;
  }
  for (const e of entries) {
    if (e.startsWith('.')) continue;
    const dirs = e.startsWith('@') ? readdirSync(join(nodeModules, e)).map((s) => join(e, s)) : [e];
    for (const d of dirs) {
      const p = join(nodeModules, d);
      try {
        statSync(join(p, 'package.json'));
      } catch {
        continue;
      }
      n++;
      names.add(d);
      n += packagesIn(join(p, 'node_modules'), names);
    }
  }
  return n;
}

function install(tarball: string, omitOptional: boolean): Tree {
  const dir = mkdtempSync(join(tmpdir(), 'kontera-install-'));
  try {
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'scratch', version: '1.0.0', private: true }));
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...(omitOptional ? ['--omit=optional'] : []), tarball], { cwd: dir, stdio: 'pipe' });
    const names = new Set<string>();
    const packages = packagesIn(join(dir, 'node_modules'), names);
    return { bytes: diskBytes(join(dir, 'node_modules')), packages, names };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const mb = (b: number): string => `${(b / 1e6).toFixed(1)} MB`;

function main(): void {
  const asJson = process.argv.includes('--json');
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'pipe' });
  const packDir = mkdtempSync(join(tmpdir(), 'kontera-pack-'));
  try {
    const [info] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', packDir], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })) as [
      { filename: string; size: number; unpackedSize: number; files: { path: string; size: number }[] },
    ];
    const tarball = join(packDir, info.filename);
    const maps = info.files.filter((f) => f.path.endsWith('.map'));
    const embedded = maps.filter((f) => readFileSync(join(ROOT, f.path), 'utf8').includes('"sourcesContent"'));
    const full = install(tarball, false);
    const lean = install(tarball, true);
    const servers = SERVER_PACKAGES.filter((p) => full.names.has(p));
    const natural = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'natural', 'package.json'), 'utf8')) as { version: string };
    const result = {
      natural: natural.version,
      tarball: { bytes: info.size, unpackedBytes: info.unpackedSize, files: info.files.length, sourceMaps: maps.length, sourceMapBytes: maps.reduce((s, f) => s + f.size, 0), embeddedSources: embedded.length },
      install: { bytes: full.bytes, packages: full.packages },
      installWithoutOptional: { bytes: lean.bytes, packages: lean.packages },
      serverPackages: servers,
    };
    if (asJson) {
      console.log(JSON.stringify(result, null, 2));
      return;
    }
    const rows: [string, string][] = [
      ['natural', result.natural],
      ['tarball (npm pack)', `${mb(info.size)} packed, ${mb(info.unpackedSize)} unpacked, ${info.files.length} files`],
      ['source maps in the tarball', `${maps.length} (${embedded.length} embedding sources), ${mb(result.tarball.sourceMapBytes)}`],
      ['node_modules, npm install', `${mb(full.bytes)}, ${full.packages} packages (better-sqlite3 built)`],
      ['node_modules, --omit=optional', `${mb(lean.bytes)}, ${lean.packages} packages`],
      ['database drivers / servers', servers.length === 0 ? 'none' : servers.join(', ')],
    ];
    for (const [k, v] of rows) console.log(`${k.padEnd(31)}${v}`);
    console.log('(sizes are apparent sizes, du -sb)');
  } finally {
    rmSync(packDir, { recursive: true, force: true });
  }
}

main();

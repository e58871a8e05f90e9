/**
 * `npm run bench`: runs every benchmark, one after the other, each in its own Node process, and
 * writes `bench/report.md` (figures, the baselines each was run against in the same run, machine,
 * date) plus `bench/accuracy-coverage.svg`.
 *
 *   node --import tsx/esm bench/run.ts            # full figures (many minutes)
 *   node --import tsx/esm bench/run.ts --quick    # smaller inputs, for trying it out
 *   node --import tsx/esm bench/run.ts --render   # rebuild the report from bench/out/*.txt
 *
 * The raw output of each bench is kept in `bench/out/<name>.txt`; the report quotes it and pulls
 * the headline figures out of it, so every number in the report was printed by a bench in this run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { svgLineChart } from '../src/cli/chart.js';
import type { ChartSeries } from '../src/cli/chart.js';

const QUICK = process.argv.includes('--quick');
const RENDER_ONLY = process.argv.includes('--render');
const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = `${root}bench/out`;

interface Bench {
  readonly name: string;
  readonly title: string;
  readonly command: string;
  readonly node: readonly string[];
  readonly script: string;
  readonly args: readonly string[];
  readonly quickArgs: readonly string[];
  /** What it was measured against in the same run. */
  readonly baseline: string;
}

const BENCHES: readonly Bench[] = [
  {
    name: 'parse',
    title: 'Bank statement parsing',
    command: 'npm run bench:parse',
    node: ['--expose-gc'],
    script: 'bench/parse.ts',
    args: [],
    quickArgs: ['--quick'],
    baseline: 'bare papaparse on the same bytes (decode + split into fields, nothing else)',
  },
  {
    name: 'sie',
    title: 'SIE 4 read and write',
    command: 'npm run bench:sie',
    node: ['--expose-gc'],
    script: 'bench/sie.ts',
    args: [],
    quickArgs: ['25000'],
    baseline: 'decoding the same bytes as CP437 and splitting them into lines (the least any SIE reader does); targets from issue 3: read ≥ 30 MB/s, write ≥ 60 MB/s',
  },
  {
    name: 'accuracy',
    title: 'Suggestion accuracy',
    command: 'npm run bench:accuracy',
    node: [],
    script: 'bench/accuracy.ts',
    args: [],
    quickArgs: ['--quick'],
    baseline: 'exact-text memory and TF-IDF + linear SVM (the approach of beancount smart_importer), on the same lines',
  },
  {
    name: 'openitems',
    title: 'Open items (reskontra) and bankgiro deposits',
    command: 'npm run bench:openitems',
    node: [],
    script: 'bench/openitems.ts',
    args: [],
    quickArgs: ['--quick'],
    baseline: 'the suggestion engine alone on the same lines ("before"), in the same run',
  },
  {
    name: 'suggest',
    title: 'Suggestion and learning throughput',
    command: 'npm run bench:suggest',
    node: ['--expose-gc', '--max-old-space-size=6000'],
    script: 'bench/suggest.ts',
    args: [],
    quickArgs: ['--keys', '100000'],
    baseline: 'the same queries restricted to known counterparties (exact-key path only); target from issue 4: ≥ 100 000 suggestions/s with 1 000 000 keys, 100 000 bookings learned in < 2 s',
  },
  {
    name: 'store',
    title: 'SQLite store: a year of statements',
    command: 'npm run bench:store',
    node: [],
    script: 'bench/store.ts',
    args: [],
    quickArgs: ['--clients', '50', '--bureaus', '5'],
    baseline: 'the memory store on the same workload (next section)',
  },
  {
    name: 'store-memory',
    title: 'Memory store: the same year (baseline)',
    command: 'npm run bench:store -- --memory',
    node: [],
    script: 'bench/store.ts',
    args: ['--memory'],
    quickArgs: ['--clients', '50', '--bureaus', '5', '--memory'],
    baseline: 'this is the baseline of the SQLite store bench: no disk, no SQL',
  },
  {
    name: 'install',
    title: 'Install size: the packed tarball installed into an empty project',
    command: 'npm run bench:install',
    node: [],
    script: 'bench/install-size.ts',
    args: [],
    quickArgs: [],
    baseline: 'the same measurement on 795bbdd, before issue 14 (natural 8.1.1, source maps): tarball 0.8 MB packed with 1.9 MB of source maps (17 embedding sources); node_modules 99.7 MB, 96 packages (70.4 MB, 57 without optional); mongoose, mongodb, redis, memjs, dotenv and pg in the tree',
  },
];

interface RunInfo {
  readonly name: string;
  readonly seconds: number;
  readonly status: number | null;
  readonly quick: boolean;
  readonly started: string;
  readonly load: number;
}

function run(b: Bench): RunInfo {
  const args = [...b.node, '--import', 'tsx/esm', b.script, ...(QUICK ? b.quickArgs : b.args)];
  process.stderr.write(`\n▶ ${b.name}: node ${args.join(' ')}\n`);
  const started = new Date().toISOString();
  const load = loadavg()[0] ?? 0;
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'inherit'] });
  const seconds = (performance.now() - t0) / 1000;
  writeFileSync(`${outDir}/${b.name}.txt`, r.stdout ?? '');
  const info: RunInfo = { name: b.name, seconds, status: r.status, quick: QUICK, started, load };
  writeFileSync(`${outDir}/${b.name}.json`, JSON.stringify(info));
  process.stderr.write(`  ${r.status === 0 ? 'done' : `FAILED (exit ${r.status})`} in ${seconds.toFixed(0)} s\n`);
  return info;
}

/** Rows of the calibration table under `heading` in the accuracy output: [threshold, share of all lines, precision]. */
function calibrationPoints(text: string, heading: string): { c: number; share: number; precision: number }[] {
  const at = text.indexOf(heading);
  if (at < 0) return [];
  const points: { c: number; share: number; precision: number }[] = [];
  for (const line of text.slice(at).split('\n').slice(1)) {
    if (line.startsWith('## ')) break;
    const m = /^\| (\d\.\d+) \| \d+ \| ([\d.]+) % \| ([\d.]+) % \|/.exec(line);
    if (m) points.push({ c: Number(m[1]), share: Number(m[2]) / 100, precision: Number(m[3]) / 100 });
  }
  return points;
}

/** `81839` → `81 839` (numbers as the report prints them). */
function grouped(digits: string): string {
  return /^\d+$/.test(digits) ? digits.replace(/\B(?=(\d{3})+(?!\d))/g, ' ') : digits;
}

function firstMatch(text: string, re: RegExp): string {
  return re.exec(text)?.[1] ?? '—';
}

function render(): void {
  const date = new Date().toISOString().slice(0, 10);
  const cpu = cpus();
  const infos = new Map<string, RunInfo>();
  const texts = new Map<string, string>();
  for (const b of BENCHES) {
    if (existsSync(`${outDir}/${b.name}.json`)) infos.set(b.name, JSON.parse(readFileSync(`${outDir}/${b.name}.json`, 'utf8')) as RunInfo);
    texts.set(b.name, existsSync(`${outDir}/${b.name}.txt`) ? readFileSync(`${outDir}/${b.name}.txt`, 'utf8') : '');
  }
  const acc = texts.get('accuracy') ?? '';
  const sie = texts.get('sie') ?? '';
  const sug = texts.get('suggest') ?? '';
  const store = texts.get('store') ?? '';
  const storeMemory = texts.get('store-memory') ?? '';
  const parse = texts.get('parse') ?? '';
  const anyQuick = [...infos.values()].some((i) => i.quick);

  // Accuracy vs coverage chart: one series per calibration table.
  const series: ChartSeries[] = [];
  const tables: [string, string][] = [
    ['Generated world', '## Calibration (world seed 2'],
    ['Real SIE files', '## Calibration (real SIE protocol'],
    ['Cold start (network + rules)', '## Calibration (cold start'],
  ];
  for (const [label, heading] of tables) {
    const pts = calibrationPoints(acc, heading).filter((p) => p.share > 0);
    if (pts.length > 0) series.push({ label, points: pts.map((p) => ({ x: p.share, y: p.precision, note: `c ≥ ${p.c}` })) });
  }
  if (series.length > 0) {
    writeFileSync(
      `${root}bench/accuracy-coverage.svg`,
      svgLineChart({
        title: 'kontera: precision vs. share of lines answered at confidence ≥ c',
        xLabel: 'share of all lines with confidence ≥ c (coverage)',
        yLabel: 'precision (right among them)',
        series,
        yMin: 0.5,
        guide: { y: 0.99, label: '99 % precision' },
      }),
    );
  }

  const pooledRow = (name: string): string[] => {
    const line = acc.split('\n').find((l) => l.startsWith(`| ${name}`));
    return line === undefined ? [] : line.split('|').map((c) => c.trim()).slice(1, -1);
  };
  // Columns by their header, so a column added to the accuracy table does not shift the figures.
  const header = (acc.split('\n').find((l) => l.startsWith('| run |')) ?? '').split('|').map((c) => c.trim()).slice(1, -1);
  const col = (name: string): number => header.indexOf(name);
  const cell = (row: string[], name: string): string | undefined => (col(name) < 0 ? undefined : row[col(name)]);
  const sieRow = pooledRow('SIE pooled — kontera');
  const worldRow = pooledRow('all months');
  const coldRow = pooledRow('cold start, network + rules only');
  const machine = `${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, Node ${process.version}, ${process.platform} ${process.arch}`;

  const key: [string, string, string, string][] = [
    ['Top-1, real SIE files (learn 70 %, then replay)', cell(sieRow, 'top-1') ?? '—', `exact-text memory ${firstMatch(acc, /Baselines pooled: exact-text memory top-1 ([\d.]+ %)/)}, TF-IDF + SVM ${firstMatch(acc, /TF-IDF \+ linear SVM top-1 ([\d.]+ %), top-3/)}`, 'npm run bench:accuracy'],
    ['Top-1 incl. held-back guesses, real SIE files, counterparty seen before', firstMatch(acc, /\| counterparty seen before \| \d+ \| ([\d.]+ %)/) ?? '—', `TF-IDF + SVM ${firstMatch(acc, /\| counterparty seen before \| \d+ \| [\d.]+ % \| [\d.]+ % \| ([\d.]+ %)/)} on the same lines`, 'npm run bench:accuracy'],
    ['Top-1 incl. held-back guesses, real SIE files, counterparty not seen before', firstMatch(acc, /\| counterparty not seen before \| \d+ \| ([\d.]+ %)/) ?? '—', `TF-IDF + SVM ${firstMatch(acc, /\| counterparty not seen before \| \d+ \| [\d.]+ % \| [\d.]+ % \| ([\d.]+ %)/)} on the same lines`, 'npm run bench:accuracy'],
    ['Top-1 incl. held-back guesses, real SIE files, counterparty held out (seen lines, its bookings removed)', firstMatch(acc, /\| counterparty held out \| \d+ \| ([\d.]+ %)/) ?? '—', `TF-IDF + SVM ${firstMatch(acc, /\| counterparty held out \| \d+ \| [\d.]+ % \| [\d.]+ % \| ([\d.]+ %)/)} on the same lines`, 'npm run bench:accuracy'],
    ['Auto-bookable at ≥ 99 % precision, real SIE files', cell(sieRow, 'auto-bookable at ≥ 99 % precision') ?? '—', '—', 'npm run bench:accuracy'],
    ['Auto-booked at the default threshold, real SIE files', cell(sieRow, 'autoBook flag at default threshold 0.95') ?? '—', '—', 'npm run bench:accuracy'],
    ['Top-1, generated world (all months)', cell(worldRow, 'top-1') ?? '—', `exact-text memory ${firstMatch(acc, /exact-text memory top-1 ([\d.]+ %) \/ [\d.]+ %; TF-IDF/)}, TF-IDF + SVM ${firstMatch(acc, /\(retrained monthly per client\) top-1 ([\d.]+ %) \/ [\d.]+ %/)}`, 'npm run bench:accuracy'],
    ['Auto-bookable at ≥ 99 % precision, generated world', cell(worldRow, 'auto-bookable at ≥ 99 % precision') ?? '—', '—', 'npm run bench:accuracy'],
    ['Auto-booked at the default threshold, generated world', cell(worldRow, 'autoBook flag at default threshold 0.95') ?? '—', '—', 'npm run bench:accuracy'],
    ['Cold start top-1 (network + rules only)', cell(coldRow, 'top-1') ?? '—', 'target ≥ 70 %', 'npm run bench:accuracy'],
    ['Suggestions per second (one core)', grouped(firstMatch(sug, /= (\d+)\/s on one core/)), `exact-text memory (Map look-up): ${grouped(firstMatch(sug, /baseline exact-text memory: \d+ look-ups in [\d.]+ s = (\d+)\/s/))}/s; kontera on known counterparties only: ${grouped(firstMatch(sug, /known counterparties only: (\d+)\/s/))}/s; per line: ${firstMatch(sug, /suggest by kind of line: (.+)/) ?? '—'}; target ≥ 100 000/s`, 'npm run bench:suggest'],
    ['Known line, 1 000 000 keys: with the key filters', firstMatch(sug, /alternating rounds: ([\d.]+ µs) with the key filters/), `every bureau and network look-up made: ${firstMatch(sug, /µs with the key filters, ([\d.]+ µs) with every/)}; the same engine at 20 000 keys (fits the cache): ${firstMatch(sug, /fits the processor's cache\), median of 5: ([\d.]+ µs per line = \d+\/s)/)}`, 'npm run bench:suggest'],
    ['The mix at 20 000 keys (fits the cache)', `${grouped(firstMatch(sug, /the mix \(80 % known, 10 % typo, 10 % unknown\) at 20 000 learned keys, median of 5: [\d.]+ µs per line = (\d+)\/s/))}/s (${firstMatch(sug, /the mix \(80 % known, 10 % typo, 10 % unknown\) at 20 000 learned keys, median of 5: ([\d.]+ µs) per line/)} per line)`, 'what the engine\'s own work allows with no memory cost: the ceiling of a layout change alone', 'npm run bench:suggest'],
    ['Learned keys in the knowledge base', grouped(firstMatch(sug, /knowledge: (\d+) learned keys/)), '—', 'npm run bench:suggest'],
    ['Heap per learned key', firstMatch(sug, /= (\d+ bytes per key)/), `with every client's and bureau's text model built: ${firstMatch(sug, /text model built: \d+ MB = (\d+ bytes per key)/) ?? '—'}`, 'npm run bench:suggest'],
    ['Learning 100 000 bookings', firstMatch(sug, /learning: \d+ bookings in ([\d.]+ s)/), 'target < 2 s', 'npm run bench:suggest'],
    ['SIE read', firstMatch(sie, /read\s+[\d.]+ s\s+([\d.,]+ MB\/s)/), `CP437 decode + line split: ${firstMatch(sie, /baseline\s+[\d.]+ s\s+([\d.,]+ MB\/s)/)}`, 'npm run bench:sie'],
    ['SIE write', firstMatch(sie, /write\s+[\d.]+ s\s+([\d.,]+ MB\/s)/), 'target ≥ 60 MB/s', 'npm run bench:sie'],
    ['SIE file', firstMatch(sie, /file\s+(.+)/), '—', 'npm run bench:sie'],
    ['Parse, Swedbank CSV, 1 000 000 rows (rows/s)', firstMatch(parse, /\| swedbank-csv \| 1,000,000 \| [\d.]+ \| [\d,]+ \| ([\d,]+) \|/), `papaparse ${firstMatch(parse, /\| swedbank-csv \| 1,000,000 \| [\d.]+ \| ([\d,]+) \|/)}`, 'npm run bench:parse'],
    ['Parse, Nordea 2022, 1 000 000 rows (rows/s)', firstMatch(parse, /\| nordea-2022 \| 1,000,000 \| [\d.]+ \| [\d,]+ \| ([\d,]+) \|/), `papaparse ${firstMatch(parse, /\| nordea-2022 \| 1,000,000 \| [\d.]+ \| ([\d,]+) \|/)}`, 'npm run bench:parse'],
    ['Store: import + suggest + confirm, end to end', firstMatch(store, /total wall time\s+(.+)/), `memory store: ${firstMatch(storeMemory, /total wall time\s+(.+)/)}`, 'npm run bench:store'],
    ['Store: database size', firstMatch(store, /database size\s+(.+)/), '—', 'npm run bench:store'],
  ];

  const lines: string[] = [];
  lines.push('# kontera benchmark report', '');
  lines.push(`Written by \`npm run bench\` (bench/run.ts) on ${date}${anyQuick ? ' — **quick run (smaller inputs), not the full figures**' : ''}.`, '');
  const source = existsSync(`${outDir}/source.json`) ? (JSON.parse(readFileSync(`${outDir}/source.json`, 'utf8')) as { commit: string; dirty: string[] }) : undefined;
  if (source !== undefined) {
    lines.push(`Source: commit \`${source.commit}\`${source.dirty.length === 0 ? ' (clean working tree)' : `, with uncommitted changes to ${source.dirty.map((f) => `\`${f}\``).join(', ')}`}.`, '');
  }
  lines.push(`Machine: ${machine}. The machine is shared with other work (2 cores); the 1-minute load average when each bench started is listed, so treat throughput as a lower bound.`, '');
  lines.push('| bench | command | run time | load at start | exit |', '|---|---|---:|---:|---|');
  for (const b of BENCHES) {
    const i = infos.get(b.name);
    lines.push(`| ${b.title} | \`${b.command}\` | ${i ? `${i.seconds.toFixed(0)} s` : 'not run'} | ${i ? i.load.toFixed(2) : '—'} | ${i ? (i.status === 0 ? 'ok' : `failed (${i.status})`) : '—'} |`);
  }
  lines.push('', '## Key figures', '');
  lines.push('| figure | kontera | baseline / target in the same run | reproduce with |', '|---|---|---|---|');
  for (const [f, v, base, cmd] of key) lines.push(`| ${f} | ${v} | ${base} | \`${cmd}\` |`);
  lines.push('');
  if (series.length > 0) {
    lines.push('## Accuracy vs. coverage', '', '![precision vs. share auto-booked](accuracy-coverage.svg)', '');
    lines.push('Each point is a confidence threshold c: x is the share of all lines whose suggestion has confidence ≥ c, y the share of those that were right (from the calibration tables below). A bureau picks its auto-book threshold where the curve crosses the precision it needs.', '');
  }
  for (const b of BENCHES) {
    const text = (texts.get(b.name) ?? '').trim();
    lines.push(`## ${b.title}`, '', `Command: \`${b.command}\`${QUICK || infos.get(b.name)?.quick ? ` (quick: \`${b.quickArgs.join(' ')}\`)` : ''}. Baseline: ${b.baseline}.`, '');
    if (text === '') {
      lines.push('_not run_', '');
      continue;
    }
    // The accuracy bench prints markdown; the others print aligned text.
    if (b.name === 'accuracy' || b.name === 'parse' || b.name === 'openitems') {
      lines.push(text.replace(/^# .*\n/, '').replace(/\nFitted curves[\s\S]*$/, '').replace(/^## /gm, '### '), '');
    } else {
      lines.push('```', text, '```', '');
    }
  }
  writeFileSync(`${root}bench/report.md`, lines.join('\n'));
  process.stderr.write(`\nwrote bench/report.md${series.length > 0 ? ' and bench/accuracy-coverage.svg' : ''}\n`);
}

/** The commit the benches ran on, and source files that differed from it. */
function sourceState(): { commit: string; dirty: string[] } {
  const git = (args: string[]): string => spawnSync('git', args, { cwd: root, encoding: 'utf8' }).stdout?.trim() ?? '';
  return { commit: git(['rev-parse', '--short', 'HEAD']) || 'unknown', dirty: git(['status', '--porcelain', '--', 'src', 'bench']).split('\n').filter((l) => l !== '' && !l.startsWith('??')).map((l) => l.slice(3)) };
}

mkdirSync(outDir, { recursive: true });
if (!RENDER_ONLY) {
  writeFileSync(`${outDir}/source.json`, JSON.stringify(sourceState()));
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
  for (const b of BENCHES) if (only === undefined || only.includes(b.name)) run(b);
}
render();

/**
 * Bank statement parsing throughput and peak memory, next to bare papaparse on the same bytes.
 *
 *   npm run bench:parse            # 1 000, 100 000 and 1 000 000 rows, Swedbank CSV and Nordea 2022
 *   npm run bench:parse -- --quick # 1 000 and 100 000 rows
 *
 * Each measurement runs in a fresh Node process so its peak RSS is its own. The baseline is
 * the least a CSV reader must do: decode the bytes (TextDecoder) and Papa.parse them with the
 * delimiter given. kontera does that plus format detection, header mapping, öre amounts, dates,
 * balance chain, stable ids and kinds.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { parseStatement } from '../src/statements/index.js';
import { generateStatement, type BenchStyle } from './generate-statement.js';

const STYLES: readonly BenchStyle[] = ['swedbank-csv', 'nordea-2022'];
const SIZES: readonly number[] = process.argv.includes('--quick') ? [1_000, 100_000] : [1_000, 100_000, 1_000_000];

interface Result {
  readonly rowsPerSecond: number;
  readonly ms: number;
  readonly peakRssMb: number;
  readonly inputMb: number;
  readonly rows: number;
}

function measure(style: BenchStyle, rows: number, impl: 'kontera' | 'papaparse'): Result {
  const bytes = generateStatement(style, rows);
  // Small files: warm the JIT first (both implementations alike), then time many repeats.
  const warmup = rows <= 10_000 ? 50 : 0;
  const repeats = rows <= 10_000 ? 200 : 1;
  let parsed = 0;
  const once = (): void => {
    if (impl === 'kontera') {
      parsed = parseStatement(bytes).transactions.length;
    } else {
      const text = new TextDecoder(style === 'swedbank-csv' ? 'windows-1252' : 'utf-8').decode(bytes);
      parsed = Papa.parse<string[]>(text, { delimiter: style === 'swedbank-csv' ? ',' : ';' }).data.length;
    }
  };
  for (let i = 0; i < warmup; i++) once();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < repeats; i++) once();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6 / repeats;
  return {
    rowsPerSecond: Math.round((rows / ms) * 1000),
    ms: Math.round(ms * 10) / 10,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    inputMb: Math.round((bytes.length / 1e6) * 10) / 10,
    rows: parsed,
  };
}

function runChild(style: BenchStyle, rows: number, impl: string): Result {
  const self = fileURLToPath(import.meta.url);
  const out = spawnSync(process.execPath, ['--import', 'tsx/esm', self, '--child', style, String(rows), impl], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (out.status !== 0) throw new Error(`bench child failed: ${out.stderr}`);
  return JSON.parse(out.stdout.trim().split('\n').pop() ?? '{}') as Result;
}

if (process.argv[2] === '--child') {
  const [, , , style, rows, impl] = process.argv;
  process.stdout.write(JSON.stringify(measure(style as BenchStyle, Number(rows), impl as 'kontera' | 'papaparse')) + '\n');
} else {
  const lines: string[] = [];
  lines.push('| style | rows | input MB | papaparse rows/s | kontera rows/s | kontera / papaparse | papaparse peak RSS MB | kontera peak RSS MB |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const style of STYLES) {
    for (const rows of SIZES) {
      const base = runChild(style, rows, 'papaparse');
      const k = runChild(style, rows, 'kontera');
      lines.push(
        `| ${style} | ${rows.toLocaleString('en')} | ${k.inputMb} | ${base.rowsPerSecond.toLocaleString('en')} | ${k.rowsPerSecond.toLocaleString('en')} | ${Math.round((k.rowsPerSecond / base.rowsPerSecond) * 100)} % | ${base.peakRssMb} | ${k.peakRssMb} |`,
      );
      console.error(lines[lines.length - 1]);
    }
  }
  console.log(`\nNode ${process.version}, ${process.platform} ${process.arch}\n`);
  console.log(lines.join('\n'));
}

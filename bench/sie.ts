/**
 * SIE read/write throughput on a generated ~100 MB file with one million #TRANS rows.
 *
 *   node --expose-gc --import tsx/esm bench/sie.ts [vouchers=250000]
 *
 * Prints MB/s and vouchers/s for readSie and writeSie, and memory: peak RSS of the process after
 * each phase, and the heap the read document keeps, both relative to the file size.
 */
import { decodeBytes, encodeText } from '../src/core/encoding.js';
import { readSie } from '../src/sie/reader.js';
import { writeSie } from '../src/sie/writer.js';

const VOUCHERS = Number(process.argv[2] ?? 250_000);
const ROWS_PER_VOUCHER = 4;
const MB = 1024 * 1024;

const gc = (globalThis as { gc?: () => void }).gc;
function collect(): void {
  if (gc) {
    gc();
    gc();
  }
}

function memory(): { rss: number; heap: number; external: number; peakRss: number } {
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed, external: m.external + m.arrayBuffers, peakRss: process.resourceUsage().maxRSS * 1024 };
}

/** Deterministic, realistic-looking rows: bank, VAT, cost and supplier accounts, objects, Swedish texts. */
function generate(vouchers: number): Uint8Array {
  const suppliers = ['Företagsservice AB', 'Kontorsmaterial i Väst', 'Åkeri & Transport HB', 'Telia Sverige AB', 'Café Södermalm'];
  const parts: Uint8Array[] = [];
  let chunk =
    '#FLAGGA 0\r\n#FORMAT PC8\r\n#SIETYP 4\r\n#PROGRAM "bench" 1.0\r\n#GEN 20250101\r\n#FNAMN "Benchmark AB"\r\n#RAR 0 20250101 20251231\r\n' +
    '#KONTO 1930 "Företagskonto"\r\n#KONTO 2440 "Leverantörsskulder"\r\n#KONTO 2641 "Debiterad ingående moms"\r\n#KONTO 4010 "Inköp material och varor"\r\n' +
    '#DIM 1 "Kostnadsställe"\r\n#DIM 6 "Projekt"\r\n';
  for (let v = 1; v <= vouchers; v++) {
    const month = 1 + (v % 12);
    const day = 1 + (v % 28);
    const date = `2025${month < 10 ? '0' : ''}${month}${day < 10 ? '0' : ''}${day}`;
    const supplier = suppliers[v % suppliers.length] ?? '';
    const gross = 10_000 + ((v * 7919) % 9_000_000);
    const vat = Math.round(gross / 5);
    const net = gross - vat;
    const kr = (ore: number): string => `${ore < 0 ? '-' : ''}${Math.floor(Math.abs(ore) / 100)}.${String(Math.abs(ore) % 100).padStart(2, '0')}`;
    const text = `Leverantörsfaktura ${100000 + v} ${supplier}`;
    const obj = `{1 "0${v % 9}" 6 "P${1000 + (v % 500)}"}`;
    chunk +=
      `#VER A ${v} ${date} "${text}" ${date}\r\n{\r\n` +
      `   #TRANS 4010 ${obj} ${kr(net)} ${date} "${text}" 0\r\n` +
      `   #TRANS 2641 {} ${kr(vat)} ${date} "${text}" 0\r\n` +
      `   #TRANS 2440 {} ${kr(-gross)} ${date} "${text}" 0\r\n` +
      `   #TRANS 1930 {} ${kr(0)} ${date} "Betalning via bankgiro ${supplier}" 0\r\n}\r\n`;
    if (chunk.length > 1 << 20) {
      parts.push(encodeText(chunk, 'cp437'));
      chunk = '';
    }
  }
  parts.push(encodeText(chunk, 'cp437'));
  const size = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function fmt(n: number, digits = 1): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

const bytes = generate(VOUCHERS);
collect();
const base = memory();
const sizeMb = bytes.length / MB;

// Baseline: the least any SIE reader does — decode the bytes as CP437 and split them into lines.
let t = performance.now();
const baselineLines = decodeBytes(bytes, 'cp437').split(/\r?\n/).length;
const baselineSeconds = (performance.now() - t) / 1000;
collect();

t = performance.now();
let doc = readSie(bytes);
const readSeconds = (performance.now() - t) / 1000;
const afterRead = memory();
collect();
const retained = memory();
const rows = doc.vouchers.reduce((n, v) => n + v.transactions.length, 0);
if (doc.vouchers.length !== VOUCHERS || rows !== VOUCHERS * ROWS_PER_VOUCHER) throw new Error('bench: read gave the wrong counts');

t = performance.now();
let out = writeSie(doc, { type: '4I' });
const writeSeconds = (performance.now() - t) / 1000;
const afterWrite = memory();
const outMb = out.length / MB;

t = performance.now();
out = writeSie(doc, { type: '4I', checksum: true });
const writeCrcSeconds = (performance.now() - t) / 1000;

// Sanity: what was written reads back to the same number of rows.
doc = readSie(out);
if (doc.checksum.status !== 'valid' || doc.vouchers.length !== VOUCHERS) throw new Error('bench: written file does not read back');

const table: [string, string][] = [
  ['file', `${fmt(sizeMb)} MB, ${VOUCHERS.toLocaleString('en-US')} vouchers, ${rows.toLocaleString('en-US')} #TRANS`],
  ['read', `${fmt(readSeconds, 2)} s  ${fmt(sizeMb / readSeconds)} MB/s  ${fmt(VOUCHERS / readSeconds, 0)} vouchers/s  ${fmt(rows / readSeconds, 0)} rows/s`],
  ['baseline', `${fmt(baselineSeconds, 2)} s  ${fmt(sizeMb / baselineSeconds)} MB/s  (CP437 decode + split into ${baselineLines.toLocaleString('en-US')} lines)`],
  ['write', `${fmt(writeSeconds, 2)} s  ${fmt(outMb / writeSeconds)} MB/s  ${fmt(VOUCHERS / writeSeconds, 0)} vouchers/s  (${fmt(outMb)} MB out)`],
  ['write + #KSUMMA', `${fmt(writeCrcSeconds, 2)} s  ${fmt(outMb / writeCrcSeconds)} MB/s`],
  ['memory before read', `rss ${fmt(base.rss / MB, 0)} MB (the file itself: ${fmt(sizeMb, 0)} MB)`],
  ['peak rss after read', `${fmt(afterRead.peakRss / MB, 0)} MB = base + ${fmt((afterRead.peakRss - base.rss) / bytes.length, 2)} × file`],
  ['document kept (heap)', `${fmt((retained.heap - base.heap) / MB, 0)} MB = ${fmt((retained.heap - base.heap) / bytes.length, 2)} × file`],
  ['peak rss after write', `${fmt(afterWrite.peakRss / MB, 0)} MB`],
];
const width = Math.max(...table.map(([k]) => k.length));
console.log(`SIE bench (node ${process.version}${gc ? '' : ', run with --expose-gc for memory figures'})`);
for (const [k, v] of table) console.log(`  ${k.padEnd(width)}  ${v}`);

/**
 * Seeded generator of realistic bank statement exports for benchmarks: real header, preamble,
 * encoding and number style of each bank, a consistent running balance, newest row first.
 */
import iconv from 'iconv-lite';
import { seededRandom as rng } from '../test/support/random.js';

export type BenchStyle = 'swedbank-csv' | 'nordea-2022';

const MERCHANTS = ['ICA NARA ORMINGE', 'COOP KONSUM', 'HEMKÖP', 'PRESSBYRÅN', 'TELIA SVERIGE AB', 'SKATTEVERKET', 'FORTNOX AB', 'EASYPARK', 'CIRCLE K', 'ÅHLÉNS CITY'];


function isoDay(start: number, offset: number): string {
  return new Date(start - offset * 86_400_000).toISOString().slice(0, 10);
}

function dot(ore: number): string {
  const s = ore < 0 ? '-' : '';
  const a = Math.abs(ore);
  return `${s}${Math.trunc(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

function comma(ore: number): string {
  return dot(ore).replace('.', ',');
}

/** Builds an export of `rows` transactions as the bank's bytes. */
export function generateStatement(style: BenchStyle, rows: number, seed = 42): Uint8Array {
  const rand = rng(seed);
  const start = Date.UTC(2026, 9, 31);
  const perDay = Math.max(1, Math.ceil(rows / 3000));
  const amounts: number[] = new Array<number>(rows);
  for (let i = 0; i < rows; i++) {
    amounts[i] = rand() < 0.15 ? Math.round(rand() * 3_000_000) : -Math.round(rand() * 200_000);
  }
  // Newest first: balance after row i is balance after row i+1 plus amount i.
  const balances: number[] = new Array<number>(rows);
  let b = 50_000_000;
  for (let i = rows - 1; i >= 0; i--) {
    b += amounts[i] as number;
    balances[i] = b;
  }
  const out: string[] = [];
  if (style === 'swedbank-csv') {
    out.push(`* Transaktioner Period ${isoDay(start, Math.floor(rows / perDay))}–${isoDay(start, 0)} Skapad 2026-11-01 10:00 +01:00`);
    out.push('Radnummer,Clearingnummer,Kontonummer,Produkt,Valuta,Bokföringsdag,Transaktionsdag,Valutadag,Referens,Beskrivning,Belopp,Bokfört saldo');
    for (let i = 0; i < rows; i++) {
      const d = isoDay(start, Math.floor(i / perDay));
      const m = MERCHANTS[Math.floor(rand() * MERCHANTS.length)] as string;
      out.push(`${i + 1},8327-9,9434567890,"Företagskonto",SEK,${d},${d},${d},"${m}","${m}",${dot(amounts[i] as number)},${dot(balances[i] as number)}`);
    }
    return new Uint8Array(iconv.encode(out.join('\r\n') + '\r\n', 'windows-1252'));
  }
  out.push('Bokföringsdag;Belopp;Avsändare;Mottagare;Namn;Rubrik;Meddelande;Egna anteckningar;Saldo;Valuta');
  for (let i = 0; i < rows; i++) {
    const d = isoDay(start, Math.floor(i / perDay)).replace(/-/g, '/');
    const m = MERCHANTS[Math.floor(rand() * MERCHANTS.length)] as string;
    const out1 = (amounts[i] as number) < 0;
    out.push(`${d};${comma(amounts[i] as number)};${out1 ? '192 69 56-2' : '5050-1055'};${out1 ? '5050-1055' : '192 69 56-2'};${m};${m};${Math.floor(rand() * 1e12)};;${comma(balances[i] as number)};SEK`);
  }
  return new TextEncoder().encode('\ufeff' + out.join('\n') + '\n');
}

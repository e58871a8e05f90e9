/**
 * Property tests for exports that went through Excel: every fixture of a known header-based format,
 * re-saved with its columns in a random order, some columns deleted, headers spelled another way
 * (case, without å/ä/ö, abbreviated, English) and Latin-1 or UTF-8, reads to the same transactions
 * (date, amount, balance and text) — by its own format or, when the cut no longer matches it, by
 * the header reader. Seeded, so a failure names a reproducible case.
 */
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/core/encoding.js';
import { findHeaderRow, htmlAsTable } from '../../src/statements/formats/header.js';
import { parseStatement } from '../../src/statements/index.js';
import { HEADER_SYNONYMS, type HeaderMeaning, foldHeader, headerMeaning } from '../../src/statements/synonyms.js';
import { xlsxToText } from '../../src/statements/xlsx.js';
import type { BankTransaction } from '../../src/statements/types.js';
import { seededRandom } from '../support/random.js';

const FIXTURES = [
  'swedbank/csv-2019-utf8.csv',
  'swedbank/csv-2020-cp1252-crlf.csv',
  'swedbank/excel-resave-cut-columns-latin1.csv',
  'nordea/foretag-2022-iso-dates.csv',
  'nordea/foretag-2022-plusgirokonto.csv',
  'nordea/private-2020.csv',
  'nordea/private-v2-same-day-chain.csv',
  'nordea/business-2022-slash-dates.csv',
  'nordea/business-2024-trailing-semicolon.csv',
  'nordea/old-site-2019-quoted-dot-thousands.csv',
  'nordea/tab-till-fran-latin1.txt',
  'handelsbanken/semicolon-latin1-prel-balance-row.csv',
  'handelsbanken/tab-no-preamble.txt',
  'handelsbanken/business-transaktioner-semicolon.txt',
  'handelsbanken/business-transaktioner-tab.txt',
  'handelsbanken/kontoutdrag-2024.xlsx',
  'handelsbanken/kontotransactionlist-2023-html.xls',
  'danske/quoted-cp1252-dot-thousands-status.csv',
  'lansforsakringar/quoted-preamble-no-balance.csv',
  'lansforsakringar/2021-ddmmyy-dates.csv',
  'ica/kr-suffix-account-line.csv',
  'ica/ica-banken-2018-v1.csv',
  'skandia/xlsx-resave-bokf-datum.csv',
  'skandia/kontoutdrag-native.xlsx',
  'lunar/swedish-quoted-amounts.csv',
  'seb/kontohandelser-three-decimals.csv',
  'seb/transaktioner-2026-split-columns.csv',
  'seb/legacy-2018-preamble-comma.csv',
];
const fixture = (p: string): Uint8Array => readFileSync(new URL(`../../fixtures/statements/${p}`, import.meta.url));

/** The header and data rows of a fixture as cells (preamble dropped, as Excel users often do). */
function table(bytes: Uint8Array, file: string): { header: string[]; rows: string[][] } {
  const text = file.endsWith('.xlsx') ? xlsxToText(bytes, file).text : htmlAsTable(decodeText(bytes).text);
  const lines = text.split(/\r\n|\n|\r/);
  const h = findHeaderRow(lines);
  if (!h) throw new Error(`${file}: no header the synonym table understands`);
  const parsed = Papa.parse<string[]>(lines.slice(h.index).join('\n'), { delimiter: h.delimiter, skipEmptyLines: 'greedy' }).data;
  const width = h.names.length;
  return { header: [...h.names], rows: parsed.slice(1).map((r) => r.slice(0, width).map((c) => c.trim())) };
}

/** Other ways a header is written: every synonym of its meaning, and the header without å/ä/ö or upper-cased. */
function spellings(name: string): string[] {
  const m = headerMeaning(name);
  const out = [name, name.toUpperCase(), name.replace(/[åä]/g, 'a').replace(/[ÅÄ]/g, 'A').replace(/ö/g, 'o').replace(/Ö/g, 'O')];
  if (m && m.meaning !== 'ignore' && m.currency === undefined) {
    // Synonyms of the same meaning that no other column's meaning shares.
    out.push(...HEADER_SYNONYMS[m.meaning as HeaderMeaning].filter((s) => foldHeader(s) !== foldHeader(name)));
  }
  return out;
}

const ESSENTIAL: readonly (HeaderMeaning | undefined)[] = ['bookingDate', 'ledgerDate', 'date', 'transactionDate', 'amount', 'credit', 'debit', 'balance'];

function csvCell(c: string, d: string): string {
  return c.includes(d) || /["\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c;
}

interface Key {
  date: string;
  amount: number;
  balance: number | undefined;
  text: string;
}
const keyOf = (t: BankTransaction): Key => ({ date: t.date, amount: t.amount, balance: t.balance, text: t.text });

describe('Excel re-saves of every known format read to the same transactions', () => {
  for (const file of FIXTURES) {
    it(file, () => {
      const bytes = fixture(file);
      const original = parseStatement(bytes, { fileName: file, includePending: true }).transactions;
      const { header, rows } = table(bytes, file);
      const meanings = header.map((n) => headerMeaning(n)?.meaning);
      const rand = seededRandom(file.length * 104729 + file.charCodeAt(0));
      const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
      for (let round = 0; round < 25; round++) {
        // Which columns survive: the date, amount and balance columns always; the others by chance.
        // Text-like columns are kept together so the description a row is read by survives.
        const keepText = rand() < 0.5;
        const textish: (HeaderMeaning | undefined)[] = ['text', 'message', 'reference', 'counterparty', 'counterpartyAccount', 'type'];
        // Columns whose header the synonym table does not know, or whose meaning a row depends on
        // in a way the header alone cannot say (a status that marks pending rows), always survive.
        const keep = header.map((n, i) => ESSENTIAL.includes(meanings[i]) || meanings[i] === undefined || /status|radnummer/i.test(n) || (textish.includes(meanings[i]) ? keepText : rand() < 0.5));
        const order = header.map((_, i) => i).filter((i) => keep[i]);
        for (let i = order.length - 1; i > 0; i--) {
          const j = Math.floor(rand() * (i + 1));
          [order[i], order[j]] = [order[j] as number, order[i] as number];
        }
        // A spelling per column; only a spelling the synonym table reads the same way.
        const names = order.map((i) => {
          const name = header[i] as string;
          const alt = pick(spellings(name));
          return headerMeaning(alt)?.meaning === meanings[i] ? alt : name;
        });
        // Excel saves `;` (Swedish locale), TAB (text) or `,`; it may add empty columns at the end.
        const d = pick([';', ';', '\t', ',']);
        const trailing = rand() < 0.5 ? d.repeat(3) : '';
        const lines = [names.map((n) => csvCell(n, d)).join(d) + trailing, ...rows.map((r) => order.map((i) => csvCell(r[i] ?? '', d)).join(d) + trailing)];
        const text = `${lines.join('\r\n')}\r\n`;
        const encoded = rand() < 0.5 ? iconv.encode(text, 'latin1') : new TextEncoder().encode(text);
        const where = `${file} round ${round}: ${names.join(d)}`;
        let read: readonly BankTransaction[];
        try {
          read = parseStatement(encoded, { includePending: true }).transactions;
        } catch (e) {
          throw new Error(`${where}: ${(e as Error).message}`);
        }
        const hasText = order.some((i) => textish.includes(meanings[i]) && meanings[i] !== 'counterpartyAccount');
        expect(read.map((t) => ({ ...keyOf(t), text: hasText ? t.text : '' })), where).toEqual(
          original.map((t) => ({ ...keyOf(t), text: hasText ? t.text : '' })),
        );
      }
    });
  }
});

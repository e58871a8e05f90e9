/**
 * SEB. Three CSV layouts (formats.md §3.2):
 * - `seb-kontohandelser` ("Spara kontohändelser"): UTF-8 BOM, `;`, amounts with a decimal point
 *   and three decimals (`-30.000` is −30 kr, confirmed by running balances in independent samples);
 *   some files use decimal comma instead, so the style is chosen per file.
 * - `seb-transaktioner` (2026 "Transaktioner"): split `Insättningar`/`Uttag` columns.
 * - `seb-legacy` (2014–2019 `Export.csv`): comma-delimited, 5-row preamble, `Text/mottagare`.
 */
import { STYLE, type StatementFormat } from '../format.js';
import { defineTableFormat } from '../table.js';

export const sebKontohandelser: StatementFormat = defineTableFormat({
  id: 'seb-kontohandelser',
  bank: 'SEB',
  delimiters: [';', '\t', ','],
  columns: [
    { role: 'date', names: ['bokföringsdatum'] },
    { role: 'valueDate', names: ['valutadatum'] },
    { role: 'ignore', names: ['verifikationsnummer'] },
    { role: 'text', names: ['text'] },
    { role: 'amount', names: ['belopp'] },
    { role: 'balance', names: ['saldo'] },
  ],
  amountStyles: [STYLE.dot3, STYLE.comma],
  datePatterns: ['YYYY-MM-DD'],
  maxPreambleLines: 2,
});

export const sebTransaktioner: StatementFormat = defineTableFormat({
  id: 'seb-transaktioner',
  bank: 'SEB',
  delimiters: [';', '\t', ','],
  columns: [
    { role: 'date', names: ['bokförd', 'bokföringsdatum'] },
    { role: 'valueDate', names: ['valutadatum'] },
    { role: 'text', names: ['text'] },
    { role: 'type', names: ['typ'] },
    { role: 'credit', names: ['insättningar'] },
    { role: 'debit', names: ['uttag'] },
    { role: 'balance', names: ['bokfört saldo'] },
  ],
  amountStyles: [STYLE.dot3, STYLE.comma],
  datePatterns: ['YYYY-MM-DD'],
  maxPreambleLines: 2,
});

export const sebLegacy: StatementFormat = defineTableFormat({
  id: 'seb-legacy',
  bank: 'SEB',
  delimiters: [',', ';', '\t'],
  columns: [
    { role: 'date', names: ['bokföringsdatum'] },
    { role: 'valueDate', names: ['valutadatum'] },
    { role: 'ignore', names: ['verifikationsnummer'] },
    { role: 'text', names: ['text/mottagare'] },
    { role: 'amount', names: ['belopp'] },
    { role: 'balance', names: ['saldo'] },
  ],
  amountStyles: [STYLE.dot3, STYLE.comma, STYLE.commaDot],
  datePatterns: ['YYYY-MM-DD'],
  maxPreambleLines: 8,
  readPreamble: (pre) => {
    // The account row of the preamble holds the account number, e.g. "Privatkonto (5357-12 345 67)".
    for (const line of pre) {
      const m = /(\d{4,5}[ -]?\d{2}[ -]?\d{3}[ -]?\d{2,3})/.exec(line);
      if (m?.[1]) return { accountNumber: m[1] };
    }
    return {};
  },
});

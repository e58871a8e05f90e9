/**
 * The built-in formats. Order is priority when two formats score the same (it only breaks ties
 * that detection already calls clear).
 */
import type { StatementFormat } from './format.js';
import { genericCsv } from './formats/generic.js';
import { camt052, camt053, handelsbankenHtml } from './formats/markup.js';
import { mt940 } from './formats/mt940.js';
import { nordea2020, nordea2022, nordea2024, nordeaOld, nordeaTab } from './formats/nordea.js';
import { danske, handelsbanken, handelsbankenBusiness, ica, lansforsakringar, lunar, skandia } from './formats/others.js';
import { sebKontohandelser, sebLegacy, sebTransaktioner } from './formats/seb.js';
import { skattekonto } from './formats/skattekonto.js';
import { swedbankCsv, swedbankFixed2015, swedbankShort2017, swedbankTab2015 } from './formats/swedbank.js';
import type { StatementFormatId } from './types.js';

export const BUILTIN_FORMATS: readonly StatementFormat[] = [
  swedbankCsv,
  swedbankFixed2015,
  swedbankTab2015,
  swedbankShort2017,
  sebKontohandelser,
  sebTransaktioner,
  sebLegacy,
  handelsbanken,
  handelsbankenHtml,
  handelsbankenBusiness,
  nordea2024,
  nordea2022,
  nordea2020,
  nordeaOld,
  nordeaTab,
  danske,
  lansforsakringar,
  ica,
  skandia,
  lunar,
  skattekonto,
  camt053,
  camt052,
  mt940,
  genericCsv,
];

export function formatById(id: StatementFormatId): StatementFormat | undefined {
  return BUILTIN_FORMATS.find((f) => f.id === id);
}

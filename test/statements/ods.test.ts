/**
 * OpenDocument spreadsheets (.ods, LibreOffice's own format): real LibreOffice saves are checked in
 * resave.test.ts; here, content.xml written by hand from the ODF layout, for what those saves do
 * not show and for hostile repeat counts.
 */
import { describe, expect, it } from 'vitest';
import { parseStatement } from '../../src/statements/index.js';
import { isOds, odsToText } from '../../src/statements/ods.js';
import { caught } from '../support/errors.js';
import { zip } from '../support/zip.js';

/** A stored (uncompressed) ZIP, `mimetype` first as ODF requires. */
const storedZip = (entries: { name: string; data: string }[]): Uint8Array => zip(entries.map((e) => ({ name: e.name, data: Buffer.from(e.data, 'utf8'), method: 0 })));

const MIMETYPE = 'application/vnd.oasis.opendocument.spreadsheet';

const NS = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"';
const ods = (tables: string): Uint8Array =>
  storedZip([
    { name: 'mimetype', data: MIMETYPE },
    { name: 'content.xml', data: `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${NS}><office:body><office:spreadsheet>${tables}</office:spreadsheet></office:body></office:document-content>` },
  ]);
const text = (s: string, extra = ''): string => `<table:table-cell office:value-type="string"${extra}><text:p>${s}</text:p></table:table-cell>`;
const num = (v: string): string => `<table:table-cell office:value-type="float" office:value="${v}"><text:p>${v}</text:p></table:table-cell>`;
const date = (v: string): string => `<table:table-cell office:value-type="date" office:date-value="${v}"><text:p>${v}</text:p></table:table-cell>`;
const EMPTY_TAIL = '<table:table-cell table:number-columns-repeated="1048572"/>';
const row = (cells: string, extra = ''): string => `<table:table-row${extra}>${cells}${EMPTY_TAIL}</table:table-row>`;
const HEADER = row(text('Bokföringsdag') + text('Text') + text('Belopp') + text('Saldo'));

describe('OpenDocument spreadsheets (.ods)', () => {
  it('reads the sheet a format claims: numbers, dates, repeated cells and rows, an empty tail a million cells long', () => {
    const bytes = ods(
      `<table:table table:name="Sammanfattning">${row(text('Kontoutdrag januari'))}</table:table>` +
        `<table:table table:name="Konto">${row(text('Företagskonto 1234-5678901'))}<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="4"/></table:table-row>${HEADER}` +
        row(date('2026-01-02') + text('Kortköp <text:s text:c="2"/>ICA NÄRA') + num('-1204.5') + num('8795.5')) +
        row(date('2026-01-05T00:00:00') + text('Swish Kund &amp; Co') + num('2000') + num('10795.5'), ' table:number-rows-repeated="1"') +
        `<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row></table:table>`,
    );
    expect(isOds(bytes)).toBe(true);
    const s = parseStatement(bytes, { fileName: 'konto.ods' });
    expect(s.transactions.map((t) => [t.line, t.date, t.amount, t.balance, t.text])).toEqual([
      // `text:s` (a run of spaces) reads as the statement reader reads runs of spaces.
      [5, '2026-01-02', -120_450, 879_550, 'Kortköp ICA NÄRA'],
      [6, '2026-01-05', 200_000, 1_079_550, 'Swish Kund & Co'],
    ]);
    expect(odsToText(bytes).sheet).toBe('Sammanfattning');
  });

  it('refuses hostile repeat counts and broken containers with a typed error, fast', () => {
    const t0 = performance.now();
    const wide = ods(`<table:table table:name="T">${HEADER}<table:table-row><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="100000"/></table:table-row></table:table>`);
    expect(caught(() => parseStatement(wide))).toMatchObject({ code: 'INVALID_ROW' });
    const tall = ods(`<table:table table:name="T">${HEADER}<table:table-row table:number-rows-repeated="2000000">${num('1')}</table:table-row></table:table>`);
    expect(caught(() => parseStatement(tall))).toMatchObject({ code: 'INVALID_ROW' });
    const big = ods(`<table:table table:name="T">${HEADER}<table:table-row table:number-rows-repeated="1000000">${text('x'.repeat(200))}</table:table-row></table:table>`);
    expect(caught(() => parseStatement(big, { limits: { maxUncompressedBytes: 10_000_000 } }))).toMatchObject({ code: 'INPUT_TOO_LARGE' });
    const bad = ods(`<table:table table:name="T">${HEADER}<table:table-row table:number-rows-repeated="-3">${num('1')}</table:table-row></table:table>`);
    expect(caught(() => parseStatement(bad))).toMatchObject({ code: 'UNSUPPORTED_CONTAINER' });
    const noContent = storedZip([{ name: 'mimetype', data: MIMETYPE }]);
    expect(caught(() => parseStatement(noContent, { fileName: 'x.ods' })).message).toContain('OpenDocument spreadsheet (ODS): no content.xml');
    expect(performance.now() - t0).toBeLessThan(5_000);
  });
});

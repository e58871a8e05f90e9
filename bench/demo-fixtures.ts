/**
 * Generates the demo's sample data with known answers, into `fixtures/demo/`:
 *
 *   node --import tsx/esm bench/demo-fixtures.ts        (npm run fixtures:demo)
 *
 * The data comes from the seeded world of bench/world (the engine's benchmark world: bureaus with
 * house styles, clients with their own habits, realistic Swedish counterparties and bank texts,
 * VAT modes, loans, leasing, drift and one-off lines). From a world of two bureaus, 2025-01 to
 * 2026-01, it takes five clients — two at one bureau, three at the other — and writes for each:
 *
 * - `history-2025.se`: last year's bookkeeping (2025) as a SIE 4E export: `#KONTO` with BAS names
 *   and every bank voucher, as the accountant booked it;
 * - this month's (2026-01) bank statement, written the way the client's bank writes its export
 *   (header, preamble, encoding, delimiter, number and date style, order, running balance):
 *   Swedbank CSV (Windows-1252), SEB "kontohändelser" (UTF-8 BOM, three decimals), Nordea 2024
 *   business (UTF-8 BOM, `YYYY/MM/DD`, trailing `;`), Handelsbanken (ISO-8859-1, preamble,
 *   balance-only first row), ICA Banken (UTF-8 BOM, `-1 079,40 kr`);
 * - `answers.json`: the correct voucher of every statement line, by physical line number.
 *
 * `clients.json` lists the bureaus and clients with their settings. The same seed always gives the
 * same bytes; run it again after changing the world and commit the result.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { encodeText } from '../src/core/encoding.js';
import type { VoucherRow } from '../src/knowledge/types.js';
import { createSieDocument } from '../src/sie/document.js';
import { writeSie } from '../src/sie/writer.js';
import { seededRandom as rng } from '../test/support/random.js';
import { generateWorld } from './world/generate.js';
import type { BankStyle, WorldClient, WorldLine } from './world/generate.js';

/** The world's seed; the clients below are the first of each bank style in their bureau. */
export const DEMO_SEED = 3;
const HISTORY_YEAR = '2025';
const MONTH = '2026-01';
const out = fileURLToPath(new URL('../fixtures/demo/', import.meta.url));

/** BAS 2025 names of the accounts the world books to (formats.md §2.2). */
const ACCOUNT_NAMES: Readonly<Record<string, string>> = {
  '1510': 'Kundfordringar',
  '1580': 'Fordringar för kontokort och kuponger',
  '1630': 'Avräkning för skatter och avgifter (skattekonto)',
  '1930': 'Företagskonto/checkkonto/affärskonto',
  '2350': 'Andra långfristiga skulder till kreditinstitut',
  '2611': 'Utgående moms på försäljning inom Sverige, 25 %',
  '2614': 'Utgående moms omvänd betalningsskyldighet, 25 %',
  '2615': 'Utgående moms import av varor, 25 %',
  '2621': 'Utgående moms på försäljning inom Sverige, 12 %',
  '2631': 'Utgående moms på försäljning inom Sverige, 6 %',
  '2640': 'Ingående moms',
  '2641': 'Debiterad ingående moms',
  '2645': 'Beräknad ingående moms på förvärv från utlandet',
  '2647': 'Ingående moms omvänd betalningsskyldighet varor och tjänster i Sverige',
  '3001': 'Försäljning inom Sverige, 25 % moms',
  '4000': 'Inköp av varor från Sverige',
  '4010': 'Inköp material och varor',
  '4425': 'Inköpta tjänster i Sverige, omvänd betalningsskyldighet, 25 %',
  '4515': 'Inköp av varor från annat EU-land, 25 %',
  '4545': 'Import av varor, 25 % moms',
  '4600': 'Legoarbeten och underentreprenader',
  '5010': 'Lokalhyra',
  '5020': 'El för belysning',
  '5060': 'Städning och renhållning',
  '5170': 'Reparation och underhåll av fastighet',
  '5410': 'Förbrukningsinventarier',
  '5420': 'Programvaror',
  '5460': 'Förbrukningsmaterial',
  '5610': 'Personbilskostnader',
  '5611': 'Drivmedel för personbilar',
  '5613': 'Reparation och underhåll av personbilar',
  '5615': 'Leasing av personbilar',
  '5616': 'Trängselskatt, avdragsgill',
  '5710': 'Frakter, transporter och försäkringar vid varudistribution',
  '5800': 'Resekostnader',
  '5810': 'Biljetter',
  '5831': 'Kost och logi i Sverige',
  '5900': 'Reklam och PR',
  '5910': 'Annonsering',
  '5990': 'Övriga kostnader för reklam och PR',
  '6071': 'Representation, avdragsgill',
  '6110': 'Kontorsmateriel',
  '6211': 'Fast telefoni',
  '6212': 'Mobiltelefon',
  '6230': 'Datakommunikation',
  '6250': 'Postbefordran',
  '6310': 'Företagsförsäkringar',
  '6530': 'Redovisningstjänster',
  '6540': 'IT-tjänster',
  '6550': 'Konsultarvoden',
  '6570': 'Bankkostnader',
  '6580': 'Advokat- och rättegångskostnader',
  '6590': 'Övriga externa tjänster',
  '6970': 'Tidningar, tidskrifter och facklitteratur',
  '6990': 'Övriga externa kostnader',
  '7500': 'Sociala och andra avgifter enligt lag och avtal',
  '7570': 'Premier för arbetsmarknadsförsäkringar',
  '8410': 'Räntekostnader för långfristiga skulder',
};

/** Who the five demo clients are (names and numbers are invented). */
interface DemoClient {
  readonly id: string;
  readonly name: string;
  readonly orgNr: string;
  /** The export format written; `ica` uses the world's plain text style (the handelsbanken one, prefixes dropped). */
  readonly bank: BankStyle | 'ica';
  readonly bureau: 0 | 1;
  /** The client's auto-book threshold: a bureau sets it per client. */
  readonly autoBookThreshold: number;
  /** The bank's account number as printed in the export. */
  readonly accountNumber: string;
  readonly opening: number;
}

const BUREAUS = [
  { id: 'norrsken', name: 'Norrsken Redovisning AB' },
  { id: 'vastkust', name: 'Västkustens Byrå & Revision' },
] as const;

const CLIENTS: readonly DemoClient[] = [
  { id: 'kaffebryggeriet', name: 'Kaffebryggeriet i Kumla AB', orgNr: '559123-4567', bank: 'swedbank', bureau: 0, autoBookThreshold: 0.95, accountNumber: '9434567890', opening: 18_450_075 },
  { id: 'ljusgard', name: 'Studio Ljusgård AB', orgNr: '559234-5678', bank: 'seb', bureau: 0, autoBookThreshold: 0.9, accountNumber: '5201 00 123 45', opening: 9_312_400 },
  { id: 'hedlunds-bygg', name: 'Hedlunds Bygg & Måleri AB', orgNr: '556987-6543', bank: 'nordea', bureau: 1, autoBookThreshold: 0.95, accountNumber: '3300 12 34567', opening: 42_118_950 },
  { id: 'roslagens-data', name: 'Roslagens Data HB', orgNr: '969876-5432', bank: 'handelsbanken', bureau: 1, autoBookThreshold: 0.98, accountNumber: '6789-123 456 789', opening: 27_604_210 },
  { id: 'sjobergs-blommor', name: 'Sjöbergs Blommor i Visby AB', orgNr: '559345-6789', bank: 'ica', bureau: 1, autoBookThreshold: 0.95, accountNumber: '9270-417 382 5', opening: 12_250_000 },
];

/** The world's text style a demo client's bank uses. */
function textStyle(bank: DemoClient['bank']): BankStyle {
  return bank === 'ica' ? 'handelsbanken' : bank;
}

/** ICA Banken prints the counterparty without a payment-type prefix; the type is its own column. */
function icaText(text: string): string {
  return text.replace(/^(BG-BET|AUTOGIRO) /, '');
}

/** What answers.json holds for one statement line. */
export interface DemoAnswer {
  /** Physical line (1-based) of the row in the statement file. */
  readonly line: number;
  readonly date: string;
  readonly amount: number;
  readonly text: string;
  /** The voucher the accountant booked: bank row first, in öre. */
  readonly rows: readonly VoucherRow[];
  /** A line of one of the client's habits (not a one-off or a Swish sale). */
  readonly recurring: boolean;
}

/** What clients.json holds. */
export interface DemoManifest {
  readonly seed: number;
  readonly month: string;
  readonly bureaus: readonly { readonly id: string; readonly name: string }[];
  readonly clients: readonly {
    readonly id: string;
    readonly bureauId: string;
    readonly name: string;
    readonly orgNr: string;
    readonly vatRegistered: boolean;
    readonly autoBookThreshold: number;
    readonly bank: string;
    readonly history: string;
    readonly statements: readonly string[];
    readonly answers: string;
  }[];
}

function kr(ore: number, decimals: 2 | 3, sep: '.' | ','): string {
  const sign = ore < 0 ? '-' : '';
  const a = Math.abs(ore);
  const frac = String(a % 100).padStart(2, '0') + (decimals === 3 ? '0' : '');
  return `${sign}${Math.trunc(a / 100)}${sep}${frac}`;
}

/** `1 234,56` with a space as thousands separator (Handelsbanken, ICA). */
function spaced(ore: number): string {
  const sign = ore < 0 ? '-' : '';
  const a = Math.abs(ore);
  const whole = String(Math.trunc(a / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${sign}${whole},${String(a % 100).padStart(2, '0')}`;
}

/** Running balance after each line, oldest first. */
function balances(lines: readonly WorldLine[], opening: number): number[] {
  let b = opening;
  return lines.map((l) => (b += l.tx.amount));
}

function lastDay(month: string): string {
  const d = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0));
  return d.toISOString().slice(0, 10);
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The bankgiro in a world text ("Betalning BG 5402-0105 TELENOR…"), if any. */
function bankgiroOf(text: string): string {
  return /\b(\d{3,4}-\d{4})\b/.exec(text)?.[1] ?? '';
}

interface Written {
  readonly bytes: Uint8Array;
  /** Physical line of each line (same order as given). */
  readonly lineNumbers: number[];
  readonly fileName: string;
}

/** Swedbank "Transaktioner" CSV, 2020 generation: Windows-1252, CRLF, newest first, Radnummer 1 = newest. */
function swedbank(c: DemoClient, lines: readonly WorldLine[]): Written {
  const bal = balances(lines, c.opening);
  const created = nextDay(lastDay(MONTH));
  const out = [`* Transaktioner Period ${MONTH}-01–${lastDay(MONTH)} Skapad ${created} 07:42 CET`, 'Radnummer,Clearingnummer,Kontonummer,Produkt,Valuta,Bokföringsdag,Transaktionsdag,Valutadag,Referens,Beskrivning,Belopp,Bokfört saldo'];
  const lineNumbers = new Array<number>(lines.length);
  for (let i = lines.length - 1, row = 1; i >= 0; i--, row++) {
    const l = lines[i] as WorldLine;
    const ref = l.tx.text.slice(0, 25).replace(/"/g, '');
    lineNumbers[i] = out.length + 1;
    out.push(`${row},8327-9,${c.accountNumber},"Företagskonto",SEK,${l.tx.date},${l.tx.date},${l.tx.date},"${ref}","${l.tx.text.replace(/"/g, '')}",${kr(l.tx.amount, 2, '.')},${kr(bal[i] as number, 2, '.')}`);
  }
  return { bytes: encodeText(out.join('\r\n') + '\r\n', 'windows-1252'), lineNumbers, fileName: `Transaktioner_${created}_07-42-10.csv` };
}

/** SEB "Spara kontohändelser": UTF-8 BOM, `;`, CRLF, dot decimals with three decimals, newest first. */
function seb(c: DemoClient, lines: readonly WorldLine[], r: () => number): Written {
  const bal = balances(lines, c.opening);
  const out = ['Bokföringsdatum;Valutadatum;Verifikationsnummer;Text;Belopp;Saldo'];
  const lineNumbers = new Array<number>(lines.length);
  let ver = 5_484_381_000 + Math.floor(r() * 200);
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = lines[i] as WorldLine;
    lineNumbers[i] = out.length + 1;
    out.push(`${l.tx.date};${l.tx.date};${ver--};${l.tx.text};${kr(l.tx.amount, 3, '.')};${kr(bal[i] as number, 3, '.')}`);
  }
  return { bytes: encodeText('\ufeff' + out.join('\r\n') + '\r\n', 'utf-8'), lineNumbers, fileName: 'Kontohandelser.csv' };
}

/** Nordea business netbank, 2024 layout: UTF-8 BOM, `;` after every field, `YYYY/MM/DD`, newest first. */
function nordea(c: DemoClient, lines: readonly WorldLine[], r: () => number): Written {
  const bal = balances(lines, c.opening);
  const out = ['Bokföringsdag;Belopp;Avsändare;Mottagare;Namn;Ytterligare detaljer;Meddelande;Egna anteckningar;Saldo;Valuta;'];
  const lineNumbers = new Array<number>(lines.length);
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = lines[i] as WorldLine;
    const text = l.tx.text;
    const bg = bankgiroOf(text);
    const card = /^KORTKÖP /.test(text);
    const name = card ? '' : text.replace(/^(Betalning BG \S+|AUTOGIRO|Swish inbetalning|Överföring) /, '');
    const out1 = l.tx.amount < 0;
    const from = out1 ? c.accountNumber : '';
    const to = out1 ? bg : c.accountNumber;
    const message = bg !== '' && bg !== '5050-1055' ? String(Math.floor(r() * 1e12)).padStart(12, '7') : bg === '5050-1055' ? `16${c.orgNr.replace('-', '')}` : '';
    lineNumbers[i] = out.length + 1;
    out.push(`${l.tx.date.replace(/-/g, '/')};${kr(l.tx.amount, 2, ',')};${from};${to};${name};${text};${message};;${kr(bal[i] as number, 2, ',')};SEK;`);
  }
  const stamp = `${nextDay(lastDay(MONTH)).replace(/-/g, '.')} 08.15`;
  return { bytes: encodeText('\ufeff' + out.join('\n') + '\n', 'utf-8'), lineNumbers, fileName: `FÖRETAGSKONTO ${c.accountNumber} - ${stamp}.csv` };
}

/** ICA Banken: UTF-8 BOM, the account number alone on line 1, `;`, `-1 079,40 kr`, newest first. */
function ica(c: DemoClient, lines: readonly WorldLine[]): Written {
  const bal = balances(lines, c.opening);
  const out = [c.accountNumber, 'Datum;Text;Typ;Budgetgrupp;Belopp;Saldo'];
  const lineNumbers = new Array<number>(lines.length);
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = lines[i] as WorldLine;
    const raw = l.tx.text;
    const type = /^BG-BET /.test(raw)
      ? 'Pg-Bg'
      : /^AUTOGIRO /.test(raw)
        ? 'Autogiro'
        : /^SWISH /.test(raw)
          ? 'Swish'
          : l.tx.amount > 0
            ? 'Insättning'
            : /AVGIFT|PRIS|PAKET|LÅN|LAN\b/.test(raw)
              ? 'Övrigt'
              : 'Korttransaktion';
    lineNumbers[i] = out.length + 1;
    out.push(`${l.tx.date};${icaText(raw)};${type};Övrigt;${spaced(l.tx.amount)} kr;${spaced(bal[i] as number)} kr`);
  }
  return { bytes: encodeText('\ufeff' + out.join('\n') + '\n', 'utf-8'), lineNumbers, fileName: `Kontoutdrag ${MONTH}.csv` };
}

/** Handelsbanken: ISO-8859-1, account and period preamble, a balance-only first row, newest first. */
function handelsbanken(c: DemoClient, lines: readonly WorldLine[]): Written {
  const bal = balances(lines, c.opening);
  const out = ['Kontoutdrag', `Konto: ${c.accountNumber}`, `Period: ${MONTH}-01 - ${lastDay(MONTH)}`, '', 'Reskontradatum;Transaktionsdatum;Text;Belopp;Saldo'];
  out.push(`;;;;${spaced(bal[bal.length - 1] ?? c.opening)}`);
  const lineNumbers = new Array<number>(lines.length);
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = lines[i] as WorldLine;
    lineNumbers[i] = out.length + 1;
    out.push(`${l.tx.date};${l.tx.date};${l.tx.text};${spaced(l.tx.amount)};${spaced(bal[i] as number)}`);
  }
  return { bytes: encodeText(out.join('\r\n') + '\r\n', 'windows-1252'), lineNumbers, fileName: `Kontotransaktioner_${c.accountNumber.replace(/\D/g, '')}_${MONTH}.csv` };
}

function historySie(c: DemoClient, lines: readonly WorldLine[]): Uint8Array {
  const used = new Set<string>(['1930']);
  for (const l of lines) for (const row of l.truth.rows) used.add(row.account);
  const accounts: Record<string, string> = {};
  for (const a of [...used].sort()) {
    const name = ACCOUNT_NAMES[a];
    if (name === undefined) throw new Error(`demo fixtures: no BAS name for account ${a}; add it to ACCOUNT_NAMES`);
    accounts[a] = name;
  }
  const doc = createSieDocument({
    company: { name: c.name, orgNumber: c.orgNr },
    generated: `${HISTORY_YEAR}-12-31`,
    fiscalYear: { start: `${HISTORY_YEAR}-01-01`, end: `${HISTORY_YEAR}-12-31` },
    chartType: 'BAS2025',
    accounts,
    vouchers: lines.map((l, i) => ({
      series: 'A',
      number: String(i + 1),
      date: l.truth.date,
      text: l.truth.text,
      transactions: l.truth.rows.map((row) => ({ account: row.account, amount: row.amount })),
    })),
  });
  return writeSie(doc, { type: '4E' });
}

function main(): void {
  const world = generateWorld({ seed: DEMO_SEED, bureaus: 2, clientsPerBureau: 8, months: 13, start: `${HISTORY_YEAR}-01`, coldClientsPerBureau: 0 });
  const r = rng(DEMO_SEED * 1000 + 7);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const manifest: DemoManifest['clients'][number][] = [];
  const taken = new Set<string>();
  for (const c of CLIENTS) {
    const bureauId = `bureau-${c.bureau + 1}`;
    // The first client of this bank's text style in the bureau that is not taken yet.
    const wc: WorldClient | undefined = world.clients.find((x) => x.settings.bureauId === bureauId && x.bank === textStyle(c.bank) && !taken.has(x.settings.id));
    if (wc === undefined) throw new Error(`demo fixtures: seed ${DEMO_SEED} has no free ${textStyle(c.bank)} client in ${bureauId}; choose another seed`);
    taken.add(wc.settings.id);
    // An ICA client banked there all year: its books carry ICA's texts.
    const restyle = (l: WorldLine): WorldLine =>
      c.bank === 'ica' ? { ...l, tx: { ...l.tx, text: icaText(l.tx.text) }, truth: { ...l.truth, text: icaText(l.truth.text) } } : l;
    const mine = (m: number): WorldLine[] => (world.months[m]?.lines ?? []).filter((l) => l.clientId === wc.settings.id);
    const history = world.months.slice(0, 12).flatMap((_, m) => mine(m).map(restyle));
    // This month's lines keep the world's text: the ICA writer needs the prefix to fill in `Typ`.
    const current = mine(12);
    const dir = `${out}${c.id}/`;
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${dir}history-${HISTORY_YEAR}.se`, historySie(c, history));
    const written =
      c.bank === 'swedbank' ? swedbank(c, current) : c.bank === 'seb' ? seb(c, current, r) : c.bank === 'nordea' ? nordea(c, current, r) : c.bank === 'ica' ? ica(c, current) : handelsbanken(c, current);
    writeFileSync(`${dir}${written.fileName}`, written.bytes);
    const answers: DemoAnswer[] = current.map((l, i) => ({
      line: written.lineNumbers[i] as number,
      date: l.tx.date,
      amount: l.tx.amount,
      text: restyle(l).tx.text,
      rows: l.truth.rows,
      recurring: l.recurring,
    }));
    answers.sort((a, b) => a.line - b.line);
    // One answer per line of JSON, so a diff shows which line changed.
    writeFileSync(`${dir}answers.json`, `{\n "statement": ${JSON.stringify(written.fileName)},\n "lines": [\n${answers.map((a) => `  ${JSON.stringify(a)}`).join(',\n')}\n ]\n}\n`);
    manifest.push({
      id: c.id,
      bureauId: BUREAUS[c.bureau].id,
      name: c.name,
      orgNr: c.orgNr,
      vatRegistered: wc.settings.vatRegistered !== false,
      autoBookThreshold: c.autoBookThreshold,
      bank: c.bank,
      history: `${c.id}/history-${HISTORY_YEAR}.se`,
      statements: [`${c.id}/${written.fileName}`],
      answers: `${c.id}/answers.json`,
    });
    process.stdout.write(`${c.id}: ${history.length} vouchers of history, ${current.length} statement lines (${c.bank}) → fixtures/demo/${c.id}/\n`);
  }
  const m: DemoManifest = { seed: DEMO_SEED, month: MONTH, bureaus: BUREAUS, clients: manifest };
  writeFileSync(`${out}clients.json`, JSON.stringify(m, null, 2) + '\n');
}

main();

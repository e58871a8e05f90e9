/**
 * The counterparties of the generated world: realistic Swedish suppliers, customers and
 * authorities, with the BAS accounts bureaus actually choose between, their VAT, typical amounts
 * and how often they appear. Names are real brands or plausible Swedish firm names; amounts and
 * habits are invented.
 *
 * `accounts` lists the plausible counter-accounts, most common first: a bureau leans to one of
 * them, a client may deviate. `vat` is the VAT on the bank amount.
 */
import type { VatMode, VatRate } from '../../src/knowledge/types.js';

/** How a counterparty shows up on the bank statement. */
export const TEXT_STYLES = ['card', 'bankgiro', 'autogiro', 'plain', 'swish-in', 'transfer', 'bank'] as const;
export type TextStyle = (typeof TEXT_STYLES)[number];

/** How often a client who uses the counterparty sees it. */
export const FREQUENCIES = ['monthly', 'often', 'quarterly', 'sometimes', 'rare'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export interface CatalogEntry {
  /** Display names; the first is what the bank mostly prints. Variants appear on some lines. */
  readonly names: readonly string[];
  readonly style: TextStyle;
  readonly direction: 'in' | 'out';
  readonly accounts: readonly string[];
  readonly vat: { readonly mode: VatMode; readonly rate: VatRate };
  /** Typical gross amount in kronor and how much it varies (0 = fixed). */
  readonly kronor: number;
  readonly spread: number;
  readonly frequency: Frequency;
  /** Bankgiro, when paid by bankgiro. */
  readonly bankgiro?: string;
  /** Extra structure: a loan (fixed amortisation, rest interest) or a fixed fee plus a variable part. */
  readonly split?: 'loan' | 'fee-plus-variable';
  /** Fraction of clients (0..1) that use it. */
  readonly popularity: number;
}

export const CATALOG: readonly CatalogEntry[] = [
  // Telecom and IT
  { names: ['TELIA SVERIGE AB', 'TELIA'], style: 'autogiro', direction: 'out', accounts: ['6212', '6211', '6230'], vat: { mode: 'standard', rate: 25 }, kronor: 649, spread: 0.1, frequency: 'monthly', popularity: 0.5 },
  { names: ['TELE2 SVERIGE AB', 'TELE2'], style: 'autogiro', direction: 'out', accounts: ['6212', '6230'], vat: { mode: 'standard', rate: 25 }, kronor: 399, spread: 0.05, frequency: 'monthly', popularity: 0.3 },
  { names: ['TELENOR SVERIGE AB'], style: 'bankgiro', bankgiro: '5402-0105', direction: 'out', accounts: ['6212', '6211'], vat: { mode: 'standard', rate: 25 }, kronor: 550, spread: 0.1, frequency: 'monthly', popularity: 0.2 },
  { names: ['BAHNHOF AB'], style: 'bankgiro', bankgiro: '5327-3812', direction: 'out', accounts: ['6230', '6540'], vat: { mode: 'standard', rate: 25 }, kronor: 395, spread: 0, frequency: 'monthly', popularity: 0.15 },
  { names: ['FORTNOX AB', 'FORTNOX'], style: 'autogiro', direction: 'out', accounts: ['6540', '5420'], vat: { mode: 'standard', rate: 25 }, kronor: 499, spread: 0.2, frequency: 'monthly', popularity: 0.45 },
  { names: ['VISMA SPCS AB'], style: 'bankgiro', bankgiro: '5018-7722', direction: 'out', accounts: ['6540', '5420'], vat: { mode: 'standard', rate: 25 }, kronor: 3900, spread: 0.05, frequency: 'quarterly', popularity: 0.15 },
  { names: ['GOOGLE WORKSPACE', 'GOOGLE *WORKSPACE'], style: 'card', direction: 'out', accounts: ['6540', '5420'], vat: { mode: 'reverse-eu-services', rate: 25 }, kronor: 138, spread: 0.3, frequency: 'monthly', popularity: 0.35 },
  { names: ['MICROSOFT 365', 'MSFT *MICROSOFT 365'], style: 'card', direction: 'out', accounts: ['5420', '6540'], vat: { mode: 'reverse-eu-services', rate: 25 }, kronor: 129, spread: 0.2, frequency: 'monthly', popularity: 0.35 },
  { names: ['ADOBE SYSTEMS', 'ADOBE *CREATIVE CLD'], style: 'card', direction: 'out', accounts: ['5420', '6540'], vat: { mode: 'reverse-eu-services', rate: 25 }, kronor: 299, spread: 0.05, frequency: 'monthly', popularity: 0.15 },
  { names: ['CLAUDE AI SUBSC', 'ANTHROPIC'], style: 'card', direction: 'out', accounts: ['6540', '5420'], vat: { mode: 'reverse-non-eu-services', rate: 25 }, kronor: 220, spread: 0.05, frequency: 'monthly', popularity: 0.12 },
  { names: ['PAYPAL *HKSITES', 'PAYPAL *HKSITE'], style: 'card', direction: 'out', accounts: ['6540'], vat: { mode: 'reverse-eu-services', rate: 25 }, kronor: 95, spread: 0, frequency: 'monthly', popularity: 0.08 },
  { names: ['PAYPAL *FACEBOOK', 'PAYPAL *FACEBO'], style: 'card', direction: 'out', accounts: ['5910', '5900'], vat: { mode: 'reverse-eu-services', rate: 25 }, kronor: 800, spread: 0.6, frequency: 'often', popularity: 0.15 },
  { names: ['LOOPIA AB'], style: 'card', direction: 'out', accounts: ['6540', '6230'], vat: { mode: 'standard', rate: 25 }, kronor: 250, spread: 0.3, frequency: 'quarterly', popularity: 0.2 },
  { names: ['DUSTIN SVERIGE AB', 'DUSTIN'], style: 'bankgiro', bankgiro: '5311-4427', direction: 'out', accounts: ['5410', '5420'], vat: { mode: 'standard', rate: 25 }, kronor: 2400, spread: 0.8, frequency: 'sometimes', popularity: 0.3 },
  { names: ['INET AB', 'INET'], style: 'card', direction: 'out', accounts: ['5410'], vat: { mode: 'standard', rate: 25 }, kronor: 1800, spread: 0.8, frequency: 'rare', popularity: 0.2 },
  // Premises, utilities, insurance
  { names: ['VASAKRONAN AB'], style: 'bankgiro', bankgiro: '5853-1019', direction: 'out', accounts: ['5010'], vat: { mode: 'standard', rate: 25 }, kronor: 18750, spread: 0, frequency: 'monthly', popularity: 0.1 },
  { names: ['CASTELLUM AB'], style: 'bankgiro', bankgiro: '5780-2220', direction: 'out', accounts: ['5010'], vat: { mode: 'standard', rate: 25 }, kronor: 12500, spread: 0, frequency: 'monthly', popularity: 0.1 },
  { names: ['VATTENFALL AB', 'VATTENFALL'], style: 'autogiro', direction: 'out', accounts: ['5020', '5010'], vat: { mode: 'standard', rate: 25 }, kronor: 1100, spread: 0.4, frequency: 'monthly', popularity: 0.25 },
  { names: ['ELLEVIO AB'], style: 'autogiro', direction: 'out', accounts: ['5020'], vat: { mode: 'standard', rate: 25 }, kronor: 600, spread: 0.3, frequency: 'monthly', popularity: 0.15 },
  { names: ['IF SKADEFÖRSÄKRING', 'IF SKADEFORSAKRING'], style: 'bankgiro', bankgiro: '5270-6009', direction: 'out', accounts: ['6310'], vat: { mode: 'none', rate: 0 }, kronor: 2300, spread: 0.05, frequency: 'quarterly', popularity: 0.3 },
  { names: ['FOLKSAM'], style: 'autogiro', direction: 'out', accounts: ['6310'], vat: { mode: 'none', rate: 0 }, kronor: 450, spread: 0, frequency: 'monthly', popularity: 0.2 },
  { names: ['TRYGG-HANSA'], style: 'bankgiro', bankgiro: '5051-6837', direction: 'out', accounts: ['6310'], vat: { mode: 'none', rate: 0 }, kronor: 3100, spread: 0.05, frequency: 'quarterly', popularity: 0.15 },
  // Vehicles and travel
  { names: ['CIRCLE K', 'CIRCLE K SVERIGE'], style: 'card', direction: 'out', accounts: ['5611', '5610'], vat: { mode: 'standard', rate: 25 }, kronor: 780, spread: 0.4, frequency: 'often', popularity: 0.4 },
  { names: ['PREEM', 'PREEM BENSIN'], style: 'card', direction: 'out', accounts: ['5611', '5610'], vat: { mode: 'standard', rate: 25 }, kronor: 700, spread: 0.4, frequency: 'often', popularity: 0.3 },
  { names: ['OKQ8'], style: 'card', direction: 'out', accounts: ['5611', '5610'], vat: { mode: 'standard', rate: 25 }, kronor: 820, spread: 0.4, frequency: 'often', popularity: 0.35 },
  { names: ['EASYPARK', 'EASYPARK AB'], style: 'card', direction: 'out', accounts: ['5800', '5810', '5611'], vat: { mode: 'standard', rate: 25 }, kronor: 45, spread: 0.6, frequency: 'often', popularity: 0.4 },
  { names: ['SJ AB', 'SJ'], style: 'card', direction: 'out', accounts: ['5810', '5800'], vat: { mode: 'standard', rate: 6 }, kronor: 650, spread: 0.5, frequency: 'sometimes', popularity: 0.3 },
  { names: ['SAS', 'SAS SCANDINAVIAN'], style: 'card', direction: 'out', accounts: ['5810', '5800'], vat: { mode: 'standard', rate: 6 }, kronor: 1900, spread: 0.6, frequency: 'rare', popularity: 0.15 },
  { names: ['SCANDIC HOTELS', 'SCANDIC'], style: 'card', direction: 'out', accounts: ['5831', '5800'], vat: { mode: 'standard', rate: 12 }, kronor: 1400, spread: 0.4, frequency: 'rare', popularity: 0.2 },
  { names: ['VOLVO CAR FINANS', 'VOLVOFINANS'], style: 'bankgiro', bankgiro: '5556-1012', direction: 'out', accounts: ['5615'], vat: { mode: 'half', rate: 25 }, kronor: 4500, spread: 0, frequency: 'monthly', popularity: 0.12 },
  { names: ['SANTANDER LEASING'], style: 'autogiro', direction: 'out', accounts: ['5615'], vat: { mode: 'half', rate: 25 }, kronor: 3800, spread: 0, frequency: 'monthly', popularity: 0.08 },
  // Goods and food
  { names: ['ICA NARA', 'ICA NÄRA'], style: 'card', direction: 'out', accounts: ['6071', '5460', '4000'], vat: { mode: 'standard', rate: 12 }, kronor: 320, spread: 0.6, frequency: 'often', popularity: 0.35 },
  { names: ['COOP', 'COOP KONSUM'], style: 'card', direction: 'out', accounts: ['6071', '5460'], vat: { mode: 'standard', rate: 12 }, kronor: 280, spread: 0.6, frequency: 'sometimes', popularity: 0.25 },
  { names: ['MENIGO FOODSERVICE', 'MENIGO'], style: 'bankgiro', bankgiro: '5873-1103', direction: 'out', accounts: ['4000', '4010'], vat: { mode: 'standard', rate: 12 }, kronor: 14000, spread: 0.4, frequency: 'often', popularity: 0.06 },
  { names: ['MARTIN & SERVERA', 'MARTIN O SERVERA'], style: 'bankgiro', bankgiro: '5004-2013', direction: 'out', accounts: ['4000', '4010'], vat: { mode: 'standard', rate: 12 }, kronor: 9000, spread: 0.5, frequency: 'often', popularity: 0.05 },
  { names: ['CLAS OHLSON', 'CLAS OHLSON AB'], style: 'card', direction: 'out', accounts: ['5410', '5460'], vat: { mode: 'standard', rate: 25 }, kronor: 450, spread: 0.7, frequency: 'sometimes', popularity: 0.3 },
  { names: ['BAUHAUS', 'BAUHAUS & CO'], style: 'card', direction: 'out', accounts: ['5460', '4000', '5410'], vat: { mode: 'standard', rate: 25 }, kronor: 1200, spread: 0.8, frequency: 'sometimes', popularity: 0.2 },
  { names: ['AHLSELL SVERIGE AB', 'AHLSELL'], style: 'bankgiro', bankgiro: '5140-7512', direction: 'out', accounts: ['4000', '5460'], vat: { mode: 'standard', rate: 25 }, kronor: 6400, spread: 0.8, frequency: 'often', popularity: 0.1 },
  { names: ['BEIJER BYGGMATERIAL', 'BEIJER BYGG'], style: 'bankgiro', bankgiro: '5005-3210', direction: 'out', accounts: ['4000', '4010'], vat: { mode: 'standard', rate: 25 }, kronor: 8800, spread: 0.8, frequency: 'often', popularity: 0.08 },
  { names: ['OFFICE DEPOT', 'OFFICEDEPOT'], style: 'card', direction: 'out', accounts: ['6110', '5460'], vat: { mode: 'standard', rate: 25 }, kronor: 380, spread: 0.6, frequency: 'sometimes', popularity: 0.2 },
  { names: ['PRESSBYRÅN', 'PRESSBYRAN'], style: 'card', direction: 'out', accounts: ['6071', '5460'], vat: { mode: 'standard', rate: 12 }, kronor: 85, spread: 0.5, frequency: 'sometimes', popularity: 0.2 },
  { names: ['ADLIBRIS', 'ADLIBRIS AB'], style: 'card', direction: 'out', accounts: ['6970'], vat: { mode: 'standard', rate: 6 }, kronor: 350, spread: 0.5, frequency: 'rare', popularity: 0.15 },
  { names: ['DAGENS INDUSTRI', 'BONNIER NEWS'], style: 'autogiro', direction: 'out', accounts: ['6970'], vat: { mode: 'standard', rate: 6 }, kronor: 349, spread: 0, frequency: 'monthly', popularity: 0.12 },
  { names: ['POSTNORD SVERIGE', 'POSTNORD'], style: 'card', direction: 'out', accounts: ['6250'], vat: { mode: 'standard', rate: 25 }, kronor: 150, spread: 0.6, frequency: 'sometimes', popularity: 0.25 },
  { names: ['DHL EXPRESS'], style: 'bankgiro', bankgiro: '5361-1234', direction: 'out', accounts: ['6250', '5710'], vat: { mode: 'standard', rate: 25 }, kronor: 420, spread: 0.5, frequency: 'sometimes', popularity: 0.1 },
  // Construction reverse charge (underentreprenör)
  { names: ['NORDBYGG UE AB'], style: 'bankgiro', bankgiro: '5655-2314', direction: 'out', accounts: ['4425', '4600'], vat: { mode: 'reverse-domestic', rate: 25 }, kronor: 42000, spread: 0.5, frequency: 'often', popularity: 0.05 },
  { names: ['EU SUPPLY GMBH', 'EUSUPPLY GMBH'], style: 'plain', direction: 'out', accounts: ['4515', '4000'], vat: { mode: 'reverse-eu-goods', rate: 25 }, kronor: 9000, spread: 0.6, frequency: 'sometimes', popularity: 0.05 },
  { names: ['SHENZHEN TRADING CO'], style: 'plain', direction: 'out', accounts: ['4545', '4000'], vat: { mode: 'import', rate: 25 }, kronor: 15000, spread: 0.6, frequency: 'rare', popularity: 0.04 },
  // Services
  { names: ['REDOVISNINGSBYRÅN I MALMÖ', 'REDOVISNINGSBYRAN'], style: 'bankgiro', bankgiro: '5522-0198', direction: 'out', accounts: ['6530'], vat: { mode: 'standard', rate: 25 }, kronor: 3125, spread: 0, frequency: 'monthly', popularity: 0.2 },
  { names: ['ISS FACILITY SERVICES'], style: 'bankgiro', bankgiro: '5107-7701', direction: 'out', accounts: ['5060', '5010'], vat: { mode: 'standard', rate: 25 }, kronor: 2500, spread: 0, frequency: 'monthly', popularity: 0.1 },
  { names: ['MANPOWER AB'], style: 'bankgiro', bankgiro: '5033-2211', direction: 'out', accounts: ['6550', '4600'], vat: { mode: 'standard', rate: 25 }, kronor: 22000, spread: 0.5, frequency: 'sometimes', popularity: 0.06 },
  // Authorities, bank
  { names: ['SKATTEVERKET'], style: 'bankgiro', bankgiro: '5050-1055', direction: 'out', accounts: ['1630'], vat: { mode: 'none', rate: 0 }, kronor: 24000, spread: 0.5, frequency: 'monthly', popularity: 0.95 },
  { names: ['PRIS ENL SPEC', 'AVGIFTER'], style: 'bank', direction: 'out', accounts: ['6570'], vat: { mode: 'none', rate: 0 }, kronor: 95, spread: 0.3, frequency: 'monthly', popularity: 0.8 },
  { names: ['MÅNADSAVGIFT FÖRETAGSPAKET', 'VARDAGSPAKET'], style: 'bank', direction: 'out', accounts: ['6570'], vat: { mode: 'none', rate: 0 }, kronor: 120, spread: 0, frequency: 'monthly', popularity: 0.4 },
  { names: ['KLARNA BANK AB', 'KLARNA'], style: 'plain', direction: 'in', accounts: ['1510', '3001'], vat: { mode: 'none', rate: 0 }, kronor: 12000, spread: 0.7, split: 'fee-plus-variable', frequency: 'often', popularity: 0.08 },
  { names: ['SWEDBANK LÅN', 'SWEDBANK LAN'], style: 'bank', direction: 'out', accounts: ['2350'], vat: { mode: 'none', rate: 0 }, kronor: 6200, spread: 0.02, split: 'loan', frequency: 'monthly', popularity: 0.15 },
  { names: ['ALMI FÖRETAGSPARTNER', 'ALMI'], style: 'bankgiro', bankgiro: '5470-1122', direction: 'out', accounts: ['2350'], vat: { mode: 'none', rate: 0 }, kronor: 4200, spread: 0.02, split: 'loan', frequency: 'monthly', popularity: 0.08 },
  { names: ['FORA AB', 'FORA'], style: 'bankgiro', bankgiro: '5801-9908', direction: 'out', accounts: ['7570', '7500'], vat: { mode: 'none', rate: 0 }, kronor: 1800, spread: 0.3, frequency: 'monthly', popularity: 0.15 },
  // Income
  { names: ['BG INBETALNINGAR', 'BG INBETALNING'], style: 'plain', direction: 'in', accounts: ['1510'], vat: { mode: 'none', rate: 0 }, kronor: 25000, spread: 0.9, frequency: 'often', popularity: 0.5 },
  { names: ['ZETTLE BY PAYPAL', 'IZETTLE'], style: 'plain', direction: 'in', accounts: ['1580', '3001'], vat: { mode: 'none', rate: 0 }, kronor: 8000, spread: 0.7, frequency: 'often', popularity: 0.12 },
];

/** Words for invented local firms (clients' own suppliers and customers, one-off lines). */
export const LOCAL_FIRST = ['Anderssons', 'Berglunds', 'Carlssons', 'Dahls', 'Ekströms', 'Forsbergs', 'Gustavssons', 'Hedlunds', 'Isakssons', 'Johanssons', 'Karlssons', 'Lindqvists', 'Malmbergs', 'Nilssons', 'Olofssons', 'Petterssons', 'Rosenqvists', 'Sjöbergs', 'Törnqvists', 'Wallins', 'Åbergs', 'Öhmans', 'Norrlands', 'Söderbergs', 'Västkustens', 'Mälardalens', 'Roslagens', 'Bergslagens'];
export const LOCAL_TRADE = ['Bygg', 'Måleri', 'El', 'VVS', 'Städ', 'Transport', 'Konsult', 'Revision', 'Bageri', 'Kaffe', 'Tryckeri', 'Bilverkstad', 'Blommor', 'Skog', 'Design', 'Data', 'Juridik', 'Fastighetsservice', 'Golv', 'Plåt'];
/** Accounts a local supplier may be booked to, by trade (same order as LOCAL_TRADE). */
export const LOCAL_ACCOUNTS: readonly (readonly string[])[] = [
  ['4600', '5170'], ['5170', '4600'], ['5170', '4600'], ['5170', '4600'], ['5060', '5010'], ['5710', '4600'], ['6550', '6590'], ['6530', '6550'],
  ['6071', '5460'], ['6071', '5460'], ['6110', '5990'], ['5613', '5616'], ['6071', '6990'], ['4000', '5460'], ['6590', '5990'], ['6540', '5420'],
  ['6580', '6550'], ['5060', '5170'], ['4600', '5170'], ['4600', '5170'],
];
export const CITIES = ['STOCKHOLM', 'GÖTEBORG', 'MALMÖ', 'UPPSALA', 'ÖREBRO', 'LINKÖPING', 'UMEÅ', 'LULEÅ', 'VISBY', 'NACKA', 'SOLNA', 'KUMLA'];
export const FIRST_NAMES = ['JOHAN', 'ANNA', 'ERIK', 'MARIA', 'LARS', 'KARIN', 'PER', 'EVA', 'NILS', 'SARA', 'OSKAR', 'ELIN'];

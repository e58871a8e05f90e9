/**
 * The key-rules fingerprint: a hash of what {@link counterpartyKey} makes of a fixed list of
 * representative bank texts. When the key rules change between versions, so does the fingerprint;
 * a client whose knowledge was learned under another fingerprint has profiles under keys the
 * current rules may no longer give (see `Kontera.relearn`).
 *
 * Computed once per process, on first use: importing this module computes nothing.
 *
 * The texts are invented (no real person or account). Never edit them to make a fingerprint stay
 * the same: the list only changes when it needs more coverage, and then every stored fingerprint
 * reads as outdated once, which a relearn settles.
 *
 * @module
 */
import { fingerprint } from '../core/fingerprint.js';
import { counterpartyKey } from './counterparty.js';
import type { CounterpartyExtras } from './counterparty.js';

/** One sample: a bank text and the columns some banks give beside it. */
interface Sample extends CounterpartyExtras {
  readonly text: string;
}

/** Representative bank texts: card, bankgiro, plusgiro, Swish, autogiro, sentences, type-only fields beside a name, refunds, foreign, fees. */
const SAMPLES: readonly Sample[] = Object.freeze([
  // Card purchases, as Swedish banks write them.
  { text: 'KORTKÖP 260302 ICA NÄRA BLÅKULLA' },
  { text: 'Kortköp 260115 COOP KONSUM ÄNGSVIKEN' },
  { text: 'KÖP 12.03 PRESSBYRÅN STORTORGET' },
  { text: 'Kortköp CIRKEL K STATION 4411' },
  { text: 'KORTKÖP 260420 BILTVÄTTEN I NORRBY' },
  { text: 'Kortköp 260501 BYGGMAX FJÄLLSTA' },
  { text: 'KORTKÖP 251230 KONTORSLAGRET AB' },
  { text: 'Köp 2026-02-14 LUNCHKROGEN TVÅ SKEDAR' },
  { text: 'KORTKÖP 260607 TAXI GRÖNA BILEN' },
  { text: 'Kortköp 260212 SJ RESOR' },
  { text: 'KORTKÖP 260911 APOTEKET LINDEN' },
  { text: 'Kortköp 261003 PARKERING NORRMALM 3' },
  { text: 'CARD PURCHASE 2026-03-04 FJELLBERGS PAPPER' },
  { text: 'VISA 4567 KAFFEBAREN SÖDRA' },
  { text: 'MASTERCARD 1234 VERKTYGSBODEN' },
  { text: 'Kortköp 260303 PAYPAL *MOLNTJANST' },
  { text: 'KORTKÖP 260404 SQ *SMÅBAGERIET' },
  { text: 'Kortköp 260505 ZETTLE_*GÅRDSBUTIKEN' },
  { text: 'KORTKÖP 260606 KLARNA*HEMTEXTIL' },
  { text: 'Reservation kortköp ELVERKET ONLINE' },
  // Foreign card purchases and currency.
  { text: 'KORTKÖP 260310 NIMBUSHOST.IO USD 19,00' },
  { text: 'Kortköp 260311 CLOUDKITE INC SAN FRANCISCO' },
  { text: 'CARD 260312 FONTFOUNDRY LTD LONDON GBP 12.50' },
  { text: 'KORTKÖP 260313 BERGHOTEL ALPENBLICK EUR 240,00' },
  { text: 'Kortköp 260314 DESIGNTOOLS.COM 8005551234 IE' },
  { text: 'KÖP 260315 AIRLINE NORDSKY OSLO NOK 1200' },
  { text: 'Kortköp 260316 APP STORE SUBSCRIPTION' },
  { text: 'KORTKÖP 260317 MEETINGROOM GMBH BERLIN' },
  // Sentence-style texts (neobanks, card issuers, English exports).
  { text: 'Card transaction of 129.00 SEK issued by Lindqvist Bokhandel' },
  { text: 'Card transaction of 45.50 EUR issued by Café Rosso Milano' },
  { text: 'Payment to Sjöberg Konsult AB' },
  { text: 'Payment from Nordlund Fastigheter' },
  { text: 'Transfer to savings account' },
  { text: 'Money added from Vallgren Design' },
  { text: 'Direct debit to Ljusnet Bredband' },
  { text: 'Refund from Skogsbo Friluft' },
  { text: 'Sent money to Tova Eklind' },
  { text: 'Received money from Hedlunds Snickeri' },
  { text: 'Purchase at Granit Kök & Bar' },
  { text: 'Withdrawal at ATM Drottninggatan' },
  // Bankgiro and plusgiro, with and without a name.
  { text: 'BG 5050-1055 ELKRAFT NORR' },
  { text: 'Bankgiro 123-4567 STÄDPROFFSEN' },
  { text: 'BG 5402-9681' },
  { text: 'PG 90 12 34-5 RÖDA HJÄLPEN' },
  { text: 'Plusgiro 4 56 78-9' },
  { text: 'BETALNING BG 5555-5555 REVISIONSBYRÅN ALM' },
  { text: 'Bg-betalning 5050-1055' },
  { text: 'Betalning', counterpartyAccount: '5050-1055' },
  { text: 'Betalning', counterpartyAccount: '123-4567', counterparty: 'Städproffsen' },
  { text: 'Inbetalning', counterpartyAccount: '8327-9, 123 456 789-0' },
  { text: 'LB ÖVERFÖRING 5050-1055 FAKTURA 2211' },
  { text: 'Inbetalning BG 5050-1055 OCR 1234567890' },
  // OCR and invoice references.
  { text: 'BETALNING OCR 4401283729 FJÄRRVÄRME SYD' },
  { text: 'Betalning faktura 10342 Maskinhallen' },
  { text: 'Betalning', reference: '55012345678', counterparty: 'Kommunens Vatten' },
  { text: 'FAKTURA 88231 TRYCKERIET I ÅS' },
  { text: 'Ref 2026-113 Konsultarvode Berg' },
  // Swish, business and private.
  { text: 'Swish 1231234567 GLASSKIOSKEN' },
  { text: 'SWISH FRÅN 46701234567 JOHAN' },
  { text: 'Swish till 46709876543 MARIA S' },
  { text: 'Swish betalning 1239876543 FÖRENINGEN BOLLEN' },
  { text: 'Swish inbetalning 0701234567' },
  { text: 'Swish', counterparty: 'Hantverkshuset AB', reference: '1234567890' },
  { text: 'SWISH 123 456 78 90 TORGHANDELN' },
  // Autogiro.
  { text: 'AUTOGIRO TELIKOM SVERIGE' },
  { text: 'Autogiro FÖRSÄKRINGSBOLAGET TRYGG' },
  { text: 'AG LARMTJÄNST NORD' },
  { text: 'AUTOGIRO K*LEASING AB' },
  { text: 'Autogiro 2026-03 HYRESVÄRDEN ÖSTER' },
  { text: 'AUTOGIRO', counterparty: 'Kopiatorservice i Mitten' },
  // Type-only texts beside a counterparty column.
  { text: 'Kundbet 1042', counterparty: 'Ekdahls Måleri AB' },
  { text: 'Kundbetalning', counterparty: 'Bryggeri Humle' },
  { text: 'Kundinbetalning 77', counterparty: 'Sandvikens Cykel' },
  { text: 'Levbet 2201', counterparty: 'Grossisten i Väst' },
  { text: 'Kundbet Kund AB' },
  { text: 'Faktura 1042 AB' },
  { text: 'Leverantörsbetalning', counterparty: 'Pappersbruket Nord' },
  { text: 'Insättning', counterparty: 'Almgren Bygg' },
  { text: 'Överföring', counterparty: 'Lundgrens El' },
  { text: 'Betalning', counterparty: 'Solfjäderns Förskola' },
  { text: 'Girering', counterparty: 'Kvarnbacken Ekonomi' },
  { text: 'E-faktura', counterparty: 'Energibolaget Ström' },
  { text: 'Utbetalning', counterparty: 'Anna Holm' },
  { text: 'Lön', counterparty: 'Per Ström' },
  { text: 'Kortköp', counterparty: 'Hemköp Centrum' },
  { text: 'Autogiro', counterparty: 'Friskis Träning' },
  { text: 'Swish', counterparty: 'Kalles Korv' },
  { text: 'Direct debit', counterparty: 'Ljusnet Bredband' },
  { text: 'Card payment', counterparty: 'Stationery World' },
  { text: 'Transfer', counterparty: 'Holm & Dotter' },
  // Refunds, returns and reversals.
  { text: 'ÅTERBETALNING KONTORSLAGRET AB' },
  { text: 'Retur kortköp 260320 BYGGMAX FJÄLLSTA' },
  { text: 'KREDIT KORTKÖP SJ RESOR' },
  { text: 'Återköp ICA NÄRA BLÅKULLA' },
  { text: 'REFUND CLOUDKITE INC' },
  { text: 'Makulerad betalning BG 5050-1055' },
  { text: 'Återbetalning skatt' },
  // Tax, salaries, internal transfers, the owner.
  { text: 'SKATTEVERKET' },
  { text: 'Skatteverket skattekonto 165566778899' },
  { text: 'INBETALNING SKATTEKONTO' },
  { text: 'LÖN MARS' },
  { text: 'Lön 2026-04 EMMA LIND' },
  { text: 'ÖVERFÖRING EGET KONTO' },
  { text: 'Överföring till sparkonto' },
  { text: 'Insättning från ägare' },
  { text: 'EGEN INSÄTTNING' },
  { text: 'Utdelning 2026' },
  { text: 'Aktieägartillskott' },
  // Bank fees, interest and charges.
  { text: 'AVGIFT' },
  { text: 'Månadsavgift företagspaket' },
  { text: 'PRIS KORT' },
  { text: 'Avgift utlandsbetalning' },
  { text: 'RÄNTA' },
  { text: 'Inlåningsränta' },
  { text: 'Kreditränta' },
  { text: 'Dröjsmålsränta' },
  { text: 'Påminnelseavgift' },
  { text: 'AVGIFT SWISH FÖRETAG' },
  { text: 'Bankavgift bankgiro' },
  { text: 'Fee for international transfer' },
  { text: 'Interest' },
  // Foreign transfers and IBAN.
  { text: 'UTLANDSBETALNING DE89370400440532013000 MASCHINENBAU KRAUSE' },
  { text: 'Utlandsbetalning SEPA Verlag Sonnenschein' },
  { text: 'SEPA CREDIT TRANSFER FROM ATELIER BLEU SARL' },
  { text: 'International payment', counterparty: 'Harbour Freight Ltd', counterpartyAccount: 'GB29NWBK60161331926819' },
  { text: 'SWIFT TRF NORDIC SUPPLY OY' },
  // Loans, leasing, rent, insurance, utilities.
  { text: 'AMORTERING LÅN 3300112233' },
  { text: 'Leasing FORDONSFINANS 8812' },
  { text: 'HYRA LOKAL KV2' },
  { text: 'Hyra april BOSTADSBOLAGET HÖJDEN' },
  { text: 'FÖRSÄKRING BILPARK' },
  { text: 'ELRÄKNING VATTENFALLET NORD' },
  { text: 'BREDBAND FIBERNÄTET' },
  { text: 'Telefoni MOBILOPERATÖREN' },
  // Mixed, noisy and abbreviated forms.
  { text: '26-03-05 ICA KVANTUM MÅRTENSLUND 1234' },
  { text: '*1234 STATOIL 4455 VÄSTERÅS' },
  { text: 'Kortköp 260308 MAX HAMBURGARE 0512' },
  { text: 'INBET FRÅN FISKARENS RÖKERI' },
  { text: 'BETALN TILL BOKFÖRINGSBYRÅN LIND' },
  { text: 'GIRO 5050-1055 EL' },
  { text: 'UTTAG BANKOMAT HÖTORGET' },
  { text: 'Uttag 260318 Bankomat' },
  { text: 'Deposit cash' },
  { text: 'Överföring 1234 56 78901 ERIK NILSSON' },
  { text: '' },
  { text: '   ' },
  { text: '12345678' },
  { text: 'Betalning', reference: 'Faktura 4471', counterparty: 'Bergström & Co Revision' },
  { text: 'Faktura', counterparty: 'Nordic Packaging', counterpartyAccount: '5402-9681' },
  { text: 'AB Grönsakshallen Sorunda' },
  { text: 'GRÖNSAKSHALLEN SORUNDA AB' },
  { text: 'Hemköp', reference: 'Kvitto 554' },
  { text: 'Klarna', counterparty: 'Trädgårdsmästarna' },
  { text: 'PayPal', reference: '5YT12345AB678901C' },
]);

let computed: string | undefined;

/**
 * The fingerprint of the current key rules: 16 hex digits, the same in every process of one
 * kontera version, different when a change of the rules moves any sample to another key or makes
 * it shareable or not. Computed on the first call (a few milliseconds), then remembered.
 *
 * ```ts
 * keyRulesFingerprint(); // '3f0c…' (16 hex digits)
 * ```
 */
export function keyRulesFingerprint(): string {
  if (computed === undefined) {
    const parts: string[] = [];
    for (const s of SAMPLES) {
      const k = counterpartyKey(s.text, { reference: s.reference, counterparty: s.counterparty, counterpartyAccount: s.counterpartyAccount });
      parts.push(k.key ?? '\u0000', k.key === null ? '-' : k.shareable ? 's' : 'p');
    }
    computed = fingerprint(...parts);
  }
  return computed;
}

/** How many sample texts the fingerprint covers (for tests). @internal */
export const KEY_FINGERPRINT_SAMPLES: number = SAMPLES.length;

/** @internal The samples' keys, for tests that show the list covers what it claims. */
export function keyFingerprintSamples(): readonly Sample[] {
  return SAMPLES;
}

/**
 * Built-in BAS rules, as data: used only when neither the client, the bureau nor the network knows
 * the counterparty. Each rule carries the sentence shown to the bookkeeper. Sources: formats.md
 * §2.2 (real bookings seen in exports) and §3.4 (bank text patterns).
 */
import type { AccountNo, Direction, VatMode, VatRate } from '../knowledge/types.js';
import type { TransactionKind } from '../statements/types.js';
import type { VatCategory } from '../vat/rates.js';

/** One built-in rule. */
export interface BuiltinRule {
  readonly id: string;
  /** Tested against the upper-cased bank text (and reference/counterparty columns). */
  readonly pattern?: RegExp | undefined;
  /**
   * Swedish words (upper case, base form) that match as whole words with their inflections
   * ("BILJETT" matches "BILJETTER"); "-X" also matches X as the last part of a compound
   * ("-TILLBEHÖR" matches "MOBILTILLBEHÖR"); "A B" matches the two words in a row.
   */
  readonly words?: readonly string[] | undefined;
  /** Matches when the text carries this bankgiro number. */
  readonly bankgiro?: string | undefined;
  /**
   * Also matches when the statement parser gave the line one of these kinds (from the bank's type
   * column, which the text may not repeat). Only for kinds as narrow as the rule itself: `fee` also
   * covers membership and union fees, so it does not imply a bank fee.
   */
  readonly kinds?: readonly TransactionKind[] | undefined;
  /** Only for money in or out; both when absent. */
  readonly direction?: Direction | undefined;
  /**
   * Only for lines on this bank account's own statement (its BAS group: `1630` takes 1630–1639),
   * e.g. the tax account's statement (skattekontoutdrag), whose lines say what Skatteverket charged
   * or credited rather than where money went.
   */
  readonly onBankAccount?: AccountNo | undefined;
  readonly account: AccountNo;
  readonly vat: { readonly mode: VatMode; readonly rate: VatRate };
  /** When set, the rate follows this category on the line's date (food VAT 12 % → 6 % from 2026-04-01). */
  readonly vatCategory?: VatCategory | undefined;
  /** The account only makes sense as it is (a sole trader's 2013): never mapped to a neighbour in the chart. */
  readonly exactAccount?: boolean | undefined;
  /** Prior confidence before calibration; rules that need facts from outside the bank line stay low. */
  readonly confidence: number;
  /** Always ask a human (e.g. salary needs payroll data). */
  readonly review?: boolean | undefined;
  readonly reason: string;
}

/** In priority order: the first rule that matches wins. */
export const BUILTIN_RULES: readonly BuiltinRule[] = [
  // The tax account's own statement (skattekontoutdrag, formats.md §2.2 and §3.4): each line is what
  // Skatteverket charged (money out of 1630) or credited (money in), booked against the liability or
  // income it settles; money paid in from the bank and paid out to it is the bank's side.
  { id: 'tax-account-vat-due', onBankAccount: '1630', words: ['MOMS', 'MERVÄRDESSKATT'], direction: 'out', account: '2650', vat: { mode: 'none', rate: 0 }, confidence: 0.85, reason: 'VAT charged on the tax account settles the VAT period\'s net: 2650 Redovisningskonto för moms.' },
  { id: 'tax-account-vat-refund', onBankAccount: '1630', words: ['MOMS', 'MERVÄRDESSKATT'], direction: 'in', account: '1650', vat: { mode: 'none', rate: 0 }, confidence: 0.7, reason: 'VAT credited on the tax account settles the VAT period\'s claim: 1650 Momsfordran.' },
  { id: 'tax-account-interest-income', onBankAccount: '1630', words: ['INTÄKTSRÄNTA', '-RÄNTA', 'RÄNTA'], direction: 'in', account: '8314', vat: { mode: 'none', rate: 0 }, confidence: 0.85, reason: 'Interest credited on the tax account is tax free: 8314 Skattefria ränteintäkter.' },
  { id: 'tax-account-interest-cost', onBankAccount: '1630', words: ['KOSTNADSRÄNTA', '-RÄNTA', 'RÄNTA'], direction: 'out', account: '8423', vat: { mode: 'none', rate: 0 }, confidence: 0.85, reason: 'Interest charged on the tax account is not deductible: 8423 Räntekostnader för skatter och avgifter.' },
  { id: 'tax-account-preliminary-tax', onBankAccount: '1630', words: ['PRELIMINÄRSKATT', '-PRELIMINÄRSKATT', 'F-SKATT'], direction: 'out', account: '2518', vat: { mode: 'none', rate: 0 }, confidence: 0.8, reason: 'Preliminary tax charged on the tax account: 2518 Betald F-skatt.' },
  { id: 'tax-account-employer-fees', onBankAccount: '1630', words: ['ARBETSGIVARAVGIFT', '-ARBETSGIVARAVGIFT'], direction: 'out', account: '2731', vat: { mode: 'none', rate: 0 }, confidence: 0.8, reason: 'Employer contributions charged on the tax account: 2731 Avräkning lagstadgade sociala avgifter.' },
  { id: 'tax-account-withheld-tax', onBankAccount: '1630', words: ['AVDRAGEN SKATT', 'PERSONALSKATT'], direction: 'out', account: '2710', vat: { mode: 'none', rate: 0 }, confidence: 0.8, reason: 'Tax withheld from salaries, charged on the tax account: 2710 Personalskatt.' },
  { id: 'tax-account-deposit', onBankAccount: '1630', words: ['INBETALNING'], direction: 'in', account: '1930', vat: { mode: 'none', rate: 0 }, confidence: 0.7, reason: 'Money paid in to the tax account came from the bank account, 1930: the bank line of the payment books the same money.' },
  { id: 'tax-account-payout', onBankAccount: '1630', words: ['UTBETALNING'], direction: 'out', account: '1930', vat: { mode: 'none', rate: 0 }, confidence: 0.7, reason: 'Money paid out from the tax account goes to the bank account, 1930: the bank line of the refund books the same money.' },
  {
    id: 'skatteverket-refund',
    bankgiro: '5050-1030',
    direction: 'in',
    account: '1630',
    vat: { mode: 'none', rate: 0 },
    confidence: 0.95,
    reason: 'Refund from Skatteverket (bankgiro 5050-1030) is credited to the tax account 1630.',
  },
  {
    id: 'skatteverket-bankgiro',
    bankgiro: '5050-1055',
    account: '1630',
    vat: { mode: 'none', rate: 0 },
    confidence: 0.95,
    reason: 'Payments to Skatteverket\'s bankgiro 5050-1055 go to the tax account 1630.',
  },
  {
    id: 'skatteverket-name',
    pattern: /\bSKATTEVERKET\b|^SKV\b/,
    kinds: ['tax-account'],
    account: '1630',
    vat: { mode: 'none', rate: 0 },
    confidence: 0.9,
    reason: 'Skatteverket lines are booked against the tax account 1630.',
  },
  {
    id: 'bank-fee',
    // No \b before Å: JavaScript's \b knows only A–Z as letters, so \bÅ never matches after a space.
    pattern: /PRIS ENL SPEC|BANK ?KOSTNAD|BANKAVGIFT|\bAVGIFT(?:ER)?\b|VARDAGSPAKET|PRIS NYCKELKUND|M[ÅA]NADSAVGIFT|KONTOAVGIFT|\bBANKTJ[ÄA]NSTER|\bKORTAVGIFT|(?<![A-ZÅÄÖ])[ÅA]RSAVGIFT/,
    direction: 'out',
    account: '6570',
    vat: { mode: 'none', rate: 0 },
    confidence: 0.9,
    reason: 'Bank fees go to 6570 Bankkostnader, without VAT (financial services are exempt).',
  },
  {
    id: 'interest-income',
    pattern: /R[ÄA]NTA|(?<!A)R[ÄA]NTOR|R[ÄA]NTEINT[ÄA]KT/,
    kinds: ['interest'],
    direction: 'in',
    account: '8310',
    vat: { mode: 'none', rate: 0 },
    confidence: 0.8,
    reason: 'Interest received goes to 8310 Ränteintäkter, without VAT.',
  },
  {
    id: 'interest-cost',
    pattern: /R[ÄA]NTA|(?<!A)R[ÄA]NTOR|R[ÄA]NTEKOSTNAD/,
    kinds: ['interest'],
    direction: 'out',
    account: '8410',
    vat: { mode: 'none', rate: 0 },
    confidence: 0.75,
    reason: 'Interest paid goes to 8410 Räntekostnader, without VAT.',
  },
  // Category words: what was bought, as accountants write it in voucher texts (SIE history) and as
  // card and invoice lines name it. Lower confidence: they say what was bought, not how this client
  // books it. Matched as whole Swedish words with their inflections ("BILJETTER", "FÖRSÄKRINGEN");
  // a word written "-X" also matches as the last part of a compound ("MOBILTILLBEHÖR" → TILLBEHÖR),
  // which in Swedish is the part that says what the thing is. Specific categories come before the
  // generic ones, since the first rule that matches wins ("Inköp av fika" is staff welfare, not goods).
  { id: 'supplier-payment', words: ['LEVERANTÖRSBETALNING', 'LEVERANTÖRSSKULD', 'LEVBET', 'UTBETALNINGSJOURNAL', 'TJÄNSTEN LB', 'LB BETALNING', 'LB UTBETALNING', 'LB BET', 'LEV BET', 'LEV UTBET', 'LEVERANTÖRSRESKONTRA'], direction: 'out', account: '2440', vat: { mode: 'none', rate: 0 }, confidence: 0.6, reason: 'A supplier payment (leverantörsbetalning) settles an invoice already booked: 2440 Leverantörsskulder, no VAT on the payment.' },
  { id: 'customer-payment', words: ['KUNDINBETALNING', 'KUNDBETALNING', 'KUNDINBET', 'INBETALNINGSJOURNAL', 'KUNDFORDRAN', 'KUNDRESKONTRA', 'KUNDFAKTURA'], direction: 'in', account: '1510', vat: { mode: 'none', rate: 0 }, confidence: 0.6, reason: 'A customer payment settles an invoice already booked: 1510 Kundfordringar, no VAT on the payment.' },
  { id: 'tax-account', words: ['SKATTEKONTO', 'SKATTEINBETALNING', 'PRELIMINÄRSKATT', 'ARBETSGIVARAVGIFT', 'SKATTEBETALNING', 'MOMSBETALNING', 'MOMSINBETALNING'], direction: 'out', account: '1630', vat: { mode: 'none', rate: 0 }, confidence: 0.7, reason: 'Payments of tax go to the tax account 1630 (skattekonto).' },
  { id: 'tax-refund', words: ['SKATTEÅTERBÄRING', 'ÅTERBETALNING SKATT', 'ÅTERBETALNING MOMS', 'MOMSÅTERBETALNING', 'ÖVERSKJUTANDE SKATT', 'SKATTEKONTO'], direction: 'in', account: '1630', vat: { mode: 'none', rate: 0 }, confidence: 0.7, reason: 'Money back from Skatteverket comes through the tax account 1630 (skattekonto).' },
  { id: 'dividend-paid', words: ['UTDELNING', 'VINSTUTDELNING', 'AKTIEUTDELNING'], direction: 'out', account: '2898', vat: { mode: 'none', rate: 0 }, confidence: 0.55, reason: 'A dividend paid out settles what the shareholders\' meeting decided: 2898 Outtagen vinstutdelning, without VAT.' },
  { id: 'travel', words: ['TAXI', '-TAXI', 'TÅG', 'TÅGRESA', 'SJ', 'FLYG', 'BUSS', 'BILJETT', 'TÅGBILJETT', 'FLYGBILJETT', 'BUSSBILJETT', 'RESEBILJETT', 'PENDLARKORT', 'RESEKOSTNAD', 'PENDELTÅG', 'TUNNELBANA', 'SPÅRVAGN'], direction: 'out', account: '5800', vat: { mode: 'standard', rate: 6 }, vatCategory: 'reduced', confidence: 0.6, reason: 'Travel (taxi, train, air, bus) goes to 5800 Resekostnader with 6 % VAT, the rate for domestic passenger transport.' },
  { id: 'accommodation', words: ['HOTELL', '-HOTELL', 'KOST OCH LOGI', 'ÖVERNATTNING', 'VANDRARHEM'], direction: 'out', account: '5831', vat: { mode: 'standard', rate: 12 }, vatCategory: 'accommodation', confidence: 0.6, reason: 'Hotels and lodging go to 5831 Kost och logi i Sverige with 12 % VAT.' },
  { id: 'representation', words: ['REPRESENTATION', '-REPRESENTATION', 'AFFÄRSLUNCH', 'AFFÄRSMIDDAG', 'KUNDLUNCH', 'KUNDMIDDAG', 'KUNDMÖTE'], direction: 'out', account: '6071', vat: { mode: 'standard', rate: 12 }, vatCategory: 'food', confidence: 0.55, reason: 'Meals with customers are representation, 6071; VAT is deductible only on a limited amount.' },
  { id: 'staff-welfare', words: ['FIKA', '-FIKA', 'FIKABRÖD', 'FRUKTKORG', 'PERSONALFEST', 'JULBORD', 'PERSONALMÅLTID'], direction: 'out', account: '7690', vat: { mode: 'standard', rate: 12 }, vatCategory: 'food', confidence: 0.55, reason: 'Fika and food for the staff go to 7690 Övriga personalkostnader with the food VAT rate.' },
  { id: 'office-supplies', words: ['KONTORSMATERIAL', 'KONTORSMATERIEL', 'KONTORSVAROR', 'KONTORSARTIKLAR', 'SKRIVARPAPPER', 'TONER'], direction: 'out', account: '6110', vat: { mode: 'standard', rate: 25 }, confidence: 0.7, reason: 'Office supplies go to 6110 Kontorsmateriel with 25 % VAT.' },
  { id: 'printed-matter', words: ['TRYCKSAK', '-TRYCKSAK', 'VISITKORT'], direction: 'out', account: '6150', vat: { mode: 'standard', rate: 25 }, confidence: 0.55, reason: 'Printed matter goes to 6150 Trycksaker with 25 % VAT.' },
  { id: 'postage', words: ['FRIMÄRKE', 'PORTO', '-PORTO', 'POSTBEFORDRAN'], direction: 'out', account: '6250', vat: { mode: 'standard', rate: 25 }, confidence: 0.7, reason: 'Stamps and postage go to 6250 Postbefordran.' },
  { id: 'mobile-phone', words: ['MOBILTELEFON', 'MOBILABONNEMANG', 'MOBILTELEFONI', 'MOBILSAMTAL'], direction: 'out', account: '6212', vat: { mode: 'standard', rate: 25 }, confidence: 0.6, reason: 'Mobile phone costs go to 6212 Mobiltelefon with 25 % VAT.' },
  { id: 'telephone', words: ['TELEFON', 'TELEFONI', 'TELEFONRÄKNING', 'FAST TELEFONI'], direction: 'out', account: '6211', vat: { mode: 'standard', rate: 25 }, confidence: 0.55, reason: 'Telephone costs go to 6211 Fast telefoni with 25 % VAT.' },
  { id: 'data-communication', words: ['BREDBAND', 'INTERNET', 'DATAKOMMUNIKATION', 'WEBBHOTELL', 'DOMÄN', 'DOMÄNNAMN'], direction: 'out', account: '6230', vat: { mode: 'standard', rate: 25 }, confidence: 0.55, reason: 'Internet, broadband and hosting go to 6230 Datakommunikation with 25 % VAT.' },
  { id: 'software', words: ['PROGRAMVARA', 'PROGRAMVAROR', 'MJUKVARA', 'LICENS', '-LICENS', 'PROGRAMLICENS', 'PROGRAMABONNEMANG'], direction: 'out', account: '5420', vat: { mode: 'standard', rate: 25 }, confidence: 0.55, reason: 'Software and licences go to 5420 Programvaror with 25 % VAT.' },
  { id: 'equipment', words: ['FÖRBRUKNINGSINVENTARIE', 'FÖRBRUKNINGSINVENTARIER', 'INVENTARIER', 'TILLBEHÖR', '-TILLBEHÖR', 'VERKTYG', '-VERKTYG', 'DATOR', '-DATOR', 'SKÄRM', '-SKÄRM', 'MÖBLER', '-MÖBLER', 'SKRIVARE'], direction: 'out', account: '5410', vat: { mode: 'standard', rate: 25 }, confidence: 0.55, reason: 'Equipment of small value and accessories go to 5410 Förbrukningsinventarier with 25 % VAT.' },
  { id: 'consumables', words: ['FÖRBRUKNINGSMATERIAL', 'FÖRBRUKNINGSVAROR', 'STÄDMATERIAL', 'STÄDARTIKLAR', 'RENGÖRINGSMEDEL'], direction: 'out', account: '5460', vat: { mode: 'standard', rate: 25 }, confidence: 0.55, reason: 'Consumables go to 5460 Förbrukningsmaterial with 25 % VAT.' },
  { id: 'advertising', words: ['ANNONS', '-ANNONS', 'ANNONSERING', 'REKLAM', '-REKLAM', 'MARKNADSFÖRING'], direction: 'out', account: '5910', vat: { mode: 'standard', rate: 25 }, confidence: 0.6, reason: 'Advertising goes to 5910 Annonsering with 25 % VAT.' },
  { id: 'insurance', words: ['FÖRSÄKRING', '-FÖRSÄKRING', 'FÖRSÄKRINGSPREMIE', 'FÖRSÄKRINGSAVGIFT'], direction: 'out', account: '6310', vat: { mode: 'none', rate: 0 }, confidence: 0.7, reason: 'Insurance premiums go to 6310 Företagsförsäkringar, without VAT.' },
  { id: 'car-leasing', words: ['BILLEASING', 'LEASINGBIL', 'LEASING', 'LEASINGAVGIFT'], direction: 'out', account: '5615', vat: { mode: 'half', rate: 25 }, confidence: 0.5, reason: 'Car leasing goes to 5615 Leasing av personbilar; half of the VAT is deductible.' },
  { id: 'fuel', words: ['DRIVMEDEL', 'BENSIN', 'DIESEL', 'TANKNING', 'FORDONSGAS'], direction: 'out', account: '5611', vat: { mode: 'standard', rate: 25 }, confidence: 0.65, reason: 'Fuel goes to 5611 Drivmedel för personbilar with 25 % VAT.' },
  { id: 'freight', words: ['FRAKT', '-FRAKT', 'FRAKTKOSTNAD', 'BUD', 'BUDKOSTNAD'], direction: 'out', account: '5700', vat: { mode: 'standard', rate: 25 }, confidence: 0.55, reason: 'Freight and courier costs go to 5700 Frakter och transporter with 25 % VAT.' },
  { id: 'rent', words: ['LOKALHYRA', 'KONTORSHYRA', 'LOKALKOSTNAD', 'HYRA LOKAL', 'HYRA LOKALER', 'HYRA KONTOR'], direction: 'out', account: '5010', vat: { mode: 'standard', rate: 25 }, confidence: 0.65, reason: 'Premises rent goes to 5010 Lokalhyra.' },
  { id: 'cleaning', words: ['STÄDNING', '-STÄDNING', 'LOKALVÅRD', 'FÖNSTERPUTS'], direction: 'out', account: '5060', vat: { mode: 'standard', rate: 25 }, confidence: 0.55, reason: 'Cleaning goes to 5060 Städning och renhållning with 25 % VAT.' },
  { id: 'repairs', words: ['REPARATION', '-REPARATION', 'UNDERHÅLL', 'SERVICEAVTAL'], direction: 'out', account: '5500', vat: { mode: 'standard', rate: 25 }, confidence: 0.5, reason: 'Repairs and maintenance go to 5500 Reparation och underhåll with 25 % VAT.' },
  { id: 'accounting', words: ['REDOVISNING', 'BOKFÖRING', 'BOKSLUT', 'REDOVISNINGSBYRÅ', 'REDOVISNINGSTJÄNST', 'LÖNEADMINISTRATION'], direction: 'out', account: '6530', vat: { mode: 'standard', rate: 25 }, confidence: 0.6, reason: 'Bookkeeping and accounting services go to 6530 Redovisningstjänster with 25 % VAT.' },
  // Not "REVISION" or "REVISOR" alone: many bookkeeping firms are named "… Revision AB", and the
  // name does not tell audit from bookkeeping.
  { id: 'audit', words: ['REVISIONSARVODE', 'REVISORSARVODE', 'REVISIONSKOSTNAD'], direction: 'out', account: '6420', vat: { mode: 'standard', rate: 25 }, confidence: 0.55, reason: 'Audit fees go to 6420 Ersättningar till revisor with 25 % VAT.' },
  { id: 'consulting', words: ['KONSULTARVODE', 'KONSULTTJÄNST', 'KONSULT', '-KONSULT'], direction: 'out', account: '6550', vat: { mode: 'standard', rate: 25 }, confidence: 0.5, reason: 'Consulting fees go to 6550 Konsultarvoden with 25 % VAT.' },
  { id: 'legal', words: ['ADVOKAT', 'ADVOKATARVODE', 'JURIDISK RÅDGIVNING'], direction: 'out', account: '6580', vat: { mode: 'standard', rate: 25 }, confidence: 0.55, reason: 'Legal fees go to 6580 Advokat- och rättegångskostnader with 25 % VAT.' },
  { id: 'training', words: ['UTBILDNING', '-UTBILDNING', 'KURSAVGIFT', 'SEMINARIUM'], direction: 'out', account: '7610', vat: { mode: 'standard', rate: 25 }, confidence: 0.55, reason: 'Courses and training go to 7610 Utbildning with 25 % VAT.' },
  { id: 'membership', words: ['MEDLEMSAVGIFT', 'FÖRENINGSAVGIFT', 'MEDLEMSKAP'], direction: 'out', account: '6980', vat: { mode: 'none', rate: 0 }, confidence: 0.6, reason: 'Membership fees go to 6980 Föreningsavgifter, without VAT.' },
  { id: 'newspapers', words: ['TIDNING', '-TIDNING', 'TIDSKRIFT', '-TIDSKRIFT', 'FACKLITTERATUR', 'DAGSTIDNING'], direction: 'out', account: '6970', vat: { mode: 'standard', rate: 6 }, vatCategory: 'reduced', confidence: 0.6, reason: 'Newspapers and journals go to 6970 with 6 % VAT.' },
  { id: 'loan-repayment', words: ['AMORTERING', 'AMORT', 'LÅNEAMORTERING'], direction: 'out', account: '2350', vat: { mode: 'none', rate: 0 }, confidence: 0.45, reason: 'Loan amortisation reduces the debt, 2350 Andra långfristiga skulder till kreditinstitut, without VAT; interest paid with it belongs on 8410.' },
  { id: 'owner-withdrawal', words: ['EGET UTTAG', 'EGNA UTTAG', 'PRIVAT UTTAG', 'PRIVATUTTAG'], direction: 'out', account: '2013', exactAccount: true, vat: { mode: 'none', rate: 0 }, confidence: 0.5, reason: 'An owner\'s withdrawal in a sole trader\'s books goes to 2013 Övriga egna uttag.' },
  { id: 'owner-deposit', words: ['EGEN INSÄTTNING', 'EGNA INSÄTTNINGAR', 'PRIVAT INSÄTTNING'], direction: 'in', account: '2018', exactAccount: true, vat: { mode: 'none', rate: 0 }, confidence: 0.5, reason: 'An owner\'s deposit in a sole trader\'s books goes to 2018 Övriga egna insättningar.' },
  // Equity and loans from the owners, and the till's cash taken to the bank: accounts of their own
  // that only a chart which has them uses (an aktiebolag's 2081, 2093).
  { id: 'share-capital', words: ['AKTIEKAPITAL', 'NYEMISSION'], direction: 'in', account: '2081', exactAccount: true, vat: { mode: 'none', rate: 0 }, confidence: 0.55, reason: 'Share capital paid in goes to 2081 Aktiekapital.' },
  { id: 'shareholder-contribution', words: ['AKTIEÄGARTILLSKOTT', 'ÄGARTILLSKOTT'], direction: 'in', account: '2093', exactAccount: true, vat: { mode: 'none', rate: 0 }, confidence: 0.55, reason: 'A shareholder contribution goes to 2093 Erhållna aktieägartillskott.' },
  { id: 'owner-loan', words: ['ÄGARLÅN', 'LÅN FRÅN ÄGARE', 'LÅN FRÅN ÄGAREN', 'LÅN FRÅN DELÄGARE'], direction: 'in', account: '2393', exactAccount: true, vat: { mode: 'none', rate: 0 }, confidence: 0.45, reason: 'A loan from an owner goes to 2393 Lån från närstående personer.' },
  { id: 'cash-deposit', words: ['KONTANTINSÄTTNING', 'INSÄTTNING KONTANT', 'INSÄTTNING KONTANTER', 'DAGSKASSA'], direction: 'in', account: '1910', exactAccount: true, vat: { mode: 'none', rate: 0 }, confidence: 0.5, reason: 'Cash taken from the till to the bank moves from 1910 Kassa; the sales were booked when they were made.' },
  {
    id: 'salary',
    pattern: /^L[ÖO]N\b|L[ÖO]NEUTBETALNING/,
    words: ['LÖN', '-LÖN', 'LÖNEUTBETALNING', 'LÖNEKÖRNING', 'SEMESTERERSÄTTNING'],
    kinds: ['salary'],
    direction: 'out',
    account: '7210',
    vat: { mode: 'none', rate: 0 },
    confidence: 0.5,
    review: true,
    reason: 'Salary payments go to 7210 Löner till tjänstemän; the tax and social fees need payroll data.',
  },
  // Last: a purchase of goods is the most generic reading of a text.
  { id: 'goods-purchase', words: ['INKÖP', 'VARUINKÖP', 'MATERIALINKÖP', 'VARUKÖP'], direction: 'out', account: '4000', vat: { mode: 'standard', rate: 25 }, confidence: 0.45, reason: 'A purchase of goods goes to 4000 Inköp av varor från Sverige with 25 % VAT.' },
];

/** Inflection endings accepted after a rule word (plural, definite, genitive). */
const INFLECTIONS = ['S', 'N', 'T', 'A', 'E', 'EN', 'ET', 'ER', 'AR', 'OR', 'NA', 'AN', 'ERNA', 'ARNA', 'ORNA', 'ENS', 'ETS', 'ERS', 'ARS', 'ORS', 'NAS', 'ERNAS', 'ARNAS', 'ORNAS'];
const LETTER = 'A-ZÅÄÖÉÜ';
const NOT_LETTERS = new RegExp(`[^${LETTER}]+`, 'g');

interface WordMatcher {
  /** Any rule word as a whole word, with an inflection. */
  readonly whole: RegExp;
  /** A "-X" rule word as the last part of a compound whose first part has three letters or more. */
  readonly head: RegExp | null;
  /** Rule word folded (parts joined by one space, Å/Ä → A, Ö → O) → the word and the indexes of the rules that list it. */
  readonly rulesOf: ReadonlyMap<string, { readonly word: string; readonly rules: readonly number[] }>;
}

const matchers = new WeakMap<readonly BuiltinRule[], WordMatcher>();

function fold(word: string): string {
  return word.replace(/[ÅÄ]/g, 'A').replace(/Ö/g, 'O');
}

/**
 * One regular expression per kind of match over all rule words, built on first use: a text is
 * scanned once, not once per word (the rule tier runs for every line no one has seen before).
 */
function wordMatcher(rules: readonly BuiltinRule[]): WordMatcher {
  let m = matchers.get(rules);
  if (m !== undefined) return m;
  const rulesOf = new Map<string, { word: string; rules: number[] }>();
  const whole = new Set<string>();
  const heads = new Set<string>();
  rules.forEach((r, i) => {
    for (const w of r.words ?? []) {
      const word = w.startsWith('-') ? w.slice(1) : w;
      // Keyed as a match is looked up: non-letters (the space of a phrase, the hyphen of F-SKATT) as one space.
      const key = fold(word.replace(NOT_LETTERS, ' '));
      const entry = rulesOf.get(key) ?? { word, rules: [] };
      if (!entry.rules.includes(i)) entry.rules.push(i);
      rulesOf.set(key, entry);
      whole.add(word);
      if (w.startsWith('-')) heads.add(word);
    }
  });
  const escape = (x: string): string => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // Some banks drop the dots and rings ("FORSAKRING"): Å, Ä and Ö also match A and O.
  const letters = (x: string): string => escape(x).replace(/Å/g, '[ÅA]').replace(/Ä/g, '[ÄA]').replace(/Ö/g, '[ÖO]');
  // Longest first, so "TÅGBILJETT" is tried before "TÅG"; a phrase's words may be apart by any non-letters ("LEV.BET").
  const alternatives = (words: ReadonlySet<string>): string =>
    [...words].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).map((w) => w.split(' ').map(letters).join(`[^${LETTER}]+`)).join('|');
  const inflection = `(?:${[...INFLECTIONS].sort((a, b) => b.length - a.length).join('|')})?`;
  m = {
    whole: new RegExp(`(?<![${LETTER}])(${alternatives(whole)})${inflection}(?![${LETTER}])`, 'g'),
    head: heads.size === 0 ? null : new RegExp(`(?<=[${LETTER}]{3})(${alternatives(heads)})${inflection}(?![${LETTER}])`, 'g'),
    rulesOf,
  };
  matchers.set(rules, m);
  return m;
}

const anyPatterns = new WeakMap<readonly BuiltinRule[], RegExp | null>();

/**
 * The rules' patterns as one alternation, or null when they cannot be joined as they are (a flag,
 * a back-reference or a named group, whose meaning would change).
 */
function anyPattern(rules: readonly BuiltinRule[]): RegExp | null {
  let re = anyPatterns.get(rules);
  if (re !== undefined) return re;
  const sources: string[] = [];
  re = null;
  for (const r of rules) {
    if (r.pattern === undefined) continue;
    if (r.pattern.flags !== '' || /\\[1-9k]|\(\?<[^=!]/.test(r.pattern.source)) {
      sources.length = 0;
      break;
    }
    sources.push(`(?:${r.pattern.source})`);
  }
  if (sources.length > 0) re = new RegExp(sources.join('|'));
  anyPatterns.set(rules, re);
  return re;
}

/**
 * Whether any rule's `pattern` can match the upper-cased text: false only when none does (one scan
 * of all patterns together, instead of one per rule, for the many texts that name no rule).
 */
export function mayMatchPattern(upper: string, rules: readonly BuiltinRule[] = BUILTIN_RULES): boolean {
  const re = anyPattern(rules);
  return re === null || re.test(upper);
}

/**
 * For an upper-cased text, the rules (by index in `rules`) that one of their words matches, with
 * the word (see {@link BuiltinRule.words}).
 *
 * ```ts
 * ruleWordHits('INKÖP AV TÅGBILJETTER') // Map { <travel> => 'TÅGBILJETT', <goods-purchase> => 'INKÖP' }
 * ```
 */
export function ruleWordHits(upper: string, rules: readonly BuiltinRule[] = BUILTIN_RULES, wholeWordsOnly = false): ReadonlyMap<number, string> {
  const whole = wholeWordHits(upper, rules);
  return wholeWordsOnly ? whole : withCompoundHeads(upper, rules, whole);
}

/** No hits (shared: most lines name no rule word, and the hits are never changed once returned). */
const NO_HITS: ReadonlyMap<number, string> = new Map();

/** {@link ruleWordHits} with whole words only. */
function wholeWordHits(upper: string, rules: readonly BuiltinRule[]): ReadonlyMap<number, string> {
  return scan(wordMatcher(rules).whole, upper, rules, undefined) ?? NO_HITS;
}

/**
 * {@link ruleWordHits} of all kinds, given the whole-word hits of the same text (a copy; the
 * compound heads come after them, so a whole word still wins for its rule).
 */
export function withCompoundHeads(upper: string, rules: readonly BuiltinRule[], whole: ReadonlyMap<number, string>): ReadonlyMap<number, string> {
  const head = wordMatcher(rules).head;
  if (head === null) return whole;
  return scan(head, upper, rules, whole) ?? whole;
}

/**
 * Adds the rules `re` finds in the text to a copy of `before` (made at the first new hit); undefined
 * when it finds none.
 */
function scan(re: RegExp, upper: string, rules: readonly BuiltinRule[], before: ReadonlyMap<number, string> | undefined): Map<number, string> | undefined {
  const m = wordMatcher(rules);
  let hits: Map<number, string> | undefined;
  re.lastIndex = 0;
  for (let x = re.exec(upper); x !== null; x = re.exec(upper)) {
    const entry = m.rulesOf.get(fold((x[1] as string).replace(NOT_LETTERS, ' ')));
    if (entry === undefined) continue;
    for (const i of entry.rules) {
      if ((hits ?? before)?.has(i) === true) continue;
      hits ??= new Map(before);
      hits.set(i, entry.word);
    }
  }
  return hits;
}

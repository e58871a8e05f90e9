/**
 * The header reader's synonym table: what a column header means, in the spellings Swedish banks,
 * their English UIs and Excel re-saves use. This is data: extend it when a bank writes a header
 * another way. Lookup folds a header (lower case, å/ä → a, ö → o, é → e, every character that is
 * not a letter or digit dropped), so `Bokföringsdag`, `BOKFORINGSDAG`, `Bokf.dag` and `bokf dag`
 * are one entry each at most; a trailing currency code (`Belopp (SEK)`, `Amount EUR`) is taken off
 * and kept as the statement's currency. The README lists this table.
 */

/**
 * What a header can mean. Dates are ranked: booking date, ledger date (Handelsbanken's
 * `Reskontradag`, its booking date where there is no `Bokföringsdag`), plain date, transaction
 * date, value date.
 */
export const HEADER_MEANINGS = [
  'bookingDate',
  'ledgerDate',
  'date',
  'transactionDate',
  'valueDate',
  'amount',
  'credit',
  'debit',
  'balance',
  'text',
  'message',
  'reference',
  'counterparty',
  'counterpartyAccount',
  'type',
  'currency',
  'account',
  'clearing',
  /** A debit/credit marker beside an unsigned amount (`D`/`K`, `Debet`/`Kredit`, `DR`/`CR`). */
  'sign',
  /** A fee charged with the transaction, in a column of its own. */
  'fee',
  /** What the row moved net of its fee (a payment service's `Net`): the amount and the fee together. */
  'net',
  /** Whether the bank carried the row out: completed, pending, or declined/reverted/cancelled. */
  'status',
  /** Whether the row moved the balance at all: credit, debit, or a memo that did not (a payment service's `Balance impact`). */
  'impact',
  /** The amount in the original (foreign) currency, beside the booked amount: not read, but a per-row currency column is its. */
  'foreignAmount',
  'ignore',
] as const;
export type HeaderMeaning = (typeof HEADER_MEANINGS)[number];

/** The date meanings, best first: the date a table's rows are booked on is the first it has. */
export const DATE_MEANINGS: readonly HeaderMeaning[] = ['bookingDate', 'ledgerDate', 'date', 'transactionDate', 'valueDate'];

/** Currency columns that name the account's currency, the booked amount's. */
const ACCOUNT_CURRENCY = ['Kontovaluta', 'Account currency', 'Payment currency'] as const;

export const HEADER_SYNONYMS: Readonly<Record<HeaderMeaning, readonly string[]>> = {
  bookingDate: [
    'Bokföringsdag', 'Bokföringsdatum', 'Bokförd', 'Bokfört', 'Bokfört datum', 'Bokförd dag', 'Bokf. datum', 'Bokf.dag',
    'Bokfdag', 'Bokf dat', 'Booking date', 'Booked', 'Posting date', 'Entry date', 'Date completed', 'Completed date',
    'Completion date', 'Settlement date', 'Settled date', 'Booking day', 'Booked date', 'Posted date', 'Posting day',
    'Accounting date',
    // Payment services' balance and payout exports (card acquirers): the day the money is on the
    // account (available in the balance, or arrived on the bank account), not the day the payment
    // was created.
    'Available on', 'Available date', 'Tillgänglig från', 'Tillgängligt datum', 'Arrival date',
    // A payment app's Swedish UI (Revolut): the day the payment completed, as `Date completed`.
    'Slutfört datum', 'Datum slutfört', 'Slutförd', 'Slutförandedatum', 'Genomfört datum', 'Datum genomfört', 'Genomförd',
  ],
  ledgerDate: ['Reskontradatum', 'Reskontradag', 'Ledger date'],
  date: ['Datum', 'Dag', 'Date'],
  transactionDate: [
    'Transaktionsdag', 'Transaktionsdatum', 'Transdag', 'Trans. datum', 'Trans.dag', 'Köpdatum', 'Köpdag',
    'Transaction date', 'Transaction day', 'Purchase date', 'Purchase day', 'Sale date', 'Sales date', 'Försäljningsdatum', 'Date started', 'Started date', 'Betalningsdatum', 'Betaldatum', 'Payment date',
    // Payment services (card acquirers, wallets): when the payment was made.
    'Created', 'Created date', 'Date created', 'Skapad', 'Skapat', 'Skapad datum',
    // A payment app's Swedish UI (Revolut): when the payment was started, beside when it completed.
    'Startdatum', 'Startad', 'Påbörjad', 'Datum påbörjad', 'Påbörjat datum',
  ],
  valueDate: ['Valutadag', 'Valutadatum', 'Valuteringsdag', 'Val.dag', 'Värdedag', 'Värdedatum', 'Value date', 'Value day'],
  amount: [
    'Belopp', 'Summa', 'Insättning/Uttag', 'Uttag/Insättning', 'In/Ut', 'Bokfört belopp', 'Transaktionsbelopp',
    'Belopp i kronor', 'Kronor', 'Amount', 'Sum', 'Transaction amount', 'Deposit/Withdrawal', 'Withdrawal/Deposit', 'In/Out',
    // A payment service's gross amount: its fee is a column of its own, and the net is the two together.
    'Brutto', 'Bruttobelopp', 'Gross', 'Gross amount',
  ],
  credit: [
    'Insättning', 'Insättningar', 'Inbetalning', 'Inbetalningar', 'Inkommande', 'In', 'Kredit', 'Credit', 'Deposit',
    'Deposits', 'Money in', 'Paid in', 'Belopp in', 'Inbetalt', 'Insatt', 'Credit amount', 'Deposit amount', 'Amount in',
  ],
  debit: [
    'Uttag', 'Utbetalning', 'Utbetalningar', 'Utgående betalning', 'Ut', 'Debet', 'Debit', 'Withdrawal', 'Withdrawals',
    'Money out', 'Paid out', 'Belopp ut', 'Utbetalt', 'Uttaget', 'Debit amount', 'Withdrawal amount', 'Amount out',
  ],
  balance: [
    'Saldo', 'Bokfört saldo', 'Utgående saldo', 'Saldo efter', 'Saldo efter transaktion', 'Kontosaldo', 'Behållning', 'Balans', 'Balance',
    'Running balance', 'Balance after', 'Saldo efter bokföring', 'Booked balance', 'Balance after transaction',
  ],
  text: [
    'Text', 'Beskrivning', 'Transaktion', 'Rubrik', 'Specifikation', 'Benämning', 'Text/mottagare', 'Transaktionstext',
    'Ytterligare detaljer', 'Additional details', 'Händelse', 'Kontohändelse', 'Beskrivning/mottagare', 'Mottagare/beskrivning', 'Text/meddelande',
    'Transaktionsinformation', 'Information', 'Narrative', 'Description', 'Details', 'Title', 'Titel',
  ],
  message: ['Meddelande', 'Referens/meddelande', 'Meddelande/OCR', 'Referens Swish', 'Reference Swish', 'Swish reference', 'Message', 'Memo'],
  reference: ['Referens', 'Ref', 'Referensnummer', 'OCR', 'OCR-nummer', 'Verifikationsnummer', 'Verification number', 'Reference', 'Payment reference', 'Betalningsreferens'],
  counterparty: [
    'Namn', 'Motpart', 'Till/från', 'Till/från namn', 'Från/till', 'Betalningsmottagare', 'Mottagarens namn', 'Avsändarens namn',
    'Mottagare', 'Avsändare', 'Mottagare/avsändare', 'Avsändare/mottagare', 'Mottagare/betalare', 'Betalare/mottagare',
    'Name', 'Counterparty', 'Payee', 'Recipient', 'Beneficiary', 'Payer/payee', 'Motpartens namn', 'Handlare', 'Merchant',
    'Counterparty name', 'Payer name', 'Payee name', 'Betalare', 'Betalarens namn', 'Sender', 'Sender name', 'Recipient name',
    'Beneficiary name', 'Avsändarnamn', 'Mottagarnamn', 'Betalarnamn',
  ],
  counterpartyAccount: ['Till/från konto', 'Motkonto', 'Mottagarkonto', 'Motpartens konto', 'Counterparty account', 'Payee account number', 'Payee account', 'Mottagarens kontonummer'],
  type: ['Typ', 'Typ av transaktion', 'Transaktionstyp', 'Betalningstyp', 'Betaltyp', 'Kategori', 'Bankkategori', 'Type', 'Transaction type', 'Payment type', 'Category'],
  currency: ['Valuta', 'Currency', ...ACCOUNT_CURRENCY],
  account: ['Kontonummer', 'Kontonr', 'Konto', 'Account', 'Account number', 'Account no'],
  clearing: ['Clearingnummer', 'Clnr', 'Clearing', 'Clearing number', 'Clearing no'],
  sign: [
    'D/K', 'K/D', 'Debet/Kredit', 'Kredit/Debet', 'DK-kod', 'Dr/Cr', 'Cr/Dr', 'Debit/Credit', 'Credit/Debit', 'Tecken',
    'Debit/credit indicator', 'Credit/debit indicator',
  ],
  status: ['Status', 'State', 'Tillstånd', 'Transaktionsstatus', 'Transaction status', 'Betalningsstatus', 'Payment status'],
  impact: ['Balance impact', 'Balance effect', 'Impact on balance', 'Saldopåverkan', 'Påverkan på saldo'],
  foreignAmount: [
    'Utländskt belopp', 'Utl. belopp', 'Belopp i utländsk valuta', 'Ursprungligt belopp', 'Originalbelopp',
    'Belopp i originalvaluta', 'Valutabelopp', 'Belopp i valuta', 'Foreign amount', 'Orig amount', 'Original amount',
  ],
  fee: ['Avgift', 'Avgifter', 'Bankavgift', 'Transaktionsavgift', 'Fee', 'Fees', 'Bank fee', 'Transaction fee', 'Charges', 'Total fees', 'Total fee'],
  // A payment service's net: the gross and the fee together (checked against them, never read as the amount).
  net: ['Netto', 'Nettobelopp', 'Net', 'Net amount'],
  // Known columns that carry nothing a statement row needs (or personal data it must not carry).
  ignore: [
    'Radnummer', 'Radnr', 'Rad', 'Row number', 'Produkt', 'Product', 'Kontonamn', 'Account name', 'Account holder', 'Kontohavare', 'Kontoform', 'IBAN', 'BIC', 'Kontor',
    'Kontoförande kontor', 'Datum intervall', 'Aktuellt saldo', 'Valutadagssaldo', 'Tillgängligt belopp',
    'Current balance', 'Available balance', 'Available amount', 'Value date balance',
    'Disponibelt belopp', 'Valutakod', 'Landkod', 'Betalkod', 'Egna anteckningar', 'Own notes',
    'Budgetgrupp', 'Underkategori', 'Avstämt', 'Tid', 'Time', 'Avsändar-id Swish', 'Orig currency',
    'Original currency', 'Originalvaluta', 'Ursprunglig valuta',
    // A payment service's time zone, and the payer's personal details.
    'Tidszon', 'Time zone', 'Timezone', 'Från e-postadress', 'Till e-postadress',
    'From email address', 'To email address', 'E-postadress', 'Email', 'E-mail', 'Leveransadress', 'Shipping address',
    'Adressens status', 'Address status', 'Card holder full name', 'Cardholder name', 'Card holder', 'Kortinnehavare',
    'Card last four digits', 'Card number', 'Kortnummer', 'Exchange rate', 'Växelkurs',
  ],
};

/**
 * What a header the table does not hold means by the word it is built on, for a header row that
 * lacks that meaning otherwise: a Swedish compound ending in `datum` (`Startdatum`,
 * `Registreringsdatum`) or an English name whose last word is `date` (`Transfer date`) is a date;
 * a compound ending in `text` (`Verifikationstext`, `Händelsetext`, `Fritext`) is the text.
 * Undefined for anything else. Never used where the row has a column of that meaning already (a
 * `Förfallodatum` beside a `Bokföringsdag` stays unread).
 */
export function compoundMeaning(cell: string): 'date' | 'text' | undefined {
  const f = foldHeader(cell);
  if (f.length > 'datum'.length && f.endsWith('datum')) return 'date';
  if (/(?:^|[^a-z])date$/i.test(cell.trim()) && f.length > 'date'.length) return 'date';
  if (f.length > 'text'.length && f.endsWith('text')) return 'text';
  return undefined;
}

/** Counterparty headers that name the sending side (money out: the account's own) and the receiving side. */
const SENDER_HEADERS = ['Avsändare', 'Betalare', 'Sender'] as const;
const RECIPIENT_HEADERS = ['Mottagare', 'Betalningsmottagare', 'Recipient', 'Payee'] as const;
const SENDER_FOLDED: ReadonlySet<string> = new Set(SENDER_HEADERS.map(foldHeader));
const RECIPIENT_FOLDED: ReadonlySet<string> = new Set(RECIPIENT_HEADERS.map(foldHeader));

/**
 * Whether a column that names a party is the sender's (`Avsändare`, `Sender`) or the recipient's
 * (`Mottagare`, `Recipient`): when both hold account numbers, one of them is the account's own.
 */
export function partyDirection(cell: string): 'from' | 'to' | undefined {
  const f = foldHeader(cell);
  return SENDER_FOLDED.has(f) ? 'from' : RECIPIENT_FOLDED.has(f) ? 'to' : undefined;
}

/**
 * Whether a currency column's header says it is the account's (booked) currency, as beside an
 * original-currency amount (`Orig currency`, `Orig amount`, `Payment currency`, `Amount`): then it
 * is the amount's currency, not the original one's.
 */
export function namesAccountCurrency(cell: string): boolean {
  return ACCOUNT_CURRENCY_FOLDED.has(foldHeader(cell));
}

/** ISO 4217 codes a header may carry after the amount's name. */
const CURRENCY_CODES = new Set(['SEK', 'EUR', 'USD', 'NOK', 'DKK', 'GBP', 'CHF', 'PLN', 'JPY']);

/** Lower case, Swedish letters without their marks, only letters and digits. */
export function foldHeader(cell: string): string {
  return cell
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

let table: Map<string, HeaderMeaning> | undefined;

/** The folded synonym → meaning map, built on first use. */
function synonymMap(): Map<string, HeaderMeaning> {
  if (table) return table;
  table = new Map();
  for (const meaning of HEADER_MEANINGS) {
    for (const name of HEADER_SYNONYMS[meaning]) {
      const key = foldHeader(name);
      const had = table.get(key);
      if (had !== undefined && had !== meaning) throw new Error(`Header synonym "${name}" means both ${had} and ${meaning}`);
      table.set(key, meaning);
    }
  }
  return table;
}

/** What a header cell means, and the currency it names, if any. */
export function headerMeaning(cell: string): { meaning: HeaderMeaning; currency?: string } | undefined {
  const map = synonymMap();
  const direct = map.get(foldHeader(cell));
  if (direct !== undefined) return { meaning: direct };
  const m = splitCurrency(cell.trim());
  const code = m?.[1].toUpperCase();
  if (m !== undefined && m[0] !== '' && code !== undefined && CURRENCY_CODES.has(code)) {
    const meaning = map.get(foldHeader(m[0]));
    if (meaning !== undefined) return { meaning, currency: code };
  }
  // A unit after a money column's name (`Belopp kr`, `Belopp, kr`, `Saldo i kronor`): the name says it.
  const unit = withoutUnit(foldHeader(cell));
  if (unit !== undefined) {
    const meaning = map.get(unit);
    if (meaning !== undefined && MONEY_MEANINGS.has(meaning)) return { meaning };
  }
  // A short qualifier in parentheses after the name ("Datum (UTC)", "Belopp (kr)", "Saldo (inkl.
  // reserverat)"): the name before it says what the column is.
  const q = withoutQualifier(cell.trim());
  if (q !== undefined) {
    const meaning = map.get(foldHeader(q));
    if (meaning !== undefined) return { meaning };
  }
  // A time zone after a date's name, written without parentheses (`created_utc`, `Date UTC`): the name before it.
  const z = withoutZone(cell.trim());
  if (z !== undefined) {
    const meaning = map.get(foldHeader(z));
    if (meaning !== undefined && DATE_MEANINGS.includes(meaning)) return { meaning };
  }
  return slashedMeaning(cell, map);
}

/**
 * Names joined by a slash ("Värdepapper/beskrivning", "Datum/tid", "Kontonamn/kontonummer"): the
 * meaning of the one part that has a meaning a row needs (parts that mean nothing or are known to
 * carry nothing are passed over). Two such parts that mean different things ("Saldo/belopp")
 * leave the column unread, as before.
 */
function slashedMeaning(cell: string, map: ReadonlyMap<string, HeaderMeaning>): { meaning: HeaderMeaning } | undefined {
  if (!cell.includes('/')) return undefined;
  let found: HeaderMeaning | undefined;
  for (const part of cell.split('/')) {
    const meaning = map.get(foldHeader(part));
    if (meaning === undefined || meaning === 'ignore' || meaning === 'net' || meaning === found) continue;
    if (found !== undefined) return undefined;
    found = meaning;
  }
  return found === undefined ? undefined : { meaning: found };
}

/** The meanings whose cells are money. */
export const MONEY_MEANINGS: ReadonlySet<HeaderMeaning> = new Set(['amount', 'credit', 'debit', 'balance', 'fee']);
const UNITS = ['ikronor', 'kronor', 'ikr', 'kr'] as const;

/** "beloppkr" → "belopp": a folded header with a krona unit at its end, without it. */
function withoutUnit(folded: string): string | undefined {
  for (const u of UNITS) if (folded.endsWith(u) && folded.length > u.length) return folded.slice(0, -u.length);
  return undefined;
}

/** Longest qualifier in parentheses that {@link headerMeaning} looks past. */
const MAX_QUALIFIER = 24;

/** "Datum (UTC)" → "Datum"; undefined when the cell does not end in a short parenthesised part. */
function withoutQualifier(t: string): string | undefined {
  if (!t.endsWith(')')) return undefined;
  const open = t.lastIndexOf('(', t.length - 2);
  if (open <= 0 || t.length - open - 2 > MAX_QUALIFIER) return undefined;
  const name = t.slice(0, open).trim();
  return name === '' ? undefined : name;
}

const ZONES = ['utc', 'gmt', 'cet', 'cest'] as const;
const ZONE_SEPARATOR = /[\s_-]/;

/** "created_utc" → "created", "Date UTC" → "Date": a time zone at the end after a blank, `_` or `-`. */
function withoutZone(t: string): string | undefined {
  const lower = t.toLowerCase();
  for (const z of ZONES) {
    if (!lower.endsWith(z) || t.length <= z.length) continue;
    let k = t.length - z.length;
    if (!ZONE_SEPARATOR.test(t[k - 1] as string)) continue;
    while (k > 0 && ZONE_SEPARATOR.test(t[k - 1] as string)) k--;
    return k === 0 ? undefined : t.slice(0, k);
  }
  return undefined;
}

const SEPARATOR = /[\s(]/;
const BLANK = /\s/;
const LETTERS3 = /^[A-Za-z]{3}$/;

/**
 * "Belopp (SEK)", "Belopp SEK", "Belopp i SEK" → ["Belopp", "SEK"]: a three-letter code at the end
 * (optionally in parentheses, optionally after "i"), after at least one blank or "(". A scan from
 * the end, linear in the cell's length (a regular expression with a lazy group before a blank run
 * is quadratic on a long run of blanks).
 */
function splitCurrency(t: string): [string, string] | undefined {
  const end = t.endsWith(')') ? t.length - 1 : t.length;
  if (end < 3) return undefined;
  const code = t.slice(end - 3, end);
  if (!LETTERS3.test(code)) return undefined;
  let start = end - 3;
  let j = start;
  while (j > 0 && BLANK.test(t[j - 1] as string)) j--;
  if (j < start && j >= 1 && t[j - 1] === 'i' && (j === 1 || SEPARATOR.test(t[j - 2] as string))) start = j - 1;
  let k = start;
  while (k > 0 && SEPARATOR.test(t[k - 1] as string)) k--;
  if (k === start) return undefined;
  return [t.slice(0, k), code];
}

const ACCOUNT_CURRENCY_FOLDED: ReadonlySet<string> = new Set(ACCOUNT_CURRENCY.map(foldHeader));

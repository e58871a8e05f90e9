/**
 * Kommandoradens texter på svenska. Varje nyckel finns också i messages-en.ts (ett test kontrollerar
 * att tabellerna har samma nycklar och samma `{platshållare}`). Syntaxen beskrivs i messages.ts.
 *
 * @module
 */
import type { EN } from './messages-en.js';

export const SV: Readonly<Record<keyof typeof EN, string>> = {
  // hjälp
  'help.title': 'kontera — konteringsförslag från svenska kontoutdrag, SIE 4 in och ut',
  'help.usage': 'Användning:',
  'help.commands': 'Kommandon:',
  'help.quickStart': 'Snabbstart (inget sparas):',
  'help.stateful': 'Med databas (en SQLite-fil håller klienterna och det de lärt kontera):',
  'help.global': 'Gemensamma flaggor:',
  'help.options': 'Flaggor:',
  'help.conventions':
    'En fil som heter - läses från standard in. Med --json blir resultat och fel JSON (fel på stderr som\n' +
    '{ "error": { "code", "message", "file", "line", "field" } }). Förlopp och färg visas bara i en terminal;\n' +
    'NO_COLOR stänger av färg. Texterna är på svenska eller engelska: --lang, annars LC_ALL / LC_MESSAGES / LANG.',
  'help.exitCodes':
    'Slutkoder: 0 klart, 1 internt fel, 2 fel på kommandoraden, 3 indata avvisades (felaktig fil, okänd\nklient, ogiltig bokning), 4 en fil kunde inte läsas eller skrivas.',
  'help.more': 'kontera KOMMANDO --help visar ett kommandos flaggor.',

  // kommandon
  'cmd.suggest': 'föreslå verifikationer för kontoutdragets rader',
  'cmd.suggest.details':
    'Utan --db: engångskörningen en byrå provar först. Lär sig av fjolårets SIE-export (--history), läser månadens\n' +
    'kontoutdrag, skriver de säkra verifikationerna som en SIE 4I-fil (--out, standard vouchers.se) och resten, med\n' +
    'skälen, som en granskningslista (--review, standard review.csv; UTF-8 med BOM och ";" så att Excel öppnar den).\n' +
    'Inget sparas. En befintlig vouchers.se eller review.csv skrivs inte över om du inte namnger den (--out, --review)\n' +
    'eller anger --force; --dry-run skriver ingenting. Med --db: föreslår för klientens importerade rader som inte är bokförda.',
  'cmd.clients': 'lista klienter, eller lägg till en (byrån skapas om den är ny)',
  'cmd.learn': 'lär kontera en klients tidigare bokföring från en SIE 4-fil',
  'cmd.learn.details': 'Läser SIE 4-filen (- för standard in) och lär sig varje verifikation som rör något av klientens\nbankkonton. Har inga egna flaggor.',
  'cmd.import': 'importera kontoutdrag (samma rad två gånger sparas en gång)',
  'cmd.confirm': 'bokför föreslagna verifikationer: de som klarar tröskeln, eller de rader som anges',
  'cmd.confirm.details':
    'Utan --transaction bokförs varje obokförd rad vars förslag klarar klientens tröskel för autobokföring\n(eller --threshold). Med --transaction (id från suggest eller granskningslistan) bokförs de radernas förslag.',
  'cmd.correct': 'bokför en rad på ett annat konto än föreslaget; kontera lär sig det direkt',
  'cmd.correct.details':
    'ID är radens id från suggest (de första tecknen räcker) eller från granskningslistan. Bokför raden som en\n' +
    'balanserad verifikation — bankraden, en momsrad, resten på --account — och lär sig den som en rättelse: nästa\n' +
    'rad från samma motpart föreslås så. Utan --vat behålls förslagets moms när den är vanlig moms i beloppet (eller\n' +
    'ingen); en klient som inte är momsregistrerad får ingen momsrad. Kontot ska finnas i klientens kontoplan eller,\n' +
    'utan kontoplan, bland kontona i dess inlästa SIE-filer (--new-account tillåter ett annat).',
  'cmd.export': 'skriv klientens bokförda verifikationer som en SIE 4I-fil',
  'cmd.backtest': 'spela upp en klients egen bokföring månad för månad: vad hade kontera autobokfört, och hur ofta rätt?',
  'cmd.backtest.details':
    'Lär sig den första andelen --train av bankverifikationerna (hela månader), föreslår sedan för varje senare månad\n' +
    'varje rad med det som var känt när månaden började, jämför med bokningen i filen och lär sig månaden.\n' +
    'Skriver ett SVG-diagram över precision mot andel autobokfört bredvid SIE-filen (eller till --chart).\n' +
    'En verifikation som är obalanserad (eller oläslig) i filen lämnas utanför uppspelningen och rapporteras på\n' +
    'stderr, en rad var med fil och rad, och under "warnings" i --json; slutstatus är 0, eftersom resten av\n' +
    'uppspelningen gäller.',

  // flaggor
  'opt.db': 'SQLite-databas för kommandona med databas (skapas om den saknas)',
  'opt.json': 'skriv JSON i stället för tabeller (för skript); även fel blir JSON',
  'opt.lang': 'textens språk: sv eller en (standard enligt LC_ALL / LANG)',
  'opt.debug': 'skriv ut stackspåret vid fel',
  'opt.help': 'visa hjälp',
  'opt.version': 'skriv ut versionen',
  'opt.history': 'SIE 4-export av klientens tidigare bokföring (krävs utan --db)',
  'opt.client': 'klientens namn (standard: SIE-filens #FNAMN)',
  'opt.out': 'var de säkra verifikationerna skrivs som SIE 4I (standard vouchers.se)',
  'opt.review': 'var granskningslistan skrivs som CSV (standard review.csv utan --db)',
  'opt.force': 'skriv över en befintlig vouchers.se / review.csv',
  'opt.dryRun': 'föreslå och skriv ut, men skriv ingen fil',
  'opt.threshold': 'autobokför från denna säkerhet, 0–1 (standard {default}, eller klientens)',
  'opt.bankAccount': 'kontoutdragens bankkonto i bokföringen (standard: SIE-filens mest använda 19xx-konto)',
  'opt.format': 'kontoutdragets format, när det inte går att avgöra (t.ex. nordea-2024)',
  'opt.columns': 'en bank kontera inte känner: t.ex. date=Datum,amount=Belopp,text=Text (rubriker eller kolumnnummer från 0)',
  'opt.bureau': 'lista: bara denna byrås klienter; lägg till: klientens byrå (standard "local")',
  'opt.clientBureau': 'klientens byrå, när flera byråer har klienter med samma id',
  'opt.bureauName': 'namn på en ny byrå (standard dess id)',
  'opt.name': 'klientens namn',
  'opt.orgNr': 'organisationsnummer',
  'opt.clientThreshold': 'tröskel för autobokföring, 0–1 (standard {default})',
  'opt.clientBankAccounts': 'klientens bankkonton (standard 1930)',
  'opt.notVat': 'klienten är inte momsregistrerad (inga momsrader)',
  'opt.importBankAccount': 'kontoutdragens bankkonto i bokföringen',
  'opt.importAccountNumber': 'en fil med rader från flera bankkonton: läs in det här kontots rader (som filen skriver numret, eller bara siffrorna)',
  'opt.importNewAccount': 'lägg till --bank-account hos klienten när den inte har kontot',
  'opt.confirmThreshold': 'bokför förslag från denna säkerhet i stället för klientens tröskel',
  'opt.transaction': 'bokför förslaget för denna rad: dess id eller de första tecknen som suggest visar (kan upprepas, eller kommaseparerat)',
  'opt.account': 'kontot raden ska bokas på (fyra siffror, t.ex. 6212)',
  'opt.vat': 'moms i beloppet: 25, 12, 6, eller 0 / none för ingen momsrad (standard: som föreslaget)',
  'opt.text': 'verifikationstext (standard: som föreslaget, eller banktexten)',
  'opt.correctNewAccount': 'tillåt ett konto som inte finns i klientens inlästa SIE-filer',
  'opt.exportOut': 'utfil (standard KLIENT.se)',
  'opt.from': 'första verifikationsdatum',
  'opt.to': 'sista verifikationsdatum',
  'opt.train': 'andel av historiken som lärs in före uppspelningen, 0,1–0,95 (standard 0,7)',
  'opt.chart': 'var SVG-diagrammet skrivs (standard BOKFÖRING.backtest.svg bredvid filen)',
  'opt.backtestBankAccounts': 'bank- och kassakonton (standard varje använt 19xx-konto)',

  // kommandoradens fel
  'label.usage': 'användning',
  'label.file': 'fil',
  'label.internal': 'internt fel',
  'err.unknownOption': 'Okänd flagga {option} för "{command}"{near}; se {help}',
  'err.didYouMean': ' (menade du {what}?)',
  'err.flagValue': 'Flaggan {option} tar inget värde, fick "{value}"',
  'err.optionValue': 'Flaggan {option} behöver ett värde ({value})',
  'err.optionNumber': 'Flaggan {option} ska vara ett tal, fick "{value}"',
  'err.optionRange': 'Flaggan {option} ska vara ett tal från {min} till {max}, fick {value}',
  'err.unknownCommand': 'Okänt kommando "{name}"{near}: förväntade ett av {commands}',
  'err.badLang': 'Okänt --lang: förväntade ett av {locales}',
  'err.missingArgs': 'Argument saknas: användning: {usage}',
  'err.tooManyArgs': 'För många argument: förväntade KLIENT ID, fick {n} (en rad i taget)',
  'err.needsDb': '"{command}" behöver en databas: kontera --db FIL {command} …',
  'err.missingHistory': '--history BOKFÖRING.se saknas: kontera lär sig av klientens tidigare bokföring (eller använd --db för en sparad klient)',
  'err.missingStatement': 'KONTOUTDRAG saknas: ange minst en fil med kontoutdrag (eller - för standard in)',
  'err.wouldOverwrite': '{path} finns redan: förväntade en ny fil; ange utfilen med {option} FIL, eller --force för att skriva över (--dry-run skriver ingenting)',
  'err.stdinTwice': 'Standard in (-) angiven två gånger: den kan bara läsas en gång',
  'err.chartForStdin': '--chart FIL saknas: en backtest av standard in har ingen mapp att lägga diagrammet i',
  'err.columnsPart': 'Felaktig del av --columns "{part}": förväntade ROLL=KOLUMN med ROLL en av {roles}',
  'err.columnsRoles': '--columns behöver date=, text= och amount= (eller credit= och debit=)',
  'err.unknownFormat': 'Okänt --format "{id}"{near}: förväntade ett av {formats}',
  'err.ambiguousId': 'Tvetydig transaktion {id}: förväntade en rad, {n} id börjar så ({ids}); ange fler tecken',
  'err.clientsAction': 'Okänd åtgärd för "clients": "{action}": förväntade ingenting (lista) eller "add"',
  'err.unknownBureau': 'Okänd byrå: förväntade en byrå med id "{id}", hittade ingen',
  'err.unknownUnbooked': 'Okänd transaktion {id}: förväntade en obokförd rad hos klienten "{client}" (se kontera --db FIL suggest {client})',
  'err.noVoucherToBook': 'Transaktion {id} har inget förslag att bokföra ({reason})',
  'err.badVat': 'Felaktig --vat "{value}": förväntade en av {choices} (procent moms i beloppet, eller ingen momsrad)',
  'err.missingAccount': '--account saknas: användning: {usage}',
  'err.badAccount': 'Felaktigt --account "{account}": förväntade ett BAS-konto med fyra siffror, t.ex. 6212',
  'err.emptyText': 'Felaktig --text: förväntade en verifikationstext, fick en tom',
  'err.unknownTransaction': 'Okänd transaktion {id}: förväntade id:t (eller dess första {min}+ tecken) för en importerad rad hos klienten "{client}" (se kontera --db FIL suggest {client})',
  'err.alreadyBooked': 'Transaktionen är redan bokförd: förväntade en obokförd rad, {id} ({line}) är bokförd som {voucher}',
  'err.accountIsBank': 'Ogiltigt --account {account}: förväntade kontot pengarna gick till eller kom från, {account} är ett bankkonto hos klienten "{client}"',
  'err.accountNotInChart': 'Okänt konto {account}: förväntade ett konto i kontoplanen för klienten "{client}"',
  'err.accountNotLearned': 'Okänt konto {account}: förväntade ett av de {n} kontona i den inlästa bokföringen för klienten "{client}" (ange --new-account för att ändå använda det)',
  'err.missingVatNoVoucher': '--vat saknas: rad {id} har inget förslag att ta momsen från; ange --vat {choices}',
  'err.missingVatNotPlain': '--vat saknas: den föreslagna momsen ({rows}) är inte vanlig moms i beloppet; ange --vat {choices}',
  'err.vatNotRegistered': 'Ogiltig --vat {rate}: klienten "{client}" är inte momsregistrerad, förväntade --vat none',
  'hint.columns': 'ange --columns date=…,amount=…,text=… för att läsa den som en allmän CSV',
  'hint.columnsOrFormat': 'ange formatet med --format ID, eller kolumnerna med --columns date=…,amount=…,text=…',
  'hint.bureau': 'ange byrån med --bureau ID',
  'hint.sqlite': 'kommandona med databas (--db) behöver better-sqlite3: npm install better-sqlite3',
  'hint.debug': 'kör med --debug för detaljer',
  'where.line': 'rad {n}',
  'where.column': 'kolumn {n}',
  'where.field': 'fält "{name}"',

  // filer
  'file.cannotRead': 'Kan inte läsa {path}: {why}',
  'file.cannotWrite': 'Kan inte skriva {path}: {why}',
  'file.noSuchFile': 'filen finns inte',
  'file.noFolder': 'mappen finns inte',
  'file.isDirectory': 'det är en mapp',
  'file.permission': 'åtkomst nekad',
  'file.unreadable': 'går inte att läsa',
  'file.unwritable': 'går inte att skriva',
  'file.stdin': 'standard in',

  // förlopp
  'progress.learning': 'lär sig {path}',
  'progress.importing': 'importerar {path}',
  'progress.replaying': 'spelar upp {path}',

  // tabeller
  'col.id': 'id',
  'col.date': 'datum',
  'col.bankText': 'banktext',
  'col.amount': 'belopp kr',
  'col.rows': 'föreslagna rader (utöver bankraden)',
  'col.confidence': 'säk.',
  'col.source': 'källa',
  'col.action': 'åtgärd',
  'col.reason': 'skäl',
  'col.name': 'namn',
  'col.bureau': 'byrå',
  'col.bankAccounts': 'bankkonton',
  'col.vat': 'moms',
  'col.autoBookFrom': 'autobokför från',
  'col.account': 'konto',
  'col.debit': 'debet',
  'col.credit': 'kredit',
  'col.top1': 'topp 1',
  'col.top3': 'topp 3',
  'col.exact': 'exakt verifikation',
  'col.heldBack': 'avstod',
  'col.at99': 'kan autobokföras med ≥ {p} % precision',
  'col.defaultBooks': 'standardtröskeln bokför',
  'col.confidenceFrom': 'säkerhet ≥',
  'col.lines': 'rader',
  'col.shareOfAll': 'andel av alla',
  'col.rightAmong': 'rätt bland dem',
  'col.month': 'månad',
  'col.autoBooked': 'autobokförda',
  'col.autoRight': 'auto rätt',
  'action.auto': 'auto',
  'action.review': 'granska',
  'line.none': '(inget)',
  'line.bestGuess': '(inget; bästa gissning {account})',
  'word.yes': 'ja',
  'word.no': 'nej',
  'vat.none': 'ingen moms',
  'vat.rate': '{rate} % moms',

  // granskningslistan (CSV)
  'csv.file': 'fil',
  'csv.line': 'rad',
  'csv.date': 'datum',
  'csv.amount': 'belopp',
  'csv.text': 'text',
  'csv.account': 'föreslaget konto',
  'csv.voucher': 'föreslagen verifikation',
  'csv.confidence': 'säkerhet',
  'csv.source': 'källa',
  'csv.reason': 'skäl',
  'csv.whyReview': 'varför granska',
  'csv.transactionId': 'transaktions-id',
  'csv.noVoucher': 'ingen verifikation föreslagen',

  // kommandonas utskrifter
  'suggest.learned': '{name}: lärde sig {n} {n|bankbokning|bankbokningar} från {vouchers} {vouchers|verifikation|verifikationer} i {path}',
  'suggest.summary': '{n} {n|rad|rader} från {files} {files|kontoutdrag|kontoutdrag}{repeated}: {auto} autobokförda med säkerhet ≥ {threshold} → {out}; {review} att granska → {reviewFile}',
  'suggest.repeated': ' ({n} {n|upprepad rad|upprepade rader} räknade en gång)',
  'suggest.notWritten': '(skrivs inte)',
  'suggest.dryRun': 'Torrkörning: ingen fil skriven.',
  'suggest.noneUnbooked': '{client}: inga obokförda rader (importera ett kontoutdrag först)',
  'suggest.unbooked': '{n} {n|obokförd rad|obokförda rader}; {auto} klarar klientens tröskel för autobokföring (kontera --db {db} confirm {client}).',
  'suggest.correctHint': 'Bokför en rad annorlunda: kontera --db {db} correct {client} ID --account KONTO [--vat 25|12|6|0|none]',
  'clients.added': 'lade till klienten {id} ({name}) i byrån {bureau}',
  'clients.none': 'inga klienter än: kontera --db FIL clients add ID --name NAMN',
  'learn.done': '{client}: {vouchers} {vouchers|verifikation|verifikationer} i {path}, {learned} {learned|bankbokning|bankbokningar} inlärda, {skipped} överhoppade{notes}',
  'learn.notes': ', {n} {n|varning|varningar} (stderr)',
  'learn.unchanged': ', {n} inlärda tidigare',
  'learn.replaced': ', {n} ändrade sedan dess (tidigare version ersatt)',
  'learn.booked': '; {n} {n|importerad bankrad är|importerade bankrader är} redan bokförda i denna bokföring',
  'import.booked': ', {n} redan bokförda i klientens bokföring',
  'suggest.booked': ' utöver {n} redan bokförda i {path}',
  'backtest.dropped': '{n} {n|obalanserad verifikation|obalanserade verifikationer} utanför uppspelningen (se varningarna på stderr)',
  'import.done': '{path}: {n} {n|rad|rader} på {account}, {added} nya, {duplicates} redan importerade{warnings}',
  'import.warnings': '; varningar: {codes}',
  'confirm.done': '{client}: bokförde {booked} av {n} {n|obokförd rad|obokförda rader}{list}; {left} kvar',
  'correct.booked': '{client}: bokförde {voucher} {date} "{text}" på {account}, {vat}{from}; {was}',
  'correct.nothingSuggested': 'inget föreslaget',
  'correct.suggested': 'föreslaget {rows}',
  'correct.vatClient': ' (inte momsregistrerad)',
  'correct.vatSuggested': ' (som föreslaget)',
  'correct.learned': 'Inlärd som rättelse: nästa {key} föreslås så här.',
  'correct.lineLikeThis': 'rad som denna',
  'correct.notLearned': 'Inte inlärd: banktexten namnger ingen motpart.',
  'export.done': '{client}: {n} {n|verifikation|verifikationer} → {path}',

  // backtest
  'backtest.noBookings': '{path}: inga bankverifikationer (ingen verifikation rör ett 19xx-konto, eller det som angavs med --bank-accounts): inget att spela upp, inget diagram skrivet',
  'backtest.nothingReplayed':
    '{path}: {n} {n|bankverifikation|bankverifikationer} under {months} {months|månad|månader} — inget att spela upp: uppspelningen börjar vid en månadsgräns efter de första {share} %, och filen har ingen senare månad. Inget diagram skrivet.',
  'backtest.head': '{path}: {n} {n|bankverifikation|bankverifikationer}; lärde sig de första {learned} ({share} %, hela månader), spelade upp {tested} från {month} månad för månad',
  'backtest.headNothingLearned':
    '{path}: {n} {n|bankverifikation|bankverifikationer}; inget inlärt före uppspelningen: de första {share} % slutar inne i första månaden ({month}) och bara hela månader lärs in; spelade upp alla {tested} från {month} månad för månad',
  'backtest.confidenceFrom': 'säkerhet ≥ {c}',
  'backtest.right': '{share} ({precision} rätt)',
  'backtest.thresholds': 'Precision vid varje tröskel för säkerhet:',
  'backtest.months': 'Månad för månad:',
  'backtest.chart': 'Diagram: {path}',

  // backtestdiagrammet
  'chart.title': 'Backtest: hur ofta rätt, mot hur mycket som bokförs automatiskt',
  'chart.subtitle': '{name} — {n} {n|bankrad|bankrader} uppspelade månad för månad från {month}',
  'chart.xLabel': 'andel av de uppspelade raderna som bokförs automatiskt',
  'chart.yLabel': 'precision (rätt bland dem)',
  'chart.guide': '{p} % precision',
  'chart.threshold': 'tröskel för autobokföring {c}:',
  'chart.thresholdBooks': 'bokför {share}, {precision} rätt',
  'chart.topAxis': 'tröskel för säkerhet som ger den andelen',
  'chart.pointNote': 'säkerhet ≥ {c}',
};

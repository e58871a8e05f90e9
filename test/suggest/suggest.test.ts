import { describe, expect, test } from 'vitest';
import { createKnowledge } from '../../src/knowledge/base.js';
import { learn } from '../../src/knowledge/learn.js';
import type { ClientSettings } from '../../src/knowledge/types.js';
import { nearestInChart } from '../../src/suggest/chart.js';
import { editSimilarity, sameWords } from '../../src/suggest/candidates.js';
import { suggest } from '../../src/suggest/suggest.js';
import { booking, purchase25 } from '../knowledge/helpers.js';

const client: ClientSettings = { id: 'c1', bureauId: 'b1' };

function sum(rows: readonly { amount: number }[]): number {
  return rows.reduce((s, r) => s + r.amount, 0);
}

describe('suggest from the client\'s own history', () => {
  test('says nothing when two accounts are equally likely', () => {
    const k = createKnowledge();
    learn(k, client, purchase25('2026-01-10', 'TELIA', '6211', 50000));
    learn(k, client, purchase25('2026-01-10', 'TELIA', '6212', 50000));
    const s = suggest({ date: '2026-02-10', amount: -50000, text: 'TELIA' }, k, client);
    expect(s.voucher).toBeNull();
    expect(s.review).toBe(true);
    expect(s.autoBook).toBe(false);
    expect(s.reason).toMatch(/^Not sure: 621[12] and 621[12] are both used for TELIA/);
  });

  test('explains a clear habit in a sentence a bookkeeper understands', () => {
    const k = createKnowledge();
    for (let m = 1; m <= 7; m++) learn(k, client, purchase25(`2026-0${m}-10`.slice(0, 10), 'AUTOGIRO TELIA', '6212', 50000));
    const s = suggest({ date: '2026-08-10', amount: -50000, text: 'AUTOGIRO TELIA' }, k, client);
    expect(s.reason).toBe('Booked to 6212 the last 7 times with 25 % VAT for TELIA (this client).');
    expect(s.source).toBe('client');
    expect(s.match).toBe('exact');
  });

  test('follows a habit that changed, though nothing flagged it as a correction', () => {
    // Six months on 6211, then the bookkeeper moved the subscription to 6212 (as last year's SIE shows it).
    const k = createKnowledge();
    for (let m = 1; m <= 6; m++) learn(k, client, purchase25(`2026-0${m}-10`, 'TELIA', '6211', 50000));
    for (let m = 7; m <= 9; m++) learn(k, client, purchase25(`2026-0${m}-10`, 'TELIA', '6212', 50000));
    const s = suggest({ date: '2026-10-10', amount: -50000, text: 'TELIA' }, k, client);
    expect(s.account).toBe('6212');
    expect(s.voucher?.rows.map((r) => r.account).sort()).toEqual(['1930', '2641', '6212']);
    expect(s.reason).toBe('Booked to 6212 with 25 % VAT the last 3 times for TELIA (this client); before that to 6211 6 times.');
    expect(s.alternatives.map((a) => a.account)).toEqual(['6211']);
  });

  test('keeps the majority when two accounts take turns (no switch)', () => {
    const k = createKnowledge();
    const accounts = ['6211', '6211', '6212', '6211', '6211', '6212', '6211', '6212', '6212'];
    accounts.forEach((a, i) => learn(k, client, purchase25(`2026-0${i + 1}-10`, 'TELIA', a, 50000)));
    const s = suggest({ date: '2026-10-10', amount: -50000, text: 'TELIA' }, k, client);
    // The latest two went to 6212, but 6212 was used before 6211's last booking: not a switch.
    expect(s.account).toBe('6211');
    expect(s.reason).toMatch(/Booked to 6211 5 of 9 times/);
  });

  test('always balances to the öre, whatever the amount', () => {
    const k = createKnowledge();
    for (const gross of [1000, 5000000]) {
      learn(k, client, purchase25('2026-01-10', 'ICA NARA', '4000', gross));
      learn(k, client, booking('2026-01-11', 'VOLVO FINANS', [{ account: '5615', amount: gross * 0.9 }, { account: '2641', amount: gross * 0.1 }]));
      learn(k, client, booking('2026-01-12', 'GOOGLE WORKSPACE', [{ account: '6540', amount: gross }, { account: '2645', amount: gross / 4 }, { account: '2614', amount: -gross / 4 }]));
    }
    for (let amount = -1000; amount > -5000000; amount -= 9973) {
      for (const text of ['ICA NARA', 'VOLVO FINANS', 'GOOGLE WORKSPACE']) {
        const s = suggest({ date: '2026-02-01', amount, text }, k, client);
        expect(s.voucher).not.toBeNull();
        expect(sum(s.voucher?.rows ?? [])).toBe(0);
        expect((s.voucher?.rows ?? []).every((r) => Number.isInteger(r.amount))).toBe(true);
      }
    }
  });

  test('never auto-books an amount far outside anything seen before, and says why', () => {
    const k = createKnowledge();
    for (const d of ['2026-01-10', '2026-01-17', '2026-01-24']) learn(k, client, purchase25(d, 'ICA NARA', '4000', 50000));
    const usual = suggest({ date: '2026-02-01', amount: -50000, text: 'ICA NARA' }, k, { ...client, autoBookThreshold: 0.5 });
    const odd = suggest({ date: '2026-02-01', amount: -1, text: 'ICA NARA' }, k, { ...client, autoBookThreshold: 0.5 });
    expect(usual.autoBook).toBe(true);
    expect(odd.confidence).toBeLessThan(usual.confidence);
    expect(odd.autoBook).toBe(false);
    expect(odd.reviewReasons).toContain('The amount 0,01 is outside the usual range for ICA NARA.');
  });

  test('finds a counterparty written with a typo through the fuzzy index', () => {
    const k = createKnowledge();
    for (const d of ['2026-01-10', '2026-02-10']) learn(k, client, purchase25(d, 'STRÖMQVIST JÄRNHANDEL', '5090', 50000));
    const s = suggest({ date: '2026-03-10', amount: -20000, text: 'STRÖMQVIST JÄRNHANDL' }, k, client);
    expect(s.account).toBe('5090');
    expect(s.match).toBe('fuzzy');
    expect(s.reason).toContain('similar counterparty STRÖMQVIST JÄRNHANDEL');
  });

  test('finds a counterparty by its bankgiro number when the name differs', () => {
    const k = createKnowledge();
    learn(k, client, purchase25('2026-01-10', 'BG 5320-2560 GARANTITAK I KUMLA AB', '5170', 50000));
    const s = suggest({ date: '2026-03-10', amount: -20000, text: 'Betalning BG 5320-2560 GTK' }, k, client);
    expect(s.account).toBe('5170');
    expect(s.match).toBe('giro');
  });

  test('prefers the template whose amounts fit the new amount', () => {
    const k = createKnowledge();
    for (const d of ['2026-01-10', '2026-02-10', '2026-03-10']) learn(k, client, purchase25(d, 'DUSTIN', '5410', 50000));
    for (const d of ['2026-01-20', '2026-02-20', '2026-03-20']) learn(k, client, purchase25(d, 'DUSTIN', '1250', 5000000));
    expect(suggest({ date: '2026-04-10', amount: -60000, text: 'DUSTIN' }, k, client).account).toBe('5410');
    expect(suggest({ date: '2026-04-10', amount: -4800000, text: 'DUSTIN' }, k, client).account).toBe('1250');
  });

  test('moves a 12 % food template to 6 % when the booking date falls in the food VAT cut', () => {
    const k = createKnowledge();
    learn(k, client, booking('2026-03-10', 'MENIGO', [{ account: '4000', amount: 100000 }, { account: '2641', amount: 12000 }]));
    const s = suggest({ date: '2026-04-10', amount: -106000, text: 'MENIGO' }, k, client);
    expect(s.voucher?.rows).toEqual([
      { account: '1930', amount: -106000 },
      { account: '4000', amount: 100000 },
      { account: '2641', amount: 6000 },
    ]);
    expect(s.reason).toContain('VAT 12 % → 6 %');
  });

  test('books no VAT for a client that is not VAT-registered', () => {
    const k = createKnowledge();
    const ef: ClientSettings = { ...client, vatRegistered: false };
    learn(k, ef, purchase25('2026-01-10', 'CLAS OHLSON', '5410', 50000));
    const s = suggest({ date: '2026-02-10', amount: -12500, text: 'CLAS OHLSON' }, k, ef);
    expect(s.voucher?.rows).toEqual([
      { account: '1930', amount: -12500 },
      { account: '5410', amount: 12500 },
    ]);
  });
});

describe('composite vouchers (payroll, tax declaration)', () => {
  // Payroll shapes like the SIE4 example's "Lönekörning": gross salary, tax and fees, with rows
  // that come and go from month to month (sick pay 7081 one month, a benefit 7385 the next).
  const payroll = (date: string, extra: string | null): ReturnType<typeof booking> =>
    booking(date, 'LÖNEKÖRNING ORDINARIE LÖN', [
      { account: '7010', amount: 5000000 },
      { account: '7510', amount: 1500000 },
      { account: '2710', amount: -1500000 },
      { account: '2730', amount: -1500000 },
      ...(extra === null ? [] : [{ account: extra, amount: 100000 }]),
    ]);

  test('is only as confident as the support for its whole set of accounts, not for its largest row', () => {
    const varying = createKnowledge();
    const extras = ['7081', '7385', '7321', '7082', '7090', '7281'];
    extras.forEach((e, i) => learn(varying, client, payroll(`2026-0${i + 1}-25`, e)));
    const same = createKnowledge();
    extras.forEach((_, i) => learn(same, client, payroll(`2026-0${i + 1}-25`, '7081')));
    const tx = { date: '2026-07-25', amount: -3600000, text: 'LÖNEKÖRNING ORDINARIE LÖN' };
    const fromVarying = suggest(tx, varying, client);
    const fromSame = suggest(tx, same, client);
    expect(fromVarying.account).toBe('7010');
    expect(fromSame.account).toBe('7010');
    expect(fromSame.confidence).toBeGreaterThan(0.9);
    expect(fromVarying.confidence).toBeLessThan(0.7);
    expect(fromVarying.autoBook).toBe(false);
  });

  test('keeps the confidence of a single-line habit whatever its VAT variants', () => {
    const k = createKnowledge();
    for (let m = 1; m <= 6; m++) learn(k, client, m % 2 === 0 ? purchase25(`2026-0${m}-10`, 'CLAS OHLSON', '5410', 50000) : booking(`2026-0${m}-10`, 'CLAS OHLSON', [{ account: '5410', amount: 50000 }]));
    const s = suggest({ date: '2026-07-10', amount: -50000, text: 'CLAS OHLSON' }, k, client);
    expect(s.account).toBe('5410');
    expect(s.confidence).toBeGreaterThan(0.8);
  });
});

describe('lines without text', () => {
  test('are judged on their own calibration, below a named counterparty with the same history', () => {
    const k = createKnowledge();
    for (let m = 1; m <= 3; m++) {
      learn(k, client, purchase25(`2026-0${m}-10`, '', '5410', 50000));
      learn(k, client, purchase25(`2026-0${m}-10`, 'CLAS OHLSON', '5410', 50000));
    }
    const anonymous = suggest({ date: '2026-04-10', amount: -50000, text: '' }, k, client);
    const named = suggest({ date: '2026-04-10', amount: -50000, text: 'CLAS OHLSON' }, k, client);
    expect(anonymous.match).toBe('no-text');
    expect(anonymous.account).toBe('5410');
    expect(anonymous.reason).toBe('Booked to 5410 the last 3 times with 25 % VAT for lines without text (this client).');
    expect(named.match).toBe('exact');
    expect(anonymous.confidence).toBeLessThan(named.confidence);
  });
});

describe('new private Swish payers', () => {
  const sale = (date: string, name: string, amount: number): ReturnType<typeof booking> => ({
    transaction: { date, amount, text: `Swish inbetalning ${name}` },
    voucher: { date, text: `Swish inbetalning ${name}`, rows: [{ account: '1930', amount }, { account: '3001', amount: -(amount * 4) / 5 }, { account: '2611', amount: -amount / 5 }] },
  });

  test('books a first payment from a new private payer the way the client books the other private payers', () => {
    const k = createKnowledge();
    ['ANNA', 'ERIK', 'SARA', 'JOHAN', 'MARIA'].forEach((n, i) => learn(k, client, sale(`2026-01-1${i}`, n, 25000)));
    const s = suggest({ date: '2026-02-01', amount: 45000, text: 'Swish inbetalning PETRA' }, k, client);
    expect(s.match).toBe('swish-private');
    expect(s.account).toBe('3001');
    expect(s.voucher?.rows).toEqual([
      { account: '1930', amount: 45000 },
      { account: '3001', amount: -36000 },
      { account: '2611', amount: -9000 },
    ]);
    expect(s.reason).toBe('5 other private Swish payers were booked to 3001 with 25 % VAT (this client); this payer is new.');
  });

  test('does not take a look-alike private name for the same person', () => {
    const k = createKnowledge();
    learn(k, client, { ...sale('2026-01-10', 'ELIN', 25000), voucher: { date: '2026-01-10', text: 'x', rows: [{ account: '1930', amount: 25000 }, { account: '2893', amount: -25000 }] } });
    ['ANNA', 'SARA', 'JOHAN'].forEach((n, i) => learn(k, client, sale(`2026-01-1${i + 1}`, n, 25000)));
    const s = suggest({ date: '2026-02-01', amount: 25000, text: 'Swish inbetalning ERIK' }, k, client);
    expect(s.match).toBe('swish-private');
    expect(s.account).toBe('3001');
  });

  test('leaves business Swish numbers and payers of the other direction alone', () => {
    const k = createKnowledge();
    ['ANNA', 'ERIK', 'SARA'].forEach((n, i) => learn(k, client, sale(`2026-01-1${i}`, n, 25000)));
    expect(suggest({ date: '2026-02-01', amount: -25000, text: 'Swish betalning PETRA' }, k, client).source).toBeNull();
    expect(suggest({ date: '2026-02-01', amount: 25000, text: 'Swish 1231234567 KIOSKEN' }, k, client).match).not.toBe('swish-private');
  });
});

describe('review flags', () => {
  function confident(settings: ClientSettings) {
    const k = createKnowledge();
    for (let m = 1; m <= 9; m++) learn(k, settings, purchase25(`2026-0${m}-10`, 'TELIA', '6212', 50000));
    return suggest({ date: '2026-10-10', amount: -50000, text: 'TELIA' }, k, settings);
  }

  test('books a clear habit automatically when nothing asks for review', () => {
    const s = confident({ ...client, autoBookThreshold: 0.8 });
    expect(s.autoBook).toBe(true);
    expect(s.review).toBe(false);
  });

  test('flags an account the bureau wants to see even when confident', () => {
    const s = confident({ ...client, autoBookThreshold: 0.8, review: { accounts: ['6212'] } });
    expect(s.review).toBe(true);
    expect(s.autoBook).toBe(false);
    expect(s.reviewReasons).toContain('The bureau reviews everything booked to 6212.');
  });

  test('flags a counterparty the bureau wants to see', () => {
    const s = confident({ ...client, autoBookThreshold: 0.8, review: { counterparties: ['telia'] } });
    expect(s.reviewReasons).toContain('The bureau reviews telia.');
  });

  test('flags anything booked to the suspense account', () => {
    const k = createKnowledge();
    const c: ClientSettings = { ...client, suspenseAccount: '2999', autoBookThreshold: 0.5 };
    for (let m = 1; m <= 5; m++) learn(k, c, booking(`2026-0${m}-10`, 'OKÄND BETALNING', [{ account: '2999', amount: 1000 }]));
    const s = suggest({ date: '2026-07-10', amount: -1000, text: 'OKÄND BETALNING' }, k, c);
    expect(s.review).toBe(true);
    expect(s.reviewReasons).toContain("2999 is the client's suspense account (OBS-konto).");
  });
});

describe('rules and charts', () => {
  test('books a payment to Skatteverket\'s bankgiro to 1630', () => {
    const s = suggest({ date: '2026-05-12', amount: -4733300, text: 'BG 5050-1055 SKATTEVERKET' }, createKnowledge(), client);
    expect(s.source).toBe('rule');
    expect(s.voucher?.rows).toEqual([{ account: '1930', amount: -4733300 }, { account: '1630', amount: 4733300 }]);
  });

  test('books a bank fee to 6570 without VAT', () => {
    const s = suggest({ date: '2026-05-04', amount: -420, text: 'PRIS ENL SPEC' }, createKnowledge(), client);
    expect(s.account).toBe('6570');
    expect(s.voucher?.rows).toHaveLength(2);
  });

  test('names the salary account for a salary payment but proposes no voucher, since tax and fees need payroll data', () => {
    const s = suggest({ date: '2026-02-25', amount: -1536500, text: 'Lön Stina' }, createKnowledge(), client);
    expect(s.source).toBe('rule');
    expect(s.account).toBe('7210');
    expect(s.voucher).toBeNull();
    expect(s.review).toBe(true);
    expect(s.reviewReasons).toContain('The bank line alone cannot settle this voucher.');
  });

  describe('category words for a text never seen before', () => {
    const k = createKnowledge();
    const out = (text: string, date = '2026-02-10', amount = -53000): ReturnType<typeof suggest> => suggest({ date, amount, text }, k, client);

    test.each([
      ['Taxi', '5800', 6],
      ['KORTKÖP 260208 TAXI STOCKHOLM', '5800', 6],
      ['Tågbiljetter', '5800', 6],
      ['Hotellet i Luleå', '5831', 12],
      ['Mobiltillbehör', '5410', 25],
      ['Kontant inköp av kontorsmaterial', '6110', 25],
      ['Inköp av frimärken', '6250', 25],
      ['Företagsförsäkringen 2026', '6310', 0],
      ['Utbetalning med tjänsten LB', '2440', 0],
      ['Lev.bet 4711', '2440', 0],
      ['Bredband mars', '6230', 25],
      ['Programlicenser', '5420', 25],
      ['Städning kontoret', '5060', 25],
    ] as const)('%s → %s with %i %% VAT', (text, account, rate) => {
      const s = out(text);
      expect(s).toMatchObject({ source: 'rule', account });
      expect(s.voucher).not.toBeNull();
      const rows = s.voucher?.rows ?? [];
      expect(sum(rows)).toBe(0);
      const vat = rows.filter((r) => /^26/.test(r.account)).reduce((a, r) => a + r.amount, 0);
      // VAT is the rate's share of the gross: 53 000 öre × rate / (100 + rate), to the öre.
      expect(vat).toBe(Math.round((53000 * rate) / (100 + rate)));
      expect(s.reason).toMatch(/^The text says [A-ZÅÄÖ ]+\./);
    });

    test('the specific word wins over a generic purchase ("Inköp av fika" is staff welfare, not goods)', () => {
      expect(out('Inköp av fika').account).toBe('7690');
      expect(out('Inköp').account).toBe('4000');
    });

    test('food bought for the staff follows the food VAT cut of 2026-04-01', () => {
      const vatOf = (date: string): number => (out('Fika', date, -11200).voucher?.rows ?? []).find((r) => r.account === '2641')?.amount ?? 0;
      expect(vatOf('2026-03-31')).toBe(1200);
      expect(vatOf('2026-04-01')).toBe(634);
    });

    test('a word only matches as a whole word or the last part of a compound', () => {
      // "TAXIN" is taxi in the definite form; "LOGIN" is not lodging; "KORTINKÖP" is not a purchase of goods.
      expect(out('TAXIN HEM').account).toBe('5800');
      expect(out('LOGIN SERVICE').source).toBeNull();
      expect(out('KORTINKÖP 260201 OKÄND').source).toBeNull();
      // A compound whose last part is the word, with a first part of at least three letters.
      expect(out('DATORTILLBEHÖR').account).toBe('5410');
      expect(out('FÖRSÄKRINGSKASSAN').source).toBeNull();
    });

    test('a bank that drops the dots and rings still matches, and the reason names the word as written in the table', () => {
      const s = out('IF SKADEFORSAKRING AB');
      expect(s.account).toBe('6310');
      expect(s.reason).toMatch(/^The text says FÖRSÄKRING\./);
      expect(out('TAGBILJETT STHLM').account).toBe('5800');
    });

    test('car leasing books half the VAT', () => {
      const s = out('Billeasing februari', '2026-02-25', -500000);
      expect(s.account).toBe('5615');
      // 25 % VAT in 500 000 öre is 100 000; half of it is deductible.
      expect(s.voucher?.rows.find((r) => r.account === '2641')?.amount).toBe(50000);
    });

    test('an owner\'s withdrawal is proposed only where the chart has the sole trader\'s account', () => {
      expect(out('Eget uttag').account).toBe('2013');
      const ab: ClientSettings = { ...client, chart: ['1930', '2081', '2091', '2099', '2440', '6570'] };
      expect(suggest({ date: '2026-02-10', amount: -100000, text: 'Eget uttag' }, k, ab).source).toBeNull();
    });

    test('rent written as a phrase, VAT paid to the tax account, and the owners\' money and the till\'s cash where the chart has their accounts', () => {
      expect(out('Hyra kontor april', '2026-04-01', -850000).account).toBe('5010');
      expect(out('Momsbetalning kvartal 1', '2026-05-12', -2345600).account).toBe('1630');
      const ab: ClientSettings = { ...client, chart: ['1910', '1930', '2081', '2093', '2393', '2440', '6570'] };
      const inAb = (text: string): string | null => suggest({ date: '2026-03-10', amount: 2500000, text }, k, ab).account;
      expect(['Aktiekapital', 'Inbetalning nyemission', 'Aktieägartillskott', 'Lån från ägare', 'Insättning kontant', 'Dagskassa 9 mars'].map(inAb)).toEqual(['2081', '2081', '2093', '2393', '1910', '1910']);
      // A sole trader's chart has no share capital: no guess at it.
      const soleTrader: ClientSettings = { ...client, chart: ['1930', '2013', '2018', '6570'] };
      expect(suggest({ date: '2026-03-10', amount: 2500000, text: 'Aktiekapital' }, k, soleTrader).source).toBeNull();
    });

    test('bank fees, interest and tax written as bookkeepers and banks write them, in words or compounds', () => {
      for (const text of ['Bank kostnader', 'Bankkostnader mars', 'Bankavgift', 'Årsavgift kort', 'ARSAVGIFT FORETAGSKORT', 'Kontoavgift']) expect([text, out(text, '2026-02-10', -5000).account]).toEqual([text, '6570']);
      // JavaScript's \b does not see Å as a letter: the year fee must match after a space too.
      expect(out('Kort årsavgift', '2026-02-10', -30000).account).toBe('6570');
      expect(out('Ränteintäkt', '2026-03-31', 1200).account).toBe('8310');
      expect(out('Räntekostnad lån', '2026-03-31', -45000).account).toBe('8410');
      expect(out('Räntor', '2026-03-31', -45000).account).toBe('8410');
      // Not a word that only contains the letters (a guarantor is not interest).
      expect(out('Garantor Försäkring', '2026-03-31', -45000).account).not.toBe('8410');
    });

    test('money back from Skatteverket goes through the tax account; a dividend paid settles the decided dividend', () => {
      expect(out('Skatteåterbäring', '2026-06-10', 400000)).toMatchObject({ source: 'rule', account: '1630' });
      expect(out('Återbetalning moms', '2026-06-10', 1200000).account).toBe('1630');
      // The same words paid out are not a refund.
      expect(out('Skatteåterbäring', '2026-06-10', -400000).account).not.toBe('1630');
      const dividend = out('Utdelning 2025', '2026-05-20', -5000000);
      expect(dividend).toMatchObject({ source: 'rule', account: '2898' });
      expect(dividend.voucher?.rows).toEqual([{ account: '1930', amount: -5000000 }, { account: '2898', amount: 5000000 }]);
      expect(out('Utdelning', '2026-05-20', 5000000).account).not.toBe('2898');
      expect(out('Kundfaktura 1023', '2026-05-20', 1500000).account).toBe('1510');
    });

    test('money in does not match a rule for money out', () => {
      expect(out('Taxi', '2026-02-10', 53000).source).toBeNull();
    });
  });

  test('takes the statement\'s transaction kind as evidence for a rule the text does not show', () => {
    const k = createKnowledge();
    expect(suggest({ date: '2026-02-12', amount: -512300, text: 'INBETALNING 2026-02', kind: 'tax-account' }, k, client).account).toBe('1630');
    expect(suggest({ date: '2026-03-31', amount: 12300, text: 'KREDITERING', kind: 'interest' }, k, client).account).toBe('8310');
    expect(suggest({ date: '2026-03-31', amount: -12300, text: 'DEBITERING', kind: 'interest' }, k, client).account).toBe('8410');
  });

  test('does not read a fee kind as a bank fee (membership and union fees are fees too)', () => {
    expect(suggest({ date: '2026-02-01', amount: -60000, text: 'FACKFÖRBUNDET UNIONEN', kind: 'fee' }, createKnowledge(), client).source).toBeNull();
    const membership = suggest({ date: '2026-02-01', amount: -60000, text: 'MEDLEMSAVGIFT SVENSK HANDEL', kind: 'fee' }, createKnowledge(), client);
    expect(membership).toMatchObject({ source: 'rule', account: '6980' });
  });

  test('ignores a kind it does not know', () => {
    expect(suggest({ date: '2026-02-01', amount: -60000, text: 'XYZ', kind: 'something-else' }, createKnowledge(), client).source).toBeNull();
  });

  test('makes up no account when nothing is known', () => {
    const s = suggest({ date: '2026-05-04', amount: -42000, text: 'KORTKÖP 260503 OKÄNT STÄLLE' }, createKnowledge(), client);
    expect(s).toMatchObject({ voucher: null, account: null, source: null, review: true });
    expect(s.reason).toBe('No history for OKÄNT STÄLLE at this client, this bureau or the network, and no built-in rule matches.');
  });

  test('maps a network account the client lacks to the nearest account in the same BAS group, and says so', () => {
    const k = createKnowledge();
    for (let b = 0; b < 3; b++) learn(k, { id: `x${b}`, bureauId: `b${b}` }, purchase25('2026-04-01', 'EASYPARK', '5800', 5000));
    const c: ClientSettings = { id: 'n', bureauId: 'bn', chart: ['1930', '2641', '5810', '5611'] };
    const s = suggest({ date: '2026-05-01', amount: -6000, text: 'EASYPARK' }, k, c);
    expect(s.account).toBe('5810');
    expect(s.reason).toBe('3 clients at 3 bureaus book EASYPARK to 5800 with 25 % VAT; this client has no 5800, so the nearest account in the same BAS group, 5810, is used.');
    expect(s.voucher?.rows.map((r) => r.account)).toEqual(['1930', '5810', '2641']);
  });

  test('only suggests accounts in the client\'s chart', () => {
    const c: ClientSettings = { ...client, chart: ['1930', '1650'] };
    expect(suggest({ date: '2026-05-12', amount: -100, text: 'SKATTEVERKET' }, createKnowledge(), c).account).toBe('1650');
    expect(suggest({ date: '2026-05-04', amount: -420, text: 'PRIS ENL SPEC' }, createKnowledge(), c).account).toBeNull();
  });

  test('nearestInChart prefers the same main account, then the same group', () => {
    expect(nearestInChart('6212', new Set(['6211', '6230']))).toEqual({ account: '6211', mapped: true, from: '6212', level: 'main' });
    expect(nearestInChart('6212', new Set(['6230', '6110']))).toEqual({ account: '6230', mapped: true, from: '6212', level: 'group' });
    expect(nearestInChart('6212', new Set(['5410']))).toBeNull();
    expect(nearestInChart('6212', undefined)).toEqual({ account: '6212', mapped: false });
  });

  test('treats a name written without Swedish dots and rings as the same name, not as a typo', () => {
    expect(editSimilarity('ICA NÄRA', 'ICA NARA')).toBe(1);
    expect(editSimilarity('FÖRSÄKRINGSKASSAN', 'FORSAKRINGSKASSAN')).toBe(1);
    expect(editSimilarity('ICA NÄRA', 'ICA NORA')).toBeLessThan(1);
    const k = createKnowledge();
    learn(k, client, purchase25('2026-01-10', 'KORTKÖP 260110 ICA NÄRA', '5460', 40000));
    const s = suggest({ date: '2026-02-10', amount: -40000, text: 'ICA NARA/26-02-10' }, k, client);
    expect(s.account).toBe('5460');
    expect(s.voucher).not.toBeNull();
  });

  test('treats a truncated text as a strong fuzzy match', () => {
    expect(editSimilarity('STANDARDLEVERANTÖ', 'STANDARDLEVERANTÖREN')).toBeGreaterThanOrEqual(0.8);
    expect(editSimilarity('TELIA', 'TELGE')).toBeLessThan(0.8);
  });

  test('two firms sharing a family name are two counterparties, however alike the letters; a typo, a cut or an extra word is the same one', () => {
    for (const [a, b] of [['JOHANSSONS EL', 'JOHANSSONS GOLV'], ['DAHLS MALERI', 'DAHLS BAGERI'], ['MALARDALENS DATA', 'MALARDALENS STAD']]) {
      // Alike enough by letters alone …
      expect(editSimilarity(a as string, b as string)).toBeGreaterThanOrEqual(0.8);
      // … but a whole word differs.
      expect([a, b, sameWords(a as string, b as string)]).toEqual([a, b, false]);
    }
    for (const [a, b] of [['CLAS OHLSON', 'CLAS OHLSSON'], ['WEBHALLEN', 'WEBHALLEN SVERIGE'], ['ADOBE CREAT', 'ADOBE CREATIVE CLD'], ['OFFICEDEPOT', 'OFFICE DEPOT'], ['STANDARDLEVERANTO', 'STANDARDLEVERANTOREN']]) {
      expect([a, b, sameWords(a as string, b as string)]).toEqual([a, b, true]);
    }
    const k = createKnowledge();
    for (const d of ['2026-01-10', '2026-02-10', '2026-03-10']) learn(k, client, booking(d, 'BG-BET JOHANSSONS GOLV AB', [{ account: '4600', amount: 800000 }]));
    const other = suggest({ date: '2026-03-20', amount: -79300, text: 'BG-BET JOHANSSONS EL HB' }, k, client);
    expect(other.match).not.toBe('fuzzy');
    expect(other.reason).not.toContain('JOHANSSONS GOLV');
    const typo = suggest({ date: '2026-03-20', amount: -800000, text: 'BG-BET JOHANSONS GOLV AB' }, k, client);
    expect([typo.account, typo.match]).toEqual(['4600', 'fuzzy']);
  });
});

describe('VAT the bank line cannot settle', () => {
  test('asks for the receipt before deducting VAT on representation', () => {
    const k = createKnowledge();
    for (const d of ['2026-01-10', '2026-02-10', '2026-03-10']) learn(k, client, booking(d, 'RESTAURANG PRINSEN', [{ account: '6071', amount: 100000 }, { account: '2641', amount: 12000 }]));
    const s = suggest({ date: '2026-03-20', amount: -112000, text: 'RESTAURANG PRINSEN' }, k, { ...client, autoBookThreshold: 0.5 });
    expect(s.voucher).not.toBeNull();
    expect(s.autoBook).toBe(false);
    expect(s.reviewReasons).toContain('Representation: VAT is deductible only on a limited amount; check the receipt.');
  });

  test('flags equipment expensed above half a price base amount, by the year of the line', () => {
    const k = createKnowledge();
    // The client's usual purchases there are about this size, so the amount itself is not unusual.
    ([['2026-01-10', 3_400_000], ['2026-02-10', 3_600_000], ['2026-03-10', 3_800_000]] as const).forEach(([d, gross]) => learn(k, client, purchase25(d, 'KORTKÖP BYGGMAX', '5410', gross)));
    const at = (date: string, gross: number) => suggest({ date, amount: -gross, text: 'KORTKÖP BYGGMAX' }, k, { ...client, autoBookThreshold: 0.5 });
    // 2026: half of 59 200 kr is 29 600 kr; 37 500 kr gross is 30 000 kr excluding VAT.
    const big = at('2026-04-10', 3_750_000);
    expect(big.voucher?.rows.find((r) => r.account === '5410')?.amount).toBe(3_000_000);
    expect(big.autoBook).toBe(false);
    expect(big.reviewReasons.join(' ')).toMatch(/30 000,00 kr excluding VAT .* half a price base amount \(29 600,00 kr in 2026\).*1220/);
    // Just below the limit: expensed without a word.
    const small = at('2026-04-10', 3_700_000);
    expect(small.reviewReasons.join(' ')).not.toMatch(/price base amount/);
    expect(small.autoBook).toBe(true);
    // 2023's limit was 26 250 kr: 27 000 kr excluding VAT is above it then, below it in 2026.
    expect(at('2023-06-01', 3_375_000).reviewReasons.join(' ')).toMatch(/26 250,00 kr in 2023/);
    expect(at('2026-06-01', 3_375_000).reviewReasons.join(' ')).not.toMatch(/price base amount/);
  });

  test('asks for the receipt when earlier receipts mixed VAT rates', () => {
    const k = createKnowledge();
    for (const d of ['2026-01-10', '2026-02-10']) learn(k, client, booking(d, 'ICA MAXI', [{ account: '5460', amount: 10000 }, { account: '2641', amount: 1700 }]));
    const s = suggest({ date: '2026-03-10', amount: -11700, text: 'ICA MAXI' }, k, client);
    expect(s.reviewReasons).toContain('Earlier receipts had several VAT rates; the split needs the receipt.');
  });
});

describe('lines in another currency', () => {
  test('get their account and reason, but no voucher: the amount is not öre of SEK', () => {
    const k = createKnowledge();
    for (let m = 1; m <= 6; m++) learn(k, client, purchase25(`2026-0${m}-10`, 'ADOBE SYSTEMS', '6540', 50000));
    const sek = suggest({ date: '2026-07-10', amount: -50000, text: 'ADOBE SYSTEMS' }, k, { ...client, autoBookThreshold: 0.5 });
    expect(sek.voucher).not.toBeNull();
    expect(sek.autoBook).toBe(true);
    // The same line on the client's euro account: 500.00 EUR.
    const eur = suggest({ date: '2026-07-10', amount: -50000, text: 'ADOBE SYSTEMS', currency: 'eur' }, k, { ...client, autoBookThreshold: 0.5 });
    expect(eur.account).toBe('6540');
    expect(eur.confidence).toBe(sek.confidence);
    expect(eur.voucher).toBeNull();
    expect(eur.autoBook).toBe(false);
    expect(eur.review).toBe(true);
    expect(eur.reviewReasons).toContain("The line is in EUR: the voucher needs the amount in SEK at the day's exchange rate.");
    // SEK said outright is the books' currency.
    expect(suggest({ date: '2026-07-10', amount: -50000, text: 'ADOBE SYSTEMS', currency: 'SEK' }, k, { ...client, autoBookThreshold: 0.5 }).voucher).toEqual(sek.voucher);
  });
});

describe('refunds and credits', () => {
  const history = () => {
    const k = createKnowledge();
    for (const d of ['2026-01-10', '2026-02-10', '2026-03-10']) learn(k, client, purchase25(d, 'TELIA SVERIGE AB', '6212', 49900));
    learn(k, client, purchase25('2026-03-02', 'KORTKÖP 260301 CLAS OHLSON', '5410', 129900));
    learn(k, client, booking('2026-03-05', 'KUNDBET ACME AB', [{ account: '1510', amount: -1500000 }]));
    return k;
  };

  test('money back from a supplier the client only pays is booked against its account, VAT reversed, for review', () => {
    const k = history();
    for (const text of ['ÅTERBETALNING TELIA SVERIGE AB', 'TELIA SVERIGE AB', 'Återbet. Telia Sverige AB']) {
      const s = suggest({ date: '2026-03-20', amount: 12000, text }, k, client);
      expect([text, s.account, s.source, s.match]).toEqual([text, '6212', 'client', 'refund']);
      // 120 kr back with 25 % VAT: 96 kr off the cost, 24 kr off the input VAT.
      expect(s.voucher?.rows).toEqual([{ account: '1930', amount: 12000 }, { account: '6212', amount: -9600 }, { account: '2641', amount: -2400 }]);
      expect(s.reason).toBe('Money back from TELIA SVERIGE, which this client pays: a refund or credit, booked against 6212 with 25 % VAT as its 3 purchases were (this client).');
      expect(s.autoBook).toBe(false);
      expect(s.reviewReasons).toContain('A refund or credit: check the credit note for the amount and its VAT.');
    }
    // A return behind the card prefix, named in words or not.
    expect(suggest({ date: '2026-03-20', amount: 29900, text: 'Retur Clas Ohlson' }, k, client)).toMatchObject({ account: '5410', match: 'refund' });
  });

  test('money paid back to a customer that only pays the client is booked against its account', () => {
    const s = suggest({ date: '2026-03-20', amount: -300000, text: 'ÅTERBETALNING ACME AB' }, history(), client);
    expect(s).toMatchObject({ account: '1510', match: 'refund', autoBook: false });
    expect(s.voucher?.rows).toEqual([{ account: '1930', amount: -300000 }, { account: '1510', amount: 300000 }]);
  });

  describe('earlier refunds from the party, booked as its purchases, lift the review', () => {
    const webhallen = (): ReturnType<typeof createKnowledge> => {
      const k = createKnowledge();
      for (let m = 1; m <= 6; m++) learn(k, client, purchase25(`2026-0${m}-10`, 'KORTKÖP WEBHALLEN', '5410', 129900));
      return k;
    };
    /** Money back with 25 % VAT, booked against `account`. */
    const refund25 = (date: string, text: string, account: string, gross: number): ReturnType<typeof booking> =>
      booking(date, text, [{ account, amount: -(gross - gross / 5) }, { account: '2641', amount: -gross / 5 }]);
    const back = (k: ReturnType<typeof createKnowledge>, text: string): ReturnType<typeof suggest> => suggest({ date: '2026-09-20', amount: 20000, text }, k, client);
    const REFUND_REVIEW = 'A refund or credit: check the credit note for the amount and its VAT.';

    test('whatever the wording of the earlier refunds and of the new line', () => {
      const keyed = webhallen();
      for (const d of ['2026-07-01', '2026-08-01']) learn(keyed, client, refund25(d, 'Refund from Webhallen', '5410', 20000));
      const sameKey = back(keyed, 'Refund from Webhallen');
      expect([sameKey.account, sameKey.match, sameKey.review]).toEqual(['5410', 'exact', false]);
      for (const text of ['ÅTERBETALNING WEBHALLEN', 'WEBHALLEN', 'Retur Webhallen']) {
        const s = back(keyed, text);
        expect([text, s.account, s.match, s.review, s.autoBook]).toEqual([text, '5410', 'refund', false, true]);
        expect(s.reviewReasons).not.toContain(REFUND_REVIEW);
        expect(s.voucher?.rows).toEqual([{ account: '1930', amount: 20000 }, { account: '5410', amount: -16000 }, { account: '2641', amount: -4000 }]);
        expect(s.reason).toBe('Money back from WEBHALLEN: booked to 5410 with 25 % VAT the last 2 times, as its 6 purchases were (this client).');
        // As sure as the same two refunds under the line's own key make it.
        expect(Math.abs(s.confidence - sameKey.confidence)).toBeLessThan(0.01);
      }
      // Refunds written with the card text only, then one written as a sentence.
      const plain = webhallen();
      for (const d of ['2026-07-01', '2026-08-01']) learn(plain, client, refund25(d, 'KORTKÖP WEBHALLEN', '5410', 20000));
      const s = back(plain, 'Refund from Webhallen');
      expect([s.account, s.match, s.review]).toEqual(['5410', 'refund', false]);
      expect(s.confidence).toBeGreaterThan(0.95);
    });

    test('one earlier refund is one booking: as sure as one booking under the same key', () => {
      const k = webhallen();
      learn(k, client, refund25('2026-07-01', 'Refund from Webhallen', '5410', 20000));
      const sameKey = back(k, 'Refund from Webhallen');
      const s = back(k, 'ÅTERBETALNING WEBHALLEN');
      expect([s.account, s.match, s.autoBook]).toEqual(['5410', 'refund', sameKey.autoBook]);
      expect(Math.abs(s.confidence - sameKey.confidence)).toBeLessThan(0.01);
      expect(s.reviewReasons).not.toContain(REFUND_REVIEW);
    });

    test('money in from the party booked otherwise is no evidence: still a refund for review', () => {
      const k = webhallen();
      // Two payments in from the party to a revenue account (it is also a customer), under a refund-worded key and its own.
      for (const d of ['2026-07-01', '2026-08-01']) learn(k, client, booking(d, 'Refund from Webhallen', [{ account: '3990', amount: -20000 }]));
      for (const text of ['ÅTERBETALNING WEBHALLEN', 'WEBHALLEN']) {
        const s = back(k, text);
        expect([text, s.account, s.match, s.review]).toEqual([text, '5410', 'refund', true]);
        expect(s.reviewReasons).toContain(REFUND_REVIEW);
      }
    });
  });

  test('a counterparty booked both ways, or a new one, is not read as a refund', () => {
    const k = history();
    learn(k, client, booking('2026-03-12', 'TELIA SVERIGE AB', [{ account: '3010', amount: -20000 }]));
    const both = suggest({ date: '2026-03-20', amount: 12000, text: 'TELIA SVERIGE AB' }, k, client);
    expect([both.account, both.match]).toEqual(['3010', 'exact']);
    expect(suggest({ date: '2026-03-20', amount: 5000, text: 'Återbetalning Okänd Firma' }, k, client).match).not.toBe('refund');
    // A private Swish payer is a person, not a supplier's refund.
    learn(k, client, booking('2026-03-12', 'Swish betalning ERIK SVENSSON', [{ account: '5410', amount: 20000 }]));
    expect(suggest({ date: '2026-03-20', amount: 20000, text: 'Swish inbetalning ERIK SVENSSON' }, k, client).match).not.toBe('refund');
  });
});

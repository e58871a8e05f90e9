/**
 * Round trips: readSie(writeSie(readSie(f))) equals readSie(f) for every valid corpus file, and
 * property tests over generated documents with hostile texts (seeded, so failures repeat).
 */
import { describe, expect, it } from 'vitest';
import { UnbalancedVoucherError } from '../../src/core/errors.js';
import { readSie } from '../../src/sie/reader.js';
import type { SieDocument, SieObjectRef, SieTransaction, SieVoucher, SieWriteEncoding } from '../../src/sie/types.js';
import { writeSie } from '../../src/sie/writer.js';
import { seededRandom as seeded } from '../support/random.js';
import { fixture, fixtureNames } from './helpers.js';

/**
 * What a round trip must keep: everything except what the writer sets by design (#PROGRAM is
 * kontera's, #FLAGGA 0, #FORMAT PC8, #SIETYP 4), what describes the source file rather than the
 * books (line numbers, encoding, checksum, issues) and unknown records (the spec lets writers emit
 * only standard labels).
 */
function comparable(doc: SieDocument): unknown {
  const { program: _p, flag: _f, format: _fo, sieType: _s, ...header } = doc.header;
  return stripLines({
    header,
    accounts: doc.accounts,
    dimensions: doc.dimensions,
    objects: doc.objects,
    balances: doc.balances,
    objectBalances: doc.objectBalances,
    periodBalances: doc.periodBalances,
    vouchers: doc.vouchers,
  });
}

function stripLines(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripLines);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k, v]) => k !== 'line' && v !== undefined).map(([k, v]) => [k, stripLines(v)]));
  }
  return value;
}

const REFUSED_BY_READER = new Set(['BokSald.SE', 'HAS4E_1412.Se', 'Sie3.se', 'Sie4.se', 'XE_SIE_4_20151125095119.SE', 'transaktioner_ovnbolag-bad-balance.se', '9_sie-gruppen-e-conomic.se', 'hand-written_nul-damaged_4E.se']);

describe('round trip of the corpus', () => {
  for (const name of fixtureNames()) {
    if (REFUSED_BY_READER.has(name)) continue;
    it(`${name}: readSie(writeSie(readSie(f))) equals readSie(f)`, () => {
      const original = readSie(fixture(name));
      // Files from 4I programs may use accounts they never declare; the writer must not invent names.
      const options = { type: '4E', undeclaredAccounts: 'omit' } as const;
      // UTF-8 for text CP437 cannot carry (ISO-8859-15's € and Š would be transliterated).
      const encoding: SieWriteEncoding = original.encoding === 'utf-8' || original.encoding === 'iso-8859-15' ? 'utf-8' : 'cp437';
      const bytes = writeSie(original, { ...options, encoding, checksum: true });
      const again = readSie(bytes);
      expect(comparable(again)).toEqual(comparable(original));
      expect(again.checksum.status).toBe('valid');
      // No new kind of issue: a lossy text stays lossy, repairs are not needed twice.
      const before = new Set(original.issues.map((i) => i.code));
      expect(again.issues.filter((i) => !before.has(i.code))).toEqual([]);
      // And writing what was read back gives the very same bytes.
      expect(writeSie(again, { ...options, encoding, checksum: true })).toEqual(bytes);
    });
  }

  // The spec wants #FLAGGA first, so writeSie writes no byte-order mark; one that a tool adds later is skipped on input.
  it('both encodings start with #FLAGGA, and a BOM added in front of the output changes nothing read', () => {
    const BOM = [0xef, 0xbb, 0xbf];
    for (const name of fixtureNames()) {
      if (REFUSED_BY_READER.has(name)) continue;
      const original = readSie(fixture(name));
      for (const encoding of ['utf-8', 'cp437'] as const) {
        const bytes = writeSie(original, { type: '4E', undeclaredAccounts: 'omit', encoding });
        expect(Buffer.from(bytes.subarray(0, 7)).toString('latin1'), `${name} ${encoding}`).toBe('#FLAGGA');
        const plain = readSie(bytes);
        expect(plain.encoding, `${name} ${encoding}`).toBe(encoding);
        const withBom = readSie(new Uint8Array([...BOM, ...bytes]));
        expect(comparable(withBom), `${name} ${encoding}`).toEqual(comparable(plain));
        if (encoding === 'utf-8') {
          expect(withBom.encoding, name).toBe('utf-8');
          expect(withBom.issues, name).toEqual(plain.issues);
        }
      }
    }
  });

  it('the writer refuses the corpus vouchers that do not balance', () => {
    for (const name of ['XE_SIE_4_20151125095119.SE', 'transaktioner_ovnbolag-bad-balance.se']) {
      const doc = readSie(fixture(name), { strict: false });
      expect(() => writeSie(doc, { type: '4E' })).toThrow(UnbalancedVoucherError);
    }
  });
});

// ---- property tests

/** Characters that try to break a record: quotes, backslashes, braces, #, tabs, line ends, controls. */
const HOSTILE = ['"', '\\', '{', '}', '#', '\t', '\n', '\r', '\r\n', '\u0000', '\u001f', '\u007f', ' ', '  ', '\\"', '"\\', '#TRANS', '#VER A 1 20250101', '}\r\n#TRANS 1930 {} 1000\r\n{'];
const LETTERS = ['a', 'Z', '0', '9', 'å', 'ä', 'ö', 'Å', 'Ä', 'Ö', 'é', 'ü', '-', '.', ',', '/', ':', '%', '&', '(', ')'];
/** Outside CP437: transliterated or "?" in CP437 output, kept in UTF-8 output. */
const UNICODE = ['€', '–', '“', '”', '…', 'Ø', 'Š', '中', '😀', 'ﬁ'];

function generator(seed: number, encoding: SieWriteEncoding) {
  const rnd = seeded(seed);
  const int = (n: number): number => Math.floor(rnd() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T;
  const str = (max: number): string => {
    let s = '';
    const n = int(max + 1);
    for (let i = 0; i < n; i++) {
      const r = rnd();
      s += r < 0.25 ? pick(HOSTILE) : r < 0.3 && encoding === 'utf-8' ? pick(UNICODE) : pick(LETTERS);
    }
    return s;
  };
  const date = (): string => {
    const y = 2000 + int(30);
    const m = 1 + int(12);
    const d = 1 + int(28);
    return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  };
  const account = (): string => String(1000 + int(9000));
  // An object id that is blank once written is refused by writeSie (importers reject `{1 ""}`).
  const objectId = (): string => {
    const o = str(6);
    return o.replace(/[\x00-\x20\x7f]/g, '') === '' ? `${o}1` : o;
  };
  const objects = (): SieObjectRef[] => Array.from({ length: int(3) }, () => ({ dimension: 1 + int(30), object: objectId() }));
  const row = (amount: number): SieTransaction => {
    const t: { -readonly [K in keyof SieTransaction]: SieTransaction[K] } = { account: account(), objects: objects(), amount };
    if (rnd() < 0.5) t.date = date();
    if (rnd() < 0.7) t.text = str(20);
    if (rnd() < 0.2) t.quantity = (int(20001) - 10000) / 100;
    if (rnd() < 0.2) t.sign = str(8);
    if (rnd() < 0.15) t.added = true;
    return t;
  };
  const voucher = (): SieVoucher => {
    // At least one row: writeSie refuses a voucher with none.
    const n = 1 + int(5);
    const rows: SieTransaction[] = [];
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const amount = Math.round((rnd() - 0.5) * 10 ** (2 + int(11)));
      rows.push(row(amount));
      sum += amount;
    }
    if (n > 0) rows.push(row(sum === 0 ? 0 : -sum));
    const v: { -readonly [K in keyof SieVoucher]: SieVoucher[K] } = {
      series: pick(['', 'A', 'B', 'LEV1', '12', 'A B', str(4)]),
      number: pick(['', '0', '1', String(int(100000)), str(3)]),
      date: date(),
      text: str(60),
      transactions: rows,
      removed: rnd() < 0.2 ? [row(int(1000))] : [],
    };
    if (rnd() < 0.3) v.registrationDate = date();
    if (rnd() < 0.2) v.sign = str(8);
    return v;
  };
  return (): SieDocument => {
    const vouchers = Array.from({ length: 1 + int(5) }, voucher);
    const used = new Set(vouchers.flatMap((v) => [...v.transactions, ...v.removed].map((t) => t.account)));
    return {
      header: { flag: 0, companyName: str(30), generated: { date: date() }, fiscalYears: [{ yearIndex: 0, start: date(), end: date() }], orgNumber: { number: '556677-8899' } },
      accounts: [...used].map((number) => ({ number, name: str(25), sru: [] })),
      dimensions: [],
      objects: [],
      balances: [],
      objectBalances: [],
      periodBalances: [],
      vouchers,
      unknownRecords: [],
      encoding: 'cp437',
      checksum: { status: 'absent' },
      issues: [],
    };
  };
}

/** The text rules the writer documents, restated independently: controls → space, final "\" → "/". */
function expectedText(s: string): string {
  const t = s.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return t.endsWith('\\') ? t.slice(0, -1) + '/' : t;
}

function expectedDoc(doc: SieDocument): unknown {
  const rowText = (t: SieTransaction): SieTransaction => {
    const out = { ...t, objects: t.objects.map((o) => ({ ...o, object: expectedText(o.object) })) };
    if (t.text !== undefined) {
      const x = expectedText(t.text);
      if (x === '') delete out.text;
      else out.text = x;
    }
    if (t.sign !== undefined) {
      const x = expectedText(t.sign);
      if (x === '') delete out.sign;
      else out.sign = x;
    }
    if (t.added !== true) delete out.added;
    return out;
  };
  return stripLines({
    header: { ...doc.header, companyName: expectedText(doc.header.companyName ?? '') },
    accounts: doc.accounts.map((a) => ({ ...a, name: expectedText(a.name) })),
    vouchers: doc.vouchers.map((v) => {
      const sign = v.sign === undefined ? undefined : expectedText(v.sign);
      return {
        ...v,
        series: expectedText(v.series),
        number: expectedText(v.number),
        text: expectedText(v.text),
        sign: sign === '' ? undefined : sign,
        transactions: v.transactions.map(rowText),
        removed: v.removed.map((t) => ({ ...rowText(t), added: undefined })),
      };
    }),
  });
}

function actualDoc(doc: SieDocument): unknown {
  const { program: _p, format: _f, sieType: _s, ...header } = doc.header;
  return stripLines({ header, accounts: doc.accounts, vouchers: doc.vouchers });
}

describe('round trip properties (seeded)', () => {
  for (const encoding of ['utf-8', 'cp437'] as const) {
    it(`${encoding}: hostile texts never break a record and read back as documented`, () => {
      for (let seed = 1; seed <= 150; seed++) {
        const doc = generator(seed, encoding)();
        const bytes = writeSie(doc, { encoding, checksum: true });
        const back = readSie(bytes);
        expect(actualDoc(back), `seed ${seed}`).toEqual(expectedDoc(doc));
        expect(back.issues.filter((i) => i.code !== 'SIE_ENCODING_MISMATCH'), `seed ${seed}`).toEqual([]);
        expect(back.unknownRecords, `seed ${seed}`).toEqual([]);
        expect(back.checksum.status, `seed ${seed}`).toBe('valid');
        expect(writeSie(doc, { encoding, checksum: true }), `seed ${seed}`).toEqual(bytes);
      }
    });
  }

  it('cp437: characters outside CP437 change only the texts, never the structure', () => {
    for (let seed = 1; seed <= 100; seed++) {
      const doc = generator(seed, 'utf-8')();
      const back = readSie(writeSie(doc));
      expect(back.vouchers.map((v) => [v.date, v.transactions.map((t) => [t.account, t.amount, t.objects.length, t.date])]), `seed ${seed}`).toEqual(
        doc.vouchers.map((v) => [v.date, v.transactions.map((t) => [t.account, t.amount, t.objects.length, t.date])]),
      );
      expect(back.issues.filter((i) => i.severity !== 'info'), `seed ${seed}`).toEqual([]);
    }
  });

  it('a classic injection attempt stays inside its text field', () => {
    const doc = generator(7, 'cp437')();
    const evil = '"\r\n}\r\n#VER A 999 20250101 "evil"\r\n{\r\n#TRANS 1930 {} 1000000\r\n#TRANS 3010 {} -1000000\r\n}\r\n#KONTO 1930 "x';
    const first = doc.vouchers[0] as SieVoucher;
    const hacked: SieDocument = { ...doc, vouchers: [{ ...first, text: evil }, ...doc.vouchers.slice(1)] };
    const back = readSie(writeSie(hacked));
    expect(back.vouchers).toHaveLength(doc.vouchers.length);
    expect(back.vouchers[0]?.text).toBe(expectedText(evil));
    expect(back.vouchers.some((v) => v.number === '999')).toBe(false);
  });
});

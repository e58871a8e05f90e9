/** Small builders for store records, shared by the store and facade tests. */
import type { OpenItem, PendingSettlement } from '../../src/openitems/types.js';
import type { BureauRecord, KnowledgeChanges, NetworkRecord, ProfileRecord } from '../../src/knowledge/types.js';
import type { ClientRow, KnowledgeBase, NewVoucher, StatementRow, TransactionRow } from '../../src/store/store.js';

/** The base of a change computed from nothing stored. */
export const NO_BASE: KnowledgeBase = { bureauRecords: [], network: [] };

export function clientRow(id: string, bureauId: string, extra: Partial<ClientRow> = {}): ClientRow {
  return {
    id,
    bureauId,
    name: `Client ${id}`,
    bankAccounts: ['1930'],
    series: { '1930': 'A' },
    vatRegistered: true,
    network: true,
    ...extra,
  };
}

export function statementRow(clientId: string, id: string, extra: Partial<StatementRow> = {}): StatementRow {
  return {
    id,
    clientId,
    bankAccount: '1930',
    format: 'swedbank-csv',
    bank: 'Swedbank',
    currency: 'SEK',
    transactionCount: 0,
    importedAt: '2026-01-01T00:00:00.000Z',
    ...extra,
  };
}

export function txRow(clientId: string, statementId: string, id: string, extra: Partial<TransactionRow> = {}): TransactionRow {
  return {
    id,
    clientId,
    bankAccount: '1930',
    statementId,
    line: 1,
    date: '2026-01-15',
    amount: -12500,
    text: `KORTKÖP ${id}`,
    ...extra,
  };
}

export function voucher(extra: Partial<NewVoucher> = {}): NewVoucher {
  return {
    series: 'A',
    date: '2026-01-15',
    text: 'Telia',
    rows: [
      { account: '1930', amount: -12500 },
      { account: '6212', amount: 10000 },
      { account: '2641', amount: 2500 },
    ],
    confirmedAt: '2026-01-20T10:00:00.000Z',
    ...extra,
  };
}

export function profile(bureauId: string, clientId: string, key: string, account = '6212'): ProfileRecord {
  return {
    v: 1,
    bureauId,
    clientId,
    key,
    display: key.toUpperCase(),
    shareable: true,
    lastSeen: '2026-01-15',
    templates: [
      {
        id: `out|standard25|${account}`,
        template: {
          direction: 'out',
          vat: { mode: 'standard', rate: 25, accounts: ['2641'] },
          lines: [{ account, rule: 'rest', lastAmount: 10000, ppm: 0 }],
        },
        weight: 1.5,
        asOf: '2026-01-15',
        count: 2,
        firstSeen: '2025-12-15',
        lastSeen: '2026-01-15',
        minAmount: 12000,
        maxAmount: 12500,
        lastAmount: 12500,
        lastDay: 15,
      },
    ],
  };
}

export function bureauRecord(bureauId: string, key: string, clients: readonly string[], account = '6212'): BureauRecord {
  return {
    v: 1,
    bureauId,
    key,
    display: key.toUpperCase(),
    templateId: `out|standard25|${account}`,
    template: {
      direction: 'out',
      vat: { mode: 'standard', rate: 25, accounts: ['2641'] },
      lines: [{ account, rule: 'rest', lastAmount: 10000, ppm: 0 }],
    },
    clients,
  };
}

export function networkRecord(key: string, account: string, bureaus: number, clients: number): NetworkRecord {
  return { v: 1, key, direction: 'out', account, vatMode: 'standard', vatRate: 25, bureaus, clients };
}

export function changes(extra: Partial<KnowledgeChanges>): KnowledgeChanges {
  return {
    putProfiles: [],
    deleteProfiles: [],
    putBureau: [],
    deleteBureau: [],
    putNetwork: [],
    deleteNetwork: [],
    ...extra,
  };
}

/** An open item of the ledger; `settled` öre of it were paid by one settlement. */
export function openItem(id: string, o: { date?: string; amount?: number; settled?: number; kind?: 'supplier' | 'customer' } = {}): OpenItem {
  const amount = o.amount ?? 124900;
  const settled = o.settled ?? 0;
  return {
    v: 1,
    id,
    kind: o.kind ?? 'supplier',
    account: o.kind === 'customer' ? '1510' : '2440',
    series: 'A',
    number: '57',
    origin: 'sie',
    date: o.date ?? '2026-01-12',
    amount,
    open: amount - settled,
    text: 'Telia Sverige AB faktura 4711',
    name: 'Telia Sverige AB',
    words: ['TELIA', 'SVERIGE'],
    references: ['4711'],
    settlements: settled === 0 ? [] : [{ voucher: 'confirmed:A:3', origin: 'confirmed', date: '2026-02-01', amount: settled, key: 'TELIA' }],
  };
}

/** A payment's rest waiting for its invoice: `amount` öre of a settling voucher of `date` on 1510. */
export function pendingSettlement(id: string, o: { date?: string; amount?: number; text?: string } = {}): PendingSettlement {
  const amount = o.amount ?? 300000;
  const date = o.date ?? '2026-02-10';
  return {
    v: 1,
    id,
    voucher: {
      id: `sie:2026-01-01 B ${id}`,
      origin: 'sie',
      series: 'B',
      number: id,
      date,
      text: o.text ?? 'Inbetalning Fagerlunds Fisk',
      rows: [
        { account: '1930', amount },
        { account: '1510', amount: -amount },
      ],
    },
    group: 0,
    account: '1510',
    amount,
    source: 'f1',
    exported: '2026-03-01',
  };
}

/**
 * Which BAS accounts hold open items (BAS 2025, ../shared/corpus/bas/forsslund/Kontoplan-BAS-2025.csv).
 * Data only.
 *
 * Supplier debts: 2440–2447 "Leverantörsskulder" (2443 consignment, 2445 disputed), 246x to group
 * companies, 247x to associated companies. Left out: 2448 "Ej reskontraförda leverantörsskulder"
 * (by its name, debts kept outside the ledger). Customer receivables: 1510–1517 "Kundfordringar"
 * (1512 factoring, 1513 split invoice, 1516 disputed), 156x and 157x (group and associated
 * companies). Left out: 1518 "Ej reskontraförda", 1519 and 1569 write-downs, 1568 not in the ledger.
 *
 * @module
 */
import type { AccountNo } from '../knowledge/types.js';
import type { OpenItemAccounts, OpenItemKind } from './types.js';

const SUPPLIER = /^(?:244[0-7]|246\d|247\d)$/;
const CUSTOMER = /^(?:151[0-7]|156[0-7]|157\d)$/;

/** The BAS supplier-debt and customer-receivable accounts that hold invoices. */
export const BAS_OPEN_ITEM_ACCOUNTS: OpenItemAccounts = Object.freeze({
  supplier: (a: AccountNo) => SUPPLIER.test(a),
  customer: (a: AccountNo) => CUSTOMER.test(a),
});

/** The kind of items an account holds, or null. */
export function openItemKind(account: AccountNo, accounts: OpenItemAccounts = BAS_OPEN_ITEM_ACCOUNTS): OpenItemKind | null {
  if (accounts.supplier(account)) return 'supplier';
  if (accounts.customer(account)) return 'customer';
  return null;
}

/** The account a payment of this kind settles when the item's own account is unknown. */
export const DEFAULT_ITEM_ACCOUNT: Readonly<Record<OpenItemKind, AccountNo>> = Object.freeze({ supplier: '2440', customer: '1510' });

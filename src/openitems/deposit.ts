/**
 * One bankgiro deposit, many customer payments: given the bank line of a deposit and the BgMax
 * deposit behind it, the voucher that settles each customer item a payment matches, with the
 * payments no item matches on the suspense account, flagged for review.
 *
 * @module
 */
import type { BgmaxDeposit, BgmaxPayment } from '../bgmax/types.js';
import { KonteraError } from '../core/errors.js';
import { formatKronor } from '../core/money.js';
import type { AccountNo, Voucher, VoucherRow } from '../knowledge/types.js';
import { OpenItemMatcher } from './match.js';
import type { OpenItemCandidate, OpenItemLine } from './match.js';
import type { OpenItemCalibration } from './calibration.js';
import type { OpenItem } from './types.js';

/** The bank line and the deposit disagree: `bankAmount` and `depositAmount` are both named. */
export class DepositMismatchError extends KonteraError {
  readonly bankAmount: number;
  readonly depositAmount: number;
  constructor(bankAmount: number, depositAmount: number, deposit: BgmaxDeposit, fileName?: string) {
    super(
      'VALIDATION',
      `Deposit does not match the bank line: expected the BgMax deposit of ${deposit.date} (serial ${deposit.serial || '–'}) to sum to the bank line's ${formatKronor(bankAmount)} kr, its payments sum to ${formatKronor(depositAmount)} kr`,
      { file: fileName, line: deposit.endLine },
    );
    this.bankAmount = bankAmount;
    this.depositAmount = depositAmount;
  }
}

/** BAS 2999 "OBS-konto": where money goes that no item explains, until someone looks. */
export const DEFAULT_SUSPENSE_ACCOUNT: AccountNo = '2999';

/** Options of {@link settleDeposit}. */
export interface DepositOptions {
  /** The bank account of the line; default 1930. */
  readonly bankAccount?: AccountNo | undefined;
  /** Where unmatched payments go; default 2999. */
  readonly suspenseAccount?: AccountNo | undefined;
  /**
   * A payment settles an item only when its best candidate has at least this confidence (default
   * 0.9, the precision the open-item bench reports matches at); the rest go to suspense.
   */
  readonly minConfidence?: number | undefined;
  /** Confidence per evidence class; default the shipped table. */
  readonly calibration?: OpenItemCalibration | undefined;
  /** The BgMax file's name, for errors ({@link DepositMismatchError}'s `file`). */
  readonly fileName?: string | undefined;
}

/** How one payment of the deposit was booked. */
export interface DepositPaymentResult {
  readonly payment: BgmaxPayment;
  /** The items it settles, or null when it went to the suspense account. */
  readonly match: OpenItemCandidate | null;
}

/** The proposal for a deposit. */
export interface DepositSettlement {
  /** The bank row, one row per settled item, and one suspense row per unmatched payment. */
  readonly voucher: Voucher;
  readonly payments: readonly DepositPaymentResult[];
  /** Öre settled against items, and öre left on the suspense account. */
  readonly settled: number;
  readonly unmatched: number;
  /** True when anything went to the suspense account. */
  readonly review: boolean;
  readonly reviewReasons: readonly string[];
  readonly reason: string;
}

/** A default that is a confidence, not a parameter fitted on data: the bar the issue sets for proposing matches. */
const DEFAULT_MIN_CONFIDENCE = 0.9;

/**
 * Settles a bankgiro deposit. Refuses with {@link DepositMismatchError} when the deposit's payments
 * (less deductions) do not sum to the bank line.
 *
 * ```ts
 * const [deposit] = readBgmax(bytes).deposits;
 * const { voucher, review } = settleDeposit(bankLine, deposit, openItems);
 * ```
 */
export function settleDeposit(line: OpenItemLine, deposit: BgmaxDeposit, items: readonly OpenItem[], options: DepositOptions = {}): DepositSettlement {
  const total = deposit.payments.reduce((s, p) => s + p.amount, 0);
  if (total !== line.amount) throw new DepositMismatchError(line.amount, total, deposit, options.fileName);
  const bankAccount = options.bankAccount ?? '1930';
  const suspense = options.suspenseAccount ?? DEFAULT_SUSPENSE_ACCOUNT;
  const minConfidence = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  // Items are consumed as payments settle them, so no two payments settle the same öre.
  const pool = new Map(items.filter((i) => i.kind === 'customer' && i.open > 0).map((i) => [i.id, i]));
  // Indexed once: a payment costs what its candidates do, not what the ledger holds (a deposit of
  // thousands of payments against thousands of invoices would otherwise be quadratic).
  const matcher = new OpenItemMatcher([...pool.values()]);
  const rows: VoucherRow[] = [{ account: bankAccount, amount: line.amount }];
  const results: DepositPaymentResult[] = [];
  const reviewReasons: string[] = [];
  let settled = 0;
  let unmatched = 0;
  for (const p of deposit.payments) {
    let match: OpenItemCandidate | null = null;
    if (p.amount > 0) {
      const payLine: OpenItemLine = {
        date: line.date < deposit.date ? deposit.date : line.date,
        amount: p.amount,
        text: [p.name ?? '', p.extraName ?? '', ...p.information].join(' '),
        reference: p.references.join(' '),
      };
      const [best] = matcher.match(payLine, { bankAccount, limit: 1, calibration: options.calibration });
      if (best !== undefined && best.confidence >= minConfidence) match = best;
    }
    if (match !== null) {
      for (const part of match.parts) {
        rows.push({ account: part.item.account, amount: -part.amount });
        const current = pool.get(part.item.id);
        if (current === undefined) continue;
        const next = { ...current, open: current.open - part.amount };
        pool.set(current.id, next);
        matcher.update(next);
      }
      settled += p.amount;
    } else {
      rows.push({ account: suspense, amount: -p.amount });
      unmatched += p.amount;
      const who = p.name ?? (p.senderBankgiro !== '' ? `bankgiro ${p.senderBankgiro}` : 'an unnamed payer');
      reviewReasons.push(
        p.kind === 'deduction'
          ? `Deduction of ${formatKronor(-p.amount)} kr (${who}, line ${p.line}) is on ${suspense}: a deduction settles no invoice by itself.`
          : `Payment of ${formatKronor(p.amount)} kr from ${who}${p.references.length > 0 ? `, reference ${p.references.join(' ')}` : ''} (line ${p.line}) matches no open invoice: it is on ${suspense}.`,
      );
    }
    results.push({ payment: p, match });
  }
  const matchedCount = results.filter((r) => r.match !== null).length;
  const reason = `Bankgiro deposit of ${deposit.date}: ${matchedCount} of ${deposit.payments.length} payments settle customer invoices (${formatKronor(settled)} kr)${unmatched !== 0 ? `, ${formatKronor(unmatched)} kr on ${suspense} for review` : ''}`;
  return {
    voucher: { date: line.date, text: line.text, rows },
    payments: results,
    settled,
    unmatched,
    review: unmatched !== 0 || results.some((r) => r.payment.kind === 'deduction'),
    reviewReasons,
    reason,
  };
}

/**
 * Every built-in rule is reached by each of the ways a line can name it — the kind the parser gave
 * the line, a bankgiro number in its text, each of its words (whole, or as the last part of a
 * compound) — one at a time, on an otherwise neutral line. For kinds and bankgiros the rule found
 * is the first the table's order gives (worked out here by walking the table); for words it is a
 * rule (their order against other rules' words and patterns is the word matcher's own business).
 * A rule edited so that one of its names no longer reaches it (a word the matcher
 * cannot see, a bankgiro the key reader does not read) fails here.
 */
import { describe, expect, test } from 'vitest';
import { createKnowledge } from '../../src/knowledge/base.js';
import type { ClientSettings, Direction } from '../../src/knowledge/types.js';
import { counterpartyKey } from '../../src/normalize/counterparty.js';
import type { TransactionKind } from '../../src/statements/types.js';
import { BUILTIN_RULES, type BuiltinRule } from '../../src/suggest/rules.js';
import { suggest } from '../../src/suggest/suggest.js';

const client: ClientSettings = { id: 'c', bureauId: 'b', bankAccounts: ['1930', '1630'] };
/** A text that names nothing: no rule word, pattern, giro or type. */
const NEUTRAL = 'QZXW VRTPL';

function directionsOf(r: BuiltinRule): Direction[] {
  return r.direction === undefined ? ['in', 'out'] : [r.direction];
}

/** The rules that apply to a line of this direction on this bank account, in table order. */
function applicable(direction: Direction, bankAccount: string): BuiltinRule[] {
  return BUILTIN_RULES.filter((r) => (r.direction === undefined || r.direction === direction) && (r.onBankAccount === undefined || bankAccount.startsWith(r.onBankAccount.slice(0, 3))) && r.account !== bankAccount);
}

function suggestOn(text: string, direction: Direction, bankAccount: string, kind?: TransactionKind): ReturnType<typeof suggest> {
  return suggest({ date: '2026-03-10', amount: direction === 'out' ? -12_500 : 12_500, text, ...(kind === undefined ? {} : { kind }) }, createKnowledge(), client, { bankAccount });
}

describe('the rule tier finds every rule however the line names it', () => {
  test('by the kind the parser gave the line: the first rule in the table that lists the kind', () => {
    let checked = 0;
    for (const r of BUILTIN_RULES) {
      for (const kind of r.kinds ?? []) {
        for (const direction of directionsOf(r)) {
          const bankAccount = r.onBankAccount ?? '1930';
          const first = applicable(direction, bankAccount).find((x) => x.kinds?.includes(kind) === true);
          if (first === undefined) continue;
          const s = suggestOn(NEUTRAL, direction, bankAccount, kind);
          expect({ kind, direction, source: s.source, account: s.account }).toEqual({ kind, direction, source: 'rule', account: first.account });
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(3);
  });

  test('by the bankgiro number in its text: the first rule in the table with that number', () => {
    let checked = 0;
    for (const r of BUILTIN_RULES) {
      if (r.bankgiro === undefined) continue;
      for (const direction of directionsOf(r)) {
        const text = `BG ${r.bankgiro} ${NEUTRAL}`;
        // The text carries the number as the key reader reads it (else the test proves nothing).
        expect(counterpartyKey(text).signals.bankgiro).toBe(r.bankgiro);
        const first = applicable(direction, '1930').find((x) => x.bankgiro === r.bankgiro);
        if (first === undefined) continue;
        const s = suggestOn(text, direction, '1930');
        expect({ bankgiro: r.bankgiro, source: s.source, account: s.account }).toEqual({ bankgiro: r.bankgiro, source: 'rule', account: first.account });
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(2);
  });

  test('by each of its words, whole or as the last part of a compound', () => {
    let checked = 0;
    for (const r of BUILTIN_RULES) {
      for (const w of r.words ?? []) {
        const head = w.startsWith('-');
        const word = head ? `KVRT${w.slice(1)}` : w;
        for (const direction of directionsOf(r)) {
          const bankAccount = r.onBankAccount ?? '1930';
          if (r.account === bankAccount) continue;
          const s = suggestOn(`${NEUTRAL} ${word}`, direction, bankAccount);
          expect({ word: w, direction, source: s.source }).toEqual({ word: w, direction, source: 'rule' });
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  test('a neutral line names no rule, in either direction, on the bank or the tax account', () => {
    for (const direction of ['in', 'out'] as const) for (const bankAccount of ['1930', '1630']) expect(suggestOn(NEUTRAL, direction, bankAccount).source).not.toBe('rule');
  });
});

import { describe, expect, test } from 'vitest';
import { seededRandom as rng } from '../support/random.js';
import { createKnowledge, knowledgeSnapshot } from '../../src/knowledge/base.js';
import { learn, removeClient, unlearn } from '../../src/knowledge/learn.js';
import { rebuildAggregates } from '../../src/knowledge/network.js';
import type { BureauRecord, ClientSettings, KnowledgeSnapshot, NetworkRecord } from '../../src/knowledge/types.js';
import { booking, purchase25 } from './helpers.js';

function canonical(s: { bureaus: readonly BureauRecord[]; network: readonly NetworkRecord[] }): string {
  const b = s.bureaus.map((r) => ({ ...r, clients: [...r.clients].sort() })).sort((x, y) => `${x.bureauId}${x.key}${x.templateId}`.localeCompare(`${y.bureauId}${y.key}${y.templateId}`));
  const n = [...s.network].sort((x, y) => `${x.key}${x.account}${x.vatMode}${x.direction}`.localeCompare(`${y.key}${y.account}${y.vatMode}${y.direction}`));
  return JSON.stringify({ b: b.map((r) => [r.bureauId, r.key, r.templateId, r.clients]), n });
}

describe('bureau and network aggregates', () => {
  test('stay equal to a recount from the profiles through random learning, corrections, unlearning and erasure', () => {
    const r = rng(42);
    const k = createKnowledge();
    const clients: ClientSettings[] = Array.from({ length: 12 }, (_, i) => ({ id: `c${i}`, bureauId: `b${i % 4}`, ...(i === 5 ? { network: false } : {}) }));
    const names = ['TELIA', 'FORTNOX', 'EASYPARK', 'Swish 46701234567 ANNA', 'CLAS OHLSON'];
    const accounts = ['6212', '6540', '5800', '5410'];
    for (let step = 0; step < 600; step++) {
      const c = clients[Math.floor(r() * clients.length)] as ClientSettings;
      const name = names[Math.floor(r() * names.length)] as string;
      const p = r();
      if (p < 0.75) {
        const acc = accounts[Math.floor(r() * accounts.length)] as string;
        const date = `2026-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-10`;
        learn(k, c, r() < 0.5 ? purchase25(date, name, acc, 10000, r() < 0.1 ? 'correction' : undefined) : booking(date, name, [{ account: acc, amount: 777 }]));
      } else if (p < 0.93) {
        unlearn(k, c, name.startsWith('Swish') ? 'SWISH ANNA' : name.toUpperCase());
      } else {
        removeClient(k, c);
      }
      if (step % 50 === 49) {
        const snap = knowledgeSnapshot(k);
        expect(canonical(snap)).toBe(canonical(rebuildAggregates(snap.profiles)));
      }
    }
    const snap = knowledgeSnapshot(k);
    expect(canonical(snap)).toBe(canonical(rebuildAggregates(snap.profiles)));
    expect(snap.network.some((n) => n.key.includes('ANNA'))).toBe(false);
  });

  test('restores from a snapshot to the same aggregates', () => {
    const k = createKnowledge();
    for (let i = 0; i < 6; i++) learn(k, { id: `c${i}`, bureauId: `b${i % 3}` }, purchase25('2026-01-01', 'TELIA', '6212', 10000));
    const snap = JSON.parse(JSON.stringify(knowledgeSnapshot(k))) as KnowledgeSnapshot;
    expect(canonical(knowledgeSnapshot(createKnowledge(snap)))).toBe(canonical(snap));
  });
});

/**
 * unlearn(clientId, key, templateId) with a template id the client's profile does not have (a
 * stale id, a typo): nothing is forgotten, so `changed` is false and the knowledge is as before.
 * It said `changed: true`, so an app told its user a booking habit was forgotten when none was.
 */
import { describe, expect, it } from 'vitest';
import { fixture, konteraOn, STORE_KINDS } from './helpers.js';

const NOW = '2026-02-02T08:00:00.000Z';

for (const kind of STORE_KINDS) {
  describe(`unlearn one template (${kind})`, () => {
    const open = konteraOn(kind, NOW, { kaffe: 'Kaffebryggeriet i Kumla AB' });

    it('an unknown template id changes nothing and says so; a known one is forgotten', async () => {
      const k = await open();
      await k.learnFromSie('kaffe', fixture('demo/kaffebryggeriet/history-2025.se'));
      const [s] = await k.suggest('kaffe', [{ date: '2026-02-10', amount: -150_000, text: 'BERGLUNDS BAGERI AB' }]);
      const key = s?.key as string;
      const before = await k.exportClientData('kaffe');
      const profile = before.profiles.find((p) => p.key === key);
      expect(profile?.templates.length).toBeGreaterThan(0);

      expect(await k.unlearn('kaffe', key, 'no-such-template')).toEqual({ changed: false });
      expect(await k.exportClientData('kaffe')).toEqual(before);

      const known = profile?.templates[0]?.id as string;
      expect(await k.unlearn('kaffe', key, known)).toEqual({ changed: true });
      const after = (await k.exportClientData('kaffe')).profiles.find((p) => p.key === key);
      expect(after?.templates.some((t) => t.id === known) ?? false).toBe(false);
    });
  });
}

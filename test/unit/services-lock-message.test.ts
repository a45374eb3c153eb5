import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Services } from '../../electron/services';
import { localTimeText } from '../../shared/time';
import { loadEx1, openTemp } from './support/ex1';

describe('localTimeText', () => {
  it('reads an ISO instant in the local time zone, as people write dates', () => {
    // Built from local fields, so the expectation holds in any time zone.
    expect(localTimeText(new Date(2026, 10, 25, 22, 49, 31).toISOString())).toBe('2026年11月25日 22:49');
    expect(localTimeText(new Date(2027, 0, 5, 9, 5).toISOString())).toBe('2027年1月5日 09:05');
    expect(localTimeText('不是时间')).toBe('不是时间');
    expect(localTimeText(null)).toBe('');
  });
});

describe('the refusal of a locked scheme', () => {
  let s: Services;
  let dir: string;
  beforeEach(async () => {
    ({ s, dir } = openTemp('lock-msg-'));
    await loadEx1(s);
  });
  afterEach(async () => {
    await s.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('names the lock time readably, not as a raw ISO string', async () => {
    const { lockedAt } = await s.lock({ year: 2024, scheme: 'EX' });
    const refusals: string[] = [];
    for (const p of [
      s.addAdjustment({ year: 2024, scheme: 'EX', target: 'EX-01', kind: 'bonus', points: '1', reason: '表彰' }),
      s.setVeto({ year: 2024, scheme: 'EX', target: 'EX-02', reason: '瞒报' }),
      s.setValue({ year: 2024, scheme: 'EX', target: 'EX-01', indicator: 'P1', text: '50' }),
      s.lock({ year: 2024, scheme: 'EX' }),
    ]) {
      const e = await p.then(
        () => null,
        (x: unknown) => x as { code: string; message: string },
      );
      expect(e?.code).toBe('LOCKED');
      refusals.push(e!.message);
    }
    for (const m of refusals) {
      expect(m).toContain(localTimeText(lockedAt));
      expect(m).toMatch(/\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/);
      expect(m).not.toMatch(/\d{4}-\d{2}-\d{2}T|Z\b/);
    }
  });
});

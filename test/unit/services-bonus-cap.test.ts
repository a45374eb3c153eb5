/** A bonus above the scheme's cap is said, not silently cut: a warning when recorded, and the result says so. */
import { afterEach, describe, expect, it } from 'vitest';
import type { Services } from '../../electron/services';
import { loadEx1, openTemp, runCli } from './support/ex1';

let s: Services | null = null;
afterEach(async () => {
  await s?.close();
  s = null;
});

describe('bonus cap (ex1: bonusCap 3)', () => {
  it('recording a bonus that takes the sum over the cap returns a warning; the result carries the claimed sum', async () => {
    s = openTemp('cap-').s;
    await loadEx1(s); // EX-02 already has 2 + 2 bonus points
    const res = await s.score({ year: 2024, scheme: 'EX' });
    const ex2 = res.results.find((r) => r.target === 'EX-02')!;
    expect(ex2.bonus).toBe('3.00');
    expect(ex2.bonusClaimed).toBe('4.00');
    expect(ex2.flags).toEqual([]); // spec's worked example: flags stay as listed
    expect(ex2.total).toBe('95.50');
    const ex1 = res.results.find((r) => r.target === 'EX-01')!;
    expect(ex1.bonusClaimed).toBeUndefined();

    const under = await s.addAdjustment({
      year: 2024,
      scheme: 'EX',
      target: 'EX-01',
      kind: 'bonus',
      points: '3',
      reason: '表彰',
    });
    expect(under.warning).toBeUndefined();
    const over = await s.addAdjustment({
      year: 2024,
      scheme: 'EX',
      target: 'EX-01',
      kind: 'bonus',
      points: '0.5',
      reason: '再表彰',
    });
    expect(over.warning).toBe(
      'EX-01 的加分合计 3.5 分，超过方案 EX 的加分上限 3 分：计分时按 3 分计，超出的 0.5 分不计入总分',
    );
    const deduction = await s.addAdjustment({
      year: 2024,
      scheme: 'EX',
      target: 'EX-01',
      kind: 'deduction',
      points: '1',
      reason: '督导',
    });
    expect(deduction.warning).toBeUndefined();
  });

  it('the CLI says so on stderr', async () => {
    const t = openTemp('cap-cli-');
    await loadEx1(t.s);
    await t.s.close();
    const r = await runCli(
      t.dbPath,
      'adjust',
      '--year',
      '2024',
      '--scheme',
      'EX',
      '--target',
      'EX-02',
      '--bonus',
      '1',
      '--reason',
      '表彰',
    );
    expect(r.code).toBe(0);
    expect(r.err).toContain('超过方案 EX 的加分上限 3 分');
  });
});

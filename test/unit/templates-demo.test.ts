import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import type { SchemeResult } from '../../shared/domain/types';
import { DEMO_FAILING_CLINIC, DEMO_VETOED_CENTRE, loadDemo, type DemoSummary } from '../../electron/services/demo';
import { openServices, type Services } from '../../electron/services/index';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-'));
const dbPath = path.join(dir, 'demo.sqlite');
let summary: DemoSummary;
let s: Services;
const results = new Map<string, SchemeResult>();

beforeAll(async () => {
  summary = await loadDemo(dbPath, { open: openServices });
  s = openServices({ dbPath, who: '测试' });
  for (const { year, code } of summary.schemes) results.set(`${year}/${code}`, await s.score({ year, scheme: code }));
});
afterAll(async () => {
  await s?.close();
});

describe('demo county 示例县', () => {
  it('holds two groups, about fifteen township centres, clinics, staff, teams and two years of every template', async () => {
    expect((await s.getSettings()).countyName).toBe('示例县');
    expect(await s.listTargets({ kind: 'medical_group' })).toHaveLength(2);
    expect(await s.listTargets({ kind: 'township_centre' })).toHaveLength(15);
    expect((await s.listTargets({ kind: 'village_clinic' })).length).toBeGreaterThanOrEqual(15);
    expect(await s.listTargets({ kind: 'county_hospital' })).toHaveLength(2);
    expect(await s.listYears()).toEqual(expect.arrayContaining([2023, 2024]));
    expect(summary.schemes).toHaveLength(16);
    for (const sc of await s.listSchemes({})) expect(sc.valid, `${sc.year}/${sc.code}`).toBe(true);
    expect(summary.values).toBeGreaterThan(1500);
  });

  it('scores every demo scheme: every target ranked with a grade of its scheme', async () => {
    for (const { year, code } of summary.schemes) {
      const r = results.get(`${year}/${code}`)!;
      const scheme = await s.getScheme({ year, scheme: code });
      const grades = scheme.grades!.map((g) => g.name);
      const n = (await s.listTargets({ kind: scheme.targetKind })).length;
      expect(r.results, `${year}/${code}`).toHaveLength(n);
      expect(r.results[0]!.rank).toBe(1);
      for (const t of r.results) {
        expect(grades, `${year}/${code} ${t.target}`).toContain(t.grade);
        expect(Number(t.total)).toBeGreaterThanOrEqual(0);
      }
      const ranks = r.results.map((t) => t.rank);
      expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    }
  });

  it('has a realistic spread: several grades, missing and N/A cells, one veto with its reason, bonuses and deductions', () => {
    const tc = results.get('2024/TC')!;
    const totals = tc.results.map((t) => Number(t.total));
    expect(Math.max(...totals) - Math.min(...totals)).toBeGreaterThan(15);
    expect(new Set(tc.results.map((t) => t.grade)).size).toBeGreaterThanOrEqual(3);
    const vetoed = tc.results.find((t) => t.target === DEMO_VETOED_CENTRE)!;
    expect(vetoed.veto).toContain('一票否决');
    expect(vetoed.grade).toBe('不合格');
    expect(vetoed.rank).toBe(15);
    expect(tc.results.find((t) => t.target === 'T06')!.indicators.A6!.flags).toContain('MISSING');
    expect(tc.results.find((t) => t.target === 'T14')!.indicators.C2!.value).toEqual({ kind: 'na' });
    expect(tc.results.find((t) => t.target === 'T03')!.bonus).toBe('1.50');
    expect(tc.results.find((t) => t.target === 'T12')!.deduction).toBe('1.00');
    expect(results.get('2024/MG')!.results.find((t) => t.target === 'G01')!.bonus).toBe('2.00');
  });

  it('growth indicators compare with last year: no baseline in 2023, scored in 2024', () => {
    const t = (year: number) => results.get(`${year}/SS`)!.results.find((r) => r.target === 'S01')!.indicators.B1!;
    expect(t(2023).flags).toContain('NO_BASELINE');
    expect(t(2024).flags).not.toContain('NO_BASELINE');
    expect(t(2024).score).not.toBeNull();
  });

  it('规划指标: the county PLAN values start from the 2020 baselines of 表1 and move toward the 2025 targets', async () => {
    const plan = await s.getScheme({ year: 2024, scheme: 'PLAN' });
    for (const year of [2023, 2024]) {
      const county = results.get(`${year}/PLAN`)!.results[0]!;
      for (const l of plan.indicators.flatMap((d) => d.children ?? [])) {
        const m = l.method!;
        const v = county.indicators[l.code]!.value;
        expect(v.kind, `${year} ${l.code}`).toBe('number');
        if (m.type !== 'pace') continue;
        const x = Number((v as { number: string }).number);
        const met = l.direction === 'lower' ? m.baseline <= m.target : m.baseline >= m.target;
        if (met) expect(Math.abs(x - m.baseline) / m.baseline, `${year} ${l.code}`).toBeLessThan(0.1);
        else {
          // share of the way from the baseline to the target: about 3/5 in 2023, 4/5 in 2024
          const share = (x - m.baseline) / (m.target - m.baseline);
          expect(share, `${year} ${l.code} ${x}`).toBeGreaterThan(0.3);
          expect(share, `${year} ${l.code} ${x}`).toBeLessThan(1.1);
        }
      }
    }
    // Rows with no number in 表1 are monitored: this year's value beside last year's.
    expect(results.get('2024/PLAN')!.results[0]!.indicators.G1!.trace).toBe('监测指标，不计分：本年 94 元，上年 89 元');
    expect(Number(results.get('2024/PLAN')!.results[0]!.total)).toBeGreaterThan(
      Number(results.get('2023/PLAN')!.results[0]!.total) - 10,
    );
  });

  it('a village clinic that fails two years running is flagged REPEATED_FAIL', () => {
    const failing = (year: number) => results.get(`${year}/VC`)!.results.find((r) => r.target === DEMO_FAILING_CLINIC)!;
    expect(failing(2023).grade).toBe('不合格');
    expect(failing(2024).grade).toBe('不合格');
    expect(failing(2024).flags).toContain('REPEATED_FAIL');
    expect(failing(2023).flags).not.toContain('REPEATED_FAIL');
    const others = results
      .get('2024/VC')!
      .results.filter((r) => r.flags.includes('REPEATED_FAIL'))
      .map((r) => r.target);
    expect(others).toContain(DEMO_FAILING_CLINIC);
  });

  it('computes salary lines for group leaders and township heads without errors', async () => {
    for (const year of [2023, 2024]) {
      const all = await s.computeSalary({ year });
      const lines = all.filter((l) => l.role !== '村医');
      expect(lines).toHaveLength(19);
      for (const l of lines) {
        expect(l.error, `${year} ${l.person}`).toBeUndefined();
        expect(Number(l.pay)).toBeGreaterThan(0);
        expect(l.payInWords).toMatch(/元/);
      }
      // 村医岗位补助: one village doctor per clinic, 1000 元 a month unless the clinic fails (VC: 不合格 → 0).
      const doctors = all.filter((l) => l.role === '村医');
      expect(doctors).toHaveLength(20);
      const vc = new Map((await s.score({ year, scheme: 'VC' })).results.map((r) => [r.target, r.grade]));
      for (const l of doctors) {
        expect(l.error, `${year} ${l.person}`).toBeUndefined();
        expect(l.payer).toMatch(/^G0[12]$/);
        const months = l.target === 'V16' && year === 2024 ? 9 : 12;
        expect(l.pay, `${year} ${l.target}`).toBe(vc.get(l.target) === '不合格' ? '0.00' : `${months * 1000}.00`);
      }
      expect(doctors.find((l) => l.target === DEMO_FAILING_CLINIC)!.pay).toBe('0.00');
      // 发放主体: the groups' leaders by 县财政, the township heads by their groups.
      expect(new Set(lines.filter((l) => l.target.startsWith('G')).map((l) => l.payer))).toEqual(new Set(['县财政']));
      expect(new Set(lines.filter((l) => l.target.startsWith('T')).map((l) => l.payer))).toEqual(
        new Set(['G01', 'G02']),
      );
    }
    const uses = await s.resultUses({ year: 2024 });
    const clinic = uses.rows.find((r) => r.target === DEMO_FAILING_CLINIC)!;
    expect(clinic.consequence).toContain('由医疗集团根据法定程序解除其聘用合同，变更主要负责人');
    expect(clinic.source).toBe('运政办发〔2019〕3号 第22条');
    const pt = await s.computePayTotals({ year: 2024, scheme: 'MG' });
    expect(pt.groups.map((g) => g.target)).toEqual(['G01', 'G02']);
    expect((await s.listSurplus({ year: 2024 })).map((r) => [r.target, r.tiers !== null])).toEqual([
      ['G01', true],
      ['G02', false],
    ]);
    const lines = await s.computeSalary({ year: 2024 });
    const vetoedHead = lines.find((l) => l.target === DEMO_VETOED_CENTRE)!;
    expect(vetoedHead.k).toMatch(/^0(\.0+)?$/);
    expect(vetoedHead.pay).toBe('60000.00');
    const newHead = lines.find((l) => l.target === 'T05')!;
    expect(newHead.months).toBe(8);
    const capped = lines.find((l) => l.target === 'G02' && l.role === '党委书记')!;
    const uncapped = 150000 + 200000 * Number(capped.k);
    expect(capped.flags.includes('CAPPED')).toBe(uncapped > 350000);
    if (uncapped > 350000) expect(capped.annual).toBe('350000.00');
  });

  it('wrote everything through the services: the audit log shows the demo loading', async () => {
    const entries = await s.audit({ text: '载入示例数据', limit: 100000 });
    expect(entries.length).toBeGreaterThan(50);
    expect(entries.some((e) => e.entity === 'target')).toBe(true);
  });

  it('refuses a database that already holds data, and leaves it untouched', async () => {
    const before = (await s.listTargets({})).length;
    await expect(loadDemo(dbPath, { open: openServices })).rejects.toMatchObject({
      code: 'INPUT',
      message: expect.stringContaining('已有数据'),
    });
    expect((await s.listTargets({})).length).toBe(before);
  });

  it('is deterministic: a second demo database scores the same', async () => {
    const other = path.join(dir, 'again.sqlite');
    await loadDemo(other, { open: openServices });
    const s2 = openServices({ dbPath: other });
    try {
      const r = await s2.score({ year: 2024, scheme: 'TC' });
      expect(r.results.map((t) => [t.target, t.total])).toEqual(
        results.get('2024/TC')!.results.map((t) => [t.target, t.total]),
      );
    } finally {
      await s2.close();
    }
  });
});

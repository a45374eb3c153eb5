/**
 * What the scheme editor shows about a draft (renderer/src/pages/scheme-editor/summary.ts): the
 * summary bar, each tree row's weight, which problems belong to a node, keyboard steps and the
 * notices. Sums and tolerances are shared/'s (validateScheme says the same about the same draft).
 */
import { describe, expect, it } from 'vitest';
import type { IndicatorNode, Problem, Scheme } from '../../shared/domain/types';
import { validateScheme, weightsAgree } from '../../shared/scheme/validate';
import { flatten } from '../../renderer/src/lib/tree';
import {
  checkDraft,
  importNotice,
  pct,
  problemsOf,
  rowOfProblem,
  rowWeight,
  saveNotice,
  shareOf,
  shownProblems,
  stepSelection,
  summaryView,
} from '../../renderer/src/pages/scheme-editor/summary';

const leaf = (code: string, weight: number, extra: Partial<IndicatorNode> = {}): IndicatorNode => ({
  code,
  name: `指标${code}`,
  weight,
  unit: '%',
  direction: 'higher',
  method: { type: 'ratio', target: 100 },
  ...extra,
});

function scheme(over: Partial<Scheme> = {}): Scheme {
  return {
    code: 'TC',
    name: '乡镇卫生院',
    year: 2025,
    targetKind: 'township_centre',
    fullScore: 100,
    indicators: [
      { code: 'A', name: '服务', weight: 50, children: [leaf('A1', 30, { publicWelfare: true }), leaf('A2', 20)] },
      { code: 'B', name: '管理', children: [leaf('B1', 50, { publicWelfare: true, children: [] })] },
    ],
    ...over,
  };
}

describe('the summary bar', () => {
  it('a valid scheme: total equals the full score, share of public-welfare leaves, change from last year', () => {
    const v = summaryView(scheme(), '0.7', []);
    expect(v).toEqual({
      totalText: '分值合计 100 / 满分 100',
      totalOk: true,
      shareText: '公益性指标占比 80%',
      changeText: '较上年 +10%',
      problemText: '方案有效',
      problemsOk: true,
    });
  });

  it('a leaf written with children: [] counts as a leaf (its weight and public-welfare share)', () => {
    expect(shareOf(scheme())).toBe('0.8');
    const s = scheme();
    s.indicators[1]!.children![0]!.weight = 45;
    const v = summaryView(s, null, validateScheme(s));
    expect(v.totalText).toBe('分值合计 95 / 满分 100（不等于满分）');
    expect(v.totalOk).toBe(false);
    expect(v.shareText).toBe('公益性指标占比 75%');
    expect(v.changeText).toBe('较上年 无上年方案');
    expect(v.problemText).toBe('1 处问题（可存为草稿，但不能计分）');
  });

  it('the tolerance is the shared one: 0.001 off still agrees, 0.002 does not', () => {
    const ok = scheme();
    ok.indicators[0]!.children![1]!.weight = 20.001;
    ok.indicators[0]!.weight = 50.001;
    expect(summaryView(ok, null, []).totalOk).toBe(true);
    expect(validateScheme(ok)).toEqual([]);
    const bad = scheme();
    bad.indicators[0]!.children![1]!.weight = 20.002;
    expect(summaryView(bad, null, []).totalOk).toBe(false);
    expect(weightsAgree('100', '100.001')).toBe(true);
    expect(weightsAgree(100, 100.002)).toBe(false);
  });

  it('minimum share and a fall from last year, in percent with at most 2 decimals', () => {
    const v = summaryView(scheme({ minPublicWelfareShare: 0.855 }), '0.8333', []);
    expect(v.shareText).toBe('公益性指标占比 80%（不低于 85.5%）');
    expect(v.changeText).toBe('较上年 -3.33%');
    expect(pct(null)).toBe('—');
    expect(pct('0.12345')).toBe('12.34%');
  });

  it('no share without a positive full score', () => {
    expect(shareOf(scheme({ fullScore: 0 }))).toBeNull();
    expect(summaryView(scheme({ fullScore: 0 }), '0.5', []).changeText).toBe('较上年 无上年方案');
  });
});

describe('tree rows', () => {
  it('a group shows its leaves’ sum (and its own weight when it has one), flagged when they differ', () => {
    const s = scheme();
    expect(rowWeight(s.indicators[0]!)).toEqual({ text: '50 / 50', mismatch: false });
    expect(rowWeight(s.indicators[1]!)).toEqual({ text: '50', mismatch: false });
    expect(rowWeight({ ...s.indicators[0]!, weight: 40 })).toEqual({ text: '50 / 40', mismatch: true });
  });

  it('a leaf shows its weight and 公 for public welfare; children: [] is a leaf too', () => {
    const s = scheme();
    expect(rowWeight(s.indicators[0]!.children![0]!)).toEqual({ text: '30 分 公', mismatch: false });
    expect(rowWeight(s.indicators[0]!.children![1]!)).toEqual({ text: '20 分', mismatch: false });
    expect(rowWeight(s.indicators[1]!.children![0]!)).toEqual({ text: '50 分 公', mismatch: false });
    expect(rowWeight({ code: 'X', name: '未填', children: [] })).toEqual({ text: '? 分', mismatch: false });
  });

  it('↑/↓ step through the rows in tree order and stop at either end', () => {
    const rows = flatten(scheme().indicators);
    expect(stepSelection(rows, [0], 'ArrowDown')).toEqual([0, 0]);
    expect(stepSelection(rows, [0, 1], 'ArrowDown')).toEqual([1]);
    expect(stepSelection(rows, [1], 'ArrowUp')).toEqual([0, 1]);
    expect(stepSelection(rows, [0], 'ArrowUp')).toBeNull();
    expect(stepSelection(rows, [1, 0], 'ArrowDown')).toBeNull();
    expect(stepSelection(rows, [0], 'Enter')).toBeNull();
  });
});

describe('problems', () => {
  const broken = (): Scheme => {
    const s = scheme();
    s.indicators[0]!.weight = 40; // A: 40 ≠ 30 + 20
    delete s.indicators[1]!.children![0]!.method; // B1: no method
    return s;
  };

  it('a node’s problems are its own and its fields’, not those of codes that merely start alike', () => {
    const problems: Problem[] = [
      { path: 'A', message: 'A：x' },
      { path: 'A.weight', message: 'y' },
      { path: 'A1', message: 'A1：z' },
      { path: 'grades', message: 'w' },
    ];
    expect(problemsOf(problems, 'A').map((p) => p.message)).toEqual(['A：x', 'y']);
    expect(problemsOf(problems, 'A1').map((p) => p.message)).toEqual(['A1：z']);
  });

  it('a problem leads to its node’s row, or to none when it is about the scheme’s settings', () => {
    const s = broken();
    const problems = checkDraft(s);
    // B1 (children: [] and no method) is a leaf without a method: it adds no weight, so the total is off too.
    expect(problems.map((p) => p.path)).toEqual(['A', 'B1', 'indicators']);
    const rows = flatten(s.indicators);
    expect(rowOfProblem(rows, problems[0]!)?.path).toEqual([0]);
    expect(rowOfProblem(rows, problems[1]!)?.path).toEqual([1, 0]);
    expect(rowOfProblem(rows, problems[2]!)).toBeUndefined();
    expect(rowOfProblem(rows, { path: 'grades[0].min', message: '' })).toBeUndefined();
  });

  it('a draft too broken to check gives one problem saying so instead of failing', () => {
    const s = scheme();
    (s.indicators[0]!.children![0] as { weight: unknown }).weight = Number.NaN;
    const p = checkDraft(s);
    expect(p).toHaveLength(1);
    expect(p[0]!.path).toBe('方案');
    expect(p[0]!.message).toMatch(/^方案结构不完整：/);
  });

  it('the save’s problems are shown until the draft changes', () => {
    const saved = [{ path: 'A', message: '保存时' }];
    const own = [{ path: 'B', message: '草稿' }];
    expect(shownProblems(saved, false, own)).toBe(saved);
    expect(shownProblems(saved, true, own)).toBe(own);
    expect(shownProblems(null, false, own)).toBe(own);
  });
});

describe('notices', () => {
  it('after saving: valid or draft with its problem count, and the values that followed a new code', () => {
    expect(saveNotice({ problems: [] })).toBe('方案已保存');
    expect(
      saveNotice({
        problems: [{ path: 'A', message: '' }],
        renamed: [
          { from: 'A1', to: 'A9', values: 12 },
          { from: 'B1', to: 'B2', values: 0 },
        ],
      }),
    ).toBe('已保存为草稿，有 1 处问题；已录入的数据随编码移动：A1→A9（12 个值）、B1→B2（0 个值）');
  });

  it('after importing', () => {
    expect(importNotice({ code: 'TC', problems: [] })).toBe('已导入方案 TC');
    expect(
      importNotice({
        code: 'TC',
        problems: [
          { path: 'x', message: '' },
          { path: 'y', message: '' },
        ],
      }),
    ).toBe('已导入方案 TC（草稿，有 2 处问题）');
  });
});

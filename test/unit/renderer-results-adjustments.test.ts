/**
 * The results page's pure parts (renderer/src/pages/results/): the 加减分与否决 table rows, the undo
 * title, the tab labels, and telling a scheme's problems from other failures of scoring.
 */
import { describe, expect, it } from 'vitest';
import type { AdjustmentRow, VetoRow } from '../../shared/api/contract';
import type { TargetResult } from '../../shared/domain/types';
import { formatTime } from '../../renderer/src/lib/format';
import { adjustmentLines, removalTitle, resultTabs, targetName } from '../../renderer/src/pages/results/adjustments';
import { scoreProblems } from '../../renderer/src/pages/results/scoreProblems';

const results = [
  { target: 'T01', name: '城关镇卫生院' },
  { target: 'T02', name: '石桥镇卫生院' },
] as TargetResult[];

const adj = (id: number, target: string, kind: 'bonus' | 'deduction', points: string): AdjustmentRow => ({
  id,
  target,
  kind,
  points,
  reason: kind === 'bonus' ? '省级表彰' : '通报批评',
  createdAt: '2026-03-01T08:09:10.000Z',
  createdBy: '张三',
});
const veto: VetoRow = {
  target: 'T09',
  reason: '重大安全事故',
  createdAt: '2026-03-02T00:00:00.000Z',
  createdBy: '李四',
};

describe('the adjustments table', () => {
  it('bonuses and deductions as recorded, then vetoes; names from the results, else the code', () => {
    const lines = adjustmentLines([adj(7, 'T02', 'bonus', '2'), adj(3, 'T01', 'deduction', '1.5')], [veto], results);
    expect(lines.map((l) => [l.key, l.target, l.kind, l.points, l.reason, l.veto])).toEqual([
      ['7', '石桥镇卫生院', '加分', '2', '省级表彰', false],
      ['3', '城关镇卫生院', '减分', '1.5', '通报批评', false],
      ['v-T09', 'T09', '一票否决', '', '重大安全事故', true],
    ]);
    expect(lines[0]!.entered).toBe(`张三 ${formatTime('2026-03-01T08:09:10.000Z')}`);
    expect(lines[0]!.entered).toMatch(/^张三 2026-03-0[12] \d\d:09:10$/);
    expect(lines[2]!.removal).toEqual({ kind: 'veto', row: veto });
    expect(lines[1]!.removal).toMatchObject({ kind: 'adj', row: { id: 3 } });
  });

  it('nothing recorded: no rows', () => {
    expect(adjustmentLines([], [], results)).toEqual([]);
  });

  it('target names', () => {
    expect(targetName(results, 'T01')).toBe('城关镇卫生院');
    expect(targetName(results, 'X')).toBe('X');
  });
});

describe('undo titles and tabs', () => {
  it('say what is undone and for whom', () => {
    expect(removalTitle({ kind: 'adj', row: adj(1, 'T01', 'bonus', '2.5') })).toBe('撤销加分 2.5 分（T01）');
    expect(removalTitle({ kind: 'adj', row: adj(1, 'T02', 'deduction', '1') })).toBe('撤销减分 1 分（T02）');
    expect(removalTitle({ kind: 'veto', row: veto })).toBe('撤销一票否决（T09）');
  });

  it('the last tab counts bonuses, deductions and vetoes together', () => {
    expect(resultTabs(2, 1)).toEqual([
      ['ranking', '排名'],
      ['charts', '图表'],
      ['whatif', '假设分析'],
      ['adjustments', '加减分与否决（3）'],
    ]);
  });
});

describe('a refused score', () => {
  it('an invalid scheme gives its problems', () => {
    const problems = [{ path: 'indicators', message: '末级指标分值合计 95，应等于满分 100' }];
    expect(scoreProblems({ code: 'INVALID', message: '方案无效', problems })).toEqual(problems);
  });

  it('any other failure is not mistaken for problems', () => {
    expect(scoreProblems({ code: 'INVALID', message: 'x', problems: [] })).toBeNull();
    expect(scoreProblems({ code: 'IO', message: '磁盘已满' })).toBeNull();
    expect(scoreProblems(new Error('boom'))).toBeNull();
    expect(scoreProblems(null)).toBeNull();
    expect(scoreProblems('text')).toBeNull();
  });
});

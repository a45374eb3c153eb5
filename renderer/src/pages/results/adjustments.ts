/**
 * The 加减分与否决 tab and the undo dialog, as pure functions: one table row per bonus, deduction
 * and veto, with the target's name from the results, and the title asking to undo one.
 */
import type { AdjustmentRow, VetoRow } from '../../../../shared/api/contract';
import type { TargetResult } from '../../../../shared/domain/types';
import { formatTime } from '../../lib/format';

/** What the user asked to undo: a bonus/deduction, or a veto. */
export type Removal = { kind: 'adj'; row: AdjustmentRow } | { kind: 'veto'; row: VetoRow };

export interface AdjustmentLine {
  key: string;
  /** The target's name, or its code when it is not among the results. */
  target: string;
  kind: '加分' | '减分' | '一票否决';
  points: string;
  reason: string;
  /** "录入": who and when. */
  entered: string;
  veto: boolean;
  removal: Removal;
}

export function targetName(results: TargetResult[], code: string): string {
  return results.find((r) => r.target === code)?.name ?? code;
}

/** Bonuses and deductions in the order recorded, then the vetoes. */
export function adjustmentLines(
  adjustments: AdjustmentRow[],
  vetoes: VetoRow[],
  results: TargetResult[],
): AdjustmentLine[] {
  return [
    ...adjustments.map((a): AdjustmentLine => ({
      key: String(a.id),
      target: targetName(results, a.target),
      kind: a.kind === 'bonus' ? '加分' : '减分',
      points: String(a.points),
      reason: a.reason,
      entered: `${a.createdBy} ${formatTime(a.createdAt)}`,
      veto: false,
      removal: { kind: 'adj', row: a },
    })),
    ...vetoes.map((v): AdjustmentLine => ({
      key: `v-${v.target}`,
      target: targetName(results, v.target),
      kind: '一票否决',
      points: '',
      reason: v.reason,
      entered: `${v.createdBy} ${formatTime(v.createdAt)}`,
      veto: true,
      removal: { kind: 'veto', row: v },
    })),
  ];
}

/** The undo dialog's title: "撤销加分 2 分（T01）", "撤销一票否决（T03）". */
export function removalTitle(r: Removal): string {
  return r.kind === 'adj'
    ? `撤销${r.row.kind === 'bonus' ? '加分' : '减分'} ${r.row.points} 分（${r.row.target}）`
    : `撤销一票否决（${r.row.target}）`;
}

export type ResultsTab = 'ranking' | 'charts' | 'whatif' | 'adjustments';

/** The tabs with their labels; the last counts the bonuses, deductions and vetoes. */
export function resultTabs(adjustments: number, vetoes: number): [ResultsTab, string][] {
  return [
    ['ranking', '排名'],
    ['charts', '图表'],
    ['whatif', '假设分析'],
    ['adjustments', `加减分与否决（${adjustments + vetoes}）`],
  ];
}

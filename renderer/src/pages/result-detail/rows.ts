/**
 * What one target's page (TargetDetail) shows, as pure functions: the indicator table's rows (groups
 * as headers with their subtotal, then their leaves, depth first; leaf or group by the shared
 * isLeaf, as the scorer reads the tree), each leaf's value cell, and the notes on the bonus cap,
 * the term appraisal and the bonuses and deductions recorded.
 */
import type { AdjustmentRow, TermReport } from '../../../../shared/api/contract';
import type { IndicatorNode, IndicatorResult, Scheme, TargetResult } from '../../../../shared/domain/types';
import { isLeaf } from '../../../../shared/scheme/validate';
import { flagsText, valueText } from '../../lib/format';

export interface IndicatorRow {
  node: IndicatorNode;
  depth: number;
  leaf: boolean;
  /** The code of the dimension (一级指标) the row is under. */
  dim: string;
}

/** Every node of the tree, depth first, in the order written. */
export function indicatorRows(scheme: Pick<Scheme, 'indicators'>): IndicatorRow[] {
  const out: IndicatorRow[] = [];
  const walk = (ns: IndicatorNode[], depth: number, dim: string) =>
    ns.forEach((n) => {
      const leaf = isLeaf(n);
      out.push({ node: n, depth, leaf, dim });
      if (!leaf) walk(n.children!, depth + 1, dim);
    });
  scheme.indicators.forEach((d) => walk([d], 0, d.code));
  return out;
}

/** A group row's text: "A 服务提供　小计 25.5 / 30" (no subtotal for a group the result lacks). */
export function groupText(node: IndicatorNode, r: TargetResult): string {
  const d = r.dimensions[node.code];
  return `${node.code} ${node.name}${d ? `　小计 ${d.score} / ${d.applicableWeight}` : ''}`;
}

/** A leaf's 填报值 cell: 缺报 and 不适用 marked, a number with the leaf's unit. */
export type ValueCell = { kind: 'missing' } | { kind: 'na' } | { kind: 'text'; text: string };

export function valueCell(ir: IndicatorResult | undefined, node: Pick<IndicatorNode, 'unit'>): ValueCell {
  if (!ir) return { kind: 'text', text: '' };
  if (ir.value.kind === 'missing') return { kind: 'missing' };
  if (ir.value.kind === 'na') return { kind: 'na' };
  return { kind: 'text', text: valueText(ir.value) + (ir.value.kind === 'number' ? (node.unit ?? '') : '') };
}

/** The leaf's columns after its value: 分值 (the result's, else the scheme's), 得分, 标记. */
export function leafCells(ir: IndicatorResult | undefined, node: IndicatorNode) {
  return { weight: String(ir?.weight ?? node.weight ?? ''), score: ir?.score ?? '—', flags: flagsText(ir?.flags) };
}

/** Said when the recorded bonuses pass the scheme's cap; null when they do not. */
export function bonusCapText(r: TargetResult, bonusCap: Scheme['bonusCap']): string | null {
  return r.bonusClaimed
    ? `加分已封顶：记录的加分合计 ${r.bonusClaimed} 分，超过方案上限 ${bonusCap ?? ''} 分，按 ${r.bonus} 分计入总分`
    : null;
}

/** The term appraisal's flags in words, with the county practice when the term failed. */
export function termFlagsText(term: Pick<TermReport, 'flags' | 'failLimit'>): { text: string; failed: boolean } {
  const failed = term.flags.includes('TERM_FAIL');
  return {
    text:
      flagsText(term.flags) + (failed ? `（任期内不合格达 ${term.failLimit} 次，本县做法：提请调整主要负责人）` : ''),
    failed,
  };
}

/** A term year's cells: 总分 (无结果 when none), 等次, 名次. */
export function termYearCells(y: TermReport['years'][number]) {
  return { total: y.total ?? '无结果', grade: y.grade ?? '', rank: y.rank ? `第 ${y.rank} 名` : '' };
}

/** One bonus or deduction as listed: "加 2 分：省级表彰". */
export function adjustmentText(a: Pick<AdjustmentRow, 'kind' | 'points' | 'reason'>): string {
  return `${a.kind === 'bonus' ? '加' : '减'} ${a.points} 分：${a.reason}`;
}

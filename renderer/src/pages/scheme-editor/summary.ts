/**
 * What the scheme editor shows about the draft, as pure functions: the summary bar (weight total,
 * public-welfare share and its change from last year, problem count), each tree row's weight, the
 * problems that concern a node, and the notices after save and import. The rules are shared
 * (validateScheme, publicWelfareShare, weightsAgree, isLeaf); this only says them.
 */
import type { IndicatorNode, Problem, Scheme } from '../../../../shared/domain/types';
import { dec } from '../../../../shared/decimal';
import {
  DEFAULT_FULL_SCORE,
  isLeaf,
  publicWelfareShare,
  validateScheme,
  weightsAgree,
} from '../../../../shared/scheme/validate';
import { leafWeightSum, samePath, type NodePath, type TreeRow } from '../../lib/tree';

/** The draft's problems; a draft too broken to check gives one problem saying so. */
export function checkDraft(s: Scheme): Problem[] {
  try {
    return validateScheme(s);
  } catch (e) {
    return [{ path: '方案', message: `方案结构不完整：${e instanceof Error ? e.message : String(e)}` }];
  }
}

/** A 0–1 share as a percent with at most 2 decimals ("0.305" → "30.5%"); none → "—". */
export function pct(x: string | null): string {
  return x == null ? '—' : `${dec(x).times(100).toDecimalPlaces(2).toFixed()}%`;
}

/** The share of the full score on public-welfare leaves (0–1 text); null when there is no positive full score. */
export function shareOf(s: Scheme): string | null {
  return (s.fullScore ?? DEFAULT_FULL_SCORE) > 0 ? publicWelfareShare(s).toFixed() : null;
}

export interface SummaryView {
  /** "分值合计 95 / 满分 100（不等于满分）" */
  totalText: string;
  totalOk: boolean;
  /** "公益性指标占比 30%（不低于 50%）" */
  shareText: string;
  /** "较上年 +5%", "较上年 -2.5%" or "较上年 无上年方案" */
  changeText: string;
  /** "2 处问题（可存为草稿，但不能计分）" or "方案有效" */
  problemText: string;
  problemsOk: boolean;
}

/** The summary bar above the tree. */
export function summaryView(s: Scheme, lastYearShare: string | null, problems: Problem[]): SummaryView {
  const full = s.fullScore ?? DEFAULT_FULL_SCORE;
  const total = leafWeightSum(s.indicators);
  const totalOk = weightsAgree(total, full);
  const share = shareOf(s);
  const change = share != null && lastYearShare != null ? dec(share).minus(lastYearShare) : null;
  return {
    totalText: `分值合计 ${total.toFixed()} / 满分 ${full}${totalOk ? '' : '（不等于满分）'}`,
    totalOk,
    shareText: `公益性指标占比 ${pct(share)}${
      s.minPublicWelfareShare != null ? `（不低于 ${pct(String(s.minPublicWelfareShare))}）` : ''
    }`,
    changeText: `较上年 ${change == null ? '无上年方案' : `${change.gte(0) ? '+' : ''}${pct(change.toFixed())}`}`,
    problemText: problems.length ? `${problems.length} 处问题（可存为草稿，但不能计分）` : '方案有效',
    problemsOk: problems.length === 0,
  };
}

/** A tree row's weight: a group shows its leaves' sum (and its own weight), a leaf its weight. */
export function rowWeight(n: IndicatorNode): { text: string; mismatch: boolean } {
  if (isLeaf(n)) return { text: `${n.weight ?? '?'} 分${n.publicWelfare ? ' 公' : ''}`, mismatch: false };
  const sum = leafWeightSum(n.children!);
  return {
    text: `${sum.toFixed()}${n.weight != null ? ` / ${n.weight}` : ''}`,
    mismatch: n.weight != null && !weightsAgree(sum, n.weight),
  };
}

/** Does the problem concern the node with this code (the node itself or one of its fields)? */
export function concerns(p: Problem, code: string): boolean {
  return p.path === code || p.path.startsWith(`${code}.`);
}

/** The problems of one node. */
export function problemsOf(problems: Problem[], code: string): Problem[] {
  return problems.filter((p) => concerns(p, code));
}

/** The tree row a problem points at, if it is about a node (else it is about the scheme's settings). */
export function rowOfProblem(rows: TreeRow[], p: Problem): TreeRow | undefined {
  return rows.find((r) => concerns(p, r.node.code));
}

/** The row to select with ↑ / ↓ from the row at `path`, or null at either end (or another key). */
export function stepSelection(rows: TreeRow[], path: NodePath, key: string): NodePath | null {
  const d = key === 'ArrowDown' ? 1 : key === 'ArrowUp' ? -1 : 0;
  if (d === 0) return null;
  const idx = rows.findIndex((x) => samePath(x.path, path));
  return rows[idx + d]?.path ?? null;
}

/** The problems shown: those the save reported while nothing changed since, else the draft's own. */
export function shownProblems(savedProblems: Problem[] | null, dirty: boolean, problems: Problem[]): Problem[] {
  return savedProblems && !dirty ? savedProblems : problems;
}

export interface SaveOutcome {
  problems: Problem[];
  renamed?: { from: string; to: string; values: number }[];
}

/** The notice after saving: draft or valid, and the stored values that followed a changed code. */
export function saveNotice(r: SaveOutcome): string {
  const moved = (r.renamed ?? []).map((m) => `${m.from}→${m.to}（${m.values} 个值）`).join('、');
  return `${r.problems.length ? `已保存为草稿，有 ${r.problems.length} 处问题` : '方案已保存'}${
    moved ? `；已录入的数据随编码移动：${moved}` : ''
  }`;
}

/** The notice after importing a scheme file. */
export function importNotice(r: { code: string; problems: Problem[] }): string {
  return r.problems.length ? `已导入方案 ${r.code}（草稿，有 ${r.problems.length} 处问题）` : `已导入方案 ${r.code}`;
}

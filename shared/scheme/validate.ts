/**
 * Scheme defaults and validity rules (scoring.md "Scheme", "Indicator tree", parameter checks).
 * A scheme that breaks any rule can be saved as a draft but not scored.
 */
import { Decimal, ZERO, dec } from '../decimal';
import type { GradeBand, IndicatorNode, Method, Problem, SalaryRule, Scheme } from '../domain/types';

export const DEFAULT_FULL_SCORE = 100;
export const DEFAULT_GRADES: GradeBand[] = [
  { name: '优秀', min: 90 },
  { name: '良好', min: 80 },
  { name: '合格', min: 60 },
  { name: '不合格', min: null },
];
export const MAX_DEPTH = 3;
const WEIGHT_TOLERANCE = new Decimal('0.001');

/** Two weights agree when they differ by at most 0.001 (a group and its leaves; all leaves and fullScore). */
export function weightsAgree(a: number | string | Decimal, b: number | string | Decimal): boolean {
  return dec(a).minus(dec(b)).abs().lte(WEIGHT_TOLERANCE);
}

/** Every leaf of the tree, depth first, in the order written. */
export function leaves(scheme: Pick<Scheme, 'indicators'>): IndicatorNode[] {
  const out: IndicatorNode[] = [];
  const walk = (nodes: IndicatorNode[]) => {
    for (const n of nodes) {
      if (n.children && n.children.length > 0) walk(n.children);
      else out.push(n);
    }
  };
  walk(scheme.indicators);
  return out;
}

export function isLeaf(node: IndicatorNode): boolean {
  return !node.children || node.children.length === 0;
}

/** Share of fullScore on public-welfare leaves (0–1, exact). */
export function publicWelfareShare(scheme: Scheme): Decimal {
  const full = dec(scheme.fullScore ?? DEFAULT_FULL_SCORE);
  if (full.isZero()) return ZERO;
  let s = ZERO;
  for (const l of leaves(scheme)) if (l.publicWelfare) s = s.plus(dec(l.weight ?? 0));
  return s.div(full);
}

function normalizeMethod(m: Method, lower: boolean): Method {
  switch (m.type) {
    case 'deduct':
      return { ...m, per: m.per ?? 1, mode: m.mode ?? 'proportional' };
    case 'rank':
      return { ...m, mode: m.mode ?? 'proportional' };
    case 'growth':
      return lower ? { ...m } : { ...m, floor: m.floor ?? 0 };
    default:
      return { ...m };
  }
}

function normalizeNode(n: IndicatorNode): IndicatorNode {
  if (n.children && n.children.length > 0) {
    const { method: _m, ...rest } = n;
    return { ...rest, children: n.children.map(normalizeNode) };
  }
  const direction = n.direction ?? 'higher';
  return {
    ...n,
    unit: n.unit ?? '',
    direction,
    publicWelfare: n.publicWelfare ?? false,
    min: n.min ?? null,
    max: n.max ?? null,
    criteria: n.criteria ?? '',
    ...(n.method ? { method: normalizeMethod(n.method, direction === 'lower') } : {}),
  };
}

/** The scheme with every default of scoring.md filled in (a new object; the input is untouched). */
export function normalizeScheme(scheme: Scheme): Scheme {
  // kMax defaults to 1 except for a linear rule (finance.md's linear example reaches k = 1.163 with no
  // kMax stated; shared/finance/salary.ts defaultKMax).
  const given = scheme.salary ?? {};
  const salary: SalaryRule = {
    mode: 'score',
    kMin: 0,
    ...(given.mode === 'linear' ? {} : { kMax: 1 }),
    cap: null,
    ...given,
  };
  return {
    ...scheme,
    fullScore: scheme.fullScore ?? DEFAULT_FULL_SCORE,
    grades: (scheme.grades ?? DEFAULT_GRADES).map((g) => ({ ...g })),
    bonusCap: scheme.bonusCap ?? null,
    naPolicy: scheme.naPolicy ?? 'rescale',
    minPublicWelfareShare: scheme.minPublicWelfareShare ?? null,
    salary,
    indicators: scheme.indicators.map(normalizeNode),
  };
}

const fmt = (d: Decimal) => d.toFixed();

/**
 * A problem with a leaf's scoring parameters, naming the field it is about so that a form can show
 * it there: `weight`, `method` (none chosen), a method field (`target`, `floor`, `ceiling`, `per`,
 * `points`, `step`, `targetYear`), `bands` / `labels` (the list as a whole), `bands.<i>.score`,
 * `bands.<i>.bound`, `labels.<i>.name`, `labels.<i>.factor` (i counts from 0).
 */
export interface MethodProblem {
  field: string;
  message: string;
}

/** The parameter rules of scoring.md for one leaf (its weight and its method), in a fixed order. */
export function methodProblems(node: Pick<IndicatorNode, 'direction' | 'method' | 'weight'>): MethodProblem[] {
  const out: MethodProblem[] = [];
  const p = (field: string, message: string) => out.push({ field, message });
  const w = dec(node.weight ?? 0);
  const m = node.method;
  if (!m) {
    p('method', '缺少计分方法');
    return out;
  }
  const lower = node.direction === 'lower';
  if (m.type === 'monitor') {
    if (!w.isZero()) p('weight', `监测指标的分值应为 0，现为 ${fmt(w)}`);
    return out;
  }
  if (w.lte(0)) p('weight', `分值应大于 0（仅监测指标可为 0），现为 ${fmt(w)}`);
  switch (m.type) {
    case 'ratio':
      if (dec(m.target).lte(0)) p('target', `比例得分的目标值应大于 0，现为 ${m.target}`);
      break;
    case 'linear':
    case 'growth': {
      const t = dec(m.target);
      if (lower) {
        if (m.ceiling == null) p('ceiling', '逆向指标需填写上限（ceiling）');
        else if (!dec(m.ceiling).gt(t)) p('ceiling', `上限 ${m.ceiling} 应大于目标值 ${m.target}`);
      } else {
        const f = m.floor ?? (m.type === 'growth' ? 0 : null);
        if (f == null) p('floor', '正向指标需填写下限（floor）');
        else if (!dec(f).lt(t)) p('floor', `下限 ${f} 应小于目标值 ${m.target}`);
      }
      break;
    }
    case 'bands': {
      if (m.bands.length === 0) p('bands', '分档至少需要一档');
      const seen = new Set<string>();
      m.bands.forEach((b, i) => {
        const s = dec(b.score);
        if (s.lt(0) || s.gt(w)) p(`bands.${i}.score`, `第 ${i + 1} 档得分 ${b.score} 应在 0～${fmt(w)} 之间`);
        const key = dec(b.bound).toFixed();
        if (seen.has(key)) p(`bands.${i}.bound`, `第 ${i + 1} 档的界值 ${b.bound} 重复`);
        seen.add(key);
      });
      break;
    }
    case 'deduct':
      if (m.per != null && !dec(m.per).gt(0)) p('per', `扣分单位（per）应大于 0，现为 ${m.per}`);
      if (!dec(m.points).gt(0)) p('points', `每单位扣分（points）应大于 0，现为 ${m.points}`);
      break;
    case 'rank':
      if (m.mode === 'step' && (m.step == null || !dec(m.step).gt(0)))
        p('step', '按名次递减需填写大于 0 的每名次分差（step）');
      break;
    case 'grade': {
      const entries = Object.entries(m.labels);
      if (entries.length === 0) p('labels', '定性指标至少需要一个等级');
      entries.forEach(([label, f], i) => {
        if (label.trim() === '') p(`labels.${i}.name`, '等级名称不能为空');
        if (dec(f).lt(0) || dec(f).gt(1)) p(`labels.${i}.factor`, `等级「${label}」的系数 ${f} 应在 0～1 之间`);
      });
      break;
    }
    case 'pace':
      if (!(m.targetYear > m.baseYear)) p('targetYear', `规划目标年份 ${m.targetYear} 应晚于基期年份 ${m.baseYear}`);
      break;
    default:
      break;
  }
  return out;
}

function checkMethod(node: IndicatorNode, out: Problem[]): void {
  for (const q of methodProblems(node)) out.push({ path: node.code, message: `${node.code}：${q.message}` });
}

function checkGrades(grades: GradeBand[], out: Problem[]): void {
  if (grades.length === 0) {
    out.push({ path: 'grades', message: '至少需要一个等次' });
    return;
  }
  const names = new Set<string>();
  let prev: Decimal | null = null;
  grades.forEach((g, i) => {
    const path = `grades[${i}]`;
    if (g.name.trim() === '') out.push({ path: `${path}.name`, message: `第 ${i + 1} 个等次的名称不能为空` });
    if (names.has(g.name)) out.push({ path: `${path}.name`, message: `等次名称「${g.name}」重复` });
    names.add(g.name);
    const last = i === grades.length - 1;
    if (last && g.min !== null)
      out.push({ path: `${path}.min`, message: `最后一个等次「${g.name}」的最低分应为 null（以下均属此等次）` });
    if (!last) {
      if (g.min === null)
        out.push({ path: `${path}.min`, message: `等次「${g.name}」需填写最低分（只有最后一个等次为 null）` });
      else {
        const m = dec(g.min);
        if (prev && !m.lt(prev))
          out.push({
            path: `${path}.min`,
            message: `等次应从高到低排列：「${g.name}」的最低分 ${g.min} 应低于上一等次`,
          });
        prev = m;
      }
    }
    if (g.quota != null && (g.quota < 0 || g.quota > 1))
      out.push({ path: `${path}.quota`, message: `等次「${g.name}」的比例上限 ${g.quota} 应在 0～1 之间` });
  });
}

function checkSalary(s: SalaryRule, grades: GradeBand[], out: Problem[]): void {
  const mode = s.mode ?? 'score';
  const kMin = dec(s.kMin ?? 0);
  // A linear rule without kMax has no upper limit (see normalizeScheme).
  const kMax = s.kMax == null && mode === 'linear' ? null : dec(s.kMax ?? 1);
  if (kMin.lt(0)) out.push({ path: 'salary.kMin', message: `最低系数 kMin 不能为负，现为 ${s.kMin}` });
  if (kMax && kMax.lt(kMin))
    out.push({ path: 'salary.kMax', message: `最高系数 kMax（${fmt(kMax)}）不能低于最低系数 kMin（${fmt(kMin)}）` });
  if (s.cap != null && !dec(s.cap).gt(0)) out.push({ path: 'salary.cap', message: `年薪上限应大于 0，现为 ${s.cap}` });
  if (mode === 'linear') {
    if (s.intercept == null) out.push({ path: 'salary.intercept', message: '线性系数模式需填写截距 intercept' });
    if (s.slope == null) out.push({ path: 'salary.slope', message: '线性系数模式需填写斜率 slope' });
  }
  if (mode === 'grade') {
    const gc = s.gradeCoefficients;
    if (!gc) out.push({ path: 'salary.gradeCoefficients', message: '按等次模式需填写各等次系数 gradeCoefficients' });
    else {
      for (const g of grades)
        if (!(g.name in gc)) out.push({ path: `salary.gradeCoefficients`, message: `缺少等次「${g.name}」的年薪系数` });
      for (const [name, k] of Object.entries(gc)) {
        if (!grades.some((g) => g.name === name))
          out.push({ path: `salary.gradeCoefficients.${name}`, message: `「${name}」不是本方案的等次` });
        if (k < 0) out.push({ path: `salary.gradeCoefficients.${name}`, message: `等次「${name}」的系数不能为负` });
      }
    }
  }
}

/** Every validity problem of scoring.md; [] means the scheme can be scored. */
export function validateScheme(input: Scheme): Problem[] {
  const out: Problem[] = [];
  const scheme = normalizeScheme(input);
  const full = dec(scheme.fullScore!);
  if (scheme.code.trim() === '') out.push({ path: 'code', message: '方案编码不能为空' });
  if (scheme.name.trim() === '') out.push({ path: 'name', message: '方案名称不能为空' });
  if (!full.gt(0)) out.push({ path: 'fullScore', message: `满分应大于 0，现为 ${scheme.fullScore}` });
  if (scheme.bonusCap != null && dec(scheme.bonusCap).lt(0))
    out.push({ path: 'bonusCap', message: `加分上限不能为负，现为 ${scheme.bonusCap}` });
  if (scheme.indicators.length === 0) out.push({ path: 'indicators', message: '方案没有任何指标' });

  const codes = new Map<string, number>();
  const walk = (nodes: IndicatorNode[], depth: number): Decimal => {
    let sum = ZERO;
    for (const n of nodes) {
      const c = n.code.trim();
      if (c === '') out.push({ path: n.name || '(未命名)', message: `指标「${n.name}」的编码不能为空` });
      codes.set(c, (codes.get(c) ?? 0) + 1);
      if (n.name.trim() === '') out.push({ path: n.code, message: `${n.code}：指标名称不能为空` });
      if (depth > MAX_DEPTH) out.push({ path: n.code, message: `${n.code}：指标层级超过 ${MAX_DEPTH} 级` });
      if (n.children && n.children.length > 0) {
        if (n.method) out.push({ path: n.code, message: `${n.code}：含下级指标的节点不能设置计分方法` });
        const childSum = walk(n.children, depth + 1);
        if (n.weight != null && !weightsAgree(n.weight, childSum))
          out.push({ path: n.code, message: `${n.code}：分值 ${n.weight} 与下级指标分值合计 ${fmt(childSum)} 不一致` });
        sum = sum.plus(childSum);
      } else if (n.children && !n.method) {
        out.push({ path: n.code, message: `${n.code}：没有下级指标，也没有计分方法` });
      } else {
        const w = dec(n.weight ?? 0);
        if (n.weight == null) out.push({ path: n.code, message: `${n.code}：缺少分值` });
        checkMethod(n, out);
        if (n.min != null && n.max != null && n.min > n.max)
          out.push({ path: n.code, message: `${n.code}：取值下限 ${n.min} 大于上限 ${n.max}` });
        sum = sum.plus(w);
      }
    }
    return sum;
  };
  const total = walk(scheme.indicators, 1);
  for (const [c, k] of codes) if (k > 1 && c !== '') out.push({ path: c, message: `指标编码「${c}」重复出现 ${k} 次` });
  if (scheme.indicators.length > 0 && !weightsAgree(total, full))
    out.push({ path: 'indicators', message: `末级指标分值合计 ${fmt(total)}，应等于满分 ${fmt(full)}` });

  checkGrades(scheme.grades!, out);
  const minShare = scheme.minPublicWelfareShare;
  if (minShare != null) {
    if (minShare < 0 || minShare > 1)
      out.push({ path: 'minPublicWelfareShare', message: `公益性指标最低占比 ${minShare} 应在 0～1 之间` });
    else if (full.gt(0)) {
      const share = publicWelfareShare(scheme);
      if (share.lt(dec(minShare)))
        out.push({
          path: 'minPublicWelfareShare',
          message: `公益性指标分值占比 ${share.times(100).toDecimalPlaces(2).toFixed()}%，低于要求的 ${dec(minShare).times(100).toFixed()}%`,
        });
    }
  }
  checkSalary(scheme.salary!, scheme.grades!, out);
  return out;
}

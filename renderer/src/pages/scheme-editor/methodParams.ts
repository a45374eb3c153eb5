/**
 * The node form's scoring parameters as pure functions: a fresh method when the type changes, the
 * edge (floor/ceiling) that follows the direction, the band and grade-label list edits, and each
 * parameter field's error. What a method's parameters must be is the shared rule
 * (shared/scheme/validate: methodProblems; shared/scoring/methods: paceMet); this only places its
 * answer at the field, in the few words a field needs.
 */
import type { Direction, IndicatorNode, Method, MethodType } from '../../../../shared/domain/types';
import { paceMet } from '../../../../shared/scoring/methods';
import { methodProblems } from '../../../../shared/scheme/validate';

type Band = { bound: number; score: number };
type PaceMethod = Extract<Method, { type: 'pace' }>;

/** A fresh method of a type, keeping the target value when the new type also has one. */
export function methodOfType(type: MethodType, old: Method | undefined): Method {
  const t = old && 'target' in old ? old.target : 0;
  switch (type) {
    case 'threshold':
      return { type, target: t };
    case 'ratio':
      return { type, target: t };
    case 'linear':
      return { type, target: t, floor: 0 };
    case 'growth':
      return { type, target: t, floor: 0 };
    case 'deduct':
      return { type, target: t, per: 1, points: 1, mode: 'proportional' };
    case 'bands':
      return { type, bands: [{ bound: t, score: 0 }] };
    case 'rank':
      return { type, mode: 'proportional' };
    case 'grade':
      return { type, labels: { 好: 1, 较好: 0.8, 一般: 0.6, 差: 0 } };
    case 'pace':
      return { type, baseline: 0, baseYear: 2020, target: t, targetYear: 2025, nature: 'expected' };
    default:
      return { type } as Method;
  }
}

/** The node with a method of another type; a monitor leaf (监测指标) weighs 0. */
export function withMethodType(n: IndicatorNode, type: MethodType): IndicatorNode {
  return { ...n, method: methodOfType(type, n.method), ...(type === 'monitor' ? { weight: 0 } : {}) };
}

/** The node with some of its method's fields changed. */
export function withMethodPatch(n: IndicatorNode, patch: Record<string, unknown>): IndicatorNode {
  return { ...n, method: { ...(n.method as Method), ...patch } as Method };
}

/**
 * The node with another direction. A linear or growth method switches edge with it: a floor of 0
 * for 正向, a ceiling of twice the target (1 when the target is 0) for 逆向.
 */
export function withDirection(n: IndicatorNode, d: Direction): IndicatorNode {
  const m = n.method;
  if (m && (m.type === 'linear' || m.type === 'growth')) {
    const { floor: _f, ceiling: _c, ...rest } = m;
    const method = (d === 'higher' ? { ...rest, floor: 0 } : { ...rest, ceiling: m.target * 2 || 1 }) as Method;
    return { ...n, direction: d, method };
  }
  return { ...n, direction: d };
}

/** Bands with band i changed. */
export function setBand(bands: Band[], i: number, patch: Partial<Band>): Band[] {
  return bands.map((b, j) => (j === i ? { ...b, ...patch } : b));
}

/** Bands without band i. */
export function removeBand(bands: Band[], i: number): Band[] {
  return bands.filter((_, j) => j !== i);
}

/** Bands with an empty band (0 → 0 points) at the end. */
export function addBand(bands: Band[]): Band[] {
  return [...bands, { bound: 0, score: 0 }];
}

type Labels = Record<string, number>;
const entriesOf = (labels: Labels) => Object.entries(labels);

/** The labels with label i renamed, in the same place (a name already used merges into it). */
export function renameLabel(labels: Labels, i: number, name: string): Labels {
  return Object.fromEntries(entriesOf(labels).map((x, j) => (j === i ? [name, x[1]] : x)));
}

/** The labels with label i's share of the points (0–1) changed; blank counts 0. */
export function setLabelFactor(labels: Labels, i: number, factor: number | undefined): Labels {
  return Object.fromEntries(entriesOf(labels).map((x, j) => (j === i ? [x[0], factor ?? 0] : x)));
}

/** The labels without label i. */
export function removeLabel(labels: Labels, i: number): Labels {
  return Object.fromEntries(entriesOf(labels).filter((_, j) => j !== i));
}

/** The labels with a new one, 等级N, worth 0. */
export function addLabel(labels: Labels): Labels {
  const list = entriesOf(labels);
  return Object.fromEntries([...list, [`等级${list.length + 1}`, 0]]);
}

/** The words shown at a field for its problem; the field's label says which parameter it is. */
const FIELD_TEXT: Record<string, string> = {
  target: '比例得分的目标值须大于 0',
  floor: '下限须小于目标值',
  ceiling: '上限须大于目标值',
  per: '须大于 0',
  points: '须大于 0',
  step: '须大于 0',
  targetYear: '目标年份须晚于基期年份',
  bands: '至少需要一档',
  labels: '至少需要一个等级',
  score: '须在 0 与分值之间',
  bound: '界限重复',
  name: '不能为空',
  factor: '须在 0—1 之间',
};

/**
 * Each method field's error (by methodProblems' field: `target`, `bands.2.score`, `labels.0.factor`
 * …). A blank field is left to its own 必填 mark, and the weight and the missing method are not
 * method fields. While a number the rules need is blank they cannot be checked: no errors then.
 */
export function paramErrors(node: IndicatorNode): Record<string, string> {
  const m = node.method as Record<string, unknown> | undefined;
  let problems;
  try {
    problems = methodProblems(node);
  } catch {
    return {};
  }
  const out: Record<string, string> = {};
  for (const p of problems) {
    if (p.field === 'weight' || p.field === 'method' || out[p.field]) continue;
    if (!p.field.includes('.') && m && m[p.field] == null && p.field !== 'bands' && p.field !== 'labels') continue;
    out[p.field] = FIELD_TEXT[p.field.split('.').pop()!] ?? p.message;
  }
  return out;
}

/** Has a pace leaf's baseline already met its target (scored as a threshold then)? No while a number is blank. */
export function paceBaselineMet(m: PaceMethod, direction: Direction): boolean {
  try {
    return paceMet(m, direction);
  } catch {
    return false;
  }
}

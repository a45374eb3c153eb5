/**
 * The domain's shapes, shared by the rules (shared/), the services (electron/), the CLI and the
 * renderer. Numbers that come from people (weights, parameters, values, money) travel as decimal
 * strings or JSON numbers converted through their shortest string form, never through binary
 * arithmetic: see shared/decimal.ts.
 */

export const TARGET_KINDS = [
  'medical_group',
  'county_hospital',
  'township_centre',
  'community_centre',
  'village_clinic',
  'stationed_staff',
  'family_doctor_team',
  'other',
] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

export const TARGET_KIND_NAMES: Record<TargetKind, string> = {
  medical_group: '医疗集团',
  county_hospital: '县级医院',
  township_centre: '乡镇卫生院',
  community_centre: '社区卫生服务中心',
  village_clinic: '村卫生室',
  stationed_staff: '驻点医务人员',
  family_doctor_team: '家庭医生团队',
  other: '其他',
};

export type Direction = 'higher' | 'lower';
export type NaPolicy = 'rescale' | 'full' | 'zero';

/** Scoring methods, exactly as scheme-json.md. Numeric parameters are JSON numbers. */
export type Method =
  | { type: 'threshold'; target: number }
  | { type: 'ratio'; target: number }
  | { type: 'linear'; target: number; floor?: number; ceiling?: number }
  | { type: 'bands'; bands: { bound: number; score: number }[] }
  | { type: 'deduct'; target: number; per?: number; points: number; mode?: 'proportional' | 'whole' | 'floor' }
  | { type: 'rank'; mode?: 'proportional' | 'step'; step?: number }
  | { type: 'minmax' }
  | { type: 'grade'; labels: Record<string, number> }
  | { type: 'growth'; target: number; floor?: number; ceiling?: number }
  | { type: 'manual' }
  | { type: 'best' }
  | { type: 'monitor' }
  | {
      type: 'pace';
      /** Plan baseline value (基期值) in baseYear, the plan target in targetYear. */
      baseline: number;
      baseYear: number;
      target: number;
      targetYear: number;
      /** 预期性 / 约束性: shown, not scored. */
      nature?: 'expected' | 'binding';
    };
export type MethodType = Method['type'];

export const METHOD_NAMES: Record<MethodType, string> = {
  threshold: '达标得分',
  ratio: '比例得分',
  linear: '区间线性',
  bands: '分档',
  deduct: '扣分',
  rank: '排名',
  minmax: '极值标准化',
  grade: '定性',
  growth: '增长率',
  manual: '直接打分',
  best: '与最优比',
  monitor: '监测指标',
  pace: '规划进度',
};

/** A node of the indicator tree. A node with `children` is a dimension / group; without, a leaf. */
export interface IndicatorNode {
  code: string;
  name: string;
  /** Leaves: points (分值). Inner nodes: optional, must then equal the sum of the children. */
  weight?: number;
  unit?: string;
  direction?: Direction;
  method?: Method;
  publicWelfare?: boolean;
  min?: number | null;
  max?: number | null;
  criteria?: string;
  /** Where the rule comes from (document and article); used by built-in templates. */
  source?: string;
  /** Plan indicators (规划指标, monitor leaves): baseline, target year value and nature. */
  plan?: PlanTarget;
  children?: IndicatorNode[];
}

/** 规划指标: 2020 baseline, 2025 target and nature (预期性 expected / 约束性 binding). */
export interface PlanTarget {
  baselineYear: number;
  /** null when the plan gives no baseline. */
  baseline: number | null;
  targetYear: number;
  target: number;
  nature: 'expected' | 'binding';
}
export const PLAN_NATURE_NAMES: Record<PlanTarget['nature'], string> = { expected: '预期性', binding: '约束性' };

export interface GradeBand {
  name: string;
  /** null only for the last band (anything below). */
  min: number | null;
  /** Largest share (0–1) of the scheme's targets that may hold this band. */
  quota?: number | null;
}

export type SalaryMode = 'score' | 'linear' | 'grade';
export interface SalaryRule {
  mode?: SalaryMode;
  intercept?: number;
  slope?: number;
  kMin?: number;
  kMax?: number;
  gradeCoefficients?: Record<string, number>;
  cap?: number | null;
}

export interface Scheme {
  code: string;
  name: string;
  year: number;
  targetKind: TargetKind;
  fullScore?: number;
  grades?: GradeBand[];
  bonusCap?: number | null;
  naPolicy?: NaPolicy;
  minPublicWelfareShare?: number | null;
  salary?: SalaryRule;
  indicators: IndicatorNode[];
}

/** A stored/entered value. `number` keeps the exact decimal text as entered (normalised). */
export type Value =
  { kind: 'number'; number: string } | { kind: 'label'; label: string } | { kind: 'na' } | { kind: 'missing' };

export interface Target {
  code: string;
  name: string;
  kind: TargetKind;
  /** Code of the parent medical group, if any. */
  group?: string | null;
  /** First year the target is appraised (inclusive); null or absent: no start. */
  from?: number | null;
  /** Last year the target is appraised (inclusive); null or absent: no end (not retired). */
  to?: number | null;
  /**
   * @deprecated Replaced by the years (from, to). Accepted on input for older callers: `true`
   * changes nothing; `false` is refused with a pointer to 终止年度 / retire. Never returned.
   */
  active?: boolean;
}

/** Whether a target is appraised in `year` (its from..to span holds it). */
export function appraisedIn(t: { from?: number | null; to?: number | null }, year: number): boolean {
  return (t.from == null || t.from <= year) && (t.to == null || t.to >= year);
}

/** The span in Chinese: "2025 年起", "至 2024 年", "2021–2024 年", "" when unbounded. */
export function spanText(t: { from?: number | null; to?: number | null }): string {
  if (t.from != null && t.to != null) return t.from === t.to ? `${t.from} 年` : `${t.from}–${t.to} 年`;
  if (t.from != null) return `${t.from} 年起`;
  if (t.to != null) return `至 ${t.to} 年`;
  return '';
}

export interface Adjustment {
  target: string;
  kind: 'bonus' | 'deduction';
  /** Decimal string, > 0. */
  points: string;
  reason: string;
}

export interface Veto {
  target: string;
  reason: string;
}

/** A problem found in a scheme or an input, in Chinese, with the place it concerns. */
export interface Problem {
  /** Node code (e.g. "A1") or field path (e.g. "indicators[0].children[2].method.target"). */
  path: string;
  message: string;
}

export type Flag =
  | 'MISSING'
  | 'NA'
  | 'NO_DATA'
  | 'NO_BASELINE'
  | 'QUOTA'
  | 'VETO'
  | 'CAPPED'
  | 'OVER_CAP'
  | 'REPEATED_FAIL'
  | 'BONUS_CAPPED'
  | 'FEW_PEERS'
  | 'TERM_GAP'
  | 'TERM_FAIL';

export const FLAG_NAMES: Record<Flag, string> = {
  MISSING: '缺报',
  NA: '不适用',
  NO_DATA: '无可用数据',
  NO_BASELINE: '无上年基数',
  QUOTA: '受比例限制降档',
  VETO: '一票否决',
  CAPPED: '超过年薪上限',
  OVER_CAP: '超过总量上限',
  REPEATED_FAIL: '连续不合格',
  BONUS_CAPPED: '加分已封顶',
  FEW_PEERS: '比较对象少于 3 个',
  TERM_GAP: '任期内有年度无考核结果',
  TERM_FAIL: '任期内多次考核不合格',
};

/** One leaf's result. Numbers are decimal strings rounded to 2 places (score) or as entered (value). */
export interface IndicatorResult {
  code: string;
  value: Value;
  /** null for monitor leaves and N/A leaves under `rescale` (they count nowhere). */
  score: string | null;
  weight: string;
  flags: Flag[];
  trace: string;
}

export interface DimensionResult {
  code: string;
  name: string;
  score: string;
  applicableWeight: string;
}

export interface TargetResult {
  target: string;
  name: string;
  base: string;
  bonus: string;
  deduction: string;
  total: string;
  grade: string;
  rank: number;
  veto: string | null;
  flags: Flag[];
  dimensions: Record<string, DimensionResult>;
  indicators: Record<string, IndicatorResult>;
  /**
   * Set only when the bonus points recorded add up to more than the scheme's bonusCap: their sum
   * ("4.00"); `bonus` is then the cap (scoring.md step 5). The flags stay as the spec lists them.
   */
  bonusClaimed?: string;
}

export interface SchemeResult {
  year: number;
  scheme: string;
  fullScore: string;
  /** Ordered by rank. */
  results: TargetResult[];
}

/**
 * The scheme exchange JSON (scheme-json.md): a strict shape check that reports every unknown
 * field, missing required field and wrong type with its path, and the canonical writer.
 * Parsing fills nothing in (defaults belong to normalizeScheme); targetKind may be the English
 * code or the Chinese name and is normalised to the code.
 */
import { z } from 'zod';
import {
  METHOD_NAMES,
  TARGET_KINDS,
  TARGET_KIND_NAMES,
  type IndicatorNode,
  type Method,
  type Problem,
  type Scheme,
  type TargetKind,
} from '../domain/types';
import { placeOf } from './place';
import { isLeaf } from './validate';

export { leaves, isLeaf, normalizeScheme, publicWelfareShare, validateScheme } from './validate';

const num = z.number();
const optNum = num.optional();

const methodSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('threshold'), target: num }),
  z.strictObject({ type: z.literal('ratio'), target: num }),
  z.strictObject({ type: z.literal('linear'), target: num, floor: optNum, ceiling: optNum }),
  z.strictObject({ type: z.literal('bands'), bands: z.array(z.strictObject({ bound: num, score: num })) }),
  z.strictObject({
    type: z.literal('deduct'),
    target: num,
    per: optNum,
    points: num,
    mode: z.enum(['proportional', 'whole', 'floor']).optional(),
  }),
  z.strictObject({ type: z.literal('rank'), mode: z.enum(['proportional', 'step']).optional(), step: optNum }),
  z.strictObject({ type: z.literal('minmax') }),
  z.strictObject({ type: z.literal('grade'), labels: z.record(z.string(), num) }),
  z.strictObject({ type: z.literal('growth'), target: num, floor: optNum, ceiling: optNum }),
  z.strictObject({ type: z.literal('manual') }),
  z.strictObject({ type: z.literal('best') }),
  z.strictObject({ type: z.literal('monitor') }),
  z.strictObject({
    type: z.literal('pace'),
    baseline: num,
    baseYear: z.number().int(),
    target: num,
    targetYear: z.number().int(),
    nature: z.enum(['expected', 'binding']).optional(),
  }),
]);

const nodeSchema: z.ZodType<IndicatorNode> = z.strictObject({
  code: z.string(),
  name: z.string(),
  weight: optNum,
  unit: z.string().optional(),
  direction: z.enum(['higher', 'lower']).optional(),
  method: methodSchema.optional(),
  publicWelfare: z.boolean().optional(),
  min: num.nullable().optional(),
  max: num.nullable().optional(),
  criteria: z.string().optional(),
  source: z.string().optional(),
  // 规划指标: baseline, target-year value and nature (预期性/约束性), shown as progress to target.
  plan: z
    .strictObject({
      baselineYear: z.number().int(),
      baseline: num.nullable(),
      targetYear: z.number().int(),
      target: num,
      nature: z.enum(['expected', 'binding']),
    })
    .optional(),
  get children() {
    return z.array(nodeSchema).optional();
  },
}) as unknown as z.ZodType<IndicatorNode>;

/** English code or Chinese name → TargetKind, or null. */
export function targetKindOf(s: string): TargetKind | null {
  const t = s.trim();
  if ((TARGET_KINDS as readonly string[]).includes(t)) return t as TargetKind;
  for (const k of TARGET_KINDS) if (TARGET_KIND_NAMES[k] === t) return k;
  return null;
}

const targetKindSchema = z.string().transform((s, ctx) => {
  const k = targetKindOf(s);
  if (!k) {
    ctx.issues.push({
      code: 'custom',
      input: s,
      message: `未知的对象类型「${s}」，应为 ${TARGET_KINDS.map((c) => `${c}（${TARGET_KIND_NAMES[c]}）`).join('、')}`,
    });
    return z.NEVER;
  }
  return k;
});

const schemeSchema = z.strictObject({
  code: z.string(),
  name: z.string(),
  year: z.number().int(),
  targetKind: targetKindSchema,
  fullScore: optNum,
  grades: z
    .array(z.strictObject({ name: z.string(), min: num.nullable(), quota: num.nullable().optional() }))
    .optional(),
  bonusCap: num.nullable().optional(),
  naPolicy: z.enum(['rescale', 'full', 'zero']).optional(),
  minPublicWelfareShare: num.nullable().optional(),
  salary: z
    .strictObject({
      mode: z.enum(['score', 'linear', 'grade']).optional(),
      intercept: optNum,
      slope: optNum,
      kMin: optNum,
      kMax: optNum,
      gradeCoefficients: z.record(z.string(), num).optional(),
      cap: num.nullable().optional(),
    })
    .optional(),
  indicators: z.array(nodeSchema),
});

/** ["indicators", 0, "children", 2, "method", "target"] → "indicators[0].children[2].method.target". */
export function formatPath(path: readonly PropertyKey[]): string {
  let s = '';
  for (const p of path) {
    if (typeof p === 'number') s += `[${p}]`;
    else s += (s === '' ? '' : '.') + String(p);
  }
  return s;
}

const TYPE_NAMES: Record<string, string> = {
  number: '数值',
  string: '文本',
  boolean: '布尔值（true/false）',
  array: '数组',
  object: '对象',
  record: '对象',
  null: 'null',
  int: '整数',
};

function typeOfInput(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return '数组';
  if (typeof v === 'number') return Number.isInteger(v) ? '整数' : '数值';
  return TYPE_NAMES[typeof v] ?? typeof v;
}

function issueToProblems(issue: z.core.$ZodIssue, input?: unknown): Problem[] {
  const path = formatPath(issue.path);
  const field = issue.path.length ? String(issue.path[issue.path.length - 1]) : '';
  const at = path || '(根)';
  // Messages name the place in Chinese (等次第2档·最低分); `path` keeps the machine path.
  const here = placeOf(at, input);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((k) => {
        const p = path ? `${path}.${k}` : k;
        return { path: p, message: `${placeOf(p, input)}：未知字段「${k}」` };
      });
    case 'invalid_type': {
      const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
      if (issue.input === undefined) return [{ path: at, message: `${here}：缺少必填字段「${field}」（${expected}）` }];
      return [{ path: at, message: `${here}：类型错误，应为${expected}，实际为${typeOfInput(issue.input)}` }];
    }
    case 'invalid_value':
      return [
        {
          path: at,
          message: `${here}：取值「${String(issue.input)}」无效，应为 ${issue.values.map(String).join('、')} 之一`,
        },
      ];
    case 'invalid_union': {
      // Discriminated union: unknown or missing method type.
      const endsWithType = issue.path[issue.path.length - 1] === 'type';
      const p = endsWithType ? path : path ? `${path}.type` : 'type';
      const input = issue.input as unknown;
      const given = input && typeof input === 'object' ? (input as Record<string, unknown>).type : input;
      const types = Object.keys(METHOD_NAMES).join('、');
      if (given === undefined)
        return [{ path: p, message: `${placeOf(p, input)}：缺少必填字段「type」（计分方法：${types}）` }];
      return [{ path: p, message: `${placeOf(p, input)}：未知的计分方法「${String(given)}」，应为 ${types} 之一` }];
    }
    case 'too_small':
    case 'too_big':
    case 'invalid_format':
      return [{ path: at, message: `${here}：取值无效（${issue.message}）` }];
    case 'custom':
      return [{ path: at, message: `${here}：${issue.message}` }];
    default:
      if ((issue as { expected?: string }).expected === 'int') return [{ path: at, message: `${here}：应为整数` }];
      return [{ path: at, message: `${here}：取值无效` }];
  }
}

/** Fields a method needs that depend on other fields (direction, mode) — still "required fields". */
function methodRequirements(nodes: IndicatorNode[], base: string, out: Problem[], scheme?: unknown): void {
  nodes.forEach((n, i) => {
    const p = `${base}[${i}]`;
    if (!isLeaf(n)) {
      methodRequirements(n.children!, `${p}.children`, out, scheme);
      return;
    }
    if (n.weight === undefined)
      out.push({
        path: `${p}.weight`,
        message: `${placeOf(`${p}.weight`, scheme)}：缺少必填字段「weight」（指标 ${n.code} 的分值）`,
      });
    const m: Method | undefined = n.method;
    if (!m) {
      out.push({
        path: `${p}.method`,
        message: `${placeOf(`${p}.method`, scheme)}：缺少必填字段「method」（指标 ${n.code} 的计分方法）`,
      });
      return;
    }
    const lower = n.direction === 'lower';
    const need = (field: string, what: string) =>
      out.push({
        path: `${p}.method.${field}`,
        message: `${placeOf(`${p}.method.${field}`, scheme)}：缺少必填字段「${field}」（${what}）`,
      });
    if (m.type === 'linear') {
      if (lower && m.ceiling === undefined) need('ceiling', '逆向区间线性需填写上限');
      if (!lower && m.floor === undefined) need('floor', '正向区间线性需填写下限');
    }
    if (m.type === 'growth' && lower && m.ceiling === undefined) need('ceiling', '逆向增长率需填写上限');
    if (m.type === 'rank' && m.mode === 'step' && m.step === undefined) need('step', '按名次递减需填写每名次分差');
  });
}

/** Strict shape check of the exchange JSON; problems carry field paths, messages are Chinese. */
export function parseSchemeJson(input: unknown): { scheme: Scheme | null; problems: Problem[] } {
  if (typeof input === 'string') {
    try {
      input = JSON.parse(input);
    } catch (e) {
      return { scheme: null, problems: [{ path: '(根)', message: `不是有效的 JSON：${(e as Error).message}` }] };
    }
  }
  const r = schemeSchema.safeParse(input, { reportInput: true });
  if (!r.success) return { scheme: null, problems: r.error.issues.flatMap((i) => issueToProblems(i, input)) };
  const scheme = r.data as Scheme;
  const problems: Problem[] = [];
  methodRequirements(scheme.indicators, 'indicators', problems, scheme);
  return problems.length ? { scheme: null, problems } : { scheme, problems };
}

function methodJson(m: Method): Record<string, unknown> {
  const o: Record<string, unknown> = { type: m.type };
  const put = (k: string, v: unknown) => {
    if (v !== undefined) o[k] = v;
  };
  switch (m.type) {
    case 'threshold':
    case 'ratio':
      put('target', m.target);
      break;
    case 'linear':
    case 'growth':
      put('target', m.target);
      put('floor', m.floor);
      put('ceiling', m.ceiling);
      break;
    case 'bands':
      put(
        'bands',
        m.bands.map((b) => ({ bound: b.bound, score: b.score })),
      );
      break;
    case 'deduct':
      put('target', m.target);
      put('per', m.per);
      put('points', m.points);
      put('mode', m.mode);
      break;
    case 'rank':
      put('mode', m.mode);
      put('step', m.step);
      break;
    case 'grade':
      put('labels', { ...m.labels });
      break;
    case 'pace':
      put('baseline', m.baseline);
      put('baseYear', m.baseYear);
      put('target', m.target);
      put('targetYear', m.targetYear);
      put('nature', m.nature);
      break;
    default:
      break;
  }
  return o;
}

function nodeJson(n: IndicatorNode): Record<string, unknown> {
  const o: Record<string, unknown> = { code: n.code, name: n.name };
  const put = (k: string, v: unknown) => {
    if (v !== undefined) o[k] = v;
  };
  put('weight', n.weight);
  put('unit', n.unit);
  put('direction', n.direction);
  if (n.method) o.method = methodJson(n.method);
  put('publicWelfare', n.publicWelfare);
  put('min', n.min);
  put('max', n.max);
  put('criteria', n.criteria);
  put('source', n.source);
  if (n.plan) o.plan = { ...n.plan };
  if (n.children) o.children = n.children.map(nodeJson);
  return o;
}

/** The canonical exchange JSON object of a scheme (field order as scheme-json.md; lossless). */
export function schemeToJson(s: Scheme): Record<string, unknown> {
  const o: Record<string, unknown> = { code: s.code, name: s.name, year: s.year, targetKind: s.targetKind };
  const put = (k: string, v: unknown) => {
    if (v !== undefined) o[k] = v;
  };
  put('fullScore', s.fullScore);
  put(
    'grades',
    s.grades?.map((g) =>
      g.quota === undefined ? { name: g.name, min: g.min } : { name: g.name, min: g.min, quota: g.quota },
    ),
  );
  put('bonusCap', s.bonusCap);
  put('naPolicy', s.naPolicy);
  put('minPublicWelfareShare', s.minPublicWelfareShare);
  if (s.salary) {
    const r: Record<string, unknown> = {};
    for (const k of ['mode', 'intercept', 'slope', 'kMin', 'kMax', 'gradeCoefficients', 'cap'] as const) {
      const v = s.salary[k];
      if (v !== undefined) r[k] = k === 'gradeCoefficients' ? { ...(v as Record<string, number>) } : v;
    }
    o.salary = r;
  }
  o.indicators = s.indicators.map(nodeJson);
  return o;
}

/** The exchange JSON as text (2-space indent, as `scheme export` writes it). */
export function schemeToJsonText(s: Scheme): string {
  return JSON.stringify(schemeToJson(s), null, 2) + '\n';
}

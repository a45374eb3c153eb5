/**
 * Input schemas of every AppraisalApi method (zod), checked before a service runs, on every
 * transport. Messages are Chinese; `describeIssues` turns zod issues into Problems whose path names
 * the field (e.g. "input.target.code").
 */
import { z } from 'zod';
import type { ApiMethod } from './contract';
import type { Problem } from '../domain/types';
import { TARGET_KINDS, TARGET_KIND_NAMES } from '../domain/types';
import { numberTextOf } from '../values/parse';
import { TERM_FAIL_LIMIT_MAX, TERM_YEARS_MAX } from '../finance/term';

const zhCN = z.locales.zhCN().localeError;

const year = z
  .number({ error: '年度须为整数，如 2024' })
  .int('年度须为整数，如 2024')
  .min(2000, '年度须在 2000–2100 之间')
  .max(2100, '年度须在 2000–2100 之间');
const code = (what: string) =>
  z
    .string({ error: `${what}须为文字` })
    .trim()
    .min(1, `${what}不能为空`)
    .max(64, `${what}不能超过 64 个字符`);
const schemeCode = code('方案编码');
const targetCode = code('考核对象编码');
const reason = z.string({ error: '原因须为文字' }).trim().min(1, '请填写原因');
const optReason = z.string({ error: '原因须为文字' }).optional();
/**
 * A decimal text such as "2", "1.25", "80000.00", also typed with thousands separators or full-width
 * digits ("60,000" → "60000", as in imports: numberTextOf); no exponent.
 */
const decimalText = (what: string) =>
  z.string({ error: `${what}须为数字文字` }).transform((s, ctx) => {
    const n = numberTextOf(s);
    if (n !== null) return n;
    ctx.addIssue({ code: 'custom', message: `${what}须为数字，如 2、1.25 或 60,000` });
    return z.NEVER;
  });
const positiveDecimal = (what: string) => decimalText(what).refine((s) => Number(s) > 0, `${what}须大于 0`);
const nonNegDecimal = (what: string) => decimalText(what).refine((s) => !s.startsWith('-'), `${what}不能为负数`);

/** Target kind: the English code or its Chinese name (scheme-json.md) → the English code. */
export const targetKindSchema = z
  .string({ error: '对象类型须为文字' })
  .trim()
  .transform((s, ctx) => {
    if ((TARGET_KINDS as readonly string[]).includes(s)) return s as (typeof TARGET_KINDS)[number];
    const byName = TARGET_KINDS.find((k) => TARGET_KIND_NAMES[k] === s);
    if (byName) return byName;
    ctx.addIssue({
      code: 'custom',
      message: `未知的对象类型“${s}”，应为 ${TARGET_KINDS.map((k) => `${k}（${TARGET_KIND_NAMES[k]}）`).join('、')}`,
    });
    return z.NEVER;
  });

const filePayload = z.strictObject({
  fileName: z.string({ error: '文件名须为文字' }).min(1, '文件名不能为空'),
  base64: z.string({ error: '文件内容须为 base64 文字' }),
});

const target = z
  .strictObject({
    code: targetCode,
    name: z.string({ error: '对象名称须为文字' }).trim().min(1, '对象名称不能为空'),
    kind: targetKindSchema,
    group: z
      .string()
      .trim()
      .nullish()
      .transform((g) => (g ? g : null)),
    // Absent: an existing target keeps its years (a new one has none); null: no limit.
    from: year.nullish(),
    to: year.nullish(),
    // Deprecated (the years replaced it): true changes nothing, false is refused by the service.
    active: z.boolean({ error: '启用标志须为 true 或 false' }).optional(),
  })
  .refine((t) => t.from == null || t.to == null || t.from <= t.to, {
    message: '起始年度不能晚于终止年度',
    path: ['to'],
  });

const yearScheme = { year, scheme: schemeCode };

const salaryInput = z.strictObject({
  person: z.string({ error: '姓名须为文字' }).trim().min(1, '姓名不能为空'),
  role: z.string({ error: '职务须为文字' }).trim().min(1, '职务不能为空'),
  target: targetCode,
  scheme: schemeCode,
  base: nonNegDecimal('基本年薪'),
  performanceBase: nonNegDecimal('绩效年薪基数'),
  months: z
    .number({ error: '任职月数须为 1–12 的整数' })
    .int('任职月数须为 1–12 的整数')
    .min(1, '任职月数须为 1–12 的整数')
    .max(12, '任职月数须为 1–12 的整数')
    .default(12),
  cap: nonNegDecimal('年薪上限')
    .nullish()
    .transform((c) => c ?? null),
  payer: z
    .string({ error: '发放主体须为文字（县财政或医疗集团的编码、名称）' })
    .trim()
    .nullish()
    // Left out: keep the stored payer; null or blank: back to the default (finance.md).
    .transform((p) => (p === undefined ? undefined : p ? p : null)),
});

/**
 * A backup by its name in <dataFolder>/备份/ (as listBackups gives it): no folders, so a page can
 * never make the program read or write a path of its choosing.
 */
const backupName = z
  .string({ error: '请从备份列表中选择一个备份' })
  .min(1, '请从备份列表中选择一个备份')
  .max(255, '备份文件名过长')
  .refine(
    // eslint-disable-next-line no-control-regex -- a file name with control characters is refused
    (s) => !/[/\\:\u0000-\u001f]/.test(s) && !s.startsWith('.') && /\.(db|sqlite)$/i.test(s),
    '只能使用“备份”文件夹中的备份文件（请从列表中选择，不接受路径）',
  );

const none = z.union([z.undefined(), z.strictObject({})]).transform(() => ({}));

export const apiInputSchemas = {
  getSettings: none,
  saveSettings: z.strictObject({
    countyName: z.string({ error: '县名须为文字' }).trim().max(64, '县名不能超过 64 个字符'),
    appraiserName: z.string({ error: '考核人员姓名须为文字' }).trim().max(64, '姓名不能超过 64 个字符'),
  }),
  // No paths from a page: backups always go to <dataFolder>/备份/ (the CLI uses services.backupTo).
  backup: none,
  listBackups: none,
  // What to restore from: a backup listed by listBackups (by name), or an uploaded file.
  restore: z
    .strictObject({ name: backupName.optional(), upload: filePayload.optional() })
    .refine(
      (v) => (v.name === undefined) !== (v.upload === undefined),
      '请从备份列表中选择一个备份，或上传一个备份文件（二者选一）',
    ),
  inspectBackup: z
    .strictObject({ name: backupName.optional(), upload: filePayload.optional() })
    .refine(
      (v) => (v.name === undefined) !== (v.upload === undefined),
      '请从备份列表中选择一个备份，或上传一个备份文件（二者选一）',
    ),
  downloadBackup: z.strictObject({ name: backupName }),
  openDemo: none,
  openMainDatabase: none,
  listYears: none,
  listSchemes: z.strictObject({ year: year.optional() }),
  listTargets: z
    .strictObject({
      kind: targetKindSchema.optional(),
      year: year.optional(),
      scheme: schemeCode.optional(),
      includeInactive: z.boolean().optional(),
    })
    .refine((i) => i.scheme === undefined || i.year !== undefined, {
      message: '按方案列出考核对象时须同时给出年度',
      path: ['year'],
    }),
  saveTarget: z.strictObject({ target, reason: optReason }),
  retireTarget: z.strictObject({ code: targetCode, from: year, reason }),
  importTargets: z.strictObject({ file: filePayload }),
  downloadTargetsTemplate: z
    .union([z.undefined(), z.strictObject({ empty: z.boolean().optional() })])
    .transform((i) => i ?? {}),
  getScheme: z.strictObject(yearScheme),
  // The scheme itself is checked by parseSchemeJson (field paths of scheme-json.md).
  saveScheme: z.strictObject({
    scheme: z.unknown(),
    year: year.optional(),
    reason: optReason,
    strict: z.boolean().optional(),
    // Indicator codes changed since the stored scheme: old code → new code (their values follow).
    renames: z.record(z.string(), z.string().trim().min(1, '新的指标编码不能为空')).optional(),
  }),
  checkScheme: z.strictObject(yearScheme),
  schemeWarnings: z.strictObject(yearScheme),
  copySchemes: z.strictObject({ fromYear: year, toYear: year, schemes: z.array(schemeCode).optional() }),
  deleteScheme: z.strictObject({ ...yearScheme, reason }),
  exportSchemeXlsx: z.strictObject(yearScheme),
  importSchemeXlsx: z.strictObject({ file: filePayload, year: year.optional() }),
  listTemplates: none,
  useTemplate: z.strictObject({ name: z.string().min(1, '请选择模板'), year, code: schemeCode.optional() }),
  getValues: z.strictObject(yearScheme),
  setValue: z.strictObject({
    ...yearScheme,
    target: targetCode,
    indicator: code('指标编码'),
    text: z.string({ error: '值须为文字（数字、等级、N/A 或空）' }),
    reason: optReason,
  }),
  setValues: z.strictObject({
    ...yearScheme,
    cells: z.array(
      z.strictObject({ target: targetCode, indicator: code('指标编码'), text: z.string({ error: '值须为文字' }) }),
    ),
    reason: optReason,
  }),
  valueHistory: z.strictObject({ ...yearScheme, target: targetCode, indicator: code('指标编码') }),
  downloadTemplate: z.strictObject(yearScheme),
  importValues: z.strictObject({
    ...yearScheme,
    file: filePayload,
    dryRun: z.boolean().optional(),
    mode: z.enum(['merge', 'replace'], { error: '导入方式须为 merge（合并）或 replace（整表替换）' }).optional(),
  }),
  markedCopy: z.strictObject({ ...yearScheme, file: filePayload }),
  listImports: z.strictObject({
    year: year.optional(),
    scheme: schemeCode.optional(),
    kind: z.string().optional(),
    limit: z.number().int().positive('条数须为正整数').optional(),
  }),
  undoImport: z.strictObject({ importId: z.number().int().positive('导入编号须为正整数'), reason: optReason }),
  getBaselines: z.strictObject(yearScheme),
  setBaseline: z.strictObject({
    ...yearScheme,
    target: targetCode,
    indicator: code('指标编码'),
    text: z.string({ error: '上年数须为文字（数字、N/A 或空）' }),
    reason: optReason,
  }),
  score: z.strictObject(yearScheme),
  whatIf: z.strictObject({
    ...yearScheme,
    weights: z.record(z.string(), z.number({ error: '权重须为数字' }).min(0, '权重不能为负数')),
  }),
  listAdjustments: z.strictObject(yearScheme),
  addAdjustment: z.strictObject({
    ...yearScheme,
    target: targetCode,
    kind: z.enum(['bonus', 'deduction'], { error: '类型须为 bonus（加分）或 deduction（减分）' }),
    points: positiveDecimal('分数'),
    reason,
  }),
  removeAdjustment: z.strictObject({ ...yearScheme, id: z.number().int().positive('编号须为正整数'), reason }),
  listVetoes: z.strictObject(yearScheme),
  setVeto: z.strictObject({ ...yearScheme, target: targetCode, reason }),
  removeVeto: z.strictObject({ ...yearScheme, target: targetCode, reason }),
  gradeHistory: z.strictObject({ target: targetCode, scheme: schemeCode }),
  listSalaryInputs: z.strictObject({ year }),
  setSalaryInput: z.strictObject({ year, input: salaryInput, reason: optReason }),
  removeSalaryInput: z.strictObject({
    year,
    person: z.string().trim().min(1, '姓名不能为空'),
    target: targetCode,
    reason,
  }),
  importSalary: z.strictObject({ year, file: filePayload }),
  computeSalary: z.strictObject({ year }),
  allocate: z.strictObject({
    ...yearScheme,
    amount: nonNegDecimal('待分配资金'),
    factors: z.record(z.string(), nonNegDecimal('分配系数')).optional(),
    excludeGrades: z.array(z.string().trim().min(1, '等级名称不能为空')).optional(),
  }),
  getAllocation: z.strictObject(yearScheme),
  exportResults: z.strictObject(yearScheme),
  listPayTotals: z.strictObject({ year }),
  setPayTotal: z.strictObject({
    year,
    target: targetCode,
    proposed: nonNegDecimal('绩效工资总量申报数'),
    benchmark: nonNegDecimal('绩效工资总量基准'),
    multiple: positiveDecimal('倍数').optional(),
    excluded: nonNegDecimal('不纳入总量的项目（签约服务费等）').optional(),
    reason,
  }),
  computePayTotals: z.strictObject(yearScheme),
  listSurplus: z.strictObject({ year }),
  splitSurplus: z.strictObject({
    year,
    target: targetCode,
    amount: nonNegDecimal('医保结余资金'),
    split: z.string({ error: '分配比例须为文字，如 40:60' }).trim().optional(),
    tiers: z.string({ error: '县乡村比例须为文字，如 6:3:1' }).trim().optional(),
    reason,
  }),
  termAppraisal: z.strictObject({
    scheme: schemeCode,
    target: targetCode,
    from: year,
    to: year,
    failLimit: z
      .number({ error: '不合格次数上限须为正整数' })
      .int('不合格次数上限须为正整数')
      .min(1, '不合格次数上限须为正整数')
      .max(TERM_FAIL_LIMIT_MAX, '不合格次数上限过大')
      .optional(),
  }),
  getTermSettings: none,
  saveTermSettings: z.strictObject({
    failLimit: z
      .number({ error: '不合格次数上限须为正整数' })
      .int('不合格次数上限须为正整数')
      .min(1, '不合格次数上限须为正整数')
      .max(TERM_FAIL_LIMIT_MAX, '不合格次数上限过大'),
    years: z
      .number({ error: `任期年数须为 1–${TERM_YEARS_MAX} 的整数` })
      .int(`任期年数须为 1–${TERM_YEARS_MAX} 的整数`)
      .min(1, `任期年数须为 1–${TERM_YEARS_MAX} 的整数`)
      .max(TERM_YEARS_MAX, `任期年数须为 1–${TERM_YEARS_MAX} 的整数`),
    reason: optReason,
  }),
  resultUses: z.strictObject({ year }),
  exportResultUses: z.strictObject({ year }),
  lock: z.strictObject(yearScheme),
  unlock: z.strictObject({ ...yearScheme, reason }),
  verifyWorkbook: z.strictObject({ file: filePayload }),
  audit: z.strictObject({
    since: z
      .string()
      .refine((s) => !Number.isNaN(Date.parse(s)), '时间须为 ISO 格式，如 2024-01-31 或 2024-01-31T08:00:00Z')
      .optional(),
    entity: z.string().optional(),
    text: z.string().optional(),
    limit: z.number().int().positive('条数须为正整数').optional(),
    order: z.enum(['newest', 'oldest'], { error: '顺序须为 newest（最新在前）或 oldest（最早在前）' }).optional(),
    beforeId: z.number().int().positive('编号须为正整数').optional(),
  }),
} satisfies Record<ApiMethod, z.ZodType>;

/** What a service gets after the check (defaults filled, texts normalised). */
export type ApiInput<M extends ApiMethod> = z.output<(typeof apiInputSchemas)[M]>;
/** What a caller may send: the input types of `AppraisalApi`, derived here rather than restated. */
export type ApiInputOf<M extends ApiMethod> = z.input<(typeof apiInputSchemas)[M]>;

/** "cells[2].text" from ["cells", 2, "text"]; "（输入）" for the root (as the dispatcher writes it). */
function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || '（输入）';
}

/** zod issues → Problems with field paths and Chinese messages. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): Problem[] {
  return issues.map((i) => {
    if (i.code === 'unrecognized_keys') {
      const base = i.path.length > 0 ? `${pathText(i.path)}.` : '';
      return { path: `${base}${i.keys.join(',')}`, message: `未知的字段：${i.keys.join('、')}` };
    }
    return { path: pathText(i.path), message: i.message };
  });
}

/**
 * Inputs these schemas produced. A call is checked once, where it enters: the dispatcher (IPC, web
 * host) checks and the service it calls finds the input already checked; the CLI and tests call
 * the services, which check it there.
 */
const checkedInputs = new WeakMap<object, ApiMethod>();

/** An input that was checked for `method` before it crossed a thread (the worker gets it from the dispatcher). */
export function markChecked(method: ApiMethod, input: unknown): void {
  if (typeof input === 'object' && input !== null) checkedInputs.set(input, method);
}

/** Checks one method's input; returns the parsed input or the problems. */
export function checkApiInput<M extends ApiMethod>(
  method: M,
  input: unknown,
): { ok: true; value: ApiInput<M> } | { ok: false; problems: Problem[] } {
  // Checked for this very method: an input checked for another one is checked again.
  if (typeof input === 'object' && input !== null && checkedInputs.get(input) === method)
    return { ok: true, value: input as ApiInput<M> };
  const schema = apiInputSchemas[method] as z.ZodType;
  const r = schema.safeParse(input ?? {}, { error: zhCN });
  if (r.success) {
    markChecked(method, r.data);
    return { ok: true, value: r.data as ApiInput<M> };
  }
  return { ok: false, problems: describeIssues(r.error.issues) };
}

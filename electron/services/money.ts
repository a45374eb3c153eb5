/**
 * The money rules of finance.md that need the store: who pays each salary line (发放主体), a group's
 * 绩效工资总量, the 医保结余 split, term appraisal (任期目标考核) and the page 考核结果运用.
 * Every change: checked → one transaction → lock guard → write → audit entry.
 */
import type {
  PayTotalInputRow,
  PayTotalLine,
  PayTotalReport,
  ResultFeed,
  ResultUseReport,
  ResultUseRow,
  SalaryInput,
  SalaryLine,
  SurplusRecord,
  TermReport,
  TermSettings,
} from '../../shared/api/contract';
import type { SchemeResult } from '../../shared/domain/types';
import {
  COUNTY_FINANCE,
  DEFAULT_TERM_FAIL_LIMIT,
  approvedPayTotal,
  checkTermSpan,
  defaultPayer,
  formatK,
  parseFenAmount,
  parseRatios,
  resolvePayer as resolvePayerText,
  salaryCoefficient,
  splitSurplusTiers,
  termAppraisal as appraiseTerm,
  type TermYearInput,
} from '../../shared/finance';
import { dec } from '../../shared/decimal';
import type { ServiceContext } from './context';
import { ApiError } from './errors';
import { resultsForHistory, score } from './scoring';
import { requireScheme } from './schemes';
import { canonicalTargetCode } from './targets';

// ---------- who pays (发放主体) ----------

function groups(ctx: ServiceContext): { code: string; name: string }[] {
  return ctx.all(
    ctx.db.selectFrom('targets').select(['code', 'name']).where('kind', '=', 'medical_group').orderBy('code'),
  );
}

/**
 * A payer as typed (县财政, a group's code or name) → 县财政 or the group's code; INPUT error naming
 * the person and the payer when it is neither.
 */
export function resolvePayer(ctx: ServiceContext, text: string, person: string): string {
  const gs = groups(ctx);
  const p = resolvePayerText(text, gs);
  if (p === null) {
    const message = `人员“${person}”的发放主体“${text}”既不是县财政，也不是已登记的医疗集团（可填：${[COUNTY_FINANCE, ...gs.map((g) => `${g.code} ${g.name}`)].join('、')}）`;
    throw new ApiError('INPUT', message, { problems: [{ path: 'input.payer', message }] });
  }
  return p;
}

/** Sets `payer` on every line: the one set by hand, else the default of finance.md. */
export function attachPayers(ctx: ServiceContext, inputs: SalaryInput[], lines: SalaryLine[]): SalaryLine[] {
  const targets = new Map(
    ctx
      .all(ctx.db.selectFrom('targets').select(['code', 'kind', 'group_code']))
      .map((t) => [t.code, { kind: t.kind, group: t.group_code }]),
  );
  return lines.map((l, i) => {
    const own = inputs[i]?.payer;
    const t = targets.get(l.target);
    return { ...l, payer: own || (t ? defaultPayer(t) : COUNTY_FINANCE) };
  });
}

/** Names for payers: 县财政, or each group's name by code. */
export function payerNames(ctx: ServiceContext): Map<string, string> {
  const m = new Map<string, string>([[COUNTY_FINANCE, COUNTY_FINANCE]]);
  for (const g of groups(ctx)) m.set(g.code, g.name);
  return m;
}

// ---------- shared checks ----------

function requireGroup(ctx: ServiceContext, typed: string): { code: string; name: string } {
  const code = canonicalTargetCode(ctx, typed);
  const t = ctx.first(ctx.db.selectFrom('targets').select(['code', 'name', 'kind']).where('code', '=', code));
  if (!t)
    throw new ApiError('INPUT', `未知的考核对象 ${code}`, {
      problems: [{ path: 'target', message: `未知的考核对象 ${code}` }],
    });
  if (t.kind !== 'medical_group') {
    throw new ApiError('INPUT', `考核对象 ${code}（${t.name}）不是医疗集团`, {
      problems: [{ path: 'target', message: '须为医疗集团' }],
    });
  }
  return { code: t.code, name: t.name };
}

/** The schemes of the year that appraise medical groups. */
function groupSchemes(ctx: ServiceContext, year: number): string[] {
  return ctx
    .all(
      ctx.db
        .selectFrom('schemes')
        .select('code')
        .where('year', '=', year)
        .where('target_kind', '=', 'medical_group')
        .orderBy('code'),
    )
    .map((r) => r.code);
}

/** Refuses (LOCKED) a change to a group's money when a group scheme of that year is locked. */
function assertGroupYearUnlocked(ctx: ServiceContext, year: number): void {
  for (const code of groupSchemes(ctx, year)) ctx.assertUnlocked(year, code);
}

/** The year's final results of a scheme: the lock snapshot when locked, else scored now. */
function yearResults(ctx: ServiceContext, year: number, code: string): SchemeResult | null {
  return resultsForHistory(ctx, year, code)?.results ?? null;
}

function amountOf(x: string, what: string): string {
  try {
    return parseFenAmount(x, what).toFixed(2);
  } catch (e) {
    throw new ApiError('INPUT', (e as Error).message, { problems: [{ path: what, message: (e as Error).message }] });
  }
}

// ---------- 绩效工资总量 ----------

function payTotalRow(
  r: {
    year: number;
    target: string;
    proposed: string;
    benchmark: string;
    multiple: string;
    excluded: string;
    updated_at: string;
    updated_by: string;
  },
  name: string,
): PayTotalInputRow {
  return {
    year: r.year,
    target: r.target,
    name,
    proposed: r.proposed,
    benchmark: r.benchmark,
    multiple: r.multiple,
    excluded: r.excluded,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  };
}

export function listPayTotals(ctx: ServiceContext, year: number): PayTotalInputRow[] {
  return ctx
    .all(
      ctx.db
        .selectFrom('pay_totals as p')
        .innerJoin('targets as t', 't.code', 'p.target')
        .selectAll('p')
        .select('t.name')
        .where('p.year', '=', year)
        .orderBy('p.target'),
    )
    .map((r) => payTotalRow(r, r.name));
}

export function setPayTotal(
  ctx: ServiceContext,
  i: {
    year: number;
    target: string;
    proposed: string;
    benchmark: string;
    multiple?: string;
    excluded?: string;
    reason: string;
  },
): PayTotalInputRow {
  return ctx.tx(() => {
    const g = requireGroup(ctx, i.target);
    const schemes = groupSchemes(ctx, i.year);
    for (const code of schemes) ctx.assertUnlocked(i.year, code);
    const row = {
      proposed: amountOf(i.proposed, '绩效工资总量申报数'),
      benchmark: amountOf(i.benchmark, '绩效工资总量基准'),
      multiple: dec(i.multiple ?? '5').toFixed(),
      excluded: amountOf(i.excluded ?? '0', '不纳入总量的项目（签约服务费等）'),
    };
    if (!dec(row.multiple).gt(0)) throw new ApiError('INPUT', `倍数须大于 0（现为 ${row.multiple}）`);
    // The total rests on the group's appraisal: a group with no result that year is refused.
    const appraised = schemes.some((code) => yearResults(ctx, i.year, code)?.results.some((r) => r.target === g.code));
    if (!appraised) {
      const why =
        schemes.length === 0
          ? `${i.year} 年度没有考核医疗集团的方案`
          : `它不在 ${i.year} 年度方案 ${schemes.join('、')} 的考核结果中`;
      throw new ApiError(
        'INPUT',
        `医疗集团 ${g.code}（${g.name}）在 ${i.year} 年度没有考核结果（${why}），不能核定绩效工资总量`,
        {
          problems: [{ path: 'target', message: `${g.code}（${g.name}）没有考核结果` }],
        },
      );
    }
    const old = ctx.first(
      ctx.db.selectFrom('pay_totals').selectAll().where('year', '=', i.year).where('target', '=', g.code),
    );
    const stored = { year: i.year, target: g.code, ...row, updated_at: ctx.now(), updated_by: ctx.who() };
    if (old)
      ctx.run(ctx.db.updateTable('pay_totals').set(stored).where('year', '=', i.year).where('target', '=', g.code));
    else ctx.run(ctx.db.insertInto('pay_totals').values(stored));
    ctx.audit({
      action: old ? '修改' : '新增',
      entity: 'pay_total',
      key: `${i.year}/${g.code}`,
      old: old
        ? { proposed: old.proposed, benchmark: old.benchmark, multiple: old.multiple, excluded: old.excluded }
        : null,
      new: row,
      reason: i.reason,
    });
    return payTotalRow(stored, g.name);
  });
}

/**
 * The approved totals of the groups with stored inputs that the scheme appraises. A group with inputs
 * but no result under the scheme that year is an error naming it.
 */
export function computePayTotals(ctx: ServiceContext, year: number, code: string): PayTotalReport {
  const s = requireScheme(ctx, year, code, true);
  if (s.normalized.targetKind !== 'medical_group') {
    throw new ApiError('INPUT', `方案 ${code} 考核的不是医疗集团，绩效工资总量按考核医疗集团的方案核定`);
  }
  const inputs = listPayTotals(ctx, year);
  const result = yearResults(ctx, year, code);
  if (!result) throw new ApiError('INPUT', `${year} 年度方案 ${code} 不能计分，无法核定绩效工资总量`);
  const byTarget = new Map(result.results.map((r) => [r.target, r]));
  const missing = inputs.filter((p) => !byTarget.has(p.target));
  if (missing.length > 0) {
    const names = missing.map((p) => `${p.target}（${p.name}）`).join('、');
    throw new ApiError('INPUT', `医疗集团 ${names} 在 ${year} 年度方案 ${code} 中没有考核结果，无法核定绩效工资总量`, {
      problems: missing.map((p) => ({ path: p.target, message: `${p.name}没有 ${year} 年度考核结果` })),
    });
  }
  const rule = s.normalized.salary ?? {};
  const groups: PayTotalLine[] = inputs.map((p) => {
    const r = byTarget.get(p.target)!;
    let k;
    try {
      k = salaryCoefficient(rule, { total: r.total, grade: r.grade, vetoed: r.veto !== null }, result.fullScore);
    } catch (e) {
      throw new ApiError('INPUT', `医疗集团 ${p.target}（${p.name}）：${(e as Error).message}`);
    }
    const t = approvedPayTotal({
      proposed: p.proposed,
      benchmark: p.benchmark,
      multiple: p.multiple,
      k,
      excluded: p.excluded,
    });
    return {
      target: p.target,
      name: p.name,
      k: formatK(k),
      proposed: p.proposed,
      benchmark: p.benchmark,
      multiple: p.multiple,
      cap: t.limit,
      adjusted: t.adjusted,
      approved: t.approved,
      excluded: t.excluded,
      available: t.available,
      flags: t.flags,
    };
  });
  return { year, scheme: code, groups };
}

// ---------- 医保结余 ----------

function surplusRecord(
  r: {
    year: number;
    target: string;
    amount: string;
    split: string;
    tiers: string | null;
    result: string;
    reason: string;
    updated_at: string;
    updated_by: string;
  },
  name: string,
): SurplusRecord {
  const res = JSON.parse(r.result) as { development: string; staff: string; tiers: SurplusRecord['tiers'] };
  return {
    year: r.year,
    target: r.target,
    name,
    amount: r.amount,
    development: res.development,
    staff: res.staff,
    split: JSON.parse(r.split) as string[],
    tierRatio: r.tiers ? (JSON.parse(r.tiers) as string[]) : null,
    tiers: res.tiers,
    reason: r.reason,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  };
}

export function listSurplus(ctx: ServiceContext, year: number): SurplusRecord[] {
  return ctx
    .all(
      ctx.db
        .selectFrom('surplus_splits as s')
        .innerJoin('targets as t', 't.code', 's.target')
        .selectAll('s')
        .select('t.name')
        .where('s.year', '=', year)
        .orderBy('s.target'),
    )
    .map((r) => surplusRecord(r, r.name));
}

export function splitSurplus(
  ctx: ServiceContext,
  i: { year: number; target: string; amount: string; split?: string; tiers?: string; reason: string },
): SurplusRecord {
  return ctx.tx(() => {
    const g = requireGroup(ctx, i.target);
    assertGroupYearUnlocked(ctx, i.year);
    const amount = amountOf(i.amount, '医保结余资金');
    let split: string[];
    let tiers: string[] | null;
    try {
      split = parseRatios(i.split ?? '40:60', 2, '发展/薪酬比例');
      tiers = i.tiers === undefined || i.tiers.trim() === '' ? null : parseRatios(i.tiers, 3, '县乡村比例');
    } catch (e) {
      throw new ApiError('INPUT', (e as Error).message, {
        problems: [{ path: 'split', message: (e as Error).message }],
      });
    }
    const r = splitSurplusTiers(amount, { split, tiers });
    const old = ctx.first(
      ctx.db.selectFrom('surplus_splits').selectAll().where('year', '=', i.year).where('target', '=', g.code),
    );
    const stored = {
      year: i.year,
      target: g.code,
      amount,
      split: JSON.stringify(split),
      tiers: tiers ? JSON.stringify(tiers) : null,
      result: JSON.stringify({ development: r.development, staff: r.staff, tiers: r.tiers }),
      reason: i.reason,
      updated_at: ctx.now(),
      updated_by: ctx.who(),
    };
    if (old)
      ctx.run(ctx.db.updateTable('surplus_splits').set(stored).where('year', '=', i.year).where('target', '=', g.code));
    else ctx.run(ctx.db.insertInto('surplus_splits').values(stored));
    ctx.audit({
      action: old ? '重新分配' : '分配',
      entity: 'surplus',
      key: `${i.year}/${g.code}`,
      old: old
        ? {
            amount: old.amount,
            split: JSON.parse(old.split),
            tiers: old.tiers ? JSON.parse(old.tiers) : null,
            ...JSON.parse(old.result),
          }
        : null,
      new: { amount, split, tiers, development: r.development, staff: r.staff, tierParts: r.tiers },
      reason: i.reason,
    });
    return surplusRecord(stored, g.name);
  });
}

// ---------- 任期目标考核 ----------

const TERM_KEYS = { failLimit: 'termFailLimit', years: 'termYears' } as const;

export function getTermSettings(ctx: ServiceContext): TermSettings {
  const rows = ctx.all(
    ctx.db.selectFrom('settings').select(['key', 'value']).where('key', 'in', Object.values(TERM_KEYS)),
  );
  const get = (k: string, d: number) => {
    const n = Number(rows.find((r) => r.key === k)?.value);
    return Number.isInteger(n) && n >= 1 ? n : d;
  };
  return { failLimit: get(TERM_KEYS.failLimit, DEFAULT_TERM_FAIL_LIMIT), years: get(TERM_KEYS.years, 3) };
}

export function saveTermSettings(
  ctx: ServiceContext,
  i: { failLimit: number; years: number; reason?: string },
): TermSettings {
  ctx.tx(() => {
    const old = getTermSettings(ctx);
    for (const [field, key] of Object.entries(TERM_KEYS) as [keyof TermSettings, string][]) {
      const value = String(i[field]);
      ctx.run(
        ctx.db
          .insertInto('settings')
          .values({ key, value })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value })),
      );
    }
    ctx.audit({
      action: '修改',
      entity: 'settings',
      key: 'term',
      old,
      new: { failLimit: i.failLimit, years: i.years },
      reason: i.reason ?? null,
    });
  });
  return getTermSettings(ctx);
}

/** Each year's result of one scheme code, read once for many targets. */
type YearResults = Map<number, { results: SchemeResult; lastBand: string } | null>;

function termYears(ctx: ServiceContext, code: string, from: number, to: number): YearResults {
  const m: YearResults = new Map();
  for (let y = from; y <= to; y++) m.set(y, resultsForHistory(ctx, y, code));
  return m;
}

function termOf(target: string, from: number, to: number, years: YearResults, failLimit: number) {
  const input: TermYearInput[] = [];
  for (const [year, h] of years) {
    const r = h?.results.results.find((x) => x.target === target);
    input.push({
      year,
      result:
        r && h ? { total: r.total, grade: r.grade, rank: r.rank, vetoed: r.veto !== null, lastBand: h.lastBand } : null,
    });
  }
  return appraiseTerm(from, to, input, failLimit);
}

export function termAppraisal(
  ctx: ServiceContext,
  i: { scheme: string; target: string; from: number; to: number; failLimit?: number },
): TermReport {
  const failLimit = i.failLimit ?? getTermSettings(ctx).failLimit;
  try {
    checkTermSpan(i.from, i.to, failLimit);
  } catch (e) {
    throw new ApiError('INPUT', (e as Error).message, { problems: [{ path: 'from', message: (e as Error).message }] });
  }
  const t = ctx.first(
    ctx.db.selectFrom('targets').select(['code', 'name']).where('code', '=', canonicalTargetCode(ctx, i.target)),
  );
  if (!t) throw new ApiError('INPUT', `未知的考核对象 ${i.target}`);
  const any = ctx.first(ctx.db.selectFrom('schemes').select('year').where('code', '=', i.scheme));
  if (!any) throw new ApiError('INPUT', `没有编码为 ${i.scheme} 的考核方案`);
  const r = termOf(t.code, i.from, i.to, termYears(ctx, i.scheme, i.from, i.to), failLimit);
  return { target: t.code, name: t.name, scheme: i.scheme, ...r };
}

// ---------- 考核结果运用 ----------

/** seed 000 第22条, as written. */
export const ARTICLE_22 = '对连续 2 年考核不合格的，由医疗集团根据法定程序解除其聘用合同，变更主要负责人。';
export const SOURCE_22 = '运政办发〔2019〕3号 第22条';
export const SOURCE_TERM = '汴政办〔2019〕74号 三(一)、四(七)';

export function resultUses(ctx: ServiceContext, year: number): ResultUseReport {
  const settings = getTermSettings(ctx);
  const termFrom = year - settings.years + 1;
  const schemes = ctx.all(
    ctx.db.selectFrom('schemes').select(['code', 'name', 'target_kind']).where('year', '=', year).orderBy('code'),
  );
  const salaryBy = new Map<string, number>();
  for (const r of ctx.all(ctx.db.selectFrom('salary_inputs').select('scheme').where('year', '=', year))) {
    salaryBy.set(r.scheme, (salaryBy.get(r.scheme) ?? 0) + 1);
  }
  const payTotals = listPayTotals(ctx, year);
  const rows: ResultUseRow[] = [];
  const feeds: ResultFeed[] = [];
  const terms: TermReport[] = [];
  const problems: string[] = [];
  for (const s of schemes) {
    let result: SchemeResult;
    try {
      result = score(ctx, year, s.code);
    } catch (e) {
      problems.push(`方案 ${s.code}（${s.name}）：${(e as Error).message}`);
      continue;
    }
    const before = rows.length;
    for (const r of result.results) {
      if (!r.flags.includes('REPEATED_FAIL')) continue;
      const village = s.target_kind === 'village_clinic';
      rows.push({
        scheme: s.code,
        schemeName: s.name,
        target: r.target,
        name: r.name,
        kind: s.target_kind,
        total: r.total,
        grade: r.grade,
        flags: ['REPEATED_FAIL'],
        consequence: village
          ? `连续两年考核不合格。${ARTICLE_22}`
          : '连续两年考核不合格：考核结果作为人事任免、评优评先的重要依据。',
        source: village ? SOURCE_22 : '汴政办〔2019〕74号 四(七)',
      });
    }
    if (s.target_kind === 'medical_group') {
      const years = termYears(ctx, s.code, termFrom, year);
      for (const r of result.results) {
        const term = termOf(r.target, termFrom, year, years, settings.failLimit);
        terms.push({ target: r.target, name: r.name, scheme: s.code, ...term });
        if (!term.flags.includes('TERM_FAIL')) continue;
        rows.push({
          scheme: s.code,
          schemeName: s.name,
          target: r.target,
          name: r.name,
          kind: s.target_kind,
          total: r.total,
          grade: r.grade,
          flags: ['TERM_FAIL'],
          consequence: `任期（${termFrom}–${year} 年）内 ${term.failYears} 次考核不合格，达到 ${settings.failLimit} 次：按本县做法提请调整集团书记、院长（文件规定考核结果作为人事任免的重要依据，次数标准为本县设置）。`,
          source: SOURCE_TERM,
        });
      }
    }
    const alloc = ctx.first(
      ctx.db.selectFrom('allocations').select('amount').where('year', '=', year).where('scheme', '=', s.code),
    );
    const targets = new Set(result.results.map((r) => r.target));
    feeds.push({
      scheme: s.code,
      schemeName: s.name,
      targetKind: s.target_kind,
      salaryLines: salaryBy.get(s.code) ?? 0,
      payTotals: s.target_kind === 'medical_group' ? payTotals.filter((p) => targets.has(p.target)).length : 0,
      allocation: alloc?.amount ?? null,
      appointmentFlags: rows.length - before,
      locked: ctx.isLocked(year, s.code) !== null,
    });
  }
  terms.sort((a, b) => (a.scheme === b.scheme ? (a.target < b.target ? -1 : 1) : a.scheme < b.scheme ? -1 : 1));
  return { year, termFrom, termTo: year, failLimit: settings.failLimit, feeds, rows, terms, problems };
}

/** Salary inputs (年薪基础数据), salary lines, and fund allocation (资金分配) from the results. */
import type { Allocation, SalaryInput, SalaryLine } from '../../shared/api/contract';
import {
  allocateFund,
  allocationParticipants,
  computeSalaryLines,
  type SalarySchemeContext,
} from '../../shared/finance';
import { dec, fmt2 } from '../../shared/decimal';
import { parseFenAmount } from '../../shared/finance/money';
import type { ServiceContext } from './context';
import { ApiError } from './errors';
import { score } from './scoring';
import { findScheme, requireScheme } from './schemes';
import { attachPayers, resolvePayer } from './money';
import { freezeSalaryLines } from './lock-snapshot';
import { canonicalTargetCode } from './targets';

export function listSalaryInputs(ctx: ServiceContext, year: number): SalaryInput[] {
  return ctx
    .all(
      ctx.db
        .selectFrom('salary_inputs as s')
        .innerJoin('persons as p', 'p.id', 's.person_id')
        .select([
          'p.name',
          'p.role',
          'p.target',
          's.scheme',
          's.base',
          's.performance_base',
          's.months',
          's.cap',
          's.payer',
        ])
        .where('s.year', '=', year)
        .orderBy('s.id'),
    )
    .map((r) => ({
      person: r.name,
      role: r.role,
      target: r.target,
      scheme: r.scheme,
      base: r.base,
      performanceBase: r.performance_base,
      months: r.months,
      cap: r.cap,
      payer: r.payer,
    }));
}

function findSalaryRow(ctx: ServiceContext, year: number, person: string, target: string) {
  return ctx.first(
    ctx.db
      .selectFrom('salary_inputs as s')
      .innerJoin('persons as p', 'p.id', 's.person_id')
      .select([
        's.id',
        's.scheme',
        's.base',
        's.performance_base',
        's.months',
        's.cap',
        's.payer',
        'p.role',
        'p.id as person_id',
      ])
      .where('s.year', '=', year)
      .where('p.name', '=', person)
      .where('p.target', '=', target),
  );
}

/** Adds, or replaces for the same person and target. Refused when the scheme (old or new) is locked. */
export function setSalaryInput(ctx: ServiceContext, year: number, i: SalaryInput, reason?: string | null): void {
  ctx.tx(() => {
    ctx.assertUnlocked(year, i.scheme);
    // Amounts are yuan to the fen (finance.md): a third decimal is refused, never rounded silently.
    for (const [path, what, v] of [
      ['input.base', '基本年薪', i.base],
      ['input.performanceBase', '绩效年薪基数', i.performanceBase],
      ['input.cap', '年薪上限', i.cap],
    ] as const) {
      if (v === null || v === undefined) continue;
      try {
        parseFenAmount(v, `人员“${i.person}”的${what}`);
      } catch (e) {
        throw new ApiError('INPUT', (e as Error).message, { problems: [{ path, message: (e as Error).message }] });
      }
    }
    const s = requireScheme(ctx, year, i.scheme, true);
    const t = ctx.first(ctx.db.selectFrom('targets').select(['kind']).where('code', '=', i.target));
    if (!t)
      throw new ApiError('INPUT', `人员“${i.person}”：未知的考核对象 ${i.target}`, {
        problems: [{ path: 'input.target', message: `未知的考核对象 ${i.target}` }],
      });
    if (t.kind !== s.normalized.targetKind) {
      const message = `人员“${i.person}”：考核对象 ${i.target} 不属于方案 ${i.scheme} 的考核对象类型`;
      throw new ApiError('INPUT', message, { problems: [{ path: 'input.target', message }] });
    }
    const old = findSalaryRow(ctx, year, i.person, i.target);
    if (old) ctx.assertUnlocked(year, old.scheme);
    // A payer left out (CLI without --payer, a workbook without 发放主体 or with a blank cell) keeps the
    // one stored, as a blank cell keeps a value: only an explicit null goes back to the default.
    const payer = i.payer === undefined ? (old?.payer ?? null) : i.payer ? resolvePayer(ctx, i.payer, i.person) : null;
    const now = ctx.now();
    const existingPerson = ctx.first(
      ctx.db.selectFrom('persons').select('id').where('name', '=', i.person).where('target', '=', i.target),
    );
    let personId: number;
    if (existingPerson) {
      personId = existingPerson.id;
      ctx.run(ctx.db.updateTable('persons').set({ role: i.role, updated_at: now }).where('id', '=', personId));
    } else {
      personId = ctx.run(
        ctx.db.insertInto('persons').values({ name: i.person, role: i.role, target: i.target, updated_at: now }),
      ).lastInsertRowid;
    }
    const cols = {
      scheme: i.scheme,
      base: i.base,
      performance_base: i.performanceBase,
      months: i.months,
      cap: i.cap,
      payer,
      updated_at: now,
    };
    if (old) ctx.run(ctx.db.updateTable('salary_inputs').set(cols).where('id', '=', old.id));
    else ctx.run(ctx.db.insertInto('salary_inputs').values({ year, person_id: personId, ...cols }));
    ctx.audit({
      action: old ? '修改' : '新增',
      entity: 'salary_input',
      key: `${year}/${i.person}/${i.target}`,
      old: old
        ? {
            role: old.role,
            scheme: old.scheme,
            base: old.base,
            performanceBase: old.performance_base,
            months: old.months,
            cap: old.cap,
            payer: old.payer,
          }
        : null,
      new: {
        role: i.role,
        scheme: i.scheme,
        base: i.base,
        performanceBase: i.performanceBase,
        months: i.months,
        cap: i.cap,
        payer,
      },
      reason: reason ?? null,
    });
  });
}

export function removeSalaryInput(
  ctx: ServiceContext,
  year: number,
  person: string,
  target: string,
  reason: string,
): void {
  ctx.tx(() => {
    const old = findSalaryRow(ctx, year, person, target);
    if (!old) throw new ApiError('INPUT', `${year} 年度没有人员“${person}”（考核对象 ${target}）的年薪基础数据`);
    ctx.assertUnlocked(year, old.scheme);
    ctx.run(ctx.db.deleteFrom('salary_inputs').where('id', '=', old.id));
    ctx.audit({
      action: '删除',
      entity: 'salary_input',
      key: `${year}/${person}/${target}`,
      old: {
        role: old.role,
        scheme: old.scheme,
        base: old.base,
        performanceBase: old.performance_base,
        months: old.months,
        cap: old.cap,
      },
      reason,
    });
  });
}

/**
 * Every salary line of the year; a person whose scheme cannot be scored gets a line with `error`.
 * The lines of a locked scheme/year are the ones its lock froze.
 */
export function computeSalary(ctx: ServiceContext, year: number): SalaryLine[] {
  return freezeSalaryLines(ctx, year, computeSalaryLinesNow(ctx, year));
}

function computeSalaryLinesNow(ctx: ServiceContext, year: number): SalaryLine[] {
  const inputs = listSalaryInputs(ctx, year);
  const contexts = new Map<string, SalarySchemeContext>();
  const failures = new Map<string, string>();
  for (const code of new Set(inputs.map((i) => i.scheme))) {
    const s = findScheme(ctx, year, code);
    if (!s) continue; // computeSalaryLines reports the unknown scheme on each line
    try {
      const result = score(ctx, year, code);
      contexts.set(code, {
        rule: s.normalized.salary ?? {},
        fullScore: result.fullScore,
        results: new Map(
          result.results.map((r) => [r.target, { total: r.total, grade: r.grade, vetoed: r.veto !== null }]),
        ),
      });
    } catch (e) {
      failures.set(code, e instanceof Error ? e.message : String(e));
    }
  }
  const lines = computeSalaryLines(inputs, contexts).map((line) => {
    const why = failures.get(line.scheme);
    return why
      ? { ...line, error: `人员“${line.person}”（考核对象 ${line.target}）：方案 ${line.scheme} 无法计分（${why}）` }
      : line;
  });
  return attachPayers(ctx, inputs, lines);
}

/** Factor keys as the roster spells them (codes compare without regard to case, domain.md); one target twice is an error. */
function canonicalFactors(
  ctx: ServiceContext,
  factors: Record<string, string> | undefined,
): Record<string, string> | undefined {
  if (!factors) return factors;
  const out: Record<string, string> = {};
  const typed = new Map<string, string>();
  for (const [code, factor] of Object.entries(factors)) {
    const c = canonicalTargetCode(ctx, code);
    if (typed.has(c))
      throw new ApiError('INPUT', `分配系数中考核对象 ${c} 出现了两次（${typed.get(c)}、${code}；编码不区分大小写）`);
    typed.set(c, code);
    out[c] = factor;
  }
  return out;
}

export function allocate(
  ctx: ServiceContext,
  i: { year: number; scheme: string; amount: string; factors?: Record<string, string>; excludeGrades?: string[] },
): Allocation {
  return ctx.tx(() => {
    ctx.assertUnlocked(i.year, i.scheme);
    const s = requireScheme(ctx, i.year, i.scheme, true);
    const grades = s.normalized.grades ?? [];
    const unknownGrades = (i.excludeGrades ?? []).filter((g) => !grades.some((b) => b.name === g));
    if (unknownGrades.length > 0) {
      throw new ApiError(
        'INPUT',
        `方案 ${i.scheme} 没有这些等级：${unknownGrades.join('、')}（有：${grades.map((g) => g.name).join('、')}）`,
      );
    }
    const result = score(ctx, i.year, i.scheme);
    const factors = canonicalFactors(ctx, i.factors);
    const choice = allocationParticipants(result.results, { excludeGrades: i.excludeGrades, factors, grades });
    if (choice.unknownFactorTargets.length > 0) {
      throw new ApiError(
        'INPUT',
        `分配系数中有不属于方案 ${i.scheme} 的考核对象：${choice.unknownFactorTargets.join('、')}`,
      );
    }
    let parts;
    try {
      parts = allocateFund({ amount: i.amount, participants: choice.participants });
    } catch (e) {
      throw new ApiError('INPUT', (e as Error).message);
    }
    const names = new Map(choice.participants.map((p) => [p.target, p.name]));
    const sum = fmt2(parts.reduce((acc, p) => acc.plus(dec(p.amount)), dec(0)));
    const allocation: Allocation = {
      year: i.year,
      scheme: i.scheme,
      amount: fmt2(dec(i.amount)),
      parts: parts.map((p) => ({
        target: p.target,
        name: names.get(p.target) ?? p.target,
        total: p.total,
        factor: p.factor,
        amount: p.amount,
      })),
      sum,
      excludedGrades: choice.excludedGrades,
    };
    const old = ctx.first(
      ctx.db
        .selectFrom('allocations')
        .select(['amount', 'parts', 'excluded_grades'])
        .where('year', '=', i.year)
        .where('scheme', '=', i.scheme),
    );
    const row = {
      year: i.year,
      scheme: i.scheme,
      amount: allocation.amount,
      excluded_grades: JSON.stringify(allocation.excludedGrades),
      factors: factors ? JSON.stringify(factors) : null,
      parts: JSON.stringify(allocation.parts),
      sum,
      created_at: ctx.now(),
      created_by: ctx.who(),
    };
    ctx.run(ctx.db.deleteFrom('allocations').where('year', '=', i.year).where('scheme', '=', i.scheme));
    ctx.run(ctx.db.insertInto('allocations').values(row));
    ctx.audit({
      action: old ? '重新分配' : '分配',
      entity: 'allocation',
      key: `${i.year}/${i.scheme}`,
      old: old
        ? { amount: old.amount, excludedGrades: JSON.parse(old.excluded_grades), parts: JSON.parse(old.parts) }
        : null,
      new: { amount: allocation.amount, excludedGrades: allocation.excludedGrades, parts: allocation.parts },
    });
    return allocation;
  });
}

/** The saved allocation of (year, scheme), for the finance workbook; null when none was made. */
export function savedAllocation(ctx: ServiceContext, year: number, scheme: string): Allocation | null {
  const r = ctx.first(
    ctx.db.selectFrom('allocations').selectAll().where('year', '=', year).where('scheme', '=', scheme),
  );
  if (!r) return null;
  return {
    year,
    scheme,
    amount: r.amount,
    parts: JSON.parse(r.parts) as Allocation['parts'],
    sum: r.sum,
    excludedGrades: JSON.parse(r.excluded_grades) as string[],
  };
}

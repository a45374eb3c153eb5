/**
 * 上年数 (excel.md "Last year's value"): the baseline a `growth` indicator compares with when the
 * previous year has no stored value. Kept per (year, scheme, target, indicator) beside this year's
 * values, written by the value import (its 上年数 columns) and by the grid (setBaseline), with a
 * history of its own so that an import's baselines are undone with its values.
 */
import type { BaselineCell, ImportCounts, ImportIssue } from '../../shared/api/contract';
import type { Problem, Value } from '../../shared/domain/types';
import { dec } from '../../shared/decimal';
import { growthBaseline } from '../../shared/scoring/baseline';
import { leaves } from '../../shared/scheme/validate';
import { checkValue, parseValueText, valueToText } from '../../shared/values/parse';
import { readSchemeValues, rowToValue } from '../store/bulk';
import type { ServiceContext } from './context';
import { ApiError } from './errors';
import { requireScheme } from './schemes';
import { cellRules, countChange, noCounts, sameValue, type CellRules, type CellWrite } from './values';

const MISSING: Value = { kind: 'missing' };

export interface BaselineChange {
  target: string;
  indicator: string;
  old: Value;
  value: Value;
}

/** Kept 上年数 of a scheme and year: target → indicator → value (absent = none kept). */
export function readBaselines(ctx: ServiceContext, year: number, scheme: string): Map<string, Map<string, Value>> {
  const out = new Map<string, Map<string, Value>>();
  const rows = ctx.all(
    ctx.db
      .selectFrom('value_baselines')
      .select(['target', 'indicator', 'kind', 'number'])
      .where('year', '=', year)
      .where('scheme', '=', scheme),
  );
  for (const r of rows) {
    let m = out.get(r.target);
    if (!m) out.set(r.target, (m = new Map()));
    m.set(r.indicator, rowToValue(r.kind, r.number, null));
  }
  return out;
}

/** A baseline cell against the scheme: known target, a growth leaf, a number or N/A within the leaf's rules. */
function baselineProblem(rules: CellRules, c: CellWrite): Problem | null {
  const path = `${c.target}/${c.indicator}`;
  if (!rules.targetNames.has(c.target))
    return { path, message: `未知的考核对象 ${c.target}（本方案的对象类型中没有这个编码）` };
  const leaf = rules.leafByCode.get(c.indicator);
  if (!leaf) return { path, message: `考核对象 ${c.target} 的指标 ${c.indicator}：方案中没有这个末级指标` };
  if (leaf.method?.type !== 'growth')
    return { path, message: `指标 ${c.indicator}（${leaf.name}）不是增长率指标，不需要上年数` };
  if (c.value.kind === 'label')
    return { path, message: `指标 ${c.indicator}（${leaf.name}）的上年数应为数值或“不适用”` };
  const msg = checkValue(c.value, leaf);
  return msg ? { path, message: `考核对象 ${c.target} 的指标 ${c.indicator}（${leaf.name}）上年数：${msg}` } : null;
}

/** Checks baseline cells (ApiError INPUT listing every problem) and compares them with what is kept. */
export function planBaselineWrites(
  ctx: ServiceContext,
  year: number,
  scheme: string,
  cells: readonly CellWrite[],
): { changes: BaselineChange[]; counts: ImportCounts } {
  const counts = noCounts();
  if (cells.length === 0) return { changes: [], counts };
  const rules = cellRules(ctx, year, scheme);
  const problems = cells.map((c) => baselineProblem(rules, c)).filter((p): p is Problem => p !== null);
  if (problems.length > 0) {
    throw new ApiError(
      'INPUT',
      `上年数有误，未写入任何值：${problems
        .slice(0, 5)
        .map((p) => p.message)
        .join('；')}`,
      { problems },
    );
  }
  const kept = readBaselines(ctx, year, scheme);
  const changes: BaselineChange[] = [];
  for (const c of cells) {
    const old = kept.get(c.target)?.get(c.indicator) ?? MISSING;
    countChange(counts, old, c.value);
    if (!sameValue(old, c.value)) changes.push({ target: c.target, indicator: c.indicator, old, value: c.value });
  }
  return { changes, counts };
}

/** Applies baseline changes with their history rows, inside the caller's transaction. */
export function applyBaselineChanges(
  ctx: ServiceContext,
  c: { year: number; scheme: string; reason: string | null; importId: number | null },
  changes: readonly BaselineChange[],
): void {
  const who = ctx.who();
  const at = ctx.now();
  for (const ch of changes) {
    if (ch.value.kind === 'missing') {
      ctx.run(
        ctx.db
          .deleteFrom('value_baselines')
          .where('year', '=', c.year)
          .where('scheme', '=', c.scheme)
          .where('target', '=', ch.target)
          .where('indicator', '=', ch.indicator),
      );
    } else {
      const row = {
        kind: ch.value.kind,
        number: ch.value.kind === 'number' ? ch.value.number : null,
        entered_by: who,
        entered_at: at,
        import_id: c.importId,
      };
      ctx.run(
        ctx.db
          .insertInto('value_baselines')
          .values({ year: c.year, scheme: c.scheme, target: ch.target, indicator: ch.indicator, ...row })
          .onConflict((oc) => oc.columns(['year', 'scheme', 'target', 'indicator']).doUpdateSet(row)),
      );
    }
    ctx.run(
      ctx.db.insertInto('baseline_history').values({
        year: c.year,
        scheme: c.scheme,
        target: ch.target,
        indicator: ch.indicator,
        old: JSON.stringify(ch.old),
        new: JSON.stringify(ch.value),
        at,
        who,
        reason: c.reason,
        import_id: c.importId,
      }),
    );
  }
}

/** The whole write of baselines (grid, CLI): lock guard, check, write, audit per cell. */
export function writeBaselines(
  ctx: ServiceContext,
  input: { year: number; scheme: string; cells: CellWrite[]; importId?: number | null; reason?: string | null },
): { written: number; counts: ImportCounts } {
  return ctx.tx(() => {
    ctx.assertUnlocked(input.year, input.scheme);
    const { changes, counts } = planBaselineWrites(ctx, input.year, input.scheme, input.cells);
    const importId = input.importId ?? null;
    const reason = input.reason ?? null;
    applyBaselineChanges(ctx, { year: input.year, scheme: input.scheme, reason, importId }, changes);
    if (importId === null) {
      for (const ch of changes) {
        ctx.audit({
          action: '修改上年数',
          entity: 'value',
          key: `${input.year}/${input.scheme}/${ch.target}/${ch.indicator}`,
          old: ch.old,
          new: ch.value,
          reason,
        });
      }
    }
    return { written: changes.length, counts };
  });
}

/** Every growth leaf × target of the scheme that has a kept 上年数 or a value last year. */
export function getBaselines(ctx: ServiceContext, year: number, scheme: string): BaselineCell[] {
  const s = requireScheme(ctx, year, scheme);
  const growth = leaves(s.normalized)
    .filter((l) => l.method?.type === 'growth')
    .map((l) => l.code);
  if (growth.length === 0) return [];
  const rows = ctx.all(
    ctx.db
      .selectFrom('value_baselines')
      .select(['target', 'indicator', 'kind', 'number', 'entered_by', 'entered_at', 'import_id'])
      .where('year', '=', year)
      .where('scheme', '=', scheme),
  );
  const keptRows = new Map(rows.map((r) => [`${r.target}\u0000${r.indicator}`, r]));
  const previous = readSchemeValues(ctx.raw, year - 1, scheme);
  const targets = new Set<string>([...rows.map((r) => r.target), ...previous.keys()]);
  const out: BaselineCell[] = [];
  for (const target of [...targets].sort()) {
    for (const indicator of growth) {
      const r = keptRows.get(`${target}\u0000${indicator}`);
      const prev = previous.get(target)?.get(indicator) ?? null;
      if (!r && !prev) continue;
      const kept = r ? rowToValue(r.kind, r.number, null) : MISSING;
      const b = growthBaseline(prev, kept);
      out.push({
        target,
        indicator,
        kept,
        previous: prev,
        used: b.value,
        source: b.source,
        enteredBy: r?.entered_by ?? null,
        enteredAt: r?.entered_at ?? null,
        importId: r?.import_id ?? null,
      });
    }
  }
  return out;
}

/** One baseline cell as getBaselines shows it (also when nothing is kept). */
export function getBaselineCell(
  ctx: ServiceContext,
  year: number,
  scheme: string,
  target: string,
  indicator: string,
): BaselineCell {
  const found = getBaselines(ctx, year, scheme).find((c) => c.target === target && c.indicator === indicator);
  return (
    found ?? {
      target,
      indicator,
      kept: MISSING,
      previous: null,
      used: MISSING,
      source: 'none',
      enteredBy: null,
      enteredAt: null,
      importId: null,
    }
  );
}

/** setBaseline: text (a number, N/A, or "" to remove) → the kept 上年数 of one cell. */
export function setBaseline(
  ctx: ServiceContext,
  i: { year: number; scheme: string; target: string; indicator: string; text: string; reason?: string },
): BaselineCell {
  const rules = cellRules(ctx, i.year, i.scheme);
  const leaf = rules.leafByCode.get(i.indicator);
  let value: Value = MISSING;
  if (leaf && i.text.trim() !== '') {
    const r = parseValueText(i.text, leaf);
    if (!r.ok) {
      const message = `考核对象 ${i.target} 的指标 ${i.indicator}（${leaf.name}）上年数：${r.message}`;
      throw new ApiError('INPUT', message, { problems: [{ path: `${i.target}/${i.indicator}`, message }] });
    }
    value = r.value;
  }
  writeBaselines(ctx, {
    year: i.year,
    scheme: i.scheme,
    cells: [{ target: i.target, indicator: i.indicator, value }],
    reason: i.reason ?? null,
  });
  return getBaselineCell(ctx, i.year, i.scheme, i.target, i.indicator);
}

const shown = (v: Value) => (v.kind === 'na' ? '不适用' : valueToText(v));

function sameNumber(a: Value, b: Value): boolean {
  if (a.kind === 'number' && b.kind === 'number') return dec(a.number).eq(dec(b.number));
  return sameValue(a, b);
}

/**
 * The import's warnings for 上年数 cells that differ from last year's stored value: that value is
 * what growth uses; the file never overwrites it.
 */
export function baselineWarnings(
  ctx: ServiceContext,
  year: number,
  scheme: string,
  cells: readonly (CellWrite & { sheet: string; cell: string; written: string })[],
): ImportIssue[] {
  const withValue = cells.filter((c) => c.value.kind !== 'missing');
  if (withValue.length === 0) return [];
  const previous = readSchemeValues(ctx.raw, year - 1, scheme);
  const out: ImportIssue[] = [];
  for (const c of withValue) {
    const prev = previous.get(c.target)?.get(c.indicator);
    if (!prev || sameNumber(prev, c.value)) continue;
    out.push({
      sheet: c.sheet,
      cell: c.cell,
      target: c.target,
      indicator: c.indicator,
      value: c.written,
      message: `上年数 ${shown(c.value)} 与 ${year - 1} 年度已存的值 ${shown(prev)} 不一致：计分以 ${year - 1} 年度已存的值为准，该年度的值不会被改动`,
    });
  }
  return out;
}

/**
 * The kept import files (listImports) and undoing a value import as one step (undoImport): every
 * value and 上年数 the import wrote goes back to what it was before it — a value that was missing
 * is removed again, N/A and labels come back as they were — in one transaction, audited.
 *
 * Safe behaviour when something changed since: if any value the import wrote is no longer what it
 * wrote (typed over in the grid, pasted, imported again), the undo is refused whole and names those
 * cells; nothing is changed. Undoing the later change (or the later import) first makes it possible.
 */
import type { ImportCounts, ImportRecord, ValueImportMode } from '../../shared/api/contract';
import type { Value } from '../../shared/domain/types';
import { valueToText } from '../../shared/values/parse';
import { ALL_CELLS, applyValueChanges, readSchemeValues, type ValueChange } from '../store/bulk';
import { allCellsEntries } from '../store/history';
import { applyBaselineChanges, readBaselines, type BaselineChange } from './baselines';
import type { ServiceContext } from './context';
import { ApiError } from './errors';
import { sameValue } from './values';

const MISSING: Value = { kind: 'missing' };

interface StoredOutcome {
  status?: string;
  written?: number;
  counts?: ImportCounts;
  mode?: ValueImportMode;
  errors?: unknown[];
  undoneAt?: string;
  undoneBy?: string;
  [k: string]: unknown;
}

function parseOutcome(text: string): StoredOutcome {
  try {
    const o = JSON.parse(text) as unknown;
    return o && typeof o === 'object' ? (o as StoredOutcome) : {};
  } catch {
    return {};
  }
}

export function listImports(
  ctx: ServiceContext,
  i: { year?: number; scheme?: string; kind?: string; limit?: number },
): ImportRecord[] {
  let q = ctx.db
    .selectFrom('imports')
    .select(['id', 'kind', 'file_name', 'sha256', 'at', 'who', 'year', 'scheme', 'outcome']);
  if (i.year !== undefined) q = q.where('year', '=', i.year);
  if (i.scheme !== undefined) q = q.where('scheme', '=', i.scheme);
  if (i.kind !== undefined) q = q.where('kind', '=', i.kind);
  const rows = ctx.all(q.orderBy('id', 'desc').limit(i.limit ?? 200));
  return rows.map((r) => {
    const o = parseOutcome(r.outcome);
    return {
      id: r.id,
      kind: r.kind,
      fileName: r.file_name,
      sha256: r.sha256,
      at: r.at,
      who: r.who,
      year: r.year,
      scheme: r.scheme,
      status: o.status ?? 'imported',
      written: typeof o.written === 'number' ? o.written : null,
      counts: o.counts ?? null,
      mode: o.mode ?? null,
      errors: Array.isArray(o.errors) ? o.errors.length : 0,
      undoneAt: o.undoneAt ?? null,
      undoneBy: o.undoneBy ?? null,
    };
  });
}

/** The (target, indicator) cells an import wrote, each with what was there before and what it wrote. */
function writtenBy(
  ctx: ServiceContext,
  table: 'value_history' | 'baseline_history',
  year: number,
  scheme: string,
  importId: number,
): { target: string; indicator: string; old: Value; new: Value }[] {
  const rows = ctx.all(
    ctx.db
      .selectFrom(table)
      .select(['target', 'indicator', 'old', 'new'])
      .where('year', '=', year)
      .where('scheme', '=', scheme)
      .where('import_id', '=', importId)
      .orderBy('id'),
  );
  const out: { target: string; indicator: string; old: Value; new: Value }[] = [];
  for (const r of rows) {
    if (table === 'value_history' && r.indicator === ALL_CELLS) {
      // An import's row for a whole target (store/history.ts): each cell it wrote, old → new.
      for (const c of allCellsEntries(r.old, r.new)) out.push({ target: r.target, ...c });
    } else
      out.push({
        target: r.target,
        indicator: r.indicator,
        old: JSON.parse(r.old) as Value,
        new: JSON.parse(r.new) as Value,
      });
  }
  return out;
}

const shown = (v: Value) => (v.kind === 'missing' ? '（缺报）' : v.kind === 'na' ? '不适用' : valueToText(v));

export function undoImport(
  ctx: ServiceContext,
  i: { importId: number; reason?: string },
): { importId: number; restored: number; baselinesRestored: number } {
  return ctx.tx(() => {
    const row = ctx.first(
      ctx.db
        .selectFrom('imports')
        .select(['id', 'kind', 'file_name', 'year', 'scheme', 'outcome'])
        .where('id', '=', i.importId),
    );
    if (!row) throw new ApiError('NOT_FOUND', `没有编号为 ${i.importId} 的导入记录`);
    const name = `导入 #${row.id}（${row.file_name}）`;
    if (row.kind !== 'values' || row.year === null || row.scheme === null) {
      throw new ApiError('INPUT', `${name}不是指标值导入，不能在这里撤销（只能撤销数据采集表的导入）`);
    }
    const outcome = parseOutcome(row.outcome);
    if (outcome.status === 'undone') {
      throw new ApiError(
        'INPUT',
        `${name}已于 ${String(outcome.undoneAt ?? '')
          .slice(0, 19)
          .replace('T', ' ')} 由 ${outcome.undoneBy ?? ''} 撤销，不能重复撤销`,
      );
    }
    if (outcome.status !== 'imported')
      throw new ApiError(
        'INPUT',
        `${name}未写入任何数据（${outcome.status === 'rejected' ? '文件被拒绝' : '导入未完成'}），无需撤销`,
      );
    const { year, scheme } = row;
    ctx.assertUnlocked(year, scheme);

    const values = writtenBy(ctx, 'value_history', year, scheme, row.id);
    const baselines = writtenBy(ctx, 'baseline_history', year, scheme, row.id);
    const current = values.length ? readSchemeValues(ctx.raw, year, scheme) : new Map<string, Map<string, Value>>();
    const currentBase = baselines.length ? readBaselines(ctx, year, scheme) : new Map<string, Map<string, Value>>();
    const changed: string[] = [];
    const valueChanges: ValueChange[] = [];
    for (const c of values) {
      const now = current.get(c.target)?.get(c.indicator) ?? MISSING;
      if (!sameValue(now, c.new))
        changed.push(`${c.target} 的指标 ${c.indicator}：导入写入 ${shown(c.new)}，现为 ${shown(now)}`);
      else valueChanges.push({ target: c.target, indicator: c.indicator, old: now, value: c.old });
    }
    const baseChanges: BaselineChange[] = [];
    for (const c of baselines) {
      const now = currentBase.get(c.target)?.get(c.indicator) ?? MISSING;
      if (!sameValue(now, c.new))
        changed.push(`${c.target} 的指标 ${c.indicator} 上年数：导入写入 ${shown(c.new)}，现为 ${shown(now)}`);
      else baseChanges.push({ target: c.target, indicator: c.indicator, old: now, value: c.old });
    }
    if (changed.length > 0) {
      throw new ApiError(
        'INPUT',
        `不能撤销${name}：其中 ${changed.length} 个值在导入之后又被修改过（${changed.slice(0, 3).join('；')}${changed.length > 3 ? ' …' : ''}）。` +
          '为免覆盖之后的修改，未做任何更改；请先撤销之后的导入或把这些值改回导入时的值，再撤销。',
        { problems: changed.map((message) => ({ path: name, message })) },
      );
    }
    const reason = `撤销${name}${i.reason ? `：${i.reason}` : ''}`;
    applyValueChanges(ctx.raw, { year, scheme, who: ctx.who(), at: ctx.now(), reason, importId: null }, valueChanges);
    applyBaselineChanges(ctx, { year, scheme, reason, importId: null }, baseChanges);
    const undoneAt = ctx.now();
    const undoneBy = ctx.who();
    ctx.run(
      ctx.db
        .updateTable('imports')
        .set({
          outcome: JSON.stringify({ ...outcome, status: 'undone', undoneAt, undoneBy, undoReason: i.reason ?? null }),
        })
        .where('id', '=', row.id),
    );
    ctx.audit({
      action: '撤销导入',
      entity: 'value',
      key: `${year}/${scheme}`,
      old: { importId: row.id, fileName: row.file_name },
      new: { restored: valueChanges.length, baselinesRestored: baseChanges.length },
      reason: i.reason ?? null,
    });
    return { importId: row.id, restored: valueChanges.length, baselinesRestored: baseChanges.length };
  });
}

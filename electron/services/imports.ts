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
import { clearUndoStage, restoreStagedUndo, stageImportUndo, undoConflicts } from '../store/undo';
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

/** The 上年数 cells an import wrote, each with what was there before and what it wrote (a few: growth leaves only). */
function baselinesWrittenBy(
  ctx: ServiceContext,
  year: number,
  scheme: string,
  importId: number,
): { target: string; indicator: string; old: Value; new: Value }[] {
  const rows = ctx.all(
    ctx.db
      .selectFrom('baseline_history')
      .select(['target', 'indicator', 'old', 'new'])
      .where('year', '=', year)
      .where('scheme', '=', scheme)
      .where('import_id', '=', importId)
      .orderBy('id'),
  );
  return rows.map((r) => ({
    target: r.target,
    indicator: r.indicator,
    old: JSON.parse(r.old) as Value,
    new: JSON.parse(r.new) as Value,
  }));
}

/** Changed cells listed in a refusal at most (all are counted), as a value import lists its errors. */
const MAX_LISTED = 2000;

const shown = (v: Value) => (v.kind === 'missing' ? '（缺报）' : v.kind === 'na' ? '不适用' : valueToText(v));

/**
 * Checks that every value and 上年数 the import wrote is still there (else ApiError INPUT naming the
 * changed cells, nothing written) and puts back what was there before it, with history. The values
 * are staged, checked and restored in SQLite (store/undo.ts); the 上年数 (growth leaves only) here.
 */
function putBack(
  ctx: ServiceContext,
  u: { name: string; year: number; scheme: string; importId: number; reason: string | undefined },
): { restored: number; baselinesRestored: number } {
  const { year, scheme } = u;
  const cells = stageImportUndo(ctx.raw, year, scheme, u.importId);
  try {
    const conflicts = undoConflicts(ctx.raw, year, scheme, MAX_LISTED);
    const changed = conflicts.first.map(
      (c) => `${c.target} 的指标 ${c.indicator}：导入写入 ${shown(c.wrote)}，现为 ${shown(c.now)}`,
    );
    let changedCount = conflicts.count;
    const baselines = baselinesWrittenBy(ctx, year, scheme, u.importId);
    const currentBase = baselines.length ? readBaselines(ctx, year, scheme) : new Map<string, Map<string, Value>>();
    const baseChanges: BaselineChange[] = [];
    for (const c of baselines) {
      const now = currentBase.get(c.target)?.get(c.indicator) ?? MISSING;
      if (!sameValue(now, c.new)) {
        changedCount++;
        if (changed.length < MAX_LISTED)
          changed.push(`${c.target} 的指标 ${c.indicator} 上年数：导入写入 ${shown(c.new)}，现为 ${shown(now)}`);
      } else baseChanges.push({ target: c.target, indicator: c.indicator, old: now, value: c.old });
    }
    if (changedCount > 0) {
      throw new ApiError(
        'INPUT',
        `不能撤销${u.name}：其中 ${changedCount} 个值在导入之后又被修改过（${changed.slice(0, 3).join('；')}${changedCount > 3 ? ' …' : ''}）。` +
          '为免覆盖之后的修改，未做任何更改；请先撤销之后的导入或把这些值改回导入时的值，再撤销。',
        { problems: changed.map((message) => ({ path: u.name, message })) },
      );
    }
    const reason = `撤销${u.name}${u.reason ? `：${u.reason}` : ''}`;
    const restored =
      cells === 0 ? 0 : restoreStagedUndo(ctx.raw, { year, scheme, who: ctx.who(), at: ctx.now(), reason });
    applyBaselineChanges(ctx, { year, scheme, reason, importId: null }, baseChanges);
    return { restored, baselinesRestored: baseChanges.length };
  } finally {
    clearUndoStage(ctx.raw);
  }
}

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
    const { restored, baselinesRestored } = putBack(ctx, { name, year, scheme, importId: row.id, reason: i.reason });
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
      new: { restored, baselinesRestored },
      reason: i.reason ?? null,
    });
    return { importId: row.id, restored, baselinesRestored };
  });
}

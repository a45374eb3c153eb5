/**
 * Indicator values: the one write path (writeValues) used by the grid, the CLI and the Excel
 * import — checked against the scheme (known target of the scheme's kind, known leaf, the value
 * rules of shared/values), all or nothing, with per-cell history and an audit trail.
 */
import { appraisedIn, spanText, type IndicatorNode, type Problem, type Value } from '../../shared/domain/types';
import type { ImportCounts, ValueCell, ValueHistoryEntry } from '../../shared/api/contract';
import { leaves } from '../../shared/scheme/validate';
import { checkValue, parseValueText, valueToText } from '../../shared/values/parse';
import {
  ALL_CELLS,
  applyFreshValues,
  applyValueChanges,
  hasSchemeValues,
  readSchemeValues,
  readTargetValues,
  rowToValue,
  type ValueChange,
} from '../store/bulk';
import { allCellsEntry } from '../store/history';
import { clearStage, stageValues, writeStagedValues } from '../store/stage';
import type { ServiceContext } from './context';
import { ApiError } from './errors';
import { requireScheme } from './schemes';
import { listTargets } from './targets';

export interface CellWrite {
  target: string;
  indicator: string;
  value: Value;
}

export interface WriteValuesInput {
  year: number;
  scheme: string;
  cells: CellWrite[];
  importId?: number | null;
  reason?: string | null;
  /** Progress of a long write (an import): cells written so far, from inside the transaction. */
  onWritten?: (cells: number) => void;
  /**
   * The cells were checked by their reader (the value workbook's cell rules) with the same rules
   * as checkCells, against the store as it is now (checkedStateUnchanged): every target appraised
   * this year, every indicator a leaf of the scheme, every value within its leaf's rules, each cell
   * once. They are not checked again (input is validated once). Only the import sets it.
   */
  prechecked?: boolean;
}

/**
 * The state of the store an import's reading checks its cells against: taken before the scheme
 * and its targets are read. The store's data version changes with any commit by another
 * connection or process and any row this connection changes (store.dataVersion).
 */
export interface CheckedState {
  store: ServiceContext['store'];
  version: string;
}

export function checkedState(ctx: ServiceContext): CheckedState {
  return { store: ctx.store, version: ctx.store.dataVersion() };
}

/**
 * Whether nothing has changed since `state` (the same open store, no commit by anyone, no row
 * changed by this connection): then the scheme, its targets and its lock are as the reading saw
 * them, and cells it found good are good now. Inside the write's transaction (BEGIN IMMEDIATE holds
 * the write lock, so nobody else commits after), before the write's first change.
 */
export function checkedStateUnchanged(ctx: ServiceContext, state: CheckedState): boolean {
  return ctx.store === state.store && ctx.store.dataVersion() === state.version;
}

const MISSING: Value = { kind: 'missing' };

export function sameValue(a: Value, b: Value): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'number') return a.number === (b as { number: string }).number;
  if (a.kind === 'label') return a.label === (b as { label: string }).label;
  return true;
}

/** What a cell may be written against: the scheme's leaves and its targets. */
export interface CellRules {
  leafByCode: Map<string, IndicatorNode>;
  targetNames: Map<string, string>;
  targetKind: string;
  /** Targets of the kind not appraised this year → why, in Chinese (their years). */
  notThisYear?: Map<string, string>;
}

export function cellRules(ctx: ServiceContext, year: number, scheme: string): CellRules {
  const s = requireScheme(ctx, year, scheme, true);
  const leafByCode = new Map(leaves(s.normalized).map((l) => [l.code, l]));
  // Only the targets appraised this year (their years hold it) take values.
  const targetNames = new Map<string, string>();
  const notThisYear = new Map<string, string>();
  for (const t of listTargets(ctx, { kind: s.normalized.targetKind })) {
    if (appraisedIn(t, year)) targetNames.set(t.code, t.name);
    else notThisYear.set(t.code, `考核对象 ${t.code}（${t.name}）不参加 ${year} 年度考核（考核年度：${spanText(t)}）`);
  }
  return { leafByCode, targetNames, targetKind: s.normalized.targetKind, notThisYear };
}

function place(rules: CellRules, target: string, indicator: string): string {
  const tn = rules.targetNames.get(target);
  const leaf = rules.leafByCode.get(indicator);
  return `考核对象 ${target}${tn ? `（${tn}）` : ''} 的指标 ${indicator}${leaf ? `（${leaf.name}）` : ''}`;
}

/**
 * checkValue remembered per leaf: first by the Value object itself (an import's parser shares one
 * Value between the cells of a column that hold the same thing, so most cells hit here without
 * building a key), then by the value text (an import repeats few distinct values per column).
 */
export type ValueCheckMemo = Map<
  IndicatorNode,
  { byValue: Map<Value, string | null>; byText: Map<string, string | null> }
>;
const MEMO_LIMIT = 20_000;

function checkValueMemo(memo: ValueCheckMemo | undefined, value: Value, leaf: IndicatorNode): string | null {
  if (!memo || (value.kind !== 'number' && value.kind !== 'label')) return checkValue(value, leaf);
  let m = memo.get(leaf);
  if (!m) memo.set(leaf, (m = { byValue: new Map(), byText: new Map() }));
  let msg = m.byValue.get(value);
  if (msg !== undefined) return msg;
  const key = value.kind === 'number' ? `n${value.number}` : `l${value.label}`;
  msg = m.byText.get(key);
  if (msg === undefined) {
    msg = checkValue(value, leaf);
    if (m.byText.size < MEMO_LIMIT) m.byText.set(key, msg);
  }
  if (m.byValue.size < MEMO_LIMIT) m.byValue.set(value, msg);
  return msg;
}

/** A cell of an unknown target (not of the scheme's kind); null when the target is known. */
function targetProblem(rules: CellRules, c: CellWrite): Problem | null {
  if (rules.targetNames.has(c.target)) return null;
  const off = rules.notThisYear?.get(c.target);
  if (off) return { path: `${c.target}/${c.indicator}`, message: off };
  return {
    path: `${c.target}/${c.indicator}`,
    message: `未知的考核对象 ${c.target}（本方案的对象类型中没有这个编码）`,
  };
}

/** A cell's indicator and value against the scheme (its target already checked); null when fine. */
function valueProblem(rules: CellRules, c: CellWrite, memo?: ValueCheckMemo): Problem | null {
  const leaf = rules.leafByCode.get(c.indicator);
  if (!leaf)
    return {
      path: `${c.target}/${c.indicator}`,
      message: `${place(rules, c.target, c.indicator)}：方案中没有这个末级指标`,
    };
  if (c.value.kind === 'missing' || c.value.kind === 'na') return null;
  const msg = checkValueMemo(memo, c.value, leaf);
  return msg ? { path: `${c.target}/${c.indicator}`, message: `${place(rules, c.target, c.indicator)}：${msg}` } : null;
}

/** Text (grid, CLI) → Value under the leaf's rules; ApiError INPUT naming target and indicator. */
export function parseCellText(rules: CellRules, target: string, indicator: string, text: string): CellWrite {
  const path = `${target}/${indicator}`;
  if (!rules.targetNames.has(target)) {
    const off = rules.notThisYear?.get(target);
    if (off) throw new ApiError('INPUT', off, { problems: [{ path, message: off }] });
    throw new ApiError('INPUT', `未知的考核对象 ${target}（本方案的对象类型中没有这个编码）`, {
      problems: [{ path, message: `未知的考核对象 ${target}` }],
    });
  }
  const leaf = rules.leafByCode.get(indicator);
  if (!leaf) {
    const message = `${place(rules, target, indicator)}：方案中没有这个末级指标`;
    throw new ApiError('INPUT', message, { problems: [{ path, message }] });
  }
  const r = parseValueText(text, leaf);
  if (!r.ok) {
    const message = `${place(rules, target, indicator)}：${r.message}`;
    throw new ApiError('INPUT', message, { problems: [{ path, message }] });
  }
  return { target, indicator, value: r.value };
}

/** An import is audited once (with its file, the cells written and the counts); its cells are in value_history. */
function auditImport(
  ctx: ServiceContext,
  e: { year: number; scheme: string; importId: number; written: number; counts: ImportCounts; reason: string | null },
): void {
  ctx.audit({
    action: '导入',
    entity: 'value',
    key: `${e.year}/${e.scheme}`,
    new: { importId: e.importId, written: e.written, ...e.counts },
    reason: e.reason,
  });
}

export const noCounts = (): ImportCounts => ({ new: 0, changed: 0, unchanged: 0, cleared: 0 });

/** One cell's part in the counts (excel.md "Import semantics"); missing over missing counts nowhere. */
export function countChange(counts: ImportCounts, old: Value, value: Value): void {
  if (sameValue(old, value)) {
    if (value.kind !== 'missing') counts.unchanged++;
  } else if (old.kind === 'missing') counts.new++;
  else if (value.kind === 'missing') counts.cleared++;
  else counts.changed++;
}

/**
 * Writes cells all-or-nothing. Every cell is checked first; any problem → ApiError INPUT listing
 * them all, nothing written. Unchanged cells are skipped. Returns how many cells changed and the
 * counts (new / changed / unchanged / cleared) against what was stored.
 */
export function writeValues(ctx: ServiceContext, input: WriteValuesInput): { written: number; counts: ImportCounts } {
  const { year, scheme } = input;
  return ctx.tx(() => {
    ctx.assertUnlocked(year, scheme);
    if (stagedImport(ctx, input)) return writeStagedImport(ctx, { ...input, importId: input.importId! });
    if (input.importId !== null && input.importId !== undefined)
      return writeFirstImport(ctx, { ...input, importId: input.importId });
    const { fresh, changes, counts } = planValueWrites(ctx, input);
    const who = ctx.who();
    const at = ctx.now();
    const importId = input.importId ?? null;
    const reason = input.reason ?? null;
    const shared = { year, scheme, who, at, reason };
    const onWritten = input.onWritten;
    if (importId !== null)
      applyFreshValues(ctx.raw, { ...shared, importId }, onWritten ? counted(fresh, onWritten) : fresh);
    onWritten?.(fresh.length);
    applyValueChanges(ctx.raw, { ...shared, importId }, changes);
    onWritten?.(fresh.length + changes.length);
    // An import is audited once (with its file); its cells are in value_history.
    if (importId === null) {
      for (const ch of changes) {
        ctx.audit({
          action: '修改',
          entity: 'value',
          key: `${year}/${scheme}/${ch.target}/${ch.indicator}`,
          old: ch.old,
          new: ch.value,
          reason,
        });
      }
    }
    const written = fresh.length + changes.length;
    if (importId !== null) auditImport(ctx, { year, scheme, importId, written, counts, reason });
    return { written, counts };
  });
}

/**
 * Checks cells against the scheme (ApiError INPUT listing every problem, nothing written): known
 * target and leaf, the value rules, each cell once. Returns how many runs of one target the cells
 * make and how many targets they name.
 */
function checkCells(
  ctx: ServiceContext,
  input: Pick<WriteValuesInput, 'year' | 'scheme' | 'cells'>,
): { runs: number; targets: number } {
  const rules = cellRules(ctx, input.year, input.scheme);
  const problems: Problem[] = [];
  // target → indicators seen (no per-cell key strings: an import has 1.5 M cells). An import's
  // cells come a target at a time, so the target's check and set are looked up once per run.
  const seen = new Map<string, Set<string>>();
  const memo: ValueCheckMemo = new Map();
  let runTarget: string | undefined;
  let runSeen = new Set<string>();
  let runProblem: Problem | null = null;
  let runs = 0;
  for (const c of input.cells) {
    if (c.target !== runTarget) {
      runs++;
      runTarget = c.target;
      runProblem = targetProblem(rules, c);
      const known = seen.get(c.target);
      if (known) runSeen = known;
      else seen.set(c.target, (runSeen = new Set()));
    }
    const p = runProblem ? { ...runProblem, path: `${c.target}/${c.indicator}` } : valueProblem(rules, c, memo);
    if (p) problems.push(p);
    const before = runSeen.size;
    runSeen.add(c.indicator);
    if (runSeen.size === before)
      problems.push({
        path: `${c.target}/${c.indicator}`,
        message: `${place(rules, c.target, c.indicator)}：同一单元重复出现`,
      });
  }
  if (problems.length > 0) {
    const shown = problems
      .slice(0, 5)
      .map((p) => p.message)
      .join('；');
    throw new ApiError(
      'INPUT',
      `数据有误，未写入任何值：${shown}${problems.length > 5 ? `；等共 ${problems.length} 处` : ''}`,
      {
        problems,
      },
    );
  }
  return { runs, targets: seen.size };
}

/**
 * writeValues of an import into a scheme and year without any value (inside its transaction):
 * every cell with a value is new, a missing one (a blank in replace mode) counts nowhere; the cells
 * go straight to the insert, in one pass (planValueWrites gives the same counts).
 */
function writeFirstImport(
  ctx: ServiceContext,
  input: WriteValuesInput & { importId: number },
): { written: number; counts: ImportCounts } {
  const { year, scheme, importId } = input;
  if (!input.prechecked) checkCells(ctx, input);
  const reason = input.reason ?? null;
  const onWritten = input.onWritten;
  const written = applyFreshValues(
    ctx.raw,
    { year, scheme, who: ctx.who(), at: ctx.now(), reason, importId },
    onWritten ? counted(input.cells, onWritten) : input.cells,
  );
  onWritten?.(written);
  const counts: ImportCounts = { ...noCounts(), new: written };
  auditImport(ctx, { year, scheme, importId, written, counts, reason });
  return { written, counts };
}

/** checkCells' counts for cells already checked: runs of one target, and the targets named. */
function countRuns(cells: readonly CellWrite[]): { runs: number; targets: number } {
  const seen = new Set<string>();
  let runTarget: string | undefined;
  let runs = 0;
  for (const c of cells) {
    if (c.target === runTarget) continue;
    runs++;
    runTarget = c.target;
    seen.add(c.target);
  }
  return { runs, targets: seen.size };
}

/**
 * An import over stored values is staged and compared in SQLite (store/stage.ts): a re-import of a
 * province file holds neither the old values nor a change object per cell.
 */
function stagedImport(ctx: ServiceContext, input: Pick<WriteValuesInput, 'year' | 'scheme' | 'importId'>): boolean {
  return input.importId !== null && input.importId !== undefined && hasSchemeValues(ctx.raw, input.year, input.scheme);
}

/** The counts an import would give (its preview), staged in SQLite when there are stored values. */
export function planImportCounts(
  ctx: ServiceContext,
  input: Pick<WriteValuesInput, 'year' | 'scheme' | 'cells' | 'prechecked'>,
): { written: number; counts: ImportCounts } {
  if (!stagedImport(ctx, { ...input, importId: 0 })) {
    const plan = planValueWrites(ctx, { ...input, importId: 0 });
    return { written: plan.fresh.length + plan.changes.length, counts: plan.counts };
  }
  if (!input.prechecked) checkCells(ctx, input);
  try {
    // One transaction for the staging (only the TEMP table is written): not one per chunk.
    const counts = ctx.raw.transaction(() => stageValues(ctx.raw, input.year, input.scheme, input.cells))();
    return { written: counts.new + counts.changed + counts.cleared, counts };
  } finally {
    clearStage(ctx.raw);
  }
}

/** writeValues of an import over stored values (inside its transaction). */
function writeStagedImport(
  ctx: ServiceContext,
  input: WriteValuesInput & { importId: number },
): { written: number; counts: ImportCounts } {
  const { year, scheme, importId } = input;
  if (!input.prechecked) checkCells(ctx, input);
  const reason = input.reason ?? null;
  try {
    const counts = stageValues(ctx.raw, year, scheme, input.cells);
    const written = writeStagedValues(
      ctx.raw,
      { year, scheme, who: ctx.who(), at: ctx.now(), reason, importId },
      counts,
      input.onWritten,
    );
    auditImport(ctx, { year, scheme, importId, written, counts, reason });
    return { written, counts };
  } finally {
    clearStage(ctx.raw);
  }
}

/**
 * Checks cells (ApiError INPUT listing every problem) and compares them with what is stored: the
 * cells to write and the counts. The import's preview (dry run) and its write both use this, so
 * the counts shown before are the counts after.
 */
export function planValueWrites(
  ctx: ServiceContext,
  input: Pick<WriteValuesInput, 'year' | 'scheme' | 'cells' | 'importId' | 'prechecked'>,
): { fresh: CellWrite[]; changes: ValueChange[]; counts: ImportCounts } {
  const { year, scheme } = input;
  {
    const stored = hasSchemeValues(ctx.raw, year, scheme);
    const { runs, targets } = !input.prechecked
      ? checkCells(ctx, input)
      : stored
        ? countRuns(input.cells)
        : { runs: 0, targets: 0 };
    const importId = input.importId ?? null;
    // Old values a target at a time when the cells come a target at a time (a wide workbook, the
    // grid), so only one target's values are held; all at once when targets come back (a long
    // workbook sorted by indicator); none at all when the scheme has no values yet (a first
    // import), where every old value is missing.
    const all = stored && runs > targets ? readSchemeValues(ctx.raw, year, scheme) : null;
    let oldTarget: string | undefined;
    let oldValues = new Map<string, Value>();
    const oldOf = (c: CellWrite): Value => {
      if (!stored) return MISSING;
      if (c.target !== oldTarget) {
        oldTarget = c.target;
        oldValues = all ? (all.get(c.target) ?? new Map()) : readTargetValues(ctx.raw, year, scheme, c.target);
      }
      return oldValues.get(c.indicator) ?? MISSING;
    };
    // An import's cells that had no value go in as they are (no per-cell change object, history
    // built by SQLite); cells that had one carry their old value.
    const fresh: CellWrite[] = [];
    const changes: ValueChange[] = [];
    const counts = noCounts();
    for (const c of input.cells) {
      const old = oldOf(c);
      countChange(counts, old, c.value);
      if (sameValue(old, c.value)) continue;
      // A missing value over a missing one is skipped above, so fresh cells always hold a value.
      if (importId !== null && old.kind === 'missing') fresh.push(c);
      else changes.push({ target: c.target, indicator: c.indicator, old, value: c.value });
    }
    return { fresh, changes, counts };
  }
}

/** The items, telling `step` how many have gone by every 10,000. */
function* counted<T>(items: readonly T[], step: (n: number) => void): Generator<T> {
  let n = 0;
  for (const item of items) {
    yield item;
    if (++n % 10_000 === 0) step(n);
  }
}

export function getValues(ctx: ServiceContext, year: number, scheme: string): ValueCell[] {
  requireScheme(ctx, year, scheme);
  return ctx
    .all(
      ctx.db
        .selectFrom('indicator_values')
        .select(['target', 'indicator', 'kind', 'number', 'label', 'entered_by', 'entered_at', 'import_id'])
        .where('year', '=', year)
        .where('scheme', '=', scheme)
        .orderBy('target')
        .orderBy('indicator'),
    )
    .map((r) => ({
      target: r.target,
      indicator: r.indicator,
      value: rowToValue(r.kind, r.number, r.label),
      enteredBy: r.entered_by,
      enteredAt: r.entered_at,
      importId: r.import_id,
    }));
}

export function getCell(
  ctx: ServiceContext,
  year: number,
  scheme: string,
  target: string,
  indicator: string,
): ValueCell {
  const r = ctx.first(
    ctx.db
      .selectFrom('indicator_values')
      .select(['kind', 'number', 'label', 'entered_by', 'entered_at', 'import_id'])
      .where('year', '=', year)
      .where('scheme', '=', scheme)
      .where('target', '=', target)
      .where('indicator', '=', indicator),
  );
  if (!r) return { target, indicator, value: MISSING, enteredBy: null, enteredAt: null, importId: null };
  return {
    target,
    indicator,
    value: rowToValue(r.kind, r.number, r.label),
    enteredBy: r.entered_by,
    enteredAt: r.entered_at,
    importId: r.import_id,
  };
}

export function valueHistory(
  ctx: ServiceContext,
  year: number,
  scheme: string,
  target: string,
  indicator: string,
): ValueHistoryEntry[] {
  const rows = ctx.all(
    ctx.db
      .selectFrom('value_history')
      .selectAll()
      .where('year', '=', year)
      .where('scheme', '=', scheme)
      .where('target', '=', target)
      .where('indicator', 'in', [indicator, ALL_CELLS])
      .orderBy('id'),
  );
  const out: ValueHistoryEntry[] = [];
  for (const r of rows) {
    // An import's row for a whole target (store/history.ts): this cell's part of it, if any.
    const cell =
      r.indicator === ALL_CELLS
        ? allCellsEntry(r.old, r.new, indicator)
        : { old: JSON.parse(r.old) as Value, new: JSON.parse(r.new) as Value };
    if (!cell) continue;
    out.push({
      at: r.at,
      who: r.who,
      old: cell.old,
      new: cell.new,
      reason: r.reason,
      importId: r.import_id,
    });
  }
  return out;
}

export { valueToText };

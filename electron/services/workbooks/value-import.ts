/**
 * The value workbook (数据采集表) in: read against the scheme and its targets, checked, and written
 * all or nothing in one transaction (excel.md "Import semantics"); a dry run only reports; the
 * marked copy paints the cells the same reading found wrong. Reading the workbook is in
 * electron/excel/values-import.ts; here its outcome meets the database, and every file is kept.
 */
import type { ImportOutcome, ValueImportMode } from '../../../shared/api/contract';
import { markIssues } from '../../excel/marked-copy';
import { throttleProgress, type ProgressHook } from '../../excel/progress';
import { isXlsx, loadWorkbook, type ReadOptions } from '../../excel/reader';
import { parseValueWorkbook, type ParsedValueWorkbook } from '../../excel/values-import';
import { baselineWarnings, planBaselineWrites, writeBaselines } from '../baselines';
import { ApiError, clipIssues } from '../errors';
import type { ServiceKit } from '../kit';
import { planImportCounts } from '../values';
import { fileIssue, readFailure, rejection, repeatWarning } from './import-issues';
import { workbookBytes } from './payload';
import { schemeFor, schemeTargets, type SchemeRosterDeps } from './scheme-roster';

/**
 * What a value import touches: the scheme and its targets (contract), the lock guard, the import
 * record, the value and 上年数 writes and the repeat / baseline checks (over `ctx`), in `tx`.
 */
export type ValueImportDeps = SchemeRosterDeps &
  Pick<ServiceKit, 'ctx' | 'tx' | 'assertUnlocked' | 'writeValues' | 'recordImport' | 'updateImportOutcome'>;

export interface ImportValuesOptions {
  year: number;
  scheme: string;
  fileName: string;
  bytes: Buffer;
  dryRun?: boolean;
  /** merge (default): blank cells change nothing; replace: a blank cell of a listed target clears. */
  mode?: ValueImportMode;
  read?: ReadOptions;
  onProgress?: ProgressHook;
}

export async function parseValuesFor(
  deps: SchemeRosterDeps,
  o: {
    year: number;
    scheme: string;
    bytes: Buffer;
    mode?: ValueImportMode;
    read?: ReadOptions;
    onProgress?: ProgressHook;
  },
): Promise<ParsedValueWorkbook> {
  const scheme = await schemeFor(deps, o.year, o.scheme);
  const targets = await schemeTargets(deps, scheme, o.year);
  try {
    return await parseValueWorkbook(o.bytes, scheme, targets, { ...o.read, mode: o.mode }, o.onProgress);
  } catch (e) {
    // A refusal (limits, a password, a broken zip) or a platform failure, in Chinese.
    return { cells: [], errors: [fileIssue(readFailure(e))], warnings: [], moreErrors: 0 };
  }
}

/**
 * excel.md "Import semantics": all or nothing; rejected files are kept too (outcome rejected) and
 * the rejection is thrown as ApiError INPUT with every error; a dry run only reports.
 */
export async function importValuesBytes(deps: ValueImportDeps, o: ImportValuesOptions): Promise<ImportOutcome> {
  deps.assertUnlocked(o.year, o.scheme);
  const parsed = await parseValuesFor(deps, o);
  const warnings = [...parsed.warnings];
  const repeat = repeatWarning(deps, o.bytes, 'values');
  if (repeat) warnings.unshift(repeat);
  const mode = o.mode ?? 'merge';
  const baselineCells = parsed.baselines ?? [];
  if (parsed.errors.length === 0) warnings.push(...baselineWarnings(deps.ctx, o.year, o.scheme, baselineCells));
  if (o.dryRun) {
    // Values quoted are cut to a readable length (clipIssues), as in every refusal.
    if (parsed.errors.length > 0)
      return { importId: null, written: 0, errors: clipIssues(parsed.errors), warnings: clipIssues(warnings), mode };
    // The same comparison the write makes (planImportCounts / writeValues), without writing.
    const plan = planImportCounts(deps.ctx, { year: o.year, scheme: o.scheme, cells: parsed.cells });
    const base = planBaselineWrites(deps.ctx, o.year, o.scheme, baselineCells);
    return {
      importId: null,
      written: plan.written,
      errors: [],
      warnings: clipIssues(warnings),
      counts: plan.counts,
      baselines: base.counts,
      mode,
    };
  }
  if (parsed.errors.length > 0) {
    deps.recordImport({
      kind: 'values',
      fileName: o.fileName,
      bytes: o.bytes,
      year: o.year,
      scheme: o.scheme,
      outcome: { status: 'rejected', errors: parsed.errors, warnings },
    });
    throw rejection('数据文件', parsed.errors, warnings);
  }
  const cellCount = parsed.cells.length;
  o.onProgress?.({ stage: '写入', done: 0, total: cellCount });
  // Steps while the cells go in (the worker's messages leave while its thread is busy).
  const step = throttleProgress(o.onProgress);
  const onWritten = step && ((n: number) => n < cellCount && step({ stage: '写入', done: n, total: cellCount }));
  const outcome = deps.tx(() => {
    deps.assertUnlocked(o.year, o.scheme);
    const importId = deps.recordImport({
      kind: 'values',
      fileName: o.fileName,
      bytes: o.bytes,
      year: o.year,
      scheme: o.scheme,
      outcome: { status: 'pending' },
    });
    const reason = `导入文件 ${o.fileName}${mode === 'replace' ? '（整表替换）' : ''}`;
    const { written, counts } = deps.writeValues({
      year: o.year,
      scheme: o.scheme,
      cells: parsed.cells,
      importId,
      reason,
      onWritten,
    });
    const base = writeBaselines(deps.ctx, {
      year: o.year,
      scheme: o.scheme,
      cells: baselineCells,
      importId,
      reason,
    });
    const done: ImportOutcome = { importId, written, errors: [], warnings, counts, baselines: base.counts, mode };
    deps.updateImportOutcome(importId, {
      status: 'imported',
      mode,
      cells: parsed.cells.length,
      written,
      counts,
      baselines: base.counts,
      warnings,
    });
    return done;
  });
  o.onProgress?.({ stage: '写入', done: cellCount, total: cellCount });
  return outcome;
}

/** The workbook back with every bad cell filled red and commented (same checks as the import). */
export async function markedCopyBytes(
  deps: SchemeRosterDeps,
  o: { year: number; scheme: string; bytes: Buffer; fileName?: string },
): Promise<Buffer> {
  const scheme = await schemeFor(deps, o.year, o.scheme);
  const targets = await schemeTargets(deps, scheme, o.year);
  const named = o.fileName ? `“${o.fileName}”` : '此文件';
  // Only an xlsx workbook can be copied with its cells painted: anything else (.xls, .csv, a
  // damaged file) is the user's input, refused with what to do, not a program failure.
  if (!isXlsx(o.bytes)) {
    throw new ApiError(
      'INPUT',
      `无法另存标红副本：${named}不是 .xlsx 格式的工作簿（.xls、.csv 等请先在 Excel/WPS 中另存为 .xlsx 后再试）`,
    );
  }
  let wb: Awaited<ReturnType<typeof loadWorkbook>>;
  let parsed: ParsedValueWorkbook;
  try {
    // The same reading as the import, so the cells painted are the cells it named.
    parsed = await parseValueWorkbook(o.bytes, scheme, targets);
    wb = await loadWorkbook(o.bytes);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new ApiError(
      'INPUT',
      `无法另存标红副本：${named}无法作为 .xlsx 工作簿读取（文件可能已损坏，请在 Excel/WPS 中打开后另存为 .xlsx 再试）。${why}`,
    );
  }
  markIssues(wb, parsed.errors);
  return workbookBytes(wb);
}

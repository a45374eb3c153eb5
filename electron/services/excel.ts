/**
 * Workbook services: value / target / salary / scheme imports, the data-collection template, the
 * marked copy and the finance workbook. Used by the AppraisalApi (excelApi) and by the CLI (the
 * *File functions). Reading and writing workbooks is in electron/excel/; here the outcome meets
 * the database: everything an import writes goes in one transaction, and every file is kept.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type {
  AppraisalApi,
  FilePayload,
  ImportIssue,
  ImportOutcome,
  LongCallOptions,
  ValueImportMode,
} from '../../shared/api/contract';
import type { Scheme, Value } from '../../shared/domain/types';
import { normalizeScheme } from '../../shared/scheme/parse';
import { financeFileName, writeFinanceWorkbook, type FinanceWorkbookInput } from '../excel/finance-workbook';
import { readSalaryWorkbook, readTargetsWorkbook } from '../excel/lists-import';
import { readTable, textOf } from '../excel/table';
import { markIssues } from '../excel/marked-copy';
import { throttleProgress, type ProgressHook } from '../excel/progress';
import { isXlsx, loadWorkbook, type ReadOptions } from '../excel/reader';
import { SchemeSheetError, buildSchemeWorkbook, readSchemeWorkbook } from '../excel/scheme-xlsx';
import { buildTemplate, templateFileName } from '../excel/template';
import { parseValueWorkbook, type ParsedValueWorkbook } from '../excel/values-import';
import { sha256 } from './admin';
import { ApiError, clipIssues, knownFailure } from './errors';
import { produceAtomically, writeFileAtomic } from '../fs/atomic-file';
import type { WorkbookServices as Services } from './kit';
import { withInputCheck, type Handlers } from './handlers/handler';
import { saveTarget } from './targets';
import { lockedNames, readLock } from './lock-snapshot';
import { baselineWarnings, planBaselineWrites, writeBaselines } from './baselines';
import { planImportCounts } from './values';
import { setSalaryInput } from './salary';
import { computePayTotals, listPayTotals, listSurplus, payerNames } from './money';
import { buildResultUsesWorkbook } from '../excel/result-uses';

export type ExcelMethod =
  | 'importTargets'
  | 'exportSchemeXlsx'
  | 'importSchemeXlsx'
  | 'downloadTemplate'
  | 'markedCopy'
  | 'importSalary'
  | 'exportResultUses'
  | 'importValues'
  | 'exportResults';

export const toPayload = (fileName: string, bytes: Buffer): FilePayload => ({
  fileName,
  base64: bytes.toString('base64'),
});
export const fromPayload = (f: FilePayload): Buffer => Buffer.from(f.base64, 'base64');

async function workbookBytes(wb: { xlsx: { writeBuffer(): Promise<unknown> } }): Promise<Buffer> {
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** Why a workbook could not be read, in Chinese where the platform said it in English. */
function readFailure(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  return knownFailure(e)?.message ?? (e instanceof Error ? e.message : String(e));
}

function fileIssue(message: string): ImportIssue {
  return { sheet: '', cell: '', target: '', indicator: '', value: '', message };
}

/** The "this file was imported before (as the same kind of file)" warning; rejected files do not count. */
function repeatWarning(services: Services, bytes: Buffer, kind: string): ImportIssue | null {
  const before = services.ctx
    .all(
      services.ctx.db
        .selectFrom('imports')
        .select(['id', 'file_name', 'at', 'outcome', 'year', 'scheme'])
        .where('sha256', '=', sha256(bytes))
        .where('kind', '=', kind)
        .orderBy('id'),
    )
    .map((r) => ({
      ...r,
      status: (() => {
        try {
          return String((JSON.parse(r.outcome) as { status?: unknown }).status ?? '');
        } catch {
          return '';
        }
      })(),
    }))
    .filter((r) => r.status !== 'rejected');
  const last = before[before.length - 1];
  if (!last) return null;
  const where = last.year !== null && last.scheme ? `（${last.year} 年度 ${last.scheme}）` : '';
  const undone = last.status === 'undone' ? '，该次导入已撤销' : '';
  return fileIssue(
    `此文件与 ${last.at.slice(0, 19).replace('T', ' ')} 导入的“${last.file_name}”${where}内容完全相同（sha256 一致，导入 #${last.id}${undone}），可能是重复导入`,
  );
}

function rejection(what: string, errors: ImportIssue[], warnings: ImportIssue[]): ApiError {
  const first = errors[0];
  const shown = first ? `${first.cell ? `${first.cell}：` : ''}${first.message}` : '';
  return new ApiError(
    'INPUT',
    `${what}被拒绝，未写入任何数据：共 ${errors.length} 处错误。${shown}${errors.length > 1 ? ' …' : ''}`,
    { errors, warnings },
  );
}

function schemeFor(services: Services, year: number, code: string): Promise<Scheme> {
  return services.getScheme({ year, scheme: code }).then((s) => normalizeScheme(s));
}

/** The scheme's targets that year (their years hold it; a locked scheme/year: its locked roster). */
async function schemeTargets(services: Services, scheme: Scheme, year: number) {
  return (await services.listTargets({ year, scheme: scheme.code })).map((t) => ({ code: t.code, name: t.name }));
}

// ---------- values ----------

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

/** What a long API method may take beside its input: a progress hook (worker, dispatcher). */
export type { LongCallOptions };

export async function parseValuesFor(
  services: Services,
  o: {
    year: number;
    scheme: string;
    bytes: Buffer;
    mode?: ValueImportMode;
    read?: ReadOptions;
    onProgress?: ProgressHook;
  },
): Promise<ParsedValueWorkbook> {
  const scheme = await schemeFor(services, o.year, o.scheme);
  const targets = await schemeTargets(services, scheme, o.year);
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
export async function importValuesBytes(services: Services, o: ImportValuesOptions): Promise<ImportOutcome> {
  services.assertUnlocked(o.year, o.scheme);
  const parsed = await parseValuesFor(services, o);
  const warnings = [...parsed.warnings];
  const repeat = repeatWarning(services, o.bytes, 'values');
  if (repeat) warnings.unshift(repeat);
  const mode = o.mode ?? 'merge';
  const baselineCells = parsed.baselines ?? [];
  if (parsed.errors.length === 0) warnings.push(...baselineWarnings(services.ctx, o.year, o.scheme, baselineCells));
  if (o.dryRun) {
    // Values quoted are cut to a readable length (clipIssues), as in every refusal.
    if (parsed.errors.length > 0)
      return { importId: null, written: 0, errors: clipIssues(parsed.errors), warnings: clipIssues(warnings), mode };
    // The same comparison the write makes (planImportCounts / writeValues), without writing.
    const plan = planImportCounts(services.ctx, { year: o.year, scheme: o.scheme, cells: parsed.cells });
    const base = planBaselineWrites(services.ctx, o.year, o.scheme, baselineCells);
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
    services.recordImport({
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
  const outcome = services.tx(() => {
    services.assertUnlocked(o.year, o.scheme);
    const importId = services.recordImport({
      kind: 'values',
      fileName: o.fileName,
      bytes: o.bytes,
      year: o.year,
      scheme: o.scheme,
      outcome: { status: 'pending' },
    });
    const reason = `导入文件 ${o.fileName}${mode === 'replace' ? '（整表替换）' : ''}`;
    const { written, counts } = services.writeValues({
      year: o.year,
      scheme: o.scheme,
      cells: parsed.cells,
      importId,
      reason,
      onWritten,
    });
    const base = writeBaselines(services.ctx, {
      year: o.year,
      scheme: o.scheme,
      cells: baselineCells,
      importId,
      reason,
    });
    const done: ImportOutcome = { importId, written, errors: [], warnings, counts, baselines: base.counts, mode };
    services.updateImportOutcome(importId, {
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
  services: Services,
  o: { year: number; scheme: string; bytes: Buffer; fileName?: string },
): Promise<Buffer> {
  const scheme = await schemeFor(services, o.year, o.scheme);
  const targets = await schemeTargets(services, scheme, o.year);
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

// ---------- targets and salary ----------

interface ListRead<T> {
  items: T[];
  errors: ImportIssue[];
  warnings: ImportIssue[];
}

/**
 * The one path of a list workbook (targets, salary inputs): read; an unreadable file becomes an
 * error; a repeated file a warning; any error rejects the whole file (kept on record as rejected);
 * otherwise the file is recorded and every item written in one transaction.
 */
async function importListWorkbook<T>(
  services: Services,
  o: { kind: 'targets' | 'salary'; what: string; fileName: string; bytes: Buffer; year?: number },
  read: () => Promise<ListRead<T>>,
  write: (item: T, reason: string) => void,
): Promise<ImportOutcome> {
  let r: ListRead<T>;
  try {
    r = await read();
  } catch (e) {
    r = { items: [], errors: [fileIssue(readFailure(e))], warnings: [] };
  }
  const warnings = [...r.warnings];
  const repeat = repeatWarning(services, o.bytes, o.kind);
  if (repeat) warnings.unshift(repeat);
  const record = {
    kind: o.kind,
    fileName: o.fileName,
    bytes: o.bytes,
    ...(o.year !== undefined ? { year: o.year } : {}),
  };
  if (r.errors.length) {
    services.recordImport({ ...record, outcome: { status: 'rejected', errors: r.errors, warnings } });
    throw rejection(o.what, r.errors, warnings);
  }
  return services.tx(() => {
    const importId = services.recordImport({ ...record, outcome: { status: 'pending' } });
    for (const item of r.items) write(item, `导入文件 ${o.fileName}`);
    services.updateImportOutcome(importId, { status: 'imported', written: r.items.length, warnings });
    return { importId, written: r.items.length, errors: [], warnings };
  });
}

export async function importTargetsBytes(
  services: Services,
  o: { fileName: string; bytes: Buffer; read?: ReadOptions },
): Promise<ImportOutcome> {
  const existing = await services.listTargets({ includeInactive: true });
  return importListWorkbook(
    services,
    { kind: 'targets', what: '考核对象文件', fileName: o.fileName, bytes: o.bytes },
    async () => {
      const r = await readTargetsWorkbook(o.bytes, existing, o.read);
      // Groups first, so that members can name a group added by the same file.
      const items = [...r.items].sort(
        (a, b) => Number(b.kind === 'medical_group') - Number(a.kind === 'medical_group'),
      );
      return { ...r, items };
    },
    (t, reason) => saveTarget(services.ctx, t, reason),
  );
}

export async function importSalaryBytes(
  services: Services,
  o: { year: number; fileName: string; bytes: Buffer; read?: ReadOptions },
): Promise<ImportOutcome> {
  const targets = await services.listTargets({ includeInactive: true });
  const schemes = await services.listSchemes({ year: o.year });
  const known = {
    targets: new Map(targets.map((t) => [t.code, t.name])),
    schemes: new Set(schemes.map((s) => s.code)),
    groups: targets.filter((t) => t.kind === 'medical_group').map((t) => ({ code: t.code, name: t.name })),
  };
  return importListWorkbook(
    services,
    { kind: 'salary', what: '年薪文件', fileName: o.fileName, bytes: o.bytes, year: o.year },
    () => readSalaryWorkbook(o.bytes, known, o.read),
    (s, reason) => setSalaryInput(services.ctx, o.year, s, reason),
  );
}

// ---------- schemes ----------

export async function exportSchemeBytes(services: Services, o: { year: number; scheme: string }): Promise<FilePayload> {
  const scheme = await services.getScheme({ year: o.year, scheme: o.scheme });
  const bytes = await workbookBytes(buildSchemeWorkbook(scheme));
  return toPayload(`${o.year}年度${scheme.name}（${scheme.code}）指标体系.xlsx`, bytes);
}

/** Workbook → scheme object (not yet checked); cell-named errors as ApiError INPUT. */
export async function schemeObjectFromXlsx(bytes: Buffer): Promise<Record<string, unknown>> {
  try {
    return readSchemeWorkbook(await loadWorkbook(bytes));
  } catch (e) {
    if (e instanceof SchemeSheetError) {
      throw new ApiError('INPUT', `指标体系文件有误：${e.message}`, {
        problems: [{ path: e.place, message: e.message }],
      });
    }
    throw new ApiError('INPUT', e instanceof Error ? e.message : String(e));
  }
}

export async function importSchemeBytes(
  services: Services,
  o: { fileName: string; bytes: Buffer; year?: number },
): Promise<{ code: string; problems: { path: string; message: string }[] }> {
  const obj = await schemeObjectFromXlsx(o.bytes);
  const saved = await services.saveScheme({
    scheme: obj,
    ...(o.year !== undefined ? { year: o.year } : {}),
    reason: `导入文件 ${o.fileName}`,
  });
  return saved;
}

// ---------- template ----------

export async function templateBytes(
  services: Services,
  o: { year: number; scheme: string; prefill?: boolean },
): Promise<FilePayload> {
  const scheme = await schemeFor(services, o.year, o.scheme);
  const targets = await schemeTargets(services, scheme, o.year);
  const settings = await services.getSettings();
  let values: Map<string, Map<string, Value>> | undefined;
  if (o.prefill) {
    values = new Map();
    for (const c of await services.getValues({ year: o.year, scheme: o.scheme })) {
      if (!values.has(c.target)) values.set(c.target, new Map());
      values.get(c.target)!.set(c.indicator, c.value);
    }
  }
  // The 上年数 columns always show what growth will use (last year's stored value, or the kept 上年数).
  const baselines = new Map<string, Map<string, Value>>();
  for (const c of await services.getBaselines({ year: o.year, scheme: o.scheme })) {
    if (c.source === 'none') continue;
    if (!baselines.has(c.target)) baselines.set(c.target, new Map());
    baselines.get(c.target)!.set(c.indicator, c.used);
  }
  const wb = buildTemplate({ scheme, year: o.year, targets, countyName: settings.countyName, values, baselines });
  return toPayload(templateFileName(scheme, o.year), await workbookBytes(wb));
}

// ---------- finance workbook ----------

export async function financeInput(
  services: Services,
  o: { year: number; scheme: string },
): Promise<FinanceWorkbookInput> {
  const scheme = await schemeFor(services, o.year, o.scheme);
  const results = await services.score({ year: o.year, scheme: o.scheme });
  const settings = await services.getSettings();
  const salary = (await services.computeSalary({ year: o.year })).filter((l) => l.scheme === o.scheme);
  // A locked scheme/year shows the names it was locked with.
  const targetNames =
    lockedNames(services.ctx, o.year, o.scheme) ??
    new Map((await services.listTargets({})).map((t) => [t.code, t.name]));
  const lock = services.ctx.isLocked(o.year, o.scheme);
  const lockRecord = lock ? readLock(services.ctx, o.year, o.scheme) : null;
  // A group scheme also carries the groups' 绩效工资总量 and 医保结余 splits (finance.md).
  const isGroupScheme = scheme.targetKind === 'medical_group';
  const inResults = new Set(results.results.map((r) => r.target));
  const computed =
    isGroupScheme && listPayTotals(services.ctx, o.year).length > 0
      ? computePayTotals(services.ctx, o.year, o.scheme)
      : null;
  // Groups named as the results name them (a locked scheme: as locked).
  const named = <T extends { target: string; name: string }>(r: T): T => ({
    ...r,
    name: targetNames.get(r.target) ?? r.name,
  });
  const payTotals = computed ? { ...computed, groups: computed.groups.map(named) } : null;
  const surplus = isGroupScheme
    ? listSurplus(services.ctx, o.year)
        .filter((r) => inResults.has(r.target))
        .map(named)
    : [];
  return {
    countyName: settings.countyName,
    year: o.year,
    scheme,
    results,
    salary,
    targetNames,
    // A group scheme's own (locked) names win: its pay sheets are named as it was locked.
    // Other locked schemes: the payer names the lock froze (a group renamed later keeps its sheet name).
    payerNames: new Map(
      [...payerNames(services.ctx), ...Object.entries(lockRecord?.snapshot?.payerNames ?? {})].map(([code, name]) => [
        code,
        targetNames.get(code) ?? name,
      ]),
    ),
    payTotals,
    surplus,
    allocation: services.savedAllocation(o.year, o.scheme),
    lock: lock ? { fingerprint: lock.fingerprint, lockedAt: lock.lockedAt } : null,
    exportedAt: new Date(),
  };
}

export async function exportResultsBytes(
  services: Services,
  o: { year: number; scheme: string },
  onProgress?: ProgressHook,
): Promise<FilePayload> {
  const input = await financeInput(services, o);
  return toPayload(financeFileName(input), await financeWorkbookBuffer(input, onProgress));
}

/** The finance workbook in memory (the API's download; the fingerprint check rebuilds it too). */
export async function financeWorkbookBuffer(input: FinanceWorkbookInput, onProgress?: ProgressHook): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  await writeFinanceWorkbook(input, { stream }, onProgress);
  stream.end();
  await done;
  return Buffer.concat(chunks);
}

// ---------- allocation factors ----------

/**
 * `allocate --factor-column NAME --factors FILE.xlsx`: target code → factor (服务人口, 床位 …) from
 * the column titled NAME; a factor that is not a non-negative number rejects the file.
 */
export async function readFactors(
  services: Services,
  file: FilePayload,
  column: string,
): Promise<Record<string, string>> {
  void services;
  const bytes = fromPayload(file);
  let read;
  try {
    read = await readTable<'code' | 'factor'>(
      bytes,
      [
        { key: 'code', titles: ['对象编码', '单位编码', '编码'], required: true },
        { key: 'factor', titles: [column], required: true },
      ],
      `分配系数（${column}）`,
    );
  } catch (e) {
    throw new ApiError('INPUT', e instanceof Error ? e.message : String(e));
  }
  const errors = [...read.errors];
  const out: Record<string, string> = {};
  for (const rec of read.records) {
    const code = textOf(rec.cell('code')).trim();
    const r = rec.cell('factor');
    const text = r.kind === 'number' ? r.written : r.kind === 'text' ? r.text.replace(/,/g, '').trim() : '';
    const ok = /^\d+(\.\d+)?$/.test(text);
    if (!code || !ok || code in out) {
      errors.push({
        sheet: rec.sheet,
        cell: rec.where(!code || code in out ? 'code' : 'factor'),
        target: code,
        indicator: '',
        value: r.kind === 'blank' ? '' : r.written,
        message: !code ? '缺少对象编码' : code in out ? `对象 ${code} 出现了两次` : `分配系数应为不小于 0 的数值`,
      });
      continue;
    }
    out[code] = text;
  }
  if (errors.length) throw rejection('分配系数文件', errors, read.warnings);
  return out;
}

// ---------- the API methods ----------

/** The workbook methods of the contract, inputs already checked (handlers/workbooks.ts). */
export function excelHandlers(services: Services): Handlers<ExcelMethod> {
  return {
    async importTargets(i) {
      return importTargetsBytes(services, { fileName: i.file.fileName, bytes: fromPayload(i.file) });
    },
    async exportSchemeXlsx(i) {
      return exportSchemeBytes(services, i);
    },
    async importSchemeXlsx(i) {
      return importSchemeBytes(services, { fileName: i.file.fileName, bytes: fromPayload(i.file), year: i.year });
    },
    async downloadTemplate(i) {
      return templateBytes(services, i);
    },
    async importValues(i, opts) {
      return importValuesBytes(services, {
        year: i.year,
        scheme: i.scheme,
        fileName: i.file.fileName,
        bytes: fromPayload(i.file),
        dryRun: i.dryRun,
        mode: i.mode,
        onProgress: opts?.onProgress,
      });
    },
    async markedCopy(i) {
      const bytes = await markedCopyBytes(services, {
        year: i.year,
        scheme: i.scheme,
        bytes: fromPayload(i.file),
        fileName: i.file.fileName,
      });
      const base = i.file.fileName.replace(/\.xlsx$/i, '');
      return toPayload(`${base}（错误已标红）.xlsx`, bytes);
    },
    async importSalary(i) {
      return importSalaryBytes(services, { year: i.year, fileName: i.file.fileName, bytes: fromPayload(i.file) });
    },
    async exportResults(i, opts) {
      return exportResultsBytes(services, i, opts?.onProgress);
    },
    async exportResultUses(i) {
      const report = await services.resultUses({ year: i.year });
      const settings = await services.getSettings();
      const wb = buildResultUsesWorkbook({ countyName: settings.countyName, report, exportedAt: new Date() });
      return toPayload(`${settings.countyName}${i.year}年度考核结果运用.xlsx`, await workbookBytes(wb));
    },
  };
}

/** The same methods with their inputs checked, as the contract's callers use them. */
export function excelApi(services: Services): Pick<AppraisalApi, ExcelMethod> {
  return withInputCheck(services.ctx, excelHandlers(services));
}

// ---------- file-path conveniences for the CLI ----------

const readFile = (file: string) => {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw new ApiError('INPUT', `无法读取文件 ${file}：${e instanceof Error ? e.message : String(e)}`);
  }
};

/** `values import`; with `marked`, a rejected file's marked copy is written there too. */
export async function importValuesFile(
  services: Services,
  o: { year: number; scheme: string; file: string; dryRun?: boolean; mode?: ValueImportMode; marked?: string },
): Promise<ImportOutcome> {
  const bytes = readFile(o.file);
  try {
    return await importValuesBytes(services, {
      year: o.year,
      scheme: o.scheme,
      fileName: path.basename(o.file),
      bytes,
      dryRun: o.dryRun,
      mode: o.mode,
    });
  } catch (e) {
    if (o.marked && e instanceof ApiError && e.code === 'INPUT' && e.errors?.length && isXlsx(bytes)) {
      writeFileAtomic(
        o.marked,
        await markedCopyBytes(services, { year: o.year, scheme: o.scheme, bytes, fileName: path.basename(o.file) }),
      );
    }
    throw e;
  }
}

/** `export results`: streamed straight to the file (no whole-workbook buffer). */
export async function exportResultsFile(
  services: Services,
  o: { year: number; scheme: string; out: string },
): Promise<void> {
  const input = await financeInput(services, services.ctx.check('exportResults', { year: o.year, scheme: o.scheme }));
  // Streamed to a temporary name beside the target and renamed into place (atomic-file.ts): a
  // failed export leaves no half-written file, nor replaces a good one.
  await produceAtomically(o.out, (tmp) => writeFinanceWorkbook(input, { filename: tmp }));
}

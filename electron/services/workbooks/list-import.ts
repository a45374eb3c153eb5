/**
 * The list workbooks: 考核对象名单 (targets) and 年薪 inputs (salary), in through one path, and the
 * blank (or filled) targets list to fill in. Reading them is in electron/excel/lists-import.ts; here
 * the outcome meets the database: all or nothing, in one transaction, every file kept.
 */
import type { AppraisalApi, FilePayload, ImportIssue, ImportOutcome } from '../../../shared/api/contract';
import { buildTargetsTemplate, readSalaryWorkbook, readTargetsWorkbook } from '../../excel/lists-import';
import type { ReadOptions } from '../../excel/reader';
import type { ServiceKit } from '../kit';
import { setSalaryInput } from '../salary';
import { saveTarget } from '../targets';
import { fileIssue, readFailure, rejection, repeatWarning } from './import-issues';
import { toPayload, workbookBytes } from './payload';

/** What every list import touches: the import record and the writes (over `ctx`), in `tx`. */
export type ListImportDeps = Pick<ServiceKit, 'ctx' | 'tx' | 'recordImport' | 'updateImportOutcome'>;
export type TargetsImportDeps = ListImportDeps & Pick<AppraisalApi, 'listTargets'>;
export type SalaryImportDeps = ListImportDeps & Pick<AppraisalApi, 'listTargets' | 'listSchemes'>;

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
  deps: ListImportDeps,
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
  const repeat = repeatWarning(deps, o.bytes, o.kind);
  if (repeat) warnings.unshift(repeat);
  const record = {
    kind: o.kind,
    fileName: o.fileName,
    bytes: o.bytes,
    ...(o.year !== undefined ? { year: o.year } : {}),
  };
  if (r.errors.length) {
    deps.recordImport({ ...record, outcome: { status: 'rejected', errors: r.errors, warnings } });
    throw rejection(o.what, r.errors, warnings);
  }
  return deps.tx(() => {
    const importId = deps.recordImport({ ...record, outcome: { status: 'pending' } });
    for (const item of r.items) write(item, `导入文件 ${o.fileName}`);
    deps.updateImportOutcome(importId, { status: 'imported', written: r.items.length, warnings });
    return { importId, written: r.items.length, errors: [], warnings };
  });
}

export async function importTargetsBytes(
  deps: TargetsImportDeps,
  o: { fileName: string; bytes: Buffer; read?: ReadOptions },
): Promise<ImportOutcome> {
  const existing = await deps.listTargets({ includeInactive: true });
  return importListWorkbook(
    deps,
    { kind: 'targets', what: '考核对象文件', fileName: o.fileName, bytes: o.bytes },
    async () => {
      const r = await readTargetsWorkbook(o.bytes, existing, o.read);
      // Groups first, so that members can name a group added by the same file.
      const items = [...r.items].sort(
        (a, b) => Number(b.kind === 'medical_group') - Number(a.kind === 'medical_group'),
      );
      return { ...r, items };
    },
    (t, reason) => saveTarget(deps.ctx, t, reason),
  );
}

export async function importSalaryBytes(
  deps: SalaryImportDeps,
  o: { year: number; fileName: string; bytes: Buffer; read?: ReadOptions },
): Promise<ImportOutcome> {
  const targets = await deps.listTargets({ includeInactive: true });
  const schemes = await deps.listSchemes({ year: o.year });
  const known = {
    targets: new Map(targets.map((t) => [t.code, t.name])),
    schemes: new Set(schemes.map((s) => s.code)),
    groups: targets.filter((t) => t.kind === 'medical_group').map((t) => ({ code: t.code, name: t.name })),
  };
  return importListWorkbook(
    deps,
    { kind: 'salary', what: '年薪文件', fileName: o.fileName, bytes: o.bytes, year: o.year },
    () => readSalaryWorkbook(o.bytes, known, o.read),
    (s, reason) => setSalaryInput(deps.ctx, o.year, s, reason),
  );
}

/** 考核对象名单 to fill in: the current targets listed, or (`empty`) only the headings. */
export async function targetsTemplateBytes(
  deps: Pick<AppraisalApi, 'getSettings' | 'listTargets'>,
  o: { empty?: boolean },
): Promise<FilePayload> {
  const settings = await deps.getSettings();
  const targets = o.empty ? [] : await deps.listTargets({});
  const wb = buildTargetsTemplate(targets, settings.countyName);
  return toPayload(`${settings.countyName}考核对象名单.xlsx`, await workbookBytes(wb));
}

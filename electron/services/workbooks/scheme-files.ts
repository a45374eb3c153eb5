/**
 * 指标体系 workbooks (scheme-json.md's scheme as sheets): export a scheme, and read one back to be
 * checked and saved as any scheme is (saveScheme). The sheets are in electron/excel/scheme-xlsx.ts.
 */
import type { AppraisalApi, FilePayload } from '../../../shared/api/contract';
import { loadWorkbook } from '../../excel/reader';
import { SchemeSheetError, buildSchemeWorkbook, readSchemeWorkbook } from '../../excel/scheme-xlsx';
import { ApiError } from '../errors';
import { toPayload, workbookBytes } from './payload';

export async function exportSchemeBytes(
  deps: Pick<AppraisalApi, 'getScheme'>,
  o: { year: number; scheme: string },
): Promise<FilePayload> {
  const scheme = await deps.getScheme({ year: o.year, scheme: o.scheme });
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
  deps: Pick<AppraisalApi, 'saveScheme'>,
  o: { fileName: string; bytes: Buffer; year?: number },
): Promise<{ code: string; problems: { path: string; message: string }[] }> {
  const obj = await schemeObjectFromXlsx(o.bytes);
  const saved = await deps.saveScheme({
    scheme: obj,
    ...(o.year !== undefined ? { year: o.year } : {}),
    reason: `导入文件 ${o.fileName}`,
  });
  return saved;
}

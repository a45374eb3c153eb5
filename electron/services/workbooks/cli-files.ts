/**
 * The CLI's workbook commands over file paths (cli.md): `values import FILE [--marked OUT]` and
 * `export results --out FILE`, written to the named file atomically (electron/fs/atomic-file.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ImportOutcome, ValueImportMode } from '../../../shared/api/contract';
import { writeFinanceWorkbook } from '../../excel/finance-workbook';
import { isXlsx } from '../../excel/reader';
import { produceAtomically, writeFileAtomic } from '../../fs/atomic-file';
import { ApiError } from '../errors';
import { financeInput, type FinanceInputDeps } from './finance-export';
import { importValuesBytes, markedCopyBytes, type ValueImportDeps } from './value-import';

const readFile = (file: string) => {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw new ApiError('INPUT', `无法读取文件 ${file}：${e instanceof Error ? e.message : String(e)}`);
  }
};

/** `values import`; with `marked`, a rejected file's marked copy is written there too. */
export async function importValuesFile(
  deps: ValueImportDeps,
  o: { year: number; scheme: string; file: string; dryRun?: boolean; mode?: ValueImportMode; marked?: string },
): Promise<ImportOutcome> {
  const bytes = readFile(o.file);
  try {
    return await importValuesBytes(deps, {
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
        await markedCopyBytes(deps, { year: o.year, scheme: o.scheme, bytes, fileName: path.basename(o.file) }),
      );
    }
    throw e;
  }
}

/** `export results`: streamed straight to the file (no whole-workbook buffer). */
export async function exportResultsFile(
  deps: FinanceInputDeps,
  o: { year: number; scheme: string; out: string },
): Promise<void> {
  const input = await financeInput(deps, deps.ctx.check('exportResults', { year: o.year, scheme: o.scheme }));
  // Streamed to a temporary name beside the target and renamed into place (atomic-file.ts): a
  // failed export leaves no half-written file, nor replaces a good one.
  await produceAtomically(o.out, (tmp) => writeFinanceWorkbook(input, { filename: tmp }));
}

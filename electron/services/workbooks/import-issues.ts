/**
 * What every workbook import (values, targets, salary inputs) reports besides its own checks: a
 * file that cannot be read, a file imported before, and the refusal of a file with errors
 * (excel.md "Import semantics": all or nothing, every error listed).
 */
import type { ImportIssue } from '../../../shared/api/contract';
import { sha256 } from '../admin';
import { ApiError, knownFailure } from '../errors';
import type { ServiceKit } from '../kit';

/** Why a workbook could not be read, in Chinese where the platform said it in English. */
export function readFailure(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  return knownFailure(e)?.message ?? (e instanceof Error ? e.message : String(e));
}

/** An issue of the whole file (no sheet, cell, target or indicator). */
export function fileIssue(message: string): ImportIssue {
  return { sheet: '', cell: '', target: '', indicator: '', value: '', message };
}

/** The import records the repeat check reads. */
export type RepeatCheckDeps = Pick<ServiceKit, 'ctx'>;

/** The "this file was imported before (as the same kind of file)" warning; rejected files do not count. */
export function repeatWarning(deps: RepeatCheckDeps, bytes: Buffer, kind: string): ImportIssue | null {
  const { ctx } = deps;
  const before = ctx
    .all(
      ctx.db
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

/** The refusal of a file with errors: ApiError INPUT carrying every error and warning. */
export function rejection(what: string, errors: ImportIssue[], warnings: ImportIssue[]): ApiError {
  const first = errors[0];
  const shown = first ? `${first.cell ? `${first.cell}：` : ''}${first.message}` : '';
  return new ApiError(
    'INPUT',
    `${what}被拒绝，未写入任何数据：共 ${errors.length} 处错误。${shown}${errors.length > 1 ? ' …' : ''}`,
    { errors, warnings },
  );
}

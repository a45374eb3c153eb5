import type { ApiErrorShape, ImportIssue } from '../../../shared/api/contract';
import type { Problem } from '../../../shared/domain/types';

/** What the UI shows for a failed call: a Chinese message and the places it concerns. */
export interface ShownError {
  code: string;
  message: string;
  problems: Problem[];
  errors: ImportIssue[];
  warnings: ImportIssue[];
}

const CODE_NAMES: Record<string, string> = {
  INPUT: '输入有误',
  LOCKED: '已定稿，不能修改',
  NOT_FOUND: '未找到',
  DB: '数据库错误',
  INTERNAL: '程序错误',
};

export function toShownError(e: unknown): ShownError {
  const shape = (e ?? {}) as Partial<ApiErrorShape> & { message?: string };
  const code = typeof shape.code === 'string' ? shape.code : 'INTERNAL';
  let message = typeof shape.message === 'string' && shape.message ? shape.message : String(e);
  // Network failures of fetch come in English from the browser; say it in Chinese.
  if (/Failed to fetch|NetworkError|Load failed/i.test(message)) message = '无法连接到本机服务，请确认程序仍在运行';
  return {
    code,
    message,
    problems: Array.isArray(shape.problems) ? shape.problems : [],
    errors: Array.isArray(shape.errors) ? shape.errors : [],
    warnings: Array.isArray(shape.warnings) ? shape.warnings : [],
  };
}

export function codeName(code: string): string {
  return CODE_NAMES[code] ?? '出错';
}

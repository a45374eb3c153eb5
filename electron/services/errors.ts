/**
 * The one error type of the services. `code` decides the CLI exit code (INPUT and NOT_FOUND → 2,
 * LOCKED → 3, others → 1) and crosses every transport as ApiErrorShape.
 */
import type { ApiErrorCode, ApiErrorShape, ImportIssue } from '../../shared/api/contract';
import type { Problem } from '../../shared/domain/types';

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  problems?: Problem[];
  errors?: ImportIssue[];
  warnings?: ImportIssue[];

  constructor(
    code: ApiErrorCode,
    message: string,
    extra: { problems?: Problem[]; errors?: ImportIssue[]; warnings?: ImportIssue[] } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    if (extra.problems) this.problems = extra.problems;
    if (extra.errors) this.errors = extra.errors;
    if (extra.warnings) this.warnings = extra.warnings;
  }

  toShape(): ApiErrorShape {
    const shape: ApiErrorShape = { code: this.code, message: this.message };
    if (this.problems) shape.problems = this.problems;
    if (this.errors) shape.errors = this.errors;
    if (this.warnings) shape.warnings = this.warnings;
    return shape;
  }
}

export function inputError(message: string, problems?: Problem[]): ApiError {
  return new ApiError('INPUT', message, problems ? { problems } : {});
}

export function notFound(message: string): ApiError {
  return new ApiError('NOT_FOUND', message);
}

/** Any thrown thing → ApiError; unknown failures become INTERNAL with their message kept. */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('SQLITE_')) {
    return new ApiError('DB', `数据库错误：${msg}`);
  }
  return new ApiError('INTERNAL', `程序内部错误：${msg}`);
}

export function exitCodeOf(e: ApiError): number {
  // A scheme, year or import named on the command line that does not exist is rejected input
  // (cli.md: 2), not a failure of the program (1).
  if (e.code === 'INPUT' || e.code === 'NOT_FOUND') return 2;
  if (e.code === 'LOCKED') return 3;
  return 1;
}

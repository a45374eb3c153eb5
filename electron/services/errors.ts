/**
 * The services' error helpers. ApiError itself lives in shared/api/errors.ts (the store throws it
 * too); it is re-exported here for the services, the CLI and the transports. `code` decides the
 * CLI exit code (INPUT and NOT_FOUND → 2, LOCKED → 3, others → 1).
 */
import { ApiError } from '../../shared/api/errors';
import type { Problem } from '../../shared/domain/types';

export { ApiError };

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

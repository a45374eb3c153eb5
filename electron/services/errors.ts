/**
 * The services' error helpers. ApiError itself lives in shared/api/errors.ts (the store throws it
 * too); it is re-exported here for the services, the CLI and the transports. `code` decides the
 * CLI exit code (INPUT, NOT_FOUND and BUSY → 2, LOCKED → 3, others → 1).
 */
import { ApiError, clipIssues, clipMessage, clipText, ECHO_MAX_CHARS } from '../../shared/api/errors';
import type { Problem } from '../../shared/domain/types';

export { ApiError, clipIssues, clipMessage, clipText, ECHO_MAX_CHARS };

export function inputError(message: string, problems?: Problem[]): ApiError {
  return new ApiError('INPUT', message, problems ? { problems } : {});
}

export function notFound(message: string): ApiError {
  return new ApiError('NOT_FOUND', message);
}

/** The message when another window or program holds the write lock longer than the busy timeout. */
export const BUSY_MESSAGE =
  '数据库正被另一个窗口或程序写入（例如正在导入），等待 5 秒后仍未结束，本次操作未执行、未写入任何数据。请等对方完成后重试。';

/**
 * Failures of the platform (SQLite, the file system, zlib, V8) that a user can meet, in Chinese and
 * saying what to do; null for anything else.
 */
export function knownFailure(e: unknown): ApiError | null {
  const msg = e instanceof Error ? e.message : String(e);
  const code = (e as { code?: unknown } | null)?.code;
  const c = typeof code === 'string' ? code : '';
  if (c.startsWith('SQLITE_BUSY') || c.startsWith('SQLITE_LOCKED') || /database (table )?is locked/i.test(msg)) {
    return new ApiError('BUSY', BUSY_MESSAGE);
  }
  if (
    c === 'SQLITE_FULL' ||
    c === 'ENOSPC' ||
    c === 'EDQUOT' ||
    /database or disk is full|no space left on device|ENOSPC/i.test(msg)
  ) {
    return new ApiError('DB', '磁盘已满，数据未能写入（本次操作未生效）。请清理磁盘空间后重试。');
  }
  if (c.startsWith('SQLITE_READONLY') || /attempt to write a readonly database/i.test(msg)) {
    return new ApiError(
      'INPUT',
      '数据库文件是只读的（只读属性、只读文件夹或光盘/只读 U 盘），不能写入；查询、导出仍可使用。请把数据库复制到可写的位置或取消只读属性后再修改。',
    );
  }
  if (c === 'EACCES' || c === 'EPERM' || c === 'EROFS') {
    return new ApiError(
      'INPUT',
      `没有读写权限：${(e as { path?: string }).path ?? ''}。请检查文件或文件夹的权限，或换一个位置。`,
    );
  }
  if (
    e instanceof RangeError &&
    /Invalid string length|Array buffer allocation failed|Cannot create a string longer|Buffer/i.test(msg)
  ) {
    return new ApiError(
      'INPUT',
      '文件中的内容过大（某个单元格或部件超出程序能处理的长度），未导入。请检查文件，删去过长的内容后重试。',
    );
  }
  if (
    /Corrupted zip|End of data reached|invalid (stored block|distance|code|block type)|unexpected end of file|incorrect header check|invalid zip|end of central directory/i.test(
      msg,
    )
  ) {
    return new ApiError(
      'INPUT',
      '文件已损坏，不是完整的 xlsx 工作簿（zip 结构有误）。请在 Excel/WPS 中重新打开并另存为 .xlsx 后再试。',
    );
  }
  return null;
}

/** Any thrown thing → ApiError; unknown failures become INTERNAL with their message kept. */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  const known = knownFailure(e);
  if (known) return known;
  const msg = e instanceof Error ? e.message : String(e);
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('SQLITE_')) {
    return new ApiError('DB', `数据库错误：${msg}`);
  }
  return new ApiError('INTERNAL', `程序内部错误：${msg}`);
}

/**
 * 2 for every refusal: bad input; a scheme, year or import named on the command line that does not
 * exist (cli.md: 2, not a failure of the program); a database another program kept busy past the
 * busy timeout (nothing was done: retry later). 3 locked; 1 a failure of the program.
 */
export function exitCodeOf(e: ApiError): number {
  if (e.code === 'INPUT' || e.code === 'NOT_FOUND' || e.code === 'BUSY') return 2;
  if (e.code === 'LOCKED') return 3;
  return 1;
}

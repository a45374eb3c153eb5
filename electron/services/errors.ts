/**
 * The one error type of the services. `code` decides the CLI exit code (INPUT → 2, LOCKED → 3,
 * others → 1) and crosses every transport as ApiErrorShape.
 */
import type { ApiErrorCode, ApiErrorShape, ImportIssue } from '../../shared/api/contract';
import type { Problem } from '../../shared/domain/types';

/** An echoed value longer than this is cut, with its size: "…（共 10485760 字符）". */
export const ECHO_MAX_CHARS = 200;

/** A value cut to a readable length, saying how long it was. */
export function clipText(text: string, max = ECHO_MAX_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max)}…（共 ${text.length} 字符）`;
}

/** Messages may quote a value; a message this long is cut in the same way. */
const MESSAGE_MAX_CHARS = 2000;

/**
 * A message with a quoted value in it: any run of over ECHO_MAX_CHARS characters without a space or
 * punctuation (in practice always a quoted value) is cut with its size, then the whole to
 * MESSAGE_MAX_CHARS.
 */
const BREAKS = new Set([...' \t\n\r「」“”"\'‘’（）()，,。：:；;、']);

export function clipMessage(message: string): string {
  if (message.length <= ECHO_MAX_CHARS) return message;
  // A scan, not a regular expression: a pattern over a 10 MB run overflows the regex engine's stack.
  let out = '';
  let start = 0;
  for (let i = 0; i <= message.length; i++) {
    if (i < message.length && !BREAKS.has(message[i]!)) continue;
    if (i - start > ECHO_MAX_CHARS) out += clipText(message.slice(start, i));
    else out += message.slice(start, i);
    if (i < message.length) out += message[i];
    start = i + 1;
    if (out.length > MESSAGE_MAX_CHARS) break;
  }
  return clipText(out, MESSAGE_MAX_CHARS);
}

function clipIssue(i: ImportIssue): ImportIssue {
  const long = Object.values(i).some((v) => typeof v === 'string' && v.length > ECHO_MAX_CHARS);
  // (a message of a few hundred characters without a long run is returned as it is by clipMessage)
  if (!long) return i;
  return {
    ...i,
    sheet: clipText(i.sheet),
    cell: clipText(i.cell),
    target: clipText(i.target),
    indicator: clipText(i.indicator),
    value: clipText(i.value),
    message: clipMessage(i.message),
  };
}

/** Every issue of a list with its long strings cut (what is shown, sent and stored). */
export function clipIssues(list: ImportIssue[]): ImportIssue[] {
  return list.map(clipIssue);
}

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
    // Whatever a message or an issue quotes, it is never echoed whole (a 10 MB cell stays 200 characters).
    super(clipMessage(message));
    this.name = 'ApiError';
    this.code = code;
    if (extra.problems) this.problems = extra.problems.map((p) => ({ ...p, message: clipMessage(p.message), path: clipText(p.path) }));
    if (extra.errors) this.errors = clipIssues(extra.errors);
    if (extra.warnings) this.warnings = clipIssues(extra.warnings);
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
  if (c === 'SQLITE_FULL' || c === 'ENOSPC' || c === 'EDQUOT' || /database or disk is full|no space left on device|ENOSPC/i.test(msg)) {
    return new ApiError('DB', '磁盘已满，数据未能写入（本次操作未生效）。请清理磁盘空间后重试。');
  }
  if (c.startsWith('SQLITE_READONLY') || /attempt to write a readonly database/i.test(msg)) {
    return new ApiError(
      'INPUT',
      '数据库文件是只读的（只读属性、只读文件夹或光盘/只读 U 盘），不能写入；查询、导出仍可使用。请把数据库复制到可写的位置或取消只读属性后再修改。',
    );
  }
  if (c === 'EACCES' || c === 'EPERM' || c === 'EROFS') {
    return new ApiError('INPUT', `没有读写权限：${(e as { path?: string }).path ?? ''}。请检查文件或文件夹的权限，或换一个位置。`);
  }
  if (e instanceof RangeError && /Invalid string length|Array buffer allocation failed|Cannot create a string longer|Buffer/i.test(msg)) {
    return new ApiError('INPUT', '文件中的内容过大（某个单元格或部件超出程序能处理的长度），未导入。请检查文件，删去过长的内容后重试。');
  }
  if (/Corrupted zip|End of data reached|invalid (stored block|distance|code|block type)|unexpected end of file|incorrect header check|invalid zip|end of central directory/i.test(msg)) {
    return new ApiError('INPUT', '文件已损坏，不是完整的 xlsx 工作簿（zip 结构有误）。请在 Excel/WPS 中重新打开并另存为 .xlsx 后再试。');
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

/** 2 for every refusal (bad input, and a database busy with another writer: nothing was done); 3 locked. */
export function exitCodeOf(e: ApiError): number {
  if (e.code === 'INPUT' || e.code === 'BUSY') return 2;
  if (e.code === 'LOCKED') return 3;
  return 1;
}

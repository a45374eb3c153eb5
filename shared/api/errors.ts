/**
 * The one error type of the API: thrown by the store and the services, and crossing every transport
 * as ApiErrorShape (the CLI exit code follows `code`: services/errors.ts exitCodeOf). Here,
 * beside the contract, so the store (below the services) need not import from the services.
 */
import type { ApiErrorCode, ApiErrorShape, ImportIssue } from './contract';
import type { Problem } from '../domain/types';

/** An echoed value longer than this is cut, with its size: "…（共 10485760 字符）". */
export const ECHO_MAX_CHARS = 200;

/** A value cut to a readable length, saying how long it was. */
export function clipText(text: string, max = ECHO_MAX_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max)}…（共 ${text.length} 字符）`;
}

/** Messages may quote a value; a message this long is cut in the same way. */
const MESSAGE_MAX_CHARS = 2000;

const BREAKS = new Set([...' \t\n\r「」“”"\'‘’（）()，,。：:；;、']);

/**
 * A message with a quoted value in it: any run of over ECHO_MAX_CHARS characters without a space or
 * punctuation (in practice always a quoted value) is cut with its size, then the whole to
 * MESSAGE_MAX_CHARS.
 */
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
    if (extra.problems)
      this.problems = extra.problems.map((p) => ({ ...p, message: clipMessage(p.message), path: clipText(p.path) }));
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

/**
 * The one generic dispatcher behind every transport (Electron IPC, the local web host, the
 * worker): the method name checked against the contract's list, the input validated with the
 * contract's zod schemas (shared/api/schemas.ts), the service called, any failure turned into
 * ApiErrorShape. Nothing here knows which transport it serves.
 */
import type { ApiErrorShape, AppraisalApi, LongCallOptions } from '../../shared/api/contract';
import { isApiMethod, isLongMethod, longStartMessage, type LongMethod } from '../../shared/api/methods';
import { progressFields, type ProgressEvent } from '../../shared/api/shell';
import { checkApiInput } from '../../shared/api/schemas';
import { ApiError, toApiError } from '../services/errors';

export type CallResult = { ok: true; result: unknown } | { ok: false; error: ApiErrorShape };

export type ProgressSink = (event: Omit<ProgressEvent, 'callId' | 'method'>) => void;

/** Runs long work somewhere else (a worker); resolves to the service's result. */
export type LongRunner = (method: LongMethod, input: unknown, progress: ProgressSink) => Promise<unknown>;

export interface DispatcherOptions {
  services: AppraisalApi;
  runLong?: LongRunner;
}

export interface CallContext {
  /** Receives start/progress/done/error for long methods. */
  onProgress?: ProgressSink;
}

export type Dispatch = (method: unknown, input: unknown, ctx?: CallContext) => Promise<CallResult>;

export function errorShape(e: unknown): ApiErrorShape {
  return toApiError(e).toShape();
}

export function unknownMethodError(method: unknown): ApiErrorShape {
  const name = typeof method === 'string' ? method.slice(0, 80) : typeof method;
  return { code: 'INPUT', message: `未知的调用：${name}` };
}

export function createDispatcher(opts: DispatcherOptions): Dispatch {
  return async (method, input, ctx = {}) => {
    if (!isApiMethod(method)) return { ok: false, error: unknownMethodError(method) };
    const progress = ctx.onProgress;
    const long = isLongMethod(method);
    try {
      const checked = checkApiInput(method, input);
      if (!checked.ok) {
        const first = checked.problems[0];
        throw new ApiError('INPUT', `输入有误：${first ? `${first.path}：${first.message}` : '格式不正确'}`, {
          problems: checked.problems,
        });
      }
      if (long) progress?.({ phase: 'start', fraction: null, message: longStartMessage(method) });
      let result: unknown;
      if (long && opts.runLong) {
        result = await opts.runLong(method, checked.value, (e) => progress?.(e));
      } else {
        // One call for every method: the input was checked against this method's schema above.
        const fn = opts.services[method] as (input: unknown, o?: LongCallOptions) => Promise<unknown>;
        if (typeof fn !== 'function') throw new ApiError('INTERNAL', `程序内部错误：服务未实现 ${method}`);
        // Long methods in-process (the web host) report their steps the same way the worker does.
        result = long
          ? await fn.call(opts.services, checked.value, { onProgress: (p) => progress?.(progressFields(p)) })
          : await fn.call(opts.services, checked.value);
      }
      if (long) progress?.({ phase: 'done', fraction: 1, message: '已完成' });
      // void results travel as null (JSON and structured clone both keep it).
      return { ok: true, result: result === undefined ? null : result };
    } catch (e) {
      const error = errorShape(e);
      if (long) progress?.({ phase: 'error', fraction: null, message: error.message });
      return { ok: false, error };
    }
  };
}

/**
 * One IPC channel, `api:call` {callId, method, input}: the sender frame must be our own page, then
 * contract methods go to the generic dispatcher and the two shell methods to the native dialogs.
 * Handlers never throw across IPC (Electron would flatten the error): they answer CallResult.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { zhCN } from 'zod/locales';
import type { ShellApi } from '../../shared/api/shell';
import {
  IPC_CALL_CHANNEL,
  IPC_PROGRESS_CHANNEL,
  SHELL_METHODS,
  type ProgressEvent,
  type ShellMethod,
} from '../../shared/api/shell';
import { isApiMethod } from '../../shared/api/methods';
import { ApiError } from '../services/errors';
import { describeIssues } from '../../shared/api/schemas';
import { errorShape, type CallResult, type Dispatch } from '../gateway/dispatch';
import { shellInputSchemas } from './dialogs';
import { isTrustedSender } from './security';

const zhErrors = zhCN().localeError;

export const CALL_CHANNEL = IPC_CALL_CHANNEL;
export const PROGRESS_CHANNEL = IPC_PROGRESS_CHANNEL;

export interface IpcDeps {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  dispatch: Dispatch;
  shell: ShellApi;
  origins: readonly string[];
}

function isShellMethod(m: unknown): m is ShellMethod {
  return typeof m === 'string' && (SHELL_METHODS as readonly string[]).includes(m);
}

export function createCallHandler(deps: Omit<IpcDeps, 'ipcMain'>) {
  return async (event: IpcMainInvokeEvent, message: unknown): Promise<CallResult> => {
    if (!isTrustedSender(event, deps.origins)) {
      return { ok: false, error: { code: 'INPUT', message: '拒绝：调用不是来自本程序的页面' } };
    }
    const { callId, method, input } = (typeof message === 'object' && message !== null ? message : {}) as {
      callId?: unknown;
      method?: unknown;
      input?: unknown;
    };
    if (isShellMethod(method)) return callShell(deps.shell, method, input);
    const id = typeof callId === 'number' && Number.isSafeInteger(callId) ? callId : 0;
    return deps.dispatch(method, input, {
      onProgress: (p) => {
        if (!isApiMethod(method) || event.sender.isDestroyed()) return;
        const full: ProgressEvent = { callId: id, method, ...p };
        event.sender.send(PROGRESS_CHANNEL, full);
      },
    });
  };
}

async function callShell(shell: ShellApi, method: ShellMethod, input: unknown): Promise<CallResult> {
  try {
    const parsed = shellInputSchemas[method].safeParse(input ?? {}, { error: zhErrors });
    if (!parsed.success) {
      const problems = describeIssues(parsed.error.issues);
      const first = problems[0];
      throw new ApiError('INPUT', `输入有误：${first ? `${first.path}：${first.message}` : method}`, { problems });
    }
    const result =
      method === 'pickOpenFile'
        ? await shell.pickOpenFile(parsed.data as Parameters<ShellApi['pickOpenFile']>[0])
        : await shell.saveFile(parsed.data as Parameters<ShellApi['saveFile']>[0]);
    return { ok: true, result };
  } catch (e) {
    return { ok: false, error: errorShape(e) };
  }
}

export function registerIpc(deps: IpcDeps): () => void {
  deps.ipcMain.handle(CALL_CHANNEL, createCallHandler(deps));
  return () => deps.ipcMain.removeHandler(CALL_CHANNEL);
}

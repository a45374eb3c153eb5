/**
 * The sandboxed preload: exposes `window.api` (every AppraisalApi method from the contract's
 * method list, the two ShellApi dialogs, and progress events) over one IPC channel. Nothing else
 * of Electron or Node reaches the page.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ApiErrorShape } from '../../shared/api/contract';
import { API_METHODS } from '../../shared/api/methods';
import {
  IPC_CALL_CHANNEL,
  IPC_PROGRESS_CHANNEL,
  SHELL_METHODS,
  type ProgressEvent,
  type ProgressListener,
} from '../../shared/api/shell';

type CallResult = { ok: true; result: unknown } | { ok: false; error: ApiErrorShape };

let nextCallId = 1;

async function call(method: string, input: unknown): Promise<unknown> {
  const callId = nextCallId++;
  const r = (await ipcRenderer.invoke(IPC_CALL_CHANNEL, { callId, method, input })) as CallResult | undefined;
  if (r && r.ok) return r.result;
  // A plain object survives the context bridge whole (an Error would keep only its message).
  const error: ApiErrorShape = r && !r.ok ? r.error : { code: 'INTERNAL', message: '程序内部错误：主进程没有应答' };
  throw error;
}

const bridge: Record<string, unknown> = {};
for (const method of [...API_METHODS, ...SHELL_METHODS]) {
  bridge[method] = (input?: unknown) => call(method, input);
}
bridge.onProgress = (listener: ProgressListener) => {
  const handler = (_e: IpcRendererEvent, event: ProgressEvent) => listener(event);
  ipcRenderer.on(IPC_PROGRESS_CHANNEL, handler);
  return () => {
    ipcRenderer.removeListener(IPC_PROGRESS_CHANNEL, handler);
  };
};

contextBridge.exposeInMainWorld('api', bridge);

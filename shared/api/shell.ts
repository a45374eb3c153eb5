/**
 * What only the desktop shell offers beyond `AppraisalApi`: native file dialogs and progress
 * events. The renderer feature-detects it (`shell` from renderer/src/api/transport.ts is null over
 * the web host, where browser file inputs and downloads are used instead).
 */
import type { AppraisalApi, ApiMethod, FilePayload } from './contract';

export interface FileFilter {
  /** Chinese label shown in the dialog, e.g. "Excel 工作簿". */
  name: string;
  /** Extensions without the dot, e.g. ["xlsx"]. */
  extensions: string[];
}

export interface ShellApi {
  /** Native open dialog; resolves to the chosen file's bytes, or null when cancelled. */
  pickOpenFile(input: { title?: string; filters?: FileFilter[] }): Promise<FilePayload | null>;
  /** Native save dialog pre-filled with file.fileName; resolves to the saved path, or null when cancelled. */
  saveFile(input: { file: FilePayload; title?: string }): Promise<{ path: string } | null>;
}

/** IPC channels between the preload and the main process. */
export const IPC_CALL_CHANNEL = 'api:call';
export const IPC_PROGRESS_CHANNEL = 'api:progress';

export const SHELL_METHODS = ['pickOpenFile', 'saveFile'] as const satisfies readonly (keyof ShellApi)[];
export type ShellMethod = (typeof SHELL_METHODS)[number];

/** Progress of one API call. Long work reports start, optional steps, and its end. */
export interface ProgressEvent {
  /** Identifies the call (unique per window/page). */
  callId: number;
  method: ApiMethod;
  phase: 'start' | 'progress' | 'done' | 'error';
  /** 0..1 when known, null when the amount of work is unknown (indeterminate bar). */
  fraction: number | null;
  /** Chinese status text, e.g. "正在读取工作簿…" or "校验 1200/3000". */
  message: string;
  /** Intermediate steps of long work: the stage (读取工作簿, 校验, 写入, 写出 …) and units done of total (0 = unknown). */
  stage?: string;
  done?: number;
  total?: number;
}

/** A service's progress report → the fields of a 'progress' event (fraction null while the total is unknown). */
export function progressFields(p: {
  done: number;
  total: number;
  stage: string;
}): Omit<ProgressEvent, 'callId' | 'method'> {
  const known = p.total > 0;
  return {
    phase: 'progress',
    fraction: known ? Math.min(1, p.done / p.total) : null,
    message: known
      ? `${p.stage} ${p.done}/${p.total}`
      : p.done > 0
        ? `${p.stage}：已处理 ${p.done}`
        : `正在${p.stage}…`,
    stage: p.stage,
    done: p.done,
    total: p.total,
  };
}

export type ProgressListener = (event: ProgressEvent) => void;

/** What the preload exposes as `window.api` in Electron. */
export type DesktopBridge = AppraisalApi &
  ShellApi & {
    /** Subscribe to progress events; returns the unsubscribe function. */
    onProgress(listener: ProgressListener): () => void;
  };

export function hasShell(api: unknown): api is ShellApi {
  return (
    typeof api === 'object' &&
    api !== null &&
    SHELL_METHODS.every((m) => typeof (api as Record<string, unknown>)[m] === 'function')
  );
}

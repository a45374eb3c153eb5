/**
 * Long work (workbook imports and exports) runs in a background process (Electron's utility
 * process; a worker thread under plain Node) with its own database connection, so the main
 * process — and with it the window — never stalls. One worker is kept alive and reused; if it
 * dies, pending calls fail with a Chinese message and the next call starts a fresh one.
 */
import type { ApiErrorShape } from '../../shared/api/contract';
import type { LongMethod } from '../../shared/api/methods';
import { ApiError } from '../services/errors';
import type { Dispatch, LongRunner, ProgressSink } from './dispatch';

/** Messages main → worker. */
export interface WorkRequest {
  id: number;
  method: LongMethod;
  input: unknown;
}
/** Messages worker → main. */
export type WorkReply =
  | {
      id: number;
      type: 'progress';
      fraction: number | null;
      message: string;
      stage?: string;
      done?: number;
      total?: number;
    }
  | { id: number; type: 'result'; result: unknown }
  | { id: number; type: 'error'; error: ApiErrorShape };

/** What the runner needs of a worker: worker_threads.Worker fits, and index.ts adapts utilityProcess. */
export interface WorkerLike {
  postMessage(message: WorkRequest): void;
  on(event: 'message', listener: (reply: WorkReply) => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  terminate(): Promise<number>;
}

interface Pending {
  resolve(v: unknown): void;
  reject(e: unknown): void;
  progress: ProgressSink;
}

export interface WorkerRunner {
  run: LongRunner;
  /** Ends the current worker (e.g. after a restore swapped the database file); the next call starts another. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export function createWorkerRunner(spawn: () => WorkerLike): WorkerRunner {
  let worker: WorkerLike | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  function failAll(message: string): void {
    for (const p of pending.values()) p.reject(new ApiError('INTERNAL', message));
    pending.clear();
  }

  function current(): WorkerLike {
    if (worker) return worker;
    const w = spawn();
    w.on('message', (reply: WorkReply) => {
      const p = pending.get(reply.id);
      if (!p) return;
      if (reply.type === 'progress') {
        const { fraction, message, stage, done, total } = reply;
        p.progress({ phase: 'progress', fraction, message, ...(stage !== undefined ? { stage, done, total } : {}) });
        return;
      }
      pending.delete(reply.id);
      if (reply.type === 'result') p.resolve(reply.result);
      else {
        const { code, message, ...extra } = reply.error;
        p.reject(new ApiError(code, message, extra));
      }
    });
    w.on('error', (err: Error) => {
      if (worker === w) worker = null;
      failAll(`后台任务出错：${err.message}`);
    });
    w.on('exit', (code: number) => {
      if (worker === w) worker = null;
      if (pending.size) failAll(`后台任务意外结束（退出码 ${code}），请重试`);
    });
    worker = w;
    return w;
  }

  return {
    run(method, input, progress) {
      return new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject, progress });
        current().postMessage({ id, method, input });
      });
    },
    async restart() {
      const w = worker;
      worker = null;
      if (w) {
        failAll('后台任务已重新启动，请重试');
        await w.terminate();
      }
    },
    async close() {
      await this.restart();
    },
  };
}

/**
 * Calls after which the worker's connection is on stale or other data: a restore replaced the
 * file's content; openDemo / openMainDatabase switched the services to another file.
 */
export const DATABASE_CHANGING_METHODS: readonly string[] = ['restore', 'openDemo', 'openMainDatabase'];

/** After a successful database-changing call, end the worker; the next long call starts one on the file now open. */
export function restartingWorkerOnDatabaseChange(dispatch: Dispatch, runner: Pick<WorkerRunner, 'restart'>): Dispatch {
  return async (method, input, ctx) => {
    const r = await dispatch(method, input, ctx);
    if (r.ok && typeof method === 'string' && DATABASE_CHANGING_METHODS.includes(method)) await runner.restart();
    return r;
  };
}

/**
 * The background process behind long work: an Electron utility process (it reads app.asar like
 * the main process) with its own services on the same database file — SQLite WAL lets it write
 * while the main process reads. It answers WorkRequests one at a time, in order. Under plain Node
 * (tests) the same file runs as a worker_threads worker.
 */
import { parentPort as threadPort, workerData } from 'node:worker_threads';
import type { AppraisalApi, LongCallOptions, ProgressReport } from '../../shared/api/contract';
import { markChecked } from '../../shared/api/schemas';
import { openServices } from '../services';
import { toApiError } from '../services/errors';
import { progressFields } from '../../shared/api/shell';
import type { WorkReply, WorkRequest } from '../gateway/long-work';

interface UtilityParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}
const utilityPort = (process as unknown as { parentPort?: UtilityParentPort }).parentPort;

const dbPath: string | undefined = utilityPort
  ? process.env.APPRAISAL_WORKER_DB
  : (workerData as { dbPath?: string } | null)?.dbPath;
if (!dbPath) throw new Error('后台任务缺少数据库路径');

const post = (reply: WorkReply) => (utilityPort ? utilityPort.postMessage(reply) : threadPort?.postMessage(reply));

let services: AppraisalApi | null = null;
async function ready(): Promise<AppraisalApi> {
  services ??= await openServices({ dbPath: dbPath! });
  return services;
}

let queue: Promise<void> = Promise.resolve();
function receive(req: WorkRequest): void {
  queue = queue.then(async () => {
    let reply: WorkReply;
    try {
      const s = await ready();
      const fn = s[req.method] as (input: unknown, opts: LongCallOptions) => Promise<unknown>;
      const onProgress = (p: ProgressReport) =>
        post({ id: req.id, type: 'progress', ...progressFields(p) } as WorkReply);
      // Checked by the dispatcher before it was sent (dispatch.ts); not parsed a second time here.
      markChecked(req.method, req.input);
      const result = await fn.call(s, req.input, { onProgress });
      reply = { id: req.id, type: 'result', result: result === undefined ? null : result };
    } catch (e) {
      reply = { id: req.id, type: 'error', error: toApiError(e).toShape() };
    }
    post(reply);
  });
}

if (utilityPort) utilityPort.on('message', (e) => receive(e.data as WorkRequest));
else if (threadPort) threadPort.on('message', (req: WorkRequest) => receive(req));
else throw new Error('worker.ts 须作为后台进程运行');

/**
 * The worker thread behind long work: its own services on the same database file (SQLite WAL lets
 * it write while the main process reads), answering WorkRequests one at a time.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { AppraisalApi } from '../../shared/api/contract';
import { openServices } from '../services';
import { toApiError } from '../services/errors';
import type { WorkReply, WorkRequest } from './long-work';

const port = parentPort;
if (!port) throw new Error('worker.ts must run as a worker thread');
const { dbPath } = workerData as { dbPath: string };

let services: AppraisalApi | null = null;
async function ready(): Promise<AppraisalApi> {
  services ??= await openServices({ dbPath });
  return services;
}

// One at a time: better-sqlite3 is synchronous, and a queue keeps replies in request order.
let queue: Promise<void> = Promise.resolve();
port.on('message', (req: WorkRequest) => {
  queue = queue.then(async () => {
    let reply: WorkReply;
    try {
      const s = await ready();
      const fn = s[req.method] as (input: unknown) => Promise<unknown>;
      const result = await fn.call(s, req.input);
      reply = { id: req.id, type: 'result', result: result === undefined ? null : result };
    } catch (e) {
      reply = { id: req.id, type: 'error', error: toApiError(e).toShape() };
    }
    port.postMessage(reply);
  });
});

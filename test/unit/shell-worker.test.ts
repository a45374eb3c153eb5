/**
 * Long work off the main thread: the dispatcher sends the six workbook methods to a real
 * worker_threads worker (a small fake service inside it), forwards its progress, keeps error
 * codes and places, and survives the worker dying.
 */
import { threadId, Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppraisalApi } from '../../shared/api/contract';
import { LONG_METHODS } from '../../shared/api/methods';
import type { ProgressEvent } from '../../shared/api/shell';
import { createDispatcher } from '../../electron/gateway/dispatch';
import {
  createWorkerRunner,
  restartingWorkerOnDatabaseChange,
  type WorkerLike,
  type WorkerRunner,
} from '../../electron/gateway/long-work';

// The worker side of the protocol, with a fake service: it reports its thread and can fail or crash.
const WORKER_SOURCE = `
const { parentPort, threadId } = require('node:worker_threads');
parentPort.on('message', (req) => {
  if (req.input && req.input.crash) process.exit(7);
  parentPort.postMessage({ id: req.id, type: 'progress', fraction: 0.5, message: '已读取 50%' });
  if (req.input && req.input.file && req.input.file.fileName === 'fail.xlsx') {
    parentPort.postMessage({ id: req.id, type: 'error', error: {
      code: 'LOCKED', message: '2024 年度方案 EX 已定稿',
      errors: [{ sheet: '数据', cell: 'C5', target: 'T1', indicator: 'A1', value: 'x', message: '不是数字' }] } });
    return;
  }
  parentPort.postMessage({ id: req.id, type: 'result', result: { method: req.method, threadId, input: req.input } });
});
`;

let runner: WorkerRunner | null = null;
let spawned = 0;
afterEach(async () => {
  await runner?.close();
  runner = null;
});

function newRunner(): WorkerRunner {
  spawned = 0;
  runner = createWorkerRunner(() => {
    spawned++;
    return new Worker(WORKER_SOURCE, { eval: true }) as unknown as WorkerLike;
  });
  return runner;
}

const inProcess: string[] = [];
const services = new Proxy({} as AppraisalApi, {
  get: (_t, method: string) => async () => {
    inProcess.push(method);
    return { method, threadId };
  },
});

const file = { fileName: '数据.xlsx', base64: 'UEsDBA==' };

describe('long work in a worker thread', () => {
  it('lists exactly the workbook methods as long work', () => {
    expect([...LONG_METHODS].sort()).toEqual(
      [
        'downloadTemplate',
        'exportResults',
        'importSalary',
        'importTargets',
        'importValues',
        'markedCopy',
        'verifyWorkbook',
      ].sort(),
    );
  });

  it('runs long methods in the worker and short ones in-process, with progress', async () => {
    const r = newRunner();
    const dispatch = createDispatcher({ services, runLong: r.run });
    const events: Omit<ProgressEvent, 'callId' | 'method'>[] = [];
    const long = await dispatch(
      'importValues',
      { year: 2024, scheme: 'EX', file, dryRun: true },
      { onProgress: (e) => events.push(e) },
    );
    expect(long.ok).toBe(true);
    const result = (long as { result: { method: string; threadId: number; input: unknown } }).result;
    expect(result.method).toBe('importValues');
    expect(result.threadId).not.toBe(threadId);
    expect(result.input).toEqual({ year: 2024, scheme: 'EX', file, dryRun: true });
    expect(events.map((e) => e.phase)).toEqual(['start', 'progress', 'done']);
    expect(events[1]).toMatchObject({ fraction: 0.5, message: '已读取 50%' });
    expect(events[0]!.message).toMatch(/[\u4e00-\u9fa5]/);

    inProcess.length = 0;
    const short = await dispatch('listYears', undefined);
    expect(short).toEqual({ ok: true, result: { method: 'listYears', threadId } });
    expect(inProcess).toEqual(['listYears']);
    expect(spawned).toBe(1);
  });

  it('keeps the error code and the workbook places from the worker', async () => {
    const r = newRunner();
    const dispatch = createDispatcher({ services, runLong: r.run });
    const events: string[] = [];
    const out = await dispatch(
      'importValues',
      { year: 2024, scheme: 'EX', file: { ...file, fileName: 'fail.xlsx' } },
      { onProgress: (e) => events.push(e.phase) },
    );
    expect(out).toEqual({
      ok: false,
      error: {
        code: 'LOCKED',
        message: '2024 年度方案 EX 已定稿',
        errors: [{ sheet: '数据', cell: 'C5', target: 'T1', indicator: 'A1', value: 'x', message: '不是数字' }],
      },
    });
    expect(events).toEqual(['start', 'progress', 'error']);
  });

  it('fails pending calls plainly when the worker dies, and starts a new one next time', async () => {
    const r = newRunner();
    const crashed = await r.run('exportResults', { crash: true }, () => undefined).catch((e: unknown) => e);
    expect(crashed).toMatchObject({ code: 'INTERNAL' });
    expect((crashed as Error).message).toContain('后台任务');
    const again = (await r.run('exportResults', { year: 2024 }, () => undefined)) as { method: string };
    expect(again.method).toBe('exportResults');
    expect(spawned).toBe(2);
  });

  it('validates input before any work is sent to the worker', async () => {
    const r = newRunner();
    const dispatch = createDispatcher({ services, runLong: r.run });
    const out = await dispatch('importValues', { year: 2024, scheme: 'EX' });
    expect(out).toMatchObject({ ok: false, error: { code: 'INPUT' } });
    expect(spawned).toBe(0);
  });
});

describe('the real worker entry (electron/main/worker.ts)', () => {
  it('opens the services on the database and sends errors back with their codes', async () => {
    const { mkdtempSync } = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dbPath = path.join(mkdtempSync(path.join(os.tmpdir(), 'shell-worker-')), 'appraisal.sqlite');
    runner = createWorkerRunner(
      () =>
        // TypeScript under plain Node: register tsx inside the worker, then load the real entry.
        new Worker(
          `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(
            new URL('../../electron/main/worker.ts', import.meta.url).href,
          )}); })`,
          { eval: true, workerData: { dbPath } },
        ) as unknown as WorkerLike,
    );
    const out = await runner
      .run('exportResults', { year: 2024, scheme: 'NOPE' }, () => undefined)
      .catch((e: unknown) => e);
    expect(out).toMatchObject({ code: 'NOT_FOUND' });
    expect((out as Error).message).toContain('NOPE');
  });

  it('follows the app to the demo database and back (the worker restarts on the file now open)', async () => {
    const { mkdtempSync } = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const { openServices } = await import('../../electron/services');
    const dbPath = path.join(mkdtempSync(path.join(os.tmpdir(), 'shell-worker-demo-')), 'appraisal.sqlite');
    const services = openServices({ dbPath });
    const opened: string[] = [];
    runner = createWorkerRunner(() => {
      opened.push(path.basename(services.ctx.dbPath));
      return new Worker(
        `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(
          new URL('../../electron/main/worker.ts', import.meta.url).href,
        )}); })`,
        { eval: true, workerData: { dbPath: services.ctx.dbPath } },
      ) as unknown as WorkerLike;
    });
    const dispatch = restartingWorkerOnDatabaseChange(createDispatcher({ services, runLong: runner.run }), runner);
    const template = () => dispatch('downloadTemplate', { year: 2024, scheme: 'TC' });
    try {
      // The real database has no scheme TC …
      expect(await template()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(await dispatch('openDemo', {})).toMatchObject({ ok: true, result: { settings: { isDemo: true } } });
      // … the demo has, and the worker now works on the demo file.
      const r = await template();
      expect(r.ok, JSON.stringify(r)).toBe(true);
      expect((r as { result: { fileName: string } }).result.fileName).toMatch(/\.xlsx$/);
      expect(await dispatch('openMainDatabase', {})).toMatchObject({ ok: true, result: { isDemo: false } });
      expect(await template()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(opened).toEqual(['appraisal.sqlite', '示例县-演示.sqlite', 'appraisal.sqlite']);
    } finally {
      await runner.close();
      await services.close();
    }
  });
});

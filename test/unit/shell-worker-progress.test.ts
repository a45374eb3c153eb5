/**
 * The real worker entry forwards the services' progress reports as 'progress' messages, and the
 * dispatcher turns them into ProgressEvents with stage, done and total.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../shared/api/shell';
import { createDispatcher } from '../../electron/gateway/dispatch';
import { createWorkerRunner, type WorkerLike } from '../../electron/gateway/long-work';
import { importValuesBytes } from '../../electron/services/workbooks/value-import';
import { ex1Services, ex1ValuesXlsx } from './excel-fixtures';

describe('progress through the background worker', () => {
  it('exportResults in the worker reports 写出 steps ending at the total, between start and done', async () => {
    const { services, dir } = await ex1Services();
    await importValuesBytes(services, { year: 2024, scheme: 'EX', fileName: 'ex1-values.xlsx', bytes: ex1ValuesXlsx });
    const runner = createWorkerRunner(
      () =>
        new Worker(
          `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(
            new URL('../../electron/main/worker.ts', import.meta.url).href,
          )}); })`,
          { eval: true, workerData: { dbPath: path.join(dir, 'appraisal.db') } },
        ) as unknown as WorkerLike,
    );
    try {
      const dispatch = createDispatcher({ services, runLong: runner.run });
      const events: Omit<ProgressEvent, 'callId' | 'method'>[] = [];
      const r = await dispatch('exportResults', { year: 2024, scheme: 'EX' }, { onProgress: (e) => events.push(e) });
      expect(r.ok, JSON.stringify(r)).toBe(true);
      expect(events[0]!.phase).toBe('start');
      expect(events[events.length - 1]!.phase).toBe('done');
      const steps = events.filter((e) => e.phase === 'progress');
      // ex1: 3 summary rows + 3 × 6 indicator rows
      expect(steps[steps.length - 1]).toEqual({
        phase: 'progress',
        fraction: 1,
        message: '写出 21/21',
        stage: '写出',
        done: 21,
        total: 21,
      });
      for (const s of steps) expect(s.stage).toBe('写出');
    } finally {
      await runner.close();
      await services.close();
    }
  }, 60_000);
});

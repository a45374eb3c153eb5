/**
 * The renderer's web transport polls GET /api/progress while a long call runs, so the progress bar
 * shows the real steps over the web host too (a real host in this process, a slow fake service).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppraisalApi } from '../../shared/api/contract';
import type { ProgressEvent } from '../../shared/api/shell';
import type { ProgressReport } from '../../electron/excel/progress';
import { startHost, type Host } from '../../electron/host/server';

const g = globalThis as Record<string, unknown>;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const services = {
  exportResults: async (_input: unknown, opts?: { onProgress?: (p: ProgressReport) => void }) => {
    for (let k = 1; k <= 4; k++) {
      opts?.onProgress?.({ stage: '写出', done: k * 100, total: 400 });
      await sleep(400);
    }
    return { fileName: '结果.xlsx', base64: 'UEsDBA==' };
  },
} as unknown as AppraisalApi;

let host: Host;
beforeAll(async () => {
  const rendererDir = mkdtempSync(path.join(os.tmpdir(), 'shell-transport-progress-'));
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html>');
  host = await startHost({ dbPath: path.join(rendererDir, 'unused.sqlite'), rendererDir, services });
});
afterAll(async () => {
  await host.close();
});
afterEach(() => {
  delete g.location;
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe('renderer transport progress over the web host', () => {
  it('emits the steps of a running long call between its start and its end', async () => {
    const page = new URL(host.url);
    g.location = { search: page.search, origin: page.origin };
    const realFetch = globalThis.fetch;
    const asked: string[] = [];
    vi.stubGlobal('fetch', (input: string, init?: RequestInit) => {
      asked.push(input.split('?')[0]!);
      return realFetch(new URL(input, page.origin), {
        ...init,
        headers: { ...(init?.headers as object), Origin: page.origin },
      });
    });
    const t = await import('../../renderer/src/api/transport');
    const events: ProgressEvent[] = [];
    const off = t.onProgress((e) => events.push(e));
    const r = await t.api.exportResults({ year: 2024, scheme: 'EX' });
    off();
    expect(r).toEqual({ fileName: '结果.xlsx', base64: 'UEsDBA==' });
    expect(events[0]).toMatchObject({ method: 'exportResults', phase: 'start' });
    expect(events[events.length - 1]).toMatchObject({ method: 'exportResults', phase: 'done', fraction: 1 });
    const steps = events.filter((e) => e.phase === 'progress');
    expect(steps.length).toBeGreaterThanOrEqual(2);
    for (const s of steps) {
      expect(s).toMatchObject({ method: 'exportResults', stage: '写出', total: 400, callId: events[0]!.callId });
      expect(s.message).toBe(`写出 ${s.done}/400`);
      expect(s.fraction).toBe(s.done! / 400);
    }
    const dones = steps.map((s) => s.done!);
    expect([...dones].sort((a, b) => a - b)).toEqual(dones);
    expect(asked).toContain('/api/progress');
    // polling stops with the call
    const before = asked.length;
    await sleep(700);
    expect(asked.length).toBe(before);
  });
});

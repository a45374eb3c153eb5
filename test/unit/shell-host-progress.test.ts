/**
 * Progress over the web host: a long call carries X-Appraisal-Call; GET /api/progress?call=ID
 * (token and origin checked like every route) answers that call's latest event.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppraisalApi } from '../../shared/api/contract';
import type { ProgressReport } from '../../electron/excel/progress';
import { rawRequest, wrongToken } from './helpers/raw-http';
import { startHost, type Host } from '../../electron/host/server';

let host: Host;
let release: () => void = () => undefined;
let reported: () => void = () => undefined;

// exportResults reports two steps, then waits until the test lets it finish.
const fakeServices = {
  exportResults: async (_input: unknown, opts?: { onProgress?: (p: ProgressReport) => void }) => {
    opts?.onProgress?.({ stage: '写出', done: 0, total: 400 });
    opts?.onProgress?.({ stage: '写出', done: 100, total: 400 });
    reported();
    await new Promise<void>((resolve) => (release = resolve));
    return { fileName: 'r.xlsx', base64: '' };
  },
} as unknown as AppraisalApi;

beforeAll(async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'shell-host-progress-'));
  const rendererDir = path.join(dir, 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>x</title>');
  host = await startHost({ dbPath: path.join(dir, 'a.sqlite'), rendererDir, services: fakeServices });
});
afterAll(async () => {
  release();
  await host?.close();
});

/** Raw HTTP to this test's host. */
const request = (pathname: string, o: Parameters<typeof rawRequest>[2] = {}) => rawRequest(host.port, pathname, o);

const poll = (call: string, headers: Record<string, string> = { 'X-Appraisal-Token': host.token }) =>
  request(`/api/progress?call=${call}`, { headers });

describe('GET /api/progress', () => {
  it('answers 401 without the token (or with a wrong one) and 403 to a foreign origin', async () => {
    const none = await poll('abc', {});
    expect(none.status).toBe(401);
    expect(none.json().error.code).toBe('INPUT');
    expect((await poll('abc', { 'X-Appraisal-Token': wrongToken(host.token) })).status).toBe(401);
    expect((await poll('abc', { 'X-Appraisal-Token': host.token, Origin: 'http://evil.example' })).status).toBe(403);
  });

  it('refuses a malformed call id and answers null for an unknown call', async () => {
    expect((await poll('a%20b')).status).toBe(400);
    const r = await poll('unknown-call');
    expect(r.status).toBe(200);
    expect(r.json()).toEqual({ event: null });
  });

  it("reports a running call's latest step, then its end", async () => {
    const stepped = new Promise<void>((resolve) => (reported = resolve));
    const call = request('/api/exportResults', {
      method: 'POST',
      body: { year: 2024, scheme: 'EX' },
      headers: { 'X-Appraisal-Token': host.token, 'X-Appraisal-Call': 'c-1' },
    });
    await stepped;
    const running = await poll('c-1');
    expect(running.status).toBe(200);
    expect(running.json().event).toEqual({
      method: 'exportResults',
      phase: 'progress',
      fraction: 0.25,
      message: '写出 100/400',
      stage: '写出',
      done: 100,
      total: 400,
    });
    // another call's id sees nothing of it
    expect((await poll('c-2')).json()).toEqual({ event: null });
    release();
    expect((await call).status).toBe(200);
    expect((await poll('c-1')).json().event).toMatchObject({ method: 'exportResults', phase: 'done', fraction: 1 });
  });
});

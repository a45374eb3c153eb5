/**
 * The renderer's transport works the same over both: the web host's HTTP (here a real host in
 * this process, with a small fake service) and Electron's window.api (a fake bridge that rejects
 * like the preload does). Errors arrive as ApiError with code and places either way.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppraisalApi } from '../../shared/api/contract';
import { ApiError as ServiceError } from '../../electron/services/errors';
import { startHost, type Host } from '../../electron/host/server';

const g = globalThis as Record<string, unknown>;

const services = {
  getSettings: async () => ({ countyName: '测试县', appraiserName: '李四', dataFolder: '/d', dbPath: '/d/a.sqlite' }),
  listYears: async () => [2023, 2024],
  downloadTemplate: async () => {
    throw new ServiceError('NOT_FOUND', '未找到 2024 年度方案 EX');
  },
  exportResults: async () => ({ fileName: '结果.xlsx', base64: 'UEsDBA==' }),
  unlock: async () => undefined,
} as unknown as AppraisalApi;

let host: Host;
beforeAll(async () => {
  const rendererDir = mkdtempSync(path.join(os.tmpdir(), 'shell-transport-'));
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html>');
  host = await startHost({ dbPath: path.join(rendererDir, 'unused.sqlite'), rendererDir, services });
});
afterAll(async () => {
  await host.close();
});
afterEach(() => {
  delete g.window;
  delete g.location;
  vi.unstubAllGlobals();
  vi.resetModules();
});

/** The page as the browser has it: opened from the printed URL; fetch resolves /api/… against it. */
function asBrowserPage(url: string) {
  const page = new URL(url);
  g.location = { search: page.search, origin: page.origin };
  const realFetch = globalThis.fetch;
  vi.stubGlobal('fetch', (input: string, init?: RequestInit) =>
    realFetch(new URL(input, page.origin), { ...init, headers: { ...(init?.headers as object), Origin: page.origin } }),
  );
}

describe('renderer transport over the web host', () => {
  it('calls the API with the page token and unwraps results', async () => {
    asBrowserPage(host.url);
    const t = await import('../../renderer/src/api/transport');
    expect(t.isDesktop).toBe(false);
    expect(t.shell).toBeNull();
    expect(await t.api.getSettings()).toMatchObject({ countyName: '测试县' });
    expect(await t.api.listYears()).toEqual([2023, 2024]);
    expect(await t.api.unlock({ year: 2024, scheme: 'EX', reason: '更正' })).toBeNull();
  });

  it('rethrows errors as ApiError with code and places', async () => {
    asBrowserPage(host.url);
    const t = await import('../../renderer/src/api/transport');
    const bad = await t.api.listSchemes({ year: 'x' as unknown as number }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(t.ApiError);
    expect(bad).toMatchObject({ code: 'INPUT' });
    expect((bad as InstanceType<typeof t.ApiError>).problems.length).toBeGreaterThan(0);
    const missing = await t.api.downloadTemplate({ year: 2024, scheme: 'EX' }).catch((e: unknown) => e);
    expect(missing).toMatchObject({ code: 'NOT_FOUND', message: '未找到 2024 年度方案 EX' });
  });

  it('reports start and end of long work for the progress bar', async () => {
    asBrowserPage(host.url);
    const t = await import('../../renderer/src/api/transport');
    const phases: string[] = [];
    const off = t.onProgress((e) => phases.push(`${e.method}:${e.phase}`));
    await t.api.exportResults({ year: 2024, scheme: 'EX' });
    await t.api.downloadTemplate({ year: 2024, scheme: 'EX' }).catch(() => undefined);
    await t.api.listYears();
    off();
    await t.api.exportResults({ year: 2024, scheme: 'EX' });
    expect(phases).toEqual([
      'exportResults:start',
      'exportResults:done',
      'downloadTemplate:start',
      'downloadTemplate:error',
    ]);
  });

  it('says in Chinese when the token is missing', async () => {
    asBrowserPage(host.url.replace(/\?token=.*/, ''));
    const t = await import('../../renderer/src/api/transport');
    const e = await t.api.getSettings().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(t.ApiError);
    expect((e as Error).message).toContain('访问口令');
  });
});

describe('renderer transport inside Electron', () => {
  it('uses window.api, exposes the dialogs, and turns rejections into ApiError', async () => {
    const listeners: unknown[] = [];
    g.window = {
      api: {
        getSettings: async () => ({ countyName: '桌面县' }),
        lock: async () => {
          // The preload rejects with the plain ApiErrorShape (it crosses the context bridge whole).
          throw { code: 'LOCKED', message: '2024 年度方案 EX 已定稿', problems: [{ path: 'EX', message: '已定稿' }] };
        },
        pickOpenFile: async () => null,
        saveFile: async () => ({ path: '/home/u/结果.xlsx' }),
        onProgress: (l: unknown) => {
          listeners.push(l);
          return () => undefined;
        },
      },
    };
    const t = await import('../../renderer/src/api/transport');
    expect(t.isDesktop).toBe(true);
    expect(t.shell).not.toBeNull();
    expect(await t.shell!.saveFile({ file: { fileName: '结果.xlsx', base64: '' } })).toEqual({
      path: '/home/u/结果.xlsx',
    });
    expect(await t.api.getSettings()).toEqual({ countyName: '桌面县' });
    const e = await t.api.lock({ year: 2024, scheme: 'EX' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(t.ApiError);
    expect(e).toMatchObject({ code: 'LOCKED', problems: [{ path: 'EX', message: '已定稿' }] });
    t.onProgress(() => undefined);
    expect(listeners).toHaveLength(1);
  });
});

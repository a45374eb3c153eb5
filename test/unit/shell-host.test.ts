/**
 * The local web host: token, origin and host checks, the API over HTTP through the real services
 * (a fresh database in a temporary folder), static files with the CSP, loopback only.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppraisalApi } from '../../shared/api/contract';
import { ApiError } from '../../electron/services/errors';
import { startHost, type Host } from '../../electron/host/server';
import { rawRequest, wrongToken } from './helpers/raw-http';
import { resolveDbPath, defaultDataFolder } from '../../electron/host/paths';

let host: Host;
let dir: string;
let dbPath: string;
let rendererDir: string;

// The security checks run over a small fake service; the real services are used further down.
const fakeServices = {
  getSettings: async () => ({ countyName: '', appraiserName: '', dataFolder: '/d', dbPath: '/d/appraisal.sqlite' }),
  listSchemes: async () => [],
  getScheme: async (i: { year: number; scheme: string }) => {
    throw new ApiError('NOT_FOUND', `未找到 ${i.year} 年度方案 ${i.scheme}`);
  },
} as unknown as AppraisalApi;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'shell-host-'));
  rendererDir = path.join(dir, 'renderer');
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(
    path.join(rendererDir, 'index.html'),
    '<!doctype html><html lang="zh-CN"><title>县域卫生绩效考核工作站</title></html>',
  );
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'export {};');
  dbPath = path.join(dir, 'data', 'appraisal.sqlite');
  host = await startHost({ dbPath, rendererDir, services: fakeServices });
});

afterAll(async () => {
  await host?.close();
});

/** Raw HTTP to this test's host. */
const request = (pathname: string, o: Parameters<typeof rawRequest>[2] = {}) => rawRequest(host.port, pathname, o);

const api = (method: string, input: unknown, headers: Record<string, string> = {}) =>
  request(`/api/${method}`, { method: 'POST', body: input, headers: { 'X-Appraisal-Token': host.token, ...headers } });

describe('the web host', () => {
  it('prints a 127.0.0.1 URL with a random token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
    expect(host.port).toBeGreaterThan(0);
  });

  it('answers 401 to every request without the token', async () => {
    const page = await request('/');
    expect(page.status).toBe(401);
    expect(page.text).toContain('访问口令');
    expect((await request('/assets/app.js')).status).toBe(401);
    const call = await request('/api/getSettings', { method: 'POST', body: {} });
    expect(call.status).toBe(401);
    expect(call.json().error.code).toBe('INPUT');
  });

  it('answers 401 to a wrong token in the header, the cookie or the URL', async () => {
    expect((await api('getSettings', {}, { 'X-Appraisal-Token': wrongToken(host.token) })).status).toBe(401);
    expect((await api('getSettings', {}, { 'X-Appraisal-Token': '' })).status).toBe(401);
    const cookie = await request('/api/getSettings', {
      method: 'POST',
      body: {},
      headers: { Cookie: `appraisal_token_${host.port}=wrong` },
    });
    expect(cookie.status).toBe(401);
    expect((await request('/?token=wrong')).status).toBe(401);
    // The URL token opens pages, not the API.
    expect((await request(`/api/getSettings?token=${host.token}`, { method: 'POST', body: {} })).status).toBe(401);
  });

  it('refuses a foreign Origin with 403, even with the token', async () => {
    for (const origin of [
      'http://evil.example',
      'null',
      `http://127.0.0.1:${host.port + 1}`,
      `https://127.0.0.1:${host.port}`,
    ]) {
      const r = await api('getSettings', {}, { Origin: origin });
      expect(r.status).toBe(403);
      expect(r.json().error.message).toContain('拒绝');
    }
    const own = await api('getSettings', {}, { Origin: `http://127.0.0.1:${host.port}` });
    expect(own.status).toBe(200);
  });

  it('refuses a foreign Host name (DNS rebinding) with 403', async () => {
    const r = await api('getSettings', {}, { Host: `evil.example:${host.port}` });
    expect(r.status).toBe(403);
  });

  it('serves a valid call', async () => {
    const r = await api('getSettings', {});
    expect(r.status).toBe(200);
    expect(r.json()).toEqual({
      result: { countyName: '', appraiserName: '', dataFolder: '/d', dbPath: '/d/appraisal.sqlite' },
    });
  });

  it('answers an unknown method and invalid input with INPUT (400)', async () => {
    const unknown = await api('close', {});
    expect(unknown.status).toBe(400);
    expect(unknown.json().error).toMatchObject({ code: 'INPUT' });
    expect(unknown.json().error.message).toContain('未知的调用');
    const bad = await api('listSchemes', { year: 'abc' });
    expect(bad.status).toBe(400);
    expect(bad.json().error.code).toBe('INPUT');
    expect(bad.json().error.problems.length).toBeGreaterThan(0);
    const notJson = await request('/api/getSettings', {
      method: 'POST',
      headers: { 'X-Appraisal-Token': host.token, 'Content-Type': 'text/plain' },
    });
    expect(notJson.status).toBe(415);
    expect((await request('/api/getSettings', { headers: { 'X-Appraisal-Token': host.token } })).status).toBe(405);
  });

  it('maps service errors to their codes (NOT_FOUND → 404)', async () => {
    const r = await api('getScheme', { year: 2024, scheme: 'NOPE' });
    expect(r.status).toBe(404);
    expect(r.json().error.code).toBe('NOT_FOUND');
  });

  it('opens the page with ?token=, sets an HttpOnly same-site cookie, and sends the CSP', async () => {
    const page = await request(`/?token=${host.token}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('县域卫生绩效考核工作站');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    const setCookie = String(page.headers['set-cookie']);
    expect(setCookie).toContain(`appraisal_token_${host.port}=`);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    const cookie = setCookie.split(';')[0]!;
    const asset = await request('/assets/app.js', { headers: { Cookie: cookie } });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toContain('javascript');
    const call = await request('/api/getSettings', { method: 'POST', body: {}, headers: { Cookie: cookie } });
    expect(call.status).toBe(200);
    // A file next to the renderer folder must stay out of reach.
    writeFileSync(path.join(dir, 'secret.txt'), 'TOP-SECRET');
    for (const escape of [
      '/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
    ]) {
      const r = await request(escape, { headers: { Cookie: cookie } });
      expect(r.status).toBe(404);
      expect(r.text).not.toContain('TOP-SECRET');
    }
  });

  it('listens on 127.0.0.1 only', async () => {
    expect(host.address).toBe('127.0.0.1');
    await expect(startHost({ dbPath, host: '0.0.0.0' })).rejects.toThrow('127.0.0.1');
    const external = Object.values(os.networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    if (external) {
      const refused = await new Promise<boolean>((resolve) => {
        const req = http.get({ host: external.address, port: host.port, path: '/', timeout: 2000 }, () =>
          resolve(false),
        );
        req.on('error', () => resolve(true));
        req.on('timeout', () => {
          req.destroy();
          resolve(true);
        });
      });
      expect(refused).toBe(true);
    }
  });
});

describe('the web host over the real services', () => {
  it('serves valid calls through the real services on a fresh database', async () => {
    const own = await startHost({ dbPath, rendererDir });
    const api = (method: string, input: unknown) =>
      fetch(`http://127.0.0.1:${own.port}/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Appraisal-Token': own.token },
        body: JSON.stringify(input ?? {}),
      }).then(async (res) => {
        const body = (await res.json()) as any;
        return { status: res.status, json: () => body };
      });
    try {
      const r = await api('getSettings', {});
      expect(r.status).toBe(200);
      const settings = r.json().result;
      expect(settings.dbPath).toBe(dbPath);
      const notFound = await api('getScheme', { year: 2024, scheme: 'NOPE' });
      expect(notFound.status).toBe(404);
      expect(notFound.json().error.code).toBe('NOT_FOUND');
      expect(typeof settings.countyName).toBe('string');
      const saved = await api('saveSettings', { countyName: '测试县', appraiserName: '张三' });
      expect(saved.status).toBe(200);
      expect(saved.json().result).toMatchObject({ countyName: '测试县', appraiserName: '张三' });
      const years = await api('listYears', undefined);
      expect(years.status).toBe(200);
      expect(years.json().result).toEqual([]);
    } finally {
      await own.close();
    }
  });
});

describe('the data folder', () => {
  it('is APPRAISAL_DB when set, else the per-user folder named after the product', () => {
    expect(resolveDbPath({ APPRAISAL_DB: '/srv/x/a.sqlite' }, 'linux')).toBe('/srv/x/a.sqlite');
    expect(resolveDbPath({ XDG_CONFIG_HOME: '/home/u/.config' }, 'linux')).toBe(
      '/home/u/.config/县域卫生绩效考核工作站/appraisal.sqlite',
    );
    expect(defaultDataFolder({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32')).toContain(
      '县域卫生绩效考核工作站',
    );
    expect(defaultDataFolder({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32')).toContain('Roaming');
  });
});

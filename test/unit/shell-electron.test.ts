/**
 * The Electron shell's security, with `electron` mocked: the real electron/main/index.ts is loaded
 * and everything it asks of Electron is recorded and checked.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';

type Handler = (...args: any[]) => any;

const fake = vi.hoisted(() => {
  // Services are faked below, so nothing is written here.
  const userData = '/nonexistent/shell-test-userdata';
  const state = {
    userData,
    windows: [] as any[],
    ipcHandlers: new Map<string, Handler>(),
    protocolHandlers: new Map<string, Handler>(),
    privileged: [] as any[],
    appEvents: new Map<string, Handler[]>(),
    sessionHandlers: {} as Record<string, Handler>,
    sessionEvents: new Map<string, Handler>(),
    menuTemplate: null as any,
    sandboxEnabled: false,
    openExternal: [] as unknown[],
  };
  function makeWebContents() {
    const events = new Map<string, Handler[]>();
    return {
      events,
      windowOpenHandler: null as Handler | null,
      on(name: string, fn: Handler) {
        events.set(name, [...(events.get(name) ?? []), fn]);
        return this;
      },
      setWindowOpenHandler(fn: Handler) {
        this.windowOpenHandler = fn;
      },
      send: () => undefined,
      isDestroyed: () => false,
    };
  }
  class BrowserWindow {
    options: any;
    webContents = makeWebContents();
    loaded: string[] = [];
    constructor(options: any) {
      this.options = options;
      state.windows.push(this);
    }
    loadURL(url: string) {
      this.loaded.push(url);
      return Promise.resolve();
    }
    once() {
      return this;
    }
    on() {
      return this;
    }
    show() {}
  }
  const on = (name: string, fn: Handler) => {
    state.appEvents.set(name, [...(state.appEvents.get(name) ?? []), fn]);
  };
  const electron = {
    app: {
      isPackaged: true,
      setName: () => undefined,
      enableSandbox: () => {
        state.sandboxEnabled = true;
      },
      requestSingleInstanceLock: () => true,
      on,
      whenReady: () => Promise.resolve(),
      getPath: (name: string) => (name === 'userData' ? state.userData : '/nonexistent/shell-test-documents'),
      getVersion: () => '0.1.0',
      quit: () => undefined,
    },
    BrowserWindow,
    ipcMain: {
      handle: (ch: string, fn: Handler) => state.ipcHandlers.set(ch, fn),
      removeHandler: (ch: string) => state.ipcHandlers.delete(ch),
    },
    protocol: {
      registerSchemesAsPrivileged: (s: any[]) => state.privileged.push(...s),
      handle: (scheme: string, fn: Handler) => state.protocolHandlers.set(scheme, fn),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: Handler) => (state.sessionHandlers.request = fn),
        setPermissionCheckHandler: (fn: Handler) => (state.sessionHandlers.check = fn),
        webRequest: { onHeadersReceived: (fn: Handler) => (state.sessionHandlers.headers = fn) },
        on: (name: string, fn: Handler) => state.sessionEvents.set(name, fn),
      },
    },
    Menu: {
      buildFromTemplate: (t: any) => {
        state.menuTemplate = t;
        return t;
      },
      setApplicationMenu: () => undefined,
    },
    dialog: {
      showErrorBox: () => undefined,
      showMessageBox: () => Promise.resolve({ response: 0 }),
      showOpenDialog: vi.fn(),
      showSaveDialog: vi.fn(),
    },
    shell: {
      openExternal: (u: unknown) => state.openExternal.push(u),
      openPath: () => Promise.resolve(''),
    },
  };
  return { state, electron, makeWebContents };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

// The shell is tested on its own: a small fake service layer records what reaches it.
const calls = vi.hoisted(() => [] as { method: string; input: unknown }[]);
vi.mock('../../electron/services', () => ({
  openServices: async () =>
    new Proxy(
      {},
      {
        get: (_t, method: string) =>
          method === 'then'
            ? undefined
            : async (input: unknown) => {
                calls.push({ method, input });
                if (method === 'getSettings')
                  return { countyName: '测试县', appraiserName: '', dataFolder: '', dbPath: '' };
                return null;
              },
      },
    ),
}));

const { state } = fake;

beforeAll(async () => {
  await import('../../electron/main/index');
  // whenReady().then(async …): let the startup chain run.
  for (let i = 0; i < 20 && state.windows.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
});

const appFrame = { url: 'app://appraisal/index.html', parent: null };
function ipcEvent(frame: { url: string; parent: unknown } | null) {
  return { senderFrame: frame, sender: fake.makeWebContents() };
}
async function ipcCall(frame: { url: string; parent: unknown } | null, message: unknown) {
  const handler = state.ipcHandlers.get('api:call');
  if (!handler) throw new Error('api:call not registered');
  return handler(ipcEvent(frame), message);
}

describe('the main window', () => {
  it('is one 1366×768 window with a sandboxed, isolated renderer and no Node', () => {
    expect(state.windows).toHaveLength(1);
    const o = state.windows[0].options;
    expect(o.width).toBe(1366);
    expect(o.height).toBe(768);
    const wp = o.webPreferences;
    expect(wp.contextIsolation).toBe(true);
    expect(wp.sandbox).toBe(true);
    expect(wp.nodeIntegration).toBe(false);
    expect(wp.nodeIntegrationInWorker).toBe(false);
    expect(wp.webSecurity).toBe(true);
    expect(wp.webviewTag).toBe(false);
    expect(wp.allowRunningInsecureContent).toBe(false);
    expect(wp.preload).toMatch(/preload[\\/]index\.cjs$/);
    expect(state.sandboxEnabled).toBe(true);
  });

  it('loads the renderer from app://, never a dev server when packaged', () => {
    expect(state.windows[0].loaded).toEqual(['app://appraisal/index.html']);
    const scheme = state.privileged.find((s) => s.scheme === 'app');
    expect(scheme.privileges).toMatchObject({ standard: true, secure: true });
    expect(state.protocolHandlers.has('app')).toBe(true);
  });

  it('denies navigation away from the app and every new window', () => {
    const wc = state.windows[0].webContents;
    const navigate = wc.events.get('will-navigate')![0]!;
    const away = { preventDefault: vi.fn() };
    navigate(away, 'https://example.com/');
    expect(away.preventDefault).toHaveBeenCalled();
    const fileNav = { preventDefault: vi.fn() };
    navigate(fileNav, 'file:///etc/passwd');
    expect(fileNav.preventDefault).toHaveBeenCalled();
    const inside = { preventDefault: vi.fn() };
    navigate(inside, 'app://appraisal/index.html#/results');
    expect(inside.preventDefault).not.toHaveBeenCalled();
    expect(wc.windowOpenHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(wc.windowOpenHandler!({ url: 'app://appraisal/index.html' })).toEqual({ action: 'deny' });
    const webview = { preventDefault: vi.fn() };
    wc.events.get('will-attach-webview')![0]!(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('hardens any other web contents the app creates, too', () => {
    const created = state.appEvents.get('web-contents-created')![0]!;
    const wc = fake.makeWebContents();
    created({}, wc);
    expect(wc.windowOpenHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    const away = { preventDefault: vi.fn() };
    wc.events.get('will-navigate')![0]!(away, 'http://127.0.0.1:5173/');
    expect(away.preventDefault).toHaveBeenCalled();
  });

  it('refuses every permission request and check', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      state.sessionHandlers.request!({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(state.sessionHandlers.check!({}, permission)).toBe(false);
    }
  });

  it('puts a strict CSP on every response', () => {
    const callback = vi.fn();
    state.sessionHandlers.headers!({ responseHeaders: { 'Content-Type': ['text/html'] } }, callback);
    const headers = callback.mock.calls[0]![0].responseHeaders;
    const csp = headers['Content-Security-Policy'][0] as string;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).not.toMatch(/https?:/);
    expect(csp).toContain("object-src 'none'");
    expect(headers['Content-Type']).toEqual(['text/html']);
  });

  it('cancels downloads from anywhere but the page itself', () => {
    const willDownload = state.sessionEvents.get('will-download')!;
    const remote = { preventDefault: vi.fn() };
    willDownload(remote, { getURL: () => 'https://example.com/x.exe' });
    expect(remote.preventDefault).toHaveBeenCalled();
    const blob = { preventDefault: vi.fn() };
    willDownload(blob, { getURL: () => 'blob:app://appraisal/6f1e' });
    expect(blob.preventDefault).not.toHaveBeenCalled();
  });

  it('never calls shell.openExternal', () => {
    expect(state.openExternal).toEqual([]);
  });

  it('has a Chinese menu: 文件, 编辑, 视图, 帮助', () => {
    const labels = (state.menuTemplate as { label: string }[]).map((m) => m.label.replace(/\(&.\)$/, ''));
    expect(labels).toEqual(['文件', '编辑', '视图', '帮助']);
    const all = JSON.stringify(state.menuTemplate);
    expect(all).not.toContain('开发者工具'); // packaged: no devtools entry
  });
});

describe('IPC', () => {
  it('answers our own page through the generic dispatcher', async () => {
    calls.length = 0;
    const r = await ipcCall(appFrame, { callId: 1, method: 'getSettings' });
    expect(r).toEqual({ ok: true, result: { countyName: '测试县', appraiserName: '', dataFolder: '', dbPath: '' } });
    expect(calls.map((c) => c.method)).toEqual(['getSettings']);
  });

  it('refuses a foreign sender frame before calling anything', async () => {
    calls.length = 0;
    for (const frame of [
      { url: 'https://evil.example/index.html', parent: null },
      { url: 'http://127.0.0.1:5173/', parent: null },
      { url: 'file:///tmp/x.html', parent: null },
      { url: 'app://appraisal/index.html', parent: { url: 'app://appraisal/' } }, // an iframe
      null,
    ]) {
      const r = await ipcCall(frame, { callId: 1, method: 'getSettings' });
      expect(r.ok).toBe(false);
      expect(r.error.message).toContain('拒绝');
    }
    expect(calls).toEqual([]);
  });

  it('refuses an unknown method', async () => {
    calls.length = 0;
    for (const method of ['constructor', '__proto__', 'toString', 'close', 'eval', 42]) {
      const r = await ipcCall(appFrame, { callId: 1, method, input: {} });
      expect(r).toMatchObject({ ok: false, error: { code: 'INPUT' } });
      expect(r.error.message).toContain('未知的调用');
    }
    expect(calls).toEqual([]);
  });

  it('refuses invalid input with INPUT and the field path', async () => {
    calls.length = 0;
    const r = await ipcCall(appFrame, { callId: 1, method: 'listSchemes', input: { year: '二〇二四' } });
    expect(r.ok).toBe(false);
    expect(r.error.code).toBe('INPUT');
    // The path names the field (its exact spelling is the schemas' describeIssues).
    expect(r.error.problems.some((p: { path: string }) => /(^|\.)year$/.test(p.path))).toBe(true);
    expect(r.error.message).toContain('year');
    const extra = await ipcCall(appFrame, { callId: 2, method: 'unlock', input: { year: 2024, scheme: 'EX' } });
    expect(extra.error.code).toBe('INPUT'); // the reason is required
    expect(calls).toEqual([]);
  });

  it('passes validated input on', async () => {
    calls.length = 0;
    const r = await ipcCall(appFrame, {
      callId: 3,
      method: 'unlock',
      input: { year: 2024, scheme: 'EX', reason: '更正数据' },
    });
    expect(r).toEqual({ ok: true, result: null });
    expect(calls).toEqual([{ method: 'unlock', input: { year: 2024, scheme: 'EX', reason: '更正数据' } }]);
  });

  it('validates the dialog methods too', async () => {
    const r = await ipcCall(appFrame, { callId: 4, method: 'saveFile', input: { file: { fileName: 'a.xlsx' } } });
    expect(r).toMatchObject({ ok: false, error: { code: 'INPUT' } });
  });
});

describe('the app:// protocol', () => {
  it('serves the built renderer with the CSP and nothing outside it', async () => {
    const { appProtocolResponse } = await import('../../electron/main/protocol');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'shell-renderer-'));
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>县域</title>');
    writeFileSync(path.join(dir, 'assets', 'a.js'), 'console.log(1)');
    writeFileSync(path.join(os.tmpdir(), 'shell-secret.txt'), 'secret');
    const index = await appProtocolResponse(dir, 'app://appraisal/index.html');
    expect(index.status).toBe(200);
    expect(index.headers.get('Content-Security-Policy')).toContain("default-src 'self'");
    expect(await index.text()).toContain('县域');
    const js = await appProtocolResponse(dir, 'app://appraisal/assets/a.js');
    expect(js.headers.get('Content-Type')).toContain('javascript');
    for (const bad of [
      'app://appraisal/../shell-secret.txt',
      'app://appraisal/%2e%2e/shell-secret.txt',
      'app://appraisal/assets/..%2f..%2fshell-secret.txt',
      'app://other/index.html',
    ]) {
      expect((await appProtocolResponse(dir, bad)).status).toBe(404);
    }
  });
});

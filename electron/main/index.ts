/**
 * Electron main process: wires the hardened window, the app:// protocol, the IPC dispatcher, the
 * long-work worker and the Chinese menu. The database lives in userData/appraisal.sqlite.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, session, shell, utilityProcess } from 'electron';
import { openServices } from '../services';
import { createDispatcher, type Dispatch } from '../gateway/dispatch';
import { createShellHandlers } from './dialogs';
import { registerIpc } from './ipc';
import { createWorkerRunner, restartingWorkerOnDatabaseChange, type WorkerLike } from '../gateway/long-work';
import { buildMenuTemplate } from './menu';
import { registerAppScheme, serveRendererOverAppScheme } from './protocol';
import { CSP } from '../gateway/csp';
import { devCsp, hardenSession, hardenWebContents, trustedOrigins } from './security';
import { createMainWindow, PRODUCT_NAME } from './window';

const here = path.dirname(fileURLToPath(import.meta.url));
const preloadPath = path.join(here, '../preload/index.cjs');
const rendererDir = path.join(here, '../renderer');
const workerPath = path.join(here, 'worker.js');

// A dev server only in development, never in a packaged app.
const devUrl = !app.isPackaged && process.env.ELECTRON_RENDERER_URL ? process.env.ELECTRON_RENDERER_URL : undefined;
const origins = trustedOrigins(devUrl);

/** Long work runs in a utility process (Node in its own process, asar-aware) so the window never stalls. */
function spawnUtility(dbPath: string): WorkerLike {
  const child = utilityProcess.fork(workerPath, [], {
    serviceName: `${PRODUCT_NAME}后台任务`,
    stdio: 'inherit',
    env: { ...process.env, APPRAISAL_WORKER_DB: dbPath },
  });
  return {
    postMessage: (m) => child.postMessage(m),
    on: (event: 'message' | 'error' | 'exit', listener: (arg: never) => void) => {
      if (event === 'error')
        child.on('error', (type, location) => (listener as (e: Error) => void)(new Error(`${type} ${location}`)));
      else child.on(event as 'message', listener as (m: unknown) => void);
    },
    terminate: async () => {
      child.kill();
      return 0;
    },
  } as WorkerLike;
}

app.setName(PRODUCT_NAME);
app.enableSandbox();
registerAppScheme();

// Every web contents (including any the page might try to create) gets the same denials.
app.on('web-contents-created', (_e, contents) => hardenWebContents(contents, origins));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | null = null;
  let shutdown: (() => Promise<void>) | null = null;

  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });

  void app.whenReady().then(async () => {
    const dataFolder = app.getPath('userData');
    const dbPath = path.join(dataFolder, 'appraisal.sqlite');
    let services;
    try {
      services = await openServices({ dbPath });
    } catch (e) {
      dialog.showErrorBox(PRODUCT_NAME, `无法打开数据库：${dbPath}\n${e instanceof Error ? e.message : String(e)}`);
      app.quit();
      return;
    }
    const open = services;
    // The worker opens whichever file is open now: the real database or the demo (openDemo).
    const runner = createWorkerRunner(() => spawnUtility(open.ctx.dbPath));
    // After a restore, or a switch to the demo database and back, the worker restarts on the current file.
    const dispatch: Dispatch = restartingWorkerOnDatabaseChange(
      createDispatcher({ services, runLong: runner.run }),
      runner,
    );

    hardenSession(session.defaultSession, origins, devUrl ? devCsp(devUrl) : CSP);
    serveRendererOverAppScheme(rendererDir);
    registerIpc({
      ipcMain,
      dispatch,
      origins,
      shell: createShellHandlers({
        dialog,
        window: () => mainWindow,
        documentsFolder: () => app.getPath('documents'),
      }),
    });

    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        buildMenuTemplate({
          isDev: !app.isPackaged,
          // Our own folder, never a path from the page.
          openDataFolder: () => void shell.openPath(dataFolder),
          about: () =>
            void dialog.showMessageBox({
              type: 'info',
              title: '关于',
              message: PRODUCT_NAME,
              detail: `版本 ${app.getVersion()}\n数据文件：${open.ctx.dbPath}`,
              buttons: ['确定'],
            }),
        }),
      ),
    );

    mainWindow = createMainWindow({ preloadPath, origins, devUrl });
    mainWindow.on('closed', () => (mainWindow = null));

    shutdown = async () => {
      await runner.close();
      const closable = services as unknown as { close?: () => unknown };
      await closable.close?.();
    };
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (!shutdown) return;
    const s = shutdown;
    shutdown = null;
    event.preventDefault();
    void s().finally(() => app.quit());
  });
}

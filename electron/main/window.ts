/** The one main window, laid out for 1366×768 office screens, hardened before any page loads. */
import { BrowserWindow } from 'electron';
import { APP_ORIGIN, hardenWindow, webPreferences } from './security';

import { PRODUCT_NAME } from '../../shared/product';

export { PRODUCT_NAME };

export interface WindowOptions {
  preloadPath: string;
  origins: readonly string[];
  /** Dev server URL (only when not packaged and ELECTRON_RENDERER_URL is set). */
  devUrl?: string;
}

export function rendererEntryUrl(devUrl?: string): string {
  return devUrl ?? `${APP_ORIGIN}/index.html`;
}

export function createMainWindow(o: WindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1366,
    height: 768,
    minWidth: 1024,
    minHeight: 640,
    title: PRODUCT_NAME,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: webPreferences(o.preloadPath),
  });
  hardenWindow(win, o.origins);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(rendererEntryUrl(o.devUrl));
  return win;
}

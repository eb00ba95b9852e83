import { BrowserWindow } from 'electron';
import { rendererEntryUrl, secureWebPreferences } from './security';

export function createMainWindow(preloadPath: string, title: string): BrowserWindow {
  const window = new BrowserWindow({
    title,
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 500,
    show: false,
    webPreferences: secureWebPreferences(preloadPath),
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(rendererEntryUrl);
  return window;
}

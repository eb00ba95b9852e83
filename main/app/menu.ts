import type { MenuItemConstructorOptions } from 'electron';

/** The application menu: standard roles, developer tools only in development builds. */
export function buildMenuTemplate(options: {
  appName: string;
  isMac: boolean;
  isDev: boolean;
}): MenuItemConstructorOptions[] {
  const { appName, isMac, isDev } = options;
  const view: MenuItemConstructorOptions[] = [
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  if (isDev) view.unshift({ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' });

  return [
    ...(isMac ? [{ label: appName, role: 'appMenu' } as MenuItemConstructorOptions] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
  ];
}

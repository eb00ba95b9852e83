/**
 * The security baseline of the design, in one place: web preferences, what a page may navigate to
 * or open, which permissions it gets. Every decision here is tested with a mocked `electron`.
 */
import type { Session, Shell, WebContents, WebPreferences } from 'electron';

export const rendererScheme = 'app';
export const rendererHost = 'hubdesk';
export const rendererEntryUrl = `${rendererScheme}://${rendererHost}/index.html`;

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
  };
}

/** True for pages of the app itself (`app://hubdesk/...`), false for anything else. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${rendererScheme}:` && parsed.host === rendererHost;
  } catch {
    return false;
  }
}

/** Links the agent may open in the system browser: https only, no credentials in the URL. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

/** Only notifications, and only for the app's own pages; everything else is denied. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((contents, permission, callback) => {
    callback(permission === 'notifications' && isAppUrl(contents.getURL()));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => {
    return permission === 'notifications' && isAppUrl(requestingOrigin);
  });
}

/**
 * Applied to every web contents the app creates: no navigation away from the app, no new windows
 * (an https link the agent clicked opens in the system browser instead), no webviews.
 */
export function hardenWebContents(contents: WebContents, shell: Pick<Shell, 'openExternal'>): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

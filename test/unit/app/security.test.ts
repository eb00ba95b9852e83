import { describe, expect, it, vi } from 'vitest';
import {
  hardenSession,
  hardenWebContents,
  isSafeExternalUrl,
  secureWebPreferences,
} from '../../../main/app/security';
import { createFakeElectron, FakeWebContents } from './fake-electron';

type Contents = Parameters<typeof hardenWebContents>[0];
type Session = Parameters<typeof hardenSession>[0];

function navigationEvent() {
  return { preventDefault: vi.fn() };
}

describe('the window security baseline', () => {
  it('isolates and sandboxes the renderer with no Node access', () => {
    expect(secureWebPreferences('/app/preload.cjs')).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('refuses navigation to anything but the app and allows the app itself', () => {
    const contents = new FakeWebContents(1);
    hardenWebContents(contents as unknown as Contents, { openExternal: vi.fn() });

    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'http://127.0.0.1:9/']) {
      const event = navigationEvent();
      contents.emit('will-navigate', event, url);
      expect(event.preventDefault, url).toHaveBeenCalled();
    }
    const inside = navigationEvent();
    contents.emit('will-navigate', inside, 'app://hubdesk/index.html');
    expect(inside.preventDefault).not.toHaveBeenCalled();
  });

  it('refuses webviews', () => {
    const contents = new FakeWebContents(1);
    hardenWebContents(contents as unknown as Contents, { openExternal: vi.fn() });
    const event = navigationEvent();
    contents.emit('will-attach-webview', event);
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('opens no new window; an https link goes to the system browser, nothing else does', () => {
    const openExternal = vi.fn(() => Promise.resolve());
    const contents = new FakeWebContents(1);
    hardenWebContents(contents as unknown as Contents, { openExternal });
    const open = contents.windowOpenHandler!;

    expect(open({ url: 'https://hubsoft.example/ajuda' })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://hubsoft.example/ajuda');

    openExternal.mockClear();
    for (const url of [
      'http://example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'https://u:p@x.example/',
    ]) {
      expect(open({ url })).toEqual({ action: 'deny' });
    }
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('grants notifications to the app only and denies every other permission', () => {
    const { session } = createFakeElectron();
    hardenSession(session as unknown as Session);
    const ask = (url: string, permission: string) => {
      let granted: boolean | undefined;
      session.permissionRequest!(
        { getURL: () => url },
        permission,
        (value: boolean) => (granted = value),
      );
      return granted;
    };
    expect(ask('app://hubdesk/index.html', 'notifications')).toBe(true);
    expect(ask('app://hubdesk/index.html', 'media')).toBe(false);
    expect(ask('app://hubdesk/index.html', 'geolocation')).toBe(false);
    expect(ask('https://evil.example/', 'notifications')).toBe(false);
    expect(session.permissionCheck!(null, 'notifications', 'app://hubdesk')).toBe(true);
    expect(session.permissionCheck!(null, 'clipboard-read', 'app://hubdesk')).toBe(false);
  });

  it('treats only plain https addresses as safe to open outside', () => {
    expect(isSafeExternalUrl('https://a.example/x')).toBe(true);
    expect(isSafeExternalUrl('not a url')).toBe(false);
  });
});

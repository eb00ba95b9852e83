import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createFilePicker,
  createOnlineHint,
  outboxBadgeCount,
  unpackedFromAsar,
} from '../../../main/app/native';

type Dialog = Parameters<typeof createFilePicker>[0];
type Window = ReturnType<Parameters<typeof createFilePicker>[1]>;

afterEach(() => vi.useRealTimers());

describe('the native file picker', () => {
  it('opens a multi-file dialog on the main window and answers the chosen paths', async () => {
    const showOpenDialog = vi.fn(async () => ({
      canceled: false,
      filePaths: ['/a.pdf', '/b.png'],
    }));
    const window = { id: 1 } as unknown as Window;
    const pick = createFilePicker({ showOpenDialog } as unknown as Dialog, () => window);
    expect(await pick()).toEqual(['/a.pdf', '/b.png']);
    expect(showOpenDialog).toHaveBeenCalledWith(window, {
      properties: ['openFile', 'multiSelections'],
    });
  });

  it('answers no paths when the agent cancels', async () => {
    const showOpenDialog = vi.fn(async () => ({ canceled: true, filePaths: ['/ignored'] }));
    const pick = createFilePicker({ showOpenDialog } as unknown as Dialog, () => null);
    expect(await pick()).toEqual([]);
  });
});

describe('the OS online hint', () => {
  it('tells listeners only when the OS changes its mind', () => {
    vi.useFakeTimers();
    let online = true;
    const hint = createOnlineHint({ isOnline: () => online }, 1000);
    const seen: boolean[] = [];
    const stop = hint.onChange((value) => seen.push(value));
    vi.advanceTimersByTime(3000);
    online = false;
    vi.advanceTimersByTime(1000);
    vi.advanceTimersByTime(5000);
    online = true;
    vi.advanceTimersByTime(1000);
    stop();
    online = false;
    vi.advanceTimersByTime(5000);
    expect(seen).toEqual([false, true]);
    expect(hint.current()).toBe(false);
  });
});

describe('the store worker address in a packaged app', () => {
  it('points into app.asar.unpacked, where worker threads can read it', () => {
    const packaged = new URL('file:///opt/HubDesk/resources/app.asar/out/main/store-worker.js');
    expect(unpackedFromAsar(packaged).href).toBe(
      'file:///opt/HubDesk/resources/app.asar.unpacked/out/main/store-worker.js',
    );
  });

  it('leaves a development path as it is', () => {
    const dev = new URL('file:///work/hubdesk/out/main/store-worker.js');
    expect(unpackedFromAsar(dev).href).toBe(dev.href);
  });
});

describe('the outbox badge', () => {
  it('counts what the agent still has to send or look at', () => {
    expect(outboxBadgeCount({ queued: 2, sending: 1, failed: 1, needsAttention: 3 })).toBe(6);
    expect(outboxBadgeCount({ queued: 0, sending: 4, failed: 0, needsAttention: 0 })).toBe(0);
  });
});

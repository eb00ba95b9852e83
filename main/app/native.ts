/**
 * What only Electron can give the core: the native file picker and the OS's online hint. Each is
 * a small function so the entry stays glue and the decisions stay testable.
 */
import type { BrowserWindow, Dialog, Net } from 'electron';

/** The native "open file" dialog, several files at once; cancelling answers no paths. */
export function createFilePicker(
  dialog: Pick<Dialog, 'showOpenDialog'>,
  getWindow: () => BrowserWindow | null,
) {
  return async (): Promise<string[]> => {
    const window = getWindow();
    const options = {
      properties: ['openFile', 'multiSelections'] as Array<'openFile' | 'multiSelections'>,
    };
    const result = window
      ? await dialog.showOpenDialog(window, options)
      : await dialog.showOpenDialog(options);
    return result.canceled ? [] : result.filePaths;
  };
}

/**
 * Electron reports connectivity changes only to the renderer, so main checks `net.isOnline()` at
 * an interval; the core treats it as a hint next to real request outcomes.
 */
export function createOnlineHint(net: Pick<Net, 'isOnline'>, intervalMs = 10_000) {
  return {
    current: () => net.isOnline(),
    onChange(listener: (online: boolean) => void): () => void {
      let last = net.isOnline();
      const timer = setInterval(() => {
        const now = net.isOnline();
        if (now !== last) listener((last = now));
      }, intervalMs);
      timer.unref();
      return () => clearInterval(timer);
    },
  };
}

/**
 * worker_threads cannot read from the asar archive, so the store worker is unpacked beside it
 * (electron-builder.yml `asarUnpack`); in a packaged app its address must point there.
 */
export function unpackedFromAsar(url: URL): URL {
  return new URL(url.href.replace(/\/app\.asar\//, '/app.asar.unpacked/'));
}

/**
 * The dock (macOS) or launcher (Linux) badge: what the agent still has to send or look at. Sent
 * actions and ones on their way are not the agent's concern.
 */
export function outboxBadgeCount(counts: {
  queued: number;
  sending: number;
  failed: number;
  needsAttention: number;
}): number {
  return counts.queued + counts.failed + counts.needsAttention;
}

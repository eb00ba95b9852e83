/**
 * Where the store worker's code is. In the Electron bundle it is `store-worker.js` beside the
 * running `index.js`; from TypeScript sources (tests, tsx) it is `worker-entry.ts`, loaded
 * through tsx.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface StoreWorkerLocation {
  url: URL;
  execArgv: string[];
}

const builtWorkerName = 'store-worker.js';

/** A worker file given by the caller: TypeScript sources are loaded through tsx. */
export function workerAt(location: URL | string): StoreWorkerLocation {
  const url =
    location instanceof URL
      ? location
      : location.startsWith('file:')
        ? new URL(location)
        : pathToFileURL(location);
  return { url, execArgv: url.pathname.endsWith('.ts') ? ['--import', 'tsx'] : [] };
}

/**
 * Prefers a built worker beside `moduleUrl` (the running bundle), else the TypeScript entry
 * beside it (this folder, when running from sources).
 */
export function resolveStoreWorker(moduleUrl: URL | string = import.meta.url): StoreWorkerLocation {
  const built = new URL(`./${builtWorkerName}`, moduleUrl);
  if (existsSync(fileURLToPath(built))) return workerAt(built);
  return workerAt(new URL('./worker-entry.ts', moduleUrl));
}

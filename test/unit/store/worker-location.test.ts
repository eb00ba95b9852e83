import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveStoreWorker, workerAt } from '../../../main/store/worker-location';
import { tempDirs } from './fixtures';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

describe('store worker location', () => {
  it('uses the built store-worker.js beside the running bundle, without tsx', () => {
    const outMain = join(dirs.make(), 'out', 'main');
    mkdirSync(outMain, { recursive: true });
    writeFileSync(join(outMain, 'store-worker.js'), '');
    const location = resolveStoreWorker(pathToFileURL(join(outMain, 'index.js')));
    expect(location.url.href).toBe(pathToFileURL(join(outMain, 'store-worker.js')).href);
    expect(location.execArgv).toEqual([]);
  });

  it('falls back to the TypeScript entry through tsx when running from sources', () => {
    const location = resolveStoreWorker();
    expect(location.url.pathname.endsWith('/main/store/worker-entry.ts')).toBe(true);
    expect(location.execArgv).toEqual(['--import', 'tsx']);
  });

  it('accepts a worker path or URL from the caller', () => {
    expect(workerAt('/app/out/main/store-worker.js').execArgv).toEqual([]);
    expect(workerAt('file:///app/main/store/worker-entry.ts').execArgv).toEqual([
      '--import',
      'tsx',
    ]);
  });
});

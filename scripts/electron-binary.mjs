// Finds Electron's binary without triggering the download that `require('electron')` starts.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** @returns {{ path: string } | { path: null, reason: string }} */
export function findElectronBinary() {
  let packageDir;
  try {
    packageDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return { path: null, reason: 'the electron package is not installed (run npm ci)' };
  }
  const pathFile = path.join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override
    ? path.join(override, relative ?? 'electron')
    : relative && path.join(packageDir, 'dist', relative);
  if (candidate && existsSync(candidate)) return { path: candidate };
  return {
    path: null,
    reason:
      "Electron's binary is not installed here (it is downloaded on first use, and this machine " +
      'cannot reach the download server)',
  };
}

export function electronInstallScript() {
  return path.join(path.dirname(require.resolve('electron/package.json')), 'install.js');
}

// Finds Electron's binary without triggering the download that `require('electron')` starts.
import { spawnSync } from 'node:child_process';
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

/**
 * Runs Electron's own download script with its output kept: where the download server cannot be
 * reached it dies with a bare `TypeError: fetch failed`, which reads like a crash before the
 * friendly message. Answers whether it succeeded and, if not, its last words without the error's
 * class name, for that message.
 * @returns {{ ok: true } | { ok: false, detail: string }}
 */
export function installElectronQuietly(script = electronInstallScript()) {
  const result = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 120_000 });
  if (result.status === 0) return { ok: true };
  const lines = `${result.stderr ?? ''}\n${result.stdout ?? ''}`
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('at '));
  const last = lines.at(-1) ?? (result.error ? result.error.message : 'no output');
  return { ok: false, detail: last.replace(/^[\w.]*(Error|Exception):\s*/, '') };
}

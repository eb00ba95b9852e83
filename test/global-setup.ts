import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** The host's CLI test serves the built renderer: build it once when this checkout has not. */
export default function setup(): void {
  const root = path.resolve(import.meta.dirname, '..');
  const bundles = ['out/renderer/index.html', 'out/preload/index.cjs', 'out/main/index.js'];
  if (bundles.every((bundle) => existsSync(path.join(root, bundle)))) return;
  execFileSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], {
    cwd: root,
    stdio: 'inherit',
  });
}

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../support/host-process';

/** The host serves the built renderer: build it once if this run has not. */
export default function globalSetup(): void {
  if (existsSync(path.join(repoRoot, 'out/renderer/index.html'))) return;
  execFileSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
}

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { installElectronQuietly } from '../../../scripts/electron-binary.mjs';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A stand-in for Electron's install.js that does what it does offline. */
function script(body: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'hubdesk-electron-install-'));
  dirs.push(dir);
  const file = join(dir, 'install.js');
  writeFileSync(file, body);
  return file;
}

describe("npm start's attempt to fetch Electron", () => {
  it('keeps a failed download quiet and tells why in words, without the error class or stack', () => {
    const offline = script(
      "const error = new TypeError('fetch failed'); console.error(error.stack); process.exit(1);",
    );
    expect(installElectronQuietly(offline)).toEqual({ ok: false, detail: 'fetch failed' });
  });

  it('says so when the download worked', () => {
    expect(installElectronQuietly(script('process.exit(0);'))).toEqual({ ok: true });
  });
});

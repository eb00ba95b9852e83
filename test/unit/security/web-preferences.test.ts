import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { secureWebPreferences } from '../../../main/app/security';
import { loadElectronEntry, unloadElectronEntry } from './electron-entry';

const root = path.resolve(import.meta.dirname, '../../..');

/** Electron's security checklist, as the design asks for it: any weakening fails here. */
const baseline = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
};

afterEach(unloadElectronEntry);

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((entry) => {
    const full = path.join(folder, entry);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return entry.endsWith('.ts') ? [full] : [];
  });
}

describe('web preferences', () => {
  it('keep the whole security baseline', () => {
    expect(secureWebPreferences('/app/preload.cjs')).toEqual({
      preload: '/app/preload.cjs',
      ...baseline,
    });
  });

  it('are the baseline for the window the running entry opens', async () => {
    const { window } = await loadElectronEntry();
    const preferences = window.options.webPreferences as { preload: string };
    expect(preferences).toEqual(secureWebPreferences(preferences.preload));
  });

  it('come from the baseline for every window created anywhere in main', () => {
    const windows = sourceFiles(path.join(root, 'main')).flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return [...text.matchAll(/new BrowserWindow\(\{[\s\S]*?\n\s*\}\);/g)].map((match) => ({
        file: path.relative(root, file),
        options: match[0],
      }));
    });
    expect(windows.length).toBeGreaterThan(0);
    for (const { file, options } of windows) {
      expect(options, file).toMatch(/webPreferences:\s*secureWebPreferences\(/);
    }
  });

  it('are never weakened in the built main bundle', () => {
    const bundle = readFileSync(path.join(root, 'out/main/index.js'), 'utf8');
    const weakened = [
      /nodeIntegration(InWorker|InSubFrames)?\s*:\s*true/,
      /contextIsolation\s*:\s*false/,
      /sandbox\s*:\s*false/,
      /webSecurity\s*:\s*false/,
      /allowRunningInsecureContent\s*:\s*true/,
      /experimentalFeatures\s*:\s*true/,
      /webviewTag\s*:\s*true/,
      /enableBlinkFeatures/,
    ].filter((pattern) => pattern.test(bundle));
    expect(weakened).toEqual([]);
  });
});
